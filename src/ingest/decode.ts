/**
 * Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, and a Windows-1252 fallback for bytes
 * that are not valid UTF-8 (common in council mail systems). Line endings are kept as they are, so
 * positions match what an editor shows.
 */
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
      text: new TextDecoder('windows-1252').decode(bytes),
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
