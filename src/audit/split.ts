import type { Block, IngestResult } from '../types.js';

/**
 * Splitting an agenda pack (one PDF of many reports, often made by ModernGov) into agenda items.
 *
 * Item boundaries come from, strongest first:
 *  - "Agenda Item N" headers: at the top of a page (running header or first lines), or a line of their own
 *    further down a page (a short item, such as an exempt-item notice, that shares a page);
 *  - the frontsheet's numbered running order with page references ("5. Library closure (Pages 3 - 10)"),
 *    for items the pages do not mark themselves; printed page numbers ("Page 3" footers) are mapped to pages
 *    of the PDF, since a pack's numbering often starts after the frontsheet;
 *  - report title pages ("Report to ...", "Report of ...") at the top of a page, when the pack has no numbered
 *    items at all;
 *  - Part 2 / exempt separators ("PART 2", "NOT FOR PUBLICATION", "EXEMPT INFORMATION") at the top of a page;
 *    everything after a Part 2 separator is exempt.
 * A pack with none of these is checked whole, and the audit says so.
 *
 * An item is `exempt` when its own first lines are marked (a "NOT FOR PUBLICATION" banner, "Exempt
 * information", "Part 2", a Schedule 12A paragraph banner) or it follows a Part 2 separator. The motion to
 * exclude the press and public cites Schedule 12A without being exempt itself, and a short notice saying an
 * exempt report "is not included in the public pack" is `withheld`, not exempt content.
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
  /** Offset in the pack's checked text where the item starts. */
  startOffset: number;
  /** Why a boundary was put here. */
  boundary: string;
  /** The item is marked exempt / not for publication (or follows a Part 2 separator). */
  exempt: boolean;
  /** Why the item counts as exempt (the marking, quoted), when it does. */
  exemptReason?: string;
  /** The item is only a notice that an exempt report was left out of this pack. */
  withheld: boolean;
  /** The item's own IngestResult (its text; blocks keep their pack page numbers). */
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

interface Line {
  text: string;
  start: number;
  page: number;
  /** A running header/footer or page number (a 'header' block of the reader). */
  running: boolean;
}

interface Page {
  number: number;
  start: number;
  end: number;
  lines: Line[];
  /** Lines that are not running headers/footers or page numbers. */
  body: Line[];
  /** The page number printed on the page ("Page 7" footer), when there is one. */
  printed?: number;
}

/** An agenda item number as printed: 5, 5a, 5(a), 5.1. */
const NUM = String.raw`(\d{1,3}(?:\.\d{1,2}|\([a-z]\)|[a-z])?)(?![\w(])`;
const ITEM_HEADER = new RegExp(String.raw`^\s*agenda\s+item\s*(?:no\.?\s*|number\s*)?${NUM}\s*[.:)\-–]?\s*(.*)$`, 'i');
/** A page header line that ends with the item stamp ("Cabinet - 11 March 2027   Agenda Item 5"). */
const ITEM_STAMP_AT_END = new RegExp(String.raw`\bagenda\s+item\s*(?:no\.?\s*|number\s*)?${NUM}\s*$`, 'i');
/** "Agenda Item 9" alone on its line: an item boundary anywhere on a page. */
const ITEM_HEADER_ALONE = new RegExp(String.raw`^\s*agenda\s+item\s*(?:no\.?\s*|number\s*)?${NUM}\s*[.:]?\s*$`, 'i');
const REPORT_TITLE = /^\s*(?:report\s+(?:to|of|from)\b|report\s+title\s*:|(?:cabinet|committee|council)\s+report\b)/i;
const EXEMPT_SEPARATOR = /^\s*(?:part\s+(?:2|ii|b)\b(?!\s+of\b)|(?:this\s+(?:report|item|appendix)\s+is\s+)?not\s+for\s+publication\b|exempt\s+(?:information|report|item|appendix|business)\b(?!\s*[:?\-–]?\s*(?:no|none|nil|n\/?a|not applicable)\b)|private\s+(?:business|session)\b|restricted\s*(?:item|document)?\s*$|confidential\s*(?:item|report|appendix)?\s*$)/i;
/** An exempt marking at the head of an item (banner lines, classification fields). */
const EXEMPT_MARK = /^\s*(?:not\s+for\s+publication\b|exempt\s+(?:information|report|item|appendix)\b(?!\s*[:?\-–]?\s*(?:no|none|nil|n\/?a|not applicable)\b)|part\s+(?:2|ii|b)\b(?!\s+of\b)|private\s+(?:and|&)\s+confidential\b|confidential\s*(?:item|report|appendix)?\s*$|restricted\s*(?:item|report|document)?\s*$|(?:this\s+(?:report|item|appendix)\s+(?:is|contains)\s+(?:not\s+for\s+publication|exempt))|(?:classification|status|exempt information)\s*:\s*(?:exempt|private|part\s*(?:2|ii|b)|not for publication|confidential|restricted)\b|exempt\s+information\s*:\s*yes\b|by\s+virtue\s+of\s+paragraphs?\s+\d)/i;
const PART_2_SECTION = /^\s*(?:part\s+(?:2|ii|b)\b(?!\s+of\b)|private\s+(?:business|session)\b|exempt\s+(?:information|business)\s*$)/i;
const SCHEDULE_12A_BANNER = /\bparagraphs?\s+\d{1,2}[a-c]?\b.*\bschedule\s*12\s*a\b/i;
const EXCLUSION_ITEM = /\bexclusion\s+of\s+(?:the\s+)?(?:press|public)\b|\bexclude\s+the\s+(?:press|public)\b/i;
const FRONT_ITEM = /^\s*(?:item\s+(\d{1,3}(?:\([a-z]\)|[a-z])?)[.):]?|(\d{1,3}(?:\([a-z]\)|[a-z])?)[.)]?(?<=[.)]))\s+(?=[A-Z(\d£"'‘“])(.+?)\s*$/i;
const PAGE_REF = /\(?\s*\b(?:pages?|pp?\.?)\s*(\d{1,4})(?:\s*(?:-|–|to)\s*(\d{1,4}))?\s*\)?\s*$/i;
const NOT_INCLUDED = /\bnot\s+included\s+in\s+(?:the|this)\s+(?:public\s+)?(?:reports?\s+)?(?:pack|agenda)|\bexempt\b.*\bnot\s+(?:published|included|circulated)|\b(?:circulated|sent)\s+(?:separately\s+)?to\s+(?:members|councillors)\s+(?:of\s+the\s+\w+\s+)?only\b/i;
const PRINTED_PAGE = /^\s*(?:page\s+(\d{1,4})(?:\s*(?:of|\/)\s*\d+)?|-\s*(\d{1,4})\s*-|(\d{1,4}))\s*$/i;
const ENDS_WITH_PAGE = /(?:^|\s)page\s+(\d{1,4})(?:\s*(?:of|\/)\s*\d+)?\s*$/i;

function linesOf(ingest: IngestResult): Line[] {
  const starts = ingest.pageStarts && ingest.pageStarts.length > 0 ? ingest.pageStarts : [0];
  const headers = ingest.blocks.filter((b) => b.type === 'header' && (b.source ?? 0) === 0).sort((a, b) => a.start - b.start);
  // lines come in order: sweep the header blocks alongside
  let h = 0;
  const isRunning = (offset: number) => {
    while (h < headers.length && Math.max(headers[h]!.end, headers[h]!.start + 1) <= offset) h++;
    return h < headers.length && headers[h]!.start <= offset;
  };
  const out: Line[] = [];
  let page = 1;
  let pos = 0;
  for (const text of ingest.text.split('\n')) {
    while (page < starts.length && starts[page]! <= pos) page++;
    if (text.trim()) out.push({ text, start: pos, page, running: isRunning(pos) });
    pos += text.length + 1;
  }
  return out;
}

function pagesOf(ingest: IngestResult): Page[] {
  const starts = ingest.pageStarts && ingest.pageStarts.length > 0 ? ingest.pageStarts : [0];
  const pages: Page[] = starts.map((start, i) => ({ number: i + 1, start, end: i + 1 < starts.length ? starts[i + 1]! : ingest.text.length, lines: [], body: [] }));
  for (const line of linesOf(ingest)) {
    const page = pages[line.page - 1]!;
    page.lines.push(line);
    if (!line.running && !/^\s*page\s+\d+\s*(?:of\s+\d+)?\s*$/i.test(line.text)) page.body.push(line);
  }
  for (const page of pages) {
    // the printed number: a running line or one of the last two lines saying "Page 7", "- 7 -" or "7"
    const candidates = [...page.lines.filter((l) => l.running), ...page.lines.slice(-2)];
    for (const l of candidates) {
      const m = PRINTED_PAGE.exec(l.text) ?? ENDS_WITH_PAGE.exec(l.text);
      const n = m ? Number(m[1] ?? m[2] ?? m[3]) : NaN;
      if (Number.isInteger(n) && n > 0) {
        page.printed = n;
        break;
      }
    }
  }
  return pages;
}

/** Printed page number ─▶ page of the PDF, when the pages carry consistent printed numbers. */
function printedPageMap(pages: Page[]): Map<number, number> {
  const map = new Map<number, number>();
  let offset: number | undefined;
  let consistent = 0;
  for (const p of pages) {
    if (p.printed === undefined) continue;
    if (!map.has(p.printed)) map.set(p.printed, p.number);
    if (offset === undefined) offset = p.number - p.printed;
    if (p.number - p.printed === offset) consistent++;
  }
  // a constant offset (numbering that starts after the frontsheet) also covers pages whose number was not read
  if (offset !== undefined && consistent >= Math.max(2, Math.ceil(map.size * 0.8))) {
    for (let printed = 1 - offset; printed + offset <= pages.length; printed++) if (printed > 0 && !map.has(printed)) map.set(printed, printed + offset);
  }
  return map;
}

/** Slice an IngestResult to the text [from, to), keeping pack page numbers on blocks. */
export function sliceIngest(ingest: IngestResult, from: number, to: number): IngestResult {
  const starts = ingest.pageStarts ?? [0];
  const text = ingest.text.slice(from, to);
  const pageOf = (offset: number) => {
    let p = 1;
    for (let i = 0; i < starts.length; i++) if (starts[i]! <= offset) p = i + 1;
    return p;
  };
  const blocks: Block[] = [];
  for (const b of ingest.blocks) {
    if ((b.source ?? 0) !== 0) continue;
    if (b.end <= from || b.start >= to) continue;
    if (b.start < from || b.end > to) {
      // a block across the boundary: keep the part inside when its text is a verbatim slice; else keep it whole
      // in the part where it starts
      const verbatim = !b.map && ingest.text.slice(b.start, b.end) === b.text;
      if (!verbatim) {
        if (b.start < from) continue;
      } else {
        const s = Math.max(b.start, from);
        const e = Math.min(b.end, to);
        if (!ingest.text.slice(s, e).trim()) continue;
        blocks.push({ ...b, text: ingest.text.slice(s, e), start: s - from, end: e - from, page: b.page ?? pageOf(s) });
        continue;
      }
    }
    const end = Math.min(b.end, to);
    const shifted: Block = { ...b, start: b.start - from, end: end - from };
    if (b.map) shifted.map = b.map.map((v, i) => (i % 2 === 1 ? v - from : v));
    if (shifted.page === undefined) shifted.page = pageOf(b.start);
    blocks.push(shifted);
  }
  const pageStarts = [0, ...starts.filter((s) => s > from && s < to).map((s) => s - from)];
  return { format: ingest.format, text, blocks, meta: {}, pageStarts, warnings: [] };
}

/** Slice an IngestResult to pages [first, last] (1-based inclusive), keeping pack page numbers on blocks. */
export function slicePages(ingest: IngestResult, first: number, last: number): IngestResult {
  const starts = ingest.pageStarts ?? [0];
  return sliceIngest(ingest, starts[first - 1] ?? 0, last < starts.length ? starts[last]! : ingest.text.length);
}

interface FrontEntry {
  item: string;
  title: string;
  /** Page references as printed on the frontsheet. */
  firstPage?: number;
  lastPage?: number;
  notIncluded: boolean;
}

function cleanTitle(title: string): string {
  return title
    .replace(PAGE_REF, '')
    .replace(/\s*\.{3,}\s*\d*\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The running order: numbered lines after an "AGENDA" heading on the first pages (up to the first page an item
 * header starts), with wrapped titles joined and page references read.
 */
function readFrontsheet(pages: Page[], lastFrontPage: number): { entries: FrontEntry[]; lastPage: number } {
  const lines: Line[] = [];
  for (const page of pages.slice(0, Math.max(1, lastFrontPage))) {
    // a report starting on this page ends the frontsheet
    if (page.number > 1 && page.body.slice(0, 4).some((l) => REPORT_TITLE.test(l.text) || ITEM_HEADER.test(l.text))) break;
    lines.push(...page.body);
  }
  const agendaAt = lines.findIndex((l) => /^\s*(?:#+\s*)?(?:agenda|business|items of business|order of business)\s*:?\s*$/i.test(l.text));
  if (agendaAt < 0) return { entries: [], lastPage: 0 };
  const entries: FrontEntry[] = [];
  let lastPage = lines[agendaAt]!.page;
  let current: FrontEntry | undefined;
  for (const l of lines.slice(agendaAt + 1)) {
    const line = l.text.trim();
    const m = FRONT_ITEM.exec(line);
    if (m) {
      const number = (m[1] ?? m[2]!).toLowerCase();
      // running order numbers go up; a number that does not ends the list
      const prev = entries[entries.length - 1];
      if (prev) {
        const a = parseInt(prev.item, 10);
        const b = parseInt(number, 10);
        if (b < a || (b === a && number <= prev.item) || b > a + 30) break;
      }
      current = { item: number, title: m[3]!, notIncluded: false };
      entries.push(current);
      lastPage = l.page;
      continue;
    }
    const unfinished = current && (/[,(:\-–]$/.test(current.title) || current.title.split('(').length > current.title.split(')').length);
    if (current && line.length < 200 && !PAGE_REF.test(current.title) && (unfinished || /^[a-z(]/.test(line) || (PAGE_REF.test(line) && line.replace(PAGE_REF, '').trim() === ''))) {
      // continuation of the previous entry (a wrapped title or its page reference)
      current.title = `${current.title} ${line}`;
      lastPage = l.page;
    } else current = undefined;
  }
  for (const e of entries) {
    const ref = PAGE_REF.exec(e.title);
    if (ref) {
      e.firstPage = Number(ref[1]);
      e.lastPage = Number(ref[2] ?? ref[1]);
    }
    e.notIncluded = NOT_INCLUDED.test(e.title) || (!e.firstPage && /\bexempt\b|\bpart\s*(?:2|ii|b)\b|\bnot for publication\b|\bprivate\b/i.test(e.title));
    e.title = cleanTitle(e.title.replace(/\s*\((?:[^()]*\b(?:exempt|not included|not for publication|private)\b[^()]*)\)\s*$/i, ''));
  }
  return entries.length >= 2 ? { entries, lastPage } : { entries: [], lastPage: 0 };
}

interface Boundary {
  offset: number;
  page: number;
  item?: string;
  title?: string;
  why: string;
  separator: boolean;
}

const NUMBERED_PARAGRAPH = /^\s*\d{1,3}(?:\.\d{1,3})*\.?\s/;
const FIELD_LINE = /^\s*[A-Z][\w ()'/-]{1,40}:\s/;

/** Lines that are not a title: headers, report-to lines, markings, "Label: value" fields, numbered paragraphs. */
function notATitle(text: string, heading = false): boolean {
  const t = text.trim();
  if (t.length < 4 || ITEM_HEADER.test(t) || REPORT_TITLE.test(t) || EXEMPT_MARK.test(t) || EXEMPT_SEPARATOR.test(t) || NUMBERED_PARAGRAPH.test(t) || /protocol-lint-disable/.test(t)) return true;
  // a line in the body type: a title starts with a capital, is short and is not a sentence or a field
  return !heading && (FIELD_LINE.test(t) || !/^[A-Z0-9"'‘“]/.test(t) || t.length > 120 || /[.;,]$/.test(t));
}

/**
 * An item's title: the first heading (a line in a larger type) in its first lines, else a "Title:"/"Subject:"
 * field, else the first line that is not a header, a marking, a field or a numbered paragraph.
 */
function titleFrom(ingest: IngestResult, from: number, lines: Line[]): string | undefined {
  const head = lines.filter((l) => l.start >= from && !l.running).slice(0, 10);
  const limit = head[head.length - 1]?.start ?? from;
  for (const b of ingest.blocks) {
    if (b.type !== 'heading' || b.start < from || b.start > limit) continue;
    const first = b.text.split('\n')[0]!;
    if (!notATitle(first, true)) return b.text.replace(/\s+/g, ' ').trim();
  }
  for (const l of head) {
    const m = /^\s*(?:title|subject|report title)\s*:\s*(.+)$/i.exec(l.text);
    if (m) return m[1]!.trim();
  }
  return head.slice(0, 5).find((l) => !notATitle(l.text))?.text.trim();
}

/** The item's own first lines (not running headers, not the "Agenda Item N" line). */
function headLines(ingest: IngestResult, count = 14): string[] {
  const headerStarts = ingest.blocks.filter((b) => b.type === 'header').map((b) => [b.start, b.end] as const);
  const out: string[] = [];
  let pos = 0;
  for (const line of ingest.text.split('\n')) {
    const start = pos;
    pos += line.length + 1;
    if (!line.trim() || headerStarts.some(([s, e]) => s <= start && start < Math.max(e, s + 1))) continue;
    if (ITEM_HEADER_ALONE.test(line) || /^\s*page\s+\d+\s*(?:of\s+\d+)?\s*$/i.test(line)) continue;
    out.push(line.trim());
    if (out.length >= count) break;
  }
  return out;
}

function exemptMarking(ingest: IngestResult, title: string | undefined): string | undefined {
  const head = headLines(ingest);
  const procedural = EXCLUSION_ITEM.test(title ?? '') || head.slice(0, 3).some((l) => EXCLUSION_ITEM.test(l));
  for (let i = 0; i < head.length; i++) {
    const line = head[i]!;
    if (procedural && !/^\s*(?:not\s+for\s+publication|classification\s*:)/i.test(line)) continue;
    if (EXEMPT_MARK.test(line)) {
      // "by virtue of paragraph 3 ..." counts as a banner only with Schedule 12A on the line or the next one
      if (/^\s*by\s+virtue/i.test(line) && !SCHEDULE_12A_BANNER.test(`${line} ${head[i + 1] ?? ''}`)) continue;
      // a short banner ("NOT FOR PUBLICATION") with its ground on the next line: quote both
      const next = head[i + 1];
      const quoted = line.length < 40 && next && SCHEDULE_12A_BANNER.test(next) ? `${line} - ${next}` : line;
      return quoted.length > 200 ? `${quoted.slice(0, 197)}…` : quoted;
    }
  }
  return undefined;
}

function isWithheldNotice(ingest: IngestResult): boolean {
  const body = headLines(ingest, 30).join(' ');
  return body.length < 1500 && NOT_INCLUDED.test(body);
}

/** Split a pack into items; `whole` when no structure is recognisable. */
export function splitPack(ingest: IngestResult): PackSplit {
  const pages = pagesOf(ingest);
  const allLines = pages.flatMap((p) => p.lines);
  const boundaries: Boundary[] = [];
  const seenItems = new Set<string>();

  // 1. "Agenda Item N" headers
  for (const page of pages) {
    const top = page.lines.slice(0, 5);
    // "Agenda Item 5" (maybe with its title) starting a top line, or the stamp ending a running-header line;
    // a top line that goes on as a sentence ("Agenda item 4 at the last meeting noted ...") is not a header
    let topHeader: Line | undefined;
    let number: string | undefined;
    let headerTitle: string | undefined;
    for (const [index, l] of top.entries()) {
      const m = ITEM_HEADER.exec(l.text);
      const rest = m?.[2]?.replace(/\s*\bpage\s+\d+(?:\s*(?:of|\/)\s*\d+)?\s*$/i, '').trim() ?? '';
      if (m && (rest === '' || (/^[A-Z0-9"'‘“(]/.test(rest) && rest.length < 120 && !/[.;,]$/.test(rest)))) {
        topHeader = l;
        number = m[1]!.toLowerCase();
        headerTitle = rest || undefined;
        break;
      }
      // the stamp at the end of a header line: a running line, or a first line that names the meeting's date
      const stamp = ITEM_STAMP_AT_END.exec(l.text);
      if (stamp && (l.running || (index < 2 && /\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}\b/.test(l.text.slice(0, stamp.index))))) {
        topHeader = l;
        number = stamp[1]!.toLowerCase();
        break;
      }
    }
    let last = boundaries[boundaries.length - 1];
    if (topHeader && number) {
      // later pages of one item may repeat the header: only the first starts the item
      if (!last || last.item !== number) {
        boundaries.push({ offset: page.start, page: page.number, item: number, title: headerTitle, why: '"Agenda Item N" page headers', separator: false });
        seenItems.add(number);
      }
    }
    for (const line of page.body) {
      if (line === topHeader) continue;
      const m = ITEM_HEADER_ALONE.exec(line.text);
      if (!m) continue;
      const number = m[1]!.toLowerCase();
      last = boundaries[boundaries.length - 1];
      if (last?.item === number || seenItems.has(number)) continue;
      boundaries.push({ offset: line.start, page: page.number, item: number, why: '"Agenda Item N" headings', separator: false });
      seenItems.add(number);
    }
  }

  // the frontsheet: its running order is on the pages before the first item header (at most three)
  const firstHeaderPage = boundaries[0]?.page ?? pages.length + 1;
  const { entries: front, lastPage: frontEnd } = readFrontsheet(pages, Math.min(3, Math.max(1, firstHeaderPage - 1), pages.length));
  const frontPages = front.length > 0 ? frontEnd : 0;
  const printed = printedPageMap(pages);
  const toPdfPage = (n: number | undefined) => (n === undefined ? undefined : (printed.get(n) ?? (printed.size === 0 ? n : undefined)));

  // 2. page references on the frontsheet, for items the pages do not mark themselves
  for (const e of front) {
    const pageNo = toPdfPage(e.firstPage);
    if (!pageNo || seenItems.has(e.item.toLowerCase()) || pageNo <= frontPages || pageNo > pages.length) continue;
    if (boundaries.some((b) => b.offset === pages[pageNo - 1]!.start)) continue;
    boundaries.push({ offset: pages[pageNo - 1]!.start, page: pageNo, item: e.item.toLowerCase(), title: e.title, why: 'page references on the frontsheet', separator: false });
    seenItems.add(e.item.toLowerCase());
  }
  boundaries.sort((a, b) => a.offset - b.offset);

  // 3. Part 2 separators and report title pages, at the top of a page. A report-to line that the reader took
  // for a running header (two reports to the same committee) still counts, unless every page has one.
  const reportTop = (page: Page, withRunning: boolean) => (withRunning ? page.lines : page.body).slice(0, 4).some((l) => REPORT_TITLE.test(l.text));
  const runningReportTitles = pages.filter((p) => reportTop(p, true)).length < pages.length || pages.length <= 2;
  const extra: Boundary[] = [];
  for (const page of pages) {
    if (page.number <= frontPages) continue;
    const top = page.body.slice(0, 4);
    if (boundaries.some((b) => b.page === page.number && b.offset <= (top[0]?.start ?? page.start))) continue;
    // the item this page belongs to, and the pages the frontsheet gives it
    const current = [...boundaries].reverse().find((b) => b.offset < page.start);
    const listed = current?.item ? front.find((e) => e.item.toLowerCase() === current.item) : undefined;
    const listedLast = toPdfPage(listed?.lastPage);
    if ([...page.lines.slice(0, 4)].some((l) => EXEMPT_SEPARATOR.test(l.text) && (!l.running || !pages.every((p) => p.lines.some((x) => x.text === l.text))))) {
      extra.push({ offset: page.start, page: page.number, why: 'Part 2 / exempt separators', separator: true });
    } else if (reportTop(page, runningReportTitles) && !(listedLast !== undefined && page.number <= listedLast)) {
      extra.push({ offset: page.start, page: page.number, why: 'report title pages', separator: false });
    }
  }
  boundaries.push(...extra);
  boundaries.sort((a, b) => a.offset - b.offset);

  // one unnumbered boundary at the very start separates nothing
  if (boundaries.length === 0 || (boundaries.length === 1 && boundaries[0]!.offset === 0 && !boundaries[0]!.item)) {
    const whole = { ...ingest, meta: { ...ingest.meta } };
    const mark = exemptMarking(whole, undefined);
    return {
      structure: 'whole',
      note: 'No agenda structure found (no "Agenda Item N" headers, frontsheet page references, report title pages or Part 2 separators); the document was checked as a whole.',
      items: [{ role: 'item', firstPage: 1, lastPage: pages.length, startOffset: 0, boundary: 'whole document', exempt: mark !== undefined, ...(mark ? { exemptReason: mark } : {}), withheld: false, ingest: whole }],
      listedNotIncluded: [],
    };
  }

  const pageAt = (offset: number) => {
    let p = 1;
    for (const page of pages) if (page.start <= offset) p = page.number;
    return p;
  };
  const items: PackItem[] = [];
  const first = boundaries[0]!;
  if (first.offset > 0 && ingest.text.slice(0, first.offset).trim() !== '') {
    const sliced = sliceIngest(ingest, 0, first.offset);
    items.push({ role: 'frontsheet', title: front.length > 0 ? 'Agenda frontsheet' : 'Pages before the first item', firstPage: 1, lastPage: pageAt(first.offset - 1), startOffset: 0, boundary: 'pages before the first item', exempt: false, withheld: false, ingest: sliced });
  }
  let afterSeparator: number | undefined;
  boundaries.forEach((b, i) => {
    const end = i + 1 < boundaries.length ? boundaries[i + 1]!.offset : ingest.text.length;
    const sliced = sliceIngest(ingest, b.offset, end);
    const fromFront = b.item ? front.find((e) => e.item.toLowerCase() === b.item) : undefined;
    const separatorLines = b.separator ? pages[b.page - 1]!.lines.slice(0, 4).filter((l) => EXEMPT_SEPARATOR.test(l.text)).map((l) => l.text.trim()) : [];
    const title = fromFront?.title || b.title || (b.separator ? separatorLines.join(' - ') : undefined) || titleFrom(ingest, b.offset, allLines.filter((l) => l.start < end));
    const withheld = isWithheldNotice(sliced);
    let mark = exemptMarking(sliced, title);
    // a Part 2 section separator makes what follows exempt; an "exempt appendix" page only itself
    if (b.separator && afterSeparator === undefined && !withheld && separatorLines.some((l) => PART_2_SECTION.test(l))) afterSeparator = b.page;
    if (!mark && b.separator) mark = separatorLines.join(' - ') || undefined;
    if (!mark && afterSeparator !== undefined && !withheld) mark = `after the Part 2 separator on page ${afterSeparator}`;
    items.push({
      ...(b.item ? { item: b.item } : {}),
      role: 'item',
      title,
      firstPage: b.page,
      lastPage: Math.max(b.page, pageAt(end - 1)),
      startOffset: b.offset,
      boundary: b.why,
      exempt: mark !== undefined && !withheld,
      ...(mark && !withheld ? { exemptReason: mark } : {}),
      withheld,
      ingest: sliced,
    });
  });
  const included = new Set(items.filter((i) => i.item && !i.withheld).map((i) => i.item!));
  const listedNotIncluded = front
    .filter((e) => !included.has(e.item.toLowerCase()) && (e.notIncluded || items.some((i) => i.withheld && i.item === e.item.toLowerCase())))
    .map((e) => ({ item: e.item, title: e.title }));
  const numberedItems = items.filter((i) => i.item).length;
  const parts = items.length;
  return {
    structure: 'split',
    note: `Split into ${parts} part${parts === 1 ? '' : 's'}${numberedItems ? ` (${numberedItems} numbered agenda item${numberedItems === 1 ? '' : 's'})` : ''} using ${[...new Set(boundaries.map((b) => b.why))].join(', ')}.`,
    items,
    listedNotIncluded,
  };
}
