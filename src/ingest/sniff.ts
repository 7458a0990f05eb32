/**
 * Content sniffing: what a file is from its bytes, whatever its name says.
 *
 * `sniffExtension` picks a reader (by extension) for a file whose extension is unknown, or returns undefined
 * for data that is none of the formats we read (the caller reports `input/unsupported`).
 * `describeContent` names what a file is in words, for messages such as
 * "report.docx is not a Word document: it is a PNG image".
 */
import { looksBinary } from './decode.js';
import { cfbKind, isCfb } from './cfb.js';
import { looksLikeZip, ZipReader } from './zip.js';

export type ZipKind = 'docx' | 'odt' | 'xlsx' | 'pptx' | 'ods' | 'odp' | 'odf-other' | 'epub' | 'zip';

const ODF_TEXT = /^application\/vnd\.oasis\.opendocument\.text(?:-template|-master)?$/;

/** What kind of zip this is, from its directory (and the ODF `mimetype` entry). Undefined if it is no zip. */
export function zipKind(bytes: Uint8Array): ZipKind | undefined {
  if (!looksLikeZip(bytes)) return undefined;
  let zip: ZipReader;
  try {
    zip = new ZipReader(bytes, 64 * 1024);
  } catch {
    // damaged: fall back to the names in the first local headers
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    if (head.includes('word/')) return 'docx';
    if (/mimetypeapplication\/vnd\.oasis\.opendocument\.text/.test(head)) return 'odt';
    if (head.includes('xl/')) return 'xlsx';
    if (head.includes('ppt/')) return 'pptx';
    return 'zip';
  }
  const mimetype = zip.get('mimetype');
  if (mimetype && mimetype.uncompressedSize < 256) {
    let type = '';
    try {
      type = zip.textOf(mimetype).trim();
    } catch {
      type = '';
    }
    if (ODF_TEXT.test(type)) return 'odt';
    if (type.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    if (type.startsWith('application/vnd.oasis.opendocument.presentation')) return 'odp';
    if (type.startsWith('application/vnd.oasis.opendocument.')) return 'odf-other';
    if (type === 'application/epub+zip') return 'epub';
  }
  const names = zip.names();
  if (names.some((n) => n.toLowerCase() === 'word/document.xml') || (zip.has('[Content_Types].xml') && names.some((n) => n.startsWith('word/')))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
  if (zip.has('content.xml') && zip.has('META-INF/manifest.xml')) return 'odt';
  return 'zip';
}

const ZIP_WORDS: Record<ZipKind, string> = {
  docx: 'a Word document (.docx)',
  odt: 'an OpenDocument text document (.odt)',
  xlsx: 'an Excel workbook (.xlsx)',
  pptx: 'a PowerPoint presentation (.pptx)',
  ods: 'an OpenDocument spreadsheet (.ods)',
  odp: 'an OpenDocument presentation (.odp)',
  'odf-other': 'an OpenDocument file that is not a text document',
  epub: 'an e-book (.epub)',
  zip: 'a zip archive',
};

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function ascii(bytes: Uint8Array, n: number): string {
  return new TextDecoder('latin1').decode(bytes.subarray(0, n));
}

/** True when "%PDF-" appears in the first KiB (some producers put junk before it). */
export function isPdf(bytes: Uint8Array): boolean {
  return ascii(bytes, 1024).includes('%PDF-');
}

/** A plain description of what the bytes are, for messages; undefined for text that is none of these. */
export function describeContent(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'an empty file';
  if (isPdf(bytes)) return 'a PDF file';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'a PNG image';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (ascii(bytes, 6) === 'GIF87a' || ascii(bytes, 6) === 'GIF89a') return 'a GIF image';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'a TIFF image';
  if (ascii(bytes, 4) === 'RIFF' && ascii(bytes, 12).slice(8) === 'WEBP') return 'a WebP image';
  if (ascii(bytes, 2) === 'BM' && bytes.length > 26) return 'a BMP image';
  if (isCfb(bytes)) {
    switch (cfbKind(bytes)) {
      case 'msg':
        return 'an Outlook message (.msg)';
      case 'encrypted-office':
        return 'a password-protected (encrypted) Office document';
      case 'doc':
        return 'an old-format Word 97-2003 document (.doc)';
      case 'xls':
        return 'an old-format Excel workbook (.xls)';
      case 'ppt':
        return 'an old-format PowerPoint presentation (.ppt)';
      default:
        return 'an OLE compound file';
    }
  }
  const zk = zipKind(bytes);
  if (zk) return ZIP_WORDS[zk];
  if (startsWith(bytes, [0x1f, 0x8b])) return 'a gzip archive';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'a 7-Zip archive';
  if (ascii(bytes, 4) === 'Rar!') return 'a RAR archive';
  if (ascii(bytes, 2) === 'MZ') return 'a Windows program';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'a program (ELF)';
  if (ascii(bytes, 5) === '{\\rtf') return 'an RTF document';
  if (looksBinary(bytes)) return 'binary data';
  return undefined;
}

const EMAIL_HEADERS = new Set([
  'from', 'to', 'cc', 'bcc', 'subject', 'date', 'message-id', 'received', 'return-path', 'mime-version',
  'content-type', 'content-transfer-encoding', 'reply-to', 'sender', 'delivered-to', 'in-reply-to', 'references',
  'x-mailer', 'thread-topic', 'thread-index', 'importance', 'x-priority', 'authentication-results', 'dkim-signature',
]);
/** Headers only a real message has (a typed memo can have From/To/Date/Subject lines too). */
const TRANSPORT_HEADERS = new Set(['message-id', 'received', 'return-path', 'mime-version', 'delivered-to', 'dkim-signature', 'authentication-results', 'x-mailer', 'thread-index', 'content-transfer-encoding']);

/** An RFC 822 header block at the start: at least two known headers, an address or a transport header. */
export function looksLikeEmail(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/, 80);
  let i = 0;
  if (/^From \S+/.test(lines[0] ?? '')) i++; // mbox separator
  let headers = 0;
  let known = 0;
  let transport = false;
  let addressed = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') break;
    if (/^[ \t]/.test(line)) {
      if (headers === 0) return false;
      continue; // folded header
    }
    const m = /^([!-9;-~]+):[ \t]?(.*)$/.exec(line);
    if (!m) return false;
    headers++;
    const name = m[1]!.toLowerCase();
    if (EMAIL_HEADERS.has(name)) known++;
    if (TRANSPORT_HEADERS.has(name)) transport = true;
    if ((name === 'from' || name === 'to' || name === 'sender') && /@[\w-]+(?:\.[\w-]+)+/.test(m[2]!)) addressed = true;
  }
  return headers >= 2 && known >= 2 && (transport || addressed);
}

const HTML_START =
  /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|base|link|style|p|div|span|h[1-6]|table|ul|ol|article|section|header|main|nav|blockquote|font|center|br)(?=[\s>/])/i;

export function looksLikeHtml(text: string): boolean {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (HTML_START.test(t)) return true;
  // a fragment: starts with a tag and has several closing tags of HTML elements
  if (t.startsWith('<')) {
    const closers = t.slice(0, 4096).match(/<\/(?:p|div|span|a|b|i|strong|em|li|td|tr|table|h[1-6])>/gi);
    return (closers?.length ?? 0) >= 2;
  }
  return false;
}

/** Markdown by its marks: front matter, ATX/setext headings, tables, fences, or several links/emphasis/lists. */
export function looksLikeMarkdown(text: string): boolean {
  const t = text.replace(/^\uFEFF/, '');
  if (/^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)\r?\n/.test(t)) return true;
  if (/^#{1,6}[ \t]+\S/m.test(t)) return true;
  if (/^```|^~~~/m.test(t)) return true;
  if (/^\|?[ \t]*:?-{3,}:?[ \t]*\|/m.test(t)) return true;
  if (/^[^\s].*\r?\n={3,}[ \t]*$/m.test(t)) return true;
  let marks = 0;
  if (/\[[^\]\n]+\]\([^)\s]+\)/.test(t)) marks++;
  if (/(?:\*\*|__)[^*_\n]+(?:\*\*|__)/.test(t)) marks++;
  if (/^[ \t]*[-*+][ \t]+\S/m.test(t)) marks++;
  if (/^>[ \t]?\S/m.test(t)) marks++;
  return marks >= 2;
}

/** Guess a reader (by extension) from a file's bytes; undefined when it is no format we read. */
export function sniffExtension(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return undefined;
  if (isPdf(bytes)) return '.pdf';
  if (isCfb(bytes)) {
    const kind = cfbKind(bytes);
    if (kind === 'msg') return '.msg';
    if (kind === 'encrypted-office') return '.docx'; // the Word reader explains that it is password-protected
    return undefined;
  }
  const zk = zipKind(bytes);
  if (zk === 'docx') return '.docx';
  if (zk === 'odt') return '.odt';
  if (zk) return undefined;
  if (describeContent(bytes) !== undefined) return undefined; // images, archives, programs, RTF, binary
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 8192));
  if (looksLikeHtml(head)) return '.html';
  if (looksLikeEmail(head)) return '.eml';
  if (looksLikeMarkdown(head)) return '.md';
  return '.txt';
}
