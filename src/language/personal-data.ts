/**
 * Personal-data formats and their validation (RULES.md §3.5): National Insurance numbers (HMRC prefix rules),
 * NHS numbers (modulus-11 check digit), UK postcodes (BS 7666 shape), UK phone numbers, dates of birth with a
 * keyword, and identifiers that look like data but never are (planning application references).
 *
 * Everything here is pure and precompiled; rules decide *when* a match is personal (keyword gates, who it is
 * tied to, the audience). Patterns are global: use them through the `find*` functions, which reset them.
 */

import { DATE_PATTERN, matchToIso } from './dates.js';

// ─── National Insurance numbers ────────────────────────────────────────────

/** First letter: not D, F, I, Q, U, V. Second letter: not those, nor O (HMRC NIM39110). */
const NINO_FIRST = /^[A-CEGHJ-PR-TW-Z]$/;
const NINO_SECOND = /^[A-CEGHJ-NPR-TW-Z]$/;
/** Prefixes never allocated (BG, GB, KN, NK, NT, TN, ZZ) and administrative prefixes (OO, CR, FY, MW, NC, PP). */
const NINO_BAD_PREFIX = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ', 'OO', 'CR', 'FY', 'MW', 'NC', 'PP']);

/** A NINO-shaped token: 2 capitals, 6 digits (in pairs, optionally spaced), suffix A-D. Upper case only. */
const NINO_SHAPE = /(?<![A-Za-z0-9])([A-Z])([A-Z])[ \u00a0]?(\d{2})[ \u00a0]?(\d{2})[ \u00a0]?(\d{2})[ \u00a0]?([A-D])(?![A-Za-z0-9])/g;

/** True for a National Insurance number HMRC could allocate (`QQ123456A`, `GB...`, `CR...` are not). */
export function isValidNino(text: string): boolean {
  const s = text.replace(/[\s\u00a0]+/g, '');
  if (!/^[A-Z]{2}\d{6}[A-D]$/.test(s)) return false;
  const a = s[0]!;
  const b = s[1]!;
  return NINO_FIRST.test(a) && NINO_SECOND.test(b) && !NINO_BAD_PREFIX.has(a + b);
}

export interface DataMatch {
  index: number;
  length: number;
  text: string;
}

/** Valid National Insurance numbers in a text. `spaced` is true for the printed form "AB 12 34 56 C". */
export function findNinos(text: string): Array<DataMatch & { spaced: boolean }> {
  const out: Array<DataMatch & { spaced: boolean }> = [];
  NINO_SHAPE.lastIndex = 0;
  for (let m = NINO_SHAPE.exec(text); m; m = NINO_SHAPE.exec(text)) {
    if (!isValidNino(m[0])) continue;
    out.push({ index: m.index, length: m[0].length, text: m[0], spaced: /\d{2}[ \u00a0]\d{2}[ \u00a0]\d{2}/.test(m[0]) });
  }
  return out;
}

// ─── NHS numbers ───────────────────────────────────────────────────────────

/** Modulus 11: weights 10..2 on the first nine digits; check = 11 - (sum mod 11); 11 → 0; 10 → invalid. */
export function isValidNhsNumber(text: string): boolean {
  const d = text.replace(/[\s-]+/g, '');
  if (!/^\d{10}$/.test(d)) return false;
  if (/^(\d)\1{9}$/.test(d)) return false; // 0000000000 etc. pass the sum but are never issued
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === Number(d[9]);
}

/** 10 digits as 3-3-4 (spaces or hyphens, used consistently) or run together. */
const NHS_SHAPE = /(?<![\d/.-])(?:(\d{3})([ -])(\d{3})\2(\d{4})|(\d{10}))(?![\d/-]|\.\d)/g;

/** Ten-digit numbers that pass the NHS check digit (a keyword must still gate them: 1 in 11 random strings pass). */
export function findNhsNumbers(text: string): DataMatch[] {
  const out: DataMatch[] = [];
  NHS_SHAPE.lastIndex = 0;
  for (let m = NHS_SHAPE.exec(text); m; m = NHS_SHAPE.exec(text)) {
    if (isValidNhsNumber(m[0])) out.push({ index: m.index, length: m[0].length, text: m[0] });
  }
  return out;
}

// ─── Postcodes ─────────────────────────────────────────────────────────────

/** BS 7666 shape: outward A9, A99, AA9, AA99, A9A, AA9A; inward 9AA. Upper case (as addresses are written). */
const POSTCODE_SHAPE = /(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ](?:\d[\dA-HJKSTUW]?|[A-HK-Y]\d[\dABEHMNPRVWXY]?) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])/g;

export function isPostcode(text: string): boolean {
  const t = text.trim().toUpperCase();
  POSTCODE_SHAPE.lastIndex = 0;
  const m = POSTCODE_SHAPE.exec(t);
  return m !== null && m[0].length === t.length && !/^ZZ99 ?9ZZ$/.test(t);
}

/** Postcodes in a text (not `ZZ99 9ZZ`, which means "no postcode"). */
export function findPostcodes(text: string): DataMatch[] {
  const out: DataMatch[] = [];
  POSTCODE_SHAPE.lastIndex = 0;
  for (let m = POSTCODE_SHAPE.exec(text); m; m = POSTCODE_SHAPE.exec(text)) {
    if (/^ZZ99 ?9ZZ$/.test(m[0])) continue;
    out.push({ index: m.index, length: m[0].length, text: m[0] });
  }
  return out;
}

// ─── Phone numbers ─────────────────────────────────────────────────────────

/**
 * UK numbers: +44 or 0, then mobiles (07), geographic (01, 02) and non-geographic (03, 08, 09), with the
 * usual spacings. Ofcom's drama ranges (01632 960xxx, 07700 900xxx, 020 7946 0xxx) are numbers in form.
 */
const PHONE_SHAPE =
  /(?<![\w+/.-])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:7\d{3}\)?[\s-]?\d{3}[\s-]?\d{3}|1\d{3}\)?[\s-]?\d{3}[\s-]?\d{3}|1\d{2}\)?[\s-]?\d{3}[\s-]?\d{4}|1\d{4}\)?[\s-]?\d{4,5}|2\d\)?[\s-]?\d{4}[\s-]?\d{4}|[389]\d{2}[\s-]?\d{3}[\s-]?\d{4}|[389]\d{3}[\s-]?\d{3}[\s-]?\d{3})(?![\w/-]|\.\d)/g;

/** Digits of a phone number with +44 turned into 0. */
export function normalisePhone(text: string): string {
  let d = text.replace(/[^\d+]/g, '');
  if (d.startsWith('+44')) d = '0' + d.slice(3).replace(/^0/, '');
  return d.replace(/\+/g, '');
}

export function isUkPhone(text: string): boolean {
  const d = normalisePhone(text);
  return /^0(?:7\d{9}|[1-3]\d{8,9}|[89]\d{8,9})$/.test(d);
}

export function isMobile(text: string): boolean {
  return /^07\d{9}$/.test(normalisePhone(text));
}

export function findPhones(text: string): DataMatch[] {
  const out: DataMatch[] = [];
  PHONE_SHAPE.lastIndex = 0;
  for (let m = PHONE_SHAPE.exec(text); m; m = PHONE_SHAPE.exec(text)) {
    if (isUkPhone(m[0])) out.push({ index: m.index, length: m[0].length, text: m[0] });
  }
  return out;
}

// ─── Dates of birth ────────────────────────────────────────────────────────

/** A date-of-birth keyword: "DOB", "D.O.B.", "date of birth", "born (on)". */
const DOB_KEYWORD = /(?<![\w.])(?:D\.?O\.?B\.?|date of birth|birth ?date|born(?: on)?)(?![\w])/gi;
const DATE_GLOBAL = new RegExp(DATE_PATTERN.source, 'gi');

/**
 * Dates of birth: a full date within a few words after a keyword ("Date of birth: 21/11/1939",
 * "born on 3 March 1968", "(DOB 03/09/1968)"). The date must be a real date in the past of `before` (ISO)
 * when given; "born" needs a year at least 5 years before it, so "the scheme was born on ..." is rarer.
 */
export function findDatesOfBirth(text: string, before?: string): Array<DataMatch & { iso: string; keyword: string }> {
  const out: Array<DataMatch & { iso: string; keyword: string }> = [];
  DOB_KEYWORD.lastIndex = 0;
  for (let k = DOB_KEYWORD.exec(text); k; k = DOB_KEYWORD.exec(text)) {
    const from = k.index + k[0].length;
    const window = text.slice(from, from + 40);
    // only separators and a few words between the keyword and the date
    DATE_GLOBAL.lastIndex = 0;
    const d = DATE_GLOBAL.exec(window);
    if (!d) continue;
    const gap = window.slice(0, d.index);
    if (!/^[\s:=.,(\-–]*(?:(?:is|was|of|on|the)\s+){0,2}$/i.test(gap)) continue;
    const iso = matchToIso(d);
    if (!iso) continue;
    const year = Number(iso.slice(0, 4));
    const limitYear = before ? Number(before.slice(0, 4)) : new Date().getUTCFullYear();
    if (before && iso >= before) continue;
    if (/^born/i.test(k[0]) && year > limitYear - 5) continue;
    out.push({ index: from + d.index, length: d[0].length, text: d[0], iso, keyword: k[0] });
  }
  return out;
}

// ─── Street addresses ──────────────────────────────────────────────────────

const STREET_TYPES =
  'Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Cl|Drive|Dr|Way|Place|Pl|Court|Ct|Crescent|Cres|Grove|Gardens|Gdns|Terrace|Terr|Row|Walk|Mews|Square|Sq|Hill|Rise|View|Green|Park|Parade|Yard|Croft|Fold|Gate|Wynd|Vale|Meadow|Meadows|Chase|Bank|Brow|End';

/** "22 Tannery Row", "9 Linnet Close", "Flat 3, 14 Mill Street", "12a Kiln Lane". */
const HOUSE_ADDRESS = new RegExp(
  String.raw`(?<![\w/-])(?:(?:Flat|Apartment|Apt|Unit)\s+\d+[A-Za-z]?,?\s+)?\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][a-z'’]+\s+){1,3}(?:${STREET_TYPES})\b`,
  'g',
);

/** House-number street addresses ("22 Tannery Row"), with a following postcode included when it is close. */
export function findStreetAddresses(text: string): DataMatch[] {
  const out: DataMatch[] = [];
  HOUSE_ADDRESS.lastIndex = 0;
  for (let m = HOUSE_ADDRESS.exec(text); m; m = HOUSE_ADDRESS.exec(text)) {
    let end = m.index + m[0].length;
    const tail = text.slice(end, end + 60);
    const pc = /^(?:,?\s*[A-Z][\w'’ -]{1,25}){0,3},?\s*(?<![A-Za-z0-9])([A-Z]{1,2}\d[\dA-Z]?\s?\d[A-Z]{2})(?![A-Za-z0-9])/.exec(tail);
    if (pc && isPostcode(pc[1]!)) end += pc[0].length;
    out.push({ index: m.index, length: end - m.index, text: text.slice(m.index, end) });
  }
  return out;
}

// ─── Things that look like data but are not personal ───────────────────────

/** Planning application references: "26/01234/FUL", "23/00012/LBC" (public register, RULES.md T-C6). */
export const PLANNING_REFERENCE = /\b\d{2}\/\d{4,5}\/[A-Z]{2,6}\b/g;

/** Spans of planning references, so phone/NHS detectors can skip overlapping matches. */
export function planningReferenceSpans(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  PLANNING_REFERENCE.lastIndex = 0;
  for (let m = PLANNING_REFERENCE.exec(text); m; m = PLANNING_REFERENCE.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}
