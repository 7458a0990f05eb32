/**
 * Sentence splitting for UK council prose: knows "Cllr.", "Mr.", "para.", "Sch.", "e.g.", initials and
 * decimal numbers ("para 3.5"), so that a sentence is what a reader would call one.
 */

export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'cllr', 'coun', 'rev', 'revd', 'st', 'sr', 'jr', 'hon', 'rt',
    'no', 'nos', 'para', 'paras', 'sch', 'sched', 'art', 'arts', 'reg', 'regs', 'sec', 'ss', 's', 'cf',
    'e.g', 'i.e', 'etc', 'vs', 'v', 'approx', 'ref', 'tel', 'ext', 'inc', 'ltd', 'co', 'dept', 'est',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'fig', 'p', 'pp',
    'min', 'max', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'cc', 'bcc',
  ],
);

const CLOSERS = new Set(['"', "'", '\u201d', '\u2019', ')', ']']);

function isUpperStart(ch: string | undefined): boolean {
  if (!ch) return false;
  return /[A-Z0-9\u00C0-\u00DE"'\u2018\u201c(\[•*\-–]/.test(ch);
}

/** Split a block's text into sentences, keeping indices into the text. */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let start = 0;
  const len = text.length;
  const push = (end: number) => {
    // trim
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
  };
  for (let i = 0; i < len; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      // blank line, or a line ending in terminal punctuation / a colon, or the next line a list item or field
      const prev = lastNonSpace(text, start, i);
      const nextLineStart = i + 1;
      const next = text.slice(nextLineStart, nextLineStart + 40);
      if (
        text[i + 1] === '\n' ||
        (prev !== undefined && /[.!?:;]/.test(prev)) ||
        /^\s*(?:[-*•–]\s|\d{1,2}[.)]\s|[A-Z][\w()' ]{1,30}:\s)/.test(next)
      ) {
        push(i);
        start = i + 1;
      }
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    // run of terminal punctuation and closers
    let j = i + 1;
    while (j < len && (text[j] === '.' || text[j] === '!' || text[j] === '?' || CLOSERS.has(text[j]!))) j++;
    if (j < len && !/\s/.test(text[j]!)) continue; // "3.5", "e.g.x", "gov.uk"
    // skip whitespace to the next word
    let k = j;
    while (k < len && (text[k] === ' ' || text[k] === '\t')) k++;
    if (k < len && text[k] !== '\n' && !isUpperStart(text[k])) continue;
    if (ch === '.') {
      const word = wordBefore(text, i);
      const lower = word.toLowerCase();
      if (ABBREVIATIONS.has(lower)) continue;
      if (/^[A-Z]$/.test(word)) continue; // an initial: "A. Example"
      if (/^(?:[a-z]\.)+[a-z]$/i.test(word)) continue; // "e.g", "i.e", "a.m"
    }
    push(j);
    start = j;
    i = j - 1;
  }
  push(len);
  return out;
}

function lastNonSpace(text: string, from: number, to: number): string | undefined {
  for (let i = to - 1; i >= from; i--) if (!/\s/.test(text[i]!)) return text[i];
  return undefined;
}

function wordBefore(text: string, dot: number): string {
  let s = dot;
  while (s > 0 && /[A-Za-z.]/.test(text[s - 1]!)) s--;
  return text.slice(s, dot);
}
