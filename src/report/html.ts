/**
 * One self-contained HTML page for Democratic Services: the verdict, counts (files, errors, warnings, by
 * family, by rule), every file with its status, and a table of findings that can be sorted (click a column
 * heading) and filtered (search box, severity, family).
 *
 * No network: no external assets, inline CSS and one small inline script, and a Content-Security-Policy that
 * allows only that script (by hash) and nothing to be fetched. Every piece of text from results is escaped;
 * the script reads the table from the DOM and never receives data, so text cannot reach it as code.
 *
 * Results may carry extra keys that the `audit` command adds (e.g. `pack`, `item`); they are read
 * defensively and shown as columns only when some result has them. So is what the reader noticed about a file
 * (`FileResult.warnings`): a "Notes from reading" column in the files table, only when some file has notes.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../types.js';
import { verdict } from './stylish.js';
import { compareStrings, familyOf, plural, prepare, readerNotes, severityName, shortPlace, totals, type ReportFile } from './common.js';
import { escapeHtml as h } from './escape.js';
import type { Formatter, ReportContext } from './types.js';

const CORE_FAMILIES = ['officer', 'confidential', 'ward', 'publicity'];
const FAMILY_LABELS: Record<string, string> = {
  officer: 'Officers',
  confidential: 'Confidential information',
  ward: 'Ward members',
  publicity: 'Publicity',
  input: 'Files that could not be read',
  directive: 'Suppression directives',
};

const SCRIPT = `(function () {
  var table = document.getElementById('findings');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var q = document.getElementById('q'), sev = document.getElementById('sev'), fam = document.getElementById('fam');
  var shown = document.getElementById('shown'), none = document.getElementById('none');
  document.getElementById('controls').hidden = false;

  function filter() {
    var text = q.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (row) {
      var ok = (!sev.value || row.dataset.severity === sev.value) &&
        (!fam.value || row.dataset.family === fam.value) &&
        (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = 'Showing ' + n + ' of ' + rows.length;
    none.hidden = n > 0;
  }

  function key(row, i) {
    var cell = row.cells[i];
    return cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim().toLowerCase();
  }

  heads.forEach(function (th, i) {
    th.querySelector('button').addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      var numeric = th.dataset.type === 'number';
      heads.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = key(a, i), y = key(b, i);
        var d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return d * dir || Number(a.dataset.index) - Number(b.dataset.index);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });

  [q, sev, fam].forEach(function (el) { el.addEventListener('input', filter); });
  filter();
})();`;

const CSS = `
:root { --err: #b3261e; --warn: #8a5a00; --ok: #1e6b36; --line: #d0d4da; --soft: #f4f6f8; --text: #1b1f24; --dim: #59636e; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--text); margin: 0 auto; padding: 1.5rem; max-width: 110rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
[hidden] { display: none !important; }
.verdict { font-size: 1.15rem; font-weight: 600; padding: .6rem .9rem; border-radius: 6px; border-left: 6px solid; background: var(--soft); }
.verdict.error { border-color: var(--err); } .verdict.warning { border-color: var(--warn); } .verdict.ok { border-color: var(--ok); }
.stats { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; padding: 0; }
.stats div { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 9rem; }
.stats dt { color: var(--dim); font-size: .85rem; } .stats dd { margin: 0; font-size: 1.5rem; font-weight: 600; }
.counts { display: flex; flex-wrap: wrap; gap: 2rem; align-items: flex-start; }
table { border-collapse: collapse; width: 100%; }
.counts table { width: auto; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--soft); position: sticky; top: 0; }
td.num, th.num { text-align: right; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; } th[aria-sort="descending"] button::after { content: " \\25BC"; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 4px; font-size: .85rem; font-weight: 600; white-space: nowrap; }
.badge.error { color: #fff; background: var(--err); } .badge.warning { color: #fff; background: var(--warn); }
.badge.clear { color: #fff; background: var(--ok); } .badge.attention { color: #fff; background: var(--err); }
.path, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; word-break: break-all; }
.excerpt { font-style: italic; }
.text { white-space: pre-line; }
ul.notes { margin: 0; padding-left: 1.1rem; }
.dim { color: var(--dim); font-size: .85rem; }
.controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: .5rem 0 1rem; }
.controls input, .controls select { font: inherit; padding: .25rem .4rem; }
footer { margin-top: 2rem; color: var(--dim); font-size: .85rem; }
@media print { .controls { display: none; } thead th { position: static; } body { padding: 0; } }
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

function severityBadge(f: Finding): string {
  const s = severityName(f);
  return `<span class="badge ${s}">${s === 'error' ? 'Error' : 'Warning'}</span>`;
}

function familyLabel(family: string): string {
  return FAMILY_LABELS[family] ?? family;
}

interface Count {
  errors: number;
  warnings: number;
}

function countBy(files: ReportFile[], keyOf: (f: Finding) => string): Map<string, Count> {
  const counts = new Map<string, Count>();
  for (const file of files) {
    for (const f of file.findings) {
      const k = keyOf(f);
      const c = counts.get(k) ?? { errors: 0, warnings: 0 };
      if (f.severity === 2) c.errors++;
      else c.warnings++;
      counts.set(k, c);
    }
  }
  return counts;
}

function countCells(c: Count): string {
  return `<td class="num">${c.errors}</td><td class="num">${c.warnings}</td><td class="num">${c.errors + c.warnings}</td>`;
}

function summary(files: ReportFile[], ctx: ReportContext): string {
  const byFamily = countBy(files, (f) => familyOf(f.ruleId));
  const families = [...new Set([...CORE_FAMILIES, ...[...byFamily.keys()].sort(compareStrings)])];
  const familyRows = families
    .map((fam) => `<tr><td>${h(familyLabel(fam))} <span class="dim">(${h(fam)}/)</span></td>${countCells(byFamily.get(fam) ?? { errors: 0, warnings: 0 })}</tr>`)
    .join('\n');
  const byRule = countBy(files, (f) => f.ruleId);
  const rules = [...byRule.entries()].sort(
    ([a, x], [b, y]) => y.errors + y.warnings - (x.errors + x.warnings) || compareStrings(a, b),
  );
  const ruleRows = rules
    .map(([id, c]) => `<tr><td><code>${h(id)}</code></td><td>${h(ctx.rules.get(id)?.description ?? '')}</td>${countCells(c)}</tr>`)
    .join('\n');
  const head = '<th class="num">Errors</th><th class="num">Warnings</th><th class="num">Total</th>';
  return `<div class="counts">
<table id="by-family"><caption>By family</caption><thead><tr><th>Family</th>${head}</tr></thead><tbody>
${familyRows}
</tbody></table>
<table id="by-rule"><caption>By rule</caption><thead><tr><th>Rule</th><th>What it checks</th>${head}</tr></thead><tbody>
${ruleRows || '<tr><td colspan="5">No findings.</td></tr>'}
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
  const columns: Array<[string, 'text' | 'number']> = [
    ['File', 'text'],
    ...(showItem ? ([['Item', 'text']] as Array<[string, 'text']>) : []),
    ['Kind', 'text'],
    ['Where', 'number'],
    ['Severity', 'number'],
    ['Rule', 'text'],
    ['Clause', 'text'],
    ['Excerpt', 'text'],
    ['Message', 'text'],
    ['What to do', 'text'],
  ];
  const head = columns.map(([name, type]) => `<th data-type="${type}"><button type="button">${h(name)}</button></th>`).join('');
  let index = 0;
  const rows: string[] = [];
  for (const file of files) {
    for (const f of file.findings) {
      const where = (f.attachment ? `<span class="dim">${h(f.attachment)}</span><br>` : '') + h(shortPlace(f));
      const whereKey = `${f.line}.${String(f.column).padStart(6, '0')}`;
      const excerpt = f.excerpt ? `<span class="excerpt"${f.context ? ` title="${h(f.context)}"` : ''}>“${h(f.excerpt)}”</span>` : '';
      const notes = (f.notes ?? []).map((n) => `<br><span class="dim">Note: ${h(n)}</span>`).join('');
      const cells = [
        `<td class="path">${h(file.path)}</td>`,
        showItem ? `<td>${h(extra(file, 'item') ?? '')}</td>` : '',
        `<td>${h(file.result.kind)}</td>`,
        `<td data-sort="${whereKey}">${where}</td>`,
        `<td data-sort="${f.severity}">${severityBadge(f)}</td>`,
        `<td><code>${h(f.ruleId)}</code></td>`,
        `<td>${h(f.clause ?? '')}</td>`,
        `<td class="text">${excerpt}</td>`,
        `<td class="text">${h(f.message)}${notes}</td>`,
        `<td class="text">${h(f.suggestion ?? '')}</td>`,
      ];
      rows.push(`<tr data-index="${index++}" data-severity="${severityName(f)}" data-family="${h(familyOf(f.ruleId))}">${cells.join('')}</tr>`);
    }
  }
  const families = [...new Set(files.flatMap((file) => file.findings.map((f) => familyOf(f.ruleId))))].sort(compareStrings);
  const familyOptions = families.map((fam) => `<option value="${h(fam)}">${h(familyLabel(fam))}</option>`).join('');
  return `<div class="controls" id="controls" role="search" hidden>
<label>Search <input type="search" id="q" placeholder="words, rule, file…"></label>
<label>Severity <select id="sev"><option value="">All</option><option value="error">Errors</option><option value="warning">Warnings</option></select></label>
<label>Family <select id="fam"><option value="">All</option>${familyOptions}</select></label>
<span id="shown" class="dim" aria-live="polite">Showing ${rows.length} of ${rows.length}</span>
</div>
<table id="findings"><thead><tr>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<p id="none" class="dim"${rows.length > 0 ? ' hidden' : ''}>No findings${rows.length > 0 ? ' match' : ''}.</p>`;
}

export const html: Formatter = (results, ctx) => {
  const files = prepare(results, ctx.cwd);
  const t = totals(results);
  const showPack = files.some((f) => extra(f, 'pack') !== undefined);
  const showItem = files.some((f) => extra(f, 'item') !== undefined);
  const state = t.errors > 0 ? 'error' : t.warnings > 0 ? 'warning' : 'ok';
  const scriptHash = createHash('sha256').update(SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const stats: Array<[string, number, string]> = [
    ['Files checked', t.files, 'files'],
    ['Files with problems', t.filesWithProblems, 'problem-files'],
    ['Errors', t.errors, 'errors'],
    ['Warnings', t.warnings, 'warnings'],
  ];
  if (t.suppressed) stats.push(['Suppressed by directives', t.suppressed, 'suppressed']);
  if (t.filesWithNotes) stats.push(['Files with notes from reading', t.filesWithNotes, 'noted-files']);
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${h(csp)}">
<meta name="referrer" content="no-referrer">
<title>protocol-lint report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>protocol-lint report</h1>
<p class="verdict ${state}" id="verdict">${h(verdict(results))}</p>
</header>
<main>
<section aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<dl class="stats">
${stats.map(([label, n, id]) => `<div id="stat-${id}"><dt>${h(label)}</dt><dd>${n}</dd></div>`).join('\n')}
</dl>
${summary(files, ctx)}
</section>
<section aria-labelledby="files-h">
<h2 id="files-h">Files (${plural(t.files, 'file')})</h2>
${filesTable(files, showPack, showItem, t.filesWithNotes > 0)}
</section>
<section aria-labelledby="findings-h">
<h2 id="findings-h">Findings</h2>
${findingsTable(files, showItem)}
</section>
</main>
<footer>protocol-lint ${h(ctx.toolVersion)}. Each finding names the protocol clause it rests on. Personal data in excerpts is masked.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
};
