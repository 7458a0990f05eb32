import { describe, expect, it } from 'vitest';
import { decodeText, looksBinary } from '../../src/ingest/decode.js';

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(new TextEncoder().encode('Café – “quoted”')).text).toBe('Café – “quoted”');
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41])).text).toBe('A');
  });

  it('falls back to Windows-1252 for invalid UTF-8, mapping 0x80-0x9F to the right characters', () => {
    // “Smart quotes” – an en dash, a euro sign and a pound sign as a Windows mail client writes them
    const bytes = Uint8Array.from([0x93, 0x53, 0x6d, 0x61, 0x72, 0x74, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0xa3, 0x31, 0x30]);
    const d = decodeText(bytes);
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toBe('“Smart” – €5 £10');
    expect(d.warning).toMatch(/not valid UTF-8/);
  });

  it('honours a declared Windows-1252 charset', () => {
    expect(decodeText(Uint8Array.from([0x92]), 'windows-1252').text).toBe('’');
  });

  it('tells binary data from text', () => {
    expect(looksBinary(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('Dear resident,\n\nThank you.'))).toBe(false);
  });
});
