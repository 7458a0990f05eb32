/**
 * PDF reader (pdfjs-dist legacy build, text layer only).
 *
 * The checked text is the text of each page, one line per text line, pages in order; `pageStarts[i]` is the
 * offset where page i+1 starts and every block has `page`. Lines are rebuilt from pdfjs text items (their
 * `hasEOL` flags and baselines), ordered top to bottom; items on one baseline are joined with a space.
 * Lines that repeat at the top or bottom of most pages (running headers and footers) and page numbers
 * ("Page 3", "3 of 12", "- 3 -") are blocks of type 'header'. Body lines are grouped into paragraph blocks
 * (a block's text keeps its line breaks), split at larger gaps, size changes, list markers and
 * "Label: value" lines; lines in a larger type are headings.
 *
 * pdfjs must print nothing: verbosity is set to errors only, and the console is hushed while pdfjs loads
 * (it warns at import time when it cannot polyfill canvas APIs it does not need for text).
 * Pages are read one at a time and released, so memory stays bounded for a 300-page agenda pack.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Block, BlockType, IngestResult, Reader } from '../types.js';
import { InputError } from '../types.js';
import { LineAssembler, oneLine } from './lines.js';
import { describeContent, isPdf } from './sniff.js';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type TextItem = import('pdfjs-dist/types/src/display/api.js').TextItem;

// ─── loading pdfjs quietly ───────────────────────────────────────────────────

const noop = () => {};
let hushed = 0;
let saved: Pick<Console, 'log' | 'info' | 'warn' | 'debug'> | undefined;

/** Silence console.log/info/warn/debug (pdfjs's channels) until the matching `unhush`. Nests. */
function hush(): void {
  if (hushed++ === 0) {
    saved = { log: console.log, info: console.info, warn: console.warn, debug: console.debug };
    console.log = console.info = console.warn = console.debug = noop;
  }
}

function unhush(): void {
  if (--hushed === 0 && saved) {
    Object.assign(console, saved);
    saved = undefined;
  }
}

let loading: Promise<{ pdfjs: Pdfjs; cMapUrl?: string; standardFontDataUrl?: string }> | undefined;

function loadPdfjs() {
  loading ??= (async () => {
    hush();
    try {
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      // Load the worker code into this thread ourselves (pdfjs runs a "fake worker" in Node anyway); this
      // avoids a second, path-dependent import later and keeps its module-load output hushed too.
      const workerSpec = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
      const g = globalThis as { pdfjsWorker?: unknown };
      if (!g.pdfjsWorker) g.pdfjsWorker = await import(workerSpec);
      let cMapUrl: string | undefined;
      let standardFontDataUrl: string | undefined;
      try {
        const dir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
        cMapUrl = path.join(dir, 'cmaps') + path.sep;
        standardFontDataUrl = path.join(dir, 'standard_fonts') + path.sep;
      } catch {
        // without them, text from most PDFs still comes out
      }
      return { pdfjs, cMapUrl, standardFontDataUrl };
    } finally {
      unhush();
    }
  })();
  return loading;
}

// ─── lines from text items ───────────────────────────────────────────────────

/** One text line on a page. `y` is the baseline (PDF units, up is larger), `h` the font height. */
export interface PdfLine {
  text: string;
  x: number;
  x2: number;
  y: number;
  h: number;
}

interface Seg extends PdfLine {
  parts: string[];
}

function isTextItem(item: unknown): item is TextItem {
  return typeof (item as TextItem).str === 'string';
}

/**
 * Rebuild the lines of one page from pdfjs text items: segments in content-stream order (a new one at
 * hasEOL or a baseline change), then rows top to bottom with segments on one baseline joined left to right.
 * On a page laid out in columns the stream order is kept instead (only header/footer zones move).
 */
export function linesFromItems(items: readonly unknown[], pageHeight: number): PdfLine[] {
  const segs: Seg[] = [];
  const rotated: Seg[] = [];
  let cur: Seg | undefined;
  let curRot: Seg | undefined;
  let last: { str: string; x: number; y: number } | undefined;
  for (const item of items) {
    if (!isTextItem(item)) continue;
    const t = item.transform as number[];
    const [a, b, c, d, x, y] = [t[0] ?? 1, t[1] ?? 0, t[2] ?? 0, t[3] ?? 1, t[4] ?? 0, t[5] ?? 0];
    const h = Math.hypot(c, d) || item.height || 10;
    const str = item.str;
    if (Math.abs(b) > 0.01 * Math.abs(a) + 1e-6 || Math.abs(c) > 0.01 * Math.abs(d) + 1e-6) {
      // rotated text (watermarks, vertical labels): kept in stream order, after the page's lines
      if (str) {
        if (!curRot) {
          curRot = { text: '', parts: [], x, x2: x, y, h };
          rotated.push(curRot);
        }
        curRot.parts.push(str);
      }
      if (item.hasEOL) curRot = undefined;
      continue;
    }
    if (str && last && last.str === str && Math.abs(last.x - x) < 1 && Math.abs(last.y - y) < 1) continue; // over-printed (fake bold)
    if (str) last = { str, x, y };
    if (str) {
      if (cur && Math.abs(cur.y - y) <= Math.max(cur.h, h) * 0.5) {
        const gap = x - cur.x2;
        const prev = cur.parts[cur.parts.length - 1] ?? '';
        if (gap > Math.min(cur.h, h) * 0.15 && !/\s$/.test(prev) && !/^\s/.test(str)) cur.parts.push(' ');
        cur.parts.push(str);
        cur.x2 = Math.max(cur.x2, x + (item.width || 0));
        cur.h = Math.max(cur.h, h);
      } else {
        cur = { text: '', parts: [str], x, x2: x + (item.width || 0), y, h };
        segs.push(cur);
      }
    }
    if (item.hasEOL) cur = undefined;
  }
  for (const s of segs) s.text = oneLine(s.parts.join('')).replace(/\s+$/, '');
  for (const s of rotated) s.text = oneLine(s.parts.join('')).trim();
  const body = segs.filter((s) => s.text.trim() !== '');

  // rows: segments whose baselines are within half a line of each other
  const sorted = [...body].sort((p, q) => q.y - p.y || p.x - q.x);
  const rows: Seg[][] = [];
  for (const s of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0]!.y - s.y) <= Math.min(row[0]!.h, s.h) * 0.5) row.push(s);
    else rows.push([s]);
  }
  // columns: many rows with two segments far apart → keep the stream order
  const wide = rows.filter((r) => r.length > 1 && r.some((s, i) => i > 0 && s.x - r[i - 1]!.x2 > 2 * s.h)).length;
  let lines: PdfLine[];
  if (rows.length >= 6 && wide / rows.length >= 0.4) {
    const top = pageHeight * 0.92;
    const bottom = pageHeight * 0.08;
    const head = body.filter((s) => s.y > top).sort((p, q) => q.y - p.y || p.x - q.x);
    const foot = body.filter((s) => s.y < bottom).sort((p, q) => q.y - p.y || p.x - q.x);
    const middle = body.filter((s) => s.y <= top && s.y >= bottom);
    lines = [...head, ...middle, ...foot].map(({ parts: _p, ...l }) => ({ ...l, text: l.text.trim() }));
  } else {
    lines = rows.map((row) => {
      row.sort((p, q) => p.x - q.x);
      const text = row.map((s) => s.text.trim()).join(' ');
      return { text, x: row[0]!.x, x2: Math.max(...row.map((s) => s.x2)), y: row[0]!.y, h: Math.max(...row.map((s) => s.h)) };
    });
  }
  for (const r of rotated) if (r.text) lines.push({ text: r.text, x: r.x, x2: r.x2, y: r.y, h: r.h });
  return lines.filter((l) => l.text !== '');
}

// ─── running headers and footers ─────────────────────────────────────────────

const PAGE_NUMBER = /^(?:page\s*\d+(?:\s*(?:of|\/)\s*\d+)?|-\s*\d+\s*-|\d{1,4}|\d+\s*(?:of|\/)\s*\d+)$/i;
const ROMAN_PAGE = /^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$/;
const ENDS_WITH_PAGE_NUMBER = /(?:^|\s|\||·|–|-)\s*page\s*\d+(?:\s*(?:of|\/)\s*\d+)?$/i;
const EDGE = 3;

function normaliseRunning(text: string, page: number): string {
  return text
    .replace(new RegExp(`(^|\\D)${page}(?!\\d)`, 'g'), '$1#')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** For each page, the indexes of its lines that are running headers/footers or page numbers. */
export function findRunningLines(pages: PdfLine[][]): Array<Set<number>> {
  const withText = pages.filter((p) => p.length > 0).length;
  const topCount = new Map<string, number>();
  const bottomCount = new Map<string, number>();
  const keys = pages.map((lines, p) => lines.map((l) => normaliseRunning(l.text, p + 1)));
  pages.forEach((lines, p) => {
    const top = new Set<string>();
    const bottom = new Set<string>();
    for (let i = 0; i < Math.min(EDGE, lines.length); i++) top.add(keys[p]![i]!);
    for (let i = Math.max(0, lines.length - EDGE); i < lines.length; i++) bottom.add(keys[p]![i]!);
    for (const k of top) topCount.set(k, (topCount.get(k) ?? 0) + 1);
    for (const k of bottom) bottomCount.set(k, (bottomCount.get(k) ?? 0) + 1);
  });
  const needed = Math.max(2, Math.ceil(withText / 2));
  return pages.map((lines, p) => {
    const out = new Set<number>();
    if (lines.length === 0) return out;
    const mark = (i: number, counts: Map<string, number>, edgeIndex: number) => {
      const text = lines[i]!.text.trim();
      const repeated = withText >= 2 && (counts.get(keys[p]![i]!) ?? 0) >= needed;
      const pageNo = edgeIndex < 2 && (PAGE_NUMBER.test(text) || ROMAN_PAGE.test(text) || ENDS_WITH_PAGE_NUMBER.test(text));
      if (repeated || pageNo) out.add(i);
    };
    // only a run of edge lines counts: stop at the first line that is not running
    for (let i = 0; i < Math.min(EDGE, lines.length); i++) {
      mark(i, topCount, i);
      if (!out.has(i)) break;
    }
    for (let i = lines.length - 1, k = 0; i >= Math.max(0, lines.length - EDGE); i--, k++) {
      mark(i, bottomCount, k);
      if (!out.has(i)) break;
    }
    return out;
  });
}

// ─── blocks ──────────────────────────────────────────────────────────────────

const LIST_MARKER = /^(?:[•▪◦●○■□➢►✓\-–—*]\s+|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s+)/i;
const NUMBERED_PARA = /^\d{1,3}(?:\.\d{1,3})+\.?\s+/;
const FIELD_LABEL = /^[A-Z][A-Za-z()' /?-]{1,60}:\s/;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Group one page's body lines into blocks: [first, last] line indexes with a type. */
function groupLines(lines: PdfLine[], running: Set<number>, bodyHeight: number, rightEdge: number): Array<{ from: number; to: number; type: BlockType; depth?: number }> {
  const groups: Array<{ from: number; to: number; type: BlockType; depth?: number }> = [];
  let open: { from: number; to: number; type: BlockType; depth?: number } | undefined;
  const headingDepth = (h: number): number | undefined => {
    if (!bodyHeight || h < bodyHeight * 1.15) return undefined;
    return h >= bodyHeight * 1.5 ? 1 : h >= bodyHeight * 1.3 ? 2 : 3;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (running.has(i)) {
      open = undefined;
      groups.push({ from: i, to: i, type: 'header' });
      continue;
    }
    const depth = headingDepth(line.h);
    const prev = open ? lines[open.to]! : undefined;
    let startNew = !open || !prev;
    if (open && prev) {
      const gap = prev.y - line.y;
      const lineHeight = Math.max(prev.h, line.h);
      const prevDepth = headingDepth(prev.h);
      if (gap <= 0 || gap > lineHeight * 1.75) startNew = true;
      else if (Math.abs(prev.h - line.h) > Math.min(prev.h, line.h) * 0.15 || prevDepth !== depth) startNew = true;
      else if (LIST_MARKER.test(line.text) || NUMBERED_PARA.test(line.text) || FIELD_LABEL.test(line.text)) startNew = true;
      // a line that stops well short of the right edge ends its paragraph (wrapped lines run to the edge)
      else if (rightEdge > 0 && prev.x2 < rightEdge * (/[.:!?]["'”’)]?$/.test(prev.text) ? 0.85 : 0.7)) startNew = true;
    }
    if (startNew) {
      const type: BlockType = depth !== undefined && line.text.length < 200 ? 'heading' : LIST_MARKER.test(line.text) ? 'list-item' : 'paragraph';
      open = { from: i, to: i, type, ...(type === 'heading' ? { depth } : {}) };
      groups.push(open);
    } else open!.to = i;
  }
  return groups;
}

export function pdfResult(pages: PdfLine[][], meta: IngestResult['meta'] = {}, warnings: string[] = []): IngestResult {
  const running = findRunningLines(pages);
  const bodyHeight = median(pages.flatMap((lines, p) => lines.filter((_, i) => !running[p]!.has(i)).map((l) => l.h)));
  const out = new LineAssembler();
  const pageStarts: number[] = [];
  const blocks: Block[] = [];
  pages.forEach((lines, p) => {
    pageStarts.push(out.offset);
    const starts: number[] = [];
    for (const l of lines) {
      starts.push(out.offset);
      out.add(l.text);
    }
    const rightEdge = Math.max(0, ...lines.filter((_, i) => !running[p]!.has(i)).map((l) => l.x2));
    for (const g of groupLines(lines, running[p]!, bodyHeight, rightEdge)) {
      const start = starts[g.from]!;
      const end = starts[g.to]! + lines[g.to]!.text.length;
      const block: Block = { type: g.type, text: '', start, end, page: p + 1 };
      if (g.depth !== undefined) block.depth = g.depth;
      blocks.push(block);
    }
  });
  const text = out.toString();
  for (const b of blocks) b.text = text.slice(b.start, b.end);
  return { format: 'pdf', text, blocks, meta, pageStarts, warnings };
}

// ─── the reader ──────────────────────────────────────────────────────────────

function pdfFailure(filePath: string, e: unknown): InputError {
  const name = (e as Error)?.name;
  const message = ((e as Error)?.message ?? String(e)).split('\n')[0];
  if (name === 'PasswordException') {
    return new InputError(`${filePath} is password-protected (an encrypted PDF); save an unprotected copy and check it again`);
  }
  if (name === 'InvalidPDFException') return new InputError(`${filePath} is not a valid PDF (the file is damaged or cut short)`);
  return new InputError(`${filePath} could not be read as a PDF (${message})`);
}

/** How often (in pages) to let pdfjs drop its caches while reading a long document. */
const CLEANUP_EVERY = 20;

/** .pdf: text PDFs (agenda packs, exported reports). Scans without a text layer are refused. */
export const readPdf: Reader = async ({ path: filePath, bytes }) => {
  if (bytes.length === 0) throw new InputError(`${filePath}: the file is empty`);
  if (!isPdf(bytes)) {
    const what = describeContent(bytes) ?? 'text';
    throw new InputError(`${filePath} is not a PDF: it is ${what}`, 'input/unsupported');
  }
  const { pdfjs, cMapUrl, standardFontDataUrl } = await loadPdfjs();
  hush();
  // pdfjs takes ownership of the buffer it is given (it may transfer it), and refuses a Node Buffer: give it
  // a plain Uint8Array copy
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    isOffscreenCanvasSupported: false,
    enableXfa: false,
    cMapUrl,
    cMapPacked: true,
    standardFontDataUrl,
  });
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (e) {
      throw pdfFailure(filePath, e);
    }
    const meta: IngestResult['meta'] = {};
    try {
      const info = (await doc.getMetadata()).info as Record<string, unknown> | undefined;
      const title = typeof info?.Title === 'string' ? info.Title.replace(/\s+/g, ' ').trim() : '';
      if (title) meta.title = title;
    } catch {
      // metadata is optional
    }
    const pages: PdfLine[][] = [];
    const unreadable: number[] = [];
    const empty: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        const view = page.view;
        const height = Math.abs((view[3] ?? 842) - (view[1] ?? 0)) || 842;
        const lines = linesFromItems(content.items, (view[1] ?? 0) + height);
        page.cleanup();
        pages.push(lines);
        if (lines.length === 0) empty.push(n);
      } catch {
        pages.push([]);
        unreadable.push(n);
      }
      if (n % CLEANUP_EVERY === 0) await doc.cleanup().catch(noop);
    }
    const chars = pages.reduce((sum, lines) => sum + lines.reduce((s, l) => s + l.text.replace(/\s/g, '').length, 0), 0);
    if (chars === 0) {
      if (unreadable.length === doc.numPages && doc.numPages > 0) throw new InputError(`${filePath} is not a valid PDF (none of its pages could be read)`);
      throw new InputError(`${filePath} has no text layer; it may be a scan — run OCR first`);
    }
    const warnings: string[] = [];
    if (unreadable.length) warnings.push(`page${unreadable.length > 1 ? 's' : ''} ${unreadable.join(', ')} could not be read`);
    if (empty.length) warnings.push(`page${empty.length > 1 ? 's' : ''} ${empty.join(', ')} ha${empty.length > 1 ? 've' : 's'} no text (scanned? run OCR to check ${empty.length > 1 ? 'them' : 'it'})`);
    return pdfResult(pages, meta, warnings);
  } finally {
    await task.destroy().catch(noop);
    unhush();
  }
};
