import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { IngestResult } from '../../src/types.js';
import { DEFAULT_LIMITS, InputError } from '../../src/types.js';
import { ingest } from '../../src/ingest/index.js';
import { findRunningLines, linesFromItems, readPdf, type PdfLine } from '../../src/ingest/pdf.js';
import { FIXTURES, ROOT } from '../helpers/fixtures.js';

const DIR = path.join(FIXTURES, 'ingest', 'pdf');
const BAD = path.join(FIXTURES, 'ingest', 'bad');

// Everything pdfjs could print goes through these; none of them may be used while PDFs are read.
const writes: string[] = [];
const spies: Array<{ mockRestore(): void }> = [];
beforeAll(() => {
  const record = (channel: string) => (...args: unknown[]) => {
    writes.push(`${channel}: ${args.map(String).join(' ')}`);
    return true;
  };
  spies.push(
    vi.spyOn(process.stdout, 'write').mockImplementation(record('stdout') as typeof process.stdout.write),
    vi.spyOn(process.stderr, 'write').mockImplementation(record('stderr') as typeof process.stderr.write),
    vi.spyOn(console, 'log').mockImplementation(record('console.log')),
    vi.spyOn(console, 'warn').mockImplementation(record('console.warn')),
    vi.spyOn(console, 'info').mockImplementation(record('console.info')),
    vi.spyOn(console, 'error').mockImplementation(record('console.error')),
    vi.spyOn(console, 'debug').mockImplementation(record('console.debug')),
  );
});
afterAll(() => {
  for (const s of spies) s.mockRestore();
});

async function read(file: string): Promise<IngestResult> {
  return ingest(file, new Uint8Array(readFileSync(file)));
}

function pageOfOffset(r: IngestResult, offset: number): number {
  return r.pageStarts!.filter((s) => s <= offset).length;
}

async function failure(file: string): Promise<InputError> {
  const e = await read(file).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

describe('pdf reader: agenda-pack.pdf (groff, 4 pages, running header and "Page N" footer)', async () => {
  const r = await read(path.join(DIR, 'agenda-pack.pdf'));
  const lines = r.text.split('\n');

  it('gives each page its start offset and each block its page', () => {
    expect(r.format).toBe('pdf');
    expect(r.pageStarts).toHaveLength(4);
    expect(r.pageStarts![0]).toBe(0);
    for (const b of r.blocks) {
      expect(b.page).toBeGreaterThanOrEqual(1);
      expect(pageOfOffset(r, b.start)).toBe(b.page);
      expect(r.text.slice(b.start, b.end)).toBe(b.text);
    }
  });

  it('reads the same from a Node Buffer (what lintPath passes) and leaves the caller\'s bytes intact', async () => {
    const buffer = readFileSync(path.join(DIR, 'agenda-pack.pdf'));
    const copy = Buffer.from(buffer);
    const again = await ingest('agenda-pack.pdf', buffer);
    expect(again.text).toBe(r.text);
    expect(buffer.equals(copy)).toBe(true);
  });

  it('rebuilds text lines and finds a known line on its page', () => {
    expect(lines).toContain('Wards affected: Thornby');
    const at = r.text.indexOf('Wards affected: Thornby');
    expect(pageOfOffset(r, at)).toBe(3);
    expect(r.blocks.find((b) => b.text === 'Wards affected: Thornby')).toMatchObject({ type: 'paragraph', page: 3 });
    expect(lines).toContain('Ward members consulted: Cllr Philippa Dunstable and Cllr Oswin Carraway (briefing on 4 January 2027)');
    expect(pageOfOffset(r, r.text.indexOf('Wards affected: Castle'))).toBe(2);
    // the pages come in order
    expect(r.text.indexOf('Agenda item 3')).toBeLessThan(r.text.indexOf('Agenda item 4'));
    expect(r.text.indexOf('Agenda item 4')).toBeLessThan(r.text.indexOf('Agenda item 5'));
  });

  it('types the running header and the page numbers as header blocks, and nothing else', () => {
    const headers = r.blocks.filter((b) => b.type === 'header').map((b) => `${b.page}:${b.text}`);
    expect(headers).toEqual([
      '1:Page 1',
      '2:Cabinet – 14 January 2027 Public pack',
      '2:Page 2',
      '3:Cabinet – 14 January 2027 Public pack',
      '3:Page 3',
      '4:Cabinet – 14 January 2027 Public pack',
      '4:Page 4',
    ]);
    // the footer is the last line of each page, the header the first line of pages 2-4
    for (let p = 2; p <= 4; p++) expect(r.text.slice(r.pageStarts![p - 1]).startsWith('Cabinet – 14 January 2027 Public pack\n')).toBe(true);
  });

  it('groups body lines into paragraphs and list items, with the title as a heading', () => {
    expect(r.blocks.find((b) => b.text === 'Wexcombe Borough Council')).toMatchObject({ type: 'heading', page: 1 });
    expect(r.blocks.find((b) => b.text.startsWith('4. Thornby Library'))).toMatchObject({ type: 'list-item', page: 1 });
    const wrapped = r.blocks.find((b) => b.text.startsWith('2.1 To agree that Thornby Library'))!;
    expect(wrapped.text).toBe('2.1 To agree that Thornby Library closes on Wednesday afternoons from 1 April 2027, saving\n£18,000 a year.');
  });
});

describe('pdf reader: press-release.pdf (LibreOffice, table, quote, bullets, header and footer)', async () => {
  const r = await read(path.join(DIR, 'press-release.pdf'));
  const lines = r.text.split('\n');

  it('joins the cells of a table row into one line and reads the document title', () => {
    expect(lines).toContain('For immediate release 18 February 2027');
    expect(r.meta.title).toBe('Abbey Fields play area reopens after refurbishment');
  });

  it('finds the protective marking and footer on both pages', () => {
    const headers = r.blocks.filter((b) => b.type === 'header').map((b) => `${b.page}:${b.text}`);
    expect(headers).toEqual(['1:OFFICIAL', '1:Wexcombe Borough Council Communications', '1:Page 1', '2:OFFICIAL', '2:Wexcombe Borough Council Communications', '2:Page 2']);
  });

  it('types bullets and headings', () => {
    expect(r.blocks.find((b) => b.text === 'Notes to editors')).toMatchObject({ type: 'heading', page: 2 });
    const bullets = r.blocks.filter((b) => b.type === 'list-item');
    expect(bullets).toHaveLength(2);
    expect(bullets[0]!.text).toMatch(/^• The refurbishment cost £146,000/);
    expect(pageOfOffset(r, r.text.indexOf('Councillor Thaddeus Wimbourne'))).toBe(1);
  });
});

describe('pdf reader: PDFs that cannot be read', () => {
  it('refuses a PDF with no text layer', async () => {
    const e = await failure(path.join(DIR, 'scanned-notice.pdf'));
    expect(e.message).toBe(`${path.join(DIR, 'scanned-notice.pdf')} has no text layer; it may be a scan — run OCR first`);
    expect(e.ruleId).toBe('input/unreadable');
  });

  it('refuses a password-protected PDF', async () => {
    const e = await failure(path.join(BAD, 'encrypted.pdf'));
    expect(e.message).toBe(`${path.join(BAD, 'encrypted.pdf')} is password-protected (an encrypted PDF); save an unprotected copy and check it again`);
  });

  it('refuses a damaged PDF', async () => {
    const e = await failure(path.join(BAD, 'corrupt.pdf'));
    expect(e.message).toBe(`${path.join(BAD, 'corrupt.pdf')} is not a valid PDF (the file is damaged or cut short)`);
  });

  it('says what a file named .pdf really is', async () => {
    const png = new Uint8Array(readFileSync(path.join(BAD, 'report.docx')));
    await expect(readPdf({ path: 'scan.pdf', bytes: png, limits: DEFAULT_LIMITS, depth: 0 })).rejects.toThrow('scan.pdf is not a PDF: it is a PNG image');
    await expect(readPdf({ path: 'nothing.pdf', bytes: new Uint8Array(0), limits: DEFAULT_LIMITS, depth: 0 })).rejects.toThrow('nothing.pdf: the file is empty');
  });
});

describe('pdf reader: long documents', () => {
  it('reads a 300-page pack page by page, with running headers on every page', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let p = 1; p <= 300; p++) {
      const page = doc.addPage([595, 842]);
      page.drawText('Wexcombe Borough Council - Planning Committee pack', { x: 60, y: 800, size: 8, font });
      page.drawText(`Application ${1000 + p}: change of use at ${p} Quay Street`, { x: 60, y: 740, size: 11, font });
      for (let l = 0; l < 3; l++) page.drawText(`Paragraph line ${l + 1} of the officer report for application ${1000 + p}.`, { x: 60, y: 700 - l * 14, size: 10, font });
      page.drawText(`Page ${p} of 300`, { x: 270, y: 30, size: 8, font });
    }
    const bytes = await doc.save();
    const before = process.memoryUsage().heapUsed;
    const r = await readPdf({ path: 'pack.pdf', bytes, limits: DEFAULT_LIMITS, depth: 0 });
    expect(r.pageStarts).toHaveLength(300);
    const at = r.text.indexOf('Application 1250: change of use at 250 Quay Street');
    expect(pageOfOffset(r, at)).toBe(250);
    const headers = r.blocks.filter((b) => b.type === 'header');
    expect(headers).toHaveLength(600);
    expect(new Set(headers.filter((b) => b.text.startsWith('Page')).map((b) => b.page)).size).toBe(300);
    expect(r.blocks.filter((b) => b.type !== 'header').every((b) => !b.text.includes('Planning Committee pack'))).toBe(true);
    // pdfjs's page objects must not pile up (a generous bound, not a benchmark)
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(400 * 1024 * 1024);
  });
});

describe('pdf reader: line building', () => {
  const item = (str: string, x: number, y: number, extra: Partial<{ hasEOL: boolean; width: number; h: number; b: number }> = {}) => ({
    str,
    dir: 'ltr',
    transform: [extra.h ?? 10, extra.b ?? 0, 0, extra.h ?? 10, x, y],
    width: extra.width ?? str.length * 5,
    height: extra.h ?? 10,
    fontName: 'f1',
    hasEOL: extra.hasEOL ?? false,
  });

  it('orders lines top to bottom, joins one baseline, spaces gaps and drops over-printing', () => {
    const lines = linesFromItems(
      [
        item('Page 7', 280, 30), // footer drawn first, as some producers do
        item('Second line', 60, 686),
        item('Wards', 60, 700, { width: 28 }),
        item('affected:', 92, 700, { width: 42 }),
        item('affected:', 92, 700, { width: 42 }), // fake bold: drawn twice
        item('Castle', 300, 700), // a table cell on the same baseline
        item('DRAFT', 200, 400, { b: 7 }), // rotated watermark
      ],
      842,
    );
    expect(lines.map((l) => l.text)).toEqual(['Wards affected: Castle', 'Second line', 'Page 7', 'DRAFT']);
  });

  it('finds running headers and page numbers only at the edges of pages', () => {
    const page = (n: number, body: string[]): PdfLine[] =>
      [`Cabinet report ${n === 1 ? '' : '(continued)'}`.trim(), `Agenda item ${n + 4}`, ...body, `- ${n} -`].map((text, i) => ({ text, x: 0, x2: 100, y: 800 - i * 12, h: 10 }));
    const pages = [page(1, ['Body one']), page(2, ['Body two']), page(3, ['Body three', 'Cabinet report (continued)'])];
    const found = findRunningLines(pages).map((set, p) => [...set].map((i) => pages[p]![i]!.text));
    expect(found).toEqual([['- 1 -'], ['Cabinet report (continued)', '- 2 -'], ['Cabinet report (continued)', '- 3 -']]);
  });
});

describe('pdf reader output', () => {
  it('printed nothing to stdout, stderr or the console while reading any PDF above', () => {
    expect(writes).toEqual([]);
  });
});

const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
describe.skipIf(!existsSync(path.join(CORPUS, 'labels.jsonl')))('pdf reader on the development corpus', () => {
  it('puts every evidence string of the PDFs on one line, and the agenda pack header/footer lines are headers', async () => {
    const labels = readFileSync(path.join(CORPUS, 'labels.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; evidence: Array<{ text: string }> })
      .filter((l) => l.file.endsWith('.pdf'));
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) {
      const r = await read(path.join(CORPUS, l.file));
      const docLines = r.text.split('\n');
      for (const e of l.evidence) expect(docLines.some((x) => x.includes(e.text)), `${l.file}: ${e.text}`).toBe(true);
      const pages = r.pageStarts!.length;
      expect(r.blocks.filter((b) => b.type === 'header' && /^Page \d+$/.test(b.text))).toHaveLength(pages);
    }
  });
});
