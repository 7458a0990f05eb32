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
 * No network: no external assets, inline CSS and one small inline script, and a Content-Security-Policy that
 * allows only that script (by hash) and nothing to be fetched. Every piece of text from the report is escaped
 * (escape.ts); the script reads the tables from the DOM and never receives data, so text cannot reach it as
 * code. Excerpts are shown as the engine made them (personal data already masked); sources are never re-read.
 * Without the script the page still shows everything, unsorted and unfiltered.
 */
import { createHash } from 'node:crypto';
import type { AuditFile, AuditItem, AuditReport } from '../audit/types.js';
import type { Finding } from '../types.js';
import { compareStrings, familyOf, plural, relativePath, severityName } from './common.js';
import { escapeHtml as h } from './escape.js';

export interface AuditHtmlContext {
  cwd: string;
  /** What each rule checks, for the "by rule" table (optional: a merged report may be formatted without it). */
  rules?: Map<string, { description: string }>;
}

const CORE_FAMILIES = ['officer', 'confidential', 'ward', 'publicity'];
const FAMILY_LABELS: Record<string, string> = {
  officer: 'Officers',
  confidential: 'Confidential information',
  ward: 'Ward members',
  publicity: 'Publicity',
  input: 'Files that could not be read',
  directive: 'Suppression directives',
};

function familyLabel(family: string): string {
  return FAMILY_LABELS[family] ?? family;
}

const SCRIPT = `(function () {
  var table = document.getElementById('findings');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var q = document.getElementById('q'), sev = document.getElementById('sev'), fam = document.getElementById('fam'), pack = document.getElementById('pack');
  var shown = document.getElementById('shown'), none = document.getElementById('none');
  document.getElementById('controls').hidden = false;

  function filter() {
    var text = q.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (row) {
      var ok = (!sev.value || row.getAttribute('data-severity') === sev.value) &&
        (!fam.value || row.getAttribute('data-family') === fam.value) &&
        (!pack.value || row.getAttribute('data-pack') === pack.value) &&
        (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = 'Showing ' + n + ' of ' + rows.length + ' findings';
    none.hidden = n > 0;
  }

  function key(row, i) {
    var cell = row.cells[i];
    return cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim().toLowerCase();
  }

  heads.forEach(function (th, i) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      var numeric = th.getAttribute('data-type') === 'number';
      heads.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = key(a, i), y = key(b, i);
        var d = numeric ? (Number(x) || 0) - (Number(y) || 0) : (x < y ? -1 : x > y ? 1 : 0);
        return d * dir || Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'));
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });

  [q, sev, fam, pack].forEach(function (el) { el.addEventListener('input', filter); el.addEventListener('change', filter); });
  Array.prototype.slice.call(document.querySelectorAll('[data-show-pack]')).forEach(function (a) {
    a.addEventListener('click', function () { pack.value = a.getAttribute('data-show-pack'); filter(); });
  });
  filter();
})();`;

const CSS = `
:root { --err: #b3261e; --warn: #8a5a00; --ok: #1e6b36; --line: #d0d4da; --soft: #f4f6f8; --text: #1b1f24; --dim: #59636e; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--text); margin: 0 auto; padding: 1.5rem; max-width: 110rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
[hidden] { display: none !important; }
.verdict { font-size: 1.15rem; font-weight: 600; padding: .6rem .9rem; border-radius: 6px; border-left: 6px solid; background: var(--soft); }
.verdict.error { border-color: var(--err); } .verdict.warning { border-color: var(--warn); } .verdict.ok { border-color: var(--ok); }
.stats { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; padding: 0; }
.stats div { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 9rem; }
.stats dt { color: var(--dim); font-size: .85rem; } .stats dd { margin: 0; font-size: 1.5rem; font-weight: 600; }
.stats.small div { min-width: 7rem; padding: .3rem .7rem; } .stats.small dd { font-size: 1.15rem; }
.counts { display: flex; flex-wrap: wrap; gap: 2rem; align-items: flex-start; }
table { border-collapse: collapse; width: 100%; }
.counts table, table.families { width: auto; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--soft); position: sticky; top: 0; }
td.num, th.num { text-align: right; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; text-align: inherit; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; } th[aria-sort="descending"] button::after { content: " \\25BC"; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 4px; font-size: .85rem; font-weight: 600; white-space: nowrap; color: #fff; }
.badge.error, .badge.attention { background: var(--err); } .badge.warning { background: var(--warn); } .badge.clear { background: var(--ok); }
.badge.exempt { background: #5b3a8c; } .badge.withheld { background: var(--dim); }
.pack { border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin: 1rem 0; }
.pack.attention { border-left: 6px solid var(--err); } .pack.clear { border-left: 6px solid var(--ok); }
.pack .grid { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; margin: .5rem 0; }
.path, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; }
.path { word-break: break-all; } code { overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
#findings td:nth-child(2) { min-width: 9rem; } #findings td:nth-child(5) { min-width: 12rem; } #findings td:nth-child(8) { min-width: 16rem; }
.excerpt { font-style: italic; }
.text { white-space: pre-line; }
.dim { color: var(--dim); font-size: .85rem; }
.note { margin: .25rem 0; }
.note.whole { font-weight: 600; color: var(--warn); }
.controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: .5rem 0 1rem; }
.controls input, .controls select { font: inherit; padding: .25rem .4rem; }
footer { margin-top: 2rem; color: var(--dim); font-size: .85rem; }
@media print { .controls { display: none; } thead th { position: static; } body { padding: 0; } .pack { break-inside: avoid; } }
`;

interface Count {
  errors: number;
  warnings: number;
}

function add(counts: Map<string, Count>, key: string, f: Finding): void {
  const c = counts.get(key) ?? { errors: 0, warnings: 0 };
  if (f.severity === 2) c.errors++;
  else c.warnings++;
  counts.set(key, c);
}

function countCells(c: Count): string {
  return `<td class="num">${c.errors}</td><td class="num">${c.warnings}</td><td class="num">${c.errors + c.warnings}</td>`;
}

const COUNT_HEAD = '<th class="num">Errors</th><th class="num">Warnings</th><th class="num">Total</th>';

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
  for (const f of findings) add(counts, familyOf(f.ruleId), f);
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
  const stats: Array<[string, number, string]> = [
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
  const columns: Array<[string, 'text' | 'number']> = [
    ['Pack / file', 'text'],
    ['Item', 'text'],
    ['Page', 'number'],
    ['Severity', 'number'],
    ['Rule', 'text'],
    ['Clause', 'text'],
    ['Excerpt', 'text'],
    ['Message', 'text'],
    ['What to do', 'text'],
  ];
  const head = columns.map(([name, type]) => `<th data-type="${type}"><button type="button">${h(name)}</button></th>`).join('');
  const rows: string[] = [];
  let index = 0;
  named.forEach((n, packIndex) => {
    for (const it of n.file.items) {
      for (const f of it.messages) {
        const excerpt = f.excerpt ? `<span class="excerpt"${f.context ? ` title="${h(f.context)}"` : ''}>“${h(f.excerpt)}”</span>` : '';
        const notes = (f.notes ?? []).map((x) => `<br><span class="dim">Note: ${h(x)}</span>`).join('');
        const item = it.role === 'document' ? '' : `${itemLabel(it)}${it.title ? ` — ${it.title}` : ''}`;
        const pageSort = f.page !== undefined ? f.page * 1e6 + Math.min(f.line, 999999) : Math.min(f.line, 999999);
        const cells = [
          `<td data-sort="${h(`${n.name.toLowerCase()} ${n.path}`)}"><a href="#${n.anchor}">${h(n.name)}</a>${n.name !== n.path ? `<br><span class="dim path">${h(n.path)}</span>` : ''}</td>`,
          `<td data-sort="${h(itemSortKey(it))}">${h(item)}</td>`,
          `<td class="num" data-sort="${pageSort}" title="line ${f.line}, column ${f.column}">${f.page !== undefined ? f.page : '–'}</td>`,
          `<td data-sort="${f.severity}"><span class="badge ${severityName(f)}">${severityName(f) === 'error' ? 'Error' : 'Warning'}</span></td>`,
          `<td><code>${h(f.ruleId)}</code></td>`,
          `<td>${h(f.clause ?? '')}</td>`,
          `<td class="text">${excerpt}</td>`,
          `<td class="text">${h(f.message)}${notes}</td>`,
          `<td class="text">${h(f.suggestion ?? '')}</td>`,
        ];
        rows.push(`<tr data-index="${index++}" data-severity="${severityName(f)}" data-family="${h(familyOf(f.ruleId))}" data-pack="${packIndex}">${cells.join('')}</tr>`);
      }
    }
  });
  const families = [...new Set(named.flatMap((n) => n.file.items.flatMap((it) => it.messages.map((f) => familyOf(f.ruleId)))))].sort(compareStrings);
  const packOptions = named
    .map((n, i) => (n.file.items.some((it) => it.messages.length > 0) ? `<option value="${i}">${h(n.name === n.path ? n.path : `${n.name} (${n.path})`)}</option>` : ''))
    .join('');
  return `<div class="controls" id="controls" role="search" hidden>
<label>Search <input type="search" id="q" placeholder="words, rule, item…"></label>
<label>Severity <select id="sev"><option value="">All</option><option value="error">Errors</option><option value="warning">Warnings</option></select></label>
<label>Family <select id="fam"><option value="">All</option>${families.map((fam) => `<option value="${h(fam)}">${h(familyLabel(fam))}</option>`).join('')}</select></label>
<label>Pack / file <select id="pack"><option value="">All</option>${packOptions}</select></label>
<span id="shown" class="dim" aria-live="polite">Showing ${rows.length} of ${rows.length} findings</span>
</div>
<div class="scroll"><table id="findings"><thead><tr>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>
<p id="none" class="dim"${rows.length > 0 ? ' hidden' : ''}>No findings${rows.length > 0 ? ' match' : ''}.</p>`;
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
  const byRule = new Map<string, Count>();
  for (const f of all) add(byRule, f.ruleId, f);
  const ruleRows = [...byRule.entries()]
    .sort(([a, x], [b, y]) => y.errors + y.warnings - (x.errors + x.warnings) || compareStrings(a, b))
    .map(([id, c]) => `<tr><td><code>${h(id)}</code></td><td>${h(ctx.rules?.get(id)?.description ?? '')}</td>${countCells(c)}</tr>`)
    .join('\n');
  const v = verdict(report);
  const scriptHash = createHash('sha256').update(SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const stats: Array<[string, number, string]> = [
    ['Files audited', s.files, 'files'],
    ['Packs', packs.length, 'packs'],
    ['Items checked', s.items, 'items'],
    ['Items needing attention', s.itemsNeedingAttention, 'attention'],
    ['Errors', s.errors, 'errors'],
    ['Warnings', s.warnings, 'warnings'],
    ['Files that could not be read', s.unreadable, 'unreadable'],
  ];
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${h(csp)}">
<meta name="referrer" content="no-referrer">
<title>protocol-lint audit</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>protocol-lint audit</h1>
<p class="verdict ${v.state}" id="verdict">${h(v.text)}</p>
</header>
<main>
<section aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<dl class="stats" id="stats">
${stats.map(([label, n, id]) => `<div id="stat-${id}"><dt>${h(label)}</dt><dd>${n}</dd></div>`).join('\n')}
</dl>
<div class="counts">
${familyTable(all, 'By family', 'by-family') || '<p class="dim">No findings.</p>'}
${ruleRows ? `<table id="by-rule"><caption>By rule</caption><thead><tr><th>Rule</th><th>What it checks</th>${COUNT_HEAD}</tr></thead><tbody>\n${ruleRows}\n</tbody></table>` : ''}
</div>
</section>
${
  packs.length
    ? `<section aria-labelledby="packs-h" id="packs">
<h2 id="packs-h">Meetings and packs (${packs.length})</h2>
${packs.map((n) => packSection(n, named.indexOf(n))).join('\n')}
</section>`
    : ''
}
${
  documents.length
    ? `<section aria-labelledby="documents-h">
<h2 id="documents-h">Documents (${documents.length})</h2>
${documentsTable(documents)}
</section>`
    : ''
}
${
  unreadable.length
    ? `<section aria-labelledby="unreadable-h">
<h2 id="unreadable-h">Files that could not be read (${unreadable.length})</h2>
${unreadableList(unreadable)}
</section>`
    : ''
}
<section aria-labelledby="findings-h">
<h2 id="findings-h">Findings (${all.length})</h2>
${findingsTable(named)}
</section>
</main>
<footer>protocol-lint ${h(report.version)} audit. Each finding names the protocol clause it rests on; pages are pages of the PDF pack. Personal data in excerpts is masked.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
