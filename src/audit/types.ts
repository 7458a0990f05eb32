import type { Audience, Finding, Format, Kind } from '../types.js';

export type ItemStatus = 'clear' | 'needs attention';

/** One agenda item (or a whole document) in an audit. */
export interface AuditItem {
  /** Agenda item number as printed, when there is one. */
  item?: string;
  role: 'frontsheet' | 'item' | 'document';
  title?: string;
  firstPage?: number;
  lastPage?: number;
  kind: Kind;
  classification?: string;
  audience: Audience;
  status: ItemStatus;
  messages: Finding[];
  errorCount: number;
  warningCount: number;
  /** For a part of a pack: what put the boundary here ("\"Agenda Item N\" page headers", ...). */
  boundary?: string;
  /** The part is only a notice that an exempt report was left out of this pack. */
  withheld?: boolean;
}

/** One file in an audit: a pack split into items, a loose document, or a file that could not be read. */
export interface AuditFile {
  filePath: string;
  format?: Format;
  structure: 'split' | 'whole' | 'single' | 'unreadable';
  /** How the file was read ("Split into 5 parts using ..."; "checked as a whole because ..."). */
  note?: string;
  /** Meeting name and date, when the pack says (e.g. "Cabinet - 11 March 2027"). */
  meeting?: string;
  /** For a pack: who reads it ("public" for a public reports pack, "members" for a Part 2 pack). */
  audience?: Audience;
  /** For a PDF pack: its number of pages. */
  pages?: number;
  items: AuditItem[];
  /** Items the frontsheet lists but the pack does not include (exempt items left out). */
  listedNotIncluded: Array<{ item: string; title: string }>;
  /** Notes from reading the file ("read as Windows-1252", an attachment not checked), when there are any. */
  warnings?: string[];
  errorCount: number;
  warningCount: number;
}

export interface AuditSummary {
  files: number;
  unreadable: number;
  items: number;
  itemsNeedingAttention: number;
  errors: number;
  warnings: number;
  byFamily: Record<string, { errors: number; warnings: number }>;
  byRule: Record<string, number>;
}

export interface AuditReport {
  tool: 'protocol-lint';
  version: string;
  kind: 'audit';
  files: AuditFile[];
  summary: AuditSummary;
}
