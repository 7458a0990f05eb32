import path from 'node:path';
import type { AuditReport } from '../audit/types.js';
import { csvField, escapeMarkdownCell } from './escape.js';

/** Formatters for `protocol-lint audit` reports. Plain functions, no I/O. */
export type AuditFormatter = (report: AuditReport, ctx: { cwd: string }) => string;


export const auditJson: AuditFormatter = (report) => JSON.stringify(report, null, 2) + '\n';

/** One row per finding, plus one row per item that is clear, so a spreadsheet shows every item's status. */
export const auditCsv: AuditFormatter = (report, ctx) => {
  const rows = [['file', 'meeting', 'item', 'item title', 'pages', 'status', 'page', 'line', 'severity', 'ruleId', 'clause', 'excerpt', 'message', 'suggestion']];
  for (const f of report.files) {
    const file = path.relative(ctx.cwd, f.filePath) || f.filePath;
    for (const it of f.items) {
      const pages = it.firstPage ? (it.firstPage === it.lastPage ? `${it.firstPage}` : `${it.firstPage}-${it.lastPage}`) : '';
      const itemLabel = it.item ?? (it.role === 'frontsheet' ? 'frontsheet' : '');
      if (it.messages.length === 0) rows.push([file, f.meeting ?? '', itemLabel, it.title ?? '', pages, it.status, '', '', '', '', '', '', '', '']);
      for (const m of it.messages) {
        rows.push([file, f.meeting ?? '', itemLabel, it.title ?? '', pages, it.status, m.page !== undefined ? String(m.page) : '', String(m.line), m.severity === 2 ? 'error' : 'warning', m.ruleId, m.clause ?? '', m.excerpt ?? '', m.message, m.suggestion ?? '']);
      }
    }
  }
  return rows.map((r) => r.map((c) => csvField(c)).join(',')).join('\r\n') + '\r\n';
};

function md(s: string | undefined): string {
  return escapeMarkdownCell(s ?? '');
}

export const auditMarkdown: AuditFormatter = (report, ctx) => {
  const s = report.summary;
  const out = [
    '# protocol-lint audit',
    '',
    `${s.files} file(s), ${s.items} item(s): ${s.itemsNeedingAttention} need attention, ${s.errors} error(s), ${s.warnings} warning(s)${s.unreadable ? `, ${s.unreadable} unreadable file(s)` : ''}.`,
    '',
  ];
  for (const f of report.files) {
    out.push(`## ${md(path.relative(ctx.cwd, f.filePath) || f.filePath)}${f.meeting ? ` — ${md(f.meeting)}` : ''}`, '');
    if (f.note) out.push(`_${md(f.note)}_`, '');
    out.push('| Item | Title | Pages | Status | Findings |', '|---|---|---|---|---|');
    for (const it of f.items) {
      out.push(`| ${md(it.item ?? it.role)} | ${md(it.title)} | ${it.firstPage ? `${it.firstPage}${it.lastPage !== it.firstPage ? `-${it.lastPage}` : ''}` : ''} | ${it.status} | ${it.messages.map((m) => `${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId}${m.page ? ` (p${m.page})` : ''}: ${md(m.message)}`).join('<br>')} |`);
    }
    for (const x of f.listedNotIncluded) out.push(`| ${md(x.item)} | ${md(x.title)} |  | not in this pack |  |`);
    out.push('');
  }
  return out.join('\n');
};
