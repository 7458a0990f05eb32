import { describe, expect, it } from 'vitest';
import { findCitations, findPlaceholders, parseParagraphList, validateCitation } from '../../rules/confidential/schedule12a.js';
import { checkConf, hitsOf } from './confidential-helpers.js';

describe('Schedule 12A citations (RULES.md §3.3 regex sketch, re-tested)', () => {
  const forms: Array<[string, string[], string | undefined]> = [
    ['By virtue of paragraph(s) 7 of Part 1 of Schedule 12A to the Local Government Act 1972', ['7'], '1'], // Rotherham
    ['paragraph(s) 13, 14, 15 of Part 4 of Schedule 12A', ['13', '14', '15'], '4'], // Neath Port Talbot
    ['Paragraph 3 of Part 1 of Schedule 12A of the Local Government Act 1972', ['3'], '1'], // Maldon
    ['Schedule 12A, Part 1, Paragraphs 1, 2, 3 and 4', ['1', '2', '3', '4'], '1'], // Cherwell
    ['Sch 12A Paragraph 1 and 2 – information', ['1', '2'], undefined], // Tonbridge & Malling
    ['Page 16 of the report contains exempt information under paragraph 3 of Schedule 12A', ['3'], undefined], // Cheshire East
    ['Paragraphs 1, 2 and 7C of Part 1 of Schedule 12A', ['1', '2', '7C'], '1'],
    ['Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972', ['3'], '1'],
    ['paragraph 3 of Part I of Sched. 12A', ['3'], '1'],
  ];
  it.each(forms)('reads %s', (text, paras, part) => {
    const [c] = findCitations(text);
    expect(c?.paras).toEqual(paras);
    expect(c?.part).toBe(part);
  });

  it('leaves the "paragraph (X)" placeholder as no citation, and finds it as a placeholder', () => {
    const t = 'NOT FOR PUBLICATION by virtue of paragraph (X) of Part 1 of Schedule 12A';
    expect(findCitations(t)).toEqual([]);
    expect(findPlaceholders(t).map((p) => p.text)).toEqual(['paragraph (X)']);
  });

  it('takes bare paragraphs only about exempt business, and never report paragraphs', () => {
    expect(findCitations('By Virtue of Paragraph 1: exempt information relating to any individual')[0]?.paras).toEqual(['1']);
    expect(findCitations('the public be excluded as it involves exempt information under paragraphs 1 and 10.')[0]?.paras).toEqual(['1', '10']);
    expect(findCitations('See paragraph 4.3 of the report.')).toEqual([]);
    expect(findCitations('Under paragraph 11 of the protocol, members keep confidences.')).toEqual([]);
    expect(findCitations('This is exempt; see under paragraph 4.3 for the bids.')).toEqual([]);
  });

  it('parses lists and ranges', () => {
    expect(parseParagraphList('1, 2 and 7c')).toEqual(['1', '2', '7C']);
    expect(parseParagraphList('1-3')).toEqual(['1', '2', '3']);
  });
});

describe('validation by jurisdiction', () => {
  const codes = (paras: string[], j: 'england' | 'wales' | 'scotland', opts: { standards?: boolean; part?: '1' | '4' } = {}) =>
    validateCitation({ paras, part: opts.part }, j, { standards: opts.standards }).map((p) => `${p.code}:${p.severity}`);
  it('England: 1-7 valid; 8-9 qualifications; 10 only beside 1-7; 12-18 Welsh; 7A-7C standards-only', () => {
    expect(codes(['1', '2', '3', '4', '5', '6', '7'], 'england')).toEqual([]);
    expect(codes(['9'], 'england')).toEqual(['qualification:error']);
    expect(codes(['8'], 'england')).toEqual(['qualification:error']);
    expect(codes(['10'], 'england')).toEqual(['public-interest-alone:error']);
    expect(codes(['1', '10'], 'england')).toEqual([]);
    expect(codes(['14'], 'england', { part: '4' })).toEqual(['part-mismatch:warning', 'jurisdiction-mismatch:warning']);
    expect(codes(['11'], 'england')).toEqual(['not-a-ground:error']);
    expect(codes(['7C'], 'england')).toEqual(['standards-only:warning']);
    expect(codes(['7C'], 'england', { standards: true })).toEqual([]);
  });
  it('Wales: 12-18 valid; 1-7 English numbering; others not grounds', () => {
    expect(codes(['12', '14', '18'], 'wales', { part: '4' })).toEqual([]);
    expect(codes(['3'], 'wales', { part: '1' })).toEqual(['part-mismatch:warning', 'jurisdiction-mismatch:warning']);
    expect(codes(['9'], 'wales')).toEqual(['not-a-ground:error']);
  });
  it('Scotland: Schedule 12A does not apply', () => {
    expect(codes(['3'], 'scotland')).toEqual(['scotland:warning']);
  });
  it('suggests the paragraph whose description is given', () => {
    const [p] = validateCitation({ paras: ['9'] }, 'england', { description: '3' });
    expect(p!.message).toMatch(/did you mean paragraph 3\?/);
  });
});

describe('confidential/exempt-paragraph-invalid with a Welsh council', () => {
  it('accepts Part 4 grounds and warns on English numbering', async () => {
    const welsh = { jurisdiction: 'wales' as const };
    const ok = await checkConf('Exempt by virtue of paragraph 14 of Part 4 of Schedule 12A to the Local Government Act 1972.', { kind: 'report', config: welsh });
    expect(hitsOf(ok, 'confidential/exempt-paragraph-invalid')).toEqual([]);
    const english = await checkConf('Exempt by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.', { kind: 'report', config: welsh });
    const hits = hitsOf(english, 'confidential/exempt-paragraph-invalid');
    expect(hits.map((h) => h.severity)).toEqual([1, 1]);
    expect(hits[1]!.message).toMatch(/paragraph 14 of Part 4/);
  });
});
