import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { simpleParser } from 'mailparser';
import { PDFDocument } from 'pdf-lib';
import { createRng, generateWorkloads, quotedPrintable, type GeneratedWorkloads } from '../../scripts/bench/generate.js';

// The bench generator is shared by later benchmarks: it must be deterministic and produce real, valid files.
describe('scripts/bench/generate.ts', () => {
  let a: GeneratedWorkloads;
  let b: GeneratedWorkloads;
  const hashes = (g: GeneratedWorkloads) =>
    g.workloads.flatMap((w) => w.files.map((f) => `${w.name}/${path.basename(f)}:${createHash('sha256').update(readFileSync(f)).digest('hex')}`));

  beforeAll(async () => {
    a = await generateWorkloads({ scale: 0.02, root: mkdtempSync(path.join(tmpdir(), 'bench-gen-a-')) });
    b = await generateWorkloads({ scale: 0.02, root: mkdtempSync(path.join(tmpdir(), 'bench-gen-b-')) });
  });
  afterAll(async () => {
    await a?.cleanup();
    await b?.cleanup();
  });

  const workload = (name: string) => a.workloads.find((w) => w.name === name)!;

  it('writes the same bytes for the same seed, and different bytes for another seed', async () => {
    expect(hashes(a)).toEqual(hashes(b));
    expect(a.workloads.map((w) => w.name)).toEqual(['markdown', 'text', 'eml', 'pdf', 'docx']);
    const c = await generateWorkloads({ scale: 0.02, seed: 7, only: ['markdown'], root: mkdtempSync(path.join(tmpdir(), 'bench-gen-c-')) });
    expect(readFileSync(c.workloads[0]!.files[0]!, 'utf8')).not.toBe(readFileSync(workload('markdown').files[0]!, 'utf8'));
    await c.cleanup();
  });

  it('scales sizes: Markdown and text to the byte, e-mails, pages and Word files by count', () => {
    expect(workload('markdown').bytes).toBeGreaterThanOrEqual(0.02 * 1024 * 1024);
    expect(readFileSync(workload('markdown').files[0]!, 'utf8')).toMatch(/^---\nkind: report\n[\s\S]*\n---\n\n# .*\n\n\| \| \|\n\|---\|---\|\n\| Report of \|/);
    expect(workload('text').bytes).toBeGreaterThanOrEqual(0.02 * 1024 * 1024);
    expect(workload('eml').files).toHaveLength(10);
    expect(workload('docx').files).toHaveLength(2);
    expect(readFileSync(a.configFile, 'utf8')).toContain('"council": "Kestlemoor Borough Council"');
  });

  it('writes .eml drafts that a mail parser reads: plain, multipart quoted-printable and CRLF', async () => {
    const files = workload('eml').files;
    const multipart = await simpleParser(readFileSync(files[3]!)); // draft-0004: multipart/alternative
    expect(multipart.html).toBeTruthy();
    expect(multipart.text).toMatch(/^Dear \S+,\n\n/);
    expect(multipart.text).not.toMatch(/=\n|=[0-9A-F]{2}/);
    const crlf = readFileSync(files[6]!, 'utf8'); // draft-0007
    expect(crlf).toContain('\r\n');
    const plain = await simpleParser(readFileSync(files[0]!));
    expect(plain.subject).toBeTruthy();
    expect(plain.from?.value[0]?.address).toMatch(/@kestlemoor\.example$/);
  });

  it('writes a text PDF with an Agenda Item on a new page and running header and footer', async () => {
    const bytes = new Uint8Array(readFileSync(workload('pdf').files[0]!));
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(6);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const page = await doc.getPage(2);
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).filter((s) => s.trim()).join('\n');
    expect(text).toMatch(/^Cabinet - 11 March 2027\nAgenda Item 4\n/);
    expect(text).toContain('Wards affected: ');
    expect(text).toMatch(/Page 2 of 6$/);
    await doc.destroy();
  });

  it('writes .docx files that are valid zips with a cover-sheet table and paragraphs', () => {
    const entries = unzipSync(new Uint8Array(readFileSync(workload('docx').files[0]!)));
    expect(Object.keys(entries).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'word/document.xml']);
    const xml = strFromU8(entries['word/document.xml']!);
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('<w:t xml:space="preserve">Wards affected</w:t>');
    expect(xml.match(/<w:p>/g)!.length).toBeGreaterThan(24);
  });

  it('quoted-printable encodes =, non-ASCII and trailing space, and soft-wraps at 76', () => {
    expect(quotedPrintable('a £5 = b \nnext')).toBe('a =C2=A35 =3D b=20\nnext');
    const long = quotedPrintable('x'.repeat(200));
    expect(long.split('\n').every((l) => l.length <= 76)).toBe(true);
    expect(long.replace(/=\n/g, '')).toBe('x'.repeat(200));
  });

  it('createRng is a deterministic stream', () => {
    const r1 = createRng(42);
    const r2 = createRng(42);
    const s1 = Array.from({ length: 5 }, () => r1.int(0, 1000));
    expect(Array.from({ length: 5 }, () => r2.int(0, 1000))).toEqual(s1);
    expect(new Set(s1).size).toBeGreaterThan(1);
  });
});
