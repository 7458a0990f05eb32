import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../src/api/lint.js';
import { rules as confidentialRules } from '../../rules/confidential/index.js';
import { ROOT, fixturesFor } from '../helpers/fixtures.js';

/**
 * The confidential/ fixtures with only this family's rules (test/rules.fixtures.test.ts runs them with every
 * rule). Each invalid file gets a finding from its rule, each valid file none, expected.json lines are hit,
 * and every finding cites a clause and says what to do.
 */
const ids = confidentialRules.map((r) => r.meta.id);

async function run(file: string) {
  const out = await lintFiles([file], { cwd: ROOT, noIgnore: true, rules: confidentialRules });
  return out.results[0]!;
}

describe('confidential/ fixtures', () => {
  it('has at least 30 invalid and 30 valid cases', () => {
    const sets = ids.map(fixturesFor);
    expect(sets.reduce((n, s) => n + s.invalid.length, 0)).toBeGreaterThanOrEqual(30);
    expect(sets.reduce((n, s) => n + s.valid.length, 0)).toBeGreaterThanOrEqual(30);
  });
});

describe('confidential/ valid fixtures are clean for the whole family', () => {
  // the must-not-flag traps (Confidential Reporting Policy, OFFICIAL OPENING, restricted parking zone, no exempt
  // items, VAT-exempt, exclusion under paragraph 3, exempt papers to members, internal OFFICIAL-SENSITIVE, an
  // approved release, planning references, contact blocks, public registers, lifted exemptions) are valid
  // fixtures of one rule each; no confidential rule may fire on any of them
  const valid = ids.flatMap((id) => fixturesFor(id).valid);
  it.each(valid.map((f) => [path.relative(path.join(ROOT, 'fixtures/confidential'), f), f]))('%s', async (_name, file) => {
    const result = await run(file);
    expect(result.messages.map((m) => `${m.ruleId}@${m.line}: ${m.message}`)).toEqual([]);
  });
});

describe.each(ids)('%s', (ruleId) => {
  const set = fixturesFor(ruleId);
  const expectedFile = path.join(set.dir, 'expected.json');
  const expected = existsSync(expectedFile) ? (JSON.parse(readFileSync(expectedFile, 'utf8')) as Record<string, { lines?: number[]; severity?: number }>) : {};

  it.each(set.invalid.map((f) => [path.basename(f), f]))('flags invalid/%s', async (_name, file) => {
    const result = await run(file);
    expect(result.messages.filter((m) => m.ruleId.startsWith('input/')), file).toEqual([]);
    const hits = result.messages.filter((m) => m.ruleId === ruleId);
    expect(hits.length, `${ruleId} on ${file}: ${JSON.stringify(result.messages.map((m) => `${m.ruleId}@${m.line}`))}`).toBeGreaterThan(0);
    for (const h of hits) {
      expect(h.clause).toMatch(/para|Sch|s\.\d|Section/);
      expect(h.suggestion).toBeTruthy();
    }
    const want = expected[path.basename(file)];
    if (want?.lines) for (const line of want.lines) expect(hits.map((h) => h.line)).toContain(line);
    if (want?.severity) expect(hits.map((h) => h.severity)).toContain(want.severity);
  });

  it.each(set.valid.map((f) => [path.basename(f), f]))('passes valid/%s', async (_name, file) => {
    const result = await run(file);
    expect(result.messages.filter((m) => m.ruleId.startsWith('input/')), file).toEqual([]);
    const hits = result.messages.filter((m) => m.ruleId === ruleId);
    expect(hits, `unexpected ${ruleId} on ${file}: ${JSON.stringify(hits.map((h) => `${h.line}: ${h.message}`))}`).toEqual([]);
  });
});
