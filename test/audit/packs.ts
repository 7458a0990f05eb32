/**
 * Real agenda packs for the audit tests, made with pdf-lib (standard fonts) in the test setup: a frontsheet
 * with the running order, "Agenda Item N" page headers, running headers and "Page N" footers, report title
 * pages, a Part 2 separator. Everything is fictional (the Wexcombe Borough Council of fixtures/.protocolrc.json).
 */
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';

export interface PdfLine {
  text: string;
  size?: number;
  bold?: boolean;
}

export interface PdfPageSpec {
  /** Running header (top left, small). */
  header?: string;
  /** Printed at the top right, like ModernGov's "Agenda Item 5" stamp. */
  stamp?: string;
  /** Print the stamp on the running header's baseline instead of below it. */
  stampOnHeaderLine?: boolean;
  /** Running footer, centred (e.g. "Page 3"). */
  footer?: string;
  lines: Array<string | PdfLine>;
}

const WIDTH = 595.28;
const HEIGHT = 841.89;
const MARGIN = 56;

function wrapToWidth(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  return out.length > 0 ? out : [''];
}

/** A text PDF: one page per spec, long lines wrapped to the page width, a blank string is a gap. */
export async function makePdf(pages: PdfPageSpec[], title = 'Agenda pack'): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(title);
  const fixed = new Date(Date.UTC(2027, 2, 1));
  pdf.setCreationDate(fixed);
  pdf.setModificationDate(fixed);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  for (const spec of pages) {
    const page = pdf.addPage([WIDTH, HEIGHT]);
    if (spec.header) page.drawText(spec.header, { x: MARGIN, y: HEIGHT - 36, size: 9, font: regular });
    if (spec.stamp) {
      const w = bold.widthOfTextAtSize(spec.stamp, 12);
      page.drawText(spec.stamp, { x: WIDTH - MARGIN - w, y: spec.stampOnHeaderLine ? HEIGHT - 36 : HEIGHT - 62, size: 12, font: bold });
    }
    let y = HEIGHT - (spec.stamp && !spec.stampOnHeaderLine ? 90 : 72);
    for (const raw of spec.lines) {
      const line = typeof raw === 'string' ? { text: raw } : raw;
      const size = line.size ?? 10.5;
      const font = line.bold ? bold : regular;
      if (!line.text) {
        y -= size * 0.9;
        continue;
      }
      for (const l of wrapToWidth(line.text, font, size, WIDTH - 2 * MARGIN)) {
        if (y < 70) throw new Error(`too much text for one page: "${l}"`);
        page.drawText(l, { x: MARGIN, y, size, font });
        y -= size * 1.35;
      }
    }
    if (spec.footer) {
      const w = regular.widthOfTextAtSize(spec.footer, 9);
      page.drawText(spec.footer, { x: (WIDTH - w) / 2, y: 30, size: 9, font: regular });
    }
  }
  return pdf.save({ useObjectStreams: false });
}

export const DIRECTIVE_LINE = 'protocol-lint-disable-next-line officer/derogatory-reference -- agreed wording with the Monitoring Officer';

const H = (text: string): PdfLine => ({ text, bold: true, size: 13 });
const S = (text: string): PdfLine => ({ text, bold: true, size: 11.5 });

function filler(topic: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    out.push(`${i + 2}.${1} The ${topic} has been reviewed by officers in the service and the findings are summarised in this section of the report for members.`);
  }
  return out;
}

/**
 * The Cabinet public reports pack for 11 March 2027, nine pages:
 *   1     frontsheet (running order with page references; item 9 exempt, not included)
 *   2-3   Agenda Item 3: Quayside Library: proposed closure (Castle ward, "Ward members consulted: N/A";
 *         an unused suppression directive on page 3)
 *   4-5   Agenda Item 4: Market ward parking review (clean)
 *   6     Agenda Item 5: Exclusion of the press and public (cites Schedule 12A; not exempt itself), then
 *         Agenda Item 6 on the same page: a short notice that the exempt report is not in the public pack
 *   7-8   Agenda Item 7: Castle Street depot disposal, marked NOT FOR PUBLICATION (paragraph 3) — printed in
 *         the public pack by mistake
 *   9     Agenda Item 8: Minutes of the Thornby Area Forum (an unused directive on page 9)
 */
export function publicPackPages(): PdfPageSpec[] {
  const header = 'Cabinet - 11 March 2027';
  const page = (n: number, spec: Omit<PdfPageSpec, 'header' | 'footer'>): PdfPageSpec => ({ header, footer: `Page ${n}`, ...spec });
  return [
    page(1, {
      lines: [
        H('Wexcombe Borough Council'),
        'Public Document Pack',
        S('CABINET'),
        'Date: Thursday 11 March 2027',
        'Time: 6.00 pm',
        'Venue: Council Chamber, Wexcombe Guildhall, Market Street, Wexcombe',
        'Members of the public may attend the public part of the meeting.',
        '',
        S('AGENDA'),
        '1. Apologies for absence',
        '2. Declarations of interest',
        '3. Quayside Library: proposed closure (Pages 2 - 3)',
        '4. Market ward parking review (Pages 4 - 5)',
        '5. Exclusion of the press and public (Page 6)',
        '6. Thornby Leisure Centre: operating contract (exempt report,',
        'not included in the public pack)',
        '7. Castle Street depot: disposal (Pages 7 - 8)',
        '8. Minutes of the Thornby Area Forum (Page 9)',
        '',
        'Rosalind Quarrie, Chief Executive. Published on Wednesday 3 March 2027.',
      ],
    }),
    page(2, {
      stamp: 'Agenda Item 3',
      lines: [
        H('Quayside Library: Proposed Closure'),
        'Report to: Cabinet',
        'Report of: Director of People',
        'Wards affected: Castle',
        'Ward members consulted: N/A',
        'Key decision: Yes',
        'Classification: Public',
        '',
        S('1. Purpose'),
        '1.1 To seek approval to close Quayside Library on Castle Street permanently from 1 June 2027 and to move the book stock to the central library.',
        '1.2 The library building needs a new roof and the council cannot fund the repairs this year.',
        S('2. Recommendations'),
        '2.1 That Cabinet agrees to close Quayside Library from 1 June 2027.',
        ...filler('library service', 6),
      ],
    }),
    page(3, {
      lines: [
        S('3. Options'),
        '3.1 Option 1: keep the library open and borrow for the roof repairs. Not recommended.',
        '3.2 Option 2: close the library and extend the mobile library service to Castle ward. Recommended.',
        DIRECTIVE_LINE,
        '3.3 The mobile library will stop at Castle Street on Tuesdays and Fridays.',
        ...filler('mobile library timetable', 5),
        'Contact officer: Desmond Ollerenshaw, Director of People',
      ],
    }),
    page(4, {
      stamp: 'Agenda Item 4',
      lines: [
        H('Market Ward Parking Review'),
        'Report to: Cabinet',
        'Report of: Director of Place',
        'Wards affected: Market',
        'Ward members consulted: Cllr Marguerite Oyelaran and Cllr Thaddeus Wimbourne (briefing on 12 February 2027)',
        'Key decision: No',
        'Classification: Public',
        '',
        S('1. Purpose'),
        '1.1 To report the results of the review of on-street parking in Market ward.',
        ...filler('parking review', 6),
      ],
    }),
    page(5, {
      lines: [S('4. Financial implications'), '4.1 The new signs will cost about 4,000 pounds, met from the highways budget.', ...filler('signing programme', 5)],
    }),
    page(6, {
      stamp: 'Agenda Item 5',
      lines: [
        H('Exclusion of the Press and Public'),
        'To consider passing the following resolution:',
        'That under section 100A(4) of the Local Government Act 1972 the public be excluded from the meeting for the following item of business on the grounds that it involves the likely disclosure of exempt information as defined in paragraph 3 of Part 1 of Schedule 12A to the Act.',
        '',
        S('Agenda Item 6'),
        H('Thornby Leisure Centre: Operating Contract'),
        'This report contains exempt information and is not included in the public pack. It has been circulated to members of the Cabinet only.',
      ],
    }),
    page(7, {
      stamp: 'Agenda Item 7',
      lines: [
        S('NOT FOR PUBLICATION'),
        'By virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972',
        H('Castle Street Depot: Disposal'),
        'Report to: Cabinet',
        'Report of: Director of Place',
        'Wards affected: Castle',
        'Ward members consulted: Cllr Philippa Dunstable (briefing on 20 February 2027)',
        '',
        S('1. Purpose'),
        '1.1 To agree the sale of the Castle Street depot to the preferred bidder.',
        ...filler('bids received', 5),
      ],
    }),
    page(8, {
      lines: [S('2. Bids'), '2.1 Three bids were received. The preferred bid is the highest and is unconditional.', ...filler('valuation', 5)],
    }),
    page(9, {
      stamp: 'Agenda Item 8',
      lines: [
        H('Minutes of the Thornby Area Forum'),
        'Minutes of the meeting held on 18 February 2027',
        'Present: Councillor Ivy Castellane (Chair), Councillor Rufus Halloran',
        '',
        '1. The forum noted the update on the Thornby play area.',
        DIRECTIVE_LINE,
        '2. The next meeting will be held on 20 May 2027.',
      ],
    }),
  ];
}

/** A pack without "Agenda Item" stamps: boundaries come only from the frontsheet's page references. */
export function frontsheetOnlyPages(): PdfPageSpec[] {
  const page = (n: number, lines: Array<string | PdfLine>): PdfPageSpec => ({ header: 'Planning Committee - 2 February 2027', footer: `Page ${n}`, lines });
  return [
    page(1, [
      H('Wexcombe Borough Council'),
      S('PLANNING COMMITTEE'),
      'Date: Tuesday 2 February 2027',
      S('AGENDA'),
      '1. Apologies for absence',
      '2. Land at Abbey Fields Farm: outline application for 40 homes (Pages 2 - 3)',
      '3. 14 Quayside Walk: change of use to a cafe (Page 4)',
    ]),
    page(2, [H('Land at Abbey Fields Farm'), 'Application number: 27/00012/OUT', 'Ward: Abbey Fields', ...filler('application', 8)]),
    page(3, [S('Assessment'), DIRECTIVE_LINE, 'The site lies outside the settlement boundary.', ...filler('assessment', 4)]),
    page(4, [H('14 Quayside Walk'), 'Application number: 27/00031/FUL', 'Ward: Quayside', ...filler('application', 4), DIRECTIVE_LINE, 'Recommendation: approve.']),
  ];
}

/** A pack with no frontsheet and no stamps: each report starts with "Report to ..." at the top of a page. */
export function reportTitlePages(): PdfPageSpec[] {
  const page = (n: number, lines: Array<string | PdfLine>): PdfPageSpec => ({ footer: `${n}`, lines });
  return [
    page(1, ['Report to: Overview and Scrutiny Committee', H('Waste Collection Performance'), 'Report of: Head of Waste and Street Scene', ...filler('collection round', 6)]),
    page(2, [S('Conclusions'), ...filler('missed bin', 4)]),
    page(3, ['Report to: Overview and Scrutiny Committee', H('Scrutiny Work Programme 2027/28'), 'Report of: Monitoring Officer', DIRECTIVE_LINE, 'The committee is asked to agree its work programme.']),
  ];
}

/** A multi-page document with no agenda structure at all. */
export function unstructuredPages(): PdfPageSpec[] {
  return [
    { lines: [H('Wexcombe Local Plan: Issues and Options'), ...filler('evidence base', 8)] },
    { lines: [...filler('housing need', 6), DIRECTIVE_LINE, 'The plan period runs to 2045.'] },
  ];
}

/** A public pack with a Part 2 separator page followed by an exempt report. */
export function part2SeparatorPages(): PdfPageSpec[] {
  const header = 'Licensing Committee - 9 April 2027';
  return [
    { header, footer: 'Page 1', stamp: 'Agenda Item 1', lines: [H('Street Trading Policy Review'), 'Report of: Head of Planning', 'Wards affected: All', ...filler('policy', 6)] },
    { header, footer: 'Page 2', lines: [H('PART 2'), S('EXEMPT INFORMATION'), 'The following item is likely to be considered with the press and public excluded.'] },
    { header, footer: 'Page 3', lines: [H('Licence Review: Quayside Kebab House'), 'Report of: Licensing Manager', ...filler('licence history', 6)] },
  ];
}
