import type { Block, BlockType } from '../types.js';

/**
 * Segments plain text (a .txt draft, an email body) into blocks: paragraphs split at blank lines, list items,
 * and — for email — the parts rules skip by default: earlier quoted replies ("> " lines, "On ... wrote:",
 * Outlook "From: ... Sent: ..." blocks, "-----Original Message-----", forwarded-message banners),
 * signatures ("-- ", a sign-off followed by a short name block, a trailing name/role/phone block) and legal
 * disclaimers (a trailing run of confidentiality / monitoring paragraphs, or an "external sender" banner).
 *
 * Every block is a verbatim slice of `text` (no `map`); `start`/`end` are `base` + offsets in `text`.
 * Everything is linear in the length of the text: each line is looked at a bounded number of times.
 */

export interface SegmentOptions {
  /** Look for reply/forward separators, signatures and disclaimers (email bodies and pasted threads). */
  email?: boolean;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

type LineClass = BlockType | 'blank';

// ─── Patterns ────────────────────────────────────────────────────────────────

/** Separators after which everything is an earlier message. */
const HARD_SEPARATORS: RegExp[] = [
  /^\s*-{2,}\s*original message\s*-{2,}\s*$/i, // Outlook (plain text)
  /^\s*-{2,}\s*(?:forwarded message|forwarded e-?mail)\s*-{2,}\s*$/i, // Gmail and others
  /^\s*-{2,}\s*forwarded by\b.{0,200}-{2,}\s*$/i, // Lotus Notes
  /^\s*begin forwarded message\s*:?\s*$/i, // Apple Mail
  /^\s*-{2,}\s*(?:reply message|message d'origine|ursprüngliche nachricht|neges wreiddiol)\s*-{2,}\s*$/i,
];

/** A line of underscores or dashes, which Outlook puts before the "From:" block of the earlier message. */
const RULE_LINE = /^\s*(?:_{10,}|-{5,}|={10,})\s*$/;

/** "On Mon, 1 Mar 2027 at 15:37, A Person <a@example.org> wrote:" (one line). */
const ATTRIBUTION = /^\s*(?:on|ar|le|am)\s.{4,300}?\b(?:wrote|a écrit|schrieb|ysgrifennodd)\s*:\s*$/i;
const ATTRIBUTION_START = /^\s*(?:on|ar|le|am)\s/i;
const ATTRIBUTION_END = /\b(?:wrote|a écrit|schrieb|ysgrifennodd)\s*:\s*$/i;
/** "A Person wrote:" — only an attribution when quoted ">" lines follow. */
const WEAK_ATTRIBUTION = /^.{1,160}\b(?:wrote|writes)\s*:\s*$/i;

const HEADER_FROM = /^\s*\**\s*from\s*:\s*\**\s*\S/i;
const HEADER_SENT = /^\s*\**\s*(?:sent|date)\s*:\s*\**\s*\S/i;
const HEADER_TO_SUBJECT = /^\s*\**\s*(?:to|subject|cc)\s*:\s*\**/i;

const QUOTED = /^\s*>/;

const SIG_DELIMITER = /^-- ?$/;
const MOBILE_SIGNATURE = /^\s*(?:sent from my \w[\w\s-]{0,30}|sent from (?:outlook|mail|yahoo mail) for \w+|get outlook for (?:ios|android))\s*\.?\s*$/i;

const DISCLAIMER_START =
  /^\s*(?:\**\s*(?:disclaimer|confidentiality (?:notice|statement|warning)|legal notice|important(?: notice)?|privacy notice|email disclaimer)\b|this (?:e-?mail|message|communication|transmission)(?: \((?:and|including) any attachments\)| and any (?:files|attachments)[^.]*?| \(including any attachments\))? (?:is|are|may be|and its contents are|contains) (?:confidential|intended|private|strictly|privileged|sent in confidence|for the)|the (?:information|contents?) (?:in|of|contained in) this (?:e-?mail|message)|if you (?:are not|have received this)[^.]*?(?:intended recipient|in error)|(?:all )?(?:e-?mails?|communications?|messages?) (?:sent to|from|with|to and from) (?:the council|[A-Z][\w ]+ council)[^.]*?(?:may be|are|is) (?:monitored|recorded|subject)|please consider the environment before printing|any views or opinions (?:expressed|presented)|[\w ]+ council (?:may monitor|monitors|reserves the right)|(?:warning|caution|notice)\s*:\s*(?:this|any) (?:e-?mail|message)|(?:information|e-?mails?) (?:sent to|held by) (?:the council|[A-Z][\w ]+ council) may (?:be|have to be) (?:disclosed|released))/i;

/** Words that every paragraph of a trailing disclaimer contains at least one of. */
const DISCLAIMER_WORDS =
  /\b(?:confidential|privileged|intended (?:recipient|solely|only)|in error|monitor(?:ed|ing)?|recorded|virus(?:es)?|freedom of information|data protection|gdpr|privacy|legally|notify the sender|delete (?:it|this|the)|environment|views? (?:or opinions|expressed)|unauthori[sz]ed|disclos(?:e|ed|ure)|lawful|liability|accept(?:s)? no|copyright|registered (?:office|in)|disclaimer)\b|www\.|https?:\/\//i;

/** An "external sender" warning that mail gateways put at the top of a message. */
const EXTERNAL_BANNER =
  /^\s*\[?\s*(?:external|caution|warning|attention)\b[\]:\s-]*(?:(?:this|the) (?:e-?mail|message) (?:originated|came|was sent|is) from outside|e-?mail from an external|external (?:e-?mail|sender))/i;

const SIGN_OFF =
  /^\s*(?:kind(?:est)? regards|best regards|warm(?:est)? regards|regards|best wishes|best|many thanks|thanks(?: again| very much| so much)?|thank you(?: again)?|yours (?:sincerely|faithfully|truly)|yours|cheers|with thanks|with best wishes|all the best|take care|cofion(?: cynnes)?|diolch(?: yn fawr)?)\s*[,.!]?\s*$/i;

const NAME_LINE =
  /^\s*(?:(?:cllr|councillor|county councillor|dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame|rev(?:erend)?)\.?\s+)?[A-Z][\p{L}'’.-]*(?:\s+(?:[A-Z][\p{L}'’.-]*|de|van|von|da|du|le|la|of|and|&)){0,5}\s*(?:\([^)]{1,30}\))?\s*$/u;

const TITLE_PREFIX = /^\s*(?:cllr|councillor|county councillor|dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame|rev(?:erend)?)\.?\s+/i;

const ROLE_OR_CONTACT =
  /\b(?:council(?:lor)?|ward|division|director|head of|manager|officer|executive|cabinet|member|service|services|team|department|directorate|leader|chair(?:man|person)?|mayor|clerk|lead|assistant|group|partnership|borough|district|county|parish|tel|telephone|phone|mobile|mob|email|e-mail|office|house|street|road)\b|\d{4,}|@|www\.|https?:\/\//i;

/** A protective marking line ("OFFICIAL-SENSITIVE") after a sign-off stays in the text rules read. */
const MARKING = /^\s*(?:OFFICIAL(?:[-\u2011 ]SENSITIVE)?|CONFIDENTIAL|RESTRICTED|PROTECT(?:ED)?|NOT FOR PUBLICATION|PRIVATE AND CONFIDENTIAL|EXEMPT)\b/;

const LIST_ITEM = /^\s*(?:[-*•–]|\d{1,2}[.)]|\([a-z0-9]{1,3}\))\s+\S/;

// ─── Line helpers ────────────────────────────────────────────────────────────

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  for (;;) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    lines.push({ start: pos, end, text: text.slice(pos, end) });
    if (nl >= text.length) break;
    pos = nl + 1;
  }
  return lines;
}

function isBlank(t: string): boolean {
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11 && c !== 0xa0 && c !== 0xfeff && c !== 0x3000 && !(c >= 0x2000 && c <= 0x200a)) return false;
  }
  return true;
}

/** Index of the next non-blank line at or after `i` (or lines.length). */
function nextNonBlank(lines: Line[], i: number, limit = Infinity): number {
  let j = i;
  while (j < lines.length && j - i < limit && isBlank(lines[j]!.text)) j++;
  return j;
}

/** Outlook-style header block: "From: x" followed within 5 lines by "Sent:"/"Date:" and "To:"/"Subject:". */
function isOutlookHeader(lines: Line[], i: number): boolean {
  if (!HEADER_FROM.test(lines[i]!.text)) return false;
  let sent = false;
  let toOrSubject = false;
  for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
    const t = lines[j]!.text;
    if (HEADER_SENT.test(t)) sent = true;
    else if (HEADER_TO_SUBJECT.test(t)) toOrSubject = true;
  }
  return sent && toOrSubject;
}

/** Is line i the start of an earlier message that runs to the end of the text? */
function isHardSeparator(lines: Line[], i: number): boolean {
  const t = lines[i]!.text;
  const c = firstChar(t);
  if (c === '-' || c === 'b' || c === 'B') {
    if (HARD_SEPARATORS.some((re) => re.test(t))) return true;
  }
  if ((c === '_' || c === '-' || c === '=') && RULE_LINE.test(t)) {
    const j = nextNonBlank(lines, i + 1, 2);
    return j < lines.length && isOutlookHeader(lines, j);
  }
  return (c === 'F' || c === 'f' || c === '*') && isOutlookHeader(lines, i);
}

/** First non-space character of a line ('' for a blank line). */
function firstChar(t: string): string {
  for (let k = 0; k < t.length; k++) {
    const ch = t[k]!;
    if (ch !== ' ' && ch !== '\t') return ch;
  }
  return '';
}

/** True when the line ends with ":" (ignoring trailing white space): only such lines can be attributions. */
function endsWithColon(t: string): boolean {
  let k = t.length - 1;
  while (k >= 0 && (t[k] === ' ' || t[k] === '\t')) k--;
  return k >= 0 && t[k] === ':';
}

/** Number of lines (1 or 2) of an "On ... wrote:" attribution at line i, or 0. */
function attributionLength(lines: Line[], i: number): number {
  const t = lines[i]!.text;
  if (!ATTRIBUTION_START.test(t)) return 0;
  if (endsWithColon(t) && ATTRIBUTION.test(t)) return 1;
  if (i + 1 < lines.length) {
    const next = lines[i + 1]!.text;
    if (endsWithColon(next) && !isBlank(next) && ATTRIBUTION_END.test(next) && t.length + next.length < 400 && !QUOTED.test(next)) return 2;
  }
  return 0;
}

function quoteDepthOf(t: string): number {
  let depth = 0;
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c === 62 /* > */) depth++;
    else if (c !== 32 && c !== 9) break;
  }
  return depth;
}

// ─── Segmentation ────────────────────────────────────────────────────────────

export function segmentText(text: string, base = 0, options: SegmentOptions = {}): Block[] {
  const lines = splitLines(text);
  const n = lines.length;
  const cls: LineClass[] = new Array(n);
  const depth: number[] = new Array(n).fill(0);

  if (!options.email) {
    for (let i = 0; i < n; i++) {
      const t = lines[i]!.text;
      cls[i] = isBlank(t) ? 'blank' : QUOTED.test(t) ? 'quote' : 'paragraph';
    }
  } else {
    classifyEmail(lines, cls, depth);
  }
  return group(text, base, lines, cls, depth);
}

function classifyEmail(lines: Line[], cls: LineClass[], depth: number[]): void {
  const n = lines.length;

  // 1. Where does the earlier message start (everything from there on is quoted)? Attributions followed by
  //    ">" lines are only quoted as far as the ">" lines go (inline or bottom-posted replies).
  let tailStart = n;
  for (let i = 0; i < n; i++) {
    const t = lines[i]!.text;
    if (isBlank(t)) {
      cls[i] = 'blank';
      continue;
    }
    if (QUOTED.test(t)) {
      cls[i] = 'quoted-reply';
      depth[i] = quoteDepthOf(t);
      continue;
    }
    if (isHardSeparator(lines, i)) {
      tailStart = i;
      break;
    }
    let attr = attributionLength(lines, i);
    if (attr === 0 && endsWithColon(t) && WEAK_ATTRIBUTION.test(t)) {
      const j = nextNonBlank(lines, i + 1, 3);
      if (j < n && QUOTED.test(lines[j]!.text)) attr = 1;
    }
    if (attr > 0) {
      const j = nextNonBlank(lines, i + attr, 3);
      if (j < n && QUOTED.test(lines[j]!.text)) {
        for (let k = i; k < i + attr; k++) {
          cls[k] = 'quoted-reply';
          depth[k] = 1;
        }
        i += attr - 1;
        continue;
      }
      tailStart = i;
      break;
    }
    cls[i] = 'paragraph';
  }

  // 2. The earlier message(s): quoted, one level deeper at each further separator.
  let level = 1;
  for (let i = tailStart; i < n; i++) {
    const t = lines[i]!.text;
    if (isBlank(t)) {
      cls[i] = 'blank';
      continue;
    }
    if (i > tailStart && isHardSeparator(lines, i) && !(HEADER_FROM.test(t) && isPrecededBySeparator(lines, i))) level++;
    cls[i] = 'quoted-reply';
    depth[i] = level + quoteDepthOf(t);
  }

  // 3. The writer's own text (lines before tailStart that are not quoted): signature and disclaimer.
  markSignatures(lines, cls, tailStart);
  markDisclaimers(lines, cls, tailStart);
}

function isPrecededBySeparator(lines: Line[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && isBlank(lines[j]!.text)) j--;
  if (j < 0) return false;
  const t = lines[j]!.text;
  return RULE_LINE.test(t) || HARD_SEPARATORS.some((re) => re.test(t));
}

function markSignatures(lines: Line[], cls: LineClass[], end: number): void {
  let inSignature = false;
  for (let i = 0; i < end; i++) {
    const c = cls[i];
    if (c !== 'paragraph') {
      // a quoted block ends a "-- " signature (bottom-posted replies)
      if (c === 'quoted-reply') inSignature = false;
      continue;
    }
    const t = lines[i]!.text;
    if (inSignature) {
      cls[i] = 'signature';
      continue;
    }
    if (SIG_DELIMITER.test(t)) {
      cls[i] = 'signature';
      inSignature = true;
      continue;
    }
    if (MOBILE_SIGNATURE.test(t)) {
      cls[i] = 'signature';
      continue;
    }
    if (SIGN_OFF.test(t) && i > 0) {
      const tailEnd = signatureTailEnd(lines, cls, i, end);
      if (tailEnd >= 0) {
        for (let k = i + 1; k < tailEnd; k++) if (cls[k] === 'paragraph' && !MARKING.test(lines[k]!.text)) cls[k] = 'signature';
        i = tailEnd - 1;
      }
    }
  }
  markNameBlock(lines, cls, end);
}

/**
 * A sign-off at line i is followed by at most 10 short lines (name, role, phone) and then the end of the
 * writer's text, a quoted block or a disclaimer. Returns the index where the signature ends, or -1.
 */
function signatureTailEnd(lines: Line[], cls: LineClass[], i: number, end: number): number {
  let count = 0;
  for (let j = i + 1; j < end; j++) {
    if (cls[j] === 'blank') continue;
    if (cls[j] === 'quoted-reply') return j;
    const t = lines[j]!.text;
    if (DISCLAIMER_START.test(t) || EXTERNAL_BANNER.test(t)) return j;
    count++;
    if (count > 10 || t.length > 120) return -1;
  }
  return end;
}

/**
 * A trailing name block with no sign-off ("Cllr Ann Example / Labour Councillor for Castle Ward /
 * Example Borough Council"): the last paragraph of the writer's text, 2-6 short lines, a name on the first
 * line and a role, organisation or contact detail on another.
 */
function markNameBlock(lines: Line[], cls: LineClass[], end: number): void {
  // find the last run of paragraph lines before `end` (skipping blanks; stop at anything else)
  let j = end - 1;
  while (j >= 0 && cls[j] === 'blank') j--;
  if (j < 0 || cls[j] !== 'paragraph') return;
  const last = j;
  while (j >= 0 && cls[j] === 'paragraph' && last - j < 7) j--;
  if (j >= 0 && cls[j] === 'paragraph') return; // more than 6 lines
  const first = j + 1;
  const count = last - first + 1;
  if (count < 2 || count > 6) return;
  // there must be some text of the writer's own before it
  let before = first - 1;
  while (before >= 0 && cls[before] !== 'paragraph') before--;
  if (before < 0) return;
  const nameLine = lines[first]!.text;
  if (!NAME_LINE.test(nameLine) || ROLE_OR_CONTACT.test(nameLine.replace(TITLE_PREFIX, ''))) return;
  let role = false;
  for (let k = first; k <= last; k++) {
    const t = lines[k]!.text.trim();
    if (t.length > 80 || /[.!?;:,]$/.test(t) && !/(?:ltd|plc|co|inc)\.$/i.test(t)) return;
    if (k > first && ROLE_OR_CONTACT.test(t)) role = true;
  }
  if (!role) return;
  for (let k = first; k <= last; k++) cls[k] = 'signature';
}

interface Para {
  first: number;
  last: number;
}

/**
 * Disclaimers: an "external sender" banner paragraph anywhere, and a trailing run of paragraphs in the writer's
 * text (before the quoted part) that starts with a disclaimer opening and in which every paragraph reads like
 * boilerplate. A "This email is confidential" sentence in the middle of the writer's own text is not one.
 */
function markDisclaimers(lines: Line[], cls: LineClass[], end: number): void {
  const isOwn = (k: number) => cls[k] === 'paragraph' || cls[k] === 'signature';
  // an "external sender" banner: the first paragraph of the writer's text
  let first = 0;
  while (first < end && !isOwn(first)) first++;
  if (first < end && EXTERNAL_BANNER.test(lines[first]!.text)) {
    for (let k = first; k < end && isOwn(k); k++) cls[k] = 'disclaimer';
  }
  // trailing run: walk back over boilerplate paragraphs (runs of own lines), remember the earliest that opens
  // a disclaimer; stop at the first paragraph that is not boilerplate
  let firstSignature = -1;
  const paras: Para[] = [];
  let start = -1;
  let k = end - 1;
  while (k >= 0) {
    while (k >= 0 && !isOwn(k)) k--;
    if (k < 0) break;
    const last = k;
    while (k >= 0 && isOwn(k)) k--;
    const para: Para = { first: k + 1, last };
    let boilerplate = false;
    for (let m = para.first; m <= para.last && !boilerplate; m++) {
      const t = lines[m]!.text;
      if (DISCLAIMER_WORDS.test(t) || /^\W*$/.test(t)) boilerplate = true;
    }
    if (!boilerplate) break;
    paras.push(para);
    if (DISCLAIMER_START.test(lines[para.first]!.text)) {
      if (firstSignature === -1) {
        firstSignature = end;
        for (let m = 0; m < end; m++) if (cls[m] === 'signature') {
          firstSignature = m;
          break;
        }
      }
      if (firstSignature < para.first || disclaimerWordCount(lines, para) >= 2) start = paras.length - 1;
    }
  }
  for (let p = 0; p <= start; p++) {
    const para = paras[p]!;
    for (let m = para.first; m <= para.last; m++) cls[m] = 'disclaimer';
  }
}

/** How many different disclaimer words a paragraph uses (a real disclaimer uses several). */
function disclaimerWordCount(lines: Line[], para: Para): number {
  const seen = new Set<string>();
  const re = new RegExp(DISCLAIMER_WORDS.source, 'gi');
  for (let k = para.first; k <= para.last; k++) {
    for (const m of lines[k]!.text.matchAll(re)) seen.add(m[0].toLowerCase().slice(0, 6));
  }
  return seen.size;
}

function group(text: string, base: number, lines: Line[], cls: LineClass[], depth: number[]): Block[] {
  const blocks: Block[] = [];
  let curStart = -1;
  let curEnd = -1;
  let curType: BlockType | undefined;
  let curDepth = 0;
  const flush = () => {
    if (curType === undefined) return;
    const block: Block = { type: curType, text: text.slice(curStart, curEnd), start: base + curStart, end: base + curEnd };
    if (curType === 'quoted-reply') block.quoteDepth = Math.max(1, curDepth);
    blocks.push(block);
    curType = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const c = cls[i]!;
    const line = lines[i]!;
    if (c === 'blank') {
      flush();
      continue;
    }
    const isListItem = c === 'paragraph' && LIST_ITEM.test(line.text);
    const continues =
      curType !== undefined &&
      (curType === c || (curType === 'list-item' && c === 'paragraph' && /^\s{2,}/.test(line.text))) &&
      !isListItem &&
      (c !== 'quoted-reply' || depth[i] === curDepth);
    if (!continues) {
      flush();
      curStart = line.start;
      curEnd = line.end;
      curType = isListItem ? 'list-item' : c;
      curDepth = depth[i]!;
      continue;
    }
    curEnd = line.end;
  }
  flush();
  return blocks;
}
