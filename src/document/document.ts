import type { Attachment, Audience, Block, Format, IngestResult, Kind, Point } from '../types.js';
import { SKIPPED_BLOCK_TYPES } from '../types.js';
import type { DocMeta } from './meta.js';
import { splitSentences } from '../language/sentences.js';
import { lineAt, lineStarts, pageAt } from '../util/positions.js';

/** One checked text: the document itself (index 0) or an email attachment. */
export interface Source {
  /** Attachment file name; undefined for the document itself. */
  attachment?: string;
  format: Format;
  text: string;
  pageStarts?: number[];
}

export interface Sentence {
  text: string;
  /** Index of the block in `Document.blocks`. */
  block: number;
  /** Start and end indices in the block's text. */
  start: number;
  end: number;
}

export interface Location extends Point {
  page?: number;
  attachment?: string;
}

export interface DocumentInit {
  path: string;
  ingest: IngestResult;
  kind: Kind;
  kindReason: string;
  audience: Audience;
  audienceReasons: string[];
  meta: DocMeta;
}

/**
 * The one model every rule sees, whatever the input format.
 * Sentences and line indexes are computed once and shared by every rule.
 */
export class Document {
  readonly path: string;
  readonly format: Format;
  readonly kind: Kind;
  readonly kindReason: string;
  readonly audience: Audience;
  readonly audienceReasons: string[];
  readonly meta: DocMeta;
  readonly sources: Source[];
  readonly blocks: Block[];
  readonly warnings: string[];
  private sentenceCache?: Sentence[];
  private lineStartCache = new Map<number, number[]>();

  constructor(init: DocumentInit) {
    this.path = init.path;
    this.format = init.ingest.format;
    this.kind = init.kind;
    this.kindReason = init.kindReason;
    this.audience = init.audience;
    this.audienceReasons = init.audienceReasons;
    this.meta = init.meta;
    this.sources = [{ format: init.ingest.format, text: init.ingest.text, pageStarts: init.ingest.pageStarts }];
    this.blocks = [...init.ingest.blocks];
    this.warnings = [...(init.ingest.warnings ?? [])];
    this.addAttachments(init.ingest.attachments ?? [], '');
  }

  /** Attachments, and attachments of attached emails, become extra sources ("fw.eml › report.docx"). */
  private addAttachments(attachments: Attachment[], prefix: string): void {
    for (const att of attachments) {
      if (!att.document) continue;
      const name = prefix ? `${prefix} › ${att.name}` : att.name;
      const index = this.sources.length;
      this.sources.push({ attachment: name, format: att.document.format, text: att.document.text, pageStarts: att.document.pageStarts });
      for (const b of att.document.blocks) this.blocks.push({ ...b, source: index });
      for (const w of att.document.warnings ?? []) this.warnings.push(`${name}: ${w}`);
      this.addAttachments(att.document.attachments ?? [], name);
    }
  }

  /** The document's own checked text. */
  get text(): string {
    return this.sources[0]!.text;
  }

  /** Blocks that rules look at by default (not quoted replies, signatures, disclaimers, headers). */
  get ownBlocks(): Block[] {
    return this.blocks.filter((b) => !SKIPPED_BLOCK_TYPES.has(b.type));
  }

  /** Sentences of every block, in block order (skipped block types included; check `blocks[s.block].type`). */
  get sentences(): Sentence[] {
    if (!this.sentenceCache) {
      const out: Sentence[] = [];
      this.blocks.forEach((b, i) => {
        for (const s of splitSentences(b.text)) out.push({ text: s.text, block: i, start: s.start, end: s.end });
      });
      this.sentenceCache = out;
    }
    return this.sentenceCache;
  }

  /** Source offset of character `index` of a block's text. */
  offsetOf(block: Block, index: number): number {
    const map = block.map;
    if (!map || map.length === 0) return block.start + index;
    let k = 0;
    // binary search for the last pair with textIndex <= index
    let lo = 0;
    let hi = map.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (map[mid * 2]! <= index) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return map[k * 2 + 1]! + (index - map[k * 2]!);
  }

  /** Line/column (1-based), page and attachment of character `index` of a block's text. */
  locate(block: Block, index: number): Location {
    const sourceIndex = block.source ?? 0;
    const source = this.sources[sourceIndex]!;
    const offset = Math.max(0, Math.min(this.offsetOf(block, index), source.text.length));
    const starts = this.lineStarts(sourceIndex);
    const line = lineAt(starts, offset);
    const loc: Location = { line, column: offset - starts[line - 1]! + 1, offset };
    const page = block.page ?? pageAt(source.pageStarts, offset);
    if (page !== undefined) loc.page = page;
    if (source.attachment) loc.attachment = source.attachment;
    return loc;
  }

  private lineStarts(sourceIndex: number): number[] {
    let starts = this.lineStartCache.get(sourceIndex);
    if (!starts) {
      starts = lineStarts(this.sources[sourceIndex]!.text);
      this.lineStartCache.set(sourceIndex, starts);
    }
    return starts;
  }
}
