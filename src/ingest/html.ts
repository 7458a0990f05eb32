/**
 * HTML reader (htmlparser2).
 *
 * The checked text is the text content with entities decoded, one line per block element (p, h1-h6, li,
 * td/th, blockquote, div with direct text, figcaption, dt/dd, pre, ...). White space is collapsed as a browser
 * would; `<br>` starts a new line inside the block (so "Label: value<br>Label: value" lines stay apart);
 * `<pre>` keeps its lines. Inside a table cell everything is joined into one line, so each cell is one
 * block with `table: {table, row, cell}`. Skipped: head (its <title> becomes `meta.title`), script, style,
 * noscript, template, svg, math, iframe, object, canvas, elements with the `hidden` attribute or
 * `display:none`. Blockquote content is 'quote', li is 'list-item'. An HTML comment holding a protocol-lint
 * directive is kept as a line of its own (no block) so that suppression works as in Markdown.
 */
import { Parser } from 'htmlparser2';
import type { BlockType, IngestResult, Reader } from '../types.js';
import { InputError } from '../types.js';
import { decodeText, looksBinary } from './decode.js';
import { LineAssembler } from './lines.js';

const SKIP = new Set(['title', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'head', 'audio', 'video', 'select', 'datalist']);

/** Elements that end the current line when they open or close. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'ul', 'option', 'optgroup', 'textarea', 'output', 'search',
]);
const TABLE_STRUCTURE = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption']);
const HEADING = /^h([1-6])$/;

interface TableState {
  index: number;
  row: number;
  col: number;
}

interface CellState {
  table: number;
  row: number;
  cell: number;
}

/** Find the declared charset in the first KiB (meta charset or http-equiv). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m?.[1];
}

export function htmlResult(html: string, warnings: string[] = []): IngestResult {
  const out = new LineAssembler();
  const meta: IngestResult['meta'] = {};
  const open: string[] = []; // open elements we track (block-level and inline), for context
  let skipDepth = 0; // >0 while inside a skipped element
  let inTitle = false;
  const titleParts: string[] = [];
  let preDepth = 0;
  let quoteDepth = 0;
  let listDepth = 0;
  let buffer: string[] = [];
  let lineIsPre = false;
  const headingStack: number[] = [];
  const tables: TableState[] = [];
  const cells: Array<CellState | undefined> = []; // per open td/th (undefined when outside any table)
  let tableCounter = 0;

  const currentType = (): { type: BlockType; depth?: number; table?: CellState } => {
    const cell = cells[cells.length - 1];
    if (cell) return { type: 'table-cell', table: { ...cell } };
    if (quoteDepth > 0) return { type: 'quote' };
    const h = headingStack[headingStack.length - 1];
    if (h !== undefined) return { type: 'heading', depth: h };
    if (listDepth > 0) return { type: 'list-item' };
    return { type: 'paragraph' };
  };

  const flush = () => {
    if (buffer.length === 0) return;
    let text = buffer.join('');
    buffer = [];
    if (lineIsPre) {
      text = text.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '');
    } else {
      text = text.replace(/ *\n */g, '\n').replace(/ {2,}/g, ' ').replace(/\n{2,}/g, '\n').trim();
    }
    lineIsPre = false;
    if (!text) return;
    out.add(text, currentType(), true);
  };

  /** Inside a table cell, block boundaries other than the table's own join with a space instead. */
  const boundary = (name: string) => {
    if (cells.length > 0 && cells[cells.length - 1] && !TABLE_STRUCTURE.has(name)) {
      if (buffer.length) buffer.push(' ');
      return;
    }
    flush();
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        open.push(name);
        if (skipDepth > 0) {
          skipDepth++;
          if (name === 'title' && meta.title === undefined && !inTitle && !open.includes('svg')) inTitle = true;
          return;
        }
        const hidden = 'hidden' in attribs || /display\s*:\s*none/i.test(attribs.style ?? '');
        if (SKIP.has(name) || hidden) {
          skipDepth = 1;
          if (name === 'title' && meta.title === undefined) inTitle = true;
          return;
        }
        if (name === 'br') {
          buffer.push(cells.length > 0 && cells[cells.length - 1] ? ' ' : '\n');
          return;
        }
        if (!BLOCK.has(name)) return;
        boundary(name);
        const hm = HEADING.exec(name);
        if (hm) headingStack.push(Number(hm[1]));
        else if (name === 'blockquote') quoteDepth++;
        else if (name === 'li') listDepth++;
        else if (name === 'pre' || name === 'textarea') {
          preDepth++;
          lineIsPre = true;
        } else if (name === 'table') tables.push({ index: tableCounter++, row: -1, col: 0 });
        else if (name === 'tr') {
          const t = tables[tables.length - 1];
          if (t) {
            t.row++;
            t.col = 0;
          }
        } else if (name === 'td' || name === 'th') {
          const t = tables[tables.length - 1];
          if (t) {
            const span = Math.max(1, Math.min(1000, Number(attribs.colspan) || 1));
            cells.push({ table: t.index, row: Math.max(0, t.row), cell: t.col });
            t.col += span;
          } else cells.push(undefined);
        }
      },
      ontext(data) {
        if (inTitle) {
          titleParts.push(data);
          return;
        }
        if (skipDepth > 0) return;
        if (preDepth > 0) {
          lineIsPre = true;
          buffer.push(data);
          return;
        }
        const s = data.replace(/[ \t\n\r\f]+/g, ' ');
        if (s === ' ' && (buffer.length === 0 || buffer[buffer.length - 1]!.endsWith(' ') || buffer[buffer.length - 1]!.endsWith('\n'))) return;
        buffer.push(s);
      },
      onclosetag(name) {
        // htmlparser2 closes implied elements for us; keep our stack in step
        const idx = open.lastIndexOf(name);
        if (idx < 0) return;
        while (open.length > idx + 1) closeOne(open[open.length - 1]!);
        closeOne(name);
      },
      oncomment(data) {
        if (skipDepth > 0 || !/protocol-lint-(?:disable|enable)/.test(data)) return;
        flush();
        out.add(`<!--${data}-->`);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );

  function closeOne(name: string): void {
    open.pop();
    if (name === 'title' && inTitle) {
      inTitle = false;
      const t = titleParts.join('').replace(/\s+/g, ' ').trim();
      if (t && meta.title === undefined) meta.title = t;
    }
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (!BLOCK.has(name)) return;
    boundary(name);
    if (HEADING.test(name)) headingStack.pop();
    else if (name === 'blockquote') quoteDepth = Math.max(0, quoteDepth - 1);
    else if (name === 'li') listDepth = Math.max(0, listDepth - 1);
    else if (name === 'pre' || name === 'textarea') preDepth = Math.max(0, preDepth - 1);
    else if (name === 'table') tables.pop();
    else if (name === 'td' || name === 'th') cells.pop();
  }

  parser.write(html);
  parser.end();
  while (open.length) closeOne(open[open.length - 1]!);
  flush();
  return { format: 'html', text: out.toString(), blocks: out.blocks, meta, warnings };
}

/** .html / .htm: a web page, an HTML email body saved to disk, a CMS export. */
export const readHtml: Reader = async ({ path, bytes }) => {
  if (bytes.length === 0) throw new InputError(`${path}: the file is empty`);
  if (looksBinary(bytes)) throw new InputError(`${path}: this is binary data, not HTML`, 'input/unsupported');
  const decoded = decodeText(bytes, declaredCharset(bytes));
  return htmlResult(decoded.text, decoded.warning ? [decoded.warning] : []);
};
