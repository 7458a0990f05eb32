/**
 * End to end: `protocol-lint audit` (the built binary) writes the HTML report for a folder of real packs and
 * broken files; Debian's Chromium (driven by playwright-core) opens it; the summary must show the counts of the
 * same audit run in-process, and sorting and filtering must work. Skipped, saying why, where no Chromium exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { auditFiles } from '../../src/audit/pool.js';
import { makeReport } from '../../src/audit/audit.js';
import type { AuditReport } from '../../src/audit/types.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURE_CONFIG_FILE, FIXTURES } from '../helpers/fixtures.js';
import { DIRECTIVE_LINE, frontsheetOnlyPages, makePdf, publicPackPages, unstructuredPages } from './packs.js';

function findChromium(): string | undefined {
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const CHROMIUM = findChromium();
if (!CHROMIUM) console.warn('test/audit/html.browser.test.ts: SKIPPED — no Chromium at /usr/bin/chromium or on PATH (apt-get install chromium; .ci/run does).');

let dir: string;
let browser: Browser;
let page: Page;
let expected: AuditReport;
const requests: string[] = [];
const problems: string[] = [];

const text = (selector: string) => page.locator(selector).innerText();
const visibleRows = () => page.locator('#findings tbody tr:not([hidden])');

async function columnValues(index: number): Promise<string[]> {
  return page.$$eval(`#findings tbody tr:not([hidden]) td:nth-child(${index})`, (cells) => cells.map((c) => c.getAttribute('data-sort') ?? (c.textContent ?? '').trim()));
}

describe.skipIf(!CHROMIUM)(`the HTML audit report in Chromium${CHROMIUM ? '' : ' (skipped: no Chromium installed)'}`, () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-audit-html-'));
    copyFileSync(FIXTURE_CONFIG_FILE, path.join(dir, '.protocolrc.json'));
    const at = (p: string) => {
      mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      return path.join(dir, p);
    };
    writeFileSync(at('archive/cabinet-2027-03-11.pdf'), await makePdf(publicPackPages()));
    writeFileSync(at('archive/planning-2027-02-02.pdf'), await makePdf(frontsheetOnlyPages()));
    writeFileSync(at('archive/local-plan.pdf'), await makePdf(unstructuredPages()));
    writeFileSync(at('archive/bins-note.md'), `# Bin collections\n\n${DIRECTIVE_LINE}\n\nCollections move to Tuesdays.\n`);
    copyFileSync(path.join(FIXTURES, 'ingest', 'bad', 'corrupt.pdf'), at('archive/corrupt.pdf'));
    const run = runCli(['audit', 'archive'], { cwd: dir });
    expect(run.stderr).toContain('audit report written to protocol-lint-audit.html');
    expect(run.status).toBe(1);
    // the same audit in this process, to know what the page must say
    const files = ['bins-note.md', 'cabinet-2027-03-11.pdf', 'corrupt.pdf', 'local-plan.pdf', 'planning-2027-02-02.pdf'].map((f) => path.join(dir, 'archive', f));
    expected = makeReport(await auditFiles(files, { jobs: 0, cwd: dir }), '0');

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(path.join(dir, 'protocol-lint-audit.html')).href);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads with nothing fetched and no script or policy errors', () => {
    expect(requests).toEqual([pathToFileURL(path.join(dir, 'protocol-lint-audit.html')).href]);
    expect(problems).toEqual([]);
  });

  it('shows the right counts in the summary', async () => {
    const s = expected.summary;
    const stat = (id: string) => text(`#stat-${id} dd`);
    expect(await stat('files')).toBe('5');
    expect(await stat('packs')).toBe('3');
    expect(await stat('items')).toBe(String(s.items));
    expect(await stat('attention')).toBe(String(s.itemsNeedingAttention));
    expect(await stat('errors')).toBe(String(s.errors));
    expect(await stat('warnings')).toBe(String(s.warnings));
    expect(await stat('unreadable')).toBe('1');
    expect(s.items).toBe(7 + 3 + 1 + 1 + 1);
    // findings by family: what the engine and the audit report themselves are known exactly
    expect(await text('#by-family tr[data-family="directive"] td:nth-child(3)')).toBe('6');
    expect(await text('#by-family tr[data-family="input"] td:nth-child(2)')).toBe('1');
    expect(await text('#verdict')).toBe(`${s.itemsNeedingAttention} items of ${s.items} need attention (${s.errors} errors, ${s.warnings} warnings); 1 file could not be read`);
  });

  it('summarises each pack with its items and their status', async () => {
    const cabinet = page.locator('article.pack', { has: page.locator('h3', { hasText: 'Cabinet - 11 March 2027' }) });
    await expect(cabinet.locator('[data-stat="items"] dd').innerText()).resolves.toBe('7');
    const status = async (item: string) => (await cabinet.locator('table.items tbody tr', { has: page.locator(`td:first-child:text-is("${item}")`) }).locator('.badge.clear, .badge.attention').innerText()).trim();
    expect(await status('4')).toBe('clear');
    expect(await status('6')).toBe('clear');
    expect(await status('7')).toBe('needs attention');
    expect(await status('8')).toBe('needs attention');
    expect(await cabinet.innerText()).toContain('Listed on the frontsheet but not in this pack: item 6 (Thornby Leisure Centre: operating contract).');
    const attention = expected.files.find((f) => f.filePath.endsWith('cabinet-2027-03-11.pdf'))!.items.filter((i) => i.status !== 'clear').length;
    expect(await cabinet.locator('[data-stat="attention"] dd').innerText()).toBe(String(attention));
    const whole = page.locator('article.pack', { hasText: 'local-plan.pdf' });
    expect(await whole.locator('.note.whole').innerText()).toMatch(/checked as a whole/);
    expect(await text('#unreadable')).toContain('corrupt.pdf');
  });

  it('filters the findings by severity, family, pack and words', async () => {
    const s = expected.summary;
    const total = s.errors + s.warnings;
    expect(await visibleRows().count()).toBe(total);
    expect(await text('#shown')).toBe(`Showing ${total} of ${total} findings`);

    await page.selectOption('#sev', 'warning');
    expect(await visibleRows().count()).toBe(s.warnings);
    await page.selectOption('#fam', 'directive');
    expect(await visibleRows().count()).toBe(6);
    await page.selectOption('#sev', 'error');
    expect(await visibleRows().count()).toBe(0);
    expect(await page.locator('#none').isVisible()).toBe(true);
    await page.selectOption('#sev', '');
    await page.selectOption('#fam', '');

    const cabinetFindings = expected.files.find((f) => f.filePath.endsWith('cabinet-2027-03-11.pdf'))!.items.reduce((n, i) => n + i.messages.length, 0);
    await page.selectOption('#pack', { label: 'Cabinet - 11 March 2027 (archive/cabinet-2027-03-11.pdf)' });
    expect(await visibleRows().count()).toBe(cabinetFindings);
    await page.fill('#q', 'not for publication');
    expect(await visibleRows().count()).toBe(1);
    expect(await visibleRows().first().innerText()).toContain('confidential/exempt-item-in-public-pack');
    expect(await text('#shown')).toBe(`Showing 1 of ${total} findings`);
    await page.fill('#q', '');
    await page.selectOption('#pack', '');
    expect(await visibleRows().count()).toBe(total);

    // the link in a pack's summary filters to that pack
    await page.locator('article.pack', { hasText: 'planning-2027-02-02.pdf' }).getByText("Show this pack's findings").click();
    expect(await visibleRows().count()).toBe(2);
    await page.selectOption('#pack', '');
  });

  it('sorts the findings by a column, both ways', async () => {
    const pageHead = page.locator('#findings thead th', { hasText: 'Page' }).locator('button');
    await pageHead.click();
    const up = (await columnValues(3)).map(Number);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(up[0]).toBeLessThan(up[up.length - 1]!);
    expect(await page.locator('#findings thead th', { hasText: 'Page' }).getAttribute('aria-sort')).toBe('ascending');
    await pageHead.click();
    const down = (await columnValues(3)).map(Number);
    expect(down).toEqual([...up].sort((a, b) => b - a));

    await page.locator('#findings thead th', { hasText: 'Rule' }).locator('button').click();
    const rules = await columnValues(5);
    expect(rules).toEqual([...rules].sort());
    expect(rules[0]).toBe('confidential/exempt-item-in-public-pack');

    await page.locator('#findings thead th', { hasText: 'Severity' }).locator('button').click();
    await page.locator('#findings thead th', { hasText: 'Severity' }).locator('button').click();
    const severities = await columnValues(4);
    expect(severities[0]).toBe('2');
    expect(severities[severities.length - 1]).toBe('1');
    // filtering still applies to the sorted rows
    await page.selectOption('#sev', 'warning');
    expect((await columnValues(4)).every((v) => v === '1')).toBe(true);
  });
});
