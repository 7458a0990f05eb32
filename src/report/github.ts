/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
 *
 *   ::error file=reports/cabinet.md,line=12,col=1,endLine=12,endColumn=40,title=…::message
 *
 * Property values escape `%`, CR, LF, `:` and `,`; the message escapes `%`, CR and LF (newlines in the
 * message are kept as %0A, which GitHub shows as line breaks). A finding's text therefore cannot start a
 * workflow command of its own.
 *
 * What the reader noticed about a file (`FileResult.warnings`: a legacy encoding, front matter ignored, an
 * attachment not checked) is a `::notice` on the file, with no line (it is about the whole file), before the
 * file's findings:
 *
 *   ::notice file=inbox/fee.eml,title=protocol-lint note from reading the file::the body is not valid UTF-8; read as windows-1252
 */
import type { Finding } from '../types.js';
import { prepare, readerNotes, severityName } from './common.js';
import { escapeGithubData, escapeGithubProperty } from './escape.js';
import type { Formatter } from './types.js';

function body(f: Finding): string {
  const lines = [f.message];
  const where = [f.attachment ? `attachment “${f.attachment}”` : '', f.page !== undefined ? `page ${f.page}` : ''].filter(Boolean).join(', ');
  if (where) lines.push(`In ${where}.`);
  if (f.context || f.excerpt) lines.push(`Text: “${f.context ?? f.excerpt}”`);
  if (f.clause) lines.push(`Why: ${f.clause}`);
  if (f.suggestion) lines.push(`What to do: ${f.suggestion}`);
  for (const n of f.notes ?? []) lines.push(`Note: ${n}`);
  return lines.join('\n');
}

export const github: Formatter = (results, ctx) => {
  const out: string[] = [];
  for (const file of prepare(results, ctx.cwd)) {
    for (const n of readerNotes(file.result)) {
      const p = `file=${escapeGithubProperty(file.path)},title=${escapeGithubProperty('protocol-lint note from reading the file')}`;
      out.push(`::notice ${p}::${escapeGithubData(n)}`);
    }
    for (const f of file.findings) {
      const props: Array<[string, string | number]> = [
        ['file', file.path],
        ['line', f.line],
        ['col', f.column],
        ['endLine', f.endLine],
        ['endColumn', f.endColumn],
        ['title', `protocol-lint ${f.ruleId}`],
      ];
      const p = props.map(([k, v]) => `${k}=${escapeGithubProperty(String(v))}`).join(',');
      out.push(`::${severityName(f)} ${p}::${escapeGithubData(body(f))}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
};
