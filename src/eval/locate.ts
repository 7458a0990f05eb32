export { lineStarts, lineAt, pageAt } from '../util/positions.js';
import { lineStarts, lineAt, pageAt } from '../util/positions.js';
/**
 * The evidence locator: where each labelled evidence string sits in a document's checked text
 * (the text every finding's line/column refers to). Exact substring first; when that fails, a
 * normalised match (whitespace runs, curly quotes, dashes, ligatures, invisible characters, case),
 * so that a reader which changes typography still lines up, and the difference is reported.
 * Pure: no I/O.
 */
import type { Family } from '../engine/rule.js';
import type { Evidence } from './labels.js';

/** One place an evidence string occurs. Lines are 1-based, as in findings. */
export interface EvidenceSpan {
  /** Offset (0-based) of the first character in the checked text. */
  offset: number;
  line: number;
  /** Line of the last character. */
  endLine: number;
  /** 1-based page (PDF: from `pageStarts`). */
  page?: number;
}

/**
 * How an evidence string was found: `exact`, `normalised` (only after normalising whitespace, quotes,
 * dashes and case), `missing` (not in the checked text: usually a reader bug), or `unread` (the
 * document could not be read at all, so there is no checked text).
 */
export type EvidenceMatch = 'exact' | 'normalised' | 'missing' | 'unread';

export interface LocatedEvidence {
  family: Family;
  text: string;
  match: EvidenceMatch;
  /** Every occurrence (at most MAX_SPANS), in text order. Empty unless exact or normalised. */
  spans: EvidenceSpan[];
}

export interface CheckedText {
  text: string;
  pageStarts?: number[];
}

const MAX_SPANS = 20;


const SPACE = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const FOLD: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '`': "'", '\u00b4': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...', '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl', '\ufb03': 'ffi', '\ufb04': 'ffl',
};

/**
 * Normalised text and, for each of its characters, the offset of the source character it came from.
 * Whitespace runs become one space; leading/trailing space is dropped.
 */
export function normalise(text: string): { text: string; origin: number[] } {
  let out = '';
  const origin: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (SPACE.test(ch)) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (INVISIBLE.test(ch)) continue;
    if (pendingSpace >= 0) {
      if (out.length > 0) {
        out += ' ';
        origin.push(pendingSpace);
      }
      pendingSpace = -1;
    }
    const folded = (FOLD[ch] ?? ch).toLowerCase();
    for (const c of folded) {
      out += c;
      origin.push(i);
    }
  }
  return { text: out, origin };
}

function allIndexes(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  let i = haystack.indexOf(needle);
  while (i >= 0 && out.length < MAX_SPANS) {
    out.push(i);
    i = haystack.indexOf(needle, i + 1);
  }
  return out;
}

/** Where `needle` occurs in `text`: [start, end) offsets in `text`, and how it was matched. */
export function findText(
  text: string,
  needle: string,
  normalised: () => { text: string; origin: number[] } = () => normalise(text),
): { match: 'exact' | 'normalised' | 'missing'; ranges: Array<[number, number]> } {
  const exact = allIndexes(text, needle);
  if (exact.length > 0) return { match: 'exact', ranges: exact.map((s) => [s, s + needle.length]) };
  const hay = normalised();
  const n = normalise(needle).text;
  const found = allIndexes(hay.text, n);
  if (found.length === 0 || !n) return { match: 'missing', ranges: [] };
  return {
    match: 'normalised',
    ranges: found.map((s) => [hay.origin[s]!, hay.origin[s + n.length - 1]! + 1]),
  };
}

/** Locate every evidence string of a label in a document's checked text. */
export function locateEvidence(checked: CheckedText, evidence: readonly Evidence[]): LocatedEvidence[] {
  const starts = lineStarts(checked.text);
  let normalised: { text: string; origin: number[] } | undefined;
  return evidence.map((ev) => {
    const found = findText(checked.text, ev.text, () => (normalised ??= normalise(checked.text)));
    const spans = found.ranges.map(([s, e]): EvidenceSpan => {
      const span: EvidenceSpan = { offset: s, line: lineAt(starts, s), endLine: lineAt(starts, Math.max(s, e - 1)) };
      const page = pageAt(checked.pageStarts, s);
      if (page !== undefined) span.page = page;
      return span;
    });
    return { family: ev.family, text: ev.text, match: found.match, spans };
  });
}

/** Evidence of a document that could not be read: nothing to locate it in. */
export function unreadEvidence(evidence: readonly Evidence[]): LocatedEvidence[] {
  return evidence.map((ev) => ({ family: ev.family, text: ev.text, match: 'unread', spans: [] }));
}
