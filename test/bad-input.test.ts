/**
 * Bad input: every kind of file that cannot be read gets a finding that names the file and the problem, and a
 * run over a folder of them (plus one good file) finishes, reports each, checks the good one and exits 1.
 * The committed files in fixtures/ingest/bad were made with real tools (scripts/fixtures/make-fixtures.sh);
 * the zip bomb, the 50 MB text file and the malformed email are generated here in a temporary folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../src/types.js';
import { ingest } from '../src/ingest/index.js';
import { lintPath } from '../src/api/lint.js';
import { discover } from '../src/api/discover.js';
import { ConfigLoader } from '../src/config/load.js';
import { ruleIds } from '../rules/index.js';
import { makeDocxBomb } from '../scripts/fixtures/zip-bomb.js';
import { FIXTURES, FIXTURE_CONFIG_FILE, ROOT } from './helpers/fixtures.js';

const BAD = path.join(FIXTURES, 'ingest', 'bad');
const GOOD = path.join(FIXTURES, 'ingest', 'docx', 'cabinet-report.docx');
const CLI = path.join(ROOT, 'bin', 'protocol-lint.js');
const MiB = 1024 * 1024;

let tmp = '';
let batch = '';
const loader = () => new ConfigLoader({ configFile: FIXTURE_CONFIG_FILE, cwd: ROOT, knownRuleIds: ruleIds() });

/** A 50 MB plain-text file: council prose, written in pieces. */
function writeLargeText(file: string, bytes: number): void {
  const para =
    'The Thornby Library review will be considered by Cabinet in March 2027. Residents of Quayside ward can comment online until 28 February 2027, ' +
    'and paper copies of the consultation are available at the Guildhall.\n\n';
  const chunk = Buffer.from(para.repeat(2000));
  const fd = openSync(file, 'w');
  for (let written = 0; written < bytes; written += chunk.length) writeSync(fd, chunk);
  closeSync(fd);
}

/** An email whose structure is broken: folded header with no name, a multipart with no parts, bad base64, NULs. */
const MALFORMED_EMAIL = Buffer.concat([
  Buffer.from(
    'From: =?utf-8?B?broken\r\n' +
      ' : no header name here\r\n' +
      'To: <<<cabinet@wexcombe.gov.uk\r\n' +
      'Subject: =?unknown-charset?Q?Castle_ward?=\r\n' +
      'Content-Type: multipart/mixed; boundary="never-used"\r\n' +
      'Content-Transfer-Encoding: base64\r\n\r\n' +
      '%%%% this is not base64 %%%%\r\n',
  ),
  Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 0x80]),
  Buffer.from('\r\n--never-used-either\r\n'),
]);

function run(args: string[], cwd = ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

beforeAll(() => {
  // the CLI runs from dist/, which `npm test` builds first; build only if it is missing, because rebuilding
  // while other test files run the CLI would give them a half-written dist/
  if (!existsSync(path.join(ROOT, 'dist', 'src', 'cli.js'))) spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'ignore' });
  expect(existsSync(path.join(ROOT, 'dist', 'src', 'cli.js'))).toBe(true);

  tmp = mkdtempSync(path.join(os.tmpdir(), 'protocol-lint-bad-input-'));
  batch = path.join(tmp, 'batch');
  mkdirSync(batch);
  for (const name of ['empty.txt', 'report.docx', 'corrupt.docx', 'encrypted.docx', 'no-document.docx', 'encrypted.pdf', 'corrupt.pdf', 'invalid-utf8.txt']) {
    copyFileSync(path.join(BAD, name), path.join(batch, name));
  }
  copyFileSync(path.join(FIXTURES, 'ingest', 'pdf', 'scanned-notice.pdf'), path.join(batch, 'scanned-notice.pdf'));
  makeDocxBomb(path.join(batch, 'bomb.docx'));
  writeLargeText(path.join(batch, 'large.txt'), 50 * MiB);
  writeFileSync(path.join(batch, 'malformed.eml'), MALFORMED_EMAIL);
  copyFileSync(GOOD, path.join(batch, 'good-report.docx'));
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function inputFindings(r: FileResult) {
  return r.messages.filter((m) => m.ruleId.startsWith('input/'));
}

/** Check one file on disk the way the CLI does and return its single input/ finding. */
async function onlyInputFinding(file: string) {
  const r = await lintPath(file, loader());
  const found = inputFindings(r);
  expect(found, JSON.stringify(r.messages)).toHaveLength(1);
  expect(r.messages).toHaveLength(1);
  expect(found[0]!.severity).toBe(2);
  expect(found[0]!.message.startsWith(file)).toBe(true);
  expect(found[0]!.suggestion).toBeTruthy();
  return found[0]!;
}

describe('bad input, one file at a time', () => {
  it('an empty file', async () => {
    const f = await onlyInputFinding(path.join(batch, 'empty.txt'));
    expect(f).toMatchObject({ ruleId: 'input/unreadable', message: `${path.join(batch, 'empty.txt')}: the file is empty` });
  });

  it('a PNG image named report.docx', async () => {
    const f = await onlyInputFinding(path.join(batch, 'report.docx'));
    expect(f.ruleId).toBe('input/unsupported');
    expect(f.message).toBe(`${path.join(batch, 'report.docx')} is not a Word document: it is a PNG image. Save the document as .docx (or give the file its proper extension) and check it again`);
  });

  it('a damaged .docx (cut in half)', async () => {
    const f = await onlyInputFinding(path.join(batch, 'corrupt.docx'));
    expect(f.ruleId).toBe('input/unreadable');
    expect(f.message).toMatch(/ is not a valid Word document \(the zip archive is damaged: /);
  });

  it('a .docx zip bomb that inflates past 200 MiB', async () => {
    const file = path.join(batch, 'bomb.docx');
    expect(statSync(file).size).toBeLessThan(MiB);
    const t = Date.now();
    const f = await onlyInputFinding(file);
    expect(f).toMatchObject({ ruleId: 'input/unreadable', message: `${file} expands to more than 200 MiB; refusing to read it (it may be a "zip bomb")` });
    expect(Date.now() - t).toBeLessThan(30_000);
  });

  it('a .docx zip bomb whose headers lie about its size', async () => {
    const file = path.join(tmp, 'liar.docx');
    makeDocxBomb(file, 201, { lie: true });
    const f = await onlyInputFinding(file);
    expect(f.message).toBe(`${file} expands to more than 200 MiB; refusing to read it (it may be a "zip bomb")`);
  });

  it('a password-protected .docx and a zip that is not a Word document', async () => {
    expect((await onlyInputFinding(path.join(batch, 'encrypted.docx'))).message).toMatch(/ is password-protected \(an encrypted Office file\)/);
    const f = await onlyInputFinding(path.join(batch, 'no-document.docx'));
    expect(f).toMatchObject({ ruleId: 'input/unsupported' });
    expect(f.message).toMatch(/ is not a valid Word document \(it has no word\/document\.xml/);
  });

  it('an encrypted PDF (qpdf --encrypt)', async () => {
    const f = await onlyInputFinding(path.join(batch, 'encrypted.pdf'));
    expect(f).toMatchObject({ ruleId: 'input/unreadable' });
    expect(f.message).toBe(`${path.join(batch, 'encrypted.pdf')} is password-protected (an encrypted PDF); save an unprotected copy and check it again`);
  });

  it('a corrupt PDF and a PDF with no text layer', async () => {
    expect((await onlyInputFinding(path.join(batch, 'corrupt.pdf'))).message).toBe(`${path.join(batch, 'corrupt.pdf')} is not a valid PDF (the file is damaged or cut short)`);
    expect((await onlyInputFinding(path.join(batch, 'scanned-notice.pdf'))).message).toMatch(/ has no text layer; it may be a scan — run OCR first$/);
  });

  it('a malformed email: the run goes on, and the file is reported or checked', async () => {
    const file = path.join(batch, 'malformed.eml');
    const r = await lintPath(file, loader());
    const found = inputFindings(r);
    if (found.length > 0) for (const f of found) expect(f.message).toContain(file);
    else expect(r.format).toBe('eml');
  });

  it('invalid UTF-8 is read as Windows-1252, with a warning', async () => {
    const file = path.join(batch, 'invalid-utf8.txt');
    const bytes = new Uint8Array(readFileSync(file));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const read = await ingest(file, bytes);
    expect(read.warnings).toEqual(['not valid UTF-8; read as Windows-1252']);
    expect(read.text).toContain('The change saves £18,000 a year.');
    const r = await lintPath(file, loader());
    expect(inputFindings(r)).toEqual([]);
    expect(r.format).toBe('text');
  });

  it('a 50 MB text file is read whole', async () => {
    const file = path.join(batch, 'large.txt');
    const bytes = new Uint8Array(readFileSync(file));
    expect(bytes.length).toBeGreaterThanOrEqual(50 * MiB);
    const read = await ingest(file, bytes);
    expect(read.format).toBe('text');
    expect(read.text.length).toBe(bytes.length);
    expect(read.blocks.length).toBeGreaterThan(100_000);
  });

  it('a file that disappears between discovery and reading', async () => {
    const dir = path.join(tmp, 'vanishing');
    mkdirSync(dir);
    const file = path.join(dir, 'draft.md');
    writeFileSync(file, '# Quayside moorings\n\nA short note.\n');
    const { files } = await discover([dir], ROOT);
    expect(files).toEqual([file]);
    unlinkSync(file);
    const f = await onlyInputFinding(file);
    expect(f).toMatchObject({ ruleId: 'input/unreadable', message: `${file}: the file disappeared before it could be read` });
  });
});

describe('bad input through the command line', () => {
  it('a folder with no readable files exits 2 with a readable message', async () => {
    const dir = path.join(tmp, 'nothing-to-read');
    mkdirSync(dir);
    copyFileSync(path.join(BAD, 'report.docx'), path.join(dir, 'photo.png'));
    writeFileSync(path.join(dir, 'data.bin'), Buffer.from([0, 1, 2, 3]));
    const { code, stdout, stderr } = await run(['-c', FIXTURE_CONFIG_FILE, '-f', 'json', dir]);
    expect(code, stderr).toBe(2);
    expect(stdout, stderr).toBe('');
    expect(stderr).toContain(`no documents found for "${dir}"`);
    expect(stderr).toContain('Nothing was checked');
    expect(stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  });

  it('a batch of every bad file plus a good one finishes, reports each bad file, checks the good one and exits 1', async () => {
    const { code, stdout, stderr } = await run(['-c', FIXTURE_CONFIG_FILE, '-f', 'json', batch]);
    expect(stderr, stderr).not.toMatch(/Warning:|internal error/);
    // stdout is the JSON report and nothing else
    const report = JSON.parse(stdout) as FileResult[];
    expect(code).toBe(1);
    const byName = new Map(report.map((r) => [path.basename(r.filePath), r]));
    expect([...byName.keys()].sort()).toEqual(
      ['bomb.docx', 'corrupt.docx', 'corrupt.pdf', 'empty.txt', 'encrypted.docx', 'encrypted.pdf', 'good-report.docx', 'invalid-utf8.txt', 'large.txt', 'malformed.eml', 'no-document.docx', 'report.docx', 'scanned-notice.pdf'].sort(),
    );
    const unreadable: Record<string, RegExp> = {
      'bomb.docx': /expands to more than 200 MiB; refusing to read it/,
      'corrupt.docx': /is not a valid Word document \(the zip archive is damaged/,
      'corrupt.pdf': /is not a valid PDF/,
      'empty.txt': /the file is empty/,
      'encrypted.docx': /is password-protected/,
      'encrypted.pdf': /is password-protected/,
      'no-document.docx': /has no word\/document\.xml/,
      'report.docx': /is not a Word document: it is a PNG image/,
      'scanned-notice.pdf': /has no text layer/,
      'large.txt': /has 50\.\d MiB of text, more than the 16\.0 MiB protocol-lint checks in one document; split it into smaller files/,
    };
    for (const [name, message] of Object.entries(unreadable)) {
      const r = byName.get(name)!;
      const found = inputFindings(r);
      expect(found, name).toHaveLength(1);
      expect(['input/unreadable', 'input/unsupported']).toContain(found[0]!.ruleId);
      expect(found[0]!.message).toMatch(message);
      expect(found[0]!.message).toContain(path.join(batch, name));
      expect(r.errorCount).toBeGreaterThanOrEqual(1);
    }
    const malformed = byName.get('malformed.eml')!;
    expect(inputFindings(malformed).length > 0 || malformed.format === 'eml').toBe(true);
    // readable files were checked
    for (const name of ['good-report.docx', 'invalid-utf8.txt']) expect(inputFindings(byName.get(name)!), name).toEqual([]);
    expect(byName.get('good-report.docx')!.format).toBe('docx');
  }, 1_800_000);
});
