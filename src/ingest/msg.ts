import msgreaderModule from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import type { Address, EmailHeaders, IngestResult, Reader, ReaderInput } from '../types.js';
import { InputError } from '../types.js';
import { looksBinary } from './decode.js';
import { sniffExtension } from './sniff.js';
import {
  type HeaderLine,
  type MailInfo,
  type RawAttachment,
  decodeBytes,
  decodeEncodedWords,
  decodeRawHeader,
  decodeUtf8Or1252,
  extensionForType,
  fileNameOf,
  formatAddress,
  htmlToText,
  isoDate,
  mailResult,
  oneLine,
  readAttachments,
  rfc5322Date,
  unfold,
} from './mail-common.js';

/**
 * Outlook messages (.msg, [MS-OXMSG]): an OLE compound file of MAPI properties. Read with @kenjiuno/msgreader
 * and turned into the same checked text as an .eml: From, To, Cc, Bcc, Date, Subject lines, a blank line, the
 * body (PidTagBody; else the HTML body; else the compressed RTF body, de-encapsulating HTML where it is there).
 * Attachments, embedded messages included, are listed and checkable ones are read one level deeper.
 */

// The package is CommonJS with `exports.default = MsgReader`. Node's ESM loader makes the default import
// `module.exports` (so the class is `.default`); bundlers and test runners that apply interop give the class itself.
type MsgReaderClass = typeof msgreaderModule.default;
const MsgReader: MsgReaderClass = (() => {
  let m: unknown = msgreaderModule;
  for (let i = 0; i < 3 && typeof m !== 'function' && m && typeof m === 'object'; i++) m = (m as { default?: unknown }).default;
  return m as MsgReaderClass;
})();

const TAG_SENSITIVITY = 0x00360003;
const TAG_IMPORTANCE = 0x00170003;
const SENSITIVITY = ['Normal', 'Personal', 'Private', 'Company-Confidential'];
const IMPORTANCE = ['Low', 'Normal', 'High'];

export const readMsg: Reader = async (input) => {
  const { path, bytes } = input;
  if (bytes.length === 0) throw new InputError(`${path} is not an Outlook message: the file is empty`);
  if (!isOle(bytes)) {
    if (!looksBinary(bytes) && sniffExtension(bytes) === '.eml') {
      // an RFC 822 message saved with a .msg name
      const { readEml } = await import('./email.js');
      const result = await readEml(input);
      return { ...result, warnings: [...(result.warnings ?? []), 'this is an RFC 822 email with a .msg name; read as .eml'] };
    }
    throw new InputError(`${path} is not an Outlook message (.msg): it is not an OLE compound file`);
  }
  return parseMsg(input);
};

function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0 && bytes[4] === 0xa1 && bytes[5] === 0xb1;
}

/** Run `fn` with console output switched off: msgreader may console.debug on odd appointment data. */
function quietly<T>(fn: () => T): T {
  const saved = { debug: console.debug, log: console.log, warn: console.warn, error: console.error, info: console.info };
  const noop = () => undefined;
  console.debug = console.log = console.warn = console.error = console.info = noop;
  try {
    return fn();
  } finally {
    Object.assign(console, saved);
  }
}

/** The iconv-lite name msgreader needs for a Windows code page, for 8-bit (PT_STRING8) string properties. */
function ansiEncodingOf(cp: number | undefined): string {
  if (cp === undefined || cp === 1200 || cp === 1201) return 'windows1252';
  if (cp === 65001) return 'utf8';
  if (cp === 20127 || cp === 28591) return 'latin1';
  return `cp${cp}`;
}

type Flags = WeakMap<object, { sensitivity?: number; importance?: number }>;

function openMsg(path: string, bytes: Uint8Array, ansiEncoding: string): { reader: InstanceType<MsgReaderClass>; fields: FieldsData; flags: Flags } {
  const flags: Flags = new WeakMap();
  try {
    const copy = bytes.slice(); // an ArrayBuffer of exactly these bytes
    const reader = new MsgReader(copy.buffer);
    reader.parserConfig = {
      ansiEncoding,
      propertyObserver: (f, tag, raw) => {
        if ((tag === TAG_SENSITIVITY || tag === TAG_IMPORTANCE) && raw && raw.length >= 4) {
          const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getUint32(0, true);
          const e = flags.get(f) ?? {};
          if (tag === TAG_SENSITIVITY) e.sensitivity = v;
          else e.importance = v;
          flags.set(f, e);
        }
      },
    };
    const fields = quietly(() => reader.getFileData());
    return { reader, fields, flags };
  } catch (e) {
    throw new InputError(`${path} could not be read as an Outlook message: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
  }
}

async function parseMsg({ path, bytes, limits, depth }: ReaderInput): Promise<IngestResult> {
  // 8-bit string properties are in the message's code page (Windows-1252 unless it says otherwise)
  let { reader, fields, flags: extra } = openMsg(path, bytes, 'windows1252');
  if (!fields.error && fields.messageCodepage !== undefined && ansiEncodingOf(fields.messageCodepage) !== 'windows1252') {
    try {
      ({ reader, fields, flags: extra } = openMsg(path, bytes, ansiEncodingOf(fields.messageCodepage)));
    } catch {
      // an unknown code page: keep the Windows-1252 reading
    }
  }
  if (fields.error) throw new InputError(`${path} is not an Outlook message (.msg): ${fields.error === 'Unsupported file type!' ? 'it is an OLE file without message properties' : fields.error}`);
  const hasMessage = fields.subject !== undefined || fields.body !== undefined || fields.senderName !== undefined || fields.messageClass !== undefined || (fields.recipients?.length ?? 0) > 0;
  if (!hasMessage) throw new InputError(`${path} is not an Outlook message (.msg): no subject, sender, recipients or body found`);

  const transport = parseTransportHeaders(fields.headers);
  const warnings: string[] = [];

  // addresses
  const email: EmailHeaders = {};
  const headers: HeaderLine[] = [];
  const from = senderOf(fields, transport);
  if (from) email.from = [from];
  const recips: Record<'to' | 'cc' | 'bcc', Address[]> = { to: [], cc: [], bcc: [] };
  for (const r of fields.recipients ?? []) {
    const a = recipientAddress(r);
    if (a) recips[r.recipType ?? 'to'].push(a);
  }
  for (const key of ['to', 'cc', 'bcc'] as const) {
    if (recips[key].length === 0 && transport.has(key)) recips[key] = parseAddressList(transport.get(key)!);
    if (recips[key].length) email[key] = recips[key];
  }
  if (email.from) headers.push({ name: 'From', value: email.from.map(formatAddress).join(', ') });
  if (email.to) headers.push({ name: 'To', value: email.to.map(formatAddress).join(', ') });
  if (email.cc) headers.push({ name: 'Cc', value: email.cc.map(formatAddress).join(', ') });
  if (email.bcc) headers.push({ name: 'Bcc', value: email.bcc.map(formatAddress).join(', ') });

  // date: as the transport headers wrote it, else the submit / delivery time
  const dateText = transport.get('date') ?? msgDate(fields.clientSubmitTime) ?? msgDate(fields.messageDeliveryTime);
  if (dateText) {
    headers.push({ name: 'Date', value: dateText });
    email.date = isoDate(dateText) ?? dateText;
  }
  const subject = fields.subject !== undefined ? oneLine(fields.subject) : transport.get('subject');
  if (subject !== undefined) {
    headers.push({ name: 'Subject', value: subject });
    email.subject = subject;
  }

  // body
  const info: MailInfo = { messageClass: fields.messageClass, messageId: fields.messageId ?? transport.get('message-id') };
  const flags = extra.get(fields);
  if (flags?.sensitivity !== undefined && flags.sensitivity > 0) info.sensitivity = SENSITIVITY[flags.sensitivity] ?? String(flags.sensitivity);
  if (flags?.importance !== undefined && flags.importance !== 1) info.importance = IMPORTANCE[flags.importance] ?? String(flags.importance);
  let body = '';
  if (fields.body && fields.body.trim() !== '') {
    body = fields.body;
    info.bodyFrom = 'text';
  } else {
    const html = fields.bodyHtml ?? (fields.html ? decodeCodepage(fields.html, fields.internetCodepage) : undefined);
    if (html && html.trim() !== '') {
      body = htmlToText(html);
      info.bodyFrom = 'html';
    } else if (fields.compressedRtf && fields.compressedRtf.length > 16) {
      const rtf = decompressRtf(fields.compressedRtf);
      if (rtf) {
        body = rtfToText(rtf);
        info.bodyFrom = 'rtf';
      } else warnings.push('the RTF body could not be decompressed');
    }
  }

  // attachments (embedded messages come back from msgreader as stand-alone .msg files)
  const raw: RawAttachment[] = [];
  (fields.attachments ?? []).forEach((att, i) => {
    const embedded = att.innerMsgContent === true;
    let name = (att.fileName || att.fileNameShort || att.name || '').trim();
    if (embedded) name = `${fileNameOf(att.name || name) || `embedded-message-${i + 1}`}.msg`;
    const contentType = embedded ? 'application/vnd.ms-outlook' : att.attachMimeTag || undefined;
    if (!name) name = `attachment-${i + 1}${extensionForType(contentType)}`;
    let content: Uint8Array | undefined;
    try {
      content = quietly(() => reader.getAttachment(att)).content;
    } catch {
      content = undefined;
    }
    if (!content) {
      raw.push({ name, contentType, size: att.contentLength ?? 0, skipped: 'not checked: it could not be extracted from the message (a linked or OLE attachment)' });
      return;
    }
    const inline = !embedded && (att.attachmentHidden === true || (!!att.pidContentId && /^image\//i.test(contentType ?? '')));
    raw.push({ name, contentType, size: content.length, bytes: content, inline });
  });
  const { attachments, warnings: attWarnings } = await readAttachments(raw, { path, limits, depth });
  warnings.push(...attWarnings);
  return mailResult('msg', headers, body, email, info, attachments, warnings);
}

// ─── Addresses and headers ───────────────────────────────────────────────────

function smtpOf(address: string | undefined, type: string | undefined): string | undefined {
  if (!address) return undefined;
  if (type && type.toUpperCase() !== 'SMTP') return undefined;
  return address.includes('@') ? address.trim() : undefined;
}

function senderOf(fields: FieldsData, transport: Map<string, string>): Address | undefined {
  const address =
    fields.senderSmtpAddress ||
    smtpOf(fields.senderEmail, fields.senderAddressType) ||
    fields.sentRepresentingSmtpAddress ||
    (transport.has('from') ? parseAddressList(transport.get('from')!)[0]?.address : undefined) ||
    fields.creatorSMTPAddress;
  const name = fields.senderName?.trim();
  if (!address && !name) return undefined;
  return name && name !== address ? { name, address: address ?? '' } : { address: address ?? '' };
}

function recipientAddress(r: FieldsData): Address | undefined {
  const address = r.smtpAddress || smtpOf(r.email, r.addressType) || '';
  const name = r.name?.trim();
  if (!address && !name) return undefined;
  return name && name !== address ? { name, address } : { address };
}

/** PidTag time ("Tue, 19 Jan 2027 22:31:07 GMT") as an RFC 5322 date. */
function msgDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return isNaN(t) ? undefined : rfc5322Date(new Date(t));
}

/** PidTagTransportMessageHeaders → lower-cased name → decoded, unfolded value (first occurrence). */
function parseTransportHeaders(text: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (!text) return map;
  const head = text.split(/\r?\n\r?\n/, 1)[0]!;
  for (const field of unfold(head).split(/\r?\n/)) {
    const m = /^([!-9;-~]+)[ \t]*:(.*)$/.exec(field);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    if (!map.has(key)) map.set(key, oneLine(decodeEncodedWords(decodeRawHeader(m[2]!))));
  }
  return map;
}

/** A simple RFC 5322 address list ("A <a@x>, "B, C" <b@x>, c@x") for transport headers. */
export function parseAddressList(value: string): Address[] {
  const out: Address[] = [];
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = 0;
  for (const ch of value) {
    if (ch === '"' && angle === 0) quoted = !quoted;
    else if (ch === '<' && !quoted) angle++;
    else if (ch === '>' && !quoted && angle > 0) angle--;
    if ((ch === ',' || ch === ';') && !quoted && angle === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  for (const part of parts) {
    const p = part.trim();
    if (!p) continue;
    const m = /^(.*?)\s*<([^>]*)>\s*$/.exec(p);
    if (m) {
      const name = m[1]!.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1').trim();
      out.push(name ? { name, address: m[2]!.trim() } : { address: m[2]!.trim() });
    } else if (p.includes('@')) out.push({ address: p });
  }
  return out;
}

const CODEPAGES: Record<number, string> = {
  65001: 'utf-8', 1200: 'utf-16le', 1201: 'utf-16be', 20127: 'us-ascii', 28591: 'iso-8859-1', 28592: 'iso-8859-2',
  28605: 'iso-8859-15', 932: 'shift_jis', 936: 'gbk', 949: 'euc-kr', 950: 'big5', 20866: 'koi8-r', 50220: 'iso-2022-jp',
  51932: 'euc-jp', 874: 'windows-874',
};

function codepageLabel(cp: number | undefined): string | undefined {
  if (cp === undefined) return undefined;
  if (cp >= 1250 && cp <= 1258) return `windows-${cp}`;
  return CODEPAGES[cp];
}

function decodeCodepage(bytes: Uint8Array, cp: number | undefined): string {
  const label = codepageLabel(cp);
  return label ? decodeBytes(bytes, label) : decodeUtf8Or1252(bytes).text;
}

// ─── Compressed RTF ([MS-OXRTFCP]) ───────────────────────────────────────────

const RTF_PREBUF =
  '{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx';

/** Decompress PidTagRtfCompressed: "LZFu" (compressed) or "MELA" (stored). Undefined when it is neither. */
export function decompressRtf(data: Uint8Array): Uint8Array | undefined {
  if (data.length < 16) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const compSize = view.getUint32(0, true);
  const rawSize = view.getUint32(4, true);
  const type = view.getUint32(8, true);
  const end = Math.min(data.length, compSize + 4);
  if (type === 0x414c454d) return data.subarray(16, Math.min(data.length, 16 + rawSize));
  if (type !== 0x75465a4c) return undefined;
  const dict = new Uint8Array(4096);
  for (let i = 0; i < RTF_PREBUF.length; i++) dict[i] = RTF_PREBUF.charCodeAt(i);
  let write = RTF_PREBUF.length;
  const out = new Uint8Array(rawSize);
  let o = 0;
  let pos = 16;
  while (pos < end && o < rawSize) {
    const control = data[pos++]!;
    for (let bit = 0; bit < 8 && pos < end && o < rawSize; bit++) {
      if (control & (1 << bit)) {
        if (pos + 1 >= end) return out.subarray(0, o);
        const word = (data[pos]! << 8) | data[pos + 1]!;
        pos += 2;
        const offset = word >> 4;
        const length = (word & 0xf) + 2;
        if (offset === write) return out.subarray(0, o);
        for (let k = 0; k < length && o < rawSize; k++) {
          const b = dict[(offset + k) & 0xfff]!;
          out[o++] = b;
          dict[write] = b;
          write = (write + 1) & 0xfff;
        }
      } else {
        const b = data[pos++]!;
        out[o++] = b;
        dict[write] = b;
        write = (write + 1) & 0xfff;
      }
    }
  }
  return out.subarray(0, o);
}

// ─── RTF to text ─────────────────────────────────────────────────────────────

/** Destinations whose text is not part of the message body. */
const SKIP_DESTINATIONS = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'header', 'headerl', 'headerr', 'headerf', 'footer',
  'footerl', 'footerr', 'footerf', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'themedata',
  'colorschememapping', 'latentstyles', 'datastore', 'xmlnstbl', 'fldinst', 'filetbl', 'revtbl', 'pgdsctbl',
  'mmathPr', 'wgrffmtfilter', 'bkmkstart', 'bkmkend', 'author', 'operator', 'company', 'title', 'subject',
  'keywords', 'doccomm', 'nonshppict', 'shppict', 'fonttable', 'panose', 'falt', 'template', 'xe', 'tc', 'txe',
]);

const SYMBOLS: Record<string, string> = {
  sect: '\n\n', page: '\n\n', row: '\n', tab: '\t', cell: ' ', emdash: '\u2014', endash: '\u2013',
  lquote: '\u2018', rquote: '\u2019', ldblquote: '\u201c', rdblquote: '\u201d', bullet: '\u2022', emspace: ' ',
  enspace: ' ', qmspace: ' ', zwj: '', zwnj: '',
};

interface RtfState {
  skip: boolean;
  htmlrtf: boolean;
  htmltag: boolean;
  uc: number;
}

/**
 * RTF to plain text. When the RTF encapsulates HTML (\fromhtml1, as Outlook writes it for HTML mail), the HTML
 * is de-encapsulated ([MS-OXRTFEX]) and converted to text like an HTML body.
 */
export function rtfToText(bytes: Uint8Array): string {
  const rtf = Buffer.from(bytes).toString('latin1');
  const fromHtml = /\\fromhtml1/.test(rtf.slice(0, 2048));
  const cpMatch = /\\ansicpg(\d+)/.exec(rtf.slice(0, 2048));
  const codepage = codepageLabel(cpMatch ? parseInt(cpMatch[1]!, 10) : 1252) ?? 'windows-1252';
  let out = '';
  let pendingBytes: number[] = [];
  const flushBytes = () => {
    if (pendingBytes.length) out += decodeBytes(Uint8Array.from(pendingBytes), codepage);
    pendingBytes = [];
  };
  const emit = (s: string, st: RtfState) => {
    if (st.skip) return;
    if (fromHtml && st.htmlrtf && !st.htmltag) return;
    flushBytes();
    out += s;
  };
  const stack: RtfState[] = [];
  let st: RtfState = { skip: false, htmlrtf: false, htmltag: false, uc: 1 };
  let skipChars = 0; // characters to skip after \uN
  let groupStart = false; // just after "{": the next control word may name a destination
  let ignorable = false; // "\*" seen at the start of this group
  const n = rtf.length;
  let i = 0;
  while (i < n) {
    const c = rtf[i]!;
    if (c === '{') {
      stack.push(st);
      st = { ...st };
      groupStart = true;
      ignorable = false;
      i++;
      continue;
    }
    if (c === '}') {
      st = stack.pop() ?? st;
      groupStart = false;
      ignorable = false;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (c !== '\\') {
      if (skipChars > 0) skipChars--;
      else emit(c, st);
      groupStart = false;
      i++;
      continue;
    }
    // control sequence
    const next = rtf[i + 1];
    if (next === undefined) break;
    if (next === "'") {
      const hex = rtf.slice(i + 2, i + 4);
      i += 4;
      if (skipChars > 0) {
        skipChars--;
        continue;
      }
      if (st.skip || (fromHtml && st.htmlrtf && !st.htmltag)) continue;
      if (/^[0-9a-fA-F]{2}$/.test(hex)) pendingBytes.push(parseInt(hex, 16));
      groupStart = false;
      continue;
    }
    if (next === '*') {
      ignorable = true;
      i += 2;
      continue;
    }
    if (!/[a-zA-Z]/.test(next)) {
      i += 2;
      if (next === '\\' || next === '{' || next === '}') emit(next, st);
      else if (next === '~') emit('\u00a0', st);
      else if (next === '_') emit('\u2011', st);
      else if (next === '\n' || next === '\r') emit(fromHtml ? '\r\n' : '\n', st);
      groupStart = false;
      continue;
    }
    let j = i + 1;
    while (j < n && /[a-zA-Z]/.test(rtf[j]!)) j++;
    const word = rtf.slice(i + 1, j);
    let k = j;
    if (rtf[k] === '-' || /[0-9]/.test(rtf[k] ?? '')) {
      k++;
      while (k < n && /[0-9]/.test(rtf[k]!)) k++;
    }
    const param = k > j ? parseInt(rtf.slice(j, k), 10) : undefined;
    if (rtf[k] === ' ') k++;
    i = k;

    const atStart = groupStart;
    groupStart = false;
    if (atStart && (SKIP_DESTINATIONS.has(word) || (ignorable && !(fromHtml && (word === 'htmltag' || word === 'mhtmltag'))))) {
      st.skip = true;
      continue;
    }
    if (atStart && fromHtml && (word === 'htmltag' || word === 'mhtmltag')) {
      st.htmltag = true;
      continue;
    }
    switch (word) {
      case 'htmlrtf':
        st.htmlrtf = param !== 0;
        break;
      case 'uc':
        st.uc = param ?? 1;
        break;
      case 'u': {
        if (param === undefined) break;
        const code = param < 0 ? param + 65536 : param;
        emit(String.fromCharCode(code), st);
        skipChars = st.uc;
        break;
      }
      case 'par':
        // a paragraph: a blank line between paragraphs in the text, as in a plain-text body
        emit(fromHtml ? '\r\n' : '\n\n', st);
        break;
      case 'line':
        emit(fromHtml ? '\r\n' : '\n', st);
        break;
      default: {
        const sym = SYMBOLS[word];
        if (sym !== undefined) emit(sym, st);
      }
    }
  }
  flushBytes();
  if (fromHtml) return htmlToText(out);
  return out.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '');
}
