/**
 * Reader notes through the built CLI (npm test builds first): an email whose Windows-1252 body declares no
 * charset, and a Markdown draft whose front matter is not valid YAML.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const FEE_NOTE = 'the body is not valid UTF-8; read as windows-1252';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'protocol-lint-notes-cli-'));
  copyFileSync(path.join(FIXTURES, '.protocolrc.json'), path.join(dir, '.protocolrc.json'));
  const head =
    'From: Oswin Carraway <oswin.carraway@wexcombe.gov.uk>\nTo: Helena Marchbank <helena.marchbank@wexcombe.gov.uk>\nSubject: Licence fee\nDate: Mon, 11 Jan 2027 09:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain\n\n';
  const body = Buffer.from('Helena,\n\nThe caf\u00e9 owners\u2019 fee \u2013 can we discuss it on Friday?\n\nOswin\n'.replace(/\u2019/g, '\x92').replace(/\u2013/g, '\x96'), 'latin1');
  writeFileSync(path.join(dir, 'fee.eml'), Buffer.concat([Buffer.from(head, 'latin1'), body]));
  writeFileSync(
    path.join(dir, 'cabinet.md'),
    '---\nkind: report\nmeeting: Cabinet\nwards: [Castle\n---\n\n# Thornby Library opening hours\n\nThe library will close at 1pm on Wednesdays from 1 April 2027.\n',
  );
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('reader notes from the CLI', () => {
  it('stylish shows the note under a file with no findings; the verdict is still last and the exit code 0', () => {
    const r = runCli(['fee.eml'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      'fee.eml (email, audience: internal)',
      `  note: ${FEE_NOTE}`,
      '',
      'The note above: check that the file was read as you meant.',
      '✔ No problems found — OK to send',
    ]);
  });

  it('stylish is dim with FORCE_COLOR, plain with --no-color', () => {
    const coloured = runCli(['fee.eml'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain(`\u001b[2m  note: ${FEE_NOTE}\u001b[22m`);
    const plain = runCli(['--no-color', 'fee.eml'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(plain.stdout).toContain(`  note: ${FEE_NOTE}`);
    expect(plain.stdout).not.toContain('\u001b');
  });

  it('json has a per-file "warnings" array only where there are notes', () => {
    const r = runCli(['-f', 'json', 'fee.eml', 'cabinet.md'], { cwd: dir });
    const out = JSON.parse(r.stdout) as Array<{ filePath: string; warnings?: string[]; errorCount: number; warningCount: number }>;
    const fee = out.find((e) => e.filePath.endsWith('fee.eml'))!;
    expect(fee.warnings).toEqual([FEE_NOTE]);
    expect([fee.errorCount, fee.warningCount]).toEqual([0, 0]);
    const cabinet = out.find((e) => e.filePath.endsWith('cabinet.md'))!;
    expect(cabinet.warnings).toHaveLength(1);
    expect(cabinet.warnings![0]).toMatch(/^front matter is not valid YAML \(.*\); ignored$/);
  });

  it('--quiet hides the notes in every format', () => {
    const stylish = runCli(['--quiet', 'fee.eml'], { cwd: dir });
    expect(stylish.stdout.trimEnd()).toBe('✔ No problems found — OK to send');
    const json = JSON.parse(runCli(['--quiet', '-f', 'json', 'fee.eml'], { cwd: dir }).stdout) as Array<Record<string, unknown>>;
    expect(json[0]).not.toHaveProperty('warnings');
  });

  it('reads stdin the same way', () => {
    const r = runCli(['--stdin', '--stdin-filename', 'cabinet.md', '-f', 'github'], { cwd: dir, input: '---\nwards: [Castle\n---\n\nBins are collected on Tuesday.\n' });
    expect(r.stdout).toMatch(/^::notice file=cabinet\.md,title=protocol-lint note from reading the file::front matter is not valid YAML/m);
  });
});
