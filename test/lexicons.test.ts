import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listLexicons, parseLexicon } from '../src/language/lexicon.js';
import { ruleIds } from '../rules/index.js';
import type { Audience, Kind } from '../src/types.js';
import type { UserConfig } from '../src/config/types.js';
import { check, fixtureConfig } from './helpers/fixtures.js';

/** Every lexicon parses, names a registered rule, and its examples behave as they say. */
const lexicons = listLexicons().map((l) => ({ ...l, lexicon: parseLexicon(readFileSync(l.file, 'utf8'), l.file) }));

describe.each(lexicons.map((l) => [`${l.family}/data/${l.name}.yml`, l] as const))('%s', (_name, l) => {
  const lex = l.lexicon;
  it('names a registered rule', () => {
    expect(lex.rule, 'lexicon needs "rule:"').toBeTruthy();
    expect(ruleIds().has(lex.rule!), `${lex.rule} is not registered`).toBe(true);
  });
  const config: UserConfig = { ...fixtureConfig(), ...(lex.examplesConfig ?? {}) } as UserConfig;
  const opts = { kind: (lex.examplesKind ?? 'email') as Kind, audience: lex.examplesAudience as Audience | undefined, config };
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
