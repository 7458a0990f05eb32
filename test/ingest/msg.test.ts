import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import CFB from 'cfb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { decompressRtf, readMsg, rtfToText } from '../../src/ingest/msg.js';
import { readEml } from '../../src/ingest/email.js';
import type { Block, IngestResult } from '../../src/types.js';
import { DEFAULT_LIMITS, InputError } from '../../src/types.js';
import { FIXTURES } from '../helpers/fixtures.js';

/**
 * The .msg fixtures are real compound files written by scripts/fixtures/make-msg.mjs ([MS-OXMSG] layout,
 * LZFu-compressed RTF checked against @kenjiuno/decompressrtf when they were written).
 */
const DIR = path.join(FIXTURES, 'ingest', 'msg');
const FILES = ['reply-with-attachments.msg', 'html-only.msg', 'rtf-only-draft.msg', 'rtf-encapsulated-html.msg', 'ansi-strings.msg'];
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(DIR, name)));
const read = (name: string, limits = DEFAULT_LIMITS) => ingest(path.join(DIR, name), bytesOf(name), { limits });

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

describe('readMsg: a plain-text reply with attachments and an embedded message', () => {
  it('writes the same header lines as an .eml, Bcc included', async () => {
    const r = await read('reply-with-attachments.msg');
    expect(r.format).toBe('msg');
    expect(r.text.split('\n').slice(0, 7)).toEqual([
      'From: Helena Marchbank <helena.marchbank@wexcombe.gov.uk>',
      'To: Cllr Oswin Carraway <cllr.oswin.carraway@wexcombe.gov.uk>, Cllr Philippa Dunstable <cllr.philippa.dunstable@wexcombe.gov.uk>',
      'Cc: Nkechi Holloway-Brandt <nkechi.holloway-brandt@wexcombe.gov.uk>',
      'Bcc: Bartholomew Fenwright <bartholomew.fenwright@wexcombe.gov.uk>',
      'Date: Tue, 09 Mar 2027 16:45:10 +0000',
      'Subject: RE: Abbey Road car park \u2013 resurfacing dates',
      '',
    ]);
    expect(r.blocks.slice(0, 6).every((b) => b.type === 'header')).toBe(true);
    expect(r.meta.email).toEqual({
      from: [{ name: 'Helena Marchbank', address: 'helena.marchbank@wexcombe.gov.uk' }],
      to: [
        { name: 'Cllr Oswin Carraway', address: 'cllr.oswin.carraway@wexcombe.gov.uk' },
        { name: 'Cllr Philippa Dunstable', address: 'cllr.philippa.dunstable@wexcombe.gov.uk' },
      ],
      cc: [{ name: 'Nkechi Holloway-Brandt', address: 'nkechi.holloway-brandt@wexcombe.gov.uk' }],
      bcc: [{ name: 'Bartholomew Fenwright', address: 'bartholomew.fenwright@wexcombe.gov.uk' }],
      date: '2027-03-09T16:45:10Z',
      subject: 'RE: Abbey Road car park \u2013 resurfacing dates',
    });
    expect(r.meta.mail).toMatchObject({
      messageClass: 'IPM.Note',
      messageId: '<msgfixture.0001@wexcombe.gov.uk>',
      sensitivity: 'Company-Confidential',
      importance: 'High',
      bodyFrom: 'text',
    });
  });

  it('segments the body like an email: own text, signature, disclaimer, quoted Outlook block', async () => {
    const r = await read('reply-with-attachments.msg');
    expect(r.text).not.toContain('\r');
    const own = 'The resurfacing of the Abbey Road car park will start on Monday 12 April 2027.';
    expect(lineOf(r.text, own)).toBe(10);
    expect(blockOf(r, own).type).toBe('paragraph');
    expect(blockOf(r, 'Cuthbert\u2019s note about the resident complaint').type).toBe('paragraph');
    expect(blockOf(r, 'Director of Place').type).toBe('signature');
    expect(blockOf(r, 'This email and any attachments are confidential').type).toBe('disclaimer');
    expect(blockOf(r, 'From: Cllr Oswin Carraway')).toMatchObject({ type: 'quoted-reply', quoteDepth: 1 });
    const quoted = 'Helena, can you let us have the dates for the car park works before the Gazette gets hold of them?';
    expect(lineOf(r.text, quoted)).toBe(30);
    expect(blockOf(r, quoted).type).toBe('quoted-reply');
    for (const b of r.blocks) expect(r.text.slice(b.start, b.end)).toBe(b.text);
  });

  it('lists the attachments: a checked .txt, an inline image, the embedded message read as .msg', async () => {
    const r = await read('reply-with-attachments.msg');
    const [txt, png, embedded] = r.attachments!;
    expect(txt).toMatchObject({ name: 'Abbey Road briefing.txt', contentType: 'text/plain', size: 247 });
    expect(lineOf(txt!.document!.text, 'Works start on Monday 12 April 2027 and last three weeks.')).toBe(3);
    expect(png).toMatchObject({ name: 'image001.png', contentType: 'image/png', size: 70, skipped: 'inline image; not checked' });
    expect(png!.document).toBeUndefined();
    expect(embedded!.name).toBe('Abbey Road car park \u2013 resident complaint.msg');
    expect(embedded!.contentType).toBe('application/vnd.ms-outlook');
    expect(embedded!.size).toBeGreaterThan(0);
    const doc = embedded!.document!;
    expect(doc.format).toBe('msg');
    expect(doc.meta.email!.from).toEqual([{ name: 'Cuthbert Amberley', address: 'cuthbert.amberley@wexcombe.gov.uk' }]);
    expect(doc.meta.email!.date).toBe('2027-03-08T09:12:00Z');
    const complaint = 'A resident on Abbey Road has complained that the notice about the resurfacing went up only two days before';
    expect(lineOf(doc.text, complaint)).toBe(8);
    expect(blockOf(doc, complaint).type).toBe('paragraph');
  });

  it('respects limits.maxDepth for attachments and embedded messages', async () => {
    const r = await read('reply-with-attachments.msg', { ...DEFAULT_LIMITS, maxDepth: 0 });
    expect(r.attachments!.map((a) => a.document)).toEqual([undefined, undefined, undefined]);
    expect(r.attachments![2]!.skipped).toMatch(/nested more than 0 deep/);
  });
});

describe('readMsg: bodies that are only HTML or RTF', () => {
  it('reads an HTML-only body (PidTagHtml) as text and quotes the Outlook reply header', async () => {
    const r = await read('html-only.msg');
    expect(r.meta.mail).toMatchObject({ bodyFrom: 'html' });
    expect(r.text).not.toMatch(/<p|&amp;|&nbsp;|MsoNormal/);
    const own = 'The Thornby ward surgery on 20 February will move to the library & community hub on Fore Street.';
    expect(lineOf(r.text, own)).toBe(8);
    expect(blockOf(r, own).type).toBe('paragraph');
    expect(blockOf(r, '- Planning questions from 11am').type).toBe('list-item');
    expect(blockOf(r, 'From: Yasmin Treloar')).toMatchObject({ type: 'quoted-reply' });
    expect(blockOf(r, 'Ivy, is the surgery still at the church hall?').type).toBe('quoted-reply');
  });

  it('reads an RTF-only draft: no From or Date line, RTF escapes decoded', async () => {
    const r = await read('rtf-only-draft.msg');
    expect(r.meta.mail).toMatchObject({ bodyFrom: 'rtf' });
    expect(r.text.split('\n').slice(0, 4)).toEqual([
      'To: Yasmin Treloar <yasmin.treloar@wexcombe.gov.uk>',
      'Cc: Cllr Ivy Castellane <cllr.ivy.castellane@wexcombe.gov.uk>',
      'Subject: Thornby Lane appeal \u2013 statement of case',
      '',
    ]);
    expect(r.meta.email!.from).toBeUndefined();
    expect(r.meta.email!.date).toBeUndefined();
    const sentence = 'I\u2019ll brief the Thornby ward members before the hearing on 14 April 2027 \u2013 Cllr Castellane has asked to see the statement of case first.';
    expect(lineOf(r.text, sentence)).toBe(7);
    expect(r.text).toContain('The caf\u00e9 owner on Fore Street has also written to me about the temporary signage\u2014which I will forward separately.');
    expect(r.text).not.toMatch(/\\|Calibri|Riched20/);
    expect(blockOf(r, 'Rufus').type).toBe('signature');
  });

  it('de-encapsulates HTML from an RTF body written with \\fromhtml1', async () => {
    const r = await read('rtf-encapsulated-html.msg');
    expect(r.meta.mail).toMatchObject({ bodyFrom: 'rtf' });
    const sentence = 'The bins on Market Street by the bus station have not been emptied since Friday \u2013 residents are asking me what is happening.';
    expect(lineOf(r.text, sentence)).toBe(8);
    expect(blockOf(r, sentence).type).toBe('paragraph');
    expect(r.text).not.toMatch(/<p>|htmlrtf|margin|Arial/);
    expect(blockOf(r, 'Rufus').type).toBe('signature');
  });
});

describe('readMsg: an old non-Unicode message', () => {
  it('decodes 8-bit (PT_STRING8) strings as Windows-1252', async () => {
    const r = await read('ansi-strings.msg');
    expect(r.meta.email!.subject).toBe('Caf\u00e9 licences on Quayside \u2013 \u00a35 fee');
    expect(r.text.split('\n')[3]).toBe('Subject: Caf\u00e9 licences on Quayside \u2013 \u00a35 fee');
    const sentence = 'Three caf\u00e9 owners on Quayside have asked whether the \u00a35 pavement licence fee applies to them \u2013 could you let me know?';
    expect(lineOf(r.text, sentence)).toBe(8);
    expect(r.text).not.toMatch(/[\u0080-\u009f\ufffd]/);
    expect(blockOf(r, 'Greta').type).toBe('signature');
  });
});

describe('compressed RTF', () => {
  it('reads the stored ("MELA") form', () => {
    const rtf = Buffer.from('{\\rtf1\\ansi Hello\\par}', 'latin1');
    const header = Buffer.alloc(16);
    header.writeUInt32LE(rtf.length + 12, 0);
    header.writeUInt32LE(rtf.length, 4);
    header.writeUInt32LE(0x414c454d, 8);
    const out = decompressRtf(new Uint8Array(Buffer.concat([header, rtf])));
    expect(Buffer.from(out!).toString('latin1')).toBe('{\\rtf1\\ansi Hello\\par}');
    expect(rtfToText(out!)).toBe('Hello\n\n');
  });

  it('rejects an unknown compression type', () => {
    const data = Buffer.alloc(20);
    data.writeUInt32LE(0x12345678, 8);
    expect(decompressRtf(new Uint8Array(data))).toBeUndefined();
  });
});

describe('readMsg: malformed input', () => {
  const input = (name: string, bytes: Uint8Array) => ({ path: name, bytes, limits: DEFAULT_LIMITS, depth: 0 });

  it('rejects an empty file', async () => {
    const err = await readMsg(input('empty.msg', new Uint8Array(0))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe('empty.msg is not an Outlook message: the file is empty');
  });

  it('rejects bytes that are not an OLE compound file', async () => {
    const err = await readMsg(input('notes.msg', new Uint8Array(Buffer.from('Meeting notes\n\nNothing to see here.\n')))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe('notes.msg is not an Outlook message (.msg): it is not an OLE compound file');
  });

  it('rejects an OLE compound file that holds no message', async () => {
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, '/WordDocument', Buffer.from('not a message'));
    const bytes = new Uint8Array(CFB.write(cfb, { type: 'buffer', fileType: 'cfb' }) as Buffer);
    const err = await readMsg(input('old.msg', bytes)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/^old\.msg is not an Outlook message \(\.msg\): /);
  });

  it('reads an RFC 822 email saved with a .msg name as an .eml', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'ingest', 'email', 'forward-gmail.eml')));
    const r = await readMsg(input('saved.msg', bytes));
    expect(r.format).toBe('eml');
    expect(r.meta.email!.subject).toBe('Fwd: CONFIDENTIAL - Thornby Lane site - proposed enforcement');
    expect(r.warnings).toContain('this is an RFC 822 email with a .msg name; read as .eml');
  });
});

describe('readMsg: quiet', () => {
  const spies: Array<ReturnType<typeof vi.spyOn>> = [];
  beforeEach(() => {
    spies.push(vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write'));
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) spies.push(vi.spyOn(console, m));
  });
  afterEach(() => {
    for (const s of spies.splice(0)) s.mockRestore();
  });

  it('prints nothing while reading every fixture', async () => {
    for (const name of FILES) await read(name);
    for (const s of spies) expect(s).not.toHaveBeenCalled();
  });
});

/** An independent reader: msgconvert (libemail-outlook-message-perl) turns each fixture into an .eml. */
const hasMsgconvert = spawnSync('sh', ['-c', 'command -v msgconvert'], { encoding: 'utf8' }).status === 0;

describe('the .msg fixtures, cross-checked with msgconvert', () => {
  const expectations: Record<string, { subject: string; from?: string; sentence: string }> = {
    'reply-with-attachments.msg': {
      subject: 'RE: Abbey Road car park \u2013 resurfacing dates',
      from: 'helena.marchbank@wexcombe.gov.uk',
      sentence: 'The resurfacing of the Abbey Road car park will start on Monday 12 April 2027.',
    },
    'html-only.msg': {
      subject: 'Quayside ward surgery \u2013 change of venue',
      from: 'cllr.ivy.castellane@wexcombe.gov.uk',
      sentence: 'The Thornby ward surgery on 20 February will move to the library & community hub on Fore Street.',
    },
    'rtf-only-draft.msg': { subject: 'Thornby Lane appeal \u2013 statement of case', sentence: '' },
    'rtf-encapsulated-html.msg': {
      subject: 'Market ward litter bins',
      from: 'cllr.rufus.halloran@wexcombe.gov.uk',
      sentence: '',
    },
    'ansi-strings.msg': {
      subject: 'Caf\u00e9 licences on Quayside \u2013 \u00a35 fee',
      from: 'cllr.greta.lindqvist-hale@wexcombe.gov.uk',
      sentence: 'Three caf\u00e9 owners on Quayside have asked whether the \u00a35 pavement licence fee applies to them \u2013 could you let me know?',
    },
  };

  it.for(FILES)('msgconvert reads %s the way readMsg does', async (name, ctx) => {
    if (!hasMsgconvert) ctx.skip('msgconvert is not installed (apt-get install libemail-outlook-message-perl); independent cross-check skipped');
    const dir = mkdtempSync(path.join(tmpdir(), 'msgconvert-'));
    try {
      const out = path.join(dir, 'out.eml');
      const run = spawnSync('msgconvert', ['--outfile', out, path.join(DIR, name)], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const converted = await readEml({ path: out, bytes: new Uint8Array(readFileSync(out)), limits: DEFAULT_LIMITS, depth: 0 });
      const ours = await read(name);
      const want = expectations[name]!;
      expect(ours.meta.email!.subject).toBe(want.subject);
      // msgconvert writes the subject as raw UTF-8; our .eml reader decodes it
      expect(converted.meta.email!.subject).toBe(want.subject);
      expect(converted.meta.email!.to!.map((a) => a.address)).toEqual(ours.meta.email!.to!.map((a) => a.address));
      if (want.from) {
        expect(converted.meta.email!.from![0]!.address).toBe(want.from);
        expect(ours.meta.email!.from![0]!.address).toBe(want.from);
        expect(converted.meta.email!.date).toBe(ours.meta.email!.date);
      }
      if (want.sentence) {
        expect(ours.text).toContain(want.sentence);
        expect(converted.text).toContain(want.sentence);
      }
      if (name === 'reply-with-attachments.msg') {
        expect(converted.attachments!.map((a) => a.contentType)).toEqual(['text/plain', 'image/png', 'message/rfc822']);
        expect(converted.attachments![0]!.document!.text.replace(/\r/g, '')).toBe(ours.attachments![0]!.document!.text.replace(/\r/g, ''));
        expect(converted.attachments![2]!.document!.text).toContain('A resident on Abbey Road has complained');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
