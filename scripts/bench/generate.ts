/**
 * Deterministic synthetic workloads for benchmarks: council prose in every input format, written to a
 * temporary folder. Same seed, same bytes (no clock, no Math.random, no network).
 *
 * Reusable by other benchmarks: `generateWorkloads({ scale, only })` writes a folder; the single-file
 * builders (`markdownReport`, `correspondence`, `emlDraft`, `agendaPackPdf`, `docxReport`, `textPdf`)
 * return bytes or text for callers that want their own layout.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { UserConfig } from '../../src/config/types.js';

// ─── Seeded randomness ───────────────────────────────────────────────────────

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast and good enough for test data. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

// ─── The fictional council ───────────────────────────────────────────────────

export const COUNCIL = 'Kestlemoor Borough Council';
export const COUNCIL_DOMAIN = 'kestlemoor.example';
export const PRESS_DOMAIN = 'kestlemoor-courier.example';

const OFFICERS = [
  { name: 'Harriet Quenby', role: 'Chief Executive' },
  { name: 'Simon Achterberg', role: 'Monitoring Officer' },
  { name: 'Yusuf Delacroix-Hale', role: 'Director of Place' },
  { name: 'Morwenna Tillotson', role: 'Director of Communities' },
  { name: 'Callum Brightwater', role: 'Head of Planning' },
  { name: 'Agnieszka Porthleven', role: 'Head of Housing' },
  { name: 'Desmond Farrowby', role: 'Head of Environmental Services' },
] as const;

const WARDS = ['Abbey', 'Riverside', 'Northgate', 'Old Town', 'Hillcrest', 'Marsh End'] as const;

const MEMBERS = [
  { name: 'Philippa Garside', ward: 'Abbey', party: 'Kestlemoor Residents', roles: ['Leader of the Council'] },
  { name: 'Tomasz Wrenfield', ward: 'Abbey', party: 'Labour', roles: [] },
  { name: 'Lorraine Ebdon', ward: 'Riverside', party: 'Liberal Democrat', roles: ['Cabinet Member for Housing'] },
  { name: 'Graham Stackpole', ward: 'Riverside', party: 'Conservative', roles: ['Leader of the Conservative Group'] },
  { name: 'Nkechi Rowntree', ward: 'Northgate', party: 'Labour', roles: ['Leader of the Labour Group'] },
  { name: 'Ivor Pendlebury', ward: 'Northgate', party: 'Green Party', roles: [] },
  { name: 'Beatrix Colley', ward: 'Old Town', party: 'Kestlemoor Residents', roles: ['Cabinet Member for Environment'] },
  { name: 'Rajesh Thornbury', ward: 'Hillcrest', party: 'Liberal Democrat', roles: ['Deputy Leader of the Council'] },
  { name: 'Winifred Askew', ward: 'Marsh End', party: 'Conservative', roles: [] },
] as const;

const PARTIES = ['Labour', 'Conservative', 'Liberal Democrat', 'Green Party', 'Reform UK', 'Kestlemoor Residents'] as const;

/** The config every workload is checked with (written as `.protocolrc.json` at the workload root). */
export const BENCH_CONFIG: UserConfig = {
  council: COUNCIL,
  jurisdiction: 'england',
  areaTerm: 'ward',
  councilDomains: [COUNCIL_DOMAIN],
  pressDomains: [PRESS_DOMAIN],
  officers: OFFICERS.map((o) => ({ name: o.name, role: o.role, aliases: [o.name.split(' ').slice(-1)[0]!] })),
  approvers: ['Chief Executive', 'Monitoring Officer', 'Director', 'Head of Service'],
  wards: WARDS.map((w) => ({ name: w, aliases: [`${w} ward`] })),
  members: MEMBERS.map((m) => ({ name: m.name, ward: m.ward, party: m.party, roles: [...m.roles] })),
  parties: ['Kestlemoor Residents'],
  preElection: [{ start: '2027-03-22', pollingDay: '2027-05-06' }],
};

// ─── Council prose ───────────────────────────────────────────────────────────

const PLACES = ['the Corn Exchange', 'Abbey Road car park', 'the Riverside leisure centre', 'Northgate library', 'Marsh End community hall', 'the Old Town bus station', 'Hillcrest park', 'the depot on Tanyard Lane'];
const TOPICS = ['the local plan review', 'the housing repairs backlog', 'the garden waste service', 'the capital programme', 'the town centre regeneration scheme', 'the homelessness strategy', 'the parking strategy', 'the climate action plan'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'September', 'October', 'November'];

type Slots = Record<string, () => string>;

function slots(rng: Rng): Slots {
  const officer = () => rng.pick(OFFICERS);
  const member = () => rng.pick(MEMBERS);
  return {
    ward: () => rng.pick(WARDS),
    place: () => rng.pick(PLACES),
    topic: () => rng.pick(TOPICS),
    officer: () => officer().name,
    role: () => officer().role,
    member: () => `Councillor ${member().name}`,
    party: () => rng.pick(PARTIES),
    date: () => `${rng.int(1, 28)} ${rng.pick(MONTHS)} ${rng.pick(['2026', '2027'])}`,
    amount: () => `£${rng.int(12, 950)},000`,
    n: () => String(rng.int(2, 60)),
    pct: () => `${rng.int(2, 40)}%`,
  };
}

/** Ordinary report and correspondence sentences: most of any workload. */
const NEUTRAL = [
  'The report sets out the options for {topic} and the costs of each.',
  'Officers have worked with partners across the borough to prepare the proposals in this report.',
  'The {role} will report progress to the Overview and Scrutiny Committee on {date}.',
  'Demand for the service has risen by {pct} since the last review.',
  'The estimated cost of the works at {place} is {amount}, funded from the capital programme.',
  'A public consultation ran from {date} and received {n} responses.',
  'The proposals support the council plan priority of thriving communities.',
  'There are no direct equality implications arising from this report.',
  'The Chief Finance Officer has been consulted and the financial implications are set out in section 6.',
  'Residents in {ward} ward raised concerns about traffic at the public meeting on {date}.',
  '{member} asked whether the timetable could be brought forward.',
  'The Cabinet Member thanked officers for their work on {topic}.',
  'The risk register has been updated to reflect the revised programme.',
  'Members are asked to note the performance figures in the appendix.',
  'The scheme will be delivered in two phases, the first starting in {date}.',
  'Background papers are available from Democratic Services on request.',
  'The contract was awarded after an open tender with {n} bidders.',
  'The {role} confirmed that the legal implications have been reviewed.',
  'Footfall at {place} fell by {pct} over the winter months.',
  'The council has a statutory duty to keep the highway safe.',
  'Thank you for your email about {topic}; I have passed it to the relevant team.',
  'I would be grateful for an update before the meeting on {date}.',
  'Please find attached the briefing note on {topic} for the ward members.',
  'The labour market in the borough has recovered well, and on a conservative estimate unemployment will fall again.',
  'The Independent Person will be consulted before the hearing.',
  'Visitors to the hospital wards at the general hospital have praised the new bus link.',
  'Ward members for {ward} were briefed on {date} and their comments are included in section 4.',
  'The working party will meet again on {date} to consider the draft.',
];

/** Sentences that give rules real work: insults, party credit, exempt material, personal data, closures. */
const TRIGGERS = [
  'The {role} is useless and should be sacked before the next meeting.',
  'Frankly {officer} is incompetent and everyone in this building knows it.',
  'Thanks to the {party} administration, council tax has been frozen again.',
  'Unlike the previous {party} administration, we have balanced the books.',
  'Vote for the team that delivered the new leisure centre.',
  'This report is not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.',
  'The tenant, born on 4 May 1961, National Insurance number QQ 12 34 56 C, has a long-term health condition.',
  'It is proposed to close {place} from {date}, and a consultation will start next month.',
  'Ward members consulted: N/A',
  'Cabinet has to approve the sale of {place} if the budget is to balance, the {role} told the Courier.',
  'I have forwarded the confidential briefing on {topic} to the chair of the residents forum.',
  '{member}, Cabinet Member for Housing, said: "This is a great day for our borough."',
];

function fill(template: string, s: Slots): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => s[k]?.() ?? k);
}

/** One sentence of council prose; `triggerRate` of them are breach-like. */
export function sentence(rng: Rng, triggerRate = 0.06): string {
  return fill(rng.pick(rng.chance(triggerRate) ? TRIGGERS : NEUTRAL), slots(rng));
}

export function paragraph(rng: Rng, min = 2, max = 5, triggerRate?: number): string {
  const n = rng.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(rng, triggerRate));
  return out.join(' ');
}

/** Hard-wrap text at `width` columns (reports and e-mails are often wrapped). */
export function wrap(text: string, width = 78): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

// ─── Markdown: a committee report ────────────────────────────────────────────

/** A Markdown committee report (front matter, cover sheet, headings, tables, lists) of at least `bytes`. */
export function markdownReport(rng: Rng, bytes: number): string {
  const ward = rng.pick(WARDS);
  const parts: string[] = [
    '---',
    'kind: report',
    'meeting: Cabinet',
    'date: 2027-03-11',
    `wards: [${ward}]`,
    'classification: public',
    'exemptParagraphs: []',
    'approvals: [ { role: Director of Place, name: Yusuf Delacroix-Hale, date: 2027-02-25 } ]',
    '---',
    '',
    `# ${COUNCIL}: Cabinet, 11 March 2027`,
    '',
    '| | |',
    '|---|---|',
    '| Report of | Director of Place |',
    `| Wards affected | ${ward} |`,
    '| Key decision | Yes |',
    '| Classification | Public |',
    '| Ward members consulted | Yes, on 20 February 2027 |',
    '',
  ];
  let size = parts.join('\n').length;
  let section = 0;
  while (size < bytes) {
    section++;
    const chunk: string[] = [`## ${section}. ${capitalise(slots(rng).topic!())}`, ''];
    const items = rng.int(2, 5);
    for (let i = 1; i <= items; i++) chunk.push(...wrap(`${section}.${i} ${paragraph(rng, 2, 6)}`), '');
    const shape = rng.int(0, 3);
    if (shape === 0) {
      chunk.push('| Option | Cost | Risk | Recommended |', '|---|---:|---|---|');
      for (let r = 1; r <= rng.int(3, 6); r++) {
        chunk.push(`| Option ${r}: ${slots(rng).place!()} | ${slots(rng).amount!()} | ${rng.pick(['Low', 'Medium', 'High'])} | ${r === 1 ? 'Yes' : 'No'} |`);
      }
      chunk.push('');
    } else if (shape === 1) {
      for (let r = 0; r < rng.int(3, 6); r++) chunk.push(`- ${sentence(rng)}`);
      chunk.push('');
    } else if (shape === 2) {
      for (let r = 1; r <= rng.int(2, 4); r++) chunk.push(`${r}. ${sentence(rng)}`);
      chunk.push('');
    } else {
      chunk.push(`> ${sentence(rng)}`, '');
    }
    const text = chunk.join('\n') + '\n';
    parts.push(text);
    size += text.length + 1;
  }
  return parts.join('\n');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).replace(/^the /i, '');
}

// ─── Plain-text correspondence ───────────────────────────────────────────────

/** A letter or pasted e-mail thread of roughly `bytes` characters. */
export function correspondence(rng: Rng, bytes: number): string {
  const member = rng.pick(MEMBERS);
  const officer = rng.pick(OFFICERS);
  const lines: string[] = [`Our ref: KBC/${rng.int(1000, 9999)}`, `${slots(rng).date!()}`, '', `Dear Councillor ${member.name.split(' ')[1]},`, ''];
  while (lines.join('\n').length < bytes * 0.75) lines.push(...wrap(paragraph(rng, 2, 5)), '');
  lines.push('Yours sincerely,', '', officer.name, officer.role, COUNCIL, '');
  if (rng.chance(0.4)) {
    lines.push('-----Original Message-----', `From: ${member.name} <${email(member.name, COUNCIL_DOMAIN)}>`, `Sent: ${slots(rng).date!()} 09:12`, `To: ${officer.name}`, `Subject: ${capitalise(slots(rng).topic!())}`, '');
  }
  while (lines.join('\n').length < bytes) lines.push(...wrap(paragraph(rng, 2, 4)), '');
  return lines.join('\n');
}

function email(name: string, domain: string): string {
  return `${name.toLowerCase().replace(/[^a-z ]/g, '').replace(/ +/g, '.')}@${domain}`;
}

// ─── E-mail drafts ───────────────────────────────────────────────────────────

/** Quoted-printable (RFC 2045) for UTF-8 text, soft-wrapped at 76 columns. */
export function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const bytes = new TextEncoder().encode(line);
    let encoded = '';
    let col = 0;
    bytes.forEach((b, i) => {
      const last = i === bytes.length - 1;
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
      const piece = literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (col + piece.length > 75) {
        encoded += '=\n';
        col = 0;
      }
      encoded += piece;
      col += piece.length;
    });
    out.push(encoded);
  }
  return out.join('\n');
}

function rfc2822Date(rng: Rng): string {
  const day = rng.int(1, 28);
  const d = new Date(Date.UTC(2027, rng.int(0, 3), day, rng.int(7, 18), rng.int(0, 59)));
  return d.toUTCString().replace('GMT', '+0000');
}

/** A small .eml draft: plain 8bit, multipart/alternative with quoted-printable parts, some with quoted replies. */
export function emlDraft(rng: Rng, index: number): string {
  const from = rng.pick(MEMBERS);
  const to = rng.chance(0.3) ? { name: 'Newsdesk', address: `newsdesk@${PRESS_DOMAIN}` } : (() => {
    const o = rng.pick(OFFICERS);
    return { name: o.name, address: email(o.name, COUNCIL_DOMAIN) };
  })();
  const subject = `${rng.chance(0.3) ? 'RE: ' : ''}${capitalise(slots(rng).topic!())}`;
  const bodyLines: string[] = [`Dear ${to.name.split(' ')[0]},`, ''];
  for (let p = 0; p < rng.int(1, 4); p++) bodyLines.push(...wrap(paragraph(rng, 1, 4, 0.12), 72), '');
  bodyLines.push('Regards,', '', `Cllr ${from.name}`, `${from.ward} ward`);
  if (rng.chance(0.35)) {
    bodyLines.push('', `On ${rfc2822Date(rng)}, ${to.name} <${to.address}> wrote:`);
    for (const l of wrap(paragraph(rng, 2, 4), 70)) bodyLines.push(`> ${l}`);
  }
  const body = bodyLines.join('\n');
  const headers = [
    `From: ${from.name} <${email(from.name, COUNCIL_DOMAIN)}>`,
    `To: ${to.name} <${to.address}>`,
    ...(rng.chance(0.3) ? [((m) => `Cc: ${m.name} <${email(m.name, COUNCIL_DOMAIN)}>`)(rng.pick(MEMBERS))] : []),
    `Date: ${rfc2822Date(rng)}`,
    `Subject: ${subject}`,
    `Message-ID: <draft-${String(index).padStart(4, '0')}@${COUNCIL_DOMAIN}>`,
    'MIME-Version: 1.0',
  ];
  let text: string;
  if (index % 4 === 0) {
    const boundary = `=_kbc_${index}_${rng.int(100000, 999999)}`;
    const html = `<html><body>${body.split('\n\n').map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, ' ')}</p>`).join('\n')}</body></html>`;
    text = [
      ...headers,
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      quotedPrintable(body),
      `--${boundary}`,
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      quotedPrintable(html),
      `--${boundary}--`,
      '',
    ].join('\n');
  } else {
    text = [...headers, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', body, ''].join('\n');
  }
  return index % 7 === 0 ? text.replace(/\n/g, '\r\n') : text;
}

// ─── PDF: an agenda pack ─────────────────────────────────────────────────────

export interface PdfPage {
  header?: string;
  footer?: string;
  lines: string[];
}

/** Characters Helvetica's WinAnsi encoding cannot draw become '-'. */
function winAnsi(s: string): string {
  return s.replace(/[^\x20-\x7e£]/g, '-');
}

/** A text PDF (Helvetica, A4), one drawn line per entry, with optional running header and footer. */
export async function textPdf(pages: readonly PdfPage[], title = 'Document'): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const fixed = new Date(Date.UTC(2027, 2, 1));
  pdf.setTitle(title);
  pdf.setProducer('protocol-lint bench generator');
  pdf.setCreationDate(fixed);
  pdf.setModificationDate(fixed);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  for (const p of pages) {
    const page = pdf.addPage([595.28, 841.89]);
    if (p.header) page.drawText(winAnsi(p.header), { x: 50, y: 800, size: 9, font });
    let y = 770;
    for (const line of p.lines) {
      const heading = /^(?:Agenda Item \d+|\d+\.\s)/.test(line);
      page.drawText(winAnsi(line), { x: 50, y, size: heading ? 11 : 10, font: heading ? bold : font });
      y -= 15;
      if (y < 60) break;
    }
    if (p.footer) page.drawText(winAnsi(p.footer), { x: 270, y: 30, size: 9, font });
  }
  return pdf.save({ useObjectStreams: true });
}

/** The pages of an agenda pack: "Agenda Item N" starting new pages, running header and footer. */
export function agendaPackPages(rng: Rng, pageCount: number): PdfPage[] {
  const pages: PdfPage[] = [];
  let item = 3;
  let left = 0;
  for (let n = 1; n <= pageCount; n++) {
    const lines: string[] = [];
    if (n === 1) {
      lines.push(`${COUNCIL}`, 'Cabinet: public reports pack', 'Thursday 11 March 2027 at 6.00 pm, Council Chamber', '', 'Agenda');
      for (let i = 1; i <= 12; i++) lines.push(`${i}. ${capitalise(slots(rng).topic!())}`);
    } else {
      if (left <= 0) {
        item++;
        left = rng.int(2, 6);
        const ward = rng.pick(WARDS);
        lines.push(`Agenda Item ${item}`, `Report of the ${rng.pick(OFFICERS).role}`, `Wards affected: ${ward}`, `Ward members consulted: ${rng.chance(0.7) ? 'Yes' : 'N/A'}`, '');
      }
      left--;
      while (lines.length < 46) lines.push(...wrap(paragraph(rng, 2, 4), 95), '');
    }
    pages.push({ header: 'Cabinet - 11 March 2027', footer: `Page ${n} of ${pageCount}`, lines: lines.slice(0, 46) });
  }
  return pages;
}

export async function agendaPackPdf(rng: Rng, pageCount: number): Promise<Uint8Array> {
  return textPdf(agendaPackPages(rng, pageCount), 'Cabinet - 11 March 2027 - public reports pack');
}

// ─── Word: a report ──────────────────────────────────────────────────────────

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function wPara(text: string, style?: string, boldLead?: string): string {
  const pPr = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : '';
  const lead = boldLead ? `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${xml(boldLead)}</w:t></w:r>` : '';
  return `<w:p>${pPr}${lead}<w:r><w:t xml:space="preserve">${xml(text)}</w:t></w:r></w:p>`;
}

function wTable(rows: string[][]): string {
  const grid = rows[0]!.map(() => '<w:gridCol w:w="4500"/>').join('');
  const trs = rows.map((r) => `<w:tr>${r.map((c) => `<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr>${wPara(c)}</w:tc>`).join('')}</w:tr>`).join('');
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${trs}</w:tbl>`;
}

/** A minimal valid .docx: a cover-sheet table, headings and numbered paragraphs. */
export function docxReport(rng: Rng, index: number, paragraphs = 24): Uint8Array {
  const ward = rng.pick(WARDS);
  const title = `${capitalise(slots(rng).topic!())}: report ${index}`;
  const body: string[] = [
    wPara(title, 'Title'),
    wTable([
      ['Report of', rng.pick(OFFICERS).role],
      ['Wards affected', ward],
      ['Key decision', rng.chance(0.5) ? 'Yes' : 'No'],
      ['Ward members consulted', rng.chance(0.7) ? `Yes, ${slots(rng).date!()}` : 'N/A'],
      ['Classification', 'Public'],
    ]),
  ];
  let section = 0;
  for (let i = 0; i < paragraphs; i++) {
    if (i % 6 === 0) body.push(wPara(`${++section}. ${capitalise(slots(rng).topic!())}`, 'Heading1'));
    body.push(wPara(paragraph(rng, 2, 5), undefined, `${section}.${(i % 6) + 1} `));
  }
  const documentXml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    body.join('') +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>';
  const files = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
    ),
    'docProps/core.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
        `<dc:title>${xml(title)}</dc:title><dc:creator>${xml(rng.pick(OFFICERS).name)}</dc:creator></cp:coreProperties>`,
    ),
    'word/document.xml': strToU8(documentXml),
  };
  return zipSync(files, { level: 6, mtime: new Date(Date.UTC(2027, 0, 1, 12)) });
}

// ─── Workloads on disk ───────────────────────────────────────────────────────

export const WORKLOAD_NAMES = ['markdown', 'text', 'eml', 'pdf', 'docx'] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export interface Workload {
  name: WorkloadName;
  /** What it is, for the table. */
  description: string;
  dir: string;
  /** Absolute paths, sorted. */
  files: string[];
  bytes: number;
}

export interface GeneratedWorkloads {
  root: string;
  configFile: string;
  workloads: Workload[];
  /** Small drafts for start-up timing, one per format an officer checks before sending: .txt, .md, .eml. */
  smallDrafts: string[];
  /** Remove the folder. */
  cleanup(): Promise<void>;
}

export interface GenerateOptions {
  /** Folder to write into (created); default a new folder in os.tmpdir(). */
  root?: string;
  seed?: number;
  /** Multiplies every size (1 = the standard bench: 1 MiB Markdown, 1 MiB text, 500 .eml, 300 PDF pages, 100 .docx). */
  scale?: number;
  only?: readonly WorkloadName[];
}

const MiB = 1024 * 1024;

export async function generateWorkloads(options: GenerateOptions = {}): Promise<GeneratedWorkloads> {
  const seed = options.seed ?? 20270311;
  const scale = options.scale ?? 1;
  const root = options.root ?? (await mkdtemp(path.join(os.tmpdir(), 'protocol-lint-bench-')));
  await mkdir(root, { recursive: true });
  const configFile = path.join(root, '.protocolrc.json');
  await writeFile(configFile, JSON.stringify(BENCH_CONFIG, null, 2) + '\n');
  const wanted = new Set(options.only ?? WORKLOAD_NAMES);
  const workloads: Workload[] = [];
  const count = (n: number) => Math.max(1, Math.round(n * scale));

  const write = async (name: WorkloadName, description: string, entries: Array<[string, string | Uint8Array]>) => {
    const dir = path.join(root, name);
    await mkdir(dir, { recursive: true });
    let bytes = 0;
    const files: string[] = [];
    for (const [file, content] of entries) {
      const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      const full = path.join(dir, file);
      await writeFile(full, data);
      bytes += data.length;
      files.push(full);
    }
    workloads.push({ name, description, dir, files: files.sort(), bytes });
  };

  // Each workload has its own stream, so generating a subset gives the same bytes.
  if (wanted.has('markdown')) {
    await write('markdown', '1 committee report (.md)', [['committee-report.md', markdownReport(createRng(seed + 1), Math.round(MiB * scale))]]);
  }
  if (wanted.has('text')) {
    const rng = createRng(seed + 2);
    const entries: Array<[string, string]> = [];
    let total = 0;
    for (let i = 1; total < MiB * scale; i++) {
      const text = correspondence(rng, rng.int(4, 12) * 1024);
      entries.push([`letter-${String(i).padStart(4, '0')}.txt`, text]);
      total += Buffer.byteLength(text);
    }
    await write('text', `${entries.length} letters and threads (.txt)`, entries);
  }
  if (wanted.has('eml')) {
    const rng = createRng(seed + 3);
    const n = count(500);
    const entries: Array<[string, string]> = [];
    for (let i = 1; i <= n; i++) entries.push([`draft-${String(i).padStart(4, '0')}.eml`, emlDraft(rng, i)]);
    await write('eml', `${n} e-mail drafts (.eml)`, entries);
  }
  if (wanted.has('pdf')) {
    const pages = count(300);
    await write('pdf', `1 agenda pack, ${pages} pages (.pdf)`, [['cabinet-agenda-pack.pdf', await agendaPackPdf(createRng(seed + 4), pages)]]);
  }
  if (wanted.has('docx')) {
    const rng = createRng(seed + 5);
    const n = count(100);
    const entries: Array<[string, Uint8Array]> = [];
    for (let i = 1; i <= n; i++) entries.push([`report-${String(i).padStart(3, '0')}.docx`, docxReport(rng, i)]);
    await write('docx', `${n} reports (.docx)`, entries);
  }

  const smallDir = path.join(root, 'small');
  await mkdir(smallDir, { recursive: true });
  const rng = createRng(seed + 6);
  const letter = path.join(smallDir, 'draft.txt');
  await writeFile(letter, ['Dear Editor,', '', ...wrap(paragraph(rng, 4, 6, 0.3)), '', ...wrap(paragraph(rng, 3, 5, 0.3)), '', 'Yours faithfully,', `Cllr ${MEMBERS[3].name}`, ''].join('\n'));
  const release = path.join(smallDir, 'press-release.md');
  await writeFile(release, ['---', 'kind: press-release', 'date: 2027-02-01', '---', '', '# Library opening hours extended', '', 'For immediate release', '', ...wrap(paragraph(rng, 4, 6, 0.3)), '', ...wrap(paragraph(rng, 3, 5, 0.3)), '', 'ENDS', ''].join('\n'));
  const email = path.join(smallDir, 'reply.eml');
  await writeFile(email, emlDraft(rng, 1));
  const smallDrafts = [letter, release, email];

  return {
    root,
    configFile,
    workloads,
    smallDrafts,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
