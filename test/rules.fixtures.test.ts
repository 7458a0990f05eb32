import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { ROOT, checkFile, fixturesFor } from './helpers/fixtures.js';

/**
 * Every registered rule has docs, valid and invalid fixtures, and its fixtures behave:
 * each invalid file gets at least one finding from the rule, each valid file none.
 * An optional fixtures/<family>/<rule>/expected.json maps an invalid file name to the 1-based lines
 * (or PDF pages) where the rule must report: { "draft.eml": { "lines": [14] } }.
 */
describe.each(allRules().map((r) => [r.meta.id, r] as const))('%s', (ruleId) => {
  const set = fixturesFor(ruleId);
  const expectedFile = path.join(set.dir, 'expected.json');
  const expected = existsSync(expectedFile)
    ? (JSON.parse(readFileSync(expectedFile, 'utf8')) as Record<string, { lines?: number[]; pages?: number[] }>)
    : {};

  it('has documentation citing its clause', () => {
    const [family, name] = ruleId.split('/');
    const doc = path.join(ROOT, 'rules', family!, `${name}.md`);
    expect(existsSync(doc), `${doc} is missing`).toBe(true);
    expect(readFileSync(doc, 'utf8')).toMatch(/para|paragraph|s\.\d|section|Code/i);
  });

  it('has valid and invalid fixtures', () => {
    expect(set.valid.length, `no fixtures in ${set.dir}/valid`).toBeGreaterThan(0);
    expect(set.invalid.length, `no fixtures in ${set.dir}/invalid`).toBeGreaterThan(0);
  });

  it.each(set.invalid.map((f) => [path.basename(f), f]))('flags invalid/%s', async (_name, file) => {
    const result = await checkFile(file);
    const hits = result.messages.filter((m) => m.ruleId === ruleId);
    expect(hits.length, `expected ${ruleId} on ${file}; got ${JSON.stringify(result.messages.map((m) => `${m.ruleId}@${m.line}`))}`).toBeGreaterThan(0);
    for (const h of hits) {
      expect(h.clause).toBeTruthy();
      expect(h.suggestion).toBeTruthy();
    }
    const want = expected[path.basename(file)];
    if (want?.lines) for (const line of want.lines) expect(hits.map((h) => h.line)).toContain(line);
    if (want?.pages) for (const page of want.pages) expect(hits.map((h) => h.page)).toContain(page);
  });

  it.each(set.valid.map((f) => [path.basename(f), f]))('passes valid/%s', async (_name, file) => {
    const result = await checkFile(file);
    const hits = result.messages.filter((m) => m.ruleId === ruleId);
    expect(hits, `unexpected ${ruleId} on ${file}: ${JSON.stringify(hits.map((h) => `${h.line}: ${h.message}`))}`).toEqual([]);
  });
});
