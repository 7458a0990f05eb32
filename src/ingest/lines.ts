import type { Block } from '../types.js';

/**
 * Builds a checked text one line at a time, with a block per line, in linear time (pieces are joined once
 * at the end). Each block's `text` is exactly `text.slice(block.start, block.end)`, so no `map` is needed.
 */
export class LineAssembler {
  private readonly parts: string[] = [];
  private length = 0;
  readonly blocks: Block[] = [];

  /** Offset where the next line will start. */
  get offset(): number {
    return this.length;
  }

  /**
   * Add a line (or, for `multiLine`, several lines that form one block). Line breaks inside `text` are
   * replaced by spaces unless `multiLine` is set. Returns the block, or undefined for an empty line when
   * `block` was given (empty lines with a block are skipped).
   */
  add(text: string, block?: Omit<Block, 'text' | 'start' | 'end'>, multiLine = false): Block | undefined {
    const clean = multiLine ? (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text) : oneLine(text);
    if (block && isBlank(clean)) return undefined;
    const start = this.length;
    this.parts.push(clean, '\n');
    this.length += clean.length + 1;
    if (!block) return undefined;
    const b: Block = { type: block.type, text: clean, start, end: start + clean.length };
    if (block.depth !== undefined) b.depth = block.depth;
    if (block.table !== undefined) b.table = block.table;
    if (block.page !== undefined) b.page = block.page;
    if (block.source !== undefined) b.source = block.source;
    if (block.quoteDepth !== undefined) b.quoteDepth = block.quoteDepth;
    this.blocks.push(b);
    return b;
  }

  toString(): string {
    return this.parts.join('');
  }
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xa0) return false;
  }
  return true;
}

/** Collapse anything that would start a new line (and other control characters) to a space. */
export function oneLine(text: string): string {
  if (!/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(text)) return text;
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\r\n\u000b\u000c\u0085\u2028\u2029]/g, ' ').replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '');
}
