import type { AuditReport } from '../audit/types.js';

// PLACEHOLDER until the self-contained HTML audit report lands.
export function auditHtml(report: AuditReport, _ctx: { cwd: string }): string {
  return `<!doctype html><meta charset="utf-8"><title>protocol-lint audit</title><pre>${JSON.stringify(report.summary).replace(/</g, '&lt;')}</pre>`;
}
