import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ingest } from '../../src/ingest/index.js';
import { sliceIngest, splitPack, type PackItem, type PackSplit } from '../../src/audit/split.js';
import type { Block, IngestResult } from '../../src/types.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { frontsheetOnlyPages, makePdf, part2SeparatorPages, publicPackPages, reportTitlePages, unstructuredPages, type PdfPageSpec } from './packs.js';

async function readPack(pages: PdfPageSpec[]): Promise<IngestResult> {
  return ingest('pack.pdf', await makePdf(pages), {});
}

function shape(split: PackSplit) {
  return split.items.map((i) => ({ role: i.role, item: i.item, title: i.title, pages: [i.firstPage, i.lastPage], exempt: i.exempt, withheld: i.withheld }));
}

/** The page every line of an item's text came from, read back from the pack: the item's text is its pages' text. */
function packPagesOf(pack: IngestResult, item: PackItem): number[] {
  const pages = new Set<number>();
  for (const b of item.ingest.blocks) pages.add(b.page!);
  // and the text really is the pack's text at that place
  expect(pack.text.slice(item.startOffset, item.startOffset + item.ingest.text.length)).toBe(item.ingest.text);
  return [...pages].sort((a, b) => a - b);
}

describe('splitPack on real PDF packs (pdf-lib ─▶ the PDF reader)', () => {
  let pack: IngestResult;
  let split: PackSplit;
  beforeAll(async () => {
    pack = await readPack(publicPackPages());
    split = splitPack(pack);
  });

  it('reads the pack the way the splitter expects (pages, running headers)', () => {
    expect(pack.pageStarts).toHaveLength(9);
    const running = pack.blocks.filter((b) => b.type === 'header').map((b) => b.text);
    expect(running).toContain('Cabinet - 11 March 2027');
  });

  it('splits at "Agenda Item N" page headers and at an "Agenda Item N" heading part-way down a page', () => {
    expect(split.structure).toBe('split');
    expect(shape(split)).toEqual([
      { role: 'frontsheet', item: undefined, title: 'Agenda frontsheet', pages: [1, 1], exempt: false, withheld: false },
      { role: 'item', item: '3', title: 'Quayside Library: proposed closure', pages: [2, 3], exempt: false, withheld: false },
      { role: 'item', item: '4', title: 'Market ward parking review', pages: [4, 5], exempt: false, withheld: false },
      { role: 'item', item: '5', title: 'Exclusion of the press and public', pages: [6, 6], exempt: false, withheld: false },
      { role: 'item', item: '6', title: 'Thornby Leisure Centre: operating contract', pages: [6, 6], exempt: false, withheld: true },
      { role: 'item', item: '7', title: 'Castle Street depot: disposal', pages: [7, 8], exempt: true, withheld: false },
      { role: 'item', item: '8', title: 'Minutes of the Thornby Area Forum', pages: [9, 9], exempt: false, withheld: false },
    ]);
    expect(split.note).toMatch(/^Split into 7 parts \(6 numbered agenda items\) using "Agenda Item N" page headers, "Agenda Item N" headings\.$/);
  });

  it("gives each item exactly its own text, with blocks that keep the pack's page numbers", () => {
    const byItem = new Map(split.items.map((i) => [i.item ?? i.role, i]));
    expect(packPagesOf(pack, byItem.get('3')!)).toEqual([2, 3]);
    expect(packPagesOf(pack, byItem.get('7')!)).toEqual([7, 8]);
    const item5 = byItem.get('5')!;
    const item6 = byItem.get('6')!;
    expect(packPagesOf(pack, item5)).toEqual([6]);
    expect(item5.ingest.text).toContain('Schedule 12A');
    expect(item5.ingest.text).not.toContain('Thornby Leisure Centre');
    expect(item6.ingest.text.trimStart()).toMatch(/^Agenda Item 6\n/);
    expect(item6.startOffset).toBeGreaterThan(pack.pageStarts![5]!);
    // the parts cover the pack without gaps or overlaps
    let at = 0;
    for (const i of split.items) {
      expect(i.startOffset).toBe(at);
      at += i.ingest.text.length;
    }
    expect(at).toBe(pack.text.length);
    // an item's local page starts line up with the pack's
    expect(byItem.get('3')!.ingest.pageStarts).toEqual([0, pack.pageStarts![2]! - pack.pageStarts![1]!]);
  });

  it('does not take the exclusion motion (which cites Schedule 12A) for exempt content, and quotes the marking it found', () => {
    const item7 = split.items.find((i) => i.item === '7')!;
    expect(item7.exemptReason).toBe('NOT FOR PUBLICATION - By virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972');
    expect(split.items.find((i) => i.item === '5')!.exemptReason).toBeUndefined();
  });

  it('lists items the frontsheet says are not in the pack', () => {
    expect(split.listedNotIncluded).toEqual([{ item: '6', title: 'Thornby Leisure Centre: operating contract' }]);
  });

  it('reads "Agenda Item N" stamps printed on the running header\'s line', async () => {
    const pages = publicPackPages().map((p) => ({ ...p, stampOnHeaderLine: true }));
    const onLine = await readPack(pages);
    expect(onLine.text.split('\n')).toContain('Cabinet - 11 March 2027 Agenda Item 3');
    expect(shape(splitPack(onLine))).toEqual(shape(split));
  });

  it('uses the frontsheet page references when the pages carry no item headers', async () => {
    const s = splitPack(await readPack(frontsheetOnlyPages()));
    expect(s.structure).toBe('split');
    expect(shape(s)).toEqual([
      { role: 'frontsheet', item: undefined, title: 'Agenda frontsheet', pages: [1, 1], exempt: false, withheld: false },
      { role: 'item', item: '2', title: 'Land at Abbey Fields Farm: outline application for 40 homes', pages: [2, 3], exempt: false, withheld: false },
      { role: 'item', item: '3', title: '14 Quayside Walk: change of use to a cafe', pages: [4, 4], exempt: false, withheld: false },
    ]);
    expect(s.note).toContain('page references on the frontsheet');
  });

  it('maps printed page numbers to PDF pages when the numbering starts after the frontsheet', async () => {
    // two unnumbered frontsheet pages, then reports numbered from "Page 1"
    const front: PdfPageSpec[] = [
      { lines: ['Wexcombe Borough Council', 'OVERVIEW AND SCRUTINY COMMITTEE', 'Date: Monday 8 March 2027', 'AGENDA', '1. Apologies for absence', '2. Declarations of interest'] },
      { lines: ['3. Waste collection performance (Pages 1 - 2)', '4. Work programme 2027/28 (Page 3)', 'Enquiries: Democratic Services, 01632 960120'] },
    ];
    const body: PdfPageSpec[] = [1, 2, 3].map((n) => ({ footer: `Page ${n}`, lines: [n === 3 ? 'Scrutiny work programme for the year ahead' : n === 1 ? 'Waste collection performance in the first half of the year' : 'Missed bins by round', 'Text of the report.'] }));
    const s = splitPack(await readPack([...front, ...body]));
    expect(shape(s).map((x) => [x.item ?? x.role, ...x.pages])).toEqual([
      ['frontsheet', 1, 2],
      ['3', 3, 4],
      ['4', 5, 5],
    ]);
  });

  it('splits at report title pages when a pack has no numbered items, and titles each report from its heading', async () => {
    const s = splitPack(await readPack(reportTitlePages()));
    expect(s.structure).toBe('split');
    expect(shape(s)).toEqual([
      { role: 'item', item: undefined, title: 'Waste Collection Performance', pages: [1, 2], exempt: false, withheld: false },
      { role: 'item', item: undefined, title: 'Scrutiny Work Programme 2027/28', pages: [3, 3], exempt: false, withheld: false },
    ]);
    expect(s.note).toBe('Split into 2 parts using report title pages.');
  });

  it('treats a Part 2 separator as a boundary and everything after it as exempt', async () => {
    const s = splitPack(await readPack(part2SeparatorPages()));
    expect(shape(s)).toEqual([
      { role: 'item', item: '1', title: 'Street Trading Policy Review', pages: [1, 1], exempt: false, withheld: false },
      { role: 'item', item: undefined, title: 'PART 2 - EXEMPT INFORMATION', pages: [2, 2], exempt: true, withheld: false },
      { role: 'item', item: undefined, title: 'Licence Review: Quayside Kebab House', pages: [3, 3], exempt: true, withheld: false },
    ]);
    expect(s.items[2]!.exemptReason).toBe('after the Part 2 separator on page 2');
  });

  it('falls back to checking a pack with no recognisable structure whole, and says so', async () => {
    const whole = await readPack(unstructuredPages());
    const s = splitPack(whole);
    expect(s.structure).toBe('whole');
    expect(s.note).toMatch(/No agenda structure found .* checked as a whole/);
    expect(s.items).toHaveLength(1);
    expect(s.items[0]).toMatchObject({ firstPage: 1, lastPage: 2, startOffset: 0, exempt: false });
    expect(s.items[0]!.ingest.text).toBe(whole.text);
  });

  it('splits the project’s groff-made agenda pack fixture', async () => {
    const file = path.join(FIXTURES, 'ingest', 'pdf', 'agenda-pack.pdf');
    const s = splitPack(await ingest(file, new Uint8Array(readFileSync(file)), {}));
    expect(shape(s).map((x) => [x.item ?? x.role, x.title, ...x.pages])).toEqual([
      ['frontsheet', 'Agenda frontsheet', 1, 1],
      ['3', 'Castle Street Car Park: temporary closure for resurfacing', 2, 2],
      ['4', 'Thornby Library: changes to opening hours', 3, 3],
      ['5', 'Capital programme monitoring 2026/27: quarter 3', 4, 4],
    ]);
  });
});

// ─── Synthetic reader output: edge cases the generated PDFs do not reach ──────────────────────────────────

/** An IngestResult as the PDF reader makes it: one line per text line, pages, running lines as 'header' blocks. */
function fakePdf(pages: Array<{ running?: string[]; lines: string[] }>, paragraphs = false): IngestResult {
  let text = '';
  const pageStarts: number[] = [];
  const blocks: Block[] = [];
  pages.forEach((p, i) => {
    pageStarts.push(text.length);
    const add = (line: string, type: Block['type']) => {
      blocks.push({ type, text: line, start: text.length, end: text.length + line.length, page: i + 1 });
      text += line + '\n';
    };
    for (const r of p.running ?? []) add(r, 'header');
    if (paragraphs) {
      // one paragraph block for all the body lines of the page
      const start = text.length;
      text += p.lines.join('\n') + '\n';
      blocks.push({ type: 'paragraph', text: p.lines.join('\n'), start, end: text.length - 1, page: i + 1 });
    } else for (const l of p.lines) add(l, 'paragraph');
  });
  return { format: 'pdf', text, blocks, meta: {}, pageStarts, warnings: [] };
}

describe('splitPack on reader output (edge cases)', () => {
  it('finds "Agenda Item N" even when the reader took it for a running header (a long item)', () => {
    const pages = [
      { lines: ['AGENDA', '1. Budget 2027/28 (Pages 2 - 4)', '2. Council tax base (Page 5)'] },
      ...[2, 3, 4].map(() => ({ running: ['Agenda Item 1'], lines: ['Budget 2027/28', 'The budget report text.'] })),
      { running: ['Agenda Item 2'], lines: ['Council Tax Base', 'Text.'] },
    ];
    const s = splitPack(fakePdf(pages));
    expect(s.items.map((i) => [i.item ?? i.role, i.firstPage, i.lastPage])).toEqual([
      ['frontsheet', 1, 1],
      ['1', 2, 4],
      ['2', 5, 5],
    ]);
  });

  it('cuts a paragraph block that runs across a mid-page item boundary, and keeps every block inside its item', () => {
    const pack = fakePdf(
      [
        { lines: ['AGENDA', '1. Minutes (Page 2)', '2. Petitions (Page 2)'] },
        { lines: ['Agenda Item 1', 'Minutes of the last meeting', 'Agreed as a correct record.', 'Agenda Item 2', 'Petitions', 'None received.'] },
      ],
      true,
    );
    const s = splitPack(pack);
    const [, one, two] = s.items;
    expect(one!.item).toBe('1');
    expect(two!.item).toBe('2');
    for (const part of [one!, two!]) {
      for (const b of part.ingest.blocks) {
        expect(b.end).toBeLessThanOrEqual(part.ingest.text.length);
        expect(part.ingest.text.slice(b.start, b.end)).toBe(b.text);
        expect(b.page).toBe(2);
      }
    }
    expect(one!.ingest.blocks.map((b) => b.text).join('\n')).toBe('Agenda Item 1\nMinutes of the last meeting\nAgreed as a correct record.\n');
    expect(two!.ingest.blocks.map((b) => b.text).join('\n')).toBe('Agenda Item 2\nPetitions\nNone received.');
  });

  it('reads wrapped frontsheet entries, their page references and "not included" notes', () => {
    const s = splitPack(
      fakePdf([
        {
          lines: [
            'AGENDA',
            '1. Apologies',
            '2. Quayside regeneration: appointment of a development',
            'partner (Pages 2 - 3)',
            '3. Thornby depot: lease renewal (exempt report,',
            'not included in the public pack)',
            '4. Exempt appendix to item 2 (Part 2 - exempt)',
          ],
        },
        { lines: ['Quayside regeneration', 'Report text.'] },
        { lines: ['More report text.'] },
      ]),
    );
    expect(s.items.map((i) => [i.item ?? i.role, i.title, i.firstPage, i.lastPage])).toEqual([
      ['frontsheet', 'Agenda frontsheet', 1, 1],
      ['2', 'Quayside regeneration: appointment of a development partner', 2, 3],
    ]);
    expect(s.listedNotIncluded).toEqual([
      { item: '3', title: 'Thornby depot: lease renewal' },
      { item: '4', title: 'Exempt appendix to item 2' },
    ]);
  });

  it('does not take numbered paragraphs of a report for the running order', () => {
    const s = splitPack(
      fakePdf([
        { lines: ['AGENDA', '1. Apologies', '2. Play areas review (Page 2)'] },
        { lines: ['Play Areas Review', '1. Purpose', '2. Background', '3. Options (Page 3 of the appendix)'] },
        { lines: ['Appendix'] },
      ]),
    );
    expect(s.items.map((i) => [i.item ?? i.role, i.firstPage, i.lastPage])).toEqual([
      ['frontsheet', 1, 1],
      ['2', 2, 3],
    ]);
  });

  it('does not split at a running header that repeats "Report to ..." on every page', () => {
    const pages = [1, 2, 3].map((n) => ({ running: ['Report to Cabinet - 11 March 2027', `Page ${n}`], lines: ['Some text of one long report.'] }));
    const s = splitPack(fakePdf(pages));
    expect(s.structure).toBe('whole');
  });

  it('marks an item exempt from its classification banner but not from a passing mention of Part 2', () => {
    const s = splitPack(
      fakePdf([
        { running: ['Agenda Item 4'], lines: ['Leisure Contract', 'Classification: Exempt', 'Report text.'] },
        { running: ['Agenda Item 5'], lines: ['Homes Strategy', 'Part 2 of the strategy covers older people.', 'Exempt information: No', 'Report text.'] },
        { running: ['Agenda Item 6'], lines: ['Car Park Lease', 'Exempt information: Yes - paragraph 3', 'Report text.'] },
      ]),
    );
    expect(s.items.map((i) => [i.item, i.exempt, i.exemptReason])).toEqual([
      ['4', true, 'Classification: Exempt'],
      ['5', false, undefined],
      ['6', true, 'Exempt information: Yes - paragraph 3'],
    ]);
  });
});

describe('splitPack: more layouts', () => {
  it('reads the item stamp printed on the same line as the running header', async () => {
    // ModernGov-like: "Cabinet - 11 March 2027" at the left and "Agenda Item N" at the right of one baseline
    const s = splitPack(
      fakePdf([
        { running: ['Cabinet - 11 March 2027'], lines: ['AGENDA', '1. Apologies', '2. Castle ward play areas (Page 2)', '3. Quayside moorings (Page 3)'] },
        { running: ['Cabinet - 11 March 2027 Agenda Item 2'], lines: ['Castle Ward Play Areas', 'Report text.'] },
        // the reader need not have taken the line for a running header
        { lines: ['Cabinet - 11 March 2027 Agenda Item 3', 'Quayside Moorings', 'This was first raised under agenda item 3', 'Report text.'] },
      ]),
    );
    expect(s.items.map((i) => [i.item ?? i.role, i.firstPage, i.boundary])).toEqual([
      ['frontsheet', 1, 'pages before the first item'],
      ['2', 2, '"Agenda Item N" page headers'],
      ['3', 3, '"Agenda Item N" page headers'],
    ]);
  });

  it('does not take a sentence that starts with "Agenda item 4" for an item header', () => {
    const s = splitPack(
      fakePdf([
        { lines: ['Agenda Item 1', 'Minutes', 'Agenda item 4 at the last meeting noted that the play area had reopened.'] },
        { lines: ['Agenda item 4 at the last meeting also noted the cost, which was within budget.', 'More minutes.'] },
        { lines: ['Agenda Item 2', 'Petitions'] },
      ]),
    );
    expect(s.items.map((i) => [i.item, i.firstPage, i.lastPage])).toEqual([
      ['1', 1, 2],
      ['2', 3, 3],
    ]);
  });

  it('keeps sub-items such as 5(a) and 5(b) apart', () => {
    const s = splitPack(
      fakePdf([
        { lines: ['AGENDA', '5(a) Thornby library hours (Page 2)', '5(b) Abbey Fields library hours (Page 3)'] },
        { lines: ['Agenda Item 5(a)', 'Thornby Library Hours'] },
        { lines: ['Agenda Item 5(b)', 'Abbey Fields Library Hours'] },
      ]),
    );
    expect(s.items.map((i) => [i.item ?? i.role, i.title, i.firstPage])).toEqual([
      ['frontsheet', 'Agenda frontsheet', 1],
      ['5(a)', 'Thornby library hours', 2],
      ['5(b)', 'Abbey Fields library hours', 3],
    ]);
  });

  it('treats an exempt appendix page as exempt on its own, without making later items exempt', () => {
    const s = splitPack(
      fakePdf([
        { lines: ['Agenda Item 5', 'Depot Relocation', 'Report text.'] },
        { lines: ['EXEMPT APPENDIX', 'By virtue of paragraph 3 of Part 1 of Schedule 12A', 'Bids received.'] },
        { lines: ['Agenda Item 6', 'Allotments', 'Report text.'] },
      ]),
    );
    expect(s.items.map((i) => [i.item ?? '-', i.firstPage, i.exempt])).toEqual([
      ['5', 1, false],
      ['-', 2, true],
      ['6', 3, false],
    ]);
  });
});

describe('sliceIngest', () => {
  it('keeps blocks that are not verbatim slices whole, in the part where they start, with shifted maps', () => {
    const text = 'aaaa\nbbbb\ncccc\n';
    const ingested: IngestResult = {
      format: 'pdf',
      text,
      blocks: [{ type: 'paragraph', text: 'bbbb cccc', start: 5, end: 14, map: [0, 5, 5, 10], page: 2 }],
      meta: {},
      pageStarts: [0, 5, 10],
    };
    const part = sliceIngest(ingested, 5, 10);
    expect(part.text).toBe('bbbb\n');
    expect(part.blocks).toEqual([{ type: 'paragraph', text: 'bbbb cccc', start: 0, end: 5, map: [0, 0, 5, 5], page: 2 }]);
    expect(part.pageStarts).toEqual([0]);
    expect(sliceIngest(ingested, 10, 15).blocks).toEqual([]);
  });
});
