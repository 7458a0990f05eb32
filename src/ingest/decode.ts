/**
 * Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, and a Windows-1252 fallback for bytes
 * that are not valid UTF-8 (common in council mail systems). Line endings are kept as they are, so
 * positions match what an editor shows.
 */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
export const CP1252_LABELS = /^(?:windows-1252|cp-?1252|x-cp1252|latin-?1|l1|iso[-_ ]?8859-1(?::1987)?|iso8859-1|iso-ir-100|cp819|ibm819|us-ascii|ascii|ansi_x3\.4-1968)$/i;

/** Decode Windows-1252 bytes (which also covers ISO-8859-1 and ASCII, as browsers do). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const end = Math.min(bytes.length, i + CHUNK);
    let chunk = '';
    for (let k = i; k < end; k++) {
      const b = bytes[k]!;
      chunk += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
    }
    parts.push(chunk);
  }
  return parts.join('');
}

export interface Decoded {
  text: string;
  encoding: string;
  warning?: string;
}

export function decodeText(bytes: Uint8Array, declared?: string): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (declared && CP1252_LABELS.test(declared) && !/^(?:us-ascii|ascii)$/i.test(declared)) return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  if (declared && !/^(?:utf-?8|us-ascii|ascii)$/i.test(declared)) {
    try {
      return { text: new TextDecoder(declared.toLowerCase()).decode(bytes), encoding: declared.toLowerCase() };
    } catch {
      // unknown label: fall through to UTF-8
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return {
      // Node's TextDecoder('windows-1252') decodes 0x80-0x9F as C1 controls, so map them ourselves
      text: decodeWindows1252(bytes),
      encoding: 'windows-1252',
      warning: 'not valid UTF-8; read as Windows-1252',
    };
  }
}

/** True when the bytes look like binary data rather than text (NUL bytes or many control characters). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control / n > 0.1;
}
