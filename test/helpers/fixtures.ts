import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Audience, FileResult, Kind } from '../../src/types.js';
import type { UserConfig } from '../../src/config/types.js';
import { lintText, lintFiles } from '../../src/api/lint.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'fixtures');
/** The fictional council the fixtures are written for. */
export const FIXTURE_CONFIG_FILE = path.join(FIXTURES, '.protocolrc.json');

export function fixtureConfig(): UserConfig {
  return JSON.parse(readFileSync(FIXTURE_CONFIG_FILE, 'utf8')) as UserConfig;
}

/** Check a snippet as a document of the given kind/audience with the fixture council's config. */
export async function check(
  text: string,
  opts: { kind?: Kind; audience?: Audience; filePath?: string; config?: UserConfig } = {},
): Promise<FileResult> {
  return lintText(text, { filePath: opts.filePath ?? 'snippet.txt', kind: opts.kind, audience: opts.audience, config: opts.config ?? fixtureConfig() });
}

export function ruleIdsOf(result: FileResult): string[] {
  return result.messages.map((m) => m.ruleId);
}

/** Check one fixture file on disk with the config found for it (fixtures/.protocolrc.json). */
export async function checkFile(file: string): Promise<FileResult> {
  const run = await lintFiles([file], { cwd: ROOT, noIgnore: true });
  return run.results[0]!;
}

export interface FixtureSet {
  ruleId: string;
  dir: string;
  valid: string[];
  invalid: string[];
}

/** fixtures/<family>/<rule>/{valid,invalid}/* for a rule id. */
export function fixturesFor(ruleId: string): FixtureSet {
  const dir = path.join(FIXTURES, ...ruleId.split('/'));
  const list = (sub: string) => {
    const d = path.join(dir, sub);
    return existsSync(d) ? readdirSync(d).filter((f) => !f.startsWith('.')).sort().map((f) => path.join(d, f)) : [];
  };
  return { ruleId, dir, valid: list('valid'), invalid: list('invalid') };
}
