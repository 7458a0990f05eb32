/**
 * One self-contained HTML page for Democratic Services: the verdict, counts (files, errors, warnings, by
 * family, by rule), every file with its status, and a table of findings that can be sorted (click a column
 * heading) and filtered (search box, severity, family).
 *
 * No network: the page shell, its Content-Security-Policy, the shared CSS and the table script are in page.ts.
 * Every piece of text from results is escaped.
 *
 * Results may carry extra keys that the `audit` command adds (e.g. `pack`, `item`); they are read
 * defensively and shown as columns only when some result has them. So is what the reader noticed about a file
 * (`FileResult.warnings`): a "Notes from reading" column in the files table, only when some file has notes.
 */
import type { Finding } from '../types.js';
import { verdict } from './stylish.js';
import { compareStrings, familyOf, plural, prepare, readerNotes, shortPlace, totals, type ReportFile } from './common.js';
import { escapeHtml as h } from './escape.js';
import { addCount, CORE_FAMILIES, COUNT_HEAD, countCells, familyLabel, FINDING_COLUMNS, findingRow, findingsTable as sortableFindings, page, ruleRows, section, statsList, tableScript, type Column, type Count, type Stat, type TableBehaviour } from './page.js';
import type { Formatter, ReportContext } from './types.js';

/** Findings filter by severity and family only; text columns sort by the browser's locale. */
const TABLE: TableBehaviour = { textOrder: 'locale' };
const SCRIPT = tableScript(TABLE);

/** This page's own CSS, after page.ts's shared CSS. */
const CSS = `h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
code { word-break: break-all; }
ul.notes { margin: 0; padding-left: 1.1rem; }
`;

/** Read an extra key an `audit` result may carry, defensively: a string or number, or an object's id/title/name. */
export function extraText(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const parts = ['number', 'id', 'title', 'name', 'label']
      .map((k) => o[k])
      .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
      .map(String);
    if (parts.length > 0) return [...new Set(parts)].join(' — ');
    try {
      return JSON.stringify(value).slice(0, 200);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function extra(file: ReportFile, key: 'pack' | 'item'): string | undefined {
  const r = file.result as unknown as Record<string, unknown>;
  const value = extraText(r[key]);
  // An audit item is a number as printed ("5", "7a") with its title beside it.
  if (key === 'item' && value !== undefined && typeof r.title === 'string' && r.title && !value.includes(r.title)) return `${value} — ${r.title}`;
  return value;
}

function countBy(files: ReportFile[], keyOf: (f: Finding) => string): Map<string, Count> {
  const counts = new Map<string, Count>();
  for (const file of files) for (const f of file.findings) addCount(counts, keyOf(f), f);
  return counts;
}

function summary(files: ReportFile[], ctx: ReportContext): string {
  const byFamily = countBy(files, (f) => familyOf(f.ruleId));
  const families = [...new Set([...CORE_FAMILIES, ...[...byFamily.keys()].sort(compareStrings)])];
  const familyRows = families
    .map((fam) => `<tr><td>${h(familyLabel(fam))} <span class="dim">(${h(fam)}/)</span></td>${countCells(byFamily.get(fam) ?? { errors: 0, warnings: 0 })}</tr>`)
    .join('\n');
  const rules = ruleRows(
    files.flatMap((file) => file.findings),
    (id) => ctx.rules.get(id)?.description,
  );
  return `<div class="counts">
<table id="by-family"><caption>By family</caption><thead><tr><th>Family</th>${COUNT_HEAD}</tr></thead><tbody>
${familyRows}
</tbody></table>
<table id="by-rule"><caption>By rule</caption><thead><tr><th>Rule</th><th>What it checks</th>${COUNT_HEAD}</tr></thead><tbody>
${rules || '<tr><td colspan="5">No findings.</td></tr>'}
</tbody></table>
</div>`;
}

function notesList(notes: string[]): string {
  return notes.length > 0 ? `<ul class="notes">${notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul>` : '';
}

function filesTable(files: ReportFile[], showPack: boolean, showItem: boolean, showNotes: boolean): string {
  const rows = files.map((file) => {
    const r = file.result;
    const clear = file.findings.length === 0;
    const cells = [
      showPack ? `<td>${h(extra(file, 'pack') ?? '')}</td>` : '',
      showItem ? `<td>${h(extra(file, 'item') ?? '')}</td>` : '',
      `<td class="path">${h(file.path)}</td>`,
      `<td>${h(r.kind)}</td>`,
      `<td>${h(r.audience ?? '')}</td>`,
      `<td><span class="badge ${clear ? 'clear' : 'attention'}">${clear ? 'clear' : 'needs attention'}</span></td>`,
      `<td class="num">${r.errorCount}</td>`,
      `<td class="num">${r.warningCount}</td>`,
      `<td class="num">${r.suppressedCount ?? 0}</td>`,
      showNotes ? `<td class="dim">${notesList(readerNotes(r))}</td>` : '',
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  const head = [
    showPack ? '<th>Pack</th>' : '',
    showItem ? '<th>Item</th>' : '',
    '<th>File</th><th>Kind</th><th>Audience</th><th>Status</th><th class="num">Errors</th><th class="num">Warnings</th><th class="num">Suppressed</th>',
    showNotes ? '<th>Notes from reading</th>' : '',
  ].join('');
  return `<table id="files"><thead><tr>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

function findingsTable(files: ReportFile[], showItem: boolean): string {
  const columns: Column[] = [['File', 'text'], ...(showItem ? ([['Item', 'text']] as Column[]) : []), ['Kind', 'text'], ['Where', 'number'], ...FINDING_COLUMNS];
  const rows: string[] = [];
  for (const file of files) {
    for (const f of file.findings) {
      const where = (f.attachment ? `<span class="dim">${h(f.attachment)}</span><br>` : '') + h(shortPlace(f));
      const whereKey = `${f.line}.${String(f.column).padStart(6, '0')}`;
      const leading = [
        `<td class="path">${h(file.path)}</td>`,
        showItem ? `<td>${h(extra(file, 'item') ?? '')}</td>` : '',
        `<td>${h(file.result.kind)}</td>`,
        `<td data-sort="${whereKey}">${where}</td>`,
      ];
      rows.push(findingRow(rows.length, f, leading));
    }
  }
  const families = [...new Set(files.flatMap((file) => file.findings.map((f) => familyOf(f.ruleId))))].sort(compareStrings);
  return sortableFindings(TABLE, { columns, rows, placeholder: 'words, rule, file…', families });
}

export const html: Formatter = (results, ctx) => {
  const files = prepare(results, ctx.cwd);
  const t = totals(results);
  const showPack = files.some((f) => extra(f, 'pack') !== undefined);
  const showItem = files.some((f) => extra(f, 'item') !== undefined);
  const stats: Stat[] = [
    ['Files checked', t.files, 'files'],
    ['Files with problems', t.filesWithProblems, 'problem-files'],
    ['Errors', t.errors, 'errors'],
    ['Warnings', t.warnings, 'warnings'],
  ];
  if (t.suppressed) stats.push(['Suppressed by directives', t.suppressed, 'suppressed']);
  if (t.filesWithNotes) stats.push(['Files with notes from reading', t.filesWithNotes, 'noted-files']);
  return page({
    title: 'protocol-lint report',
    verdict: { text: verdict(results), state: t.errors > 0 ? 'error' : t.warnings > 0 ? 'warning' : 'ok' },
    css: CSS,
    script: SCRIPT,
    main: [
      section('summary', 'Summary', `${statsList(stats)}\n${summary(files, ctx)}`),
      section('files', `Files (${plural(t.files, 'file')})`, filesTable(files, showPack, showItem, t.filesWithNotes > 0)),
      section('findings', 'Findings', findingsTable(files, showItem)),
    ].join('\n'),
    footer: `protocol-lint ${h(ctx.toolVersion)}. Each finding names the protocol clause it rests on. Personal data in excerpts is masked.`,
  });
};
