/**
 * Schedule 12A citations (LGA 1972; RULES.md §3.3): find them, parse the paragraph list, and check each
 * paragraph against the configured jurisdiction.
 *
 * The regex is the §3.3 sketch, re-tested in Node 20 (test/rules/confidential-schedule12a.test.ts): it takes
 * the Rotherham, Neath Port Talbot, Maldon, Cherwell, Tonbridge, Cheshire East, "7C" and generic forms and
 * leaves the "paragraph (X)" placeholder alone. Bare "by virtue of paragraph 1" (South Ribble) and
 * "paragraphs 1 and 10" beside an exclusion resolution (Hinckley) are taken by BARE when the sentence is
 * about exempt business.
 */

import type { Jurisdiction } from '../../src/config/types.js';
import type { LexiconEntry } from '../../src/language/lexicon.js';
import { loadLexicon } from '../../src/language/lexicon.js';
import { category, matchAll } from './common.js';

const LIST = String.raw`\d{1,2}[A-C]?(?:\s*(?:,|and|&|or|-|–|to)\s*\d{1,2}[A-C]?)*`;

const SCH12A = new RegExp(
  String.raw`(?:para(?:graph)?(?:s|\(s\))?\.?)\s*(?<paras>${LIST})\s*(?:\(\w\)\s*)?(?:of\s+)?(?:Part\s*(?<part>1|I|One|4|IV|Four)\s*,?\s*(?:of|to)?\s*)?(?:the\s+)?Sch(?:edule|ed\.?|\.)?\s*12\s*A` +
    String.raw`|Sch(?:edule|ed\.?|\.)?\s*12\s*A\s*,?\s*(?:(?:to|of)\s+the\s+(?:Local Government\s+)?Act(?:\s+1972)?\s*,?\s*)?(?:Part\s*(?<part2>1|I|One|4|IV|Four)\s*,?\s*)?(?:para(?:graph)?(?:s|\(s\))?\.?)\s*(?<paras2>${LIST})`,
  'gi',
);

/** "by virtue of paragraph 1", "under paragraphs 1 and 10": only where the sentence is about exempt business. */
const BARE = new RegExp(
  String.raw`\b(?:by virtue of|under|in|within|falls? within|as defined in|exempt\s*[,:;–-]?)\s+para(?:graph)?(?:s|\(s\))?\.?\s*(?<paras>${LIST})(?![\d.]\d|\s*(?:\(\w\)\s*)?of\s+(?:the\s+)?(?:this\s+|that\s+|the\s+)?(?:report|protocol|code|constitution|standing orders|procedure rules|rules|appendix|annex|letter|agreement|contract|lease|policy|guidance|regulations?|Part\s*(?:1|I|One|4|IV|Four)\s+of\s+(?!Sch)))`,
  'gi',
);
const EXEMPT_CONTEXT = /\bexempt\b|\bexclu(?:de|ded|sion)\b|\bnot for publication\b|\bin private\b|\bpart (?:2|ii|b)\b|\bconfidential\b/i;

const GROUNDS = category('exempt-ground', 'ground', 'g');
const PLACEHOLDER = category('exempt-ground', 'placeholder', 'g');
const PLACEHOLDER_CONTEXT = /Sch(?:edule|ed\.?|\.)?\s*12\s*A|\bexempt\b|\bnot for publication\b/i;

export interface Citation {
  index: number;
  length: number;
  text: string;
  /** Paragraphs as written ("3", "7C"). */
  paras: string[];
  /** The Part named, normalised to "1" or "4". */
  part?: '1' | '4';
  /** `schedule`: names Schedule 12A; `bare`: a paragraph number in an exempt context. */
  form: 'schedule' | 'bare';
}

function normPart(p: string | undefined): '1' | '4' | undefined {
  if (!p) return undefined;
  return /^(?:1|I|One)$/i.test(p) ? '1' : '4';
}

/** "1, 2 and 7C" → ["1","2","7C"]; "1-3" → ["1","2","3"]. */
export function parseParagraphList(list: string): string[] {
  const out: string[] = [];
  const tokens = list.split(/\s*(?:,|and|&|or)\s*/i).filter(Boolean);
  for (const t of tokens) {
    const range = /^(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})$/i.exec(t.trim());
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b >= a && b - a < 20) for (let i = a; i <= b; i++) out.push(String(i));
      continue;
    }
    for (const x of t.split(/\s*(?:-|–|to)\s*/i)) if (/^\d{1,2}[A-C]?$/i.test(x.trim())) out.push(x.trim().toUpperCase());
  }
  return [...new Set(out)];
}

/**
 * Schedule 12A citations in a text; bare paragraph numbers ("by virtue of paragraph 1") only where the text is
 * about exempt business, unless `anyContext` (a lenient reading, for deciding whether any ground is cited at all).
 */
export function findCitations(text: string, options: { anyContext?: boolean } = {}): Citation[] {
  const out: Citation[] = [];
  SCH12A.lastIndex = 0;
  for (let m = SCH12A.exec(text); m; m = SCH12A.exec(text)) {
    const list = m.groups?.paras ?? m.groups?.paras2 ?? '';
    out.push({ index: m.index, length: m[0].length, text: m[0], paras: parseParagraphList(list), part: normPart(m.groups?.part ?? m.groups?.part2), form: 'schedule' });
  }
  if (options.anyContext || EXEMPT_CONTEXT.test(text)) {
    BARE.lastIndex = 0;
    for (let m = BARE.exec(text); m; m = BARE.exec(text)) {
      const s = m.index;
      if (out.some((c) => s < c.index + c.length && s + m![0].length > c.index)) continue;
      // the sentence around it must be about exempt business
      const from = Math.max(text.lastIndexOf('.', s) + 1, 0);
      const toDot = text.indexOf('.', s + m[0].length);
      const sentence = text.slice(Math.max(0, from - 200), toDot < 0 ? text.length : toDot);
      if (!options.anyContext && !EXEMPT_CONTEXT.test(sentence)) continue;
      out.push({ index: s, length: m[0].length, text: m[0], paras: parseParagraphList(m.groups!.paras!), form: 'bare' });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Other grounds that stand in for a Schedule 12A paragraph: s.100A(3) confidential information, local rules, Schedule 7A. */
export function findOtherGrounds(text: string): Array<{ index: number; length: number; id: string }> {
  return matchAll(GROUNDS, text).map((h) => ({ index: h.index, length: h.length, id: h.entry.id }));
}

/** Unfilled template citations ("paragraph (X) of Part 1 of Schedule 12A"). */
export function findPlaceholders(text: string): Array<{ index: number; length: number; text: string }> {
  if (!PLACEHOLDER_CONTEXT.test(text)) return [];
  return matchAll(PLACEHOLDER, text).map((h) => ({ index: h.index, length: h.length, text: h.text }));
}

// ─── Validation ────────────────────────────────────────────────────────────

export type ProblemCode = 'not-a-ground' | 'qualification' | 'public-interest-alone' | 'standards-only' | 'jurisdiction-mismatch' | 'part-mismatch' | 'scotland' | 'obsolete-numbering';

export interface Problem {
  code: ProblemCode;
  paragraph?: string;
  severity: 'error' | 'warning';
  message: string;
  /** Advice: the paragraph the writer may have meant. */
  hint?: string;
}

/** Pre-2006 English numbering (RULES.md §3.3 [V]): what paragraphs 8-10 used to mean. */
const PRE_2006: Record<string, string> = {
  '8': 'the amount of expenditure proposed under a particular contract (now paragraph 3)',
  '9': 'terms proposed in negotiations for a contract (now paragraph 3)',
  '10': 'the identity of the authority as the person offering a tender (now paragraph 3)',
};

const GROUND_ENTRIES: LexiconEntry[] = loadLexicon('confidential', 'exempt-grounds').entries;
const DESCRIPTIONS = GROUND_ENTRIES.map((e) => ({ entry: e, re: new RegExp(String(e.regex), 'i') }));

/** The ground whose statutory description appears in a text, for "did you mean paragraph 3?". */
export function groundFromDescription(text: string, jurisdiction: Jurisdiction): string | undefined {
  const j = jurisdiction === 'wales' ? 'wales' : 'england';
  for (const { entry, re } of DESCRIPTIONS) if (entry.jurisdiction === j && re.test(text)) return String(entry.paragraph);
  return undefined;
}

export function describeGround(paragraph: string, jurisdiction: Jurisdiction): string | undefined {
  const j = jurisdiction === 'wales' ? 'wales' : 'england';
  const e = GROUND_ENTRIES.find((x) => x.jurisdiction === j && String(x.paragraph) === paragraph);
  return e?.note;
}

/**
 * Check the paragraphs of one citation. `allParas` are every paragraph the document cites (para 10 is valid
 * beside any of 1-7); `standards` is true when the document is standards-committee business (7A-7C).
 */
export function validateCitation(
  c: { paras: string[]; part?: '1' | '4' },
  jurisdiction: Jurisdiction,
  options: { allParas?: string[]; standards?: boolean; description?: string } = {},
): Problem[] {
  const problems: Problem[] = [];
  const all = new Set([...(options.allParas ?? []), ...c.paras]);
  const meant = options.description;
  const didYouMean = meant ? ` The description given is that of paragraph ${meant}: did you mean paragraph ${meant}?` : '';
  if (jurisdiction === 'scotland') {
    problems.push({ code: 'scotland', severity: 'warning', message: 'Schedule 12A to the Local Government Act 1972 does not apply in Scotland; the equivalent is Schedule 7A to the Local Government (Scotland) Act 1973 (verify).' });
    return problems;
  }
  const wales = jurisdiction === 'wales';
  if (c.part === '4' && !wales) problems.push({ code: 'part-mismatch', severity: 'warning', message: 'Part 4 of Schedule 12A is the Welsh list of grounds; English authorities cite Part 1 (paragraphs 1-7).' });
  if (c.part === '1' && wales) problems.push({ code: 'part-mismatch', severity: 'warning', message: 'Part 1 of Schedule 12A is the English list of grounds; Welsh authorities cite Part 4 (paragraphs 12-18).' });
  for (const p of c.paras) {
    const n = Number(/^\d+/.exec(p)![0]);
    const letter = /[A-C]$/i.test(p);
    if (!wales) {
      if (n >= 1 && n <= 7 && !letter) continue;
      if (n === 7 && letter) {
        if (!options.standards) problems.push({ code: 'standards-only', paragraph: p, severity: 'warning', message: `Paragraph ${p} applies only to standards committee business (verify), and this document does not look like standards business.` });
        continue;
      }
      if (n === 8 || n === 9) {
        problems.push({
          code: 'qualification',
          paragraph: p,
          severity: 'error',
          message: `Paragraph ${p} of Schedule 12A is not an exemption ground in England: it is a Part 2 qualification (${n === 8 ? 'information that must be registered under the Companies, Charities and similar Acts is not exempt under paragraph 3' : 'development the authority can grant itself permission for is not exempt'}), and the grounds are paragraphs 1-7 of Part 1. Under the pre-2006 numbering paragraph ${p} was ${PRE_2006[p]}.${didYouMean}`,
          hint: meant ?? '3',
        });
        continue;
      }
      if (n === 10 && !letter) {
        if ([...all].some((x) => /^[1-7]$/.test(x))) continue;
        problems.push({ code: 'public-interest-alone', paragraph: p, severity: 'error', message: `Paragraph 10 of Schedule 12A is the public interest test, not a ground: it applies only beside a ground in paragraphs 1-7 of Part 1.${didYouMean}`, hint: meant });
        continue;
      }
      if (n >= 12 && n <= 18) {
        problems.push({ code: 'jurisdiction-mismatch', paragraph: p, severity: 'warning', message: `Paragraph ${p} is a Welsh ground (Part 4 of Schedule 12A); in England the same ground is paragraph ${n - 11} of Part 1.${didYouMean}`, hint: String(n - 11) });
        continue;
      }
      problems.push({ code: 'not-a-ground', paragraph: p, severity: 'error', message: `Paragraph ${p} is not an exemption ground in England: the grounds are paragraphs 1-7 of Part 1 of Schedule 12A (7A-7C for standards committees).${didYouMean}`, hint: meant });
    } else {
      if (n >= 12 && n <= 18 && !letter) continue;
      if (n === 18 && letter) {
        if (!options.standards) problems.push({ code: 'standards-only', paragraph: p, severity: 'warning', message: `Paragraph ${p} applies only to standards committee business (verify), and this document does not look like standards business.` });
        continue;
      }
      if (n >= 1 && n <= 7 && !letter) {
        problems.push({ code: 'jurisdiction-mismatch', paragraph: p, severity: 'warning', message: `Paragraph ${p} is an English ground (Part 1 of Schedule 12A); in Wales the same ground is paragraph ${n + 11} of Part 4.${didYouMean}`, hint: String(n + 11) });
        continue;
      }
      problems.push({ code: 'not-a-ground', paragraph: p, severity: 'error', message: `Paragraph ${p} is not an exemption ground in Wales: the grounds are paragraphs 12-18 of Part 4 of Schedule 12A.${didYouMean}`, hint: meant });
    }
  }
  return problems;
}
