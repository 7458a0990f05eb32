import { createHash } from 'node:crypto';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { extraText, html } from '../../src/report/html.js';
import type { FileResult } from '../../src/types.js';
import { FORMULA_EXCERPT, HOSTILE_MESSAGE, sampleContext, sampleResults } from './sample.js';

type Document = ReturnType<typeof parseDocument>;
type AnyNode = Document['children'][number];
type Element = Extract<AnyNode, { attribs: Record<string, string> }>;

const render = (results: FileResult[] = sampleResults()) => html(results, sampleContext());
const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const byId = (doc: Document, id: string) => DomUtils.findOne((e) => e.attribs.id === id, doc.children)!;
const text = (n: AnyNode) => DomUtils.textContent(n).trim();
const rowsOf = (table: Element) => DomUtils.findAll((e) => e.name === 'tr', table.children).filter((tr) => tr.parent?.type === 'tag' && (tr.parent as Element).name === 'tbody');
const cellTexts = (tr: Element) => tr.children.filter(isElement).map(text);

/**
 * Just enough DOM for the report's inline script, over htmlparser2's tree: the script runs against the real
 * markup the reporter wrote.
 */
class Shim {
  static cache = new WeakMap<Element, Shim>();
  static of(el: Element): Shim {
    let s = Shim.cache.get(el);
    if (!s) Shim.cache.set(el, (s = new Shim(el)));
    return s;
  }
  value = '';
  written?: string;
  listeners: Record<string, Array<() => void>> = {};
  private constructor(readonly el: Element) {}
  private kids(name: string) {
    return this.el.children.filter((c): c is Element => isElement(c) && c.name === name).map(Shim.of);
  }
  get hidden() {
    return 'hidden' in this.el.attribs;
  }
  set hidden(v: boolean) {
    if (v) this.el.attribs.hidden = '';
    else delete this.el.attribs.hidden;
  }
  get dataset() {
    return Object.fromEntries(Object.entries(this.el.attribs).filter(([k]) => k.startsWith('data-')).map(([k, v]) => [k.slice(5), v]));
  }
  get textContent() {
    return this.written ?? DomUtils.textContent(this.el);
  }
  set textContent(v: string) {
    this.written = v;
  }
  get tBodies() {
    return this.kids('tbody');
  }
  get tHead() {
    return this.kids('thead')[0];
  }
  get rows() {
    return this.kids('tr');
  }
  get cells() {
    return this.el.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th')).map(Shim.of);
  }
  getAttribute(name: string) {
    return this.el.attribs[name] ?? null;
  }
  hasAttribute(name: string) {
    return name in this.el.attribs;
  }
  setAttribute(name: string, v: string) {
    this.el.attribs[name] = v;
  }
  removeAttribute(name: string) {
    delete this.el.attribs[name];
  }
  querySelector(name: string) {
    const found = DomUtils.findOne((e) => e.name === name, this.el.children);
    return found ? Shim.of(found) : null;
  }
  appendChild(child: Shim) {
    DomUtils.removeElement(child.el);
    DomUtils.appendChild(this.el, child.el);
  }
  addEventListener(type: string, fn: () => void) {
    (this.listeners[type] ??= []).push(fn);
  }
  fire(type: string) {
    for (const fn of this.listeners[type] ?? []) fn();
  }
}

function load(page: string) {
  const doc = parseDocument(page);
  const script = DomUtils.findAll((e) => e.name === 'script', doc.children);
  expect(script).toHaveLength(1);
  const code = text(script[0]!);
  new Function('document', code)({ getElementById: (id: string) => Shim.of(byId(doc, id)) });
  const el = (id: string) => Shim.of(byId(doc, id));
  const visible = () => rowsOf(byId(doc, 'findings')).filter((tr) => !('hidden' in tr.attribs));
  return { doc, el, visible, code };
}

describe('html reporter', () => {
  const page = render();
  const doc = parseDocument(page);

  it('is one self-contained page: no external URLs, no assets, only its own inline script', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).not.toMatch(/\s(?:src|href|action|formaction|poster|srcset)\s*=/i);
    expect(page).not.toMatch(/<(?:link|img|iframe|object|embed|base|form)\b/i);
    expect(page).not.toMatch(/@import|url\(/i);
    const elements = DomUtils.findAll(() => true, doc.children);
    for (const e of elements) for (const v of Object.values(e.attribs)) if (e.name !== 'span') expect(v).not.toMatch(/https?:/);
    const scripts = DomUtils.findAll((e) => e.name === 'script', doc.children);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.attribs).toEqual({});
  });

  it('allows only its own script, by hash, and nothing to be fetched', () => {
    const csp = DomUtils.findOne((e) => e.name === 'meta' && e.attribs['http-equiv'] === 'Content-Security-Policy', doc.children)!.attribs.content!;
    const { code } = load(page);
    const hash = createHash('sha256').update(code).digest('base64');
    expect(csp).toContain(`default-src 'none'`);
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).not.toMatch(/unsafe-inline'[^;]*script|script-src[^;]*unsafe/);
  });

  it('escapes everything from findings: <script> in a message stays text', () => {
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page.match(/<script/gi)).toHaveLength(1);
    const cell = DomUtils.findOne((e) => e.name === 'td' && text(e).startsWith('Officer named in a press reply'), doc.children)!;
    expect(DomUtils.textContent(cell)).toBe(HOSTILE_MESSAGE);
    expect(page).toContain(`“${FORMULA_EXCERPT.replace(/"/g, '&quot;').replace(/&(?!quot;)/g, '&amp;')}”`);
    const evil = render([{ ...sampleResults()[3]!, filePath: '/srv/wexcombe/democratic-services/<img src=x onerror=alert(1)>.md' }]);
    expect(evil).toContain('&lt;img src=x onerror=alert(1)&gt;.md');
    expect(evil).not.toMatch(/<img/);
  });

  it('shows the counts: files, files with problems, errors, warnings, by family and by rule', () => {
    const stat = (id: string) => text(DomUtils.findOne((e) => e.name === 'dd', byId(doc, `stat-${id}`).children)!);
    expect(stat('files')).toBe('4');
    expect(stat('problem-files')).toBe('3');
    expect(stat('errors')).toBe('5');
    expect(stat('warnings')).toBe('3');
    expect(stat('suppressed')).toBe('1');
    expect(text(byId(doc, 'verdict'))).toBe('8 problems to fix before sending in 3 files (5 errors, 3 warnings)');
    const families = rowsOf(byId(doc, 'by-family')).map(cellTexts);
    expect(families).toContainEqual(['Officers (officer/)', '3', '0', '3']);
    expect(families).toContainEqual(['Ward members (ward/)', '0', '1', '1']);
    expect(families).toContainEqual(['Files that could not be read (input/)', '1', '0', '1']);
    const rules = rowsOf(byId(doc, 'by-rule')).map(cellTexts);
    expect(rules[0]).toEqual(['officer/derogatory-reference', 'Derogatory references to officers in public or external documents.', '2', '0', '2']);
    expect(rules).toHaveLength(7);
  });

  it('gives each file its status, and lists every finding with file, kind, place, rule, clause, excerpt, message, what to do', () => {
    const files = rowsOf(byId(doc, 'files')).map(cellTexts);
    expect(files.map((f) => [f[0], f[3]])).toEqual([
      ['archive/old minutes.docx', 'needs attention'],
      ['inbox/Re: press, "quote" #42.eml', 'needs attention'],
      ['notes/clean note.txt', 'clear'],
      ['reports/cabinet 2027-01-14.md', 'needs attention'],
    ]);
    const heads = DomUtils.findAll((e) => e.name === 'th', byId(doc, 'findings').children).map(text);
    expect(heads).toEqual(['File', 'Kind', 'Where', 'Severity', 'Rule', 'Clause', 'Excerpt', 'Message', 'What to do']);
    const rows = rowsOf(byId(doc, 'findings'));
    expect(rows).toHaveLength(8);
    const personal = rows.map(cellTexts).find((r) => r[4] === 'confidential/personal-data')!;
    expect(personal).toEqual([
      'reports/cabinet 2027-01-14.md',
      'report',
      '20:14',
      'Error',
      'confidential/personal-data',
      'North Northamptonshire Protocol 6.6',
      '“[phone number]”',
      'A personal phone number appears in a public report.Note: Personal data: the number itself is not shown in this report.',
      'Remove the number; give the council switchboard instead.',
    ]);
    const party = rows.map(cellTexts).find((r) => r[4] === 'publicity/party-reference')!;
    expect(party[2]).toBe('Briefing note, v2.pdfp2 58:3');
  });

  it('filters by search text, severity and family', () => {
    const { el, visible } = load(page);
    expect(el('controls').hidden).toBe(false);
    expect(el('shown').textContent).toBe('Showing 8 of 8');
    el('sev').value = 'error';
    el('sev').fire('input');
    expect(visible()).toHaveLength(5);
    expect(el('shown').textContent).toBe('Showing 5 of 8');
    el('fam').value = 'officer';
    el('fam').fire('input');
    expect(visible().map((tr) => tr.attribs['data-family'])).toEqual(['officer', 'officer', 'officer']);
    el('sev').value = '';
    el('fam').value = '';
    el('q').value = '  HYPERLINK ';
    el('q').fire('input');
    expect(visible().map((tr) => cellTexts(tr)[4])).toEqual(['publicity/party-reference']);
    el('q').value = 'nothing like this anywhere';
    el('q').fire('input');
    expect(visible()).toHaveLength(0);
    expect(el('none').hidden).toBe(false);
  });

  it('sorts when a column heading is clicked, ascending then descending', () => {
    const { doc: live, visible } = load(page);
    const heads = DomUtils.findAll((e) => e.name === 'th', byId(live, 'findings').children);
    const click = (name: string) => Shim.of(DomUtils.findOne((e) => e.name === 'button', heads.find((h) => text(h) === name)!.children)!).fire('click');
    const where = () => visible().map((tr) => cellTexts(tr)[2]!.replace(/^.*p2 /, ''));
    click('Where');
    expect(where()).toEqual(['1:1', '3:1', '9:1', '12:5', '20:14', '31:1', '40:1', '58:3']);
    expect(heads.find((h) => text(h) === 'Where')!.attribs['aria-sort']).toBe('ascending');
    click('Where');
    expect(where()).toEqual(['58:3', '40:1', '31:1', '20:14', '12:5', '9:1', '3:1', '1:1']);
    click('Rule');
    expect(visible().map((tr) => cellTexts(tr)[4])).toEqual([
      'confidential/personal-data',
      'directive/unused',
      'input/unreadable',
      'officer/derogatory-reference',
      'officer/derogatory-reference',
      'officer/pressure-on-officer',
      'publicity/party-reference',
      'ward/notification-missing',
    ]);
    expect(heads.find((h) => text(h) === 'Where')!.attribs['aria-sort']).toBeUndefined();
  });

  it('shows Pack and Item columns only when audit results carry them, read defensively', () => {
    expect(page).not.toContain('<th>Item</th>');
    const withItems = sampleResults().map((r, i) =>
      Object.assign(r, i === 0 ? { pack: 'Cabinet 14 January 2027', item: { number: 5, title: 'Local Plan update' } } : i === 1 ? { item: '7a', title: 'Press enquiries' } : {}),
    );
    const audit = parseDocument(render(withItems));
    const fileHeads = DomUtils.findAll((e) => e.name === 'th', byId(audit, 'files').children).map(text);
    expect(fileHeads.slice(0, 3)).toEqual(['Pack', 'Item', 'File']);
    const fileRows = rowsOf(byId(audit, 'files')).map(cellTexts);
    expect(fileRows[3]!.slice(0, 3)).toEqual(['Cabinet 14 January 2027', '5 — Local Plan update', 'reports/cabinet 2027-01-14.md']);
    expect(fileRows[1]!.slice(0, 3)).toEqual(['', '7a — Press enquiries', 'inbox/Re: press, "quote" #42.eml']);
    expect(fileRows[2]!.slice(0, 3)).toEqual(['', '', 'notes/clean note.txt']);
    const findingHeads = DomUtils.findAll((e) => e.name === 'th', byId(audit, 'findings').children).map(text);
    expect(findingHeads.slice(0, 3)).toEqual(['File', 'Item', 'Kind']);
    expect(rowsOf(byId(audit, 'findings')).map(cellTexts)[1]![1]).toBe('7a — Press enquiries');
    expect(extraText(null)).toBeUndefined();
    expect(extraText({ weird: ['<b>'] })).toBe('{"weird":["<b>"]}');
    expect(render(sampleResults().map((r) => Object.assign(r, { item: { title: '<script>x</script>' } })))).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('reports a clean run, and is deterministic', () => {
    const clean = parseDocument(render(sampleResults().filter((r) => r.messages.length === 0)));
    expect(text(byId(clean, 'verdict'))).toBe('No problems found — OK to send');
    expect(rowsOf(byId(clean, 'findings'))).toHaveLength(0);
    expect(text(byId(clean, 'none'))).toBe('No findings.');
    expect(render([...sampleResults()].reverse())).toBe(page);
  });
});
