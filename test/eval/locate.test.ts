import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { lintText } from '../../src/api/lint.js';
import type { Rule } from '../../src/engine/rule.js';
import { lineAt, lineStarts, locateEvidence, normalise, pageAt } from '../../src/eval/locate.js';
import { EVAL_CORPUS } from './helpers.js';

async function checked(file: string) {
  const full = path.join(EVAL_CORPUS, 'docs', file);
  return ingest(full, readFileSync(full));
}

describe('locateEvidence() on real documents (read by the real readers)', () => {
  it('finds an exact string on its line in a .txt letter', async () => {
    const [ev] = locateEvidence(await checked('letter-to-the-echo.txt'), [{ family: 'officer', text: 'is incompetent and should have been moved aside years ago' }]);
    expect(ev).toMatchObject({ match: 'exact', spans: [{ line: 9, endLine: 9 }] });
    expect(ev!.spans[0]!.page).toBeUndefined();
  });

  it('counts lines in a .md file from the top, front matter included, and finds every occurrence', async () => {
    const doc = await checked('quayside-library-report.md');
    const [closure, library] = locateEvidence(doc, [
      { family: 'ward', text: 'approve the closure of Quayside Library from 1 June 2027' },
      { family: 'ward', text: 'Quayside Library' },
    ]);
    expect(closure).toMatchObject({ match: 'exact', spans: [{ line: 16, endLine: 16 }] });
    expect(library!.spans.map((s) => s.line)).toEqual([9, 16, 21]);
    expect(doc.text.slice(closure!.spans[0]!.offset).startsWith('approve the closure')).toBe(true);
  });

  it('gives a string across a line break its first and last line', async () => {
    const [ev] = locateEvidence(await checked('ottermere-matters-spring.md'), [{ family: 'publicity', text: 'unlike\nthe Conservatives, who raised them' }]);
    expect(ev).toMatchObject({ match: 'exact', spans: [{ line: 8, endLine: 9 }] });
  });

  it('falls back to a normalised match (whitespace, curly quotes, dashes, case) and says so', async () => {
    const news = await checked('ottermere-matters-spring.md');
    const minutes = await checked('standards-sub-committee-minutes.md');
    const [wrapped] = locateEvidence(news, [{ family: 'publicity', text: 'unlike the Conservatives' }]);
    expect(wrapped).toMatchObject({ match: 'normalised', spans: [{ line: 8, endLine: 9 }] });
    const [quoted] = locateEvidence(minutes, [{ family: 'officer', text: 'a planning officer \u201cINCOMPETENT\u201d at a public meeting' }]);
    expect(quoted).toMatchObject({ match: 'normalised', spans: [{ line: 12, endLine: 13 }] });
    const start = quoted!.spans[0]!.offset;
    expect(minutes.text.slice(start, start + 10)).toBe('a planning');
  });

  it('reports evidence that is not in the checked text at all', async () => {
    const [ev] = locateEvidence(await checked('letter-to-the-echo.txt'), [{ family: 'officer', text: 'the Chief Executive should resign' }]);
    expect(ev).toEqual({ family: 'officer', text: 'the Chief Executive should resign', match: 'missing', spans: [] });
  });
});

describe('the locator and findings agree on lines', () => {
  // A throwaway rule that flags the word "MARK": its finding's line is the engine's, the span's line is ours.
  const mark: Rule = {
    meta: { id: 'officer/mark', family: 'officer', description: 'test', clause: 'test', defaultSeverity: 'error', messages: { m: 'mark' }, suggestion: 'test' },
    create: (context) => ({
      block(block) {
        for (let i = block.text.indexOf('MARK'); i >= 0; i = block.text.indexOf('MARK', i + 1)) context.report({ block, start: i, end: i + 4, messageId: 'm' });
      },
    }),
  };

  it('with LF, CRLF and lone CR line endings', async () => {
    const text = 'Dear Sir,\r\n\r\nFirst MARK here.\r\nSecond line.\rThird MARK line.\n\nLast MARK.\n';
    const result = await lintText(text, { filePath: 'draft.txt', rules: [mark] });
    const found = result.messages.filter((m) => m.ruleId === 'officer/mark').map((m) => m.line);
    const [ev] = locateEvidence({ text }, [{ family: 'officer', text: 'MARK' }]);
    expect(found).toEqual([3, 5, 7]);
    expect(ev!.spans.map((s) => s.line)).toEqual(found);
  });
});

describe('line and page arithmetic', () => {
  it('lineStarts/lineAt match the engine: CRLF is one break, a lone CR is a break', () => {
    const starts = lineStarts('a\r\nb\rc\nd');
    expect(starts).toEqual([0, 3, 5, 7]);
    expect([0, 1, 2, 3, 5, 7].map((o) => lineAt(starts, o))).toEqual([1, 1, 1, 2, 3, 4]);
  });

  it('pages come from pageStarts, and a PDF span carries its page', () => {
    const text = 'Cabinet\nAgenda\nCabinet\nWards affected: Brookfield\nCabinet\nWards affected: All\n';
    const pageStarts = [0, 15, 50];
    expect([0, 14, 15, 49, 50, 60].map((o) => pageAt(pageStarts, o))).toEqual([1, 1, 2, 2, 3, 3]);
    expect(pageAt(undefined, 5)).toBeUndefined();
    const [ev, all] = locateEvidence({ text, pageStarts }, [
      { family: 'ward', text: 'Wards affected: Brookfield' },
      { family: 'ward', text: 'Cabinet' },
    ]);
    expect(ev!.spans).toEqual([{ offset: 23, line: 4, endLine: 4, page: 2 }]);
    expect(all!.spans.map((s) => s.page)).toEqual([1, 2, 3]);
  });

  it('normalise() keeps a map back to the source', () => {
    const n = normalise('  It\u2019s\u00a0 a\n\u2013 TEST\u00ad\ufb01le ');
    expect(n.text).toBe("it's a - testfile");
    expect(n.origin).toHaveLength(n.text.length);
    expect(n.origin[0]).toBe(2);
    expect(n.origin[n.text.indexOf('-')]).toBe(10); // the en dash
  });
});
