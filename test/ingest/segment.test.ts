import { describe, expect, it } from 'vitest';
import { segmentText } from '../../src/ingest/segment.js';
import type { Block } from '../../src/types.js';

const email = (text: string) => segmentText(text, 0, { email: true });

/** The block in which `needle` starts. */
function at(blocks: Block[], text: string, needle: string): Block {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" is not in the text`);
  const b = blocks.find((x) => x.start <= i && i < x.end);
  if (!b) throw new Error(`no block covers "${needle}"`);
  return b;
}

const types = (blocks: Block[]) => blocks.map((b) => b.type);

describe('segmentText: plain text', () => {
  it('splits paragraphs at blank lines, keeps list items apart and offsets exact (CRLF too)', () => {
    const text = 'Castle ward update\r\n\r\nThe library reopens on Monday.\r\nIt will open at 9am.\r\n\r\n- first item\r\n- second item\r\n  continued\r\n';
    const blocks = segmentText(text, 100);
    expect(types(blocks)).toEqual(['paragraph', 'paragraph', 'list-item', 'list-item']);
    expect(blocks[1]!.text).toBe('The library reopens on Monday.\r\nIt will open at 9am.');
    expect(blocks[3]!.text).toBe('- second item\r\n  continued');
    for (const b of blocks) expect(text.slice(b.start - 100, b.end - 100)).toBe(b.text);
  });

  it('treats ">" lines as a quote, not a reply, outside email', () => {
    const text = 'The protocol says:\n\n> Members should not criticise officers in public.\n';
    expect(types(segmentText(text))).toEqual(['paragraph', 'quote']);
  });

  it('does not look for signatures or replies unless asked', () => {
    const text = 'Dear Ann,\n\nThanks.\n\nKind regards,\nBob\n\n-----Original Message-----\nFrom: A\nSent: today\nTo: B\n';
    expect(segmentText(text).every((b) => b.type === 'paragraph')).toBe(true);
  });
});

describe('segmentText: email replies and forwards', () => {
  it('keeps the writer\u2019s text and quotes everything from an Outlook header block on', () => {
    const text = [
      'Yasmin,',
      '',
      'The moorings case needs a decision before the ward forum.',
      '',
      '- enforcement notice',
      '- press line',
      '',
      'From: Yasmin Treloar <yasmin.treloar@wexcombe.gov.uk>',
      'Sent: 16 February 2027 10:02',
      'To: Cllr Ambrose Pettifer <cllr.ambrose.pettifer@wexcombe.gov.uk>',
      'Subject: Quayside moorings',
      '',
      'The file is still open.',
      '',
    ].join('\n');
    const blocks = email(text);
    expect(types(blocks)).toEqual(['paragraph', 'paragraph', 'list-item', 'list-item', 'quoted-reply', 'quoted-reply']);
    expect(at(blocks, text, 'The file is still open.').quoteDepth).toBe(1);
  });

  it('counts nested earlier messages with quoteDepth', () => {
    const text = [
      'Agreed.',
      '',
      '-----Original Message-----',
      'From: A Person <a@example.org>',
      'Sent: 1 March 2027 09:00',
      'To: B Person <b@example.org>',
      'Subject: One',
      '',
      'First reply.',
      '',
      '________________________________',
      'From: B Person <b@example.org>',
      'Sent: 28 February 2027 17:00',
      'To: A Person <a@example.org>',
      'Subject: One',
      '',
      'The original question.',
    ].join('\n');
    const blocks = email(text);
    expect(at(blocks, text, 'Agreed.').type).toBe('paragraph');
    expect(at(blocks, text, 'First reply.')).toMatchObject({ type: 'quoted-reply', quoteDepth: 1 });
    expect(at(blocks, text, '________________________________')).toMatchObject({ type: 'quoted-reply', quoteDepth: 2 });
    expect(at(blocks, text, 'The original question.')).toMatchObject({ type: 'quoted-reply', quoteDepth: 2 });
  });

  it('recognises Gmail forwards, Apple forwards and an attribution wrapped over two lines', () => {
    for (const banner of ['---------- Forwarded message ---------', 'Begin forwarded message:']) {
      const text = `Please see below.\n\n${banner}\nFrom: X <x@example.org>\nSubject: Y\n\nForwarded text.\n`;
      const blocks = email(text);
      expect(at(blocks, text, 'Please see below.').type).toBe('paragraph');
      expect(at(blocks, text, 'Forwarded text.').type).toBe('quoted-reply');
    }
    const wrapped = 'Fine by me.\n\nOn Mon, 1 Mar 2027 at 15:37, Comfort Person <\ncomfort.person@example.org> wrote:\n\nEarlier text pasted without quote marks.\n';
    const blocks = email(wrapped);
    expect(at(blocks, wrapped, 'Fine by me.').type).toBe('paragraph');
    expect(at(blocks, wrapped, 'On Mon, 1 Mar').type).toBe('quoted-reply');
    expect(at(blocks, wrapped, 'Earlier text pasted').type).toBe('quoted-reply');
  });

  it('returns to the writer\u2019s text after an inline quote', () => {
    const text = 'Ann Example wrote:\n> Can we meet on Friday?\n\nYes, Friday at 10.\n\n> And the agenda?\n\nI will send it tomorrow.\n';
    const blocks = email(text);
    expect(types(blocks)).toEqual(['quoted-reply', 'paragraph', 'quoted-reply', 'paragraph']);
    expect(at(blocks, text, '> Can we meet').quoteDepth).toBe(1);
  });

  it('does not take section dividers in the writer\u2019s own text for reply separators', () => {
    const text = 'Please add this motion.\n\n---\n\nMOTION: LIBRARY HOURS\n\n-----\n\nThis Council notes the consultation.\n\n______________________________\n\nPlease confirm receipt.\n';
    const blocks = email(text);
    expect(blocks.every((b) => b.type === 'paragraph')).toBe(true);
    expect(at(blocks, text, 'This Council notes').type).toBe('paragraph');
  });

  it('reads "From:" lines in the writer\u2019s text that are not a header block as text', () => {
    const text = 'From: the Leader\u2019s office\n\nThe budget meeting is on Tuesday.\n\nSubject to Cabinet, the plan goes ahead.\n';
    expect(email(text).every((b) => b.type === 'paragraph')).toBe(true);
  });
});

describe('segmentText: signatures and disclaimers', () => {
  it('marks the name block after a sign-off, but keeps the sign-off and a protective marking in the text', () => {
    const text = 'Dear Colin,\n\nThe report is attached.\n\nBest wishes,\n\nAnselm\n\nAnselm Example\nDirector of Place\n01632 960150\n\nOFFICIAL-SENSITIVE\n';
    const blocks = email(text);
    expect(at(blocks, text, 'Best wishes,').type).toBe('paragraph');
    expect(at(blocks, text, 'Anselm\n').type).toBe('signature');
    expect(at(blocks, text, 'Director of Place').type).toBe('signature');
    expect(at(blocks, text, 'OFFICIAL-SENSITIVE').type).toBe('paragraph');
  });

  it('marks a "-- " signature and a mobile footer', () => {
    const text = 'See you there.\n\n-- \nCllr Ann Example\nCastle Ward\n';
    expect(types(email(text))).toEqual(['paragraph', 'signature']);
    const mobile = 'On my way.\n\nSent from my iPhone\n';
    expect(types(email(mobile))).toEqual(['paragraph', 'signature']);
  });

  it('marks a trailing name and role block without a sign-off, but not a trailing event notice', () => {
    const signed = 'I expect a reply by Friday.\n\nCllr Ann Example\nLabour Councillor for Castle Ward\nExample Borough Council\n';
    expect(types(email(signed))).toEqual(['paragraph', 'signature']);
    const event = 'Residents are welcome.\n\nCastle Ward Surgery\nSaturday 6 March, Corn Street library\n';
    expect(types(email(event))).toEqual(['paragraph', 'paragraph']);
  });

  it('marks a trailing disclaimer but not a confidentiality sentence in the writer\u2019s own text', () => {
    const text = [
      'Dear Ann,',
      '',
      'This email is confidential until Cabinet has met, so please do not share the figures.',
      '',
      'The figures are in the attached note.',
      '',
      'Regards,',
      '',
      'Bob Example',
      '',
      'This email and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender.',
      '',
      'Please consider the environment before printing this email.',
      '',
    ].join('\n');
    const blocks = email(text);
    expect(at(blocks, text, 'This email is confidential until Cabinet').type).toBe('paragraph');
    expect(at(blocks, text, 'The figures are in the attached note.').type).toBe('paragraph');
    expect(at(blocks, text, 'This email and any attachments').type).toBe('disclaimer');
    expect(at(blocks, text, 'Please consider the environment').type).toBe('disclaimer');
  });

  it('marks an external-sender banner at the top as a disclaimer', () => {
    const text = 'CAUTION: This email originated from outside of the organisation. Do not click links unless you trust the sender.\n\nDear Councillor,\n\nPlease fix the streetlight.\n';
    const blocks = email(text);
    expect(types(blocks)).toEqual(['disclaimer', 'paragraph', 'paragraph']);
  });
});

describe('segmentText: size', () => {
  it('segments a large email body in linear time', () => {
    const unit = 'Thanks,\n\nThis is a line of an ordinary paragraph about the Castle ward budget.\nFrom: nobody in particular\n> a quoted line\n\n';
    const big = unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length));
    const small = unit.repeat(Math.ceil((512 * 1024) / unit.length));
    const time = (t: string) => {
      const s = performance.now();
      const blocks = email(t);
      expect(blocks.length).toBeGreaterThan(0);
      return performance.now() - s;
    };
    time(small); // warm up
    const tSmall = time(small);
    const tBig = time(big);
    // ten times the text must not take anywhere near a hundred times as long
    expect(tBig / Math.max(tSmall, 1)).toBeLessThan(40);
  });
});
