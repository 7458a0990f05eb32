import path from 'node:path';
import { Chalk } from 'chalk';
import type { FileResult } from '../types.js';
import type { Formatter } from './types.js';
import { readerNotes } from './common.js';
import { withoutControls } from './escape.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The verdict line an officer reads before pressing send. */
export function verdict(results: FileResult[]): string {
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const total = errors + warnings;
  if (total === 0) return 'No problems found — OK to send';
  const files = results.filter((r) => r.messages.length > 0).length;
  const where = results.length > 1 ? ` in ${plural(files, 'file')}` : '';
  const detail = `(${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  if (errors === 0) return `${plural(warnings, 'warning')} to review before sending${where} ${detail}`;
  return `${plural(total, 'problem')} to fix before sending${where} ${detail}`;
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l)).join('\n');
}

/**
 * Human-readable report for a terminal: each problem with the sentence, why (the clause) and what to do.
 * What the reader noticed about a file (a legacy encoding, front matter ignored, an attachment not checked) is
 * a dim "note:" line under the file's heading, also for a file with no findings; the verdict counts findings only.
 */
export const stylish: Formatter = (results, ctx) => {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const out: string[] = [];
  const width = Math.max(60, Math.min(process.stdout.columns || 100, 120) - 14);
  let notesShown = 0;
  let filesWithNotes = 0;
  for (const r of results) {
    const notes = readerNotes(r);
    if (r.messages.length === 0 && notes.length === 0) continue;
    const rel = path.relative(ctx.cwd, r.filePath) || r.filePath;
    const about = [r.kind, r.audience ? `audience: ${r.audience}` : undefined].filter(Boolean).join(', ');
    out.push(`${c.underline(rel)} ${c.dim(`(${about})`)}`);
    // an attachment's name is the sender's text: no control characters reach the terminal
    for (const n of notes) out.push(c.dim(`  note: ${wrap(withoutControls(n), width, '        ')}`));
    notesShown += notes.length;
    if (notes.length > 0) filesWithNotes++;
    for (const m of r.messages) {
      const where = `${m.page !== undefined ? `p${m.page} ` : ''}${m.line}:${m.column}`;
      const sev = m.severity === 2 ? c.red('error  ') : c.yellow('warning');
      const att = m.attachment ? c.cyan(`[${m.attachment}] `) : '';
      out.push(`  ${c.dim(where.padEnd(9))} ${sev}  ${att}${wrap(m.message, width, ' '.repeat(22))}  ${c.dim(m.ruleId)}`);
      const pad = ' '.repeat(22);
      if (m.context || m.excerpt) out.push(`${pad}${c.italic(`“${wrap(m.context ?? m.excerpt ?? '', width, pad + ' ')}”`)}`);
      if (m.clause) out.push(`${pad}${c.bold('Why:')} ${wrap(m.clause, width - 5, pad + '     ')}`);
      if (m.suggestion) out.push(`${pad}${c.bold('Instead:')} ${wrap(m.suggestion, width - 9, pad + '         ')}`);
      if (m.notes?.length) for (const n of m.notes) out.push(`${pad}${c.dim(`Note: ${wrap(n, width - 6, pad + '      ')}`)}`);
    }
    out.push('');
  }
  const v = verdict(results);
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const mark = errors > 0 ? c.red.bold('✖ ') : warnings > 0 ? c.yellow.bold('⚠ ') : c.green.bold('✔ ');
  const checked = results.length === 1 ? '' : c.dim(` — ${plural(results.length, 'file')} checked`);
  if (notesShown > 0) {
    const them = filesWithNotes === 1 ? 'the file was' : 'the files were';
    out.push(c.dim(`${notesShown === 1 ? 'The note' : `The ${notesShown} notes`} above: check that ${them} read as you meant.`));
  }
  out.push(`${mark}${errors > 0 ? c.red.bold(v) : warnings > 0 ? c.yellow.bold(v) : c.green.bold(v)}${checked}`);
  return out.join('\n') + '\n';
};
