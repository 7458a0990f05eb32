/**
 * What a reader noticed about a file (`IngestResult.warnings`: a legacy encoding, front matter ignored, an
 * attachment not checked, a misnamed file) reaches the user as `FileResult.warnings`, and every reporter shows
 * it in the way its format allows. Real inputs: fixture files that produce warnings, a Markdown draft with
 * broken front matter, and an email whose Windows-1252 body declares no charset.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintFiles, lintText } from '../../src/api/lint.js';
import { quietResults, readerNotes, totals } from '../../src/report/common.js';
import { csv } from '../../src/report/csv.js';
import { github } from '../../src/report/github.js';
import { gitlab } from '../../src/report/gitlab.js';
import { html } from '../../src/report/html.js';
import { json } from '../../src/report/json.js';
import { junit } from '../../src/report/junit.js';
import { markdown } from '../../src/report/markdown.js';
import { sarif } from '../../src/report/sarif.js';
import { stylish, verdict } from '../../src/report/stylish.js';
import type { ReportContext } from '../../src/report/types.js';
import type { FileResult } from '../../src/types.js';
import { FIXTURES, FIXTURE_CONFIG_FILE } from '../helpers/fixtures.js';
import { sampleContext, sampleResults } from './sample.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const BROKEN_FRONT_MATTER =
  '---\nkind: report\nmeeting: Cabinet\nwards: [Castle\ndate: 2027-01-14\n---\n\n# Thornby Library opening hours\n\nThe library will close at 1pm on Wednesdays from 1 April 2027.\n';

/** An email from a mail client that wrote Windows-1252 bytes and no charset. */
function undeclared1252Email(): Buffer {
  const head =
    'From: Oswin Carraway <oswin.carraway@wexcombe.gov.uk>\nTo: Helena Marchbank <helena.marchbank@wexcombe.gov.uk>\nSubject: Licence fee\nDate: Mon, 11 Jan 2027 09:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain\n\n';
  const body = 'Helena,\n\nThe caf\u00e9 owners\u2019 fee \u2013 can we discuss it on Friday?\n\nOswin\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body.replace(/\u2019/g, '\x92').replace(/\u2013/g, '\x96'), 'latin1')]);
}

const EXPECTED: Record<string, string[] | undefined> = {
  'cabinet.md': [
    'front matter is not valid YAML (bad indent at line 5); ignored',
  ],
  'clean.md': undefined,
  'fee.eml': ['the body is not valid UTF-8; read as windows-1252'],
  'library-notice.txt': ['not valid UTF-8; read as Windows-1252'],
  'mixed-attachments.eml': ['attachment photos.zip was not checked (.zip is not a format protocol-lint reads)'],
  'surgery.eml': ['this is an Outlook .msg file with an .eml name; read as .msg'],
};
const NOTE_COUNT = Object.values(EXPECTED).reduce((n, w) => n + (w?.length ?? 0), 0);

/** Text of each document that a note must never carry. */
const DOCUMENT_WORDS = ['Thornby', 'Wednesdays', 'caf\u00e9', 'owners', 'Friday', 'opening hours', 'Quayside', 'benches'];

let dir: string;
let results: FileResult[];
let ctx: ReportContext;
const byName = (name: string) => results.find((r) => path.basename(r.filePath) === name)!;
/** The same results without the notes: what every reporter printed before. */
const stripped = () =>
  results.map((r) => {
    const { warnings: _w, ...rest } = r;
    return rest as FileResult;
  });

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-reader-notes-'));
  copyFileSync(path.join(FIXTURES, 'ingest', 'bad', 'invalid-utf8.txt'), path.join(dir, 'library-notice.txt'));
  copyFileSync(path.join(FIXTURES, 'ingest', 'email', 'mixed-attachments.eml'), path.join(dir, 'mixed-attachments.eml'));
  copyFileSync(path.join(FIXTURES, 'ingest', 'msg', 'html-only.msg'), path.join(dir, 'surgery.eml'));
  writeFileSync(path.join(dir, 'cabinet.md'), BROKEN_FRONT_MATTER);
  writeFileSync(path.join(dir, 'fee.eml'), undeclared1252Email());
  writeFileSync(path.join(dir, 'clean.md'), '# Bin collections\n\nBins will be collected on Tuesday.\n');
  const run = await lintFiles([dir], { cwd: dir, configFile: FIXTURE_CONFIG_FILE, noIgnore: true });
  results = run.results;
  ctx = { cwd: dir, color: false, rules: new Map(), toolVersion: '0.1.0' };
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('reader warnings in the results', () => {
  it('puts what each reader noticed on its file result, only when there is something', () => {
    expect(results.map((r) => path.basename(r.filePath)).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [name, warnings] of Object.entries(EXPECTED)) {
      const r = byName(name);
      expect(r.warnings, name).toEqual(warnings);
      if (!warnings) expect('warnings' in r, name).toBe(false);
    }
  });

  it('does not count notes as findings', () => {
    const fee = byName('fee.eml');
    expect(fee.messages).toEqual([]);
    expect([fee.errorCount, fee.warningCount]).toEqual([0, 0]);
    const notice = byName('library-notice.txt');
    expect(notice.warningCount).toBe(notice.messages.filter((m) => m.severity === 1).length);
    expect(notice.errorCount).toBe(notice.messages.filter((m) => m.severity === 2).length);
  });

  it('a note never carries the text of the document', () => {
    for (const r of results) for (const w of r.warnings ?? []) for (const word of DOCUMENT_WORDS) expect(w).not.toContain(word);
  });

  it('lintText reports broken front matter too, and the draft is then checked without it', async () => {
    const r = await lintText(BROKEN_FRONT_MATTER, { filePath: 'cabinet.md' });
    expect(r.warnings).toEqual(EXPECTED['cabinet.md']);
    expect(r.kind).not.toBe('report'); // kind: report was in the front matter that could not be read
    const fine = await lintText(BROKEN_FRONT_MATTER.replace('[Castle\n', '[Castle]\n'), { filePath: 'cabinet.md' });
    expect(fine.warnings).toBeUndefined();
    expect(fine.kind).toBe('report');
  });

  it('readerNotes reads results defensively; totals count files with notes', () => {
    expect(readerNotes({ ...byName('clean.md'), warnings: ['a', '', 'a', 3 as any, ' '] })).toEqual(['a']);
    expect(readerNotes({ ...byName('clean.md'), warnings: 'not a list' as any })).toEqual([]);
    const t = totals(results);
    expect([t.filesWithNotes, t.notes]).toEqual([5, NOTE_COUNT]);
  });
});

describe('json', () => {
  it('adds "warnings" only to files that have notes, and keeps every contract field as it was', () => {
    const out = JSON.parse(json(results, ctx)) as any[];
    const before = JSON.parse(json(stripped(), ctx)) as any[];
    expect(out).toHaveLength(6);
    out.forEach((entry, i) => {
      for (const key of ['filePath', 'kind', 'messages', 'errorCount', 'warningCount']) expect(entry[key]).toEqual(before[i][key]);
      const { warnings, ...rest } = entry;
      expect(rest).toEqual(before[i]);
      expect(warnings).toEqual(EXPECTED[path.basename(entry.filePath)]);
    });
    expect(out.find((e) => e.filePath.endsWith('clean.md'))).not.toHaveProperty('warnings');
  });
});

describe('stylish', () => {
  const lines = () => stylish(results, ctx).trimEnd().split('\n');

  it('shows a note line under the heading of each file, including files with no findings', () => {
    const out = lines();
    const at = (heading: string) => out.findIndex((l) => l.startsWith(heading));
    expect(out[at('fee.eml ') + 1]).toBe('  note: the body is not valid UTF-8; read as windows-1252');
    expect(out[at('surgery.eml ') + 1]).toBe('  note: this is an Outlook .msg file with an .eml name; read as .msg');
    expect(out[at('mixed-attachments.eml ') + 1]).toBe('  note: attachment photos.zip was not checked (.zip is not a format protocol-lint reads)');
    // notes first, then the findings
    expect(out[at('library-notice.txt ') + 1]).toBe('  note: not valid UTF-8; read as Windows-1252');
    expect(out[at('library-notice.txt ') + 2]).toMatch(/^ {2}\d+:\d+ +warning +/);
    expect(out[at('cabinet.md ') + 1]).toMatch(/^ {2}note: front matter is not valid YAML/);
    expect(at('clean.md')).toBe(-1);
  });

  it('keeps the verdict, counted on findings only, as the last line, with a pointer to the notes before it', () => {
    const out = lines();
    expect(out.at(-1)).toBe(`⚠ ${verdict(results)} — 6 files checked`);
    expect(out.at(-2)).toBe(`The ${NOTE_COUNT} notes above: check that the files were read as you meant.`);
    const fee = stylish([byName('fee.eml')], ctx).trimEnd().split('\n');
    expect(fee).toEqual([
      'fee.eml (email, audience: internal)',
      '  note: the body is not valid UTF-8; read as windows-1252',
      '',
      'The note above: check that the file was read as you meant.',
      '✔ No problems found — OK to send',
    ]);
    expect(stylish([byName('clean.md')], ctx)).toBe('✔ No problems found — OK to send\n');
  });

  it('is dim in colour, plain without it (NO_COLOR / --no-color), and strips control characters', () => {
    expect(stylish(results, ctx)).not.toContain('\u001b');
    const coloured = stylish([byName('fee.eml')], { ...ctx, color: true });
    expect(coloured).toContain('\u001b[2m  note: the body is not valid UTF-8; read as windows-1252\u001b[22m');
    const hostile = { ...byName('fee.eml'), warnings: ['attachment \u001b[31mred\u001b[0m.zip was not checked'] };
    expect(stylish([hostile], ctx)).toContain('  note: attachment \uFFFD[31mred\uFFFD[0m.zip was not checked');
  });

  it('--quiet (quietResults) hides the notes with the warnings', () => {
    const quiet = quietResults(results);
    expect(quiet.every((r) => !('warnings' in r))).toBe(true);
    expect(quiet.flatMap((r) => r.messages).every((m) => m.severity === 2)).toBe(true);
    const out = stylish(quiet, ctx);
    expect(out).not.toContain('note:');
    expect(out).not.toContain('notes above');
    expect(out.trimEnd()).toBe('✔ No problems found — OK to send — 6 files checked');
  });
});

describe('markdown', () => {
  const md = () => markdown(results, ctx);

  it('lists notes under the heading of a file that needs attention, and under a clear file in the clear list', () => {
    const out = md();
    expect(out).toContain('#### library-notice.txt — needs attention\n\nother · audience: external · 0 errors, 1 warning\n\n- Note: not valid UTF-8; read as Windows-1252\n\n| Where |');
    expect(out).toContain('- fee.eml (email)\n  - Note: the body is not valid UTF-8; read as windows-1252\n');
    expect(out).toContain('- mixed-attachments.eml (email)\n  - Note: attachment photos.zip was not checked (.zip is not a format protocol-lint reads)\n');
    expect(out).toContain('- cabinet.md (other)\n  - Note: front matter is not valid YAML (bad indent at line 5); ignored\n');
    expect(out).toContain('- clean.md (other)\n');
    expect(out).not.toContain('- clean.md (other)\n  - Note');
    expect(out).toContain('6 files checked · 1 needs attention · 5 clear · 5 files with notes from reading');
  });

  it('escapes a note and leaves the report unchanged without notes', () => {
    const hostile = { ...byName('fee.eml'), warnings: ['attachment <img src=x> @planning | *x*\n.zip was not checked'] };
    expect(markdown([hostile], ctx)).toContain('  - Note: attachment &lt;img src=x&gt; @\u200Bplanning \\| \\*x\\*<br>.zip was not checked\n');
    expect(markdown(stripped(), ctx)).not.toContain('Note:');
  });
});

describe('html', () => {
  it('adds a notes column to the files table and a count, only when some file has notes', () => {
    const doc = parseDocument(html(results, ctx));
    const files = DomUtils.findOne((e) => e.attribs.id === 'files', doc.children)!;
    const heads = DomUtils.findAll((e) => e.name === 'th', files.children).map((n) => DomUtils.textContent(n));
    expect(heads.at(-1)).toBe('Notes from reading');
    const rows = DomUtils.findAll((e) => e.name === 'tr', files.children).slice(1);
    expect(rows).toHaveLength(6);
    const notesOf = (file: string) => {
      const row = rows.find((r) => DomUtils.textContent(r).includes(file))!;
      const cells = DomUtils.findAll((e) => e.name === 'td', row.children);
      expect(cells).toHaveLength(heads.length);
      return DomUtils.findAll((e) => e.name === 'li', cells.at(-1)!.children).map((n) => DomUtils.textContent(n));
    };
    for (const [name, warnings] of Object.entries(EXPECTED)) expect(notesOf(name), name).toEqual(warnings ?? []);
    const stat = DomUtils.findOne((e) => e.attribs.id === 'stat-noted-files', doc.children)!;
    expect(DomUtils.textContent(stat)).toBe('Files with notes from reading5');

    const before = html(stripped(), ctx);
    expect(before).not.toContain('Notes from reading');
    expect(before).not.toContain('notes from reading');
  });

  it('escapes a note', () => {
    const hostile = { ...byName('fee.eml'), warnings: ['attachment <script>alert(1)</script>\u0007.zip was not checked'] };
    const page = html([hostile], ctx);
    expect(page).toContain('<li>attachment &lt;script&gt;alert(1)&lt;/script&gt;\uFFFD.zip was not checked</li>');
    expect(page.match(/<script>/g)).toHaveLength(1); // only the report's own script
  });
});

/** Parse with saxes, strictly (as test/report/junit.test.ts does). */
function parseXml(xml: string) {
  interface El {
    name: string;
    children: El[];
    text: string;
    attrs: Record<string, string>;
  }
  const root: El = { name: '#document', children: [], text: '', attrs: {} };
  const stack: El[] = [root];
  const parser = new SaxesParser();
  parser.on('opentag', (node) => {
    const el: El = { name: node.name, children: [], text: '', attrs: node.attributes as Record<string, string> };
    stack.at(-1)!.children.push(el);
    stack.push(el);
  });
  parser.on('text', (t) => (stack.at(-1)!.text += t));
  parser.on('closetag', () => stack.pop());
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return root.children[0]!;
}

describe('junit', () => {
  it('puts the notes in the suite’s <system-out>, after its test cases, without changing the counts', () => {
    const xml = junit(results, ctx);
    const root = parseXml(xml);
    const before = parseXml(junit(stripped(), ctx));
    expect(root.attrs).toEqual(before.attrs);
    for (const suite of root.children) {
      const name = suite.attrs.name!;
      const outs = suite.children.filter((c) => c.name === 'system-out');
      const expected = EXPECTED[name];
      if (!expected) {
        expect(outs, name).toHaveLength(0);
        continue;
      }
      expect(outs, name).toHaveLength(1);
      expect(suite.children.at(-1)!.name).toBe('system-out');
      expect(outs[0]!.text).toBe(['Notes from reading the file (not findings):', ...expected.map((w) => `- ${w}`)].join('\n'));
      const old = before.children.find((s) => s.attrs.name === name)!;
      expect(suite.attrs).toEqual(old.attrs);
      expect(suite.children.filter((c) => c.name === 'testcase')).toEqual(old.children.filter((c) => c.name === 'testcase'));
    }
  });

  it('escapes a note and keeps the XML well-formed', () => {
    const hostile = { ...byName('fee.eml'), warnings: ['attachment </system-out><x>&\u0001.zip was not checked'] };
    const suite = parseXml(junit([hostile], ctx)).children[0]!;
    expect(suite.children.at(-1)!.text).toBe('Notes from reading the file (not findings):\n- attachment </system-out><x>&\uFFFD.zip was not checked');
  });
});

describe('github', () => {
  it('writes a ::notice on the file for each note, before the file’s findings, and leaves the findings as they were', () => {
    const lines = github(results, ctx).trimEnd().split('\n');
    const notices = lines.filter((l) => l.startsWith('::notice '));
    expect(notices).toEqual([
      '::notice file=cabinet.md,title=protocol-lint note from reading the file::front matter is not valid YAML (bad indent at line 5); ignored',
      '::notice file=fee.eml,title=protocol-lint note from reading the file::the body is not valid UTF-8; read as windows-1252',
      '::notice file=library-notice.txt,title=protocol-lint note from reading the file::not valid UTF-8; read as Windows-1252',
      '::notice file=mixed-attachments.eml,title=protocol-lint note from reading the file::attachment photos.zip was not checked (.zip is not a format protocol-lint reads)',
      '::notice file=surgery.eml,title=protocol-lint note from reading the file::this is an Outlook .msg file with an .eml name; read as .msg',
    ]);
    expect(lines.filter((l) => !l.startsWith('::notice '))).toEqual(github(stripped(), ctx).trimEnd().split('\n'));
    const i = lines.findIndex((l) => l.includes('file=library-notice.txt'));
    expect(lines[i]).toMatch(/^::notice /);
    expect(lines[i + 1]).toMatch(/^::warning file=library-notice\.txt,line=/);
  });

  it('a note cannot start a workflow command of its own', () => {
    const hostile = { ...byName('fee.eml'), filePath: path.join(dir, 'a,b:c.eml'), warnings: ['attachment x\n::error file=x::forged 100%.zip was not checked'] };
    const out = github([hostile], ctx);
    expect(out).toBe('::notice file=a%2Cb%3Ac.eml,title=protocol-lint note from reading the file::attachment x%0A::error file=x::forged 100%25.zip was not checked\n');
  });
});

describe('sarif', () => {
  it('reports notes as tool execution notifications at the file, and the results as they were', () => {
    const log = JSON.parse(sarif(results, ctx));
    const before = JSON.parse(sarif(stripped(), ctx));
    const run = log.runs[0];
    expect(run.results).toEqual(before.runs[0].results);
    expect(run.artifacts).toEqual(before.runs[0].artifacts);
    expect(before.runs[0].invocations).toBeUndefined();
    expect(run.invocations).toHaveLength(1);
    expect(run.invocations[0].executionSuccessful).toBe(true);
    const notes = run.invocations[0].toolExecutionNotifications;
    expect(notes).toHaveLength(NOTE_COUNT);
    for (const n of notes) {
      expect(n.level).toBe('warning');
      const loc = n.locations[0].physicalLocation.artifactLocation;
      const artifact = run.artifacts[loc.index];
      expect(artifact.location.uri).toBe(loc.uri);
      expect(EXPECTED[decodeURIComponent(loc.uri)]).toContain(n.message.text);
    }
    // the schema check is in test/report/sarif.test.ts
  });
});

describe('csv and gitlab', () => {
  it('leave notes out: one row / one issue per finding, exactly as before', () => {
    expect(csv(results, ctx)).toBe(csv(stripped(), ctx));
    expect(gitlab(results, ctx)).toBe(gitlab(stripped(), ctx));
  });
});

describe('the hand-built sample', () => {
  it('reports without notes exactly as before (no invocations, no notes column, no notices)', () => {
    const s = sampleResults();
    expect(s.every((r) => readerNotes(r).length === 0)).toBe(true);
    expect(JSON.parse(sarif(s, sampleContext())).runs[0].invocations).toBeUndefined();
    expect(html(s, sampleContext())).not.toContain('Notes from reading');
    expect(github(s, sampleContext())).not.toContain('::notice');
    expect(junit(s, sampleContext())).not.toContain('system-out');
  });
});

describe('notes never quote the document', () => {
  it('names a YAML error by its kind and line, not by a message that can quote the front matter', async () => {
    const r = await lintText('---\nkind: *falcon\ntitle: Project Heron\n---\n\nHello.\n', { filePath: 'alias.md' });
    expect(r.warnings).toEqual(['front matter is not valid YAML (syntax error); ignored']);
    expect(JSON.stringify(r.warnings)).not.toMatch(/falcon|Heron/i);
  });
});
