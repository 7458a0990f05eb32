import type { FileResult } from '../types.js';

export interface RuleInfo {
  id: string;
  description: string;
  clause?: string;
  defaultSeverity: string;
  suggestion?: string;
  /** Markdown help text (the rule's docs). */
  help?: string;
}

export interface ReportContext {
  cwd: string;
  color: boolean;
  /** Metadata of every rule that may appear in the results. */
  rules: Map<string, RuleInfo>;
  toolVersion: string;
}

/** A formatter turns results into the text of a report. Plain function, no I/O. */
export type Formatter = (results: FileResult[], context: ReportContext) => string;
