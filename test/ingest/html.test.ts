import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IngestResult } from '../../src/types.js';
import { DEFAULT_LIMITS } from '../../src/types.js';
import { ingest } from '../../src/ingest/index.js';
import { htmlResult, readHtml } from '../../src/ingest/html.js';
import { parseDirectives } from '../../src/engine/directives.js';
import { FIXTURES, ROOT } from '../helpers/fixtures.js';

const DIR = path.join(FIXTURES, 'ingest', 'html');

async function read(file: string): Promise<IngestResult> {
  return ingest(file, new Uint8Array(readFileSync(file)));
}

describe('html reader: press-release.html', async () => {
  const r = await read(path.join(DIR, 'press-release.html'));
  const lines = r.text.split('\n');
  const block = (text: string) => r.blocks.find((b) => b.text === text);

  it('decodes entities, collapses white space and keeps every block a slice of the text', () => {
    expect(r.format).toBe('html');
    for (const b of r.blocks) expect(r.text.slice(b.start, b.end)).toBe(b.text);
    expect(lines).toContain(
      'A new footbridge linking Quayside and Castle wards will open on Monday 1\u00a0March 2027, after a nine-month build costing £1.4\u00a0million – funded by the Levelling Up Fund.',
    );
    expect(r.meta.title).toBe('New footbridge for Quayside & Castle | Wexcombe Borough Council');
    expect(block('New footbridge for Quayside & Castle opens in March')).toMatchObject({ type: 'heading', depth: 1 });
  });

  it('skips head, script, style, noscript, template, hidden elements, alt text and comments', () => {
    for (const hidden of ['Script text', 'font-family', 'enable JavaScript', 'Template text', 'hidden and is not text', 'Neither is this one', 'Alt text', 'ordinary comment', 'dataLayer']) {
      expect(r.text, hidden).not.toContain(hidden);
    }
  });

  it('makes one line per block element, and lines for the direct text of a div', () => {
    const i = lines.indexOf('The bridge replaces the 1960s crossing that closed in 2025.');
    expect(i).toBeGreaterThan(0);
    expect(lines.slice(i, i + 3)).toEqual([
      'The bridge replaces the 1960s crossing that closed in 2025.',
      'It is 48 metres long and has step-free access at both ends.',
      'Cyclists will be asked to dismount.',
    ]);
    expect(block('The new bridge seen from Quay Street')?.type).toBe('paragraph');
  });

  it('types blockquotes as quotes and list items (nested ones too) as list items', () => {
    expect(r.blocks.find((b) => b.text.startsWith('“This bridge reconnects'))?.type).toBe('quote');
    expect(r.blocks.filter((b) => b.type === 'list-item').map((b) => b.text)).toEqual(['News', 'Contact us', 'Length: 48 metres', 'Opening: Monday 1 March 2027', 'Ribbon cutting at 10am']);
  });

  it('gives table cells coordinates (colspan counted) and joins a cell into one line', () => {
    expect(block('Stage')).toMatchObject({ type: 'table-cell', table: { table: 0, row: 0, cell: 0 } });
    expect(block('June to August 2026')).toMatchObject({ type: 'table-cell', table: { table: 0, row: 1, cell: 1 } });
    expect(block('Deck lifted into place October 2026')).toMatchObject({ type: 'table-cell', table: { table: 0, row: 2, cell: 0 } });
    expect(block('Quayside, Castle')).toMatchObject({ type: 'table-cell', table: { table: 0, row: 3, cell: 1 } });
    expect(block('Construction timetable')?.type).toBe('paragraph');
  });

  it('turns <br> into line breaks inside the block, and keeps <pre> as it is', () => {
    const notes = r.blocks.find((b) => b.text.startsWith('Notes to editors:'))!;
    expect(notes.text).toBe('Notes to editors:\nContact: Nkechi Holloway-Brandt, Communications Manager\nTelephone: 01632\u00a0960455');
    expect(r.blocks.find((b) => b.text.startsWith('Opening times'))!.text).toBe('Opening times\n  Monday to Friday   07:00 - 19:00');
  });

  it('keeps a protocol-lint directive comment as its own line, just before the line it targets', () => {
    const directives = parseDirectives(r.text);
    expect(directives).toHaveLength(1);
    expect(directives[0]!.reason).toBe('quote approved by the Monitoring Officer');
    expect(lines[directives[0]!.target - 1]).toBe('Notes to editors:');
    expect(r.blocks.some((b) => b.text.includes('protocol-lint'))).toBe(false);
  });
});

describe('html reader: character sets and odd input', () => {
  it('decodes a page in its declared Windows-1252 character set', async () => {
    const r = await read(path.join(DIR, 'newsletter-1252.html'));
    expect(r.text).toContain('The Friends of Thornby Library raised £2,340 at the winter fair');
    expect(r.text).toContain('Café opening hours: 9am to 2pm, Tuesday to Saturday.');
    expect(r.warnings ?? []).toEqual([]);
  });

  it('reads a fragment with implied end tags', () => {
    const r = htmlResult('<p>First<p>Second<ul><li>One<li>Two</ul><table><tr><td>A<td>B<tr><td>C</table>');
    expect(r.text).toBe('First\nSecond\nOne\nTwo\nA\nB\nC\n');
    expect(r.blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'list-item', 'list-item', 'table-cell', 'table-cell', 'table-cell']);
    expect(r.blocks[6]!.table).toEqual({ table: 0, row: 1, cell: 0 });
  });

  it('refuses binary data and empty files with the file name', async () => {
    const png = new Uint8Array(readFileSync(path.join(FIXTURES, 'ingest', 'bad', 'report.docx')));
    await expect(readHtml({ path: 'page.html', bytes: png, limits: DEFAULT_LIMITS, depth: 0 })).rejects.toThrow('page.html: this is binary data, not HTML');
    await expect(readHtml({ path: 'blank.html', bytes: new Uint8Array(0), limits: DEFAULT_LIMITS, depth: 0 })).rejects.toThrow('blank.html: the file is empty');
  });

  it('is linear: a 5 MB page is read in one pass', async () => {
    const html = `<html><body>${'<p>Quayside ward update &amp; news.</p>\n'.repeat(130_000)}</body></html>`;
    const t = Date.now();
    const r = htmlResult(html);
    expect(r.blocks).toHaveLength(130_000);
    expect(Date.now() - t).toBeLessThan(20_000);
  });
});

const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
describe.skipIf(!existsSync(path.join(CORPUS, 'labels.jsonl')))('html reader on the development corpus', () => {
  it('puts every evidence string of the HTML documents on one line', async () => {
    const labels = readFileSync(path.join(CORPUS, 'labels.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; evidence: Array<{ text: string }> })
      .filter((l) => l.file.endsWith('.html'));
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) {
      const r = await read(path.join(CORPUS, l.file));
      const docLines = r.text.split('\n');
      for (const e of l.evidence) expect(docLines.some((x) => x.includes(e.text)), `${l.file}: ${e.text}`).toBe(true);
    }
  });
});
