import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/language/sentences.js';
import { findDates, parseDate } from '../../src/language/dates.js';

const texts = (s: string) => splitSentences(s).map((x) => x.text);

describe('splitSentences', () => {
  it('splits ordinary sentences and keeps indices', () => {
    const s = 'The report is late. It will come on Monday! Will it?';
    const out = splitSentences(s);
    expect(out.map((x) => x.text)).toEqual(['The report is late.', 'It will come on Monday!', 'Will it?']);
    for (const x of out) expect(s.slice(x.start, x.end)).toBe(x.text);
  });

  it('does not split at council abbreviations, initials or decimals', () => {
    expect(texts('Cllr. Example and Mr. Smith met Dr. Jones at 3.5 p.m. today. Next.')).toHaveLength(2);
    expect(texts('See para. 3.5 of Sch. 12A, e.g. the exempt part. Then vote.')).toEqual(['See para. 3.5 of Sch. 12A, e.g. the exempt part.', 'Then vote.']);
    expect(texts('A. Example, Director of Place, said so. Fine.')).toEqual(['A. Example, Director of Place, said so.', 'Fine.']);
    expect(texts('Visit northmoor.gov.uk for details. Thanks.')).toEqual(['Visit northmoor.gov.uk for details.', 'Thanks.']);
  });

  it('keeps closing quotes with their sentence', () => {
    expect(texts('He said: “It is done.” Then he left.')).toEqual(['He said: “It is done.”', 'Then he left.']);
  });

  it('splits cover-sheet lines and list items on new lines', () => {
    expect(texts('Ward(s) affected: Castle\nKey decision: No\n- first item\n- second item')).toEqual([
      'Ward(s) affected: Castle',
      'Key decision: No',
      '- first item',
      '- second item',
    ]);
  });

  it('joins wrapped lines of one sentence', () => {
    expect(texts('The council will consult on the closure of the\nlibrary in March and report back.')).toHaveLength(1);
  });
});

describe('dates', () => {
  it.each([
    ['3 March 2027', '2027-03-03'],
    ['3rd Mar 2027', '2027-03-03'],
    ['Thursday 6 May 2027', '2027-05-06'],
    ['March 3, 2027', '2027-03-03'],
    ['03/03/2027', '2027-03-03'],
    ['1/4/27', '2027-04-01'],
    ['2027-03-22', '2027-03-22'],
    ['Mon, 22 Feb 2027 09:14:00 +0000', '2027-02-22'],
  ])('parses %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it('rejects impossible dates and text without a date', () => {
    expect(parseDate('31 February 2027')).toBeUndefined();
    expect(parseDate('Ward 7 at the hospital')).toBeUndefined();
    expect(parseDate('26/01234/FUL')).toBeUndefined();
  });

  it('finds every date with its index', () => {
    const t = 'Notified on 3 March 2027; published 2027-03-10.';
    expect(findDates(t).map((d) => [d.iso, t.slice(d.index, d.index + d.length)])).toEqual([
      ['2027-03-03', '3 March 2027'],
      ['2027-03-10', '2027-03-10'],
    ]);
  });
});
