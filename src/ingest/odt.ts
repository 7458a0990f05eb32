/**
 * OpenDocument text (.odt) reader.
 *
 * The checked text is one line per paragraph (text:p), heading (text:h) or table cell, in document order;
 * then footnotes/endnotes (as paragraphs); then the page headers and footers of the master pages in
 * styles.xml (type 'header'), each distinct line once. Tracked deletions (kept by ODF in
 * text:tracked-changes) and comments (office:annotation) are not text; tracked insertions are. White space is
 * collapsed as ODF says (runs of spaces, tabs and newlines are one space; text:s is real spaces); tabs and
 * line breaks become spaces. meta.xml gives `meta.title` and `meta.properties`.
 */
import type { Block, BlockType, IngestResult, Reader } from '../types.js';
import { InputError } from '../types.js';
import { LineAssembler } from './lines.js';
import { openOfficeZip, parseEntry, squash, zipFailure, type OfficeFormat } from './office.js';
import { parseXml, type XmlElement } from './xml.js';
import type { ZipReader } from './zip.js';

const FORMAT: OfficeFormat = { noun: 'OpenDocument text document', ext: '.odt', program: 'LibreOffice (or Word)' };

const SKIP = new Set([
  'text:tracked-changes', // the deleted text of tracked deletions lives here
  'office:annotation', // comments
  'text:note-citation', // the footnote mark
  'text:number', // cached list label
  'svg:title',
  'svg:desc',
  'office:forms',
  'text:sequence-decls',
  'text:variable-decls',
  'text:user-field-decls',
  'text:dde-connection-decls',
  'office:event-listeners',
  'presentation:notes',
  'text:ruby-text',
]);

interface StyleInfo {
  parent?: string;
  outline?: number;
}

interface Para {
  parts: string[];
  /** the last character appended was white space that ODF collapses */
  space: boolean;
  heading?: number;
  style?: string;
  list: boolean;
}

interface Container {
  kind: 'cell' | 'note' | 'frame';
  table?: number;
  row?: number;
  cell?: number;
  parts: string[];
}

interface TableState {
  index: number;
  row: number;
  col: number;
  rowRepeat: number;
}

class Styles {
  readonly map = new Map<string, StyleInfo>();

  open(el: XmlElement): void {
    if (el.name !== 'style:style') return;
    const family = el.attrs['style:family'];
    const name = el.attrs['style:name'];
    if (!name || (family && family !== 'paragraph')) return;
    const outline = el.attrs['style:default-outline-level'];
    this.map.set(name, { parent: el.attrs['style:parent-style-name'], outline: outline ? Number(outline) : undefined });
  }

  headingDepth(style: string | undefined): number | undefined {
    for (let s = style, guard = 0; s && guard < 12; guard++) {
      const info = this.map.get(s);
      const name = s.replace(/_20_/g, ' ').toLowerCase();
      if (name === 'title') return 1;
      const m = /^heading ([1-9])$/.exec(name);
      if (m) return Math.min(6, Number(m[1]));
      if (info?.outline !== undefined && info.outline > 0) return Math.min(6, info.outline);
      s = info?.parent;
    }
    return undefined;
  }
}

class StoryReader {
  private readonly stack: string[] = [];
  private skipUntil = -1;
  private readonly paras: Para[] = [];
  private readonly containers: Container[] = [];
  private readonly tables: TableState[] = [];
  private listDepth = 0;
  /** >0 inside style:header/footer (styles.xml) */
  private headerDepth = 0;

  constructor(
    private readonly out: LineAssembler,
    private readonly notes: string[],
    private readonly styles: Styles,
    private readonly tableCounter: { n: number },
    private readonly mode: 'content' | 'styles',
  ) {}

  open(el: XmlElement): void {
    const name = el.name;
    this.stack.push(name);
    if (this.skipUntil >= 0) return;
    if (SKIP.has(name) || (name.startsWith('text:') && name.endsWith('-source'))) {
      this.skipUntil = this.stack.length;
      return;
    }
    this.styles.open(el);
    if (/^style:(?:header|footer)(?:-left|-first)?$/.test(name)) {
      this.headerDepth++;
      return;
    }
    if (this.mode === 'styles' && this.headerDepth === 0) return;
    const para = this.paras[this.paras.length - 1];
    switch (name) {
      case 'text:p':
      case 'text:h': {
        const p: Para = { parts: [], space: true, style: el.attrs['text:style-name'], list: this.listDepth > 0 };
        if (name === 'text:h') p.heading = Math.min(6, Math.max(1, Number(el.attrs['text:outline-level']) || 1));
        this.paras.push(p);
        return;
      }
      case 'text:s': {
        if (!para) return;
        const n = Math.min(100, Math.max(1, Number(el.attrs['text:c']) || 1));
        para.parts.push(' '.repeat(n));
        para.space = false;
        return;
      }
      case 'text:tab':
      case 'text:line-break':
        if (para && !para.space) {
          para.parts.push(' ');
          para.space = true;
        }
        return;
      case 'text:list-item':
      case 'text:list-header':
        this.listDepth++;
        return;
      case 'text:note-body':
        this.containers.push({ kind: 'note', parts: [] });
        return;
      case 'draw:text-box':
        this.containers.push({ kind: 'frame', parts: [] });
        return;
      case 'table:table':
        this.tables.push({ index: this.tableCounter.n++, row: -1, col: 0, rowRepeat: 1 });
        return;
      case 'table:table-row': {
        const t = this.tables[this.tables.length - 1];
        if (t) {
          t.row++;
          t.col = 0;
          t.rowRepeat = Math.min(100_000, Math.max(1, Number(el.attrs['table:number-rows-repeated']) || 1));
        }
        return;
      }
      case 'table:table-cell':
      case 'table:covered-table-cell': {
        const t = this.tables[this.tables.length - 1];
        const repeat = Math.min(100_000, Math.max(1, Number(el.attrs['table:number-columns-repeated']) || 1));
        this.containers.push({ kind: 'cell', table: t?.index ?? 0, row: Math.max(0, t?.row ?? 0), cell: t?.col ?? 0, parts: [] });
        if (t) t.col += repeat;
        return;
      }
      default:
        return;
    }
  }

  close(name: string): void {
    if (this.skipUntil >= 0) {
      if (this.stack.length === this.skipUntil) this.skipUntil = -1;
      this.stack.pop();
      return;
    }
    this.stack.pop();
    if (/^style:(?:header|footer)(?:-left|-first)?$/.test(name)) {
      this.headerDepth--;
      return;
    }
    if (this.mode === 'styles' && this.headerDepth === 0) return;
    switch (name) {
      case 'text:p':
      case 'text:h': {
        const para = this.paras.pop();
        if (!para) return;
        const text = para.parts.join('').trim();
        const container = this.containers[this.containers.length - 1];
        if (container) {
          if (!text) return;
          if (container.kind === 'note') this.notes.push(text);
          else container.parts.push(text);
          return;
        }
        this.emitParagraph(para, text);
        return;
      }
      case 'text:list-item':
      case 'text:list-header':
        this.listDepth--;
        return;
      case 'text:note-body':
        this.containers.pop();
        return;
      case 'draw:text-box': {
        const frame = this.containers.pop();
        // a text box's paragraphs belong to the story around it
        const outer = this.containers[this.containers.length - 1];
        if (frame && frame.parts.length) {
          if (outer && outer.kind === 'cell') outer.parts.push(...frame.parts);
          else if (outer && outer.kind === 'note') this.notes.push(...frame.parts);
          else for (const t of frame.parts) this.out.add(t, { type: this.mode === 'styles' ? 'header' : 'paragraph' });
        }
        return;
      }
      case 'table:table-cell':
      case 'table:covered-table-cell': {
        const cell = this.containers.pop();
        if (!cell || cell.kind !== 'cell') return;
        this.out.add(cell.parts.join(' '), {
          type: this.mode === 'styles' ? 'header' : 'table-cell',
          table: { table: cell.table!, row: cell.row!, cell: cell.cell! },
        });
        return;
      }
      case 'table:table-row': {
        const t = this.tables[this.tables.length - 1];
        if (t) t.row += t.rowRepeat - 1;
        return;
      }
      case 'table:table':
        this.tables.pop();
        return;
      default:
        return;
    }
  }

  text(t: string): void {
    if (this.skipUntil >= 0) return;
    if (this.mode === 'styles' && this.headerDepth === 0) return;
    const para = this.paras[this.paras.length - 1];
    if (!para) return;
    let s = t.replace(/[ \t\r\n]+/g, ' ');
    if (para.space && s.startsWith(' ')) s = s.slice(1);
    if (!s) return;
    para.parts.push(s);
    para.space = s.endsWith(' ');
  }

  private emitParagraph(para: Para, text: string): void {
    if (!text) return;
    if (this.mode === 'styles') {
      this.out.add(text, { type: 'header' });
      return;
    }
    const depth = para.heading ?? this.styles.headingDepth(para.style);
    let type: BlockType = 'paragraph';
    if (depth !== undefined) type = 'heading';
    else if (para.list) type = 'list-item';
    this.out.add(text, depth !== undefined ? { type, depth } : { type });
  }
}

function readMeta(zip: ZipReader): Record<string, string> {
  const entry = zip.get('meta.xml');
  const props: Record<string, string> = {};
  if (!entry) return props;
  const names: Record<string, string> = {
    'dc:title': 'title',
    'dc:subject': 'subject',
    'dc:description': 'description',
    'dc:creator': 'creator',
    'meta:initial-creator': 'initialCreator',
    'meta:keyword': 'keywords',
    'meta:creation-date': 'created',
    'dc:date': 'modified',
  };
  let key: string | undefined;
  let parts: string[] = [];
  parseXml(zip.textOf(entry), {
    open(el) {
      key = names[el.name] ?? (el.name === 'meta:user-defined' && el.attrs['meta:name'] ? `user:${el.attrs['meta:name']}` : undefined);
      parts = [];
    },
    text(t) {
      if (key) parts.push(t);
    },
    close() {
      if (key) {
        const v = squash(parts.join(''));
        if (v) props[key] = props[key] && key === 'keywords' ? `${props[key]}, ${v}` : v;
      }
      key = undefined;
    },
  });
  return props;
}

export function readOdtZip(path: string, zip: ZipReader): IngestResult {
  const manifest = zip.get('META-INF/manifest.xml');
  if (manifest && zip.textOf(manifest).includes('encryption-data')) {
    throw new InputError(`${path} is password-protected; open it in LibreOffice, remove the password (File ▸ Properties ▸ Security) and check it again`);
  }
  const content = zip.get('content.xml');
  if (!content) throw new InputError(`${path} is not a valid OpenDocument text document (it has no content.xml)`);

  // inflate (and count) every part before parsing any: a zip bomb is refused without being parsed
  for (const part of ['content.xml', 'styles.xml', 'meta.xml']) {
    const entry = zip.get(part);
    if (entry) zip.measure(entry);
  }
  const styles = new Styles();
  const tables = { n: 0 };
  // styles.xml first: common paragraph styles, and the page headers and footers
  const headerOut = new LineAssembler();
  const stylesEntry = zip.get('styles.xml');
  if (stylesEntry) {
    const story = new StoryReader(headerOut, [], styles, { n: 0 }, 'styles');
    parseEntry(zip, stylesEntry, { open: (el) => story.open(el), close: (n) => story.close(n), text: (t) => story.text(t) });
  }
  const out = new LineAssembler();
  const notes: string[] = [];
  const story = new StoryReader(out, notes, styles, tables, 'content');
  parseEntry(zip, content, { open: (el) => story.open(el), close: (n) => story.close(n), text: (t) => story.text(t) });
  const warnings: string[] = [];
  if (out.blocks.length === 0) warnings.push('the document body has no text');
  for (const n of notes) out.add(n, { type: 'paragraph' });
  const seen = new Set<string>();
  for (const b of headerOut.blocks) {
    if (seen.has(b.text)) continue;
    seen.add(b.text);
    const { text, start: _s, end: _e, ...rest } = b;
    out.add(text, rest as Omit<Block, 'text' | 'start' | 'end'>);
  }
  const meta: IngestResult['meta'] = {};
  const props = readMeta(zip);
  if (props.title) meta.title = props.title;
  if (Object.keys(props).length) meta.properties = props;
  const label = Object.entries(props).find(([k]) => /^user:MSIP_Label_.*_Name$/i.test(k));
  if (label && label[1]) meta.sensitivityLabel = label[1];
  return { format: 'odt', text: out.toString(), blocks: out.blocks, meta, warnings };
}

/** .odt: OpenDocument text (LibreOffice, or Word's "Save as ODT"). */
export const readOdt: Reader = async ({ path, bytes, limits, depth }) => {
  const zip = openOfficeZip(path, bytes, limits, FORMAT);
  try {
    const mimetype = zip.get('mimetype');
    const type = mimetype && mimetype.uncompressedSize < 256 ? zip.textOf(mimetype).trim() : '';
    if (type && !/^application\/vnd\.oasis\.opendocument\.text(?:-template|-master)?$/.test(type)) {
      const what = type.includes('spreadsheet') ? 'a spreadsheet' : type.includes('presentation') ? 'a presentation' : `"${type}"`;
      throw new InputError(`${path} is not an OpenDocument text document: it is ${what}`, 'input/unsupported');
    }
    if (!zip.get('content.xml') && zip.names().some((n) => n.toLowerCase() === 'word/document.xml')) {
      const { readDocx } = await import('./docx.js');
      const result = await readDocx({ path, bytes, limits, depth });
      return { ...result, warnings: [...(result.warnings ?? []), 'the file is named .odt but is a Word document (.docx); read as .docx'] };
    }
    return readOdtZip(path, zip);
  } catch (e) {
    throw zipFailure(path, e, FORMAT, limits);
  }
};
