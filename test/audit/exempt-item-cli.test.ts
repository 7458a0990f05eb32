/**
 * confidential/exempt-item-in-public-pack through the built binary (npm test builds first): listed by
 * `protocol-lint rules`, explained by `protocol-lint explain`, its level in .protocolrc.json followed by `audit`
 * (whose workers validate the config against the rules they load) and by `check`, and described in the HTML
 * report's table of rules like any other rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditReport } from '../../src/audit/types.js';
import type { FileResult } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { fixtureConfig } from '../helpers/fixtures.js';
import { makePdf, publicPackPages } from './packs.js';

const ID = 'confidential/exempt-item-in-public-pack';
let dir: string;

function exemptFindings(report: AuditReport): Array<[string | undefined, number, number | undefined]> {
  return report.files.flatMap((f) => f.items.flatMap((i) => i.messages.filter((m) => m.ruleId === ID).map((m) => [i.item, m.severity, m.page] as [string | undefined, number, number | undefined])));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-exempt-cli-'));
  const pack = await makePdf(publicPackPages());
  for (const [sub, level] of [['default', undefined], ['off', 'off'], ['warning', 'warning']] as const) {
    mkdirSync(path.join(dir, sub));
    writeFileSync(path.join(dir, sub, '.protocolrc.json'), JSON.stringify({ ...fixtureConfig(), ...(level ? { rules: { [ID]: level } } : {}) }));
    writeFileSync(path.join(dir, sub, 'cabinet.pdf'), pack);
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`${ID} in the CLI`, () => {
  it('is listed by `protocol-lint rules` with its family, level and clause', () => {
    const r = runCli(['rules'], { cwd: dir });
    expect(r.status).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.trim().startsWith(ID));
    expect(line).toMatch(/\berror\b.*exempt.*public pack/);
    expect(r.stdout).toContain('Clause: LGA 1972 s.100B(2) and Sch 12A; Blackburn with Darwen Section 3 para C 3.7');
  });

  it('is explained by `protocol-lint explain`', () => {
    const r = runCli(['explain', ID], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Default level:  error');
    expect(r.stdout).toContain('Blackburn with Darwen Section 3 para C 3.7');
    expect(r.stdout).toContain('## How to fix');
  });

  // one test per --jobs: three audits each, which under a loaded test run can take a while
  it.each(['2', '0'])('audit --jobs %s: reported at error by default, at warning when configured, not at all when off', (jobs) => {
    const expected: Record<string, Array<[string | undefined, number, number | undefined]>> = { default: [['7', 2, 7]], warning: [['7', 1, 7]], off: [] };
    for (const [sub, want] of Object.entries(expected)) {
      const r = runCli(['audit', '-f', 'json', '--jobs', jobs, sub], { cwd: dir, env: { CI: '' } });
      expect(r.stderr, `${sub} --jobs ${jobs}`).toBe('');
      expect(exemptFindings(JSON.parse(r.stdout) as AuditReport), `${sub} --jobs ${jobs}`).toEqual(want);
    }
  });

  it('check: the same levels on the pack read whole', () => {
    for (const [sub, want] of [['default', [2]], ['warning', [1]], ['off', []]] as const) {
      const r = runCli(['-f', 'json', path.join(sub, 'cabinet.pdf')], { cwd: dir });
      const results = JSON.parse(r.stdout) as FileResult[];
      expect(results[0]!.messages.filter((m) => m.ruleId === ID).map((m) => m.severity), sub).toEqual(want);
    }
  });

  it('describes the rule in the HTML report from its registered meta', () => {
    const r = runCli(['audit', '-o', 'audit.html', 'default'], { cwd: dir, env: { CI: '' } });
    expect(r.status).toBe(1);
    const html = readFileSync(path.join(dir, 'audit.html'), 'utf8');
    expect(html).toContain(`<td><code>${ID}</code></td><td>An agenda item marked exempt (Part 2, not for publication) is printed in the public pack.</td>`);
  });
});
