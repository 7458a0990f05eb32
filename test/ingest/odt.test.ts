import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { IngestResult } from '../../src/types.js';
import { DEFAULT_LIMITS, InputError } from '../../src/types.js';
import { ingest } from '../../src/ingest/index.js';
import { readOdt } from '../../src/ingest/odt.js';
import { FIXTURES, checkFile } from '../helpers/fixtures.js';

const DIR = path.join(FIXTURES, 'ingest', 'odt');

async function read(file: string): Promise<IngestResult> {
  return ingest(file, new Uint8Array(readFileSync(file)));
}

function lineOf(r: IngestResult, needle: string): number {
  return r.text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

/** Rewrite one part of an .odt (mimetype stays first and stored, as ODF requires). */
function withPart(file: string, part: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(new Uint8Array(readFileSync(file)));
  files[part] = strToU8(edit(strFromU8(files[part]!)));
  const { mimetype, ...rest } = files;
  return zipSync({ mimetype: [mimetype!, { level: 0 }], ...rest });
}

describe('odt reader: cabinet-report.odt (LibreOffice, from the .docx with tracked changes and a comment)', async () => {
  const r = await read(path.join(DIR, 'cabinet-report.odt'));

  it('is one line per paragraph or table cell, in document order', () => {
    expect(r.format).toBe('odt');
    for (const b of r.blocks) {
      expect(r.text.slice(b.start, b.end)).toBe(b.text);
      expect(b.text).not.toContain('\n');
    }
    expect(r.blocks.map((b) => r.text.slice(0, b.start).split('\n').length)).toEqual(r.blocks.map((_, i) => i + 1));
    expect(lineOf(r, 'Officers will publish a notice in the Wexcombe Gazette')).toBe(22);
  });

  it('drops the tracked deletion (kept in text:tracked-changes) and keeps the insertion', () => {
    expect(r.text).not.toContain('the contractor withdrew');
    expect(r.text).toContain('The resurfacing will be carried out by Quayside Surfacing Ltd under the council’s highways framework.');
  });

  it('drops the comment (office:annotation) and keeps the commented text', () => {
    expect(r.text).not.toMatch(/check with Procurement|can we name the contractor|Yasmin Treloar/i);
    expect(r.text).toContain('The works are expected to cost £84,000, funded from the car parks maintenance budget.');
  });

  it('gives table cells coordinates and types headings and list items', () => {
    expect(r.blocks.find((b) => b.text === 'Wards affected')).toMatchObject({ type: 'table-cell', table: { table: 0, row: 3, cell: 0 } });
    expect(r.blocks.find((b) => b.text === 'Castle')).toMatchObject({ type: 'table-cell', table: { table: 0, row: 3, cell: 1 } });
    expect(r.blocks.find((b) => b.text === '3. Background')).toMatchObject({ type: 'heading', depth: 1 });
    expect(r.blocks.filter((b) => b.type === 'list-item').map((b) => b.text)).toEqual([
      'That Cabinet approves the closure of Castle Street Car Park from 1 March 2027 for up to six weeks.',
      'That the Director of Place be authorised to agree the traffic management arrangements with the county council.',
    ]);
  });

  it('adds the master page header and footer as header blocks after the body', () => {
    const headers = r.blocks.filter((b) => b.type === 'header').map((b) => b.text);
    expect(headers.slice(0, 2)).toEqual(['OFFICIAL-SENSITIVE', 'Wexcombe Borough Council · Cabinet 14 January 2027']);
    expect(headers.some((h) => /^Page \d+$/.test(h))).toBe(true);
    const first = r.blocks.findIndex((b) => b.type === 'header');
    expect(first).toBeGreaterThan(20);
    expect(r.blocks.slice(first).every((b) => b.type === 'header')).toBe(true);
  });

  it('reads the title and user-defined properties from meta.xml', () => {
    expect(r.meta.title).toBe('Castle Street Car Park: temporary closure for resurfacing');
    expect(r.meta.sensitivityLabel).toBe('OFFICIAL-SENSITIVE');
  });

  it('is checked end to end with no input/ finding', async () => {
    const result = await checkFile(path.join(DIR, 'cabinet-report.odt'));
    expect(result.format).toBe('odt');
    expect(result.messages.filter((m) => m.ruleId.startsWith('input/'))).toEqual([]);
  });
});

describe('odt reader: press-note.odt (pandoc)', async () => {
  const r = await read(path.join(DIR, 'press-note.odt'));

  it('reads text:h headings, lists, tables and the title', () => {
    expect(r.meta.title).toBe('Market ward recycling centre: new opening hours');
    expect(r.blocks.find((b) => b.text === 'New opening hours from 1 March')).toMatchObject({ type: 'heading', depth: 1 });
    expect(r.blocks.filter((b) => b.type === 'list-item').map((b) => b.text)).toEqual(['Garden waste is accepted free of charge.', 'Bulky items need a booking.']);
    expect(r.blocks.find((b) => b.text === '9am to 5pm')).toMatchObject({ type: 'table-cell', table: { table: 0, row: 2, cell: 1 } });
    expect(lineOf(r, 'Residents can call 01632 960478')).toBe(12);
  });
});

describe('odt reader: ODF details', () => {
  const file = path.join(DIR, 'press-note.odt');

  it('collapses white space as ODF says, and honours text:s, text:tab and text:line-break', async () => {
    const bytes = withPart(file, 'content.xml', (xml) =>
      xml.replace(
        /<text:p text:style-name="[^"]*">The recycling centre[^<]*<\/text:p>/,
        '<text:p>  Opening\n   times:<text:tab/>8am<text:s text:c="3"/>to 6pm<text:line-break/>daily.<office:annotation><dc:creator>A</dc:creator><text:p>Not text</text:p></office:annotation></text:p>',
      ),
    );
    const r = await readOdt({ path: 'ws.odt', bytes, limits: DEFAULT_LIMITS, depth: 0 });
    expect(r.text.split('\n')).toContain('Opening times: 8am   to 6pm daily.');
    expect(r.text).not.toContain('Not text');
  });

  it('keeps footnote text out of its paragraph and puts it after the body', async () => {
    const bytes = withPart(file, 'content.xml', (xml) =>
      xml.replace(
        'Bulky items need a booking.',
        'Bulky items need a booking.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Bookings open on 1 February 2027.</text:p></text:note-body></text:note>',
      ),
    );
    const r = await readOdt({ path: 'notes.odt', bytes, limits: DEFAULT_LIMITS, depth: 0 });
    const lines = r.text.split('\n');
    expect(lines).toContain('Bulky items need a booking.');
    expect(lines.indexOf('Bookings open on 1 February 2027.')).toBeGreaterThan(lines.indexOf('Residents can call 01632 960478 with questions.'));
  });

  it('refuses a password-protected .odt', async () => {
    const bytes = withPart(file, 'META-INF/manifest.xml', (xml) =>
      xml.replace(
        /(<manifest:file-entry[^>]*manifest:full-path="content.xml"[^>]*?)\s*\/>/,
        '$1><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/></manifest:encryption-data></manifest:file-entry>',
      ),
    );
    expect(strFromU8(unzipSync(bytes)['META-INF/manifest.xml']!)).toContain('encryption-data');
    await expect(readOdt({ path: 'locked.odt', bytes, limits: DEFAULT_LIMITS, depth: 0 })).rejects.toThrow(/^locked\.odt is password-protected/);
  });

  it('refuses a spreadsheet with an .odt name, and reads a .docx with an .odt name', async () => {
    const ods = withPart(file, 'mimetype', () => 'application/vnd.oasis.opendocument.spreadsheet');
    const e = await readOdt({ path: 'sums.odt', bytes: ods, limits: DEFAULT_LIMITS, depth: 0 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toBe('sums.odt is not an OpenDocument text document: it is a spreadsheet');
    expect((e as InputError).ruleId).toBe('input/unsupported');

    const docx = new Uint8Array(readFileSync(path.join(FIXTURES, 'ingest', 'docx', 'cabinet-report.docx')));
    const r = await ingest('renamed.odt', docx);
    expect(r.format).toBe('docx');
    expect(r.warnings).toContain('the file is named .odt but is a Word document (.docx); read as .docx');
  });

  it('refuses an .odt that expands past the limit', async () => {
    const bytes = withPart(file, 'content.xml', (xml) => xml.replace('</office:text>', `<text:p>${'x'.repeat(3 * 1024 * 1024)}</text:p></office:text>`));
    await expect(readOdt({ path: 'big.odt', bytes, limits: { ...DEFAULT_LIMITS, maxDecompressedBytes: 2 * 1024 * 1024 }, depth: 0 })).rejects.toThrow(
      'big.odt expands to more than 2 MiB; refusing to read it',
    );
  });
});
