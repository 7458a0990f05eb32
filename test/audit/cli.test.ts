/**
 * `protocol-lint audit` and `protocol-lint merge` as a user runs them: the built binary in a child process
 * (worker threads only run from the built dist), over a folder of real packs, documents and broken files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditReport } from '../../src/audit/types.js';
import { execFileSync } from 'node:child_process';
import { BIN, runCli } from '../helpers/cli.js';
import { FIXTURE_CONFIG_FILE, FIXTURES } from '../helpers/fixtures.js';
import { DIRECTIVE_LINE, frontsheetOnlyPages, makePdf, publicPackPages, unstructuredPages } from './packs.js';

let dir: string;
let json: ReturnType<typeof runCli>;
let report: AuditReport;
const audit = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['audit', ...args], { cwd: dir, env: { CI: '', ...env } });

function parse(stdout: string): AuditReport {
  return JSON.parse(stdout) as AuditReport;
}

function relFiles(r: AuditReport): string[] {
  return r.files.map((f) => path.relative(dir, f.filePath).split(path.sep).join('/'));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-audit-cli-'));
  copyFileSync(FIXTURE_CONFIG_FILE, path.join(dir, '.protocolrc.json'));
  const at = (p: string) => {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    return path.join(dir, p);
  };
  writeFileSync(at('archive/packs/2027-03-11-cabinet.pdf'), await makePdf(publicPackPages()));
  writeFileSync(at('archive/packs/2027-02-02-planning.pdf'), await makePdf(frontsheetOnlyPages()));
  writeFileSync(at('archive/reports/local-plan.pdf'), await makePdf(unstructuredPages()));
  writeFileSync(at('archive/reports/bins-note.md'), `# Bin collections\n\n${DIRECTIVE_LINE}\n\nCollections in Thornby move to Tuesdays.\n`);
  writeFileSync(at('archive/reports/thanks.txt'), 'Thank you for your letter about the Abbey Fields play area. The new swings will be fitted in May.\n');
  copyFileSync(path.join(FIXTURES, 'ingest', 'bad', 'corrupt.pdf'), at('archive/broken/corrupt.pdf'));
  copyFileSync(path.join(FIXTURES, 'ingest', 'bad', 'encrypted.pdf'), at('archive/broken/encrypted.pdf'));
  copyFileSync(path.join(FIXTURES, 'ingest', 'bad', 'empty.txt'), at('archive/broken/empty.txt'));
  writeFileSync(at('clean/thanks.txt'), 'Thank you for your letter about the Abbey Fields play area.\n');
  writeFileSync(at('warnings-only/note.md'), `# Note\n\n${DIRECTIVE_LINE}\n\nCollections move to Tuesdays.\n`);
  writeFileSync(at('bad-config.json'), JSON.stringify({ wards: 'Castle' }));
  writeFileSync(at('unknown-rule.json'), JSON.stringify({ ...JSON.parse(readFileSync(FIXTURE_CONFIG_FILE, 'utf8')), rules: { 'officer/no-such-rule': 'error' } }));
  json = audit(['-f', 'json', 'archive']);
  report = parse(json.stdout);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('protocol-lint audit', () => {
  it('audits a folder recursively, finishes despite unreadable files, lists them, and exits 1', () => {
    expect(json.status).toBe(1);
    expect(relFiles(report)).toEqual([
      'archive/broken/corrupt.pdf',
      'archive/broken/empty.txt',
      'archive/broken/encrypted.pdf',
      'archive/packs/2027-02-02-planning.pdf',
      'archive/packs/2027-03-11-cabinet.pdf',
      'archive/reports/bins-note.md',
      'archive/reports/local-plan.pdf',
      'archive/reports/thanks.txt',
    ]);
    const unreadable = report.files.filter((f) => f.structure === 'unreadable');
    expect(unreadable.map((f) => path.basename(f.filePath))).toEqual(['corrupt.pdf', 'empty.txt', 'encrypted.pdf']);
    for (const f of unreadable) expect(f.items[0]!.messages[0]!.ruleId).toBe('input/unreadable');
    expect(unreadable[2]!.note).toMatch(/encrypted\.pdf is password-protected/);
    expect(report.summary.unreadable).toBe(3);
  });

  it('prints nothing but the report on stdout, and no progress when stderr is not a terminal', () => {
    expect(json.stdout.trimStart().startsWith('{')).toBe(true);
    expect(json.stderr).not.toMatch(/\r|audit: \d+\/\d+ files/);
    expect(json.stderr).toBe('');
  });

  it('splits the packs and puts findings on their pages', () => {
    const cabinet = report.files.find((f) => f.filePath.endsWith('cabinet.pdf'))!;
    expect(cabinet.structure).toBe('split');
    expect(cabinet.meeting).toBe('Cabinet - 11 March 2027');
    const where = cabinet.items.flatMap((i) => i.messages.filter((m) => !m.ruleId.startsWith('ward/')).map((m) => `${i.item}:${m.ruleId}@p${m.page}`));
    expect(where).toEqual(['3:directive/unused@p3', '7:confidential/exempt-item-in-public-pack@p7', '8:directive/unused@p9']);
    const planning = report.files.find((f) => f.filePath.endsWith('planning.pdf'))!;
    expect(planning.items.map((i) => [i.item ?? i.role, i.firstPage, i.lastPage])).toEqual([
      ['frontsheet', 1, 1],
      ['2', 2, 3],
      ['3', 4, 4],
    ]);
    expect(planning.items.flatMap((i) => i.messages.map((m) => `${i.item}:${m.ruleId}@p${m.page}`))).toEqual(['2:directive/unused@p3', '3:directive/unused@p4']);
    const whole = report.files.find((f) => f.filePath.endsWith('local-plan.pdf'))!;
    expect(whole.structure).toBe('whole');
    expect(whole.note).toMatch(/checked as a whole/);
  });

  it('gives the same report with one worker as with two (the default), and with none', () => {
    for (const jobs of ['1', '0']) {
      const r = audit(['-f', 'json', '--jobs', jobs, 'archive']);
      expect(r.status, `--jobs ${jobs}`).toBe(1);
      expect(r.stdout, `--jobs ${jobs}`).toBe(json.stdout);
    }
  }, 180_000);

  it('shows progress on stderr when stderr is a terminal (through script(1), where it exists)', () => {
    let hasScript = true;
    try {
      execFileSync('sh', ['-c', 'command -v script'], { stdio: 'ignore' });
    } catch {
      hasScript = false;
    }
    if (!hasScript) return void console.warn('progress-on-a-terminal check skipped: no script(1)');
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} audit -f json -o tty.json warnings-only 2>&1 >/dev/null`;
    const out = execFileSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(out).toMatch(/\raudit: 1\/1 files, 1 items, 1 findings/);
    expect(out).toContain('audit report written to tty.json');
  });

  it('writes the HTML report to protocol-lint-audit.html by default and says where', () => {
    const r = audit(['archive']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^protocol-lint: audit report written to protocol-lint-audit\.html \(8 file\(s\), \d+ item\(s\), \d+ need attention, \d+ error\(s\), \d+ warning\(s\)\)\n$/);
    const html = readFileSync(path.join(dir, 'protocol-lint-audit.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Cabinet - 11 March 2027');
  });

  it('writes CSV to a file given with -o: a row per finding and a row per clear item', () => {
    const r = audit(['-f', 'csv', '-o', 'out/audit.csv', 'archive']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('audit report written to out/audit.csv');
    const rows = readFileSync(path.join(dir, 'out', 'audit.csv'), 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe('file,meeting,item,item title,pages,status,page,line,severity,ruleId,clause,excerpt,message,suggestion');
    const items = report.files.flatMap((f) => f.items);
    const findings = items.reduce((n, i) => n + i.messages.length, 0);
    expect(rows.length - 1).toBe(findings + items.filter((i) => i.messages.length === 0).length);
  });

  it('exits 0 when nothing is wrong, and when there are only warnings', () => {
    expect(audit(['-f', 'json', 'clean']).status).toBe(0);
    const warn = audit(['-f', 'json', 'warnings-only']);
    expect(warn.status).toBe(0);
    expect(parse(warn.stdout).summary).toMatchObject({ errors: 0, warnings: 1 });
  });

  it('exits 2 for usage and configuration errors, with a message', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--jobs', 'two', 'archive'], /--jobs must be a whole number from 0 to 64/],
      [['--shard', '4/3', 'archive'], /--shard 4\/3/],
      [['--shard', 'half', 'archive'], /--shard must look like 1\/4/],
      [['-f', 'yaml', 'archive'], /Unknown audit format "yaml"/],
      [['no-such-folder'], /Nothing to audit/],
      [['-c', 'bad-config.json', 'archive'], /bad-config\.json/],
      // found by the workers, which load the rules
      [['-c', 'unknown-rule.json', 'clean'], /officer\/no-such-rule/],
      [['-c', 'unknown-rule.json', '--jobs', '0', 'clean'], /officer\/no-such-rule/],
    ];
    for (const [args, message] of cases) {
      const r = audit(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout, args.join(' ')).toBe('');
    }
  }, 120_000);
});

describe('--shard and protocol-lint merge', () => {
  it('shards partition the files exactly, and merging every shard gives the unsharded report', () => {
    const whole = json;
    const full = report;
    const shards: AuditReport[] = [];
    for (let i = 1; i <= 3; i++) {
      const r = audit(['-f', 'json', '-o', `shard-${i}.json`, '--shard', `${i}/3`, 'archive']);
      expect([0, 1]).toContain(r.status);
      expect(r.stderr).toMatch(new RegExp(`shard ${i}/3: \\d+ of 8 file\\(s\\)`));
      shards.push(JSON.parse(readFileSync(path.join(dir, `shard-${i}.json`), 'utf8')) as AuditReport);
    }
    const lists = shards.map(relFiles);
    const all = lists.flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(relFiles(full));
    // the split is not degenerate on this folder
    expect(lists.filter((l) => l.length > 0).length).toBeGreaterThan(1);

    const merged = runCli(['merge', '-f', 'json', 'shard-3.json', 'shard-1.json', 'shard-2.json'], { cwd: dir });
    expect(merged.status).toBe(whole.status);
    const m = parse(merged.stdout);
    expect(m.files).toEqual(full.files);
    expect(m.summary).toEqual(full.summary);

    const html = runCli(['merge', 'shard-1.json', 'shard-2.json', 'shard-3.json', '-o', 'merged.html'], { cwd: dir });
    expect(html.stderr).toContain('merged 3 report(s) into merged.html');
    expect(readFileSync(path.join(dir, 'merged.html'), 'utf8')).toContain('<!DOCTYPE html>');
  }, 180_000);

  it('refuses what is not an audit report (exit 2)', () => {
    writeFileSync(path.join(dir, 'not-a-report.json'), JSON.stringify([{ filePath: 'x', messages: [] }]));
    const r = runCli(['merge', 'not-a-report.json'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not-a-report\.json: not a protocol-lint audit report/);
    expect(existsSync(path.join(dir, 'protocol-lint-audit.html')) ? readFileSync(path.join(dir, 'protocol-lint-audit.html'), 'utf8') : '').not.toContain('not-a-report');
  });
});
