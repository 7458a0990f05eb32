/**
 * Word .docx reader.
 *
 * The checked text is one line per paragraph or table cell, in document order, so a finding's line is the
 * paragraph number (empty paragraphs and cells make no line):
 *   1. the main document (word/document.xml, found through the package relationships),
 *   2. footnotes and endnotes (as paragraphs),
 *   3. page headers and footers (blocks of type 'header'; protective markings such as OFFICIAL-SENSITIVE
 *      often live there), each distinct line once.
 * Tracked deletions (w:del, w:moveFrom), field codes, superseded formatting and comments are not text;
 * tracked insertions are. Tabs and manual line breaks inside a paragraph become spaces; the paragraphs of one
 * table cell are joined with a space. Numbering labels ("1.", bullets) are not in the text.
 * docProps/core.xml gives `meta.title` (and `meta.properties`); docProps/custom.xml gives
 * `meta.customProperties` and, for Microsoft sensitivity labels, `meta.sensitivityLabel`.
 */
import type { Block, BlockType, IngestResult, Reader } from '../types.js';
import { InputError } from '../types.js';
import { LineAssembler } from './lines.js';
import { openOfficeZip, parseEntry, resolvePart, squash, zipFailure, type OfficeFormat } from './office.js';
import { parseXml, type XmlElement } from './xml.js';
import type { ZipReader } from './zip.js';

const FORMAT: OfficeFormat = { noun: 'Word document', ext: '.docx', program: 'Word' };

/** Elements whose whole content is not part of the visible, current text. */
const SKIP = new Set([
  'w:del', // tracked deletion
  'w:moveFrom', // tracked move: the old place
  'w:delText',
  'w:instrText', // field code, not its result
  'w:delInstrText',
  'w:pPrChange', // superseded formatting (holds the old style)
  'w:rPrChange',
  'w:sectPrChange',
  'w:tblPrChange',
  'w:tblPrExChange',
  'w:trPrChange',
  'w:tcPrChange',
  'w:tblGridChange',
  'w:numberingChange',
  'mc:Fallback', // the same content again, for older programs (VML text boxes)
  'w:rt', // ruby annotation text
  'm:oMath', // equations
  'm:oMathPara',
]);

interface StyleInfo {
  name?: string;
  basedOn?: string;
  outline?: number;
  numbered?: boolean;
}

interface Para {
  parts: string[];
  style?: string;
  numbered?: boolean;
  outline?: number;
}

interface Cell {
  table: number;
  row: number;
  cell: number;
  span: number;
  parts: string[];
}

interface TableState {
  index: number;
  row: number;
  col: number;
}

/** Paragraph styles from word/styles.xml. */
function readStyles(xml: string | undefined): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  if (!xml) return styles;
  let current: StyleInfo | undefined;
  const stack: string[] = [];
  parseXml(xml, {
    open(el) {
      const parent = stack[stack.length - 1];
      stack.push(el.name);
      if (el.name === 'w:style') {
        current = el.attrs['w:type'] === 'paragraph' || el.attrs['w:type'] === undefined ? {} : undefined;
        const id = el.attrs['w:styleId'];
        if (current && id) styles.set(id, current);
        return;
      }
      if (!current) return;
      if (el.name === 'w:name' && parent === 'w:style') current.name = el.attrs['w:val'];
      else if (el.name === 'w:basedOn' && parent === 'w:style') current.basedOn = el.attrs['w:val'];
      else if (el.name === 'w:outlineLvl' && parent === 'w:pPr') current.outline = Number(el.attrs['w:val']);
      else if (el.name === 'w:numId' && parent === 'w:numPr') current.numbered = el.attrs['w:val'] !== '0';
    },
    close(name) {
      stack.pop();
      if (name === 'w:style') current = undefined;
    },
  });
  return styles;
}

class StyleResolver {
  constructor(private readonly styles: Map<string, StyleInfo>) {}

  /** Heading depth (1-6) of a paragraph style, following basedOn. */
  headingDepth(styleId: string | undefined): number | undefined {
    for (let id = styleId, guard = 0; id && guard < 12; guard++) {
      const s = this.styles.get(id);
      const name = (s?.name ?? id).toLowerCase().replace(/\s+/g, ' ');
      const m = /^heading ?([1-9])$/.exec(name);
      if (m) return Math.min(6, Number(m[1]));
      if (name === 'title') return 1;
      if (s?.outline !== undefined && s.outline >= 0 && s.outline < 9) return Math.min(6, s.outline + 1);
      id = s?.basedOn;
    }
    return undefined;
  }

  /** Whether a paragraph style is numbered or bulleted. */
  numbered(styleId: string | undefined): boolean {
    for (let id = styleId, guard = 0; id && guard < 12; guard++) {
      const s = this.styles.get(id);
      if (s?.numbered !== undefined) return s.numbered;
      const name = (s?.name ?? id).toLowerCase();
      if (/^list (?:bullet|number)(?: ?\d)?$/.test(name)) return true;
      id = s?.basedOn;
    }
    return false;
  }
}

/**
 * Turns the XML events of one story (the body, a header, the footnotes) into lines. Paragraphs nest (a text
 * box inside a paragraph), table cells nest (a table inside a cell), so both are stacks.
 */
class StoryReader {
  private readonly stack: string[] = [];
  private skipUntil = -1;
  private readonly paras: Para[] = [];
  private readonly containers: Array<Cell | null> = [];
  private readonly tables: TableState[] = [];

  constructor(
    private readonly out: LineAssembler,
    private readonly styles: StyleResolver,
    private readonly tableCounter: { n: number },
    private readonly as: 'body' | 'header' | 'notes',
  ) {}

  open(el: XmlElement): void {
    const name = el.name;
    const parent = this.stack[this.stack.length - 1];
    this.stack.push(name);
    if (this.skipUntil >= 0) return;
    if (SKIP.has(name)) {
      this.skipUntil = this.stack.length;
      return;
    }
    if (this.as === 'notes' && (name === 'w:footnote' || name === 'w:endnote')) {
      const type = el.attrs['w:type'];
      if (type && type !== 'normal') this.skipUntil = this.stack.length; // separators
      return;
    }
    const para = this.paras[this.paras.length - 1];
    switch (name) {
      case 'w:p':
        this.paras.push({ parts: [] });
        return;
      case 'w:pStyle':
        if (para && parent === 'w:pPr') para.style = el.attrs['w:val'];
        return;
      case 'w:numId':
        if (para && parent === 'w:numPr' && this.stack[this.stack.length - 3] === 'w:pPr') para.numbered = el.attrs['w:val'] !== '0';
        return;
      case 'w:outlineLvl':
        if (para && parent === 'w:pPr') para.outline = Number(el.attrs['w:val']);
        return;
      case 'w:tab':
      case 'w:ptab':
      case 'w:br':
      case 'w:cr':
        if (para && parent === 'w:r') para.parts.push(' ');
        return;
      case 'w:noBreakHyphen':
        if (para && parent === 'w:r') para.parts.push('-');
        return;
      case 'w:sym': {
        const code = parseInt(el.attrs['w:char'] ?? '', 16);
        // symbol-font private-use code points (F0xx) carry no meaning as text
        if (para && parent === 'w:r' && Number.isFinite(code) && code > 0 && (code < 0xf000 || code > 0xf0ff)) para.parts.push(String.fromCodePoint(code));
        return;
      }
      case 'w:tbl':
        this.tables.push({ index: this.tableCounter.n++, row: -1, col: 0 });
        return;
      case 'w:tr': {
        const t = this.tables[this.tables.length - 1];
        if (t) {
          t.row++;
          t.col = 0;
        }
        return;
      }
      case 'w:tc': {
        const t = this.tables[this.tables.length - 1];
        this.containers.push({ table: t?.index ?? 0, row: Math.max(0, t?.row ?? 0), cell: t?.col ?? 0, span: 1, parts: [] });
        return;
      }
      case 'w:gridSpan': {
        const c = this.containers[this.containers.length - 1];
        if (c && parent === 'w:tcPr') c.span = Math.max(1, Number(el.attrs['w:val']) || 1);
        return;
      }
      case 'w:txbxContent':
        this.containers.push(null);
        return;
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
    switch (name) {
      case 'w:p': {
        const para = this.paras.pop();
        if (!para) return;
        const text = para.parts.join('').trim();
        const container = this.containers[this.containers.length - 1];
        if (container) {
          if (text) container.parts.push(text);
        } else this.emitParagraph(para, text);
        return;
      }
      case 'w:tc': {
        const cell = this.containers.pop();
        if (!cell) return;
        const t = this.tables[this.tables.length - 1];
        if (t) t.col += cell.span;
        const text = cell.parts.join(' ');
        this.out.add(text, {
          type: this.as === 'header' ? 'header' : 'table-cell',
          table: { table: cell.table, row: cell.row, cell: cell.cell },
        });
        return;
      }
      case 'w:tbl':
        this.tables.pop();
        return;
      case 'w:txbxContent':
        this.containers.pop();
        return;
      default:
        return;
    }
  }

  text(t: string): void {
    if (this.skipUntil >= 0) return;
    if (this.stack[this.stack.length - 1] !== 'w:t') return;
    this.paras[this.paras.length - 1]?.parts.push(t);
  }

  private emitParagraph(para: Para, text: string): void {
    if (!text) return;
    if (this.as === 'header') {
      this.out.add(text, { type: 'header' });
      return;
    }
    let type: BlockType = 'paragraph';
    let depth: number | undefined;
    if (para.outline !== undefined && para.outline >= 0 && para.outline < 9) depth = Math.min(6, para.outline + 1);
    else if (para.outline === undefined) depth = this.styles.headingDepth(para.style);
    if (depth !== undefined) type = 'heading';
    else if (para.numbered ?? this.styles.numbered(para.style)) type = 'list-item';
    this.out.add(text, depth !== undefined ? { type, depth } : { type });
  }
}

interface Rel {
  type: string;
  target: string;
  external: boolean;
}

function readRels(zip: ZipReader, relsPath: string, base: string): Rel[] {
  const entry = zip.get(relsPath);
  if (!entry) return [];
  const rels: Rel[] = [];
  parseXml(zip.textOf(entry), {
    open(el) {
      if (el.name !== 'rel:Relationship' && el.name !== 'Relationship') return;
      const target = el.attrs['Target'] ?? '';
      const external = el.attrs['TargetMode'] === 'External';
      rels.push({ type: el.attrs['Type'] ?? '', target: external ? target : resolvePart(base, target), external });
    },
  });
  return rels;
}

function relsPathFor(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** Simple text-valued properties from docProps/core.xml. */
function readCore(zip: ZipReader): Record<string, string> {
  const entry = zip.get('docProps/core.xml');
  const props: Record<string, string> = {};
  if (!entry) return props;
  const names: Record<string, string> = {
    'dc:title': 'title',
    'dc:subject': 'subject',
    'dc:creator': 'creator',
    'dc:description': 'description',
    'cp:keywords': 'keywords',
    'cp:category': 'category',
    'cp:lastModifiedBy': 'lastModifiedBy',
    'dcterms:created': 'created',
    'dcterms:modified': 'modified',
  };
  let key: string | undefined;
  let parts: string[] = [];
  parseXml(zip.textOf(entry), {
    open(el) {
      key = names[el.name];
      parts = [];
    },
    text(t) {
      if (key) parts.push(t);
    },
    close() {
      if (key) {
        const v = squash(parts.join(''));
        if (v) props[key] = v;
      }
      key = undefined;
    },
  });
  return props;
}

/** docProps/custom.xml: name → value (sensitivity labels live here as MSIP_Label_<guid>_Name). */
function readCustom(zip: ZipReader): Record<string, string> {
  const entry = zip.get('docProps/custom.xml');
  const props: Record<string, string> = {};
  if (!entry) return props;
  let name: string | undefined;
  let parts: string[] = [];
  let depth = 0;
  parseXml(zip.textOf(entry), {
    open(el) {
      depth++;
      if (el.name === 'op:property') {
        name = el.attrs['name'];
        parts = [];
      }
    },
    text(t) {
      if (name && depth >= 3) parts.push(t);
    },
    close(n) {
      depth--;
      if (n === 'op:property' && name) {
        props[name] = squash(parts.join(''));
        name = undefined;
      }
    },
  });
  return props;
}

function partNumber(name: string): number {
  const m = /(\d+)\.xml$/i.exec(name);
  return m ? Number(m[1]) : 0;
}

export function readDocxZip(path: string, zip: ZipReader): IngestResult {
  const warnings: string[] = [];
  // the main part, through the package relationships
  const pkgRels = readRels(zip, '_rels/.rels', '');
  const mainRel = pkgRels.find((r) => /\/officeDocument$/.test(r.type) && !r.external);
  let main = mainRel && zip.get(mainRel.target) ? mainRel.target : 'word/document.xml';
  const mainEntry = zip.get(main);
  if (!mainEntry) {
    throw new InputError(`${path} is not a valid Word document (it has no word/document.xml; it may be another kind of zip file)`, 'input/unsupported');
  }
  main = mainEntry.name;
  const rels = readRels(zip, relsPathFor(main), main).filter((r) => !r.external);
  const relOf = (suffix: string) => rels.filter((r) => r.type.endsWith(`/${suffix}`)).map((r) => r.target);
  const stylesPath = relOf('styles')[0] ?? resolvePart(main, 'styles.xml');

  const notesParts = ['footnotes', 'endnotes'].map((kind) => relOf(kind)[0] ?? resolvePart(main, `${kind}.xml`));
  // headers then footers (first-page, even and default ones are read in part order)
  let headerParts = [...relOf('header')].sort((a, b) => partNumber(a) - partNumber(b));
  let footerParts = [...relOf('footer')].sort((a, b) => partNumber(a) - partNumber(b));
  if (headerParts.length === 0 && footerParts.length === 0) {
    const dir = main.slice(0, main.lastIndexOf('/') + 1);
    const inDir = zip.names().filter((n) => n.startsWith(dir) && !n.slice(dir.length).includes('/'));
    headerParts = inDir.filter((n) => /\/header\d*\.xml$/i.test(n)).sort((a, b) => partNumber(a) - partNumber(b));
    footerParts = inDir.filter((n) => /\/footer\d*\.xml$/i.test(n)).sort((a, b) => partNumber(a) - partNumber(b));
  }
  // inflate (and count) every part before parsing any: a zip bomb is refused without being parsed
  for (const part of [main, stylesPath, ...notesParts, ...headerParts, ...footerParts, 'docProps/core.xml', 'docProps/custom.xml']) {
    const entry = zip.get(part);
    if (entry) zip.measure(entry);
  }

  const stylesEntry = zip.get(stylesPath);
  const styles = new StyleResolver(readStyles(stylesEntry ? zip.textOf(stylesEntry) : undefined));
  const out = new LineAssembler();
  const tables = { n: 0 };
  const readStory = (entryName: string, as: 'body' | 'header' | 'notes', into: LineAssembler = out) => {
    const entry = zip.get(entryName);
    if (!entry) return;
    const story = new StoryReader(into, styles, tables, as);
    parseEntry(zip, entry, { open: (el) => story.open(el), close: (n) => story.close(n), text: (t) => story.text(t) });
  };

  readStory(main, 'body');
  const bodyBlocks = out.blocks.length;
  for (const part of notesParts) readStory(part, 'notes');

  const headerAssembler = new LineAssembler();
  for (const part of [...new Set([...headerParts, ...footerParts])]) readStory(part, 'header', headerAssembler);
  const seen = new Set<string>();
  for (const b of headerAssembler.blocks) {
    if (seen.has(b.text)) continue;
    seen.add(b.text);
    const { text, start: _s, end: _e, ...rest } = b;
    out.add(text, rest as Omit<Block, 'text' | 'start' | 'end'>);
  }

  if (bodyBlocks === 0) warnings.push('the document body has no text');
  const meta: IngestResult['meta'] = {};
  const core = readCore(zip);
  if (core.title) meta.title = core.title;
  if (Object.keys(core).length) meta.properties = core;
  const custom = readCustom(zip);
  if (Object.keys(custom).length) {
    meta.customProperties = custom;
    const label = Object.entries(custom).find(([k]) => /^MSIP_Label_.*_Name$/i.test(k));
    if (label && label[1]) meta.sensitivityLabel = label[1];
  }
  return { format: 'docx', text: out.toString(), blocks: out.blocks, meta, warnings };
}

/** .docx: Word's Office Open XML package. */
export const readDocx: Reader = async ({ path, bytes, limits, depth }) => {
  const zip = openOfficeZip(path, bytes, limits, FORMAT);
  const names = zip.names();
  const hasWord = names.some((n) => n.toLowerCase() === 'word/document.xml') || zip.has('_rels/.rels');
  if (!hasWord && zip.has('content.xml') && zip.has('mimetype')) {
    // an OpenDocument text saved with the wrong extension: read it as what it is
    const { readOdt } = await import('./odt.js');
    const result = await readOdt({ path, bytes, limits, depth });
    return { ...result, warnings: [...(result.warnings ?? []), 'the file is named .docx but is an OpenDocument text (.odt); read as .odt'] };
  }
  if (!hasWord) {
    if (names.some((n) => n.startsWith('xl/'))) throw new InputError(`${path} is not a Word document: it is an Excel workbook (.xlsx)`, 'input/unsupported');
    if (names.some((n) => n.startsWith('ppt/'))) throw new InputError(`${path} is not a Word document: it is a PowerPoint presentation (.pptx)`, 'input/unsupported');
  }
  try {
    return readDocxZip(path, zip);
  } catch (e) {
    throw zipFailure(path, e, FORMAT, limits);
  }
};
