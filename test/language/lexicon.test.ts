import { describe, expect, it } from 'vitest';
import { hasGroupsOrBackrefs, lexiconFromData, LexiconError } from '../../src/language/lexicon.js';

const data = (entries: unknown[]) => ({ entries });

describe('Lexicon matching', () => {
  it('names the entry whose pattern matched, leftmost match first', () => {
    const lex = lexiconFromData(
      data([
        { id: 'useless', phrases: ['useless', 'a waste of space'] },
        { id: 'incompetent', phrases: ['incompeten*'] },
        { id: 'liar', regex: '\\bliars?\\b' },
      ]),
      'test.yml',
    );
    const found = lex.matchAll('He is incompetent, a liar and a waste  of space.');
    expect(found.map((m) => [m.entry.id, m.text, m.index])).toEqual([
      ['incompetent', 'incompetent', 6],
      ['liar', 'liar', 21],
      ['useless', 'a waste  of space', 30],
    ]);
    expect(lex.test('Useless!')).toBe(true);
    expect(lex.test('a useful report')).toBe(false);
    // test() leaves no state behind for the next matchAll
    expect(lex.matchAll('useless').length).toBe(1);
  });

  it('gives the first entry when two could match the same words, as the union regex does', () => {
    const lex = lexiconFromData(data([{ id: 'a', phrases: ['waste of space'] }, { id: 'b', phrases: ['a waste of space'] }]), 't.yml');
    expect(lex.matchAll('a waste of space').map((m) => m.entry.id)).toEqual(['b']);
    expect(lex.matchAll('total waste of space').map((m) => m.entry.id)).toEqual(['a']);
  });

  it('still attributes matches when an entry has capture groups of its own', () => {
    const lex = lexiconFromData(data([{ id: 'para', regex: 'paragraph (\\d)' }, { id: 'twice', regex: '\\b(\\w+) \\1\\b' }]), 't.yml');
    expect(lex.matchAll('the the report under paragraph 3').map((m) => [m.entry.id, m.text])).toEqual([
      ['twice', 'the the'],
      ['para', 'paragraph 3'],
    ]);
  });

  it('reports an invalid pattern with the file and key, unless the build has already checked it', () => {
    expect(() => lexiconFromData(data([{ id: 'x', regex: '(unclosed' }]), 'bad.yml')).toThrow(LexiconError);
    expect(() => lexiconFromData(data([{ id: 'x', regex: '(unclosed' }]), 'bad.yml')).toThrow(/bad\.yml: "entries\[0\]\.regex" is not a valid pattern/);
    expect(() => lexiconFromData(data([{ id: 'x', regex: '(unclosed' }]), 'bad.yml', { checkPatterns: false })).not.toThrow();
  });

  it('reports entries that are valid alone but not together (one needs the u flag, another is invalid with it)', () => {
    const entries = [{ id: 'letters', regex: '\\p{Lu}\\p{Ll}+' }, { id: 'dash', regex: 'a\\-b' }];
    expect(() => lexiconFromData(data(entries), 'mix.yml')).toThrow(/mix\.yml: "entries" cannot be combined into one pattern/);
  });
});

describe('hasGroupsOrBackrefs', () => {
  it.each([
    ['a(b)c', true],
    ['(?<name>x)', true],
    ['(\\w+) \\1', true],
    ['\\k<x>', true],
    ['(?:a|b)', false],
    ['(?<!x)y(?=z)(?<=w)', false],
    ['[(]a[)]', false],
    ['\\(literal\\)', false],
    ['[\\]\\(]', false],
  ])('%s → %s', (source, expected) => {
    expect(hasGroupsOrBackrefs(source)).toBe(expected);
  });
});
