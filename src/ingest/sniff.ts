import { looksBinary } from './decode.js';

/** Guess a reader (by extension) from a file's first bytes; undefined when it is no format we read. */
export function sniffExtension(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  if (head.startsWith('%PDF-')) return '.pdf';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return '.msg';
  if (head.startsWith('PK\u0003\u0004')) {
    if (head.includes('word/')) return '.docx';
    if (head.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return '.odt';
    return undefined;
  }
  if (looksBinary(bytes)) return undefined;
  const text = head.trimStart();
  if (/^<!doctype html|^<html[\s>]/i.test(text)) return '.html';
  if (/^(?:(?:received|return-path|message-id|mime-version|from|to|subject|date|x-[\w-]+):[^\n]*\r?\n){2,}/i.test(text)) return '.eml';
  if (/^---\r?\n[\s\S]*?\r?\n---\r?\n|^#{1,6}\s/.test(text)) return '.md';
  return '.txt';
}
