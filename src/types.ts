/**
 * Core types shared by every stage: ingest ─▶ document ─▶ engine ─▶ report.
 * Readers never judge; rules never read files; the engine never prints.
 */

export const KINDS = [
  'email',
  'report',
  'press-release',
  'newsletter',
  'social-post',
  'minutes',
  'agenda',
  'letter',
  'other',
] as const;
export type Kind = (typeof KINDS)[number];

export const AUDIENCES = ['internal', 'members', 'external', 'press', 'public'] as const;
export type Audience = (typeof AUDIENCES)[number];

export type Format = 'markdown' | 'text' | 'html' | 'eml' | 'msg' | 'docx' | 'odt' | 'pdf';

/**
 * Block types. Rules skip `quoted-reply`, `signature`, `disclaimer`, `front-matter`, `code`
 * and `header` blocks by default (see `SKIPPED_BLOCK_TYPES`).
 */
export type BlockType =
  | 'heading'
  | 'paragraph'
  | 'list-item'
  | 'table-cell'
  | 'quote' // a blockquote in the document's own text (not an earlier email)
  | 'quoted-reply' // an earlier email quoted in a reply or forward
  | 'signature'
  | 'disclaimer'
  | 'header' // email header line, or a PDF running header/footer
  | 'front-matter'
  | 'code';

export const SKIPPED_BLOCK_TYPES: ReadonlySet<BlockType> = new Set([
  'quoted-reply',
  'signature',
  'disclaimer',
  'header',
  'front-matter',
  'code',
]);

/** A place in a source text. `line` and `column` are 1-based; `offset` is 0-based (UTF-16 units). */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/**
 * One unit of text, with where it came from.
 *
 * `text` is the block's plain text (markup removed). `start`/`end` are offsets into the source text
 * (`Document.sources[block.source].text`). When `text` is a verbatim slice of the source
 * (`source.text.slice(start, end) === text`) `map` is omitted. Otherwise `map` is a flat list of
 * pairs `[textIndex0, sourceOffset0, textIndex1, sourceOffset1, ...]` sorted by textIndex: character `i`
 * of `text` sits at `sourceOffset_k + (i - textIndex_k)` for the last `k` with `textIndex_k <= i`.
 */
export interface Block {
  type: BlockType;
  text: string;
  start: number;
  end: number;
  map?: number[];
  /** Index into `Document.sources` (0 = the document itself; >0 = an attachment). */
  source?: number;
  /** 1-based page for PDF. */
  page?: number;
  /** Heading depth (1-6). */
  depth?: number;
  /** Table coordinates for table cells (0-based). */
  table?: { table: number; row: number; cell: number };
  /** For quoted-reply blocks: nesting depth of the quote. */
  quoteDepth?: number;
}

/** What a reader returns for one file (or one attachment). */
export interface IngestResult {
  format: Format;
  /** The checked text: every position in a finding is a line/column in this text. */
  text: string;
  blocks: Block[];
  /** Raw facts the file states about itself: email headers, front matter, docx core properties. */
  meta: RawMeta;
  /** For PDF: offset in `text` where each page starts (pageStarts[0] === 0). */
  pageStarts?: number[];
  attachments?: Attachment[];
  /** Non-fatal problems a reader noticed (e.g. "attachment x.zip skipped: unsupported"). */
  warnings?: string[];
}

export interface RawMeta {
  /** YAML front matter or equivalent structured metadata. */
  frontMatter?: Record<string, unknown>;
  /** Email headers, lower-cased names. Address headers are parsed. */
  email?: EmailHeaders;
  /** Anything else a reader wants to expose (docx core properties, html <title>). */
  [key: string]: unknown;
}

export interface Address {
  name?: string;
  address: string;
}

export interface EmailHeaders {
  from?: Address[];
  to?: Address[];
  cc?: Address[];
  bcc?: Address[];
  date?: string; // ISO 8601 when parseable, else as written
  subject?: string;
}

export interface Attachment {
  name: string;
  contentType?: string;
  size: number;
  /** Present when the attachment is a checkable document (.docx, .pdf, .txt, ...). */
  document?: IngestResult;
  /** Why an attachment was not checked, if it was not. */
  skipped?: string;
}

export interface ReadLimits {
  /** Maximum bytes read from one file. */
  maxFileBytes: number;
  /** Maximum total decompressed bytes from one archive (.docx/.odt) before it is treated as a zip bomb. */
  maxDecompressedBytes: number;
  /** Maximum attachment nesting. */
  maxDepth: number;
  /**
   * Maximum characters of extracted text checked in one document (attachments included). A larger file is
   * reported as input/unreadable: no council draft is this long, and checking it would take minutes.
   */
  maxTextChars: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxDecompressedBytes: 200 * 1024 * 1024,
  maxDepth: 3,
  maxTextChars: 16 * 1024 * 1024,
};

export interface ReaderInput {
  /** Path (or the --stdin-filename name) used in messages. */
  path: string;
  bytes: Uint8Array;
  limits: ReadLimits;
  /** Current attachment depth (0 for a file on disk). */
  depth: number;
}

export type Reader = (input: ReaderInput) => Promise<IngestResult>;

/** A reader's way to say "this file cannot be read" with a message meant for a person. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly ruleId: 'input/unreadable' | 'input/unsupported' = 'input/unreadable',
  ) {
    super(message);
    this.name = 'InputError';
  }
}

// ─── Findings ────────────────────────────────────────────────────────────────

export type SeverityName = 'off' | 'warning' | 'error';
export type Severity = 1 | 2;

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  clause?: string;
  suggestion?: string;
  page?: number;
  /** Name of the email attachment the finding is in. */
  attachment?: string;
  /** The text the finding covers (masked when it is personal data). */
  excerpt?: string;
  /** The whole sentence around the finding, for officers reading the report (masked as excerpt). */
  context?: string;
  /** Stable fingerprint: rule + normalised excerpt + file (used by baseline and SARIF). */
  fingerprint?: string;
  /** Extra notes (e.g. "standards committees only"). */
  notes?: string[];
}

export interface FileResult {
  filePath: string;
  kind: Kind;
  format?: Format;
  audience?: Audience;
  messages: Finding[];
  errorCount: number;
  warningCount: number;
  /** Findings hidden by suppression directives (counted, not shown). */
  suppressedCount?: number;
  /**
   * What the reader noticed about the file that is not a finding, in words for a person (e.g. "the body is not
   * valid UTF-8; read as windows-1252", "attachment photos.zip was not checked (...)"): part of the file may not
   * have been read as its author thinks. Present only when there is at least one; not counted in
   * `errorCount`/`warningCount` and never a reason to fail the run. Readers do not quote the document here.
   */
  warnings?: string[];
}
