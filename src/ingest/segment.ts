import type { Block, BlockType } from '../types.js';

/**
 * Segments plain text (a .txt draft, an email body) into blocks: paragraphs split at blank lines, list items,
 * and — for email — the parts rules skip by default: earlier quoted replies ("> " lines, "On ... wrote:",
 * Outlook "From: ... Sent: ..." blocks, "-----Original Message-----", forwarded-message banners),
 * signatures ("-- " and sign-offs followed by a name block) and legal disclaimers.
 */

export interface SegmentOptions {
  /** Look for reply/forward separators, signatures and disclaimers (email bodies and pasted threads). */
  email?: boolean;
}

const REPLY_SEPARATORS: RegExp[] = [
  /^\s*-{2,}\s*original message\s*-{2,}\s*$/i,
  /^\s*-{2,}\s*forwarded message\s*-{2,}\s*$/i,
  /^\s*begin forwarded message\s*:?\s*$/i,
  /^\s*_{10,}\s*$/, // Outlook's line before "From:"
  /^\s*on\s.{4,200}\bwrote:\s*$/i,
  /^\s*-{5,}\s*$/,
];

/** Outlook-style header block: "From: x" followed within 4 lines by "Sent:"/"Date:" and "To:"/"Subject:". */
function isOutlookHeader(lines: string[], i: number): boolean {
  if (!/^\s*\**from:\**\s+\S/i.test(lines[i]!)) return false;
  let sent = false;
  let toOrSubject = false;
  for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
    if (/^\s*\**(?:sent|date):\**\s/i.test(lines[j]!)) sent = true;
    if (/^\s*\**(?:to|subject|cc):\**\s/i.test(lines[j]!)) toOrSubject = true;
  }
  return sent && toOrSubject;
}

const DISCLAIMER_START =
  /^\s*(?:disclaimer\b|this (?:e-?mail|message|communication)(?: and any (?:files|attachments)[^.]*)? (?:is|are|may be) (?:confidential|intended|private)|the information (?:in|contained in) this (?:e-?mail|message)|if you (?:are not|have received this)[^.]*(?:intended recipient|in error)|(?:e-?mails?|communications?) (?:sent to|with) (?:the council|[A-Z][\w ]+ council) (?:may be|are) (?:monitored|recorded)|please consider the environment before printing)/i;

const SIGN_OFF = /^\s*(?:kind(?:est)? regards|best regards|best wishes|many thanks|thanks(?: again)?|regards|yours (?:sincerely|faithfully)|cheers|with thanks|warm regards|all the best)\s*,?\s*$/i;

interface Para {
  start: number; // offset of first char
  end: number; // offset after last char
  lines: Array<{ start: number; end: number; text: string }>;
}

export function segmentText(text: string, base = 0, options: SegmentOptions = {}): Block[] {
  // split into lines with offsets
  const lines: Array<{ start: number; end: number; text: string }> = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    lines.push({ start: pos, end, text: text.slice(pos, end) });
    if (nl >= text.length) break;
    pos = nl + 1;
  }

  // line classes
  const cls: Array<BlockType | 'blank'> = new Array(lines.length);
  let mode: BlockType = 'paragraph';
  const lineTexts = lines.map((l) => l.text);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (t.trim() === '') {
      cls[i] = 'blank';
      continue;
    }
    if (options.email) {
      if (mode !== 'quoted-reply' && (REPLY_SEPARATORS.some((re) => re.test(t)) || isOutlookHeader(lineTexts, i))) mode = 'quoted-reply';
      else if (mode === 'paragraph' && /^-- ?$/.test(t)) mode = 'signature';
      else if (mode !== 'quoted-reply' && DISCLAIMER_START.test(t)) mode = 'disclaimer';
      if (mode === 'paragraph' && SIGN_OFF.test(t) && isSignatureTail(lineTexts, i)) {
        cls[i] = 'paragraph';
        mode = 'signature';
        continue;
      }
    }
    if (mode === 'paragraph' && /^\s*>/.test(t)) {
      cls[i] = options.email ? 'quoted-reply' : 'quote';
      continue;
    }
    cls[i] = mode;
  }

  // group consecutive lines of one class into paragraphs; list items are their own blocks
  const blocks: Block[] = [];
  let cur: Para | undefined;
  let curType: BlockType | undefined;
  const flush = () => {
    if (!cur || !curType) return;
    const raw = text.slice(cur.start, cur.end);
    blocks.push({ type: curType, text: raw, start: base + cur.start, end: base + cur.end });
    cur = undefined;
    curType = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const c = cls[i]!;
    const line = lines[i]!;
    if (c === 'blank') {
      flush();
      continue;
    }
    const isListItem = c === 'paragraph' && /^\s*(?:[-*•–]|\d{1,2}[.)]|\([a-z0-9]{1,3}\))\s+\S/.test(line.text);
    if (!cur || curType !== c || isListItem || (curType === 'list-item' && c === 'paragraph' && !/^\s{2,}/.test(line.text))) {
      flush();
      cur = { start: line.start, end: line.end, lines: [line] };
      curType = isListItem ? 'list-item' : c;
      continue;
    }
    cur.end = line.end;
    cur.lines.push(line);
  }
  flush();
  return blocks;
}

/** A sign-off followed by at most 8 short lines (name, role, phone) and nothing substantial after. */
function isSignatureTail(lines: string[], i: number): boolean {
  let count = 0;
  for (let j = i + 1; j < lines.length; j++) {
    const t = lines[j]!;
    if (REPLY_SEPARATORS.some((re) => re.test(t)) || isOutlookHeader(lines, j) || /^\s*>/.test(t) || DISCLAIMER_START.test(t)) return true;
    if (t.trim() === '') continue;
    count++;
    if (count > 10 || t.length > 120) return false;
  }
  return true;
}
