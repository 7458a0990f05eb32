/**
 * Exempt items printed in a public agenda pack (confidential/exempt-item-in-public-pack): the one decision that
 * both `protocol-lint check` (a pack read as one document) and `protocol-lint audit` (a PDF pack split into
 * items) make.
 *
 * Nothing here splits a pack itself: a PDF pack is split by the audit's splitter (src/audit/split.ts), exactly
 * as `audit` splits it; any other document (Markdown, text, Word, HTML) is cut at its "Agenda item N" lines by
 * the ward/ rules' `splitSections`, and each section is handed to the same splitter as one page, so that the
 * same tests decide whether an item is marked exempt ("NOT FOR PUBLICATION", "Exempt information", "Part 2",
 * "by virtue of paragraph N of Part 1 of Schedule 12A" in its first lines) or is only a notice that the exempt
 * report was left out of the pack.
 */

import type { Audience, Block, IngestResult } from '../../src/types.js';
import type { Document } from '../../src/document/document.js';
import { buildMeta } from '../../src/document/meta.js';
import { splitPack, type PackItem, type PackSplit } from '../../src/audit/split.js';
import { splitSections } from '../ward/analysis.js';

// ─── Who reads the pack ───────────────────────────────────────────────────

/** The lines of a pack's first page that are not running headers/footers: where a pack says what it is. */
export function frontLines(ingested: IngestResult, count: number): string[] {
  const end = ingested.pageStarts?.[1] ?? ingested.text.length;
  const running = ingested.blocks.filter((b) => b.type === 'header');
  const out: string[] = [];
  let pos = 0;
  for (const line of ingested.text.slice(0, end).split('\n')) {
    const start = pos;
    pos += line.length + 1;
    if (!line.trim() || running.some((b) => b.start <= start && start < Math.max(b.end, b.start + 1))) continue;
    out.push(line.trim());
    if (out.length >= count) break;
  }
  return out;
}

/**
 * Who reads the pack: a public reports pack is public; a pack whose cover or running header says it is the
 * Part 2 / exempt / private pack goes to members. The running order is not looked at (a public pack lists its
 * exempt items too).
 */
export function packAudience(ingested: IngestResult): Audience {
  const running = ingested.blocks.filter((b) => b.type === 'header').map((b) => b.text);
  const lines = frontLines(ingested, 8);
  const agendaAt = lines.findIndex((l) => /^(?:agenda|business|items of business|order of business)\s*:?$/i.test(l) || /^(?:item\s+)?\d{1,3}[.)]\s/i.test(l));
  const cover = [...(agendaAt >= 0 ? lines.slice(0, agendaAt) : lines), ...running.slice(0, 6)].join('\n');
  if (/\bpublic\s+(?:document|reports?|agenda)?\s*pack\b|\bpublic\s+agenda\b/i.test(cover)) return 'public';
  if (/\b(?:part\s*(?:2|ii|b)|exempt|private|confidential|restricted)\s+(?:reports?\s+|agenda\s+|papers?\s+)?(?:pack|agenda|papers|supplement)\b|\bnot\s+for\s+publication\b|\bpink\s+papers?\b/i.test(cover)) return 'members';
  return 'public';
}

// ─── Is the exempt content printed? ───────────────────────────────────────

/** Cover-sheet fields an agenda listing carries for an exempt item without printing the report. */
const LISTING_FIELD =
  /^\s*(?:report\s+(?:of|to|from|by|title|author)|title|subject|cabinet\s+member|portfolio(?:\s+holder)?|lead\s+(?:member|officer|director)|contact(?:\s+officer)?|author|wards?\s+affected|ward\s+(?:members?|councillors?)(?:\s+consulted)?|key\s+decision|forward\s+plan(?:\s+ref(?:erence)?)?|classification|status|decision[- ]maker|meeting|date(?:\s+of\s+meeting)?|reasons?(?:\s+for\s+(?:exemption|exclusion))?|exempt(?:\s+information)?|paragraphs?)\s*:/i;
/** Listing lines: "Report of the Director of Place", "To consider the sale of ...", the item's own header. */
const LISTING_LINE = /^\s*(?:report\s+(?:of|to|from|by)\b|to\s+(?:consider|receive|note|agree|approve|determine|decide)\b|(?:agenda\s+)?item\s*(?:no\.?\s*)?\d|page\s+\d+\s*(?:of\s+\d+)?\s*$)/i;
/** The marking and its ground, and words about withholding: not content of the report. */
const MARKING_LINE = /\b(?:not\s+for\s+publication|exempt|part\s*(?:2|ii|b)|private|confidential|restricted|sch(?:edule|ed\.?|\.)?\s*12\s*a|by\s+virtue\s+of|press\s+and\s+public|public\s+(?:be\s+)?excluded)\b/i;
/** A line of figures: bids, valuations, salaries. */
const FIGURES = /£\s?\d|\d[\d,]{3,}|\b\d+(?:\.\d+)?\s?%/;
const WORD = /[A-Za-z£\d][\w'’£.,%-]*/g;

/** Words of report content an item needs (beyond its title, marking and cover fields) to count as printed. */
export const MIN_CONTENT_WORDS = 20;

/**
 * The item prints exempt content: beyond its header, title, marking and the cover fields an agenda lists for an
 * exempt item, it has at least MIN_CONTENT_WORDS words of text, or two lines of figures (a table of bids). An
 * item that is only its title, marking, "Report of ..." and "To consider ..." lines withholds the report.
 */
export function printsContent(part: PackItem): boolean {
  const ingest = part.ingest;
  const running = ingest.blocks.filter((b) => b.type === 'header').map((b) => [b.start, Math.max(b.end, b.start + 1)] as const);
  const title = part.title?.replace(/\s+/g, ' ').trim().toLowerCase();
  let words = 0;
  let figures = 0;
  let pos = 0;
  for (const raw of ingest.text.split('\n')) {
    const start = pos;
    pos += raw.length + 1;
    const line = raw.trim();
    if (!line || running.some(([s, e]) => s <= start && start < e)) continue;
    if (title && line.replace(/\s+/g, ' ').toLowerCase() === title) continue;
    if (LISTING_FIELD.test(line) || LISTING_LINE.test(line) || MARKING_LINE.test(line)) continue;
    words += line.match(WORD)?.length ?? 0;
    if (FIGURES.test(line)) figures++;
    if (words >= MIN_CONTENT_WORDS || figures >= 2) return true;
  }
  return false;
}

// ─── The pack as the splitter sees it ─────────────────────────────────────

/** Where a stretch of the pack's text comes from in the document: `block`'s text from `offset`. */
interface Origin {
  start: number;
  end: number;
  block: number;
  offset: number;
  /** Characters of the block's text, from `offset`, in this stretch. */
  length: number;
}

export interface PackView {
  /** The text the splitter read: the PDF's own, or the sections laid out one to a page. */
  ingest: IngestResult;
  split: PackSplit;
  /** Page numbers are the document's own (a PDF), so findings can name them. */
  paged: boolean;
  origins: Origin[];
}

const NOT_PACK_CONTENT = new Set<Block['type']>(['quoted-reply', 'signature', 'disclaimer', 'code', 'front-matter']);

/** A PDF: the reader's own text, pages and blocks, as `audit` splits them. */
function pdfView(doc: Document): PackView {
  const source = doc.sources[0]!;
  const blocks = doc.blocks.filter((b) => (b.source ?? 0) === 0);
  const ingest: IngestResult = { format: source.format, text: source.text, blocks, meta: {}, ...(source.pageStarts ? { pageStarts: source.pageStarts } : {}) };
  const origins: Origin[] = [];
  doc.blocks.forEach((b, i) => {
    if ((b.source ?? 0) === 0) origins.push({ start: b.start, end: b.end, block: i, offset: 0, length: b.text.length });
  });
  return { ingest, split: splitPack(ingest), paged: true, origins };
}

/** "Agenda item 7: Castle Street depot: disposal" → "Castle Street depot: disposal". */
function itemLineTitle(line: string): string {
  return line
    .replace(/^[\s>#*_]*(?:agenda\s+)?item\s*(?:no\.?|number)?\s*[:.]?\s*\d{1,3}[a-z]?\b[\s\-–—:.)*_]*/i, '')
    .replace(/[*_\s]+$/, '')
    .trim();
}

/**
 * Any other document: its "Agenda item N" sections (splitSections) laid out one to a page, each page headed
 * "Agenda Item N <title>" the way a ModernGov pack stamps its pages, so the splitter takes each section as an
 * item and reads its first lines for a marking. Undefined when the document has fewer than two items.
 */
function sectionView(doc: Document): PackView | undefined {
  const sections = splitSections(doc);
  if (sections.filter((s) => !s.preamble && s.item).length < 2) return undefined;
  let text = '';
  const blocks: Block[] = [];
  const pageStarts: number[] = [];
  const origins: Origin[] = [];
  for (const section of sections) {
    const slices = section.slices.filter((s) => {
      const b = doc.blocks[s.block]!;
      return (b.source ?? 0) === 0 && !NOT_PACK_CONTENT.has(b.type) && b.text.slice(s.start, s.end).trim() !== '';
    });
    if (slices.length === 0 && section.preamble) continue;
    pageStarts.push(text.length);
    if (!section.preamble && section.item) {
      const first = slices[0];
      const title = first ? itemLineTitle(doc.blocks[first.block]!.text.slice(first.start, first.end).split('\n')[0]!) : '';
      text += `Agenda Item ${section.item}${title ? ` ${title}` : ''}\n`;
    }
    for (const s of slices) {
      const b = doc.blocks[s.block]!;
      const slice = b.text.slice(s.start, s.end).replace(/\n+$/, '');
      const start = text.length;
      blocks.push({ type: b.type, text: slice, start, end: start + slice.length, ...(b.depth ? { depth: b.depth } : {}) });
      origins.push({ start, end: start + slice.length, block: s.block, offset: s.start, length: slice.length });
      text += `${slice}\n`;
    }
  }
  if (pageStarts[0] !== 0) pageStarts.unshift(0);
  const ingest: IngestResult = { format: doc.format, text, blocks, meta: {}, pageStarts };
  return { ingest, split: splitPack(ingest), paged: false, origins };
}

/** How the splitter sees a document read as one agenda pack. */
export function packView(doc: Document): PackView | undefined {
  return doc.format === 'pdf' ? pdfView(doc) : sectionView(doc);
}

/** Cheap test before splitting: the document says something about exemption at all. */
export const EXEMPT_WORDS = /\b(?:exempt|not\s+for\s+publication|part\s*(?:2|ii|b)|private|confidential|restricted|sch(?:edule|ed\.?|\.)?\s*12\s*a|classification)\b/i;

// ─── The finding ──────────────────────────────────────────────────────────

/** Why an item counts as exempt: its marking, or its own "Classification: Exempt" field. */
export function exemptReasonOf(part: PackItem): string | undefined {
  if (part.withheld) return undefined;
  if (part.exempt) return part.exemptReason ?? 'exempt';
  if (part.role !== 'item') return undefined;
  const meta = buildMeta({ ...part.ingest, meta: {} });
  if (meta.classification !== 'exempt') return undefined;
  return meta.fields.find((f) => f.key === 'classification')?.value ?? 'classification: exempt';
}

/** The data of the rule's message: "Item 7 (Castle Street depot: disposal) is marked exempt (...) ... on pages 7-8." */
export function messageData(part: PackItem, reason: string, paged: boolean): { label: string; reason: string; where: string } {
  const label = part.item ? `Item ${part.item}${part.title ? ` (${part.title})` : ''}` : part.title ? `"${part.title}"` : 'This part';
  const pages = part.firstPage === part.lastPage ? `page ${part.firstPage}` : `pages ${part.firstPage}-${part.lastPage}`;
  return { label, reason: reason.length > 120 ? `${reason.slice(0, 117)}…` : reason, where: paged ? `, on ${pages}` : '' };
}

/** The marking as printed, for pointing at it ("NOT FOR PUBLICATION" of "NOT FOR PUBLICATION - By virtue of ..."). */
export function markingText(reason: string): string {
  return reason.split(' - ')[0]!;
}

export interface ExemptItem {
  part: PackItem;
  reason: string;
  /** The block and span to report at: the marking when it is in the text, else the item's first line. */
  at: { block: Block; start: number; end: number };
}

/**
 * Items of a document read as one agenda pack that are marked exempt and printed: the pack is split into two or
 * more parts, it is not the Part 2 pack for members, and the item is neither a withheld-item notice nor only
 * its listing. Empty when the document is not such a pack.
 */
export function exemptItemsPrinted(doc: Document, options: { audience?: Audience } = {}): ExemptItem[] {
  if (!EXEMPT_WORDS.test(doc.text)) return [];
  const view = packView(doc);
  if (!view || view.split.structure !== 'split' || view.split.items.length < 2) return [];
  if ((options.audience ?? packAudience(view.ingest)) !== 'public') return [];
  const out: ExemptItem[] = [];
  view.split.items.forEach((part, i) => {
    const reason = exemptReasonOf(part);
    if (!reason || !printsContent(part)) return;
    const end = view.split.items[i + 1]?.startOffset ?? view.ingest.text.length;
    const at = locate(doc, view.origins, part.startOffset, end, markingText(reason));
    if (at) out.push({ part, reason, at });
  });
  return out;
}

/** The first place in [from, to) of the pack's text where `needle` is printed; else the first line there. */
function locate(doc: Document, origins: Origin[], from: number, to: number, needle: string): ExemptItem['at'] | undefined {
  const inside = origins.filter((o) => o.end > from && o.start < to && !NOT_PACK_CONTENT.has(doc.blocks[o.block]!.type));
  for (const o of inside) {
    const block = doc.blocks[o.block]!;
    const own = block.text.slice(o.offset, o.offset + o.length);
    const i = needle ? own.indexOf(needle) : -1;
    if (i >= 0) return { block, start: o.offset + i, end: o.offset + i + needle.length };
  }
  const first = inside.find((o) => doc.blocks[o.block]!.type !== 'header') ?? inside[0];
  if (!first) return undefined;
  const block = doc.blocks[first.block]!;
  const lineEnd = block.text.indexOf('\n', first.offset);
  return { block, start: first.offset, end: Math.min(first.offset + first.length, lineEnd < 0 ? block.text.length : lineEnd) };
}
