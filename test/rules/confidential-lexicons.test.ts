import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listLexicons, parseLexicon } from '../../src/language/lexicon.js';
import { ruleIds } from '../../rules/index.js';
import { rules as confidentialRules } from '../../rules/confidential/index.js';
import type { Audience, Kind } from '../../src/types.js';
import type { UserConfig } from '../../src/config/types.js';
import { defaultConfig } from '../../src/config/load.js';
import { lintText } from '../../src/api/lint.js';
import { fixtureConfig } from '../helpers/fixtures.js';

/**
 * The confidential/ lexicons on their own (test/lexicons.test.ts runs every family's with every rule; here only
 * this family's rules run, so another family's work in progress cannot hide a failure): each parses, names a confidential rule, and its examples behave.
 */
const lexicons = listLexicons()
  .filter((l) => l.family === 'confidential')
  .map((l) => ({ ...l, lexicon: parseLexicon(readFileSync(l.file, 'utf8'), l.file) }));

describe('confidential lexicons', () => {
  it('are all present', () => {
    expect(lexicons.map((l) => l.name).sort()).toEqual(['exempt-ground', 'exempt-grounds', 'group-briefing', 'markings', 'personal-data', 'release-signals', 'statutory-confidential']);
  });
});

describe.each(lexicons.map((l) => [`confidential/data/${l.name}.yml`, l] as const))('%s', (_name, l) => {
  const lex = l.lexicon;
  it('names a registered confidential rule', () => {
    expect(lex.rule?.startsWith('confidential/')).toBe(true);
    expect(ruleIds().has(lex.rule!)).toBe(true);
  });
  // resolved here: lintText takes a user config that happens to have "approvers" and "officers" for a resolved one
  const config = defaultConfig({ ...fixtureConfig(), ...(lex.examplesConfig ?? {}) } as UserConfig);
  const opts = { kind: (lex.examplesKind ?? 'email') as Kind, audience: lex.examplesAudience as Audience | undefined, config };
  const check = (text: string, o: typeof opts) => lintText(text, { filePath: 'snippet.txt', rules: confidentialRules, ...o });
  const flags = lex.entries.flatMap((e) => (e.examples?.flag ?? []).map((x) => [e.id, x] as const));
  const allows = lex.entries.flatMap((e) => (e.examples?.allow ?? []).map((x) => [e.id, x] as const));
  it.each(flags)('%s flags: %s', async (_id, text) => {
    const result = await check(text, opts);
    expect(result.messages.map((m) => m.ruleId), text).toContain(lex.rule);
  });
  it.each(allows)('%s allows: %s', async (_id, text) => {
    const result = await check(text, opts);
    expect(result.messages.filter((m) => m.ruleId === lex.rule).map((m) => m.message), text).toEqual([]);
  });
});
