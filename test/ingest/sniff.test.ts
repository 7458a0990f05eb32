import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import CFB from 'cfb';
import { InputError } from '../../src/types.js';
import { ingest } from '../../src/ingest/index.js';
import { describeContent, looksLikeEmail, sniffExtension, zipKind } from '../../src/ingest/sniff.js';
import { cfbKind, cfbNames } from '../../src/ingest/cfb.js';
import { writeZip } from '../../scripts/fixtures/zip-bomb.js';
import { FIXTURES } from '../helpers/fixtures.js';

const ING = path.join(FIXTURES, 'ingest');
const bytesOf = (...p: string[]) => new Uint8Array(readFileSync(path.join(ING, ...p)));

function cfbWith(streams: string[]): Uint8Array {
  const c = CFB.utils.cfb_new();
  for (const s of streams) CFB.utils.cfb_add(c, `/${s}`, Buffer.from('x'.repeat(600)));
  return new Uint8Array(CFB.write(c, { type: 'buffer', fileType: 'cfb' }) as Buffer);
}

describe('sniffing documents by content', () => {
  it('recognises PDF, also after leading junk', () => {
    const pdf = bytesOf('pdf', 'agenda-pack.pdf');
    expect(sniffExtension(pdf)).toBe('.pdf');
    const junk = new Uint8Array([...new TextEncoder().encode('\r\n\r\n'), ...pdf]);
    expect(sniffExtension(junk)).toBe('.pdf');
    expect(describeContent(pdf)).toBe('a PDF file');
  });

  it('tells Word, OpenDocument and other zips apart from their directories', () => {
    expect(sniffExtension(bytesOf('docx', 'cabinet-report.docx'))).toBe('.docx');
    expect(sniffExtension(bytesOf('odt', 'cabinet-report.odt'))).toBe('.odt');
    expect(sniffExtension(bytesOf('odt', 'press-note.odt'))).toBe('.odt');
    expect(zipKind(bytesOf('bad', 'no-document.docx'))).toBe('zip');
    expect(sniffExtension(bytesOf('bad', 'no-document.docx'))).toBeUndefined();
    const xlsx = writeZip([{ name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') }, { name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>') }]);
    expect(sniffExtension(xlsx)).toBeUndefined();
    expect(describeContent(xlsx)).toBe('an Excel workbook (.xlsx)');
    // a damaged .docx is still recognised from its first local header, so the Word reader can explain
    expect(sniffExtension(bytesOf('bad', 'corrupt.docx'))).toBe('.docx');
  });

  it('looks inside OLE files: Outlook messages, encrypted Office files, legacy Word', () => {
    const msg = cfbWith(['__substg1.0_0037001F', '__properties_version1.0']);
    expect(cfbNames(msg)).toContain('__substg1.0_0037001F');
    expect(sniffExtension(msg)).toBe('.msg');
    const encrypted = bytesOf('bad', 'encrypted.docx');
    expect(cfbKind(encrypted)).toBe('encrypted-office');
    expect(sniffExtension(encrypted)).toBe('.docx');
    expect(describeContent(encrypted)).toBe('a password-protected (encrypted) Office document');
    const doc = cfbWith(['WordDocument', '1Table']);
    expect(sniffExtension(doc)).toBeUndefined();
    expect(describeContent(doc)).toBe('an old-format Word 97-2003 document (.doc)');
    // an OLE header whose directory cannot be followed is taken for a .msg (the mail reader will say more)
    const broken = encrypted.slice(0, 512);
    expect(sniffExtension(broken)).toBe('.msg');
  });

  it('recognises HTML pages and fragments, email, Markdown and plain text', () => {
    expect(sniffExtension(bytesOf('html', 'press-release.html'))).toBe('.html');
    expect(sniffExtension(bytesOf('sniff', 'page'))).toBe('.html');
    expect(sniffExtension(bytesOf('sniff', 'message'))).toBe('.eml');
    expect(sniffExtension(bytesOf('sniff', 'notes'))).toBe('.md');
    expect(sniffExtension(bytesOf('sniff', 'letter'))).toBe('.txt');
    // a typed memo has From/To/Date/Subject lines but no addresses and no transport headers: not an email
    expect(sniffExtension(bytesOf('sniff', 'memo'))).toBe('.txt');
    expect(looksLikeEmail('From: a@wexcombe.gov.uk\nTo: b@wexcombe.gov.uk\nSubject: x\n\nbody')).toBe(true);
    expect(looksLikeEmail('From: Democratic Services\nTo: Members\n\nbody')).toBe(false);
    expect(sniffExtension(new TextEncoder().encode('From jo@example.com Tue Jan 12 09:30:00 2027\nFrom: jo@example.com\nDate: Tue, 12 Jan 2027\n\nhi'))).toBe('.eml');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Castle ward notes').flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(sniffExtension(utf16)).toBe('.txt');
  });

  it('returns undefined for binary data that is none of these', () => {
    const png = bytesOf('bad', 'report.docx');
    expect(sniffExtension(png)).toBeUndefined();
    expect(describeContent(png)).toBe('a PNG image');
    expect(sniffExtension(bytesOf('sniff', 'notice.rtf.bin'))).toBeUndefined();
    expect(describeContent(bytesOf('sniff', 'notice.rtf.bin'))).toBe('an RTF document');
    expect(sniffExtension(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]))).toBeUndefined();
    expect(sniffExtension(new Uint8Array([0, 1, 2, 3, 4, 5, 0, 0, 9, 200]))).toBeUndefined();
    expect(sniffExtension(new Uint8Array(0))).toBeUndefined();
  });

  it('is what ingest uses for files with no known extension', async () => {
    expect((await ingest('notes', bytesOf('sniff', 'notes'))).format).toBe('markdown');
    expect((await ingest('page', bytesOf('sniff', 'page'))).format).toBe('html');
    expect((await ingest('memo', bytesOf('sniff', 'memo'))).format).toBe('text');
    expect((await ingest('report.bin', bytesOf('docx', 'cabinet-report.docx'))).format).toBe('docx');
    expect((await ingest('pack.dat', bytesOf('pdf', 'agenda-pack.pdf'))).format).toBe('pdf');
    const e = await ingest('scan.dat', bytesOf('bad', 'report.docx')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).ruleId).toBe('input/unsupported');
    expect((e as InputError).message).toMatch(/^scan\.dat: not a supported document format/);
  });
});
