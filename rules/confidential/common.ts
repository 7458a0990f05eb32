/**
 * Shared detection for the confidential/ family: protective markings in banner positions, exempt-information
 * statements, handling instructions, release signals, and who an email goes to. Patterns are data
 * (rules/confidential/data/*.yml), compiled once at module load.
 */

import type { Block } from '../../src/types.js';
import type { Document } from '../../src/document/document.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { loadLexicon, type LexiconEntry } from '../../src/language/lexicon.js';
import { isNegated } from '../../src/language/scope.js';
import { describeAddress, recipientsOf, type Party } from '../../src/document/audience.js';

export interface Compiled {
  entry: LexiconEntry;
  re: RegExp;
}

function compile(family: string, name: string, category: string, extraFlags = ''): Compiled[] {
  const lex = loadLexicon(family, name);
  const out: Compiled[] = [];
  for (const entry of lex.entries) {
    if (entry.category !== category || typeof entry.regex !== 'string') continue;
    // the `u` flag only where a pattern needs it: V8 compiles and runs patterns several times slower with it
    const flags = (entry.case === 'sensitive' ? '' : 'i') + (/\\[pPu]\{/.test(entry.regex) ? 'u' : '') + extraFlags;
    out.push({ entry, re: new RegExp(entry.regex, flags) });
  }
  return out;
}

/** Compile one category of a lexicon (used by every confidential/ rule). */
export function category(name: string, cat: string, extraFlags = ''): Compiled[] {
  return compile('confidential', name, cat, extraFlags);
}

const BANNER = category('markings', 'banner');
const BANNER_LINE = BANNER.filter((c) => c.entry.where !== 'banner');
const BANNER_POSITION = BANNER.filter((c) => c.entry.where === 'banner');
const SUBJECT = category('markings', 'subject');
export const EXEMPT_DECLARATION = category('markings', 'exempt-declaration', 'g');
export const HANDLING = category('markings', 'handling', 'g');
export const FORWARDING = category('markings', 'forwarding', 'g');
export const CONTENT = category('markings', 'content', 'g');
export const LEGAL_ADVICE = category('markings', 'legal-advice', 'g');
const LIFTED = category('release-signals', 'lifted', 'g');
const NOT_APPROVAL = category('release-signals', 'not-approval', 'g');
const EXCLUSION = category('exempt-ground', 'exclusion', 'g');

export interface Hit {
  index: number;
  length: number;
  text: string;
  entry: LexiconEntry;
}

/** Every match of a compiled category in a text (global regexes; reset each time). */
export function matchAll(list: readonly Compiled[], text: string, options: { skipNegated?: boolean } = {}): Hit[] {
  const out: Hit[] = [];
  for (const { entry, re } of list) {
    const g = re.global ? re : new RegExp(re.source, re.flags + 'g');
    g.lastIndex = 0;
    for (let m = g.exec(text); m; m = g.exec(text)) {
      if (m[0].length === 0) {
        g.lastIndex++;
        continue;
      }
      if (options.skipNegated && isNegated(text, m.index, 30)) continue;
      out.push({ index: m.index, length: m[0].length, text: m[0], entry });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

// ─── Markings ──────────────────────────────────────────────────────────────

const EMAIL_HEADER_LINE = /^\s*(?:from|to|cc|bcc|date|sent|subject)\s*:/i;

/** True for a block that is an email header line ("To: ..."), not a page header or footer. */
export function isEmailHeaderBlock(block: Block): boolean {
  return block.type === 'header' && EMAIL_HEADER_LINE.test(block.text);
}

/** Strip Markdown emphasis, heading marks, bullets and enclosing brackets from a line; keep index of the core. */
function coreOf(line: string): { text: string; offset: number } {
  let s = 0;
  let e = line.length;
  const lead = /^[\s#>*_•]+/.exec(line);
  if (lead) s = lead[0].length;
  const trail = /[\s*_.:]+$/.exec(line.slice(s));
  if (trail) e = s + trail.index;
  let text = line.slice(s, e);
  if (/^\[.*\]$|^\(.*\)$/.test(text)) {
    text = text.slice(1, -1).trim();
    s += line.slice(s).indexOf(text);
  }
  return { text, offset: s };
}

export interface MarkingHit {
  start: number;
  end: number;
  text: string;
  entry: LexiconEntry;
}

/**
 * A protective marking used as a marking in one line: the line holds only markings (anywhere), or, in a
 * banner position (first/last lines, page headers and footers), a marking then a separator and a title.
 */
export function markingInLine(line: string, bannerPosition: boolean): MarkingHit | undefined {
  if (!line.trim() || line.length > 160) return undefined;
  const core = coreOf(line);
  if (!core.text) return undefined;
  for (const { entry, re } of BANNER_LINE) {
    if (re.test(core.text)) return { start: core.offset, end: core.offset + core.text.length, text: core.text, entry };
  }
  // "CONFIDENTIAL - NOT FOR ONWARD CIRCULATION": two markings joined by a separator, anywhere
  const parts = core.text.split(/\s*[-–—:|/]\s*/).filter(Boolean);
  if (parts.length > 1 && parts.every((p) => BANNER_LINE.some(({ re }) => re.test(p)))) {
    return { start: core.offset, end: core.offset + core.text.length, text: core.text, entry: BANNER_LINE[0]!.entry };
  }
  if (bannerPosition) {
    for (const { entry, re } of BANNER_POSITION) {
      if (re.test(core.text)) return { start: core.offset, end: core.offset + core.text.length, text: core.text, entry };
    }
  }
  return undefined;
}

/** A marking at the start of an email Subject ("FW: CONFIDENTIAL - ...", "OFFICIAL-SENSITIVE: ..."). */
export function subjectMarking(subject: string): MarkingHit | undefined {
  for (const { entry, re } of SUBJECT) {
    const m = re.exec(subject);
    if (m) {
      if (m.index > 0 && entry.id === 'subject-bracketed') {
        return { start: m.index, end: m.index + m[0].length, text: m[0], entry };
      }
      const prefix = /^(?:\s*(?:re|fwd?|aw|tr)\s*:\s*)*\[?\s*/i.exec(subject)![0].length;
      const end = m.index + m[0].replace(/[\s\]:|–—-]+$/, '').length;
      return { start: prefix, end: Math.max(prefix + 1, end), text: subject.slice(prefix, end), entry };
    }
  }
  return undefined;
}

export interface LineRef {
  block: number;
  /** Index of the line's first character in the block text. */
  start: number;
  text: string;
}

/** Lines of a block with their start indices. */
export function linesOf(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    out.push({ start: pos, text: line.replace(/\r$/, '') });
    pos += line.length + 1;
  }
  return out;
}

/**
 * Banner positions of a document: the first and last three non-empty lines of each source's own text (not
 * email header lines, quoted replies, signatures or disclaimers), and every line of a page header or footer.
 * Returns keys `${block}:${lineStart}`.
 */
const bannerCache = new WeakMap<Document, Set<string>>();

export function bannerPositions(doc: Document): Set<string> {
  const cached = bannerCache.get(doc);
  if (cached) return cached;
  const out = new Set<string>();
  bannerCache.set(doc, out);
  const bySource = new Map<number, LineRef[]>();
  doc.blocks.forEach((b, i) => {
    if (b.type === 'header') {
      if (!isEmailHeaderBlock(b)) for (const l of linesOf(b.text)) out.add(`${i}:${l.start}`);
      return;
    }
    if (b.type === 'quoted-reply' || b.type === 'signature' || b.type === 'disclaimer' || b.type === 'code' || b.type === 'front-matter') return;
    const list = bySource.get(b.source ?? 0) ?? [];
    for (const l of linesOf(b.text)) if (l.text.trim()) list.push({ block: i, start: l.start, text: l.text });
    bySource.set(b.source ?? 0, list);
  });
  for (const list of bySource.values()) {
    for (const l of [...list.slice(0, 3), ...list.slice(-3)]) out.add(`${l.block}:${l.start}`);
  }
  return out;
}

// ─── Exempt statements, exclusions, release signals ───────────────────────

const NEGATED_DECLARATION = /\b(?:no|not|none|nothing|never)\b(?!\s+for\s+(?:publication|circulation))/i;

/** Statements that a document or enclosure is exempt or not for publication (not "no exempt items"). */
export function exemptDeclarations(text: string): Hit[] {
  return matchAll(EXEMPT_DECLARATION, text).filter((h) => !NEGATED_DECLARATION.test(h.text.replace(/\bnot for publication\b/gi, '')) && !isNegated(text, h.index, 25) && !isExclusionResolution(text));
}

/** An exclusion-of-the-public resolution ("RESOLVED that the public be excluded ..."). */
export function isExclusionResolution(text: string): boolean {
  return EXCLUSION.some(({ re }) => {
    re.lastIndex = 0;
    return re.test(text);
  });
}

export function exclusionHits(text: string): Hit[] {
  return matchAll(EXCLUSION, text);
}

/** The document says the exemption has lapsed or the paper has since been published (trap T-C3). */
export function liftedSignal(doc: Document): Hit | undefined {
  if (doc.meta.exemptionLifted || doc.meta.published) return { index: 0, length: 0, text: 'front matter', entry: { id: 'front-matter' } };
  for (const b of doc.blocks) {
    if (b.type === 'disclaimer' || b.type === 'code' || b.type === 'front-matter') continue;
    const hit = matchAll(LIFTED, b.text, { skipNegated: true })[0];
    if (hit) return hit;
  }
  return undefined;
}

/** Words people mistake for approval ("comms didn't object"), for notes on findings. */
export function notApprovals(doc: Document): Hit[] {
  const out: Hit[] = [];
  for (const b of doc.ownBlocks) out.push(...matchAll(NOT_APPROVAL, b.text));
  return out;
}

// ─── Who the document goes to ──────────────────────────────────────────────

export type SenderKind = 'member' | 'officer' | 'outside' | 'unknown';

/** Who sent an email: a councillor, an officer (council address, not a councillor), someone outside, or unknown. */
export function senderOf(doc: Document, config: ResolvedConfig): { kind: SenderKind; party?: Party } {
  const from = doc.meta.from?.[0];
  if (!from) return { kind: 'unknown' };
  const party = describeAddress(from, config);
  if (party.isMember) return { kind: 'member', party };
  if (party.cls === 'council') return { kind: 'officer', party };
  if (/\b(?:cllr|councillor)\b/i.test(from.name ?? '')) return { kind: 'member', party };
  return { kind: 'outside', party };
}

/** Recipients outside the council (press first, then parish councils, other public bodies, the public). */
export function outsideRecipients(doc: Document, config: ResolvedConfig): Party[] {
  const rank = (p: Party) => (p.cls === 'press' ? 0 : p.parish ? 1 : p.cls === 'public' ? 2 : 3);
  return recipientsOf(doc.meta)
    .map((a) => describeAddress(a, config))
    .filter((p) => p.cls !== 'council')
    .sort((a, b) => rank(a) - rank(b));
}

export function describeParty(p: Party): string {
  const who = p.name ? `${p.name} <${p.address}>` : p.address;
  const what = p.cls === 'press' ? 'the press' : p.parish ? 'a parish or town council' : p.cls === 'public-body' ? 'another public body' : 'outside the council';
  return `${who} (${what})`;
}

/** The header line ("To: ...", "Cc: ...") of the document's own text that holds an address. */
export function headerLineFor(doc: Document, address: string): { block: Block; start: number; end: number } | undefined {
  const needle = address.toLowerCase();
  for (const b of doc.blocks) {
    if ((b.source ?? 0) !== 0 || b.type === 'quoted-reply') continue;
    if (!/^\s*(?:to|cc|bcc)\s*:/im.test(b.text)) continue;
    const i = b.text.toLowerCase().indexOf(needle);
    if (i < 0) continue;
    const lineStart = b.text.lastIndexOf('\n', i) + 1;
    const lineEnd = b.text.indexOf('\n', i);
    return { block: b, start: lineStart, end: lineEnd < 0 ? b.text.length : lineEnd };
  }
  return undefined;
}

/** The email Subject line block of the document's own headers, when the reader kept one. */
export function subjectBlock(doc: Document): Block | undefined {
  return doc.blocks.find((b) => (b.source ?? 0) === 0 && b.type === 'header' && /^\s*subject\s*:/i.test(b.text));
}

/** A line number for notes ("line 18"). */
export function lineOf(doc: Document, block: Block, index: number): string {
  const loc = doc.locate(block, index);
  return loc.attachment ? `${loc.attachment} line ${loc.line}` : loc.page !== undefined ? `page ${loc.page}` : `line ${loc.line}`;
}

/** The front-matter line that sets a key ("classification: exempt"), for locating findings. */
export function frontMatterLine(doc: Document, key: string): { block: Block; start: number; end: number } | undefined {
  const b = doc.blocks.find((x) => x.type === 'front-matter');
  if (!b) return undefined;
  const m = new RegExp(`^\\s*${key}\\s*:.*$`, 'm').exec(b.text);
  if (!m) return undefined;
  const lead = m[0].length - m[0].trimStart().length;
  return { block: b, start: m.index + lead, end: m.index + m[0].length };
}

export function joinOr(list: readonly string[]): string {
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

/**
 * The document is itself withheld: classification exempt, exempt paragraphs, an exempt or confidential banner
 * in a banner position, or an exempt declaration in its opening blocks. Exempt papers are where personal data
 * and exempt content belong (Sch 12A paras 1-2; Leicestershire para 33).
 */
export function isMarkedExempt(doc: Document): boolean {
  if (doc.meta.exemptionLifted || doc.meta.published) return false;
  if (doc.meta.classification === 'exempt' || (doc.meta.exemptParagraphs ?? []).length > 0) return true;
  if (doc.meta.classification === 'public') return false;
  if (doc.kind === 'email' || doc.kind === 'letter' || PUBLICITY_KINDS.has(doc.kind)) return false;
  const banners = bannerPositions(doc);
  let seen = 0;
  for (let i = 0; i < doc.blocks.length && seen < 6; i++) {
    const b = doc.blocks[i]!;
    if ((b.source ?? 0) !== 0 || b.type === 'front-matter' || b.type === 'quoted-reply' || isEmailHeaderBlock(b)) continue;
    seen++;
    for (const l of linesOf(b.text)) if (markingInLine(l.text, banners.has(`${i}:${l.start}`))) return true;
    if ((doc.kind === 'report' || doc.kind === 'other') && exemptDeclarations(b.text).length > 0) return true;
  }
  return false;
}

export const PUBLICITY_KINDS = new Set(['press-release', 'newsletter', 'social-post']);

/** The sender line of a quoted earlier message: "From: Name <address>" or "On ..., Name <address> wrote:". */
export const QUOTED_FROM = /^\s*>?\s*\**(?:from|von|de)\s*:\**\s*(.+)$|^\s*>?\s*on\s.{4,200}?(<?[\w.+'-]+@[\w.-]+\.[a-z]{2,}>?).{0,80}wrote:\s*$/im;
