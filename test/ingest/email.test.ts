import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { readEml } from '../../src/ingest/email.js';
import type { Block, IngestResult } from '../../src/types.js';
import { DEFAULT_LIMITS, InputError } from '../../src/types.js';
import { FIXTURES } from '../helpers/fixtures.js';

const DIR = path.join(FIXTURES, 'ingest', 'email');
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(DIR, name)));
const read = (name: string, limits = DEFAULT_LIMITS) => ingest(path.join(DIR, name), bytesOf(name), { limits });

/** 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, at).split('\n').length;
}

/** The block where the first occurrence of `needle` in the body (after the header lines) starts. */
function blockOf(r: IngestResult, needle: string): Block {
  const at = r.text.indexOf(needle, r.text.indexOf('\n\n') + 2);
  if (at < 0) throw new Error(`"${needle}" is not in the body`);
  const b = r.blocks.find((x) => x.start <= at && at < x.end);
  if (!b) throw new Error(`no block covers "${needle}"`);
  return b;
}

/** Every block is a verbatim slice of the checked text, in order, without overlaps. */
function expectBlocksAreSlices(r: IngestResult): void {
  let last = 0;
  for (const b of r.blocks) {
    expect(b.map).toBeUndefined();
    expect(r.text.slice(b.start, b.end)).toBe(b.text);
    expect(b.start).toBeGreaterThanOrEqual(last);
    last = b.end;
  }
}

describe('readEml: multipart/alternative with quoted-printable parts', () => {
  it('writes the header lines in order, then a blank line, then the text/plain body', async () => {
    const r = await read('alternative-qp.eml');
    expect(r.format).toBe('eml');
    const lines = r.text.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'From: Helena Marchbank <helena.marchbank@wexcombe.gov.uk>',
      'To: Cllr Thaddeus Wimbourne <cllr.thaddeus.wimbourne@wexcombe.gov.uk>',
      'Cc: Cuthbert Amberley <cuthbert.amberley@wexcombe.gov.uk>',
      'Date: Thu, 18 Feb 2027 14:05:33 +0000',
      'Subject: Market Square bin collections \u2013 revised timetable',
      '',
    ]);
    expect(r.blocks.slice(0, 5).map((b) => b.type)).toEqual(['header', 'header', 'header', 'header', 'header']);
    expect(r.blocks[4]!.text).toBe('Subject: Market Square bin collections \u2013 revised timetable');
    // the plain-text part, not the HTML part
    expect(r.text).not.toContain('<p>');
    expect(r.meta.mail).toMatchObject({ bodyFrom: 'text', messageId: '<alt-qp.0001@wexcombe.gov.uk>' });
    expectBlocksAreSlices(r);
  });

  it('parses the headers into meta.email', async () => {
    const r = await read('alternative-qp.eml');
    expect(r.meta.email).toEqual({
      from: [{ name: 'Helena Marchbank', address: 'helena.marchbank@wexcombe.gov.uk' }],
      to: [{ name: 'Cllr Thaddeus Wimbourne', address: 'cllr.thaddeus.wimbourne@wexcombe.gov.uk' }],
      cc: [{ name: 'Cuthbert Amberley', address: 'cuthbert.amberley@wexcombe.gov.uk' }],
      date: '2027-02-18T14:05:33Z',
      subject: 'Market Square bin collections \u2013 revised timetable',
    });
  });

  it('joins quoted-printable soft line breaks and places sentences on the right lines', async () => {
    const r = await read('alternative-qp.eml');
    const sentence = 'which starts on Monday 1 March 2027 and runs until the new vehicles arrive in June.';
    expect(lineOf(r.text, 'Dear Thaddeus,')).toBe(7);
    expect(lineOf(r.text, sentence)).toBe(9);
    expect(blockOf(r, sentence).type).toBe('paragraph');
    expect(lineOf(r.text, '2. The trade waste bins behind the Guildhall')).toBe(14);
    expect(blockOf(r, '2. The trade waste bins').type).toBe('list-item');
    expect(lineOf(r.text, 'I would be grateful if you could let me know by Friday')).toBe(17);
    expect(blockOf(r, 'I would be grateful').type).toBe('paragraph');
  });

  it('marks the signature and the trailing disclaimer', async () => {
    const r = await read('alternative-qp.eml');
    expect(blockOf(r, 'Kind regards,').type).toBe('paragraph');
    expect(blockOf(r, 'Director of Place').type).toBe('signature');
    expect(blockOf(r, '01632 960150').text).toBe('Helena Marchbank\nDirector of Place\nWexcombe Borough Council\n01632 960150');
    const disclaimer = blockOf(r, 'This email and any attachments are confidential');
    expect(disclaimer.type).toBe('disclaimer');
    expect(lineOf(r.text, 'This email and any attachments are confidential')).toBe(28);
  });
});

describe('readEml: multipart/mixed with attachments', () => {
  it('keeps attachments out of the checked text and lists every one of them', async () => {
    const r = await read('mixed-attachments.eml');
    expect(r.text).not.toContain('Drop-in session');
    expect(lineOf(r.text, 'Attached are my ward update')).toBe(8);
    expect(r.attachments!.map((a) => a.name)).toEqual([
      'logo.png',
      'ward-update.txt',
      'newsletter-draft.md',
      'consultation-summary.docx',
      'photos.zip',
      'Re Market Square benches.eml',
    ]);
  });

  it('lists the inline image without checking it', async () => {
    const r = await read('mixed-attachments.eml');
    const logo = r.attachments!.find((a) => a.name === 'logo.png')!;
    expect(logo).toMatchObject({ contentType: 'image/png', size: 70, skipped: 'inline image; not checked' });
    expect(logo.document).toBeUndefined();
  });

  it('reads a base64 .txt attachment one level deeper', async () => {
    const r = await read('mixed-attachments.eml');
    const txt = r.attachments!.find((a) => a.name === 'ward-update.txt')!;
    expect(txt.contentType).toBe('text/plain');
    expect(txt.size).toBe(171);
    expect(txt.document!.format).toBe('text');
    expect(lineOf(txt.document!.text, 'Drop-in session: Corn Street library, Saturday 6 March 2027, 10am to noon.')).toBe(4);
  });

  it('reads a .md attachment with the Markdown reader', async () => {
    const r = await read('mixed-attachments.eml');
    const md = r.attachments!.find((a) => a.name === 'newsletter-draft.md')!;
    expect(md.document!.format).toBe('markdown');
    expect(md.document!.blocks.find((b) => b.type === 'heading')!.text).toBe('Market Matters');
    expect(md.document!.blocks.filter((b) => b.type === 'list-item').map((b) => b.text)).toEqual([
      'Installation: March 2027',
      'Drop-in: Saturday 6 March 2027',
    ]);
  });

  it('hands a .docx attachment to the docx reader (or records why it could not)', async () => {
    const r = await read('mixed-attachments.eml');
    const att = r.attachments!.find((a) => a.name === 'consultation-summary.docx')!;
    expect(att.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // extract the same bytes from the message and read them directly: the attachment must match
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(Buffer.from(bytesOf('mixed-attachments.eml')));
    const docx = parsed.attachments.find((a) => a.filename === 'consultation-summary.docx')!;
    expect(att.size).toBe(docx.size);
    let direct: IngestResult | undefined;
    let error: string | undefined;
    try {
      direct = await ingest('consultation-summary.docx', new Uint8Array(docx.content), { depth: 1 });
    } catch (e) {
      error = (e as Error).message;
    }
    if (direct) {
      expect(att.document!.text).toBe(direct.text);
      expect(att.document!.text).toContain('Most respondents asked for the benches to stay near the bus shelter.');
    } else {
      expect(att.skipped).toBe(error);
      expect(att.document).toBeUndefined();
    }
  });

  it('lists a .zip attachment as not checked, with a warning', async () => {
    const r = await read('mixed-attachments.eml');
    const zip = r.attachments!.find((a) => a.name === 'photos.zip')!;
    expect(zip.contentType).toBe('application/zip');
    expect(zip.document).toBeUndefined();
    expect(zip.skipped).toMatch(/\.zip is not a document format/);
    expect(r.warnings!.some((w) => w.includes('photos.zip'))).toBe(true);
  });

  it('reads a forwarded message/rfc822 attachment as an email, with its own attachment', async () => {
    const r = await read('mixed-attachments.eml');
    const fwd = r.attachments!.find((a) => a.name.endsWith('.eml'))!;
    expect(fwd.contentType).toBe('message/rfc822');
    const doc = fwd.document!;
    expect(doc.format).toBe('eml');
    expect(doc.meta.email!.from).toEqual([{ name: 'Cuthbert Amberley', address: 'cuthbert.amberley@wexcombe.gov.uk' }]);
    expect(doc.text.split('\n')[3]).toBe('Subject: Re: Market Square benches');
    expect(lineOf(doc.text, 'The benches will go on the south side of the square')).toBe(8);
    const inner = doc.attachments!.find((a) => a.name === 'bench-locations.txt')!;
    expect(inner.document!.text).toBe('Bench 1: south side, by the bus shelter\nBench 2: south side, by the fountain\n');
  });

  it('respects limits.maxDepth for nested attachments', async () => {
    const r = await read('mixed-attachments.eml', { ...DEFAULT_LIMITS, maxDepth: 1 });
    const fwd = r.attachments!.find((a) => a.name.endsWith('.eml'))!;
    expect(fwd.document).toBeDefined();
    const inner = fwd.document!.attachments!.find((a) => a.name === 'bench-locations.txt')!;
    expect(inner.document).toBeUndefined();
    expect(inner.skipped).toMatch(/nested more than 1 deep/);

    const none = await read('mixed-attachments.eml', { ...DEFAULT_LIMITS, maxDepth: 0 });
    expect(none.attachments!.every((a) => a.document === undefined)).toBe(true);
    expect(none.attachments!.find((a) => a.name === 'ward-update.txt')!.skipped).toMatch(/nested more than 0 deep/);
  });
});

describe('readEml: charsets and encodings', () => {
  it('decodes a Windows-1252 body and Windows-1252 encoded words', async () => {
    const r = await read('windows-1252.eml');
    expect(r.text.split('\n')[0]).toBe('From: Ren\u00e9e Ashdown <renee.ashdown@example.org>');
    // two adjacent encoded words ("object" + "ions") join without the folding white space
    expect(r.meta.email!.subject).toBe('Quayside moorings: \u00a3250 fee \u2013 caf\u00e9 owners\u2019 objections');
    expect(r.text.split('\n')[3]).toBe('Subject: Quayside moorings: \u00a3250 fee \u2013 caf\u00e9 owners\u2019 objections');
    expect(r.meta.email!.from).toEqual([{ name: 'Ren\u00e9e Ashdown', address: 'renee.ashdown@example.org' }]);
    const sentence = 'I run the caf\u00e9 on Quayside and I\u2019m writing about the proposed \u00a3250 mooring fee \u2013 it would cost';
    expect(lineOf(r.text, sentence)).toBe(8);
    expect(r.text).not.toMatch(/[\u0080-\u009f\ufffd]/);
    expect(blockOf(r, 'Chair, Quayside Traders\u2019 Association').type).toBe('signature');
  });

  it('decodes an RFC 2047 subject whose character is split across two encoded words', async () => {
    const r = await read('rfc2047-subject.eml');
    expect(r.meta.email!.subject).toBe('Quayside ward: residents\u2019 parking consultation \u2013 your views');
    expect(r.text.split('\n')[3]).toBe('Subject: Quayside ward: residents\u2019 parking consultation \u2013 your views');
    expect(r.meta.email!.to!.map((a) => a.address)).toEqual(['cllr.greta.lindqvist-hale@wexcombe.gov.uk', 'cllr.ambrose.pettifer@wexcombe.gov.uk']);
    expect(lineOf(r.text, 'The residents\u2019 parking consultation for Quayside closes on 5 March.')).toBe(8);
    expect(r.text).toContain('Please encourage people on Harbour Row to respond \u2013 the survey is online.');
  });

  it('reads a CRLF message with folded headers: one line per header, no CR in the text', async () => {
    const raw = bytesOf('crlf-folded.eml');
    expect(Buffer.from(raw).toString('latin1')).toContain('\r\n ');
    const r = await read('crlf-folded.eml');
    expect(r.text).not.toContain('\r');
    const lines = r.text.split('\n');
    expect(lines[2]).toBe(
      'Cc: Rosalind Quarrie <rosalind.quarrie@wexcombe.gov.uk>, Helena Marchbank <helena.marchbank@wexcombe.gov.uk>, ' +
        'Desmond Ollerenshaw <desmond.ollerenshaw@wexcombe.gov.uk>, Nkechi Holloway-Brandt <nkechi.holloway-brandt@wexcombe.gov.uk>, ' +
        'Yasmin Treloar <yasmin.treloar@wexcombe.gov.uk>',
    );
    expect(lines[4]).toBe('Subject: Member/Officer Protocol: reminder about contact with the press before the pre-election period begins on 29 March 2027');
    expect(r.meta.email!.cc).toHaveLength(5);
    expect(r.meta.email!.date).toBe('2027-03-22T08:15:00Z');
    expect(lineOf(r.text, 'From that date the council will not issue press releases that quote councillors')).toBe(11);
    expect(blockOf(r, 'From that date').type).toBe('paragraph');
    expect(blockOf(r, 'Monitoring Officer').type).toBe('signature');
    expectBlocksAreSlices(r);
  });
});

describe('readEml: replies and forwards', () => {
  it('keeps the writer\u2019s text and quotes the Outlook block and the older original message', async () => {
    const r = await read('reply-outlook.eml');
    expect(lineOf(r.text, 'Thanks for the quick reply.')).toBe(8);
    expect(blockOf(r, 'Thanks for the quick reply.').type).toBe('paragraph');
    expect(blockOf(r, '- residents would like a date for the enforcement decision.').type).toBe('list-item');
    expect(blockOf(r, 'Could you confirm the time of the visit?').type).toBe('paragraph');
    expect(blockOf(r, 'Ambrose\n').type).toBe('signature');
    const header = blockOf(r, 'From: Yasmin Treloar');
    expect(header.type).toBe('quoted-reply');
    expect(header.quoteDepth).toBe(1);
    expect(header.text.startsWith('________________________________\nFrom: Yasmin Treloar')).toBe(true);
    const quoted = blockOf(r, 'The enforcement file for the Quayside moorings is still open.');
    expect(quoted).toMatchObject({ type: 'quoted-reply', quoteDepth: 1 });
    expect(lineOf(r.text, 'The enforcement file for the Quayside moorings is still open.')).toBe(27);
    expect(blockOf(r, '-----Original Message-----')).toMatchObject({ type: 'quoted-reply', quoteDepth: 2 });
    expect(blockOf(r, 'Yasmin, where are we with the moorings case?')).toMatchObject({ type: 'quoted-reply', quoteDepth: 2 });
    expectBlocksAreSlices(r);
  });

  it('exposes Sensitivity and Importance in meta.mail, and leaves them out of the checked text', async () => {
    const r = await read('reply-outlook.eml');
    expect(r.meta.mail).toMatchObject({ sensitivity: 'Company-Confidential', importance: 'high', messageId: '<reply.0007@wexcombe.gov.uk>' });
    expect(r.text).not.toContain('Sensitivity:');
    expect(r.blocks.filter((b) => b.type === 'header').map((b) => b.text.split(':')[0])).toEqual(['From', 'To', 'Date', 'Subject']);
  });

  it('keeps forwarded content in the text as quoted-reply blocks', async () => {
    const r = await read('forward-gmail.eml');
    expect(r.text.split('\n')[1]).toBe('To: Thornby Residents <committee@thornbyresidents.example.org>');
    expect(blockOf(r, 'Good news about Thornby Lane, see below.').type).toBe('paragraph');
    expect(blockOf(r, '---------- Forwarded message ---------').type).toBe('quoted-reply');
    const exempt = 'This is exempt under paragraph 6 of Part 1 of Schedule 12A to the Local Government Act 1972.';
    expect(lineOf(r.text, exempt)).toBe(22);
    expect(blockOf(r, exempt).type).toBe('quoted-reply');
    expect(blockOf(r, 'CONFIDENTIAL - NOT FOR ONWARD CIRCULATION').type).toBe('quoted-reply');
  });

  it('quotes an interleaved reply line by line and keeps the answers', async () => {
    const r = await read('inline-reply.eml');
    expect(blockOf(r, 'On Fri, 5 Mar 2027 at 14:02, Cllr Oswin Carraway').type).toBe('quoted-reply');
    expect(blockOf(r, '> Can we hold the Castle ward housing surgery').type).toBe('quoted-reply');
    expect(blockOf(r, 'Yes, the library is free from 10am.').type).toBe('paragraph');
    expect(blockOf(r, '> And should we invite the housing officers?').type).toBe('quoted-reply');
    expect(lineOf(r.text, 'Yes please, I will ask Desmond to send someone.')).toBe(14);
    expect(blockOf(r, 'Yes please, I will ask Desmond to send someone.').type).toBe('paragraph');
    expect(blockOf(r, 'Leader of the Council').type).toBe('signature');
  });

  it('reads an HTML-only body as text, with the Gmail quote as quoted lines', async () => {
    const r = await read('html-only-gmail-reply.eml');
    expect(r.meta.mail).toMatchObject({ bodyFrom: 'html' });
    expect(r.text).not.toMatch(/<div|&amp;|&ndash;/);
    const own = "Thank you & the team for the figures. I'm happy with the proposed hours \u2013 please go ahead with the notice.";
    expect(lineOf(r.text, own)).toBe(8);
    expect(blockOf(r, own).type).toBe('paragraph');
    expect(blockOf(r, 'Sunita\n').text).toBe('Sunita');
    expect(blockOf(r, 'Sunita\n').type).toBe('signature');
    expect(blockOf(r, 'Desmond Ollerenshaw <desmond.ollerenshaw@wexcombe.gov.uk> wrote:').type).toBe('quoted-reply');
    const quoted = '> Attendance on Monday evenings averaged four young people last term';
    expect(r.text).toContain(quoted);
    expect(blockOf(r, quoted).type).toBe('quoted-reply');
  });
});

describe('readEml: edge cases and malformed input', () => {
  it('accepts a message with headers and an empty body', async () => {
    const r = await read('headers-only.eml');
    expect(r.blocks.map((b) => b.type)).toEqual(['header', 'header', 'header', 'header']);
    expect(r.meta.email!.subject).toBe('Thornby ward: site visit (no text)');
    expect(r.text.startsWith('From: Cllr Ivy Castellane <cllr.ivy.castellane@wexcombe.gov.uk>\n')).toBe(true);
  });

  it('keeps a Date it cannot read as written', async () => {
    const raw = 'From: Cllr Ivy Castellane <cllr.ivy.castellane@wexcombe.gov.uk>\nDate: the Tuesday after the forum\nSubject: Notes\n\nSee you then.\n';
    const r = await ingest('odd-date.eml', new Uint8Array(Buffer.from(raw)));
    expect(r.meta.email!.date).toBe('the Tuesday after the forum');
    expect(r.text).toBe('From: Cllr Ivy Castellane <cllr.ivy.castellane@wexcombe.gov.uk>\nDate: the Tuesday after the forum\nSubject: Notes\n\nSee you then.\n');
  });

  it('skips an mbox "From " postmark line', async () => {
    const original = await read('forward-gmail.eml');
    const withPostmark = Buffer.concat([Buffer.from('From cllr.rufus.halloran@wexcombe.gov.uk Wed Mar  3 21:10:00 2027\n'), Buffer.from(bytesOf('forward-gmail.eml'))]);
    const r = await ingest('postmark.eml', new Uint8Array(withPostmark));
    expect(r.text).toBe(original.text);
  });

  it.each([
    ['empty.eml', /^.*empty\.eml is not an email: the file is empty$/],
    ['binary.eml', /^.*binary\.eml is not an email: it contains binary data, not text$/],
    ['not-an-email.eml', /^.*not-an-email\.eml is not an email: no From\/To\/Subject headers found$/],
  ])('rejects %s with a plain-words InputError naming the file', async (name, message) => {
    const err = await read(name).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(message);
    expect((err as InputError).ruleId).toBe('input/unreadable');
  });

  it('reads an Outlook .msg file that was saved with an .eml name', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'ingest', 'msg', 'html-only.msg')));
    const r = await readEml({ path: 'misnamed.eml', bytes, limits: DEFAULT_LIMITS, depth: 0 });
    expect(r.format).toBe('msg');
    expect(r.meta.email!.subject).toBe('Quayside ward surgery \u2013 change of venue');
    expect(r.warnings).toContain('this is an Outlook .msg file with an .eml name; read as .msg');
  });
});

describe('readEml: quiet', () => {
  const spies: Array<ReturnType<typeof vi.spyOn>> = [];
  beforeEach(() => {
    spies.push(vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write'));
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) spies.push(vi.spyOn(console, m));
  });
  afterEach(() => {
    for (const s of spies.splice(0)) s.mockRestore();
  });

  it('prints nothing while reading every fixture', async () => {
    for (const name of ['alternative-qp.eml', 'mixed-attachments.eml', 'windows-1252.eml', 'crlf-folded.eml', 'rfc2047-subject.eml', 'reply-outlook.eml', 'forward-gmail.eml', 'html-only-gmail-reply.eml', 'inline-reply.eml', 'headers-only.eml', 'empty.eml', 'binary.eml', 'not-an-email.eml']) {
      await read(name).catch(() => undefined);
    }
    for (const s of spies) expect(s).not.toHaveBeenCalled();
  });
});

// The MIME layer is postal-mime (see src/ingest/email.ts); these pin down what it reads differently from
// mailparser and what the reader does about it.
describe('readEml: MIME details', () => {
  const HEAD = 'From: Ann Smith <ann@example.org>\nTo: Bob Jones <bob@example.org>\nSubject: Test\nMIME-Version: 1.0\n';
  const eml = (...parts: Array<string | Buffer>) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p))));
  const cp1252 = (s: string) => Buffer.from(s.replace(/\u2019/g, '\x92').replace(/\u2013/g, '\x96').replace(/\u20ac/g, '\x80'), 'latin1');
  const body = (r: IngestResult) => r.text.slice(r.text.indexOf('\n\n') + 2);

  it('decodes Windows-1252 quoted-printable in a multipart message (Node reads windows-1252 as ISO-8859-1)', async () => {
    const raw = eml(
      HEAD,
      'Content-Type: multipart/alternative; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n\n',
      'The owners=92 caf=E9 =96 =80100 a week.\n--b1\nContent-Type: text/html; charset=windows-1252\n\n<p>x</p>\n--b1--\n',
    );
    const r = await ingest('cp1252.eml', raw);
    expect(body(r)).toBe('The owners\u2019 caf\u00e9 \u2013 \u20ac100 a week.');
    expect(r.warnings).toBeUndefined();
  });

  it('reads a single-part body labelled us-ascii as UTF-8, and as Windows-1252 with a warning when it is not UTF-8', async () => {
    const header = `${HEAD}Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 8bit\n\n`;
    const utf8 = await ingest('ascii-utf8.eml', eml(header, 'Caf\u00e9 owners\u2019 fee \u2013 \u00a3250\n'));
    expect(body(utf8)).toBe('Caf\u00e9 owners\u2019 fee \u2013 \u00a3250\n');
    expect(utf8.warnings).toBeUndefined();
    const legacy = await ingest('ascii-1252.eml', eml(header, cp1252('Caf\u00e9 owners\u2019 fee \u2013 \u00a3250\n')));
    expect(body(legacy)).toBe('Caf\u00e9 owners\u2019 fee \u2013 \u00a3250\n');
    expect(legacy.warnings).toEqual(['the body is not valid us-ascii; read as windows-1252']);
  });

  it('reads a body with no charset and Windows-1252 bytes as Windows-1252, with a warning', async () => {
    const r = await ingest('nocharset.eml', eml(HEAD, 'Content-Type: text/plain\n\n', cp1252('The caf\u00e9 owners\u2019 fee\n')));
    expect(body(r)).toBe('The caf\u00e9 owners\u2019 fee\n');
    expect(r.warnings).toEqual(['the body is not valid UTF-8; read as windows-1252']);
  });

  it('decodes raw 8-bit header text, UTF-8 or Windows-1252', async () => {
    const utf8 = await ingest('h8.eml', eml('From: Ren\u00e9e Ashdown <renee@example.org>\nSubject: Caf\u00e9 \u2013 fee\n\nHello\n'));
    expect(utf8.text.split('\n').slice(0, 2)).toEqual(['From: Ren\u00e9e Ashdown <renee@example.org>', 'Subject: Caf\u00e9 \u2013 fee']);
    const legacy = await ingest('h1252.eml', eml(cp1252('From: Ren\u00e9e Ashdown <renee@example.org>\nSubject: Caf\u00e9 \u2013 fee\n\nHello\n')));
    expect(legacy.text.split('\n').slice(0, 2)).toEqual(['From: Ren\u00e9e Ashdown <renee@example.org>', 'Subject: Caf\u00e9 \u2013 fee']);
    expect(legacy.meta.email!.subject).toBe('Caf\u00e9 \u2013 fee');
  });

  it('undoes format=flowed, quoted continuation lines included', async () => {
    const raw = eml(
      HEAD,
      'Content-Type: multipart/alternative; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: 8bit\n\n',
      'On 1 Feb 2027 Bob wrote:\n> This is a long quoted \n> paragraph that flows.\n\nMy reply is \nhere.\n\n-- \nAnn\n',
      '--b1\nContent-Type: text/html; charset=UTF-8\n\n<p>My reply is here.</p>\n--b1--\n',
    );
    const r = await ingest('flowed.eml', raw);
    expect(body(r)).toBe('On 1 Feb 2027 Bob wrote:\n> This is a long quoted paragraph that flows.\n\nMy reply is here.\n\n-- \nAnn');
    expect(blockOf(r, '> This is a long quoted paragraph').type).toBe('quoted-reply');
  });

  it('leaves the line break before a closing boundary out of the body', async () => {
    const r = await ingest('mixed.eml', eml(HEAD, 'Content-Type: multipart/mixed; boundary="m"\n\n--m\nContent-Type: text/plain\n\nOuter text.\n--m--\n'));
    expect(body(r)).toBe('Outer text.');
    const fixture = await read('alternative-qp.eml');
    expect(fixture.text.endsWith('\n\n')).toBe(false);
  });

  it('lists a message/rfc822 part as an attachment, whatever its Content-Disposition', async () => {
    const inner = 'From: Inner Person <inner@example.org>\nTo: x@example.org\nSubject: Inner subject\n\nInner body text.\n';
    for (const disposition of ['', 'Content-Disposition: inline\n', 'Content-Disposition: attachment\n']) {
      const r = await ingest('fwd.eml', eml(HEAD, 'Content-Type: multipart/mixed; boundary="m"\n\n--m\nContent-Type: text/plain\n\nSee below.\n', `--m\nContent-Type: message/rfc822\n${disposition}\n${inner}--m--\n`));
      expect(body(r)).toBe('See below.');
      expect(r.attachments!.map((a) => [a.name, a.contentType])).toEqual([['Inner subject.eml', 'message/rfc822']]);
      expect(r.attachments![0]!.document!.meta.email!.from).toEqual([{ name: 'Inner Person', address: 'inner@example.org' }]);
    }
  });

  it('gives an application/octet-stream attachment the type of its extension', async () => {
    const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(40)]).toString('base64');
    const r = await ingest('octet.eml', eml(HEAD, 'Content-Type: multipart/mixed; boundary="m"\n\n--m\nContent-Type: text/plain\n\nPhoto attached.\n', `--m\nContent-Type: application/octet-stream; name="photo.PNG"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="photo.PNG"\n\n${png}\n--m--\n`));
    expect(r.attachments).toEqual([{ name: 'photo.PNG', size: 48, contentType: 'image/png', skipped: 'image; not checked' }]);
    expect(r.warnings).toBeUndefined();
  });

  it('reads Importance from X-Priority, Message-ID without brackets and Sensitivity', async () => {
    const r = await ingest('meta.eml', eml('From: a@example.org\nSubject: s\nX-Priority: 1 (Highest)\nMessage-ID: abc@example.org\nSensitivity: Private\n\nHello\n'));
    expect(r.meta.mail).toEqual({ messageId: '<abc@example.org>', sensitivity: 'Private', importance: 'high', bodyFrom: 'text' });
  });

  it('keeps the delivery-status part of a bounce in the text, not as an attachment', async () => {
    const r = await ingest(
      'bounce.eml',
      eml(
        'From: MAILER-DAEMON@example.org\nTo: a@example.org\nSubject: Undelivered Mail\nContent-Type: multipart/report; report-type=delivery-status; boundary=r\n\n',
        '--r\nContent-Type: text/plain\n\nYour message could not be delivered.\n--r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; x@example.org\nStatus: 5.1.1\n--r--\n',
      ),
    );
    expect(body(r)).toBe('Your message could not be delivered.\nReporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; x@example.org\nStatus: 5.1.1');
    expect(r.attachments).toBeUndefined();
  });
});
