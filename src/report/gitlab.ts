/**
 * GitLab Code Quality report (artifacts:reports:codequality): a JSON array of issues.
 * `fingerprint` is stable across runs and unique per finding (see `findingIds`), which is what GitLab uses to
 * tell new problems from fixed ones in a merge request. Errors are `major`, warnings `minor`. What the reader
 * noticed about a file (`FileResult.warnings`) is not an issue and is left out: Code Quality has no place for
 * notes, and an issue would be counted as a new or fixed problem in the merge request widget.
 */
import { prepare } from './common.js';
import type { Formatter } from './types.js';

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

export const gitlab: Formatter = (results, ctx) => {
  const issues: CodeQualityIssue[] = [];
  for (const file of prepare(results, ctx.cwd)) {
    file.findings.forEach((f, i) => {
      const where = [f.attachment ? `attachment “${f.attachment}”` : '', f.page !== undefined ? `page ${f.page}` : ''].filter(Boolean).join(', ');
      let description = f.message;
      if (where) description += ` (${where})`;
      if (f.clause) description += ` — ${f.clause}`;
      issues.push({
        description,
        check_name: f.ruleId,
        fingerprint: file.ids[i]!,
        severity: f.severity === 2 ? 'major' : 'minor',
        location: { path: file.path, lines: { begin: Number.isInteger(f.line) && f.line >= 1 ? f.line : 1 } },
      });
    });
  }
  return JSON.stringify(issues, null, 2) + '\n';
};
