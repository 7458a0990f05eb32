// MIME parsing is done by postal-mime, not mailparser, for start-up time: a whole run on one small .eml should
// take under 400 ms, and loading mailparser (which pulls in iconv-lite, encoding-japanese, html-to-text,
// linkify-it, tlds, ...) cost 100-300 ms before the first message was even parsed. postal-mime is a single ES
// module package with no dependencies (about 12-20 ms to load) that decodes charsets with Node's TextDecoder.
// Where it reads a message differently from mailparser, the code below keeps the old behaviour: see
// `rawHeaderLines`, `bodyText`, `toRaw` and the header helpers.
import PostalMime, { addressParser } from 'postal-mime';
import type { Address as MimeAddress, Attachment as MimeAttachment, Email } from 'postal-mime';
import { domainToUnicode } from 'node:url';
import type { Address, EmailHeaders, IngestResult, Reader, ReaderInput } from '../types.js';
import { InputError } from '../types.js';
import { decodeWindows1252, looksBinary } from './decode.js';
import {
  HEADER_ORDER,
  type HeaderLine,
  type HeaderName,
  type MailInfo,
  type RawAttachment,
  decodeBytes,
  decodeEncodedWords,
  decodeRawHeader,
  decodeUtf8Or1252,
  extensionForType,
  fileNameOf,
  htmlToText,
  isoDate,
  mailResult,
  oneLine,
  readAttachments,
  unfold,
} from './mail-common.js';

/**
 * RFC 822 / MIME email (.eml). The checked text is the From, To, Cc, Bcc, Date and Subject lines (decoded,
 * unfolded) in that order, a blank line, then the decoded body: the text/plain part, or the text of the HTML
 * part when there is no plain text. Attachments are listed; checkable ones are read one level deeper.
 */
export const readEml: Reader = async (input) => {
  const { path, bytes } = input;
  if (bytes.length === 0) throw new InputError(`${path} is not an email: the file is empty`);
  if (isOle(bytes)) {
    // an Outlook .msg saved with an .eml name
    const { readMsg } = await import('./msg.js');
    const result = await readMsg(input);
    return { ...result, warnings: [...(result.warnings ?? []), 'this is an Outlook .msg file with an .eml name; read as .msg'] };
  }
  if (looksBinary(bytes)) {
    const { sniffExtension } = await import('./sniff.js'); // loads the zip and OLE readers: only for this message
    const sniffed = sniffExtension(bytes);
    throw new InputError(
      sniffed && sniffed !== '.eml' && sniffed !== '.txt'
        ? `${path} is not an email: it looks like a ${sniffed.slice(1).toUpperCase()} file`
        : `${path} is not an email: it contains binary data, not text`,
    );
  }
  return parseEml(input);
};

function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/** Header names of an RFC 822 header section ("Name: value" at the start of the file). */
const HEADER_FIELD = /^[!-9;-~]+[ \t]*:/;

/** Strip an mbox "From " postmark line and leading blank lines; check that the file starts with headers. */
function headerStart(bytes: Uint8Array): number {
  let pos = 0;
  // leading white space / blank lines
  while (pos < bytes.length && (bytes[pos] === 0x0a || bytes[pos] === 0x0d || bytes[pos] === 0x20 || bytes[pos] === 0x09)) pos++;
  if (bytes[pos] === 0xef && bytes[pos + 1] === 0xbb && bytes[pos + 2] === 0xbf) pos += 3;
  const head = Buffer.from(bytes.subarray(pos, pos + 5)).toString('latin1');
  if (head === 'From ') {
    const nl = bytes.indexOf(0x0a, pos);
    pos = nl === -1 ? bytes.length : nl + 1;
  }
  return pos;
}

/** The raw body bytes of a single-part message (after the first blank line). */
function rawBody(bytes: Uint8Array): Uint8Array {
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0a && bytes[i + 1] === 0x0a) return bytes.subarray(i + 2);
    if (bytes[i] === 0x0a && bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return bytes.subarray(i + 3);
  }
  return new Uint8Array(0);
}

async function parseEml({ path, bytes, limits, depth }: ReaderInput): Promise<IngestResult> {
  const start = headerStart(bytes);
  const source = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start);
  const firstLine = source.subarray(0, Math.min(source.length, 1000)).toString('latin1').split(/\r?\n/, 1)[0] ?? '';
  if (!HEADER_FIELD.test(firstLine)) throw new InputError(`${path} is not an email: no From/To/Subject headers found`);

  let parsed: Email;
  try {
    // Every message/rfc822 part is an attachment, read one level deeper by this reader (postal-mime would
    // otherwise merge a forwarded message with no Content-Disposition, or an "inline" one, into the body).
    parsed = await PostalMime.parse(source, { forceRfc822Attachments: true });
  } catch (e) {
    throw new InputError(`${path} could not be read as an email: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
  }

  // header lines of the checked text, from the raw lines (decoded, unfolded)
  const headers: HeaderLine[] = [];
  for (const { key, line } of rawHeaderLines(source)) {
    const name = HEADER_ORDER.find((h) => h.toLowerCase() === key);
    if (!name) continue;
    const colon = line.indexOf(':');
    const value = oneLine(decodeEncodedWords(unfold(decodeRawHeader(line.slice(colon + 1)))));
    if (value === '' && name !== 'Subject') continue;
    headers.push({ name: name as HeaderName, value });
  }
  if (!headers.some((h) => h.name === 'From' || h.name === 'To' || h.name === 'Subject' || h.name === 'Cc')) {
    throw new InputError(`${path} is not an email: no From/To/Subject headers found`);
  }

  const email: EmailHeaders = {};
  // From: the first From header; To, Cc, Bcc: every header of that name
  const fromHeader = parsed.headers.find((h) => h.key === 'from');
  const from = addresses(fromHeader ? [fromHeader.value] : []);
  const to = addresses(headerValues(parsed, 'to'));
  const cc = addresses(headerValues(parsed, 'cc'));
  const bcc = addresses(headerValues(parsed, 'bcc'));
  if (from.length) email.from = from;
  if (to.length) email.to = to;
  if (cc.length) email.cc = cc;
  if (bcc.length) email.bcc = bcc;
  const dateLine = headers.find((h) => h.name === 'Date');
  if (dateLine) email.date = isoDate(dateLine.value) ?? dateLine.value;
  const subjectLine = headers.find((h) => h.name === 'Subject');
  if (subjectLine) email.subject = subjectLine.value;

  // body: text/plain, else the text of the HTML part
  const warnings: string[] = [];
  const priority = parsed.headers.find((h) => PRIORITY_HEADERS.has(h.key));
  const info: MailInfo = {
    messageId: messageIdOf(parsed, 'message-id'),
    inReplyTo: messageIdOf(parsed, 'in-reply-to'),
    sensitivity: headerValues(parsed, 'sensitivity')[0],
    importance: priority ? priorityOf(priority.value) : undefined,
  };
  // A bounce's message/delivery-status part is text (as mailparser read it), not an attachment.
  const isStatus = (a: MimeAttachment) => a.mimeType === 'message/delivery-status' && (a.disposition ?? 'inline') === 'inline';
  const { text, html } = await bodyText(source, parsed, parsed.attachments.filter(isStatus));
  let body = text;
  if (body.trim() === '' && html.trim() !== '') {
    body = htmlToText(html);
    info.bodyFrom = 'html';
  } else if (body.trim() !== '') info.bodyFrom = 'text';
  if (body.includes('\uFFFD')) body = redecodeBody(bytes.subarray(start), parsed, body, warnings);

  const raw: RawAttachment[] = parsed.attachments.filter((a) => !isStatus(a)).map((a, i) => toRaw(a, i));
  const { attachments, warnings: attWarnings } = await readAttachments(raw, { path, limits, depth });
  warnings.push(...attWarnings);
  return mailResult('eml', headers, body, email, info, attachments, warnings);
}

/**
 * The top-level header fields as raw text: the bytes read as Latin-1 (so 8-bit Windows-1252 or UTF-8 header
 * text survives for `decodeRawHeader`; postal-mime reads header bytes as UTF-8 and loses Windows-1252), with
 * continuation lines joined by CRLF. The header section ends at the first empty line.
 */
function rawHeaderLines(source: Buffer): Array<{ key: string; line: string }> {
  let end = source.length;
  for (let i = source.indexOf(0x0a); i !== -1; i = source.indexOf(0x0a, i + 1)) {
    if (source[i + 1] === 0x0a || (source[i + 1] === 0x0d && source[i + 2] === 0x0a)) {
      end = i + 1;
      break;
    }
  }
  const block = source.toString('latin1', 0, end).replace(/[\r\n]+$/, '');
  const lines: Array<{ key: string; line: string }> = [];
  let keyPending = false;
  for (const text of block.split(/\r?\n/)) {
    const last = lines[lines.length - 1];
    if (last && (text[0] === ' ' || text[0] === '\t')) {
      if (keyPending && text.includes(':')) {
        last.key = (last.line + '\r\n' + text.slice(0, text.indexOf(':'))).trim().toLowerCase();
        keyPending = false;
      }
      last.line += '\r\n' + text;
    } else {
      const colon = text.indexOf(':');
      lines.push({ key: (colon === -1 ? '' : text.slice(0, colon)).trim().toLowerCase(), line: text });
      keyPending = colon === -1;
    }
  }
  return lines;
}

/** Values of every header with this (lower-case) name, in order, without empty ones. */
function headerValues(parsed: Email, key: string): string[] {
  return parsed.headers.filter((h) => h.key === key && h.value.trim() !== '').map((h) => h.value.trim());
}

/** The first Message-ID / In-Reply-To, encoded words decoded, in angle brackets. */
function messageIdOf(parsed: Email, key: string): string | undefined {
  const value = headerValues(parsed, key)
    .map((v) => decodeEncodedWords(v).trim())
    .find((v) => v !== '');
  if (value === undefined) return undefined;
  return `${value.startsWith('<') ? '' : '<'}${value}${value.endsWith('>') ? '' : '>'}`;
}

const PRIORITY_HEADERS = new Set(['priority', 'x-priority', 'x-msmail-priority', 'importance']);

/** "high", "normal" or "low" from the first Importance, Priority, X-Priority or X-MSMail-Priority header. */
function priorityOf(value: string): 'high' | 'normal' | 'low' {
  const v = value.trim().toLowerCase();
  const level = parseInt(v, 10);
  if (!isNaN(level)) return level === 3 ? 'normal' : level > 3 ? 'low' : 'high';
  if (v === 'low' || v === 'non-urgent') return 'low';
  if (v === 'high' || v === 'urgent') return 'high';
  return 'normal';
}

/** The (first) Content-Type of a message: the type, lower case, and its parameters (names lower case). */
function contentTypeOf(parsed: Email): { type?: string; params: Record<string, string> } {
  const value = parsed.headers.find((h) => h.key === 'content-type')?.value;
  if (value === undefined) return { params: {} };
  const type = value.split(';', 1)[0]!.replace(/\([^)]*\)/g, '').trim().toLowerCase();
  const params: Record<string, string> = {};
  for (const m of value.matchAll(/;\s*([\w*-]+)\s*=\s*(?:"([^"]*)"|([^\s;"()]+))/g)) {
    const key = m[1]!.toLowerCase();
    if (!Object.hasOwn(params, key)) params[key] = (m[2] ?? m[3])!.trim();
  }
  return { type: type || undefined, params };
}

/** A Content-Type header field (of any part), with its continuation lines. */
const CONTENT_TYPE_FIELD = /^content-type:[^\n]*(?:\n[ \t][^\n]*)*/gim;
const FLOWED = /(format\s*=\s*"?)flowed/i;

/**
 * The plain-text and HTML bodies, as mailparser gave them. Where postal-mime reads them differently:
 * - it keeps the line break before a part's closing boundary, which RFC 2046 makes part of the boundary (and
 *   it ends the last line of a single-part body with a line break the file may not have): dropped again;
 * - it joins the lines of format=flowed text without removing the quote marks of quoted continuation lines
 *   ("> a long > quoted line"): such text is read a second time with flowed decoding left to `decodeFlowed`;
 * - Node's TextDecoder reads windows-1252 (and iso-8859-1) as ISO-8859-1, so bytes 0x80-0x9F come out as C1
 *   control characters instead of € ‘ ’ “ ” – — …: they become the Windows-1252 characters;
 * - a body labelled us-ascii or with a charset nobody knows was read as UTF-8 (postal-mime reads Windows-1252);
 *   for a single-part message the bytes are read again as UTF-8 (`redecodeBody` handles bytes that are not);
 * - a bounce's message/delivery-status part was part of the text.
 */
async function bodyText(source: Buffer, parsed: Email, statusParts: MimeAttachment[]): Promise<{ text: string; html: string }> {
  const { type, params } = contentTypeOf(parsed);
  let text = parsed.text;
  let html = parsed.html ?? '';
  let flowed: { delSp: boolean } | undefined;
  if (source.includes('flowed') || source.includes('Flowed') || source.includes('FLOWED')) {
    const raw = source.toString('latin1');
    const field = raw.match(CONTENT_TYPE_FIELD)?.find((f) => FLOWED.test(f));
    if (field) {
      const unflowed = raw.replace(CONTENT_TYPE_FIELD, (f) => f.replace(new RegExp(FLOWED.source, 'gi'), '$1fixed'));
      const fixed = (await PostalMime.parse(Buffer.from(unflowed, 'latin1'), { forceRfc822Attachments: true })).text;
      // the same text: no flowed part in the body (only in a forwarded message, say), or nothing to undo
      if (fixed !== text) {
        text = fixed;
        flowed = { delSp: /delsp\s*=\s*"?yes/i.test(field) };
      }
    }
  }
  if (text !== undefined && text.endsWith('\n')) {
    const cte = (headerValues(parsed, 'content-transfer-encoding')[0] ?? '').toLowerCase();
    if (type?.startsWith('multipart/') || (cte !== 'base64' && source[source.length - 1] !== 0x0a)) text = text.slice(0, -1);
  }
  const single = !type || type === 'text/plain' || type === 'text/html';
  const charset = single ? params.charset : undefined;
  if (text !== undefined) text = charsetAsBefore(text, charset);
  html = charsetAsBefore(html, charset);
  if (text !== undefined && flowed) text = decodeFlowed(text, flowed.delSp);
  const parts = text === undefined ? [] : [text];
  for (const part of statusParts) parts.push(new TextDecoder('utf-8').decode(bytesOf(part.content)).replace(/\r?\n/g, '\n').replace(/\n$/, ''));
  return { text: parts.join('\n'), html };
}

/** The encoding TextDecoder uses for a charset label; undefined when it does not know the label. */
function encodingOf(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/**
 * Text postal-mime decoded, decoded as mailparser did. `charset` is the label of a single-part message
 * (undefined for a multipart one, whose parts' labels are not known here).
 */
function charsetAsBefore(s: string, charset: string | undefined): string {
  if (charset !== undefined && !/^[\x00-\x7f]*$/.test(s)) {
    const label = charset.trim().toLowerCase();
    // what postal-mime decoded with (it retries a label without x-/cs- prefixes and separators, then falls
    // back to windows-1252), and what mailparser decoded with (us-ascii and unknown labels as UTF-8)
    const now = encodingOf(label) ?? encodingOf(label.replace(/^(?:x-ms-|x-|cs)/, '').replace(/[\s._-]+/g, '')) ?? 'windows-1252';
    const cp = /^(?:x-)?(?:cp|ms|win(?:dows)?)[-_]?(125\d)$/.exec(label);
    const before = /^(?:us)?ascii$/.test(label.replace(/[^a-z0-9]/g, '')) ? 'utf-8' : (encodingOf(label) ?? (cp ? `windows-${cp[1]}` : 'utf-8'));
    if (now === 'windows-1252' && before !== 'windows-1252') {
      const bytes = windows1252Bytes(s);
      if (bytes) return decodeBytes(bytes, before);
    }
  }
  return c1AsWindows1252(s);
}

/** C1 control characters as the Windows-1252 characters of those bytes (U+FFFD for the five it leaves undefined). */
function c1AsWindows1252(s: string): string {
  if (!/[\u0080-\u009f]/.test(s)) return s;
  return s.replace(/[\u0080-\u009f]/g, (c) => {
    const w = decodeWindows1252(Uint8Array.of(c.charCodeAt(0)));
    return w === c ? '\uFFFD' : w;
  });
}

let cp1252Bytes: Map<string, number> | undefined;

/** The bytes of text decoded as ISO-8859-1 or Windows-1252; undefined when it has other characters. */
function windows1252Bytes(s: string): Uint8Array | undefined {
  if (!cp1252Bytes) {
    cp1252Bytes = new Map();
    for (let b = 0x80; b < 0xa0; b++) cp1252Bytes.set(decodeWindows1252(Uint8Array.of(b)), b);
  }
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const b = c < 0x100 ? c : cp1252Bytes.get(s[i]!);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}

/**
 * Undo format=flowed (RFC 3676) as mailparser (libmime's decodeFlowed) did: a line ending in a space continues
 * on the next line of the same quote depth, whose quote marks and space-stuffing are dropped; "-- " stays a
 * line of its own; with delsp=yes the space before the soft line break is removed too.
 */
function decodeFlowed(text: string, delSp: boolean): string {
  const result: string[] = [];
  // the current paragraph as non-empty pieces, joined once at its end (appending to one string and testing
  // its end on every line is quadratic on long soft-wrapped paragraphs)
  let parts: string[] = [];
  let length = 0;
  let depth = 0;
  let prefix = '';
  const push = (part: string) => {
    if (part) {
      parts.push(part);
      length += part.length;
    }
  };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let lineDepth = 0;
    while (line.charCodeAt(lineDepth) === 0x3e /* > */) lineDepth++;
    const prefixLength = lineDepth && line[lineDepth] === ' ' ? lineDepth + 1 : lineDepth;
    const content = line.slice(prefixLength);
    const last = parts[parts.length - 1] ?? '';
    if (lineDepth === depth && last.endsWith(' ') && !(length === 3 && parts.join('') === '-- ')) {
      if (delSp) {
        parts.pop();
        length -= last.length;
        push(last.slice(0, -1));
        push(content);
      } else push(lineDepth ? content : content.replace(/^ /, ''));
    } else {
      if (i > 0) result.push(prefix + parts.join(''));
      parts = [];
      length = 0;
      depth = lineDepth;
      prefix = line.slice(0, prefixLength);
      push(content);
    }
  }
  if (length || prefix) result.push(prefix + parts.join(''));
  return result.join('\n').replace(/^ /gm, '');
}

/**
 * A single-part 8-bit body whose bytes are not valid in the declared (or assumed UTF-8) charset: decode it
 * again from the raw bytes (UTF-8, else Windows-1252) rather than check text full of replacement characters.
 */
function redecodeBody(bytes: Uint8Array, parsed: Email, body: string, warnings: string[]): string {
  const { type, params } = contentTypeOf(parsed);
  const declared = params.charset;
  const cte = (headerValues(parsed, 'content-transfer-encoding')[0] ?? '7bit').toLowerCase();
  if ((type && type !== 'text/plain') || !/^(?:7bit|8bit|binary)$/.test(cte)) {
    warnings.push('the body contains characters that could not be decoded');
    return body;
  }
  const raw = rawBody(bytes);
  const decoded = declared && !/^(?:utf-?8|us-ascii|ascii)$/i.test(declared) ? { text: decodeBytes(raw, declared), encoding: declared } : decodeUtf8Or1252(raw);
  if (decoded.text.includes('\uFFFD')) {
    warnings.push('the body contains characters that could not be decoded');
    return body;
  }
  warnings.push(`the body is not valid ${declared ?? 'UTF-8'}; read as ${decoded.encoding}`);
  return decoded.text;
}

/** Addresses of address header values (groups flattened); punycode domains shown in Unicode. */
function addresses(values: string[]): Address[] {
  const out: Address[] = [];
  const visit = (list: MimeAddress[]) => {
    for (const a of list) {
      if (a.group) visit(a.group);
      else if (a.address) {
        const name = a.name.trim();
        const address = unicodeDomain(a.address);
        out.push(name ? { name, address } : { address });
      }
    }
  };
  for (const value of values) visit(addressParser(value));
  return out;
}

function unicodeDomain(address: string): string {
  const at = address.lastIndexOf('@');
  if (at === -1 || !/^xn--/i.test(address.slice(at + 1)) && !/\.xn--/i.test(address.slice(at + 1))) return address;
  return address.slice(0, at + 1) + (domainToUnicode(address.slice(at + 1)) || address.slice(at + 1));
}

function bytesOf(content: MimeAttachment['content']): Uint8Array {
  if (typeof content === 'string') return new Uint8Array(Buffer.from(content, 'utf8'));
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

/** Types of common attachments sent as application/octet-stream, by extension (as mailparser named them). */
const TYPE_BY_EXTENSION: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp', webp: 'image/webp',
  tif: 'image/tiff', tiff: 'image/tiff', svg: 'image/svg+xml', ico: 'image/x-icon', heic: 'image/heic', heif: 'image/heif',
  pdf: 'application/pdf', doc: 'application/msword', dot: 'application/msword', rtf: 'application/rtf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text', ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation', txt: 'text/plain', log: 'text/plain', csv: 'text/csv',
  md: 'text/markdown', markdown: 'text/markdown', htm: 'text/html', html: 'text/html', xml: 'application/xml',
  json: 'application/json', eml: 'message/rfc822', msg: 'application/vnd.ms-outlook', ics: 'text/calendar',
  vcf: 'text/x-vcard', zip: 'application/zip', '7z': 'application/x-7z-compressed', rar: 'application/x-rar-compressed',
  gz: 'application/x-gzip', tar: 'application/x-tar', mp3: 'audio/mpeg', mp4: 'video/mp4', m4a: 'audio/mp4',
  wav: 'audio/wav', mov: 'video/quicktime',
};

/**
 * An attachment for `readAttachments`. As mailparser did, an application/octet-stream part named with a known
 * extension gets that type (so "photo.png" is listed as an image, not as an unreadable file). Not kept: postal-mime
 * gives 7bit/8bit/quoted-printable attachments LF line breaks and keeps the line break before the closing
 * boundary, so their size can differ from mailparser's by a few bytes (base64 ones, most files, are identical).
 */
function toRaw(a: MimeAttachment, index: number): RawAttachment {
  const bytes = bytesOf(a.content);
  let type = a.mimeType || 'application/octet-stream';
  if (type === 'application/octet-stream' && a.filename) {
    const ext = a.filename.toLowerCase().replace(/\s/g, '').split('.').pop() ?? '';
    if (Object.hasOwn(TYPE_BY_EXTENSION, ext)) type = TYPE_BY_EXTENSION[ext]!;
  }
  const name = a.filename?.trim() || defaultName(type, bytes, index);
  const cid = a.contentId?.trim().replace(/^<|>$/g, '').trim();
  const inline = a.related === true || (a.disposition === 'inline' && !!cid);
  return { name, contentType: type, size: bytes.length, bytes, inline };
}

function defaultName(type: string, bytes: Uint8Array, index: number): string {
  if (type === 'message/rfc822') {
    const subject = /^Subject:[ \t]*(.*)$/im.exec(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 8192)).toString('latin1'))?.[1];
    const clean = subject ? fileNameOf(decodeEncodedWords(decodeRawHeader(subject))) : '';
    return `${clean || `forwarded-message-${index + 1}`}.eml`;
  }
  return `attachment-${index + 1}${extensionForType(type)}`;
}
