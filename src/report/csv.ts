/**
 * CSV (RFC 4180: CRLF line ends, fields quoted when needed, quotes doubled), one row per finding, for a
 * spreadsheet or an audit log. Text cells that a spreadsheet would run as a formula are neutralised with a
 * leading apostrophe (see `csvField`). What the reader noticed about a file (`FileResult.warnings`) is not a
 * finding and has no row: a row without a rule or a line would break the one-finding-per-row shape that
 * spreadsheets and audit logs count on (the json, sarif, junit, github, markdown and html reports show it).
 */
import { prepare, severityName } from './common.js';
import { csvField } from './escape.js';
import type { Formatter } from './types.js';

export const CSV_HEADER = ['file', 'kind', 'line', 'column', 'page', 'attachment', 'severity', 'ruleId', 'message', 'clause', 'suggestion', 'excerpt'] as const;

export const csv: Formatter = (results, ctx) => {
  const rows: string[] = [CSV_HEADER.join(',')];
  for (const file of prepare(results, ctx.cwd)) {
    for (const f of file.findings) {
      const cells: Array<string | number | undefined> = [
        file.path,
        file.result.kind,
        f.line,
        f.column,
        f.page,
        f.attachment,
        severityName(f),
        f.ruleId,
        f.message,
        f.clause,
        f.suggestion,
        f.excerpt,
      ];
      rows.push(cells.map(csvField).join(','));
    }
  }
  return rows.join('\r\n') + '\r\n';
};
