import type { IngestResult, Kind } from '../types.js';
import { KINDS } from '../types.js';
import type { DocMeta } from './meta.js';

interface Signal {
  kind: Kind;
  re: RegExp;
  weight: number;
  why: string;
}

/**
 * Wording that marks a kind of document. Read from the first part of the document (the cover sheet,
 * dateline and headline) and, for sign-offs such as "ENDS" and "Notes to editors", from the whole text.
 */
const HEAD_SIGNALS: Signal[] = [
  // "NEWS RELEASE" / "Press release" as a label on its own line; in running prose ("the press office refused to
  // put out a news release") the words say little
  { kind: 'press-release', re: /^[^\S\n]*(?:[A-Z][\w&'’ ]{0,50}[^\S\n]+)?(?:press|news|media)[^\S\n]+(?:release|statement)(?:[^\S\n]*[:\-–—|][^\n]{0,80})?[^\S\n]*$/im, weight: 5, why: '"press/news release"' },
  { kind: 'press-release', re: /\b(?:press|news|media) release\b/i, weight: 1, why: '"press release" mentioned' },
  { kind: 'press-release', re: /\bfor immediate (?:release|publication)\b/i, weight: 5, why: '"For immediate release"' },
  { kind: 'press-release', re: /\bembargoed until\b/i, weight: 3, why: '"Embargoed until"' },
  { kind: 'press-release', re: /\b(?:media|photo(?:call)?|press) (?:invitation|opportunity|call|notice)\b/i, weight: 4, why: 'media invitation' },
  { kind: 'press-release', re: /^\s*(?:statement for (?:immediate )?publication|press statement|media statement)\b/im, weight: 5, why: 'statement for publication' },
  { kind: 'social-post', re: /^\s*(?:platform|network|channel)\s*:\s*(?:facebook|twitter|x|instagram|linkedin|threads|tiktok|bluesky|nextdoor|mastodon)\b/im, weight: 8, why: 'social platform line' },
  { kind: 'social-post', re: /^\s*(?:posted(?: by| on| at)?|tweeted|handle|page|account)\s*:/im, weight: 3, why: 'post header' },
  { kind: 'social-post', re: /^\s*@\w{2,}\b.*·/m, weight: 3, why: 'post handle' },
  { kind: 'newsletter', re: /\bnewsletter\b/i, weight: 4, why: '"newsletter"' },
  { kind: 'newsletter', re: /\bin this issue\b/i, weight: 4, why: '"In this issue"' },
  { kind: 'newsletter', re: /\bissue\s+(?:no\.?\s*)?\d+\b/i, weight: 2, why: 'issue number' },
  { kind: 'newsletter', re: /\b(?:spring|summer|autumn|winter)\s+\d{4}\b/i, weight: 2, why: 'seasonal edition' },
  { kind: 'newsletter', re: /\bnews from (?:your )?(?:[\w'’-]+,?\s+){0,5}councillors?\b/i, weight: 4, why: '"news from your councillor"' },
  { kind: 'minutes', re: /^\s*(?:#+\s*)?minutes\b/im, weight: 6, why: '"Minutes" heading' },
  { kind: 'minutes', re: /\bminutes of (?:the|a) (?:meeting|special|extraordinary|annual)\b/i, weight: 6, why: '"Minutes of the meeting"' },
  { kind: 'minutes', re: /^\s*(?:\*\*)?present(?:\*\*)?\s*:/im, weight: 3, why: '"Present:"' },
  { kind: 'minutes', re: /\bapologies for absence (?:were|was) (?:received|submitted)\b/i, weight: 3, why: 'apologies received' },
  { kind: 'agenda', re: /^\s*(?:#+\s*)?agenda\s*$/im, weight: 5, why: '"Agenda" heading' },
  { kind: 'agenda', re: /\b(?:public reports pack|public document pack|agenda pack|agenda frontsheet|notice of meeting)\b/i, weight: 6, why: 'agenda pack' },
  { kind: 'agenda', re: /\bagenda item\s+\d+/i, weight: 2, why: '"Agenda Item N"' },
  { kind: 'report', re: /^\s*(?:\*\*)?report (?:to|of|from|author)\b/im, weight: 5, why: '"Report to/of"' },
  { kind: 'report', re: /\bwards?\s*(?:\(s\))?\s*affected\b|\belectoral divisions?\s*(?:\(s\))?\s*affected\b/i, weight: 4, why: '"Wards affected"' },
  { kind: 'report', re: /^\s*(?:#+\s*)?(?:\d+\.?\s*)?recommendations?\b/im, weight: 3, why: '"Recommendation(s)"' },
  { kind: 'report', re: /\bpurpose of (?:the|this) report\b/i, weight: 4, why: '"Purpose of the report"' },
  { kind: 'report', re: /\bkey decision\s*[:?]/i, weight: 3, why: '"Key decision"' },
  { kind: 'report', re: /\bbackground papers\b/i, weight: 2, why: '"Background papers"' },
  { kind: 'letter', re: /^\s*dear\s+(?:sir|madam|resident|occupier|mr|mrs|ms|dr|cllr|councillor|editor|[A-Z][a-z]+)\b/im, weight: 4, why: '"Dear ..."' },
  { kind: 'letter', re: /^\s*(?:our|your) ref(?:erence)?\s*[:.]/im, weight: 2, why: '"Our ref"' },
];

/**
 * Documents that are none of the contract's kinds whatever else they contain (RULES.md §7.0: decision notices and
 * statutory election notices are `other`). Matched against the title lines at the top.
 */
const OTHER_TITLES: Array<{ re: RegExp; why: string }> = [
  { re: /^\s*(?:#+\s*)?(?:record of (?:an? )?(?:officer|delegated|executive|individual (?:cabinet )?member|cabinet member|key) decision|officer decision record|record of (?:delegated )?decision|decision notice|notice of (?:key )?decision)\b/im, why: 'decision record' },
  { re: /^\s*(?:#+\s*)?(?:statement of persons nominated|notice of election|notice of poll|notice of situation of polling stations|declaration of result of poll|notice of uncontested election)\b/im, why: 'election notice' },
];

/** An agenda front sheet: an "Agenda" heading or pack title, then numbered items starting with apologies. */
const AGENDA_FRONT = /^\s*(?:#+\s*)?agenda\s*$|\b(?:public reports pack|public document pack|agenda pack|agenda frontsheet|notice of meeting|summons to attend)\b/im;
const AGENDA_ITEMS = /^\s*(?:item\s+)?1\.?\s+apolog(?:y|ies)\b/im;
const MINUTES_TOP = /^\s*(?:#+\s*)?minutes\b|\bminutes of (?:the|a) (?:meeting|special|extraordinary|annual)\b/im;

const TAIL_SIGNALS: Signal[] = [
  { kind: 'newsletter', re: /\bunsubscribe\b/i, weight: 3, why: '"unsubscribe"' },
  { kind: 'newsletter', re: /\bnewsletter\b/i, weight: 2, why: '"newsletter" in the footer' },
  { kind: 'press-release', re: /^\s*[-–—*]*\s*ends\s*[-–—*]*\s*$/im, weight: 4, why: '"ENDS"' },
  { kind: 'press-release', re: /\bnotes? (?:to|for) editors\b/i, weight: 5, why: '"Notes to editors"' },
  { kind: 'letter', re: /^\s*yours (?:sincerely|faithfully|truly)\b/im, weight: 4, why: '"Yours sincerely"' },
  { kind: 'minutes', re: /^\s*(?:\*\*)?resolved(?:\*\*)?\s*(?::|that)\b/im, weight: 3, why: '"RESOLVED"' },
];

export interface KindDecision {
  kind: Kind;
  reason: string;
}

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

/** Decide the document kind from format, headers, front matter and wording. */
export function detectKind(ingest: IngestResult, meta: DocMeta, forced?: Kind): KindDecision {
  if (forced) return { kind: forced, reason: 'forced by --kind or config overrides' };
  if (meta.kind) {
    const k = meta.kind.toLowerCase().replace(/[\s_]+/g, '-');
    const alias: Record<string, Kind> = { 'press': 'press-release', 'news-release': 'press-release', 'social': 'social-post', 'cabinet-report': 'report', 'committee-report': 'report' };
    const kind = isKind(k) ? k : alias[k];
    if (kind) return { kind, reason: 'front matter "kind"' };
  }
  if (ingest.format === 'eml' || ingest.format === 'msg' || ingest.meta.email?.from || ingest.meta.email?.to) {
    return { kind: 'email', reason: 'email headers' };
  }
  const text = ingest.text;
  const top = text.slice(0, 600);
  for (const o of OTHER_TITLES) if (o.re.test(top)) return { kind: 'other', reason: o.why };
  // an agenda front sheet (the reports that follow it in a pack look like reports)
  const front = text.slice(0, 2000);
  if (AGENDA_FRONT.test(front) && AGENDA_ITEMS.test(front) && !MINUTES_TOP.test(top)) return { kind: 'agenda', reason: 'agenda front sheet' };
  const head = text.slice(0, 3000);
  const tail = text.length > 3000 ? text.slice(-3000) : text;
  const score = new Map<Kind, { n: number; why: string[] }>();
  const add = (s: Signal) => {
    const cur = score.get(s.kind) ?? { n: 0, why: [] };
    cur.n += s.weight;
    cur.why.push(s.why);
    score.set(s.kind, cur);
  };
  for (const s of HEAD_SIGNALS) if (s.re.test(head)) add(s);
  for (const s of TAIL_SIGNALS) if (s.re.test(tail)) add(s);
  let best: Kind = 'other';
  let bestN = 0;
  for (const [k, v] of score) {
    if (v.n > bestN) {
      best = k;
      bestN = v.n;
    }
  }
  if (bestN < 4) return { kind: 'other', reason: 'no clear signals' };
  return { kind: best, reason: score.get(best)!.why.join(', ') };
}
