/**
 * Markdown for a pull-request comment or an email to Democratic Services: the verdict, then one table per
 * file that needs attention (where, severity, rule, problem, why, what to do), then the files that are clear.
 * What the reader noticed about a file (`FileResult.warnings`) is a short "Note:" list under its heading, or
 * under its entry in the clear list. All text from results is escaped (no raw HTML, no table breakage, no
 * @-mentions).
 */
import { verdict } from './stylish.js';
import { plural, prepare, readerNotes, shortPlace, totals, type ReportFile } from './common.js';
import { escapeMarkdownCell as md } from './escape.js';
import type { Formatter } from './types.js';

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function fileSection(file: ReportFile): string[] {
  const r = file.result;
  const about = [r.kind, r.audience ? `audience: ${r.audience}` : '', `${plural(r.errorCount, 'error')}, ${plural(r.warningCount, 'warning')}`]
    .filter(Boolean)
    .join(' · ');
  const out = [`#### ${md(file.path)} — needs attention`, '', md(about), ''];
  const notes = readerNotes(r);
  if (notes.length > 0) out.push(...notes.map((n) => `- Note: ${md(n)}`), '');
  out.push('| Where | Severity | Rule | Problem | Why (clause) | What to do |', '| --- | --- | --- | --- | --- | --- |');
  for (const f of file.findings) {
    const where = (f.attachment ? `${md(f.attachment)}<br>` : '') + shortPlace(f);
    const severity = f.severity === 2 ? '**Error**' : 'Warning';
    const text = f.context ?? f.excerpt;
    const problem = md(f.message) + (text ? `<br>“${md(text)}”` : '') + (f.notes?.length ? `<br>${f.notes.map((n) => `Note: ${md(n)}`).join('<br>')}` : '');
    out.push(`| ${where} | ${severity} | ${code(f.ruleId)} | ${problem} | ${md(f.clause ?? '')} | ${md(f.suggestion ?? '')} |`);
  }
  out.push('');
  return out;
}

export const markdown: Formatter = (results, ctx) => {
  const files = prepare(results, ctx.cwd);
  const t = totals(results);
  const clear = files.filter((f) => f.findings.length === 0);
  const mark = t.errors > 0 ? '❌' : t.warnings > 0 ? '⚠️' : '✅';
  const facts = [
    `${plural(t.files, 'file')} checked`,
    `${t.filesWithProblems} need${t.filesWithProblems === 1 ? 's' : ''} attention`,
    `${clear.length} clear`,
  ];
  if (t.suppressed) facts.push(`${plural(t.suppressed, 'finding')} suppressed by directives`);
  if (t.filesWithNotes) facts.push(`${plural(t.filesWithNotes, 'file')} with notes from reading`);
  const out = ['### protocol-lint report', '', `${mark} **${md(verdict(results))}**`, '', facts.join(' · '), ''];
  for (const file of files) if (file.findings.length > 0) out.push(...fileSection(file));
  if (clear.length > 0) {
    out.push('#### Clear', '');
    for (const file of clear) {
      out.push(`- ${md(file.path)} (${md(file.result.kind)})`);
      for (const n of readerNotes(file.result)) out.push(`  - Note: ${md(n)}`);
    }
    out.push('');
  }
  return out.join('\n');
};
