import type { IngestResult, Reader } from '../types.js';
import { InputError } from '../types.js';
import { decodeText, looksBinary } from './decode.js';
import { segmentText } from './segment.js';

/** Plain text: paragraphs at blank lines; pasted email threads are segmented like email bodies. */
export const readText: Reader = async ({ path, bytes }) => {
  if (bytes.length === 0) throw new InputError(`${path}: the file is empty`);
  if (looksBinary(bytes)) throw new InputError(`${path}: this is binary data, not text`, 'input/unsupported');
  const decoded = decodeText(bytes);
  return textResult(decoded.text, decoded.warning ? [decoded.warning] : undefined);
};

export function textResult(text: string, warnings?: string[]): IngestResult {
  const looksLikeThread = /^\s*(?:-{2,}\s*original message|on\s.{4,200}\bwrote:|from:\s.+\n\s*(?:sent|date):)/im.test(text);
  return { format: 'text', text, blocks: segmentText(text, 0, { email: looksLikeThread }), meta: {}, warnings };
}
