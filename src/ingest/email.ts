import { simpleParser } from 'mailparser';
import type { AddressObject, Attachment as MailAttachment, ParsedMail } from 'mailparser';
import type { Address, EmailHeaders, IngestResult, Reader, ReaderInput } from '../types.js';
import { InputError } from '../types.js';
import { looksBinary } from './decode.js';
import { sniffExtension } from './sniff.js';
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

  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(source, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      keepCidLinks: true,
      checksumAlgo: false,
    });
  } catch (e) {
    throw new InputError(`${path} could not be read as an email: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
  }

  // header lines of the checked text, from the raw lines (decoded, unfolded)
  const headers: HeaderLine[] = [];
  for (const { key, line } of parsed.headerLines) {
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
  const from = addresses(parsed.from);
  const to = addresses(parsed.to);
  const cc = addresses(parsed.cc);
  const bcc = addresses(parsed.bcc);
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
  const info: MailInfo = {
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    sensitivity: headerString(parsed, 'sensitivity'),
    importance: headerString(parsed, 'importance') ?? (parsed.headers.get('priority') as string | undefined),
  };
  let body = parsed.text ?? '';
  if (body.trim() === '' && typeof parsed.html === 'string' && parsed.html.trim() !== '') {
    body = htmlToText(parsed.html);
    info.bodyFrom = 'html';
  } else if (body.trim() !== '') info.bodyFrom = 'text';
  if (parsed.textConversionError) warnings.push(`the HTML body could not be converted to text (${parsed.textConversionError.message})`);
  if (body.includes('\uFFFD')) body = redecodeBody(bytes.subarray(start), parsed, body, warnings);

  const raw: RawAttachment[] = parsed.attachments.map((a, i) => toRaw(a, i));
  const { attachments, warnings: attWarnings } = await readAttachments(raw, { path, limits, depth });
  warnings.push(...attWarnings);
  return mailResult('eml', headers, body, email, info, attachments, warnings);
}

/**
 * A single-part 8-bit body whose bytes are not valid in the declared (or assumed UTF-8) charset: decode it
 * again from the raw bytes (UTF-8, else Windows-1252) rather than check text full of replacement characters.
 */
function redecodeBody(bytes: Uint8Array, parsed: ParsedMail, body: string, warnings: string[]): string {
  const type = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const cte = String(parsed.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if ((type?.value && !/^text\/plain$/i.test(type.value)) || !/^(?:7bit|8bit|binary)$/.test(cte)) {
    warnings.push('the body contains characters that could not be decoded');
    return body;
  }
  const declared = type?.params?.charset;
  const raw = rawBody(bytes);
  const decoded = declared && !/^(?:utf-?8|us-ascii|ascii)$/i.test(declared) ? { text: decodeBytes(raw, declared), encoding: declared } : decodeUtf8Or1252(raw);
  if (decoded.text.includes('\uFFFD')) {
    warnings.push('the body contains characters that could not be decoded');
    return body;
  }
  warnings.push(`the body is not valid ${declared ?? 'UTF-8'}; read as ${decoded.encoding}`);
  return decoded.text;
}

function headerString(parsed: ParsedMail, key: string): string | undefined {
  const v = parsed.headers.get(key);
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function addresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  if (!value) return [];
  const out: Address[] = [];
  const visit = (list: Array<{ name: string; address?: string; group?: Array<{ name: string; address?: string }> }>) => {
    for (const a of list) {
      if (a.group) visit(a.group);
      else if (a.address) out.push(a.name ? { name: a.name, address: a.address } : { address: a.address });
    }
  };
  for (const obj of Array.isArray(value) ? value : [value]) visit(obj.value);
  return out;
}

function toRaw(a: MailAttachment, index: number): RawAttachment {
  const type = a.contentType || 'application/octet-stream';
  const name = a.filename?.trim() || defaultName(a, index);
  const inline = a.related === true || (a.contentDisposition === 'inline' && !!a.cid);
  return { name, contentType: type, size: a.size ?? a.content.length, bytes: new Uint8Array(a.content.buffer, a.content.byteOffset, a.content.length), inline };
}

function defaultName(a: MailAttachment, index: number): string {
  if (a.contentType === 'message/rfc822') {
    const subject = /^Subject:[ \t]*(.*)$/im.exec(a.content.subarray(0, 8192).toString('latin1'))?.[1];
    const clean = subject ? fileNameOf(decodeEncodedWords(decodeRawHeader(subject))) : '';
    return `${clean || `forwarded-message-${index + 1}`}.eml`;
  }
  return `attachment-${index + 1}${extensionForType(a.contentType)}`;
}
