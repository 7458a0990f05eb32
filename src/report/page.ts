/**
 * What the two HTML reports share: `check --format html` (html.ts) and `audit` (audit-html.ts). Each report
 * keeps its own sections, columns and CSS; this module holds the rest:
 *
 *  - the page shell: head, verdict, main, footer and the one inline script, with a Content-Security-Policy
 *    that allows only that script, by the sha256 hash of the very string embedded, and nothing to be fetched
 *    (no network: no external assets, inline CSS);
 *  - the CSS both pages use (each adds its own after it);
 *  - counts by family and by rule, the stats list, a section with its heading;
 *  - the findings table: its filter controls, the cells every finding has (severity to "what to do"), and
 *    the script that sorts it (click a column heading) and filters it (search box, severity, family, and any
 *    filter a report adds). The script reads the table from the DOM and never receives data, so text from a
 *    report cannot reach it as code. Without the script the page still shows everything.
 *
 * Every piece of text from results is escaped (escape.ts). Excerpts are shown as the engine made them
 * (personal data already masked).
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../types.js';
import { compareStrings, familyOf, severityName } from './common.js';
import { escapeHtml as h } from './escape.js';

export const CORE_FAMILIES = ['officer', 'confidential', 'ward', 'publicity'];
const FAMILY_LABELS: Record<string, string> = {
  officer: 'Officers',
  confidential: 'Confidential information',
  ward: 'Ward members',
  publicity: 'Publicity',
  input: 'Files that could not be read',
  directive: 'Suppression directives',
};

export function familyLabel(family: string): string {
  return FAMILY_LABELS[family] ?? family;
}

/** The CSS both pages use; each page's own rules follow it (they only add to it, so their order does not matter). */
const SHARED_CSS = `
:root { --err: #b3261e; --warn: #8a5a00; --ok: #1e6b36; --line: #d0d4da; --soft: #f4f6f8; --text: #1b1f24; --dim: #59636e; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--text); margin: 0 auto; padding: 1.5rem; max-width: 110rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
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
.badge { display: inline-block; padding: 0 .4rem; border-radius: 4px; font-size: .85rem; font-weight: 600; white-space: nowrap; color: #fff; }
.badge.error, .badge.attention { background: var(--err); } .badge.warning { background: var(--warn); } .badge.clear { background: var(--ok); }
.path, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; }
.path { word-break: break-all; }
.excerpt { font-style: italic; }
.text { white-space: pre-line; }
.dim { color: var(--dim); font-size: .85rem; }
.controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: .5rem 0 1rem; }
.controls input, .controls select { font: inherit; padding: .25rem .4rem; }
footer { margin-top: 2rem; color: var(--dim); font-size: .85rem; }
@media print { .controls { display: none; } thead th { position: static; } body { padding: 0; } }
`;

/** The Content-Security-Policy of a page whose only script is `script`: that script (by hash), nothing fetched. */
export function contentSecurityPolicy(script: string): string {
  const hash = createHash('sha256').update(script).digest('base64');
  return `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

export interface Page {
  /** Plain text: the page's title and its heading. */
  title: string;
  verdict: { text: string; state: 'error' | 'warning' | 'ok' };
  /** The page's own CSS, after the shared CSS. */
  css: string;
  /** The page's one inline script (a table script from `tableScript`). */
  script: string;
  /** Markup: the sections. */
  main: string;
  /** Markup: the footer's content. */
  footer: string;
}

/** One self-contained HTML page. */
export function page(p: Page): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${h(contentSecurityPolicy(p.script))}">
<meta name="referrer" content="no-referrer">
<title>${h(p.title)}</title>
<style>${SHARED_CSS}${p.css}</style>
</head>
<body>
<header>
<h1>${h(p.title)}</h1>
<p class="verdict ${p.verdict.state}" id="verdict">${h(p.verdict.text)}</p>
</header>
<main>
${p.main}
</main>
<footer>${p.footer}</footer>
<script>${p.script}</script>
</body>
</html>
`;
}

/** A section with its heading (`id`-h); `heading` and `content` are markup. */
export function section(id: string, heading: string, content: string, attrs = ''): string {
  return `<section aria-labelledby="${id}-h"${attrs}>
<h2 id="${id}-h">${heading}</h2>
${content}
</section>`;
}

export type Stat = [label: string, value: number, id: string];

/** The big numbers at the top of a page. */
export function statsList(stats: Stat[], attrs = ''): string {
  return `<dl class="stats"${attrs}>
${stats.map(([label, n, id]) => `<div id="stat-${id}"><dt>${h(label)}</dt><dd>${n}</dd></div>`).join('\n')}
</dl>`;
}

export interface Count {
  errors: number;
  warnings: number;
}

export function addCount(counts: Map<string, Count>, key: string, f: Finding): void {
  const c = counts.get(key) ?? { errors: 0, warnings: 0 };
  if (f.severity === 2) c.errors++;
  else c.warnings++;
  counts.set(key, c);
}

export function countCells(c: Count): string {
  return `<td class="num">${c.errors}</td><td class="num">${c.warnings}</td><td class="num">${c.errors + c.warnings}</td>`;
}

export const COUNT_HEAD = '<th class="num">Errors</th><th class="num">Warnings</th><th class="num">Total</th>';

/** The rows of a "by rule" table: most findings first, then by rule id; '' when there are none. */
export function ruleRows(findings: Iterable<Finding>, describe: (ruleId: string) => string | undefined): string {
  const byRule = new Map<string, Count>();
  for (const f of findings) addCount(byRule, f.ruleId, f);
  return [...byRule.entries()]
    .sort(([a, x], [b, y]) => y.errors + y.warnings - (x.errors + x.warnings) || compareStrings(a, b))
    .map(([id, c]) => `<tr><td><code>${h(id)}</code></td><td>${h(describe(id) ?? '')}</td>${countCells(c)}</tr>`)
    .join('\n');
}

/** How a findings table sorts and filters; the same object makes its controls (`findingsTable`) and its script (`tableScript`). */
export interface TableBehaviour {
  /**
   * Filters after severity and family: the `<select>`'s id (also the script's variable, so a plain
   * identifier), its label, and the row attribute `data-<attr>` it matches. A link with `data-show-<id>`
   * sets the filter to that value.
   */
  filters?: Array<{ id: string; label: string; attr: string }>;
  /** Said after "Showing n of m", e.g. "findings". */
  noun?: string;
  /** How text columns sort: by the browser's locale, or by code point (the same everywhere). */
  textOrder: 'locale' | 'codepoint';
}

function filtersOf(b: TableBehaviour): Array<{ id: string; attr: string }> {
  return [{ id: 'sev', attr: 'severity' }, { id: 'fam', attr: 'family' }, ...(b.filters ?? [])];
}

/** The script that sorts and filters the table made by `findingsTable` with the same behaviour. */
export function tableScript(b: TableBehaviour): string {
  const filters = filtersOf(b);
  // Names written into the script's code: plain words only.
  for (const { id, attr } of filters) if (!/^[a-z]+$/.test(id) || !/^[a-z-]+$/.test(attr)) throw new Error(`table filter ${id}/${attr}: not a plain name`);
  if (b.noun !== undefined && !/^[a-z ]+$/.test(b.noun)) throw new Error(`table noun ${b.noun}: not plain words`);
  const ids = filters.map((f) => f.id);
  const compareText = b.textOrder === 'locale' ? 'x.localeCompare(y)' : '(x < y ? -1 : x > y ? 1 : 0)';
  const links = (b.filters ?? []).map(
    ({ id }) => `
  Array.prototype.slice.call(document.querySelectorAll('[data-show-${id}]')).forEach(function (a) {
    a.addEventListener('click', function () { ${id}.value = a.getAttribute('data-show-${id}'); filter(); });
  });`,
  );
  return `(function () {
  var table = document.getElementById('findings');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var q = document.getElementById('q'), ${ids.map((id) => `${id} = document.getElementById('${id}')`).join(', ')};
  var shown = document.getElementById('shown'), none = document.getElementById('none');
  document.getElementById('controls').hidden = false;

  function filter() {
    var text = q.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (row) {
      var ok = ${filters.map(({ id, attr }) => `(!${id}.value || row.getAttribute('data-${attr}') === ${id}.value) &&`).join('\n        ')}
        (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = 'Showing ' + n + ' of ' + rows.length${b.noun ? ` + ' ${b.noun}'` : ''};
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
        var d = numeric ? (Number(x) || 0) - (Number(y) || 0) : ${compareText};
        return d * dir || Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'));
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });

  [q, ${ids.join(', ')}].forEach(function (el) { el.addEventListener('input', filter); el.addEventListener('change', filter); });${links.join('')}
  filter();
})();`;
}

export type Column = [name: string, type: 'text' | 'number'];

/** The columns every findings table ends with, in the order of `findingCells`. */
export const FINDING_COLUMNS: Column[] = [
  ['Severity', 'number'],
  ['Rule', 'text'],
  ['Clause', 'text'],
  ['Excerpt', 'text'],
  ['Message', 'text'],
  ['What to do', 'text'],
];

/** One row of a findings table: the report's own leading cells, then severity to "what to do". */
export function findingRow(index: number, f: Finding, leading: string[], attrs = ''): string {
  const s = severityName(f);
  const excerpt = f.excerpt ? `<span class="excerpt"${f.context ? ` title="${h(f.context)}"` : ''}>“${h(f.excerpt)}”</span>` : '';
  const notes = (f.notes ?? []).map((n) => `<br><span class="dim">Note: ${h(n)}</span>`).join('');
  const cells = [
    ...leading,
    `<td data-sort="${f.severity}"><span class="badge ${s}">${s === 'error' ? 'Error' : 'Warning'}</span></td>`,
    `<td><code>${h(f.ruleId)}</code></td>`,
    `<td>${h(f.clause ?? '')}</td>`,
    `<td class="text">${excerpt}</td>`,
    `<td class="text">${h(f.message)}${notes}</td>`,
    `<td class="text">${h(f.suggestion ?? '')}</td>`,
  ];
  return `<tr data-index="${index}" data-severity="${s}" data-family="${h(familyOf(f.ruleId))}"${attrs}>${cells.join('')}</tr>`;
}

export interface FindingsTable {
  columns: Column[];
  /** From `findingRow`, numbered from 0 in this order. */
  rows: string[];
  /** The search box's placeholder. */
  placeholder: string;
  /** The families to offer in the family filter. */
  families: string[];
  /** Markup: each added filter's options after "All", by the filter's id. */
  options?: Record<string, string>;
  /** Let the table scroll sideways on its own. */
  scroll?: boolean;
}

/** The filter controls (shown by the script), the sortable table of findings, and the "no findings" line. */
export function findingsTable(b: TableBehaviour, t: FindingsTable): string {
  const head = t.columns.map(([name, type]) => `<th data-type="${type}"><button type="button">${h(name)}</button></th>`).join('');
  const n = t.rows.length;
  const table = `<table id="findings"><thead><tr>${head}</tr></thead><tbody>
${t.rows.join('\n')}
</tbody></table>`;
  return `<div class="controls" id="controls" role="search" hidden>
<label>Search <input type="search" id="q" placeholder="${h(t.placeholder)}"></label>
<label>Severity <select id="sev"><option value="">All</option><option value="error">Errors</option><option value="warning">Warnings</option></select></label>
<label>Family <select id="fam"><option value="">All</option>${t.families.map((fam) => `<option value="${h(fam)}">${h(familyLabel(fam))}</option>`).join('')}</select></label>
${(b.filters ?? []).map(({ id, label }) => `<label>${h(label)} <select id="${id}"><option value="">All</option>${t.options?.[id] ?? ''}</select></label>\n`).join('')}<span id="shown" class="dim" aria-live="polite">Showing ${n} of ${n}${b.noun ? ` ${h(b.noun)}` : ''}</span>
</div>
${t.scroll ? `<div class="scroll">${table}</div>` : table}
<p id="none" class="dim"${n > 0 ? ' hidden' : ''}>No findings${n > 0 ? ' match' : ''}.</p>`;
}
