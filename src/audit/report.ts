import type { AuditFile, AuditReport, AuditSummary } from './types.js';

/**
 * The rule the audit reports per item for an exempt item printed in a public pack
 * (rules/confidential/exempt-item-in-public-pack.ts; named here so this module need not load the rules).
 */
export const EXEMPT_IN_PUBLIC_PACK = 'confidential/exempt-item-in-public-pack';

/** Totals of an audit: files, unreadable files, items, items needing attention, findings by family and rule. */
export function summarise(files: AuditFile[]): AuditSummary {
  const s: AuditSummary = { files: files.length, unreadable: 0, items: 0, itemsNeedingAttention: 0, errors: 0, warnings: 0, byFamily: {}, byRule: {} };
  for (const f of files) {
    if (f.structure === 'unreadable') s.unreadable++;
    for (const it of f.items) {
      s.items++;
      if (it.status !== 'clear') s.itemsNeedingAttention++;
      for (const m of it.messages) {
        const family = m.ruleId.split('/')[0]!;
        const fam = (s.byFamily[family] ??= { errors: 0, warnings: 0 });
        if (m.severity === 2) {
          s.errors++;
          fam.errors++;
        } else {
          s.warnings++;
          fam.warnings++;
        }
        s.byRule[m.ruleId] = (s.byRule[m.ruleId] ?? 0) + 1;
      }
    }
  }
  return s;
}

export function makeReport(files: AuditFile[], version: string): AuditReport {
  const sorted = [...files].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  return { tool: 'protocol-lint', version, kind: 'audit', files: sorted, summary: summarise(sorted) };
}

/** Combine audit JSON reports (from shards) into one. Files audited twice keep the later report's entry. */
export function mergeReports(reports: AuditReport[], version: string): AuditReport {
  const byPath = new Map<string, AuditFile>();
  for (const r of reports) for (const f of r.files) byPath.set(f.filePath, f);
  return makeReport([...byPath.values()], version);
}
