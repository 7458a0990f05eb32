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
  /** The words around the quote that attribute it ("Cllr A Example said:"), when `attributed`. */
  attribution?: string;
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
        const afterM = /^[,.!?]?\s*(?:[\w'’.-]+\s+){0,5}?(?:said|says|wrote|added|told|claimed|alleged)\b/i.exec(after);
        const beforeClause = before.split(/[.!?]\s+(?=[A-Z])/).pop() ?? before;
        const attributed = ATTRIBUTION.test(beforeClause) || Boolean(afterM);
        const span: QuoteSpan = { start: s + 1, end: e, attributed };
        if (attributed) span.attribution = ATTRIBUTION.test(beforeClause) ? beforeClause.trim() : afterM![0].trim();
        out.push(span);
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

/**
 * Words that look negative but assert the opposite ("not only incompetent",
 * "nothing short of a disgrace", "no longer fit"): removed before looking for a negator.
 */
const NON_NEGATING = /\b(?:not (?:only|just|merely|simply|least|exactly unknown)|nothing (?:but|short of|less than)|no (?:better|more) than|none other than|no (?:doubt|question|wonder)|not surprising(?:ly)?|never (?:once|ever)? ?(?:been anything but|anything other than))\b/gi;

function lastClause(before: string): string {
  return before.split(/[,;:()\u2013\u2014]|\bbut\b|\bhowever\b|\byet\b/i).pop() ?? '';
}

/** A negator in the same clause, within a few words before `index` ("is not incompetent", "never lied"). */
export function isNegated(text: string, index: number, window = 40): boolean {
  // "anything but lazy" denies "lazy", but its "but" must not end the clause
  const before = text.slice(Math.max(0, index - window), index).replace(NON_NEGATING, ' ').replace(/\banything but\b/gi, 'not');
  const clause = lastClause(before);
  return NEGATORS.test(clause);
}

/** A hypothetical or disclaimed frame in the sentence before `index` ("I am not saying she is ..."). */
export function isHypothetical(text: string, index: number): boolean {
  return HYPOTHETICAL.test(text.slice(Math.max(0, index - 80), index));
}

/**
 * How the words at `index` are framed (RULES.md T-D9):
 * - `disclaimed`: the writer raises it while disowning it, and goes on ("I am not saying she lied, but ...") — an
 *   insinuation, so rules warn rather than err; a disclaimer with no "but" ("We are not accusing officers of
 *   lying.") is `negated`;
 * - `hypothetical`: a condition or open question ("if the officer misled committee ...",
 *   "whether officers were partial", "Did the Director mislead us?");
 * - `negated`: denied in the same clause ("is not incompetent", "has never lied", "no suggestion that");
 * - `asserted`: none of these.
 * `text` should be the sentence (or block) and `index` a position in it.
 */
export type Modality = 'asserted' | 'negated' | 'disclaimed' | 'hypothetical';

const DISCLAIMER =
  /\b(?:(?:i|we)(?:['’]m|['’]re| am| are)? (?:not|never)(?: for a (?:moment|minute|second))?|(?:i|we) (?:do not|don['’]t|would not|wouldn['’]t|will not|won['’]t|cannot|can['’]t)(?: want to)?)(?: (?:saying|suggesting|accusing|implying|alleging|claiming|say|suggest|accuse|imply|allege|claim))\b|\bwithout (?:suggesting|implying|saying|wishing to suggest)\b|\bnot that i['’]?m? (?:saying|suggesting)\b|\bnot to say\b|\bfar be it from me\b/i;
const NO_SUGGESTION = /\b(?:there is|there['’]s|i (?:make|made)|with) no (?:suggestion|implication|allegation|criticism)\b|\bthis is not (?:a )?(?:criticism|complaint|an? (?:attack|accusation|allegation))\b/i;
const CONDITION = /\b(?:if|whether|unless|suppose|supposing|imagine|in case|should it (?:turn out|emerge|prove))\b/i;
const YES_NO_QUESTION = /^\s*(?:["“'‘(]\s*)?(?:is|was|are|were|has|have|had|did|does|do|could|can|would|will|should|might|may)\b/i;

export function modality(text: string, index: number): Modality {
  const before = text.slice(Math.max(0, index - 120), index);
  const sentenceBefore = before.split(/[.!?]\s+(?=\S)/).pop() ?? before;
  if (DISCLAIMER.test(sentenceBefore)) {
    // "I am not saying she lied, but ..." insinuates; "We are not accusing officers of lying." denies
    const rest = text.slice(index);
    const end = rest.search(/[.!?](?:\s|$)/);
    return /\b(?:but|however|yet|though|although|still|nonetheless|nevertheless|all the same|just that|only that)\b/i.test(end >= 0 ? rest.slice(0, end) : rest) ? 'disclaimed' : 'negated';
  }
  if (NO_SUGGESTION.test(sentenceBefore)) return 'negated';
  if (isNegated(text, index)) return 'negated';
  const clause = lastClause(sentenceBefore);
  if (CONDITION.test(clause)) return 'hypothetical';
  // a yes/no question: "Did the Director mislead committee?"
  const rest = text.slice(index);
  const end = rest.search(/[.!?](?:\s|$)/);
  if (end >= 0 && rest[end] === '?' && YES_NO_QUESTION.test(sentenceBefore)) return 'hypothetical';
  return 'asserted';
}

/** Reporting frames: the words are someone else's, reported ("X said that", "described him as", "called her a"). */
const REPORTING =
  /\b(?:said|says|stated|states|state|told|tells|tell me|tell us|wrote|writes|consider|considers|allege|believe|believes|feel|feels|claim|argue|argues|contend|contends|maintain|maintains|described|describes|describing|referred to|called|calls|calling|branded|labelled|dubbed|accused|accuses|alleged|alleges|claimed|claims|complained|complains|suggested|asserted|remarked|commented|argued|expressed (?:the view|concern)|felt|was of the view|considered)\b/i;

/**
 * Someone else's words, reported: the sentence before `index` has a reporting verb whose subject is not
 * the writer ("The complainant said the officer was lazy", "Cllr X described the Director as useless").
 * Returns the reporting frame, or undefined. First-person frames ("I said", "we feel") are the writer's own
 * words and return undefined.
 */
export function reportedFrame(text: string, index: number): string | undefined {
  const before = text.slice(Math.max(0, index - 160), index);
  const sentenceBefore = before.split(/[.!?]\s+(?=[A-Z"“])/).pop() ?? before;
  const m = REPORTING.exec(sentenceBefore);
  if (!m) return undefined;
  const subject = sentenceBefore.slice(0, m.index);
  if (/\b(?:i|we|i['’]ve|we['’]ve|i have|we have|i had)\s*(?:\w+\s+){0,2}$/i.test(subject)) return undefined;
  return sentenceBefore.slice(Math.max(0, m.index - 60)).trim();
}
