import { CP1252_LABELS, decodeWindows1252 } from './decode.js';
import { Parser } from 'htmlparser2';
import type { Address, Attachment, Block, EmailHeaders, Format, IngestResult, ReadLimits, RawMeta } from '../types.js';
import { InputError } from '../types.js';
import { segmentText } from './segment.js';

/**
 * What the .eml and .msg readers share: the checked text of an email (header lines, a blank line, the body),
 * RFC 2047 header decoding, HTML-to-text for HTML-only bodies, and reading attachments through `ingest`.
 */

/** The headers written into the checked text, in this order. */
export const HEADER_ORDER = ['From', 'To', 'Cc', 'Bcc', 'Date', 'Subject'] as const;
export type HeaderName = (typeof HEADER_ORDER)[number];

export interface HeaderLine {
  name: HeaderName;
  /** The decoded value, on one line. */
  value: string;
}

/** Extra facts about a message, exposed as `meta.mail`. */
export interface MailInfo {
  messageId?: string;
  inReplyTo?: string;
  /** "Private", "Personal", "Company-Confidential" (the Sensitivity header / PidTagSensitivity). */
  sensitivity?: string;
  importance?: string;
  /** For .msg: the Outlook message class ("IPM.Note"). */
  messageClass?: string;
  /** Where the body text came from: the plain-text body, or (when there was none) the HTML or RTF body. */
  bodyFrom?: 'text' | 'html' | 'rtf';
}

/**
 * Build the IngestResult of an email: one line per header (`Name: value`), a blank line, the body.
 * Header lines are 'header' blocks; the body is segmented as an email (quoted replies, signatures, disclaimers).
 */
export function mailResult(
  format: Extract<Format, 'eml' | 'msg'>,
  headers: HeaderLine[],
  body: string,
  email: EmailHeaders,
  info: MailInfo,
  attachments: Attachment[],
  warnings: string[],
): IngestResult {
  const blocks: Block[] = [];
  let text = '';
  const ordered = [...headers].sort((a, b) => HEADER_ORDER.indexOf(a.name) - HEADER_ORDER.indexOf(b.name));
  for (const h of ordered) {
    const value = oneLine(h.value);
    const line = value ? `${h.name}: ${value}` : `${h.name}:`;
    blocks.push({ type: 'header', text: line, start: text.length, end: text.length + line.length });
    text += line + '\n';
  }
  if (ordered.length > 0) text += '\n';
  const bodyStart = text.length;
  const cleanBody = normaliseBody(body);
  text += cleanBody;
  // (concat, not push(...): a long body has more blocks than a call can take arguments)
  const allBlocks = blocks.concat(segmentText(cleanBody, bodyStart, { email: true }));
  const meta: RawMeta = { email };
  const mail = dropUndefined(info);
  if (Object.keys(mail).length > 0) meta.mail = mail;
  const result: IngestResult = { format, text, blocks: allBlocks, meta };
  if (attachments.length > 0) result.attachments = attachments;
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Header values go on one line: folding and stray line breaks become spaces. */
export function oneLine(value: string): string {
  return value
    .replace(/\r?\n[ \t]*/g, ' ')
    .replace(/[\r\n\t\v\f]/g, ' ')
    .replace(/[\x00-\x08\x0e-\x1f\x7f]/g, '')
    .trim();
}

/** Line breaks as \n, no NUL characters, no BOM. */
export function normaliseBody(body: string): string {
  let b = body;
  if (b.charCodeAt(0) === 0xfeff) b = b.slice(1);
  if (b.includes('\r')) b = b.replace(/\r\n?/g, '\n');
  if (b.includes('\0')) b = b.replace(/\0+/g, '');
  return b;
}

// ─── Header decoding ─────────────────────────────────────────────────────────

// Node's TextDecoder reads the "windows-1252" labels as ISO-8859-1 (0x80-0x9F become C1 controls instead of
// € ‘ ’ “ ” – — …), so Windows-1252 is decoded here by table.
/** Decode bytes in a named charset (MIME or WHATWG label); UTF-8 when the label is unknown. */
export function decodeBytes(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').replace(/\*.*$/, '').trim().toLowerCase();
  if (CP1252_LABELS.test(label)) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(label === 'utf8' ? 'utf-8' : label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Windows-1252. */
export function decodeUtf8Or1252(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Raw header text as read byte-for-byte (latin1) → a real string: UTF-8 when valid (RFC 6532), else Windows-1252. */
export function decodeRawHeader(latin1: string): string {
  if (!/[\x80-\xff]/.test(latin1)) return latin1;
  return decodeUtf8Or1252(Buffer.from(latin1, 'latin1')).text;
}

/** Remove RFC 5322 folding (CRLF followed by white space). */
export function unfold(value: string): string {
  return value.replace(/\r?\n(?=[ \t])/g, '');
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

function decodeCharset(bytes: Uint8Array, charset: string): string {
  return decodeBytes(bytes, charset);
}

function encodedWordBytes(encoding: string, payload: string): Uint8Array {
  if (encoding === 'b' || encoding === 'B') return Buffer.from(payload, 'base64');
  const out: number[] = [];
  for (let i = 0; i < payload.length; i++) {
    const c = payload[i]!;
    if (c === '_') out.push(0x20);
    else if (c === '=' && /^[0-9a-fA-F]{2}$/.test(payload.slice(i + 1, i + 3))) {
      out.push(parseInt(payload.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(out);
}

/**
 * Decode RFC 2047 encoded words ("=?utf-8?q?Caf=C3=A9?="). White space between adjacent encoded words is
 * dropped, and adjacent words in one charset are decoded together so a character split across them survives.
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  let out = '';
  let last = 0;
  let run: { charset: string; bytes: number[] } | undefined;
  const flush = () => {
    if (run) out += decodeCharset(Uint8Array.from(run.bytes), run.charset);
    run = undefined;
  };
  for (const m of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, m.index);
    const charset = m[1]!.toLowerCase();
    if (!(run && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    const bytes = encodedWordBytes(m[2]!, m[3]!);
    if (run && run.charset === charset) for (const b of bytes) run.bytes.push(b);
    else {
      flush();
      run = { charset, bytes: Array.from(bytes) };
    }
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}

/** Format an address for a header line: `Name <address>`, quoting names that need it. */
export function formatAddress(a: Address): string {
  if (!a.address) return a.name ?? '';
  if (!a.name || a.name === a.address) return a.address;
  const name = /[,;:<>@"()[\]\\]/.test(a.name) ? `"${a.name.replace(/(["\\])/g, '\\$1')}"` : a.name;
  return `${name} <${a.address}>`;
}

const ZONES: Record<string, string> = { UT: '+00:00', UTC: '+00:00', GMT: '+00:00', Z: '+00:00', BST: '+01:00', EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00', MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00' };

/**
 * An RFC 5322 date as ISO 8601 in the writer's own time zone ("Tue, 19 Jan 2027 23:31:07 -0200" →
 * "2027-01-19T23:31:07-02:00"), so the calendar date is the one the writer saw. Undefined when unreadable.
 */
export function isoDate(value: string): string | undefined {
  const t = Date.parse(value.replace(/\s*\([^)]*\)\s*$/, ''));
  if (isNaN(t)) return undefined;
  const m = /(?:^|\s)(?:([+-])(\d{2}):?(\d{2})|(UTC?|GMT|Z|BST|[ECMP][SD]T))\s*(?:\([^)]*\))?\s*$/i.exec(value);
  let offset = '+00:00';
  if (m?.[1]) offset = `${m[1]}${m[2]}:${m[3]}`;
  else if (m?.[4]) offset = ZONES[m[4].toUpperCase()] ?? '+00:00';
  const sign = offset[0] === '-' ? -1 : 1;
  const minutes = sign * (parseInt(offset.slice(1, 3), 10) * 60 + parseInt(offset.slice(4, 6), 10));
  const local = new Date(t + minutes * 60_000).toISOString().slice(0, 19);
  return offset === '+00:00' ? `${local}Z` : `${local}${offset}`;
}

/** A Date as an RFC 5322 date in UTC: "Tue, 19 Jan 2027 22:31:07 +0000". */
export function rfc5322Date(d: Date): string {
  return d.toUTCString().replace(/GMT$/, '+0000');
}

// ─── HTML to text ────────────────────────────────────────────────────────────

const SKIP_TAGS = new Set(['head', 'script', 'style', 'title', 'noscript', 'template', 'xml', 'svg', 'object', 'iframe', 'select']);
const PARAGRAPH_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'table', 'pre', 'hr', 'dl', 'address', 'figure']);
const LINE_TAGS = new Set(['div', 'li', 'tr', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside', 'dt', 'dd', 'center', 'form', 'fieldset', 'caption', 'figcaption', 'body', 'html']);

/**
 * HTML (an HTML-only email body, an Outlook/RTF-encapsulated body) to plain text: one line per block element,
 * a blank line between paragraphs, list items as "- " / "1. ", blockquotes as "> " lines (so earlier messages
 * quoted by Gmail and Apple Mail are recognised as quoted replies), entities decoded.
 */
export function htmlToText(html: string): string {
  let out = '';
  let pending = 0; // line breaks owed before the next text (at most 2: one blank line)
  let space = false;
  let skip = 0;
  let pre = 0;
  let quote = 0;
  const lists: Array<{ ordered: boolean; n: number }> = [];
  let cellInRow = 0;
  let bullet = '';

  const brk = (n: number) => {
    if (out.length > 0) pending = Math.max(pending, n);
  };
  const newline = () => {
    if (out.length > 0) pending = Math.min(2, pending + 1);
  };
  const write = (s: string) => {
    const atLineStart = out.length === 0 || pending > 0;
    if (out.length > 0 && pending > 0) out += '\n'.repeat(pending);
    pending = 0;
    if (atLineStart) {
      if (quote > 0) out += '> '.repeat(quote);
      out += bullet;
      bullet = '';
    } else if (space) out += ' ';
    space = false;
    out += s;
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP_TAGS.has(name)) skip++;
        if (skip) return;
        if (name === 'br') {
          newline();
          space = false;
          return;
        }
        if (name === 'td' || name === 'th') {
          if (cellInRow++ > 0) space = true;
          return;
        }
        if (name === 'tr') cellInRow = 0;
        if (PARAGRAPH_TAGS.has(name)) brk(2);
        else if (LINE_TAGS.has(name)) brk(1);
        if (name === 'blockquote') quote++;
        else if (name === 'pre') pre++;
        else if (name === 'ul' || name === 'ol') lists.push({ ordered: name === 'ol', n: 0 });
        else if (name === 'li') {
          const list = lists[lists.length - 1];
          bullet = list?.ordered ? `${++list.n}. ` : '- ';
        }
      },
      onclosetag(name) {
        if (SKIP_TAGS.has(name)) {
          if (skip > 0) skip--;
          return;
        }
        if (skip) return;
        if (PARAGRAPH_TAGS.has(name)) brk(2);
        else if (LINE_TAGS.has(name)) brk(1);
        if (name === 'blockquote' && quote > 0) quote--;
        else if (name === 'pre' && pre > 0) pre--;
        else if (name === 'ul' || name === 'ol') lists.pop();
        else if (name === 'li') bullet = '';
      },
      ontext(data) {
        if (skip) return;
        const text = data.replace(/\u00a0/g, ' ');
        if (pre > 0) {
          text.split(/\r?\n/).forEach((part, i) => {
            if (i > 0) newline();
            if (part) write(part);
          });
          return;
        }
        const collapsed = text.replace(/[ \t\n\r\f]+/g, ' ');
        const atLineStart = out.length === 0 || pending > 0;
        if (collapsed.startsWith(' ') && !atLineStart) space = true;
        const trimmed = collapsed.trim();
        if (trimmed) write(trimmed);
        if (collapsed.endsWith(' ') && trimmed) space = true;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  // tidy: no trailing spaces, at most one blank line in a row, no leading/trailing blank lines
  const tidy = out
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
  return tidy ? tidy + '\n' : '';
}

// ─── Attachments ─────────────────────────────────────────────────────────────

const CHECKABLE_EXTENSIONS = new Set(['.docx', '.pdf', '.txt', '.text', '.md', '.markdown', '.odt', '.html', '.htm', '.eml', '.msg']);

const CHECKABLE_TYPES: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'text/markdown': '.md',
  'text/x-markdown': '.md',
  'application/vnd.oasis.opendocument.text': '.odt',
  'text/html': '.html',
  'message/rfc822': '.eml',
  'application/vnd.ms-outlook': '.msg',
};

function extensionOf(name: string): string {
  const m = /(\.[A-Za-z0-9]{1,10})$/.exec(name.trim());
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * The reader extension for an attachment we check, by file name, or by content type when the name has no
 * extension. Undefined when it is not a document format protocol-lint reads.
 */
export function checkableExtension(name: string, contentType?: string): string | undefined {
  const ext = extensionOf(name);
  if (CHECKABLE_EXTENSIONS.has(ext)) return ext;
  if (ext && ext !== '.bin' && ext !== '.dat') return undefined;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return CHECKABLE_TYPES[type];
}

/** A subject line as a file name: no characters file systems reject, one space between words, at most 80 characters. */
export function fileNameOf(subject: string): string {
  return subject.replace(/[\\/:*?"<>|\x00-\x1f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80).trim();
}

/** A sensible extension for an unnamed attachment. */
export function extensionForType(contentType?: string): string {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (CHECKABLE_TYPES[type]) return CHECKABLE_TYPES[type]!;
  const sub = /^image\/(png|jpe?g|gif|bmp|webp|tiff?)$/.exec(type);
  if (sub) return `.${sub[1]!.replace('jpeg', 'jpg')}`;
  return '.bin';
}

/** One attachment as a reader found it. */
export interface RawAttachment {
  name: string;
  contentType?: string;
  size: number;
  /** The attachment's bytes (absent for an embedded Outlook message, which has `read` instead). */
  bytes?: Uint8Array;
  /** Shown in the body (an inline image, a signature logo) rather than attached. */
  inline?: boolean;
  /** For an embedded message that is not a byte stream: read it at the given depth. */
  read?: (depth: number) => Promise<IngestResult>;
  /** Already known not to be checkable (e.g. it could not be extracted): the reason. */
  skipped?: string;
}

export interface AttachmentContext {
  /** The email's own path, for messages. */
  path: string;
  limits: ReadLimits;
  /** The email's depth (0 for a file on disk). */
  depth: number;
}

/**
 * List every attachment; read the checkable ones with `ingest` one level deeper (respecting `limits.maxDepth`).
 * Never throws for a bad attachment: `skipped` says why it was not checked, and a warning is added.
 */
export async function readAttachments(items: RawAttachment[], ctx: AttachmentContext): Promise<{ attachments: Attachment[]; warnings: string[] }> {
  const attachments: Attachment[] = [];
  const warnings: string[] = [];
  for (const item of items) {
    const att: Attachment = { name: item.name, size: item.size };
    if (item.contentType) att.contentType = item.contentType;
    attachments.push(att);
    if (item.skipped) {
      att.skipped = item.skipped;
      warnings.push(`attachment ${item.name} was ${item.skipped}`);
      continue;
    }
    const type = (item.contentType ?? '').toLowerCase();
    const ext = item.read ? '.msg' : checkableExtension(item.name, item.contentType);
    if (item.inline && (type.startsWith('image/') || !ext)) {
      att.skipped = 'inline image; not checked';
      continue;
    }
    if (!ext) {
      att.skipped = type.startsWith('image/')
        ? 'image; not checked'
        : `not checked: ${extensionOf(item.name) || type || 'this file type'} is not a document format protocol-lint reads`;
      if (!type.startsWith('image/')) warnings.push(`attachment ${item.name} was not checked (${extensionOf(item.name) || type || 'unknown type'} is not a format protocol-lint reads)`);
      continue;
    }
    if (ctx.depth + 1 > ctx.limits.maxDepth) {
      att.skipped = `not checked: attachments nested more than ${ctx.limits.maxDepth} deep are not read`;
      warnings.push(`attachment ${item.name} was not checked (nested more than ${ctx.limits.maxDepth} deep)`);
      continue;
    }
    try {
      if (item.read) att.document = await item.read(ctx.depth + 1);
      else {
        const { ingest } = await import('./index.js');
        att.document = await ingest(item.name, item.bytes ?? new Uint8Array(0), { limits: ctx.limits, depth: ctx.depth + 1, extension: ext });
      }
    } catch (e) {
      const message = e instanceof InputError ? e.message : `${item.name}: could not be read (${String((e as Error)?.message ?? e).split('\n')[0]})`;
      att.skipped = message;
      warnings.push(`attachment ${item.name} could not be checked: ${message}`);
    }
  }
  return { attachments, warnings };
}
