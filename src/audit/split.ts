import type { Block, IngestResult } from '../types.js';

/**
 * Splitting an agenda pack (one PDF of many reports, often made by ModernGov) into agenda items.
 *
 * Item boundaries come from, strongest first:
 *  - "Agenda Item N" page headers at the top of a page;
 *  - the frontsheet's numbered running order with page references ("5. Library closure (Pages 3 - 10)");
 *  - report title pages ("Report to ...", "Report of ...") at the top of a page;
 *  - Part 2 / exempt separators ("PART 2", "NOT FOR PUBLICATION", "EXEMPT INFORMATION") at the top of a page.
 * A pack with none of these is checked whole, and the audit says so.
 */

export interface PackItem {
  /** Agenda item number as printed ("5", "6a"), or undefined for the frontsheet / unnumbered items. */
  item?: string;
  /** "frontsheet" for the agenda front pages, else "item". */
  role: 'frontsheet' | 'item';
  title?: string;
  /** First and last page (1-based, inclusive) in the pack. */
  firstPage: number;
  lastPage: number;
  /** Why a boundary was put here. */
  boundary: string;
  /** The item is marked exempt / not for publication. */
  exempt: boolean;
  /** The item's own IngestResult (text of its pages; blocks keep their pack page numbers). */
  ingest: IngestResult;
}

export interface PackSplit {
  structure: 'split' | 'whole';
  /** A sentence for the report saying how the pack was read. */
  note: string;
  items: PackItem[];
  /** Items listed on the frontsheet that are not in the pack (e.g. exempt items left out). */
  listedNotIncluded: Array<{ item: string; title: string }>;
}

interface Page {
  number: number;
  start: number;
  end: number;
  /** The page's lines that are not running headers/footers, first few only. */
  topLines: string[];
}

const ITEM_HEADER = /^\s*agenda\s+item\s*(?:no\.?\s*)?(\d{1,3}[a-z]?)\b[.:)]?\s*(.*)$/i;
const REPORT_TITLE = /^\s*(?:report\s+(?:to|of|from)\b|report\s+title\s*:|(?:cabinet|committee|council)\s+report\b)/i;
const EXEMPT_SEPARATOR = /^\s*(?:part\s+(?:2|ii|b)\b|(?:this\s+(?:report|item|appendix)\s+is\s+)?not\s+for\s+publication\b|exempt\s+(?:information|report|item|appendix)\b|restricted\s*(?:item|document)?\s*$|confidential\s*(?:item|report)?\s*$)/i;
const FRONT_ITEM = /^\s*(\d{1,3}[a-z]?)[.)]\s+(.+?)\s*(?:\((?:pages?|pp?\.?)\s*(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?\)\s*)?$/i;
const EXEMPT_WORDING = /\b(?:not for publication|exempt (?:information|report|item)|by virtue of paragraphs?\s+\d|schedule\s*12a|part\s+(?:2|ii|b)\s+(?:item|report)|confidential (?:item|report))\b/i;
const NOT_INCLUDED = /\bnot included in (?:the|this) (?:public )?(?:pack|agenda)|\bexempt\b.*\bnot (?:published|included|circulated)/i;

function pagesOf(ingest: IngestResult): Page[] {
  const starts = ingest.pageStarts && ingest.pageStarts.length > 0 ? ingest.pageStarts : [0];
  const headerStarts = new Set(ingest.blocks.filter((b) => b.type === 'header').map((b) => b.start));
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! : ingest.text.length;
    const topLines: string[] = [];
    let pos = start;
    for (const line of ingest.text.slice(start, end).split('\n')) {
      const lineStart = pos;
      pos += line.length + 1;
      if (!line.trim() || headerStarts.has(lineStart)) continue;
      if (/^\s*page\s+\d+\s*(?:of\s+\d+)?\s*$/i.test(line)) continue;
      topLines.push(line.trim());
      if (topLines.length >= 8) break;
    }
    return { number: i + 1, start, end, topLines };
  });
}

/** Slice an IngestResult to pages [first, last] (1-based inclusive), keeping pack page numbers on blocks. */
export function slicePages(ingest: IngestResult, first: number, last: number): IngestResult {
  const starts = ingest.pageStarts ?? [0];
  const from = starts[first - 1] ?? 0;
  const to = last < starts.length ? starts[last]! : ingest.text.length;
  const text = ingest.text.slice(from, to);
  const blocks: Block[] = [];
  for (const b of ingest.blocks) {
    if (b.start < from || b.start >= to) continue;
    const shifted: Block = { ...b, start: b.start - from, end: Math.min(b.end, to) - from };
    if (b.map) shifted.map = b.map.map((v, i) => (i % 2 === 1 ? v - from : v));
    if (shifted.page === undefined) {
      let p = 1;
      for (let i = 0; i < starts.length; i++) if (starts[i]! <= b.start) p = i + 1;
      shifted.page = p;
    }
    blocks.push(shifted);
  }
  const pageStarts = starts.slice(first - 1, last).map((s) => s - from);
  return { format: ingest.format, text, blocks, meta: {}, pageStarts, warnings: [] };
}

interface FrontEntry {
  item: string;
  title: string;
  firstPage?: number;
  lastPage?: number;
  notIncluded: boolean;
}

function readFrontsheet(ingest: IngestResult, pages: Page[]): { entries: FrontEntry[]; lastFrontPage: number } | undefined {
  // the frontsheet is the first page(s), up to the first item boundary, with an AGENDA list
  const maxFront = Math.min(pages.length, 3);
  for (let p = 0; p < maxFront; p++) {
    const page = pages[p]!;
    const lines = ingest.text.slice(page.start, page.end).split('\n');
    const agendaAt = lines.findIndex((l) => /^\s*(?:#+\s*)?agenda\s*$|^\s*(?:business|items of business|order of business)\s*$/i.test(l));
    if (agendaAt < 0) continue;
    const entries: FrontEntry[] = [];
    let current: FrontEntry | undefined;
    for (const raw of lines.slice(agendaAt + 1)) {
      const line = raw.trim();
      if (!line) continue;
      const m = FRONT_ITEM.exec(line);
      if (m) {
        current = { item: m[1]!, title: m[2]!.replace(/\s*\((?:page|pages)[^)]*\)\s*$/i, '').trim(), notIncluded: false };
        if (m[3]) {
          current.firstPage = Number(m[3]);
          current.lastPage = Number(m[4] ?? m[3]);
        }
        const inline = /\((?:page|pages|pp?\.?)\s*(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?\)/i.exec(line);
        if (inline && !current.firstPage) {
          current.firstPage = Number(inline[1]);
          current.lastPage = Number(inline[2] ?? inline[1]);
        }
        if (NOT_INCLUDED.test(line)) current.notIncluded = true;
        entries.push(current);
      } else if (current && !/^[A-Z][a-z]+ [A-Z][a-z]+,/.test(line) && line.length < 200) {
        // continuation of the previous entry (wrapped title)
        if (NOT_INCLUDED.test(`${current.title} ${line}`)) current.notIncluded = true;
        const pagesRef = /\((?:page|pages|pp?\.?)\s*(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?\)/i.exec(line);
        if (pagesRef && !current.firstPage) {
          current.firstPage = Number(pagesRef[1]);
          current.lastPage = Number(pagesRef[2] ?? pagesRef[1]);
        }
        current = entries.length > 0 && /[,(]$|^[a-z(]/.test(line) ? current : undefined;
      }
    }
    if (entries.length >= 2) return { entries, lastFrontPage: p + 1 };
  }
  return undefined;
}

/** Split a pack into items; `whole` when no structure is recognisable. */
export function splitPack(ingest: IngestResult): PackSplit {
  const pages = pagesOf(ingest);
  const front = readFrontsheet(ingest, pages);
  type Boundary = { page: number; item?: string; title?: string; why: string; exempt: boolean };
  const boundaries: Boundary[] = [];

  for (const page of pages) {
    const top = page.topLines;
    const headerIdx = top.findIndex((l) => ITEM_HEADER.test(l));
    if (headerIdx >= 0 && headerIdx <= 3) {
      const m = ITEM_HEADER.exec(top[headerIdx]!)!;
      const title = m[2]?.trim() || top[headerIdx + 1];
      // consecutive pages of the same item repeat the header: only the first starts the item
      const prev = boundaries[boundaries.length - 1];
      if (!prev || prev.item !== m[1]) boundaries.push({ page: page.number, item: m[1], title, why: `"Agenda Item ${m[1]}" page header`, exempt: false });
      continue;
    }
    if (top.slice(0, 3).some((l) => EXEMPT_SEPARATOR.test(l))) {
      boundaries.push({ page: page.number, why: 'Part 2 / exempt separator', exempt: true });
      continue;
    }
    if (top.slice(0, 4).some((l) => REPORT_TITLE.test(l)) && page.number > (front?.lastFrontPage ?? 0)) {
      boundaries.push({ page: page.number, why: 'report title page', exempt: false });
    }
  }

  // Frontsheet page references, when the pages themselves carry no headers
  if (front && !boundaries.some((b) => b.item !== undefined)) {
    for (const e of front.entries) {
      if (e.firstPage && e.firstPage <= pages.length && !boundaries.some((b) => b.page === e.firstPage)) {
        boundaries.push({ page: e.firstPage, item: e.item, title: e.title, why: 'page reference on the frontsheet', exempt: false });
      }
    }
    boundaries.sort((a, b) => a.page - b.page);
  }

  if (boundaries.length === 0 || (boundaries.length === 1 && boundaries[0]!.page === 1 && !front)) {
    return {
      structure: 'whole',
      note: 'No agenda structure found (no "Agenda Item N" headers, frontsheet page references or report title pages); the document was checked as a whole.',
      items: [{ role: 'item', firstPage: 1, lastPage: pages.length, boundary: 'whole document', exempt: EXEMPT_WORDING.test(ingest.text.slice(0, 4000)), ingest: { ...ingest, meta: { ...ingest.meta } } }],
      listedNotIncluded: [],
    };
  }

  const items: PackItem[] = [];
  const firstBoundary = boundaries[0]!.page;
  if (firstBoundary > 1) {
    const sliced = slicePages(ingest, 1, firstBoundary - 1);
    items.push({ role: 'frontsheet', title: 'Agenda frontsheet', firstPage: 1, lastPage: firstBoundary - 1, boundary: 'pages before the first item', exempt: false, ingest: sliced });
  }
  boundaries.forEach((b, i) => {
    const last = i + 1 < boundaries.length ? boundaries[i + 1]!.page - 1 : pages.length;
    const sliced = slicePages(ingest, b.page, last);
    const headText = sliced.text.slice(0, 3000);
    const fromFront = b.item ? front?.entries.find((e) => e.item === b.item) : undefined;
    const title = b.title ?? fromFront?.title ?? pages[b.page - 1]!.topLines.find((l) => !REPORT_TITLE.test(l) && !EXEMPT_SEPARATOR.test(l));
    items.push({
      item: b.item,
      role: 'item',
      title,
      firstPage: b.page,
      lastPage: last,
      boundary: b.why,
      exempt: b.exempt || EXEMPT_WORDING.test(headText),
      ingest: sliced,
    });
  });
  const included = new Set(items.map((i) => i.item).filter(Boolean));
  const listedNotIncluded = (front?.entries ?? []).filter((e) => !included.has(e.item) && (e.notIncluded || /\bexempt\b/i.test(e.title))).map((e) => ({ item: e.item, title: e.title }));
  const numbered = items.filter((i) => i.item).length;
  return {
    structure: 'split',
    note: `Split into ${items.length} part(s)${numbered ? ` (${numbered} numbered agenda item${numbered === 1 ? '' : 's'})` : ''} using ${[...new Set(boundaries.map((b) => b.why))].join(', ')}.`,
    items,
    listedNotIncluded,
  };
}
