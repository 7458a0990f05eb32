/**
 * The `protocol-lint audit` report for Democratic Services: ONE self-contained HTML file.
 *
 *  - the verdict and the totals (files, items, items needing attention, errors, warnings, unreadable files),
 *    findings by family and by rule;
 *  - a summary per meeting / pack: how it was split (or that it was checked whole), its items with a
 *    "clear" / "needs attention" status and their pages, findings by family and severity, items the
 *    frontsheet lists but the pack leaves out; loose documents in one table; files that could not be read;
 *  - one table of every finding (pack, item, page, severity, rule, clause, excerpt, message, what to do) that
 *    can be sorted (click a column heading) and filtered (search box, severity, family, pack).
 *
 * No network: the page shell, its Content-Security-Policy, the shared CSS and the table script are in page.ts.
 * Every piece of text from the report is escaped (escape.ts). Excerpts are shown as the engine made them
 * (personal data already masked); sources are never re-read. Without the script the page still shows
 * everything, unsorted and unfiltered.
 */
import type { AuditFile, AuditItem, AuditReport } from '../audit/types.js';
import type { Finding } from '../types.js';
import { compareStrings, familyOf, plural, relativePath } from './common.js';
import { escapeHtml as h } from './escape.js';
import { addCount, CORE_FAMILIES, COUNT_HEAD, countCells, familyLabel, FINDING_COLUMNS, findingRow, findingsTable as sortableFindings, page, ruleRows, section, statsList, tableScript, type Column, type Count, type Stat, type TableBehaviour } from './page.js';

export interface AuditHtmlContext {
  cwd: string;
  /** What each rule checks, for the "by rule" table (optional: a merged report may be formatted without it). */
  rules?: Map<string, { description: string }>;
}

/** Findings can also be filtered by pack (or loose file); a pack's "Show this pack's findings" link sets it. Text sorts by code point. */
const TABLE: TableBehaviour = { filters: [{ id: 'pack', label: 'Pack / file', attr: 'pack' }], noun: 'findings', textOrder: 'codepoint' };
const SCRIPT = tableScript(TABLE);

/** This page's own CSS, after page.ts's shared CSS. */
const CSS = `h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
.stats.small div { min-width: 7rem; padding: .3rem .7rem; } .stats.small dd { font-size: 1.15rem; }
table.families { width: auto; }
th button { text-align: inherit; }
.badge.exempt { background: #5b3a8c; } .badge.withheld { background: var(--dim); }
.pack { border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin: 1rem 0; }
.pack.attention { border-left: 6px solid var(--err); } .pack.clear { border-left: 6px solid var(--ok); }
.pack .grid { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; margin: .5rem 0; }
code { overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
#findings td:nth-child(2) { min-width: 9rem; } #findings td:nth-child(5) { min-width: 12rem; } #findings td:nth-child(8) { min-width: 16rem; }
.note { margin: .25rem 0; }
.note.whole { font-weight: 600; color: var(--warn); }
@media print { .pack { break-inside: avoid; } }
`;

function pagesText(it: { firstPage?: number; lastPage?: number }): string {
  if (it.firstPage === undefined) return '';
  return it.lastPage !== undefined && it.lastPage !== it.firstPage ? `${it.firstPage}–${it.lastPage}` : String(it.firstPage);
}

function itemLabel(it: AuditItem): string {
  return it.item ?? (it.role === 'frontsheet' ? 'Frontsheet' : it.role === 'document' ? '' : '–');
}

/** A sort key that puts agenda item numbers in their natural order: frontsheet, 1, 2, 10, 10a, unnumbered. */
function itemSortKey(it: AuditItem): string {
  if (it.role === 'frontsheet') return '0000';
  const m = it.item ? /^(\d+)(.*)$/.exec(it.item) : null;
  return m ? `${m[1]!.padStart(4, '0')}${m[2]}` : `9999${it.title ?? ''}`;
}

function isPack(f: AuditFile): boolean {
  return f.structure === 'split' || f.structure === 'whole';
}

interface Named {
  file: AuditFile;
  path: string;
  /** Heading for the pack: meeting and date when the pack says, else the file name. */
  name: string;
  anchor: string;
}

function statusBadge(it: AuditItem): string {
  const clear = it.status === 'clear';
  return `<span class="badge ${clear ? 'clear' : 'attention'}">${clear ? 'clear' : 'needs attention'}</span>`;
}

function classificationCell(it: AuditItem): string {
  if (it.withheld) return '<span class="badge withheld">withheld (not in this pack)</span>';
  if (it.classification === 'exempt') return '<span class="badge exempt">exempt</span>';
  return h(it.classification ?? '');
}

function familyTable(findings: Finding[], caption: string, id?: string): string {
  const counts = new Map<string, Count>();
  for (const f of findings) addCount(counts, familyOf(f.ruleId), f);
  if (counts.size === 0) return '';
  const rows = [...counts.entries()]
    .sort(([a], [b]) => {
      const ia = CORE_FAMILIES.indexOf(a);
      const ib = CORE_FAMILIES.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || compareStrings(a, b);
    })
    .map(([fam, c]) => `<tr data-family="${h(fam)}"><td>${h(familyLabel(fam))} <span class="dim">(${h(fam)}/)</span></td>${countCells(c)}</tr>`)
    .join('\n');
  return `<table class="families"${id ? ` id="${h(id)}"` : ''}><caption>${h(caption)}</caption><thead><tr><th>Family</th>${COUNT_HEAD}</tr></thead><tbody>
${rows}
</tbody></table>`;
}

function packSection(n: Named, index: number): string {
  const f = n.file;
  const findings = f.items.flatMap((it) => it.messages);
  const attention = f.items.filter((it) => it.status !== 'clear').length;
  const errors = f.items.reduce((s, it) => s + it.errorCount, 0);
  const warnings = f.items.reduce((s, it) => s + it.warningCount, 0);
  const rows = f.items
    .map(
      (it) =>
        `<tr data-status="${h(it.status)}"><td data-sort="${h(itemSortKey(it))}">${h(itemLabel(it))}</td><td>${h(it.title ?? '')}</td><td class="num">${h(pagesText(it))}</td><td>${h(it.kind)}</td><td>${classificationCell(it)}</td><td>${statusBadge(it)}</td><td class="num">${it.errorCount}</td><td class="num">${it.warningCount}</td></tr>`,
    )
    .join('\n');
  const missing = f.listedNotIncluded.length
    ? `<p class="dim">Listed on the frontsheet but not in this pack: ${f.listedNotIncluded.map((x) => `item ${h(x.item)} (${h(x.title)})`).join('; ')}.</p>`
    : '';
  const stats: Stat[] = [
    ['Items', f.items.length, 'items'],
    ['Need attention', attention, 'attention'],
    ['Errors', errors, 'errors'],
    ['Warnings', warnings, 'warnings'],
  ];
  return `<article class="pack ${attention ? 'attention' : 'clear'}" id="${n.anchor}" data-pack="${index}">
<h3>${h(n.name)}</h3>
<p class="dim"><span class="path">${h(n.path)}</span>${f.pages ? ` · ${plural(f.pages, 'page')}` : ''}${f.audience ? ` · read by: ${h(f.audience === 'public' ? 'the public (public pack)' : f.audience)}` : ''}</p>
${f.note ? `<p class="note${f.structure === 'whole' ? ' whole' : ''}">${h(f.note)}</p>` : ''}
${(f.warnings ?? []).map((w) => `<p class="note reading">Note from reading the file: ${h(w)}</p>`).join('\n')}
<dl class="stats small">
${stats.map(([label, value, id]) => `<div data-stat="${id}"><dt>${h(label)}</dt><dd>${value}</dd></div>`).join('\n')}
</dl>
<div class="grid">
<table class="items"><caption>Items</caption><thead><tr><th>Item</th><th>Title</th><th class="num">Pages</th><th>Kind</th><th>Classification</th><th>Status</th><th class="num">Errors</th><th class="num">Warnings</th></tr></thead><tbody>
${rows}
</tbody></table>
${familyTable(findings, 'Findings by family and severity') || '<p class="dim">No findings.</p>'}
</div>
${missing}
${findings.length ? `<p><a href="#findings-h" data-show-pack="${index}">Show this pack's findings</a></p>` : ''}
</article>`;
}

function documentsTable(docs: Named[]): string {
  const rows = docs
    .map(({ file: f, path, anchor }) => {
      const it = f.items[0]!;
      return `<tr id="${anchor}" data-status="${h(it.status)}"><td class="path">${h(path)}${(f.warnings ?? []).map((w) => `<br><span class="dim">Note from reading the file: ${h(w)}</span>`).join('')}</td><td>${h(it.title ?? '')}</td><td>${h(it.kind)}</td><td>${h(it.audience)}</td><td>${classificationCell(it)}</td><td>${statusBadge(it)}</td><td class="num">${f.errorCount}</td><td class="num">${f.warningCount}</td></tr>`;
    })
    .join('\n');
  return `<table id="documents"><thead><tr><th>File</th><th>Title</th><th>Kind</th><th>Audience</th><th>Classification</th><th>Status</th><th class="num">Errors</th><th class="num">Warnings</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function unreadableList(files: Named[]): string {
  return `<ul id="unreadable">
${files.map(({ file, path }) => `<li><span class="path">${h(path)}</span>: ${h(file.items[0]?.messages[0]?.message ?? file.note ?? 'could not be read')}</li>`).join('\n')}
</ul>`;
}

function findingsTable(named: Named[]): string {
  const columns: Column[] = [['Pack / file', 'text'], ['Item', 'text'], ['Page', 'number'], ...FINDING_COLUMNS];
  const rows: string[] = [];
  named.forEach((n, packIndex) => {
    for (const it of n.file.items) {
      for (const f of it.messages) {
        const item = it.role === 'document' ? '' : `${itemLabel(it)}${it.title ? ` — ${it.title}` : ''}`;
        const pageSort = f.page !== undefined ? f.page * 1e6 + Math.min(f.line, 999999) : Math.min(f.line, 999999);
        const leading = [
          `<td data-sort="${h(`${n.name.toLowerCase()} ${n.path}`)}"><a href="#${n.anchor}">${h(n.name)}</a>${n.name !== n.path ? `<br><span class="dim path">${h(n.path)}</span>` : ''}</td>`,
          `<td data-sort="${h(itemSortKey(it))}">${h(item)}</td>`,
          `<td class="num" data-sort="${pageSort}" title="line ${f.line}, column ${f.column}">${f.page !== undefined ? f.page : '–'}</td>`,
        ];
        rows.push(findingRow(rows.length, f, leading, ` data-pack="${packIndex}"`));
      }
    }
  });
  const families = [...new Set(named.flatMap((n) => n.file.items.flatMap((it) => it.messages.map((f) => familyOf(f.ruleId)))))].sort(compareStrings);
  const packOptions = named
    .map((n, i) => (n.file.items.some((it) => it.messages.length > 0) ? `<option value="${i}">${h(n.name === n.path ? n.path : `${n.name} (${n.path})`)}</option>` : ''))
    .join('');
  return sortableFindings(TABLE, { columns, rows, placeholder: 'words, rule, item…', families, options: { pack: packOptions }, scroll: true });
}

function verdict(report: AuditReport): { text: string; state: 'error' | 'warning' | 'ok' } {
  const s = report.summary;
  if (s.errors + s.warnings === 0) return { text: `All ${plural(s.items, 'item')} in ${plural(s.files, 'file')} clear`, state: 'ok' };
  const text = `${plural(s.itemsNeedingAttention, 'item')} of ${s.items} need${s.itemsNeedingAttention === 1 ? 's' : ''} attention (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')})${s.unreadable ? `; ${plural(s.unreadable, 'file')} could not be read` : ''}`;
  return { text, state: s.errors > 0 ? 'error' : 'warning' };
}

export function auditHtml(report: AuditReport, ctx: AuditHtmlContext): string {
  const s = report.summary;
  const named: Named[] = report.files.map((file, i) => {
    const path = relativePath(file.filePath, ctx.cwd);
    return { file, path, name: file.meeting ?? path, anchor: `file-${i + 1}` };
  });
  const packs = named.filter((n) => isPack(n.file));
  const documents = named.filter((n) => n.file.structure === 'single');
  const unreadable = named.filter((n) => n.file.structure === 'unreadable');
  const all = report.files.flatMap((f) => f.items.flatMap((it) => it.messages));
  const rules = ruleRows(all, (id) => ctx.rules?.get(id)?.description);
  const stats: Stat[] = [
    ['Files audited', s.files, 'files'],
    ['Packs', packs.length, 'packs'],
    ['Items checked', s.items, 'items'],
    ['Items needing attention', s.itemsNeedingAttention, 'attention'],
    ['Errors', s.errors, 'errors'],
    ['Warnings', s.warnings, 'warnings'],
    ['Files that could not be read', s.unreadable, 'unreadable'],
  ];
  const counts = `<div class="counts">
${familyTable(all, 'By family', 'by-family') || '<p class="dim">No findings.</p>'}
${rules ? `<table id="by-rule"><caption>By rule</caption><thead><tr><th>Rule</th><th>What it checks</th>${COUNT_HEAD}</tr></thead><tbody>\n${rules}\n</tbody></table>` : ''}
</div>`;
  return page({
    title: 'protocol-lint audit',
    verdict: verdict(report),
    css: CSS,
    script: SCRIPT,
    main: [
      section('summary', 'Summary', `${statsList(stats, ' id="stats"')}\n${counts}`),
      packs.length ? section('packs', `Meetings and packs (${packs.length})`, packs.map((n) => packSection(n, named.indexOf(n))).join('\n'), ' id="packs"') : '',
      documents.length ? section('documents', `Documents (${documents.length})`, documentsTable(documents)) : '',
      unreadable.length ? section('unreadable', `Files that could not be read (${unreadable.length})`, unreadableList(unreadable)) : '',
      section('findings', `Findings (${all.length})`, findingsTable(named)),
    ].join('\n'),
    footer: `protocol-lint ${h(report.version)} audit. Each finding names the protocol clause it rests on; pages are pages of the PDF pack. Personal data in excerpts is masked.`,
  });
}
