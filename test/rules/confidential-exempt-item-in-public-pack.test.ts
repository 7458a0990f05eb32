import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, findRule, ruleIds } from '../../rules/index.js';
import { rules as confidentialRules } from '../../rules/confidential/index.js';
import { explainRule, listRules, ruleHelp } from '../../src/rules-docs.js';
import { validateConfig } from '../../src/config/schema.js';
import { lintFiles, lintText } from '../../src/api/lint.js';
import { defaultConfig } from '../../src/config/load.js';
import type { UserConfig } from '../../src/config/types.js';
import type { Audience, FileResult } from '../../src/types.js';
import { ROOT, fixtureConfig, fixturesFor } from '../helpers/fixtures.js';
import { hitsOf } from './confidential-helpers.js';

/**
 * confidential/exempt-item-in-public-pack in `check`: a pack read as one document (Markdown and text here; PDF
 * packs in test/audit/audit.test.ts, against the audit's own finding), its config levels, and its place in the
 * registry, `protocol-lint rules` and `protocol-lint explain`.
 */
const ID = 'confidential/exempt-item-in-public-pack';
const rule = findRule(ID)!;
const rules = confidentialRules;
const FIXTURE = path.join(ROOT, 'fixtures', 'confidential', 'exempt-item-in-public-pack');
const read = (name: string) => readFileSync(path.join(FIXTURE, name), 'utf8');

const PACK = read('invalid/public-pack-depot-report-printed.md');

/** Check a snippet with the confidential/ rules and this one, for the fixture council (Wexcombe). */
async function checkConf(text: string, opts: { filePath: string; audience?: Audience; config?: Partial<UserConfig> }): Promise<FileResult> {
  const config = defaultConfig({ ...fixtureConfig(), ...(opts.config ?? {}) } as UserConfig, opts.filePath);
  return lintText(text, { filePath: opts.filePath, audience: opts.audience, config, rules });
}

describe(`${ID} in check`, () => {
  it('reports the printed exempt item at its marking, with the item and its marking named', async () => {
    const r = await checkConf(PACK, { filePath: 'pack.md' });
    const hits = hitsOf(r, ID);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ severity: 2, line: 31, column: 3, excerpt: 'NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972' });
    expect(hits[0]!.message).toBe(
      'Item 5 (Castle Street depot: disposal) is marked exempt (NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972) but is printed in the public pack.',
    );
    expect(hits[0]!.clause).toBe('LGA 1972 s.100B(2) and Sch 12A; Blackburn with Darwen Section 3 para C 3.7');
    expect(hits[0]!.suggestion).toMatch(/title and the Schedule 12A paragraph.*Proper Officer/);
  });

  it('follows the config level: "warning" downgrades it, "off" stops it', async () => {
    const warning = await checkConf(PACK, { filePath: 'pack.md', config: { rules: { [ID]: 'warning' } } });
    expect(hitsOf(warning, ID).map((m) => m.severity)).toEqual([1]);
    const off = await checkConf(PACK, { filePath: 'pack.md', config: { rules: { [ID]: 'off' } } });
    expect(hitsOf(off, ID)).toEqual([]);
  });

  it('is a known rule id to config validation', () => {
    expect(ruleIds().has(ID)).toBe(true);
    expect(() => validateConfig({ rules: { [ID]: 'off' } }, '.protocolrc.json', ruleIds())).not.toThrow();
    expect(() => validateConfig({ rules: { [ID]: ['warning', {}] } }, '.protocolrc.json', ruleIds())).not.toThrow();
  });

  it('takes the audience forced by config overrides or --audience over what the pack says of itself', async () => {
    const members = read('valid/part2-pack-for-members.md');
    expect(hitsOf(await checkConf(members, { filePath: 'pack.md' }), ID)).toEqual([]);
    expect(hitsOf(await checkConf(members, { filePath: 'pack.md', audience: 'public' }), ID)).toHaveLength(2);
    expect(hitsOf(await checkConf(PACK, { filePath: 'pack.md', audience: 'members' }), ID)).toEqual([]);
  });

  it('does not treat a Part 2 heading between items as marking the items after it (Markdown and text)', async () => {
    const text = PACK.replace('## Agenda item 5: Castle Street depot: disposal\n\n**NOT FOR PUBLICATION** by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972\n', '## Part 2: exempt business\n\n## Agenda item 5: Castle Street depot: disposal\n');
    expect(text).not.toContain('NOT FOR PUBLICATION');
    expect(hitsOf(await checkConf(text, { filePath: 'pack.md' }), ID)).toEqual([]);
  });

  it('reads "Classification: Exempt" anywhere in an item as its marking, past its first lines', async () => {
    const text = [
      'WEXCOMBE BOROUGH COUNCIL',
      'Public reports pack',
      'CABINET - 8 April 2027',
      '',
      'Agenda item 3: Market ward parking review',
      'Report of: Director of Place',
      'Classification: Public',
      '1. The review of on-street parking in Market ward recommends new signs on Market Street and a loading bay on Mill Row.',
      '',
      'Agenda item 4: Quayside pool: operator contract',
      'Report of: Director of People',
      'Wards affected: Quayside',
      'Key decision: Yes',
      'Cabinet member: Cabinet Member for Housing',
      'Date of meeting: 8 April 2027',
      'Contact officer: Desmond Ollerenshaw',
      'Forward plan reference: FP/2027/09',
      'Lead officer: Desmond Ollerenshaw',
      'Report author: Desmond Ollerenshaw',
      'Portfolio: Housing',
      'Decision maker: Cabinet',
      'Ward members consulted: Cllr Greta Lindqvist-Hale and Cllr Ambrose Pettifer (briefing on 1 March 2027)',
      'Subject: Quayside pool',
      'Classification: Exempt - paragraph 3 of Part 1 of Schedule 12A',
      '1. The operator has offered a two-year extension at an annual fee of £389,500, which is £22,500 less than the current fee. Officers recommend that Cabinet accepts the offer.',
      '',
    ].join('\n');
    const hits = hitsOf(await checkConf(text, { filePath: 'pack.txt' }), ID);
    expect(hits.map((m) => m.message)).toEqual(['Item 4 (Quayside pool: operator contract) is marked exempt (Exempt - paragraph 3 of Part 1 of Schedule 12A) but is printed in the public pack.']);
  });

  it('does not fire on the valid fixtures of any confidential/ rule, nor on the examples', async () => {
    const files = [...confidentialRules.flatMap((r) => fixturesFor(r.meta.id).valid), path.join(ROOT, 'examples')];
    const run = await lintFiles(files, { cwd: ROOT, noIgnore: true, rules: [rule] });
    const hits = run.results.flatMap((r) => r.messages.filter((m) => m.ruleId === ID).map((m) => `${path.relative(ROOT, r.filePath)}:${m.line}`));
    expect(hits).toEqual([]);
  });

  it('leaves its own valid fixtures to the other confidential/ rules too: none of them fires there', async () => {
    const run = await lintFiles(fixturesFor(ID).valid, { cwd: ROOT, noIgnore: true, rules });
    const hits = run.results.flatMap((r) => r.messages.filter((m) => m.ruleId.startsWith('confidential/')).map((m) => `${path.basename(r.filePath)}:${m.ruleId}@${m.line}`));
    expect(hits).toEqual([]);
  });
});

describe(`${ID} in the registry, rules and explain`, () => {
  it('is registered once, with the meta every rule has', () => {
    expect(allRules().filter((r) => r.meta.id === ID)).toHaveLength(1);
    expect(rule.meta).toMatchObject({ family: 'confidential', defaultSeverity: 'error', kinds: ['agenda', 'report', 'other'] });
    expect(rule.meta.clause).toMatch(/s\.100B\(2\).*Sch 12A.*C 3\.7/);
    expect(rule.meta.description).toMatch(/exempt.*public pack/);
    expect(rule.meta.suggestion).toBeTruthy();
    // listed with its family
    const ids = allRules().map((r) => r.meta.id);
    const family = ids.filter((id) => id.startsWith('confidential/'));
    expect(family).toContain(ID);
    expect(ids.indexOf(ID)).toBeLessThan(ids.findIndex((id) => id.startsWith('ward/')));
  });

  it('is listed by `protocol-lint rules` (text and JSON)', () => {
    const text = listRules();
    const confidential = text.slice(text.indexOf('Confidential and exempt'), text.indexOf('Ward and division'));
    expect(confidential).toContain(ID);
    expect(confidential).toContain('LGA 1972 s.100B(2) and Sch 12A; Blackburn with Darwen Section 3 para C 3.7');
    const json = JSON.parse(listRules(true)) as Array<{ id: string; severity: string; kinds: unknown }>;
    expect(json.find((r) => r.id === ID)).toMatchObject({ severity: 'error', kinds: ['agenda', 'report', 'other'] });
  });

  it('is explained from its doc, which quotes Blackburn with Darwen C 3.7', () => {
    const help = ruleHelp(ID)!;
    expect(help).toBeTruthy();
    // as in the seed protocol (Section 3, part C, para 3.7)
    const quote = 'However, this right does not extend to seeing papers which contain confidential or exempt information such as information relating to individual service users or information which is commercially confidential.';
    expect(help.replace(/\s+/g, ' ')).toContain(quote);
    const text = explainRule(ID)!;
    expect(text).toContain(`${ID}\n${'='.repeat(ID.length)}`);
    expect(text).toContain('Default level:  error');
    expect(text).toContain('Applies to:     agenda, report, other');
    expect(text).toMatch(/## What it checks[\s\S]*## How to fix/);
    expect(text).toContain('Proper Officer');
  });
});
