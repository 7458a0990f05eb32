import type { Audience, Block, BlockType, Kind, SeverityName } from '../types.js';
import type { Document, Sentence } from '../document/document.js';
import type { ResolvedConfig } from '../config/types.js';

export type Family = 'officer' | 'confidential' | 'ward' | 'publicity';

export interface RuleMeta {
  /** `<family>/<name>`; never renamed once released. */
  id: string;
  family: Family;
  /** One line, for `protocol-lint rules`. */
  description: string;
  /** The ★ protocol clause the rule rests on, as it appears in findings' `clause`. */
  clause: string;
  /** Other grounding, shown by `protocol-lint explain`. */
  grounding?: string[];
  defaultSeverity: SeverityName;
  /** Kinds the rule applies to; all kinds when absent. */
  kinds?: Kind[];
  /** Audiences the rule applies to; all audiences when absent. */
  audiences?: Audience[];
  /**
   * Block types the `block`/`sentence` visitors see in addition to the document's own text.
   * Quoted replies, signatures, disclaimers, headers, front matter and code are skipped otherwise.
   */
  includeBlockTypes?: BlockType[];
  /** Message templates by id; `{{name}}` is replaced with `data.name`. */
  messages: Record<string, string>;
  /** Default advice to the writer. */
  suggestion: string;
}

export interface ReportDescriptor {
  /** The block the finding is in (for whole-document findings, the block that best shows the problem). */
  block: Block;
  /** Start and end indices in the block's text (default: the whole block). */
  start?: number;
  end?: number;
  messageId: string;
  data?: Record<string, string | number>;
  /** Advice for this finding (defaults to the rule's suggestion). */
  suggestion?: string;
  /** A context-dependent default severity; a level set in config still wins. */
  severity?: Exclude<SeverityName, 'off'>;
  /** Override the clause for this finding (e.g. a lexicon entry's own clause). */
  clause?: string;
  /** The excerpt is personal data: reporters show its kind, never its text. */
  mask?: string;
  notes?: string[];
}

export interface RuleContext {
  readonly doc: Document;
  readonly config: ResolvedConfig;
  /** Options from config: `"rules": { "x/y": ["warning", { ... }] }`. */
  readonly options: Record<string, unknown>;
  readonly ruleId: string;
  report(descriptor: ReportDescriptor): void;
}

export interface RuleVisitors {
  block?(block: Block, index: number): void;
  sentence?(sentence: Sentence, block: Block): void;
  'document:exit'?(): void;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): RuleVisitors;
}

/** Fill `{{name}}` placeholders. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => (k in data ? String(data[k]) : `{{${k}}}`));
}
