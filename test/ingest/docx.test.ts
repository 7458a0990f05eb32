import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import type { Block, IngestResult } from '../../src/types.js';
import { DEFAULT_LIMITS, InputError } from '../../src/types.js';
import { ingest } from '../../src/ingest/index.js';
import { readDocx } from '../../src/ingest/docx.js';
import { bombDocumentXml, docxWithBody, writeZip } from '../../scripts/fixtures/zip-bomb.js';
import { FIXTURES, ROOT, checkFile } from '../helpers/fixtures.js';

const DIR = path.join(FIXTURES, 'ingest', 'docx');
const REPORT = path.join(DIR, 'cabinet-report.docx');

async function read(file: string): Promise<IngestResult> {
  return ingest(file, new Uint8Array(readFileSync(file)));
}

function lineOf(result: IngestResult, needle: string): number {
  const i = result.text.split('\n').findIndex((l) => l.includes(needle));
  return i + 1;
}

function blockWith(result: IngestResult, needle: string): Block {
  const b = result.blocks.find((x) => x.text.includes(needle));
  if (!b) throw new Error(`no block contains ${JSON.stringify(needle)}`);
  return b;
}

async function rejection(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

describe('docx reader: cabinet-report.docx (pandoc)', async () => {
  const r = await read(REPORT);
  const lines = r.text.split('\n');

  it('is one line per paragraph or table cell, every block a verbatim slice of the text', () => {
    expect(r.format).toBe('docx');
    for (const b of r.blocks) {
      expect(r.text.slice(b.start, b.end)).toBe(b.text);
      expect(b.text).not.toContain('\n');
      expect(b.map).toBeUndefined();
    }
    // each block is exactly one line
    expect(r.blocks.map((b) => r.text.slice(0, b.start).split('\n').length)).toEqual(r.blocks.map((_, i) => i + 1));
    expect(lines[lines.length - 1]).toBe('');
  });

  it('puts a known sentence on its paragraph number', () => {
    // title (1), 12 cover-sheet cells (2-13), then headings, paragraphs and list items in order
    expect(lineOf(r, 'Officers will publish a notice in the Wexcombe Gazette')).toBe(22);
    expect(lines[21]).toBe('Officers will publish a notice in the Wexcombe Gazette at least fourteen days before the closure.');
    expect(lineOf(r, 'To seek approval for the temporary closure')).toBe(15);
  });

  it('gives table cells their coordinates', () => {
    expect(blockWith(r, 'Wards affected')).toMatchObject({ type: 'table-cell', table: { table: 0, row: 3, cell: 0 } });
    const castle = r.blocks.find((b) => b.text === 'Castle')!;
    expect(castle).toMatchObject({ type: 'table-cell', table: { table: 0, row: 3, cell: 1 } });
    expect(blockWith(r, 'Cllr Philippa Dunstable')).toMatchObject({ type: 'table-cell', table: { table: 0, row: 4, cell: 1 } });
    expect(r.blocks.filter((b) => b.type === 'table-cell')).toHaveLength(12);
  });

  it('types headings and numbered list items', () => {
    expect(blockWith(r, '1. Purpose of the report')).toMatchObject({ type: 'heading', depth: 1 });
    expect(blockWith(r, 'Castle Street Car Park: temporary closure for resurfacing')).toMatchObject({ type: 'heading' });
    const items = r.blocks.filter((b) => b.type === 'list-item').map((b) => b.text);
    expect(items).toEqual([
      'That Cabinet approves the closure of Castle Street Car Park from 1 March 2027 for up to six weeks.',
      'That the Director of Place be authorised to agree the traffic management arrangements with the county council.',
    ]);
    expect(blockWith(r, 'Officers will publish').type).toBe('paragraph');
  });

  it('drops tracked deletions and keeps tracked insertions', () => {
    expect(r.text).not.toContain('the contractor withdrew');
    expect(r.text).not.toContain('summer of 2026');
    expect(lines[19]).toBe(
      'The car park has 96 spaces and is used by shoppers and by residents of Castle Mews. The resurfacing will be carried out by Quayside Surfacing Ltd under the council’s highways framework.',
    );
  });

  it('drops comments but keeps the commented text', () => {
    expect(r.text).not.toMatch(/check with Procurement|can we name the contractor/i);
    expect(r.text).toContain('The works are expected to cost £84,000, funded from the car parks maintenance budget.');
  });

  it('adds page headers and footers after the body as header blocks, with field results not codes', () => {
    const headers = r.blocks.filter((b) => b.type === 'header').map((b) => b.text);
    expect(headers).toEqual(['OFFICIAL-SENSITIVE', 'Wexcombe Borough Council · Cabinet 14 January 2027', 'Page 1']);
    const firstHeader = r.blocks.findIndex((b) => b.type === 'header');
    expect(r.blocks.slice(firstHeader).every((b) => b.type === 'header')).toBe(true);
    expect(r.text).not.toMatch(/\bPAGE\b/);
  });

  it('reads the title and the sensitivity label from the document properties', () => {
    expect(r.meta.title).toBe('Castle Street Car Park: temporary closure for resurfacing');
    expect(r.meta.sensitivityLabel).toBe('OFFICIAL-SENSITIVE');
  });

  it('is checked end to end as a .docx with no input/ finding', async () => {
    const result = await checkFile(REPORT);
    expect(result.format).toBe('docx');
    expect(result.messages.filter((m) => m.ruleId.startsWith('input/'))).toEqual([]);
    for (const m of result.messages) expect(m.line).toBeLessThanOrEqual(lines.length);
  });
});

describe('docx reader: Word features made by hand', () => {
  it('reads styles by name, outline levels, text boxes once, nested tables, gridSpan and field results', async () => {
    const styles =
      `<?xml version="1.0"?><w:styles ${W}>` +
      '<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Bullets"><w:name w:val="My bullets"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>' +
      '</w:styles>';
    const body =
      `<?xml version="1.0"?><w:document ${W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` +
      '<w:p><w:pPr><w:pStyle w:val="berschrift2"/></w:pPr><w:r><w:t>Localised heading</w:t></w:r></w:p>' +
      '<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>Outline heading</w:t></w:r></w:p>' +
      '<w:p><w:pPr><w:pStyle w:val="Bullets"/></w:pPr><w:r><w:t>Bullet by style</w:t></w:r></w:p>' +
      '<w:p><w:pPr><w:pStyle w:val="Bullets"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Numbering removed</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t xml:space="preserve">Before </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Text box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>' +
      '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Text box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>after.</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t>Tab</w:t><w:tab/><w:t>and</w:t><w:br/><w:t>break, </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \\@ "d MMMM yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>4 January 2027</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>' +
      '<w:p><w:pPr><w:pStyle w:val="Normal"/><w:pPrChange w:id="9"><w:pPr><w:pStyle w:val="berschrift2"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>Was a heading</w:t></w:r><w:moveFrom><w:r><w:t>moved away</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t xml:space="preserve"> moved here</w:t></w:r></w:moveTo></w:p>' +
      '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Wide</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Third</w:t></w:r></w:p></w:tc></w:tr>' +
      '<w:tr><w:tc><w:p><w:r><w:t>Outer first</w:t></w:r></w:p><w:p><w:r><w:t>second paragraph</w:t></w:r></w:p>' +
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>' +
      '</w:body></w:document>';
    const relsDoc =
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>';
    const base = unzipSync(docxWithBody(body));
    base['word/styles.xml'] = new TextEncoder().encode(styles);
    base['word/_rels/document.xml.rels'] = new TextEncoder().encode(relsDoc);
    const r = await readDocx({ path: 'features.docx', bytes: zipSync(base), limits: DEFAULT_LIMITS, depth: 0 });
    const simple = r.blocks.map((b) => [b.type, b.text, b.depth, b.table && `${b.table.table}/${b.table.row}/${b.table.cell}`].filter((x) => x !== undefined));
    expect(simple).toEqual([
      ['heading', 'Localised heading', 2],
      ['heading', 'Outline heading', 1],
      ['list-item', 'Bullet by style'],
      ['paragraph', 'Numbering removed'],
      ['paragraph', 'Text box'],
      ['paragraph', 'Before after.'],
      ['paragraph', 'Tab and break, 4 January 2027'],
      ['paragraph', 'Was a heading moved here'],
      ['table-cell', 'Wide', '0/0/0'],
      ['table-cell', 'Third', '0/0/2'],
      ['table-cell', 'Inner', '1/0/0'],
      ['table-cell', 'Outer first second paragraph', '0/1/0'],
    ]);
  });

  it('reads an .odt saved with a .docx name, with a warning', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'ingest', 'odt', 'press-note.odt')));
    const r = await ingest('press-note.docx', bytes);
    expect(r.format).toBe('odt');
    expect(r.warnings).toContain('the file is named .docx but is an OpenDocument text (.odt); read as .odt');
    expect(r.text).toContain('Garden waste is accepted free of charge.');
  });
});

describe('docx reader: damaged and hostile packages', () => {
  it('refuses a zip bomb whose headers admit its size', async () => {
    const bytes = docxWithBody(bombDocumentXml(3 * 1024 * 1024));
    const e = await rejection(readDocx({ path: 'bomb.docx', bytes, limits: { ...DEFAULT_LIMITS, maxDecompressedBytes: 2 * 1024 * 1024 }, depth: 0 }));
    expect(e.message).toBe('bomb.docx expands to more than 2 MiB; refusing to read it (it may be a "zip bomb")');
    expect(e.ruleId).toBe('input/unreadable');
  });

  it('refuses a zip bomb whose headers lie about its size (the cap is enforced while inflating)', async () => {
    const bytes = docxWithBody(bombDocumentXml(3 * 1024 * 1024), { claimedSize: 1000 });
    expect(bytes.length).toBeLessThan(20_000);
    const e = await rejection(readDocx({ path: 'liar.docx', bytes, limits: { ...DEFAULT_LIMITS, maxDecompressedBytes: 2 * 1024 * 1024 }, depth: 0 }));
    expect(e.message).toContain('liar.docx expands to more than 2 MiB; refusing to read it');
  });

  it('refuses a zip with too many entries', async () => {
    const entries = Array.from({ length: 20_001 }, (_, i) => ({ name: `word/media/p${i}.xml`, data: new Uint8Array(0), store: true }));
    const e = await rejection(readDocx({ path: 'many.docx', bytes: writeZip(entries), limits: DEFAULT_LIMITS, depth: 0 }));
    expect(e.message).toMatch(/^many\.docx is not a normal Word document: it has 20001 parts \(more than 20000\); refusing to read it$/);
  });

  it('notices a corrupted part (checksum or deflate data)', async () => {
    const good = docxWithBody(`<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>${'Quayside ward budget. '.repeat(200)}</w:t></w:r></w:p></w:body></w:document>`);
    const bad = good.slice();
    const at = bad.length - 400; // inside word/document.xml's data (the last entry), before the directory
    for (let i = at; i < at + 40; i++) bad[i] = bad[i]! ^ 0x5a;
    const e = await rejection(readDocx({ path: 'flipped.docx', bytes: bad, limits: DEFAULT_LIMITS, depth: 0 }));
    expect(e.message).toMatch(/^flipped\.docx is not a valid Word document \(the zip archive is damaged: the part word\/document\.xml /);
  });

  it('reports malformed XML in plain words', async () => {
    const bytes = docxWithBody(`<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>Unclosed</w:r></w:p></w:body></w:document>`);
    const e = await rejection(readDocx({ path: 'broken-xml.docx', bytes, limits: DEFAULT_LIMITS, depth: 0 }));
    expect(e.message).toMatch(/^broken-xml\.docx is not a valid Word document \(its XML is damaged: /);
  });

  it('names committed bad files and what is wrong with them', async () => {
    const bad = path.join(FIXTURES, 'ingest', 'bad');
    const cases: Array<[string, RegExp, string]> = [
      ['corrupt.docx', /corrupt\.docx is not a valid Word document \(the zip archive is damaged: the end of the zip directory is missing; the file may be cut short\)$/, 'input/unreadable'],
      ['encrypted.docx', /encrypted\.docx is password-protected \(an encrypted Office file\); remove the password in Word/, 'input/unreadable'],
      ['report.docx', /report\.docx is not a Word document: it is a PNG image\./, 'input/unsupported'],
      ['no-document.docx', /no-document\.docx is not a valid Word document \(it has no word\/document\.xml; it may be another kind of zip file\)$/, 'input/unsupported'],
    ];
    for (const [name, message, ruleId] of cases) {
      const e = await rejection(read(path.join(bad, name)));
      expect(e.message).toMatch(message);
      expect(e.message.startsWith(path.join(bad, name))).toBe(true);
      expect(e.ruleId).toBe(ruleId);
    }
    const empty = await rejection(ingest('empty.docx', new Uint8Array(0)));
    expect(empty.message).toBe('empty.docx: the file is empty');
  });
});

const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
describe.skipIf(!existsSync(path.join(CORPUS, 'labels.jsonl')))('docx reader on the development corpus', () => {
  it('puts every evidence string of the .docx documents on one line', async () => {
    const labels = readFileSync(path.join(CORPUS, 'labels.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; evidence: Array<{ text: string }> })
      .filter((l) => l.file.endsWith('.docx'));
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) {
      const r = await read(path.join(CORPUS, l.file));
      const docLines = r.text.split('\n');
      for (const e of l.evidence) expect(docLines.some((x) => x.includes(e.text)), `${l.file}: ${e.text}`).toBe(true);
    }
  });
});
