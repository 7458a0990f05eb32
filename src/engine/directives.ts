import type { Finding } from '../types.js';
import type { Document } from '../document/document.js';
import type { VerifyResult } from './verify.js';
import { fingerprintOf } from './fingerprint.js';
import { compareText } from '../util/compare.js';

/**
 * Suppression directives, as in the contract:
 *   <!-- protocol-lint-disable-next-line ruleId -- reason -->   (Markdown/HTML)
 *   protocol-lint-disable-next-line ruleId -- reason            (a line of plain text)
 * Several rule ids may be given, separated by commas; `officer/*` or `officer` covers a family.
 * A reason is required; a directive without one suppresses nothing and is reported
 * (`directive/missing-reason`), and a directive that suppresses nothing is reported (`directive/unused`).
 */
const DIRECTIVE = /protocol-lint-disable-next-line\b([^\n]*)/;

export interface Directive {
  line: number;
  column: number;
  target: number;
  rules: string[];
  reason?: string;
  attachment?: string;
  used: boolean;
}

export function parseDirectives(text: string, attachment?: string): Directive[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Directive[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]!);
    if (!m) continue;
    const body = m[1]!.replace(/-->\s*$/, '').trim();
    const [rulePart, ...reasonParts] = body.split(/\s--\s|\s--$|^--\s/);
    const reason = reasonParts.join(' -- ').replace(/-->\s*$/, '').trim();
    const rules = (rulePart ?? '')
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    // the target is the next line that is not blank and not another directive
    let t = i + 1;
    while (t < lines.length && (lines[t]!.trim() === '' || DIRECTIVE.test(lines[t]!))) t++;
    out.push({ line: i + 1, column: m.index + 1, target: t + 1, rules, reason: reason || undefined, attachment, used: false });
  }
  return out;
}

function covers(rule: string, ruleId: string): boolean {
  if (rule === ruleId) return true;
  const family = rule.replace(/\/\*$/, '');
  return !family.includes('/') && ruleId.startsWith(family + '/');
}

/**
 * Apply the document's suppression directives to its findings. `checked` is the ids of the rules in this run
 * (every rule when not given): a directive naming only rules outside it (a caller that runs one family, say)
 * cannot be judged, so it is not reported as unused. A rule turned off in config is in the run: a directive
 * for it suppresses nothing, and is reported.
 */
export function applyDirectives(doc: Document, findings: Finding[], checked?: ReadonlySet<string>): VerifyResult {
  const directives: Directive[] = [];
  for (const source of doc.sources) {
    if (!source.text.includes('protocol-lint-disable')) continue;
    directives.push(...parseDirectives(source.text, source.attachment));
  }
  if (directives.length === 0) return { findings, suppressedCount: 0 };
  const kept: Finding[] = [];
  let suppressedCount = 0;
  for (const f of findings) {
    // a directive line is an instruction to the linter, not part of the document's text
    if (directives.some((x) => x.attachment === f.attachment && f.line === x.line && f.endLine === x.line)) continue;
    const d = directives.find(
      (x) =>
        x.reason &&
        x.attachment === f.attachment &&
        f.line <= x.target &&
        f.endLine >= x.target &&
        x.rules.some((r) => covers(r, f.ruleId)),
    );
    if (d) {
      d.used = true;
      suppressedCount++;
    } else kept.push(f);
  }
  for (const d of directives) {
    const base: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn' | 'attachment'> = { line: d.line, column: d.column, endLine: d.line, endColumn: d.column };
    if (d.attachment) base.attachment = d.attachment;
    const fingerprint = fingerprintOf('directive', `${d.rules.join(',')} ${d.reason ?? ''}`);
    if (!d.reason) {
      kept.push({
        ...base,
        ruleId: 'directive/missing-reason',
        fingerprint,
        severity: 2,
        message: `Suppression directive for ${d.rules.join(', ') || '(no rule)'} has no reason, so it suppresses nothing.`,
        suggestion: 'Add the reason after " -- ", e.g. "protocol-lint-disable-next-line officer/derogatory-reference -- quoted from the complaint under investigation".',
      });
    } else if (!d.used && (!checked || d.rules.some((r) => [...checked].some((id) => covers(r, id))))) {
      kept.push({
        ...base,
        ruleId: 'directive/unused',
        fingerprint,
        severity: 1,
        message: `Suppression directive for ${d.rules.join(', ') || '(no rule)'} suppresses nothing on line ${d.target}.`,
        suggestion: 'Remove the directive, or move it to the line before the finding it is meant for.',
      });
    }
  }
  kept.sort((a, b) => compareText(a.attachment ?? '', b.attachment ?? '') || a.line - b.line || a.column - b.column);
  return { findings: kept, suppressedCount };
}
