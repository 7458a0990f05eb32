/**
 * Quotation and negation scope: is a phrase the writer's own words, or quoted/reported from someone else;
 * is it negated or hypothetical? (RULES.md T-D7, T-D9, T-P6.)
 */

export interface QuoteSpan {
  /** Indices of the quoted text (inside the marks). */
  start: number;
  end: number;
  /** The sentence says who said it: "X said", "alleged", "wrote", "described as". */
  attributed: boolean;
}

const PAIRS: Array<[string, string]> = [
  ['\u201c', '\u201d'], // “ ”
  ['"', '"'],
  ['\u2018', '\u2019'], // ‘ ’ (only when not an apostrophe)
  ["'", "'"],
];

const ATTRIBUTION =
  /\b(?:said|says|saying|stated|states|told|tells|wrote|writes|added|adds|commented|comments|explained|described|describing|called|calling|alleg(?:ed|es|ing|ation)|claim(?:ed|s|ing)?|accus(?:ed|es|ing)|quoted?|posted|tweeted|replied|remarked|asked|according to|referred to (?:\w+ )?as|branded|labelled|dubbed)\b/i;

function isApostrophe(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  return Boolean(prev && next && /[\p{L}\p{N}]/u.test(prev) && /[\p{L}\p{N}]/u.test(next)) || Boolean(prev && /[sS]/.test(prev) && (!next || /[\s.,;:!?]/.test(next)));
}

/** Quoted spans in a sentence or block, with whether the surrounding text attributes them to someone. */
export function quoteSpans(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  for (const [open, close] of PAIRS) {
    let from = 0;
    while (from < text.length) {
      let s = text.indexOf(open, from);
      while (s >= 0 && (open === "'" || open === '\u2018') && isApostrophe(text, s)) s = text.indexOf(open, s + 1);
      if (s < 0) break;
      let e = text.indexOf(close, s + 1);
      while (e >= 0 && (close === "'" || close === '\u2019') && isApostrophe(text, e)) e = text.indexOf(close, e + 1);
      if (e < 0) break;
      if (!out.some((q) => s >= q.start - 1 && s <= q.end)) {
        const before = text.slice(Math.max(0, s - 80), s);
        const after = text.slice(e + 1, e + 60);
        out.push({ start: s + 1, end: e, attributed: ATTRIBUTION.test(before) || /^[,.]?\s*(?:\w+\s+){0,3}(?:said|says|wrote|added|told|claimed|alleged)\b/i.test(after) });
      }
      from = e + 1;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export function insideQuote(spans: QuoteSpan[], index: number, options: { attributedOnly?: boolean } = {}): boolean {
  return spans.some((q) => index >= q.start && index < q.end && (!options.attributedOnly || q.attributed));
}

/** The sentence reports what someone else said or alleged ("The complaint alleges the councillor called ..."). */
export const REPORTED_SPEECH =
  /\b(?:(?:the )?(?:complain(?:t|ant)|allegation|investigat(?:ion|or)|hearing|panel|sub-committee|standards committee|tribunal|ombudsman|monitoring officer's report|report of the investigat\w+)\b[^.]{0,80}\b(?:alleg\w*|said|stated|found|concluded|record\w*|describ\w*|quot\w*|claim\w*)|\b(?:it (?:is|was) alleged|(?:he|she|they|the member|the councillor|cllr \w+) (?:is|was|were) alleged to have|was (?:described|called|referred to) as|allegedly)\b)/i;

const NEGATORS = /\b(?:not|never|no|nor|neither|without|hardly|barely|n't|cannot|can't|won't|wouldn't|isn't|wasn't|aren't|weren't|doesn't|didn't|don't)\b|n['’]t\b/i;
const HYPOTHETICAL = /\b(?:if|whether|would (?:be|have)|could be|might be|may be|were (?:to|it)|suppose|imagine|i am not saying|i'm not saying|not suggesting|not to say|no suggestion)\b/i;

/** A negator in the same clause, within a few words before `index` ("is not incompetent", "never lied"). */
export function isNegated(text: string, index: number, window = 40): boolean {
  const before = text.slice(Math.max(0, index - window), index);
  const clause = before.split(/[,;:()\u2013\u2014]|\bbut\b|\bhowever\b/i).pop() ?? '';
  return NEGATORS.test(clause);
}

/** A hypothetical or disclaimed frame in the sentence before `index` ("I am not saying she is ..."). */
export function isHypothetical(text: string, index: number): boolean {
  return HYPOTHETICAL.test(text.slice(Math.max(0, index - 80), index));
}
