import type { Rule, RuleMeta } from '../src/engine/rule.js';
import { rules as officer } from './officer/index.js';
import { rules as confidential } from './confidential/index.js';
import { rules as ward } from './ward/index.js';
import { rules as publicity } from './publicity/index.js';

/** The registry: every rule, in family order. ruleIds are never renamed once released. */
export function allRules(): readonly Rule[] {
  return [...officer, ...confidential, ...ward, ...publicity];
}

export function ruleIds(): ReadonlySet<string> {
  return new Set(allRules().map((r) => r.meta.id));
}

export function findRule(id: string): Rule | undefined {
  return allRules().find((r) => r.meta.id === id);
}

/** Rules outside the four families that the engine itself reports. */
export const BUILTIN_RULES: Array<Pick<RuleMeta, 'id' | 'description' | 'defaultSeverity' | 'suggestion'> & { clause?: string }> = [
  { id: 'input/unreadable', description: 'A file could not be read (empty, corrupt, encrypted, too large, or gone).', defaultSeverity: 'error', suggestion: 'Re-save or re-export the file and check it again.' },
  { id: 'input/unsupported', description: 'A file is in a format protocol-lint does not read.', defaultSeverity: 'error', suggestion: 'Save it as .docx, .odt, .pdf, .eml, .msg, .html, .md or .txt.' },
  { id: 'directive/missing-reason', description: 'A suppression directive gives no reason, so it suppresses nothing.', defaultSeverity: 'error', suggestion: 'Add " -- reason" after the rule id.' },
  { id: 'directive/unused', description: 'A suppression directive suppresses nothing.', defaultSeverity: 'warning', suggestion: 'Remove it, or move it to the line before the finding.' },
];
