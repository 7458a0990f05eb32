import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import YAML from 'yaml';
import type { Block, BlockType, IngestResult, Reader } from '../types.js';
import { InputError } from '../types.js';
import { decodeText, looksBinary } from './decode.js';

interface MdNode {
  type: string;
  value?: string;
  alt?: string;
  depth?: number;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** Collects the plain text of inline content, with a map back to source offsets. */
class TextBuilder {
  text = '';
  map: number[] = [];
  push(value: string, sourceOffset: number | undefined, verbatim: boolean): void {
    if (!value) return;
    if (sourceOffset !== undefined && verbatim) this.map.push(this.text.length, sourceOffset);
    else if (sourceOffset !== undefined) this.map.push(this.text.length, sourceOffset);
    this.text += value;
  }
}

function inline(node: MdNode, out: TextBuilder, source: string): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode': {
      const start = node.position?.start.offset;
      const value = node.value ?? '';
      // text nodes may be shorter than their source (escapes, entities); map each line separately
      if (start !== undefined && node.type === 'text') {
        const raw = source.slice(start, node.position?.end.offset);
        if (raw === value) out.push(value, start, true);
        else pushLines(out, value, raw, start);
      } else out.push(value, start !== undefined ? start + (node.type === 'inlineCode' ? 1 : 0) : undefined, true);
      return;
    }
    case 'break':
      out.push('\n', node.position?.start.offset, true);
      return;
    case 'delete':
      return; // struck text is not text (RULES.md T-X2)
    case 'image':
      out.push(node.alt ?? '', node.position?.start.offset !== undefined ? node.position.start.offset + 2 : undefined, true);
      return;
    case 'html':
      return;
    default:
      for (const c of node.children ?? []) inline(c, out, source);
  }
}

/** Map a text value whose source differs (escapes/entities) line by line, best effort. */
function pushLines(out: TextBuilder, value: string, raw: string, start: number): void {
  const vLines = value.split('\n');
  let rawPos = 0;
  vLines.forEach((line, i) => {
    const idx = raw.indexOf(line.slice(0, 12), rawPos);
    const at = idx >= 0 ? idx : rawPos;
    out.push(line + (i < vLines.length - 1 ? '\n' : ''), start + at, true);
    const nl = raw.indexOf('\n', at);
    rawPos = nl >= 0 ? nl + 1 : raw.length;
  });
}

/** Markdown with YAML front matter and GFM tables; struck text (~~x~~) is dropped. */
export const readMarkdown: Reader = async ({ path, bytes }) => {
  if (bytes.length === 0) throw new InputError(`${path}: the file is empty`);
  if (looksBinary(bytes)) throw new InputError(`${path}: this is binary data, not Markdown`, 'input/unsupported');
  const decoded = decodeText(bytes);
  return markdownResult(decoded.text, path, decoded.warning ? [decoded.warning] : []);
};

export function markdownResult(text: string, path: string, warnings: string[] = []): IngestResult {
  const tree = processor.parse(text) as MdNode;
  const blocks: Block[] = [];
  const meta: IngestResult['meta'] = {};
  let tableIndex = 0;

  const addBlock = (type: BlockType, node: MdNode, extra: Partial<Block> = {}) => {
    const b = new TextBuilder();
    for (const c of node.children ?? []) inline(c, b, text);
    if (!b.text.trim()) return;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const block: Block = { type, text: b.text, start, end, ...extra };
    if (!(b.map.length === 2 && b.map[0] === 0 && text.slice(b.map[1], b.map[1]! + b.text.length) === b.text && b.map[1] === start)) block.map = b.map;
    if (block.map && block.map.length === 0) delete block.map;
    blocks.push(block);
  };

  const walk = (node: MdNode, context: BlockType | undefined) => {
    switch (node.type) {
      case 'yaml': {
        const start = node.position?.start.offset ?? 0;
        const end = node.position?.end.offset ?? 0;
        blocks.push({ type: 'front-matter', text: text.slice(start, end), start, end });
        try {
          const fm = YAML.parse(node.value ?? '');
          if (fm && typeof fm === 'object' && !Array.isArray(fm)) meta.frontMatter = fm as Record<string, unknown>;
          else if (fm !== null && fm !== undefined) warnings.push('front matter is not a YAML mapping; ignored');
        } catch (e) {
          // the error's code and line, not its message: a YAML message can quote the document's own words
          const err = e as { code?: string; linePos?: Array<{ line: number }> };
          const what = err.code ? err.code.toLowerCase().replace(/_/g, ' ') : 'syntax error';
          const line = err.linePos?.[0]?.line;
          const fileLine = line !== undefined ? line + 1 : undefined; // front matter starts after the "---" of line 1
          warnings.push(`front matter is not valid YAML (${what}${fileLine !== undefined ? ` at line ${fileLine}` : ''}); ignored`);
        }
        return;
      }
      case 'heading':
        addBlock('heading', node, { depth: node.depth });
        return;
      case 'paragraph':
        addBlock(context ?? 'paragraph', node);
        return;
      case 'code': {
        const start = node.position?.start.offset ?? 0;
        const end = node.position?.end.offset ?? 0;
        blocks.push({ type: 'code', text: text.slice(start, end), start, end });
        return;
      }
      case 'blockquote':
        for (const c of node.children ?? []) walk(c, 'quote');
        return;
      case 'listItem':
        for (const c of node.children ?? []) walk(c, context === 'quote' ? 'quote' : 'list-item');
        return;
      case 'table': {
        const t = tableIndex++;
        (node.children ?? []).forEach((row, r) =>
          (row.children ?? []).forEach((cell, c) => addBlock('table-cell', cell, { table: { table: t, row: r, cell: c } })),
        );
        return;
      }
      case 'html':
        return;
      default:
        for (const c of node.children ?? []) walk(c, context);
    }
  };
  walk(tree, undefined);
  return { format: 'markdown', text, blocks, meta, warnings };
}
