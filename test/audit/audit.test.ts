import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigLoader } from '../../src/config/load.js';
import { ruleIds } from '../../rules/index.js';
import { ingest } from '../../src/ingest/index.js';
import { auditFile, EXEMPT_IN_PUBLIC_PACK, makeReport, meetingOf, mergeReports, packAudience } from '../../src/audit/audit.js';
import { auditFiles } from '../../src/audit/pool.js';
import type { AuditFile, AuditItem } from '../../src/audit/types.js';
import type { Finding } from '../../src/types.js';
import { FIXTURE_CONFIG_FILE, FIXTURES, fixtureConfig } from '../helpers/fixtures.js';
import { lintFiles } from '../../src/api/lint.js';
import { DIRECTIVE_LINE, makePdf, part2SeparatorPages, publicPackPages, unstructuredPages, type PdfPageSpec } from './packs.js';

let dir: string;
let loader: ConfigLoader;
let packText: string;

/** The same pack as the public one, but it is the Part 2 pack for members. */
function membersPackPages(): PdfPageSpec[] {
  const pages = publicPackPages();
  const first = pages[0]!;
  first.lines = first.lines.map((l) => (l === 'Public Document Pack' ? 'Part 2 Pack - NOT FOR PUBLICATION' : l));
  return pages;
}

function item(f: AuditFile, n: string): AuditItem {
  const found = f.items.find((i) => i.item === n);
  if (!found) throw new Error(`no item ${n} in ${f.items.map((i) => i.item ?? i.role).join(', ')}`);
  return found;
}

function brief(m: Finding): string {
  return `${m.ruleId}@p${m.page}`;
}

/** 1-based line of the nth occurrence (0-based) of `needle` in `text`. */
function lineOf(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" not found`);
  return text.slice(0, at).split('\n').length;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-audit-'));
  copyFileSync(FIXTURE_CONFIG_FILE, path.join(dir, '.protocolrc.json'));
  const pack = await makePdf(publicPackPages());
  writeFileSync(path.join(dir, 'cabinet-public.pdf'), pack);
  packText = (await ingest('cabinet-public.pdf', pack, {})).text;
  writeFileSync(path.join(dir, 'cabinet-part2.pdf'), await makePdf(membersPackPages()));
  writeFileSync(path.join(dir, 'local-plan.pdf'), await makePdf(unstructuredPages()));
  writeFileSync(path.join(dir, 'note.md'), `# Bin collections\n\nCollections in Thornby move to Tuesdays.\n\n${DIRECTIVE_LINE}\n\nThe new calendar is on the website.\n`);
  copyFileSync(path.join(FIXTURES, 'ingest', 'bad', 'corrupt.pdf'), path.join(dir, 'corrupt.pdf'));
  copyFileSync(path.join(FIXTURES, 'ingest', 'bad', 'empty.txt'), path.join(dir, 'empty.txt'));
  writeFileSync(path.join(dir, 'minutes.pdf'), 'These are not PDF bytes at all.\n');
  loader = new ConfigLoader({ cwd: dir, knownRuleIds: ruleIds() });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('auditFile on a public agenda pack', () => {
  let f: AuditFile;
  beforeAll(async () => {
    f = await auditFile(path.join(dir, 'cabinet-public.pdf'), loader);
  });

  it('says what the pack is and how it was split', () => {
    expect(f).toMatchObject({ format: 'pdf', structure: 'split', meeting: 'Cabinet - 11 March 2027', audience: 'public', pages: 9 });
    expect(f.note).toContain('Split into 7 parts');
    expect(f.items.map((i) => [i.item ?? i.role, i.firstPage, i.lastPage, i.status])).toEqual([
      ['frontsheet', 1, 1, 'clear'],
      ['3', 2, 3, 'needs attention'],
      ['4', 4, 5, 'clear'],
      ['5', 6, 6, 'clear'],
      ['6', 6, 6, 'clear'],
      ['7', 7, 8, 'needs attention'],
      ['8', 9, 9, 'needs attention'],
    ]);
    expect(f.listedNotIncluded).toEqual([{ item: '6', title: 'Thornby Leisure Centre: operating contract' }]);
  });

  it('checks every item as its own document, read by the public', () => {
    for (const it of f.items) expect(it.audience).toBe('public');
    expect(item(f, '3').kind).toBe('report');
    expect(item(f, '8').kind).toBe('minutes');
    expect(f.items[0]!.kind).toBe('agenda');
    expect(item(f, '6')).toMatchObject({ withheld: true, classification: 'exempt (not in this pack)' });
  });

  it('puts each finding on its page of the pack, with lines of the pack', () => {
    const three = item(f, '3').messages.find((m) => m.ruleId === 'directive/unused')!;
    const eight = item(f, '8').messages.find((m) => m.ruleId === 'directive/unused')!;
    expect(three.page).toBe(3);
    expect(eight.page).toBe(9);
    expect(three.line).toBe(lineOf(packText, DIRECTIVE_LINE, 0));
    expect(eight.line).toBe(lineOf(packText, DIRECTIVE_LINE, 1));
    // the message names the line the directive is for, in the same numbering
    expect(three.message).toContain(`on line ${three.line + 1}.`);
    expect(eight.message).toContain(`on line ${eight.line + 1}.`);
  });

  it('reports the exempt item printed in the public pack, at its marking', () => {
    const seven = item(f, '7');
    expect(seven.classification).toBe('exempt');
    const finding = seven.messages.find((m) => m.ruleId === EXEMPT_IN_PUBLIC_PACK)!;
    expect(finding).toMatchObject({ severity: 2, page: 7, line: lineOf(packText, 'NOT FOR PUBLICATION'), column: 1, excerpt: 'NOT FOR PUBLICATION' });
    expect(finding.message).toBe(
      'Item 7 (Castle Street depot: disposal) is marked exempt (NOT FOR PUBLICATION - By virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972) but is printed in the public pack, on pages 7-8.',
    );
    expect(finding.clause).toMatch(/Sch(?:edule)? 12A/);
    // only that item: the exclusion motion and the withheld notice are not exempt content
    const exemptFindings = f.items.flatMap((i) => i.messages.filter((m) => m.ruleId === EXEMPT_IN_PUBLIC_PACK).map(() => i.item));
    expect(exemptFindings).toEqual(['7']);
  });

  it('finds the ward notification problem in the Castle library closure item, on its page', () => {
    // the ward/ rules: "Wards affected: Castle", a closure, "Ward members consulted: N/A"
    const ward = item(f, '3').messages.filter((m) => m.ruleId.startsWith('ward/'));
    expect(ward.map(brief)).toContain('ward/notification-missing@p2');
    expect(ward.find((m) => m.ruleId === 'ward/notification-missing')!.line).toBe(lineOf(packText, 'Ward members consulted: N/A'));
  });

  it('does not report, on the frontsheet or the withheld notice, what the rest of the pack settles', () => {
    // the running order only lists the items, and the exclusion motion (item 5) gives the Schedule 12A paragraph
    expect(f.items[0]!.messages).toEqual([]);
    expect(item(f, '6').messages).toEqual([]);
  });

  it('counts errors and warnings per item and per file', () => {
    for (const it of f.items) {
      expect(it.errorCount).toBe(it.messages.filter((m) => m.severity === 2).length);
      expect(it.warningCount).toBe(it.messages.filter((m) => m.severity === 1).length);
    }
    expect(f.errorCount).toBe(f.items.reduce((n, i) => n + i.errorCount, 0));
  });
});

describe('auditFile on other files', () => {
  it('does not report exempt items in a Part 2 pack for members', async () => {
    const f = await auditFile(path.join(dir, 'cabinet-part2.pdf'), loader);
    expect(f.audience).toBe('members');
    expect(item(f, '7').classification).toBe('exempt');
    expect(f.items.flatMap((i) => i.messages).filter((m) => m.ruleId === EXEMPT_IN_PUBLIC_PACK)).toEqual([]);
    // the same directive findings, on the same pages
    expect(item(f, '3').messages.filter((m) => m.ruleId === 'directive/unused').map(brief)).toEqual(['directive/unused@p3']);
  });

  it('checks a multi-page PDF with no agenda structure whole, and says so', async () => {
    const f = await auditFile(path.join(dir, 'local-plan.pdf'), loader);
    expect(f.structure).toBe('whole');
    expect(f.note).toMatch(/No agenda structure found.*checked as a whole/);
    expect(f.items).toHaveLength(1);
    expect(f.items[0]!.messages.map(brief)).toEqual(['directive/unused@p2']);
  });

  it('does not call a loose exempt report with no agenda structure "printed in the public pack"', async () => {
    const file = path.join(dir, 'exempt-report.pdf');
    writeFileSync(file, await makePdf([{ lines: ['Depot Sale: Bids Received', 'Exempt information: Yes - paragraph 3', 'Three bids were received.'] }, { lines: ['The preferred bid is the highest.'] }]));
    const f = await auditFile(file, loader);
    expect(f.structure).toBe('whole');
    expect(f.items[0]!.messages.filter((m) => m.ruleId === EXEMPT_IN_PUBLIC_PACK)).toEqual([]);
  });

  it('checks a loose document as a single document', async () => {
    const f = await auditFile(path.join(dir, 'note.md'), loader);
    expect(f).toMatchObject({ structure: 'single', format: 'markdown' });
    expect(f.items).toHaveLength(1);
    expect(f.items[0]).toMatchObject({ role: 'document', status: 'needs attention', warningCount: 1 });
    expect(f.items[0]!.messages[0]).toMatchObject({ ruleId: 'directive/unused', line: 5 });
    expect(f.meeting).toBeUndefined();
  });

  it('carries the notes from reading a file into the audit report and its HTML page', async () => {
    copyFileSync(path.join(FIXTURES, 'ingest', 'bad', 'invalid-utf8.txt'), path.join(dir, 'notice-1252.txt'));
    const f = await auditFile(path.join(dir, 'notice-1252.txt'), loader);
    expect(f.warnings).toEqual(['not valid UTF-8; read as Windows-1252']);
    const clean = await auditFile(path.join(dir, 'note.md'), loader);
    expect(clean.warnings).toBeUndefined();
    const { auditHtml } = await import('../../src/report/audit-html.js');
    const html = auditHtml(makeReport([f], '0.0.0'), { cwd: dir });
    expect(html).toContain('Note from reading the file: not valid UTF-8; read as Windows-1252');
  });

  it('reports files that cannot be read, with a message naming the file', async () => {
    for (const [name, ruleId, words] of [
      ['corrupt.pdf', 'input/unreadable', /corrupt\.pdf/],
      ['empty.txt', 'input/unreadable', /empty\.txt.*empty/],
      ['minutes.pdf', 'input/unsupported', /minutes\.pdf.*not a PDF/],
    ] as const) {
      const f = await auditFile(path.join(dir, name), loader);
      expect(f.structure, name).toBe('unreadable');
      expect(f.errorCount).toBe(1);
      expect(f.items[0]!.messages[0]!.ruleId, name).toBe(ruleId);
      expect(f.items[0]!.messages[0]!.message, name).toMatch(words);
      expect(f.note).toBe(f.items[0]!.messages[0]!.message);
    }
    const gone = await auditFile(path.join(dir, 'vanished.pdf'), loader);
    expect(gone.items[0]!.messages[0]!.message).toMatch(/disappeared before it could be read/);
  });
});

describe('confidential/exempt-item-in-public-pack: a registered rule that audit and check both report', () => {
  /** A folder of its own with the fixture council's config and these rule levels, holding the public pack. */
  function folder(name: string, rules?: Record<string, unknown>): string {
    const sub = path.join(dir, name);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, '.protocolrc.json'), JSON.stringify({ ...fixtureConfig(), ...(rules ? { rules } : {}) }));
    copyFileSync(path.join(dir, 'cabinet-public.pdf'), path.join(sub, 'cabinet-public.pdf'));
    return path.join(sub, 'cabinet-public.pdf');
  }
  const exemptOf = (f: AuditFile) => f.items.flatMap((i) => i.messages.filter((m) => m.ruleId === EXEMPT_IN_PUBLIC_PACK));

  it('is a known rule id to config validation, and "off" stops the finding in audit', async () => {
    const file = folder('level-off', { [EXEMPT_IN_PUBLIC_PACK]: 'off' });
    const f = await auditFile(file, loader);
    expect(f.structure).toBe('split');
    expect(exemptOf(f)).toEqual([]);
    // the item is still exempt; only the finding is off
    expect(item(f, '7').classification).toBe('exempt');
  });

  it('"warning" downgrades it in audit, also with options', async () => {
    for (const [name, level] of [['level-warning', 'warning'], ['level-warning-options', ['warning', {}]]] as const) {
      const f = await auditFile(folder(name, { [EXEMPT_IN_PUBLIC_PACK]: level }), loader);
      expect(exemptOf(f).map((m) => [m.severity, m.page]), name).toEqual([[1, 7]]);
      expect(item(f, '7').warningCount).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives check on the whole pack the same finding as audit on its item', async () => {
    const audited = exemptOf(await auditFile(path.join(dir, 'cabinet-public.pdf'), loader));
    const checked = (await lintFiles([path.join(dir, 'cabinet-public.pdf')], { cwd: dir })).results[0]!.messages.filter((m) => m.ruleId === EXEMPT_IN_PUBLIC_PACK);
    expect(audited).toHaveLength(1);
    const pick = (m: Finding) => ({ severity: m.severity, message: m.message, line: m.line, column: m.column, page: m.page, excerpt: m.excerpt, clause: m.clause, suggestion: m.suggestion });
    expect(checked.map(pick)).toEqual(audited.map(pick));
  });

  it('follows the config level in check too', async () => {
    const run = async (file: string) => (await lintFiles([file], { cwd: dir })).results[0]!.messages.filter((m) => m.ruleId === EXEMPT_IN_PUBLIC_PACK).map((m) => m.severity);
    expect(await run(path.join(dir, 'cabinet-public.pdf'))).toEqual([2]);
    expect(await run(path.join(dir, 'level-warning', 'cabinet-public.pdf'))).toEqual([1]);
    expect(await run(path.join(dir, 'level-off', 'cabinet-public.pdf'))).toEqual([]);
  });

  it('does not report an exempt item whose report is not printed (only its title, marking and listing lines)', async () => {
    const pages = publicPackPages();
    pages[6] = { ...pages[6]!, lines: ['NOT FOR PUBLICATION', 'By virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972', { text: 'Castle Street Depot: Disposal', bold: true, size: 13 }, 'Report of: Director of Place', 'To consider the sale of the depot.'] };
    pages[7] = { ...pages[7]!, lines: ['Page left blank'] };
    const file = path.join(dir, 'cabinet-listing-only.pdf');
    writeFileSync(file, await makePdf(pages));
    const f = await auditFile(file, loader);
    expect(item(f, '7').classification).toBe('exempt');
    expect(exemptOf(f)).toEqual([]);
  });

  it('reports the report after a Part 2 separator page, not the separator page itself', async () => {
    const file = path.join(dir, 'licensing-part2-separator.pdf');
    writeFileSync(file, await makePdf(part2SeparatorPages()));
    const f = await auditFile(file, loader);
    const hits = f.items.filter((i) => i.messages.some((m) => m.ruleId === EXEMPT_IN_PUBLIC_PACK));
    expect(hits.map((i) => [i.title, i.firstPage])).toEqual([['Licence Review: Quayside Kebab House', 3]]);
    expect(exemptOf(f)[0]!.message).toBe('"Licence Review: Quayside Kebab House" is marked exempt (after the Part 2 separator on page 2) but is printed in the public pack, on page 3.');
  });

  it('reports a Markdown agenda pack audited as one document', async () => {
    const file = path.join(dir, 'cabinet-pack.md');
    copyFileSync(path.join(FIXTURES, 'confidential', 'exempt-item-in-public-pack', 'invalid', 'public-pack-depot-report-printed.md'), file);
    const f = await auditFile(file, loader);
    expect(f.structure).toBe('single');
    const hits = exemptOf(f);
    expect(hits.map((m) => [m.severity, m.line])).toEqual([[2, 31]]);
    expect(readFileSync(file, 'utf8').split('\n')[30]).toContain('NOT FOR PUBLICATION');
  });
});

describe('pack facts', () => {
  it('takes the meeting from the running header, or from the cover when there is none', async () => {
    const cover = await ingest('x.pdf', await makePdf([{ lines: ['Wexcombe Borough Council', 'LICENSING COMMITTEE', 'Date: Tuesday 9 March 2027', 'AGENDA'] }, { lines: ['Report text'] }]), {});
    expect(meetingOf(cover)).toBe('Licensing Committee - 9 March 2027');
    expect(packAudience(cover)).toBe('public');
  });

  it('does not take a public pack for a members-only one because its running order lists an item "not for publication"', async () => {
    const pack = await ingest('x.pdf', await makePdf([{ lines: ['CABINET', 'AGENDA', '1. Apologies', '2. Depot sale (not for publication)'] }, { lines: ['Text'] }]), {});
    expect(packAudience(pack)).toBe('public');
  });
});

describe('reports', () => {
  let files: AuditFile[];
  beforeAll(async () => {
    const names = ['note.md', 'cabinet-public.pdf', 'corrupt.pdf', 'local-plan.pdf'];
    files = await auditFiles(
      names.map((n) => path.join(dir, n)),
      { jobs: 2, cwd: dir },
    );
  });

  it('sorts files by path and sums the summary', () => {
    const report = makeReport(files, '9.9.9');
    expect(report.files.map((f) => path.basename(f.filePath))).toEqual(['cabinet-public.pdf', 'corrupt.pdf', 'local-plan.pdf', 'note.md']);
    const all = report.files.flatMap((f) => f.items.flatMap((i) => i.messages));
    expect(report.summary).toMatchObject({
      files: 4,
      unreadable: 1,
      items: 7 + 1 + 1 + 1,
      errors: all.filter((m) => m.severity === 2).length,
      warnings: all.filter((m) => m.severity === 1).length,
    });
    expect(report.summary.itemsNeedingAttention).toBe(report.files.flatMap((f) => f.items).filter((i) => i.status !== 'clear').length);
    expect(report.summary.byFamily.directive).toEqual({ errors: 0, warnings: 4 });
    expect(report.summary.byFamily.input).toEqual({ errors: 1, warnings: 0 });
    expect(report.summary.byRule[EXEMPT_IN_PUBLIC_PACK]).toBe(1);
  });

  it('merges shard reports into the report of the whole run; a file in two reports counts once', () => {
    const whole = makeReport(files, '9.9.9');
    const a = makeReport([files[1]!, files[3]!], '9.9.9');
    const b = makeReport([files[0]!, files[2]!, files[3]!], '9.9.9');
    const merged = mergeReports([JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b))], '9.9.9');
    expect(merged.files).toEqual(whole.files);
    expect(merged.summary).toEqual(whole.summary);
  });
});
