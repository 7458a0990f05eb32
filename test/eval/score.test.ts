import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/types.js';
import { parseLabels, type Label } from '../../src/eval/labels.js';
import type { LocatedEvidence } from '../../src/eval/locate.js';
import { failedThresholds, landsOn, score, summaryLine } from '../../src/eval/score.js';
import { formatReport } from '../../src/eval/format.js';
import { EVAL_CORPUS, finding, result } from './helpers.js';

const labels = parseLabels(readFileSync(path.join(EVAL_CORPUS, 'labels.jsonl'), 'utf8')).labels;
const at = (line: number, endLine = line, page?: number) => ({ offset: 0, line, endLine, ...(page !== undefined ? { page } : {}) });

/**
 * Hand-made results for the fixture corpus (fixtures/eval-corpus):
 *  - letter (officer expected): officer finding on the evidence line                 → caught, located
 *  - library report (ward expected): ward finding 5 lines below the evidence          → caught, not located
 *  - newsletter (publicity expected): only an officer finding; kind detected "report" → publicity missed, officer false alarm
 *  - minutes (clean): only a directive/ finding                                        → nothing counts
 *  - press release (clean, hard negative): a publicity finding                        → false alarm
 *  - agenda pack PDF (ward expected): ward finding on page 2, 18 lines from evidence   → caught, located by page
 *  - e-mail (confidential expected): finding one line after the evidence              → caught, located (±1)
 */
function handMade(): { results: Map<string, FileResult>; evidence: Map<string, LocatedEvidence[]> } {
  const results = new Map<string, FileResult>([
    ['docs/letter-to-the-echo.txt', result('letter', 'letter', [finding('officer/insult', 9)])],
    ['docs/quayside-library-report.md', result('report', 'report', [finding('directive/unused', 3), finding('ward/notification-missing', 21)])],
    ['docs/ottermere-matters-spring.md', result('newsletter', 'report', [finding('officer/insult', 8, { message: 'an officer is called useless' })])],
    ['docs/standards-sub-committee-minutes.md', result('minutes', 'minutes', [finding('directive/unused', 1)])],
    ['docs/jobs-fair-press-release.txt', result('press', 'press-release', [finding('publicity/party-reference', 7), finding('publicity/party-reference', 8)])],
    ['docs/cabinet-agenda-pack.pdf', result('pdf', 'agenda', [finding('ward/notification-missing', 3, { page: 2 })])],
    ['docs/fwd-harbour-road-disposal.eml', result('eml', 'email', [finding('confidential/exempt-shared', 9)])],
  ]);
  const ev = (family: LocatedEvidence['family'], text: string, ...spans: ReturnType<typeof at>[]): LocatedEvidence => ({ family, text, match: 'exact', spans });
  const evidence = new Map<string, LocatedEvidence[]>([
    ['docs/letter-to-the-echo.txt', [ev('officer', 'is incompetent', at(9))]],
    ['docs/quayside-library-report.md', [ev('ward', 'approve the closure', at(16))]],
    ['docs/ottermere-matters-spring.md', [ev('publicity', 'Thanks to', at(8)), ev('publicity', 'unlike the Conservatives', at(8, 9))]],
    ['docs/standards-sub-committee-minutes.md', []],
    ['docs/jobs-fair-press-release.txt', []],
    ['docs/cabinet-agenda-pack.pdf', [ev('ward', 'Wards affected: Brookfield', at(21, 21, 2)), ev('ward', 'To approve the closure', at(25, 25, 2))]],
    ['docs/fwd-harbour-road-disposal.eml', [ev('confidential', 'Officers say it is exempt', at(8))]],
  ]);
  return { results, evidence };
}

describe('score() on the hand-made fixture corpus', () => {
  const { results, evidence } = handMade();
  const s = score({ labels, results, evidence });

  it('counts (document, family) pairs micro-averaged over all four families', () => {
    expect(s.documents).toBe(7);
    expect(s.overall).toMatchObject({ expected: 5, caught: 4, missed: 1, falseAlarms: 2, flagged: 6, located: 3 });
    expect(s.overall.recall).toBeCloseTo(0.8);
    expect(s.overall.precision).toBeCloseTo(4 / 6);
    expect(s.overall.locatedRate).toBeCloseTo(0.75);
    expect(summaryLine(s)).toBe('eval: recall 0.80 precision 0.67 located 0.75 (7 docs)');
  });

  it('gives each family its own figures', () => {
    expect(s.byFamily.officer).toMatchObject({ expected: 1, caught: 1, falseAlarms: 1, recall: 1, precision: 0.5, locatedRate: 1 });
    expect(s.byFamily.confidential).toMatchObject({ expected: 1, caught: 1, falseAlarms: 0, recall: 1, precision: 1, locatedRate: 1 });
    expect(s.byFamily.ward).toMatchObject({ expected: 2, caught: 2, located: 1, recall: 1, precision: 1, locatedRate: 0.5 });
    expect(s.byFamily.publicity).toMatchObject({ expected: 1, caught: 0, missed: 1, falseAlarms: 1, recall: 0, precision: 0 });
  });

  it('locates a hit on the evidence line, within ±1 line, and by page for a PDF', () => {
    const located = (file: string, family: string) => s.pairs.find((p) => p.file === file && p.family === family)?.located;
    expect(located('docs/letter-to-the-echo.txt', 'officer')).toBe(true);
    expect(located('docs/fwd-harbour-road-disposal.eml', 'confidential')).toBe(true); // line 9 vs evidence line 8
    expect(located('docs/cabinet-agenda-pack.pdf', 'ward')).toBe(true); // line 3 vs 21, but both on page 2
    expect(located('docs/quayside-library-report.md', 'ward')).toBe(false); // line 21 vs evidence line 16
    expect(s.notLocated).toEqual([
      { file: 'docs/quayside-library-report.md', family: 'ward', format: '.md', findings: [expect.objectContaining({ ruleId: 'ward/notification-missing', line: 21 })], evidence: [at(16)] },
    ]);
  });

  it('lists the miss with the families that fired instead, and every false alarm', () => {
    expect(s.misses).toHaveLength(1);
    expect(s.misses[0]).toMatchObject({ file: 'docs/ottermere-matters-spring.md', family: 'publicity', otherFamilies: ['officer'], firstOther: { ruleId: 'officer/insult', line: 8 } });
    expect(s.misses[0]!.notRead).toBeUndefined();
    expect(s.falseAlarms.map((a) => [a.family, a.file, a.count, a.hardNegative])).toEqual([
      ['officer', 'docs/ottermere-matters-spring.md', 1, false],
      ['publicity', 'docs/jobs-fair-press-release.txt', 2, true],
    ]);
  });

  it('ignores directive/ findings and scores kind detection against the labels', () => {
    const minutes = s.pairs.filter((p) => p.file === 'docs/standards-sub-committee-minutes.md');
    expect(minutes.every((p) => !p.flagged)).toBe(true);
    expect(s.kind).toMatchObject({ documents: 7, read: 7, correct: 6 });
    expect(s.kind.mismatches).toEqual([{ file: 'docs/ottermere-matters-spring.md', expected: 'newsletter', detected: 'report' }]);
    expect(s.inputProblems).toEqual([]);
  });

  it('breaks the figures down by format and by labelled kind', () => {
    expect(Object.keys(s.byFormat)).toEqual(['.eml', '.md', '.pdf', '.txt']);
    expect(s.byFormat['.md']).toMatchObject({ documents: 3, read: 3, expected: 2, caught: 1, missed: 1, falseAlarms: 1, located: 0, kindCorrect: 2 });
    expect(s.byFormat['.md']!.evidence).toMatchObject({ total: 3, exact: 3 });
    expect(s.byFormat['.pdf']).toMatchObject({ documents: 1, expected: 1, caught: 1, located: 1, locatedRate: 1 });
    expect(s.byFormat['.txt']).toMatchObject({ expected: 1, caught: 1, falseAlarms: 1, precision: 0.5 });
    expect(s.byKind['press-release']).toMatchObject({ documents: 1, expected: 0, falseAlarms: 1, recall: 1, precision: 0 });
  });

  it('prints a report that names every miss and false alarm and ends with the summary line', () => {
    const text = formatReport(s, { corpus: 'fixtures/eval-corpus', configFile: 'fixtures/eval-corpus/.protocolrc.json' });
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('eval: recall 0.80 precision 0.67 located 0.75 (7 docs)');
    expect(text).toMatch(/^ {2}publicity +docs\/ottermere-matters-spring\.md {2}other families fired: officer \(first: line 8 officer\/insult: "an officer is called useless"\)$/m);
    expect(text).toMatch(/^ {2}publicity +docs\/jobs-fair-press-release\.txt:7 {2}publicity\/party-reference: .*\(clean, hard negative; 2 findings\)$/m);
    expect(text).toMatch(/^ {2}ward +docs\/quayside-library-report\.md {2}findings at line 21; evidence at line 16$/m);
    expect(text).toMatch(/^officer +1 +1 +0 +1 +1\.00 +0\.50 +1\.00$/m);
    expect(text).toMatch(/^publicity +1 +0 +1 +1 +0\.00 +0\.00 +-$/m);
    expect(text).toMatch(/^Kind detection: 6\/7 read documents right \(0\.86\)$/m);
  });
});

describe('score() definitions at the edges', () => {
  const label = (file: string, expect: Label['expect'], kind: Label['kind'] = 'report'): Label => ({ file, kind, expect, evidence: expect.map((family) => ({ family, text: 'x' })), line: 1 });

  it('a page mismatch is not located even when the lines match; findings in attachments never land', () => {
    expect(landsOn({ ruleId: 'ward/x', message: '', line: 21, endLine: 21, page: 3 }, at(21, 21, 2))).toBe(false);
    expect(landsOn({ ruleId: 'ward/x', message: '', line: 20, endLine: 20 }, at(21))).toBe(true);
    expect(landsOn({ ruleId: 'ward/x', message: '', line: 23, endLine: 23 }, at(21))).toBe(false);
    expect(landsOn({ ruleId: 'ward/x', message: '', line: 10, endLine: 30 }, at(21))).toBe(true); // a finding spanning the evidence
    expect(landsOn({ ruleId: 'ward/x', message: '', line: 21, endLine: 21, attachment: 'a.pdf' }, at(21))).toBe(false);
  });

  it('an unreadable document is a miss "not read", listed with its input/ finding and left out of kind accuracy', () => {
    const s = score({
      labels: [label('a.pdf', ['ward'], 'agenda'), label('b.md', [])],
      results: new Map([
        ['a.pdf', result('/c/a.pdf', 'other', [finding('input/unsupported', 1, { message: '/c/a.pdf: pdf is not supported yet' })])],
        ['b.md', result('/c/b.md', 'report', [])],
      ]),
      evidence: new Map([['a.pdf', [{ family: 'ward', text: 'x', match: 'unread', spans: [] }]]]),
    });
    expect(s.misses).toEqual([expect.objectContaining({ file: 'a.pdf', family: 'ward', notRead: 'input/unsupported: /c/a.pdf: pdf is not supported yet', otherFamilies: [] })]);
    expect(s.inputProblems).toEqual([{ file: 'a.pdf', format: '.pdf', ruleId: 'input/unsupported', message: '/c/a.pdf: pdf is not supported yet' }]);
    expect(s.falseAlarms).toEqual([]); // input/ findings count for no family
    expect(s.kind).toMatchObject({ documents: 2, read: 1, correct: 1, accuracy: 1 });
    expect(s.byFormat['.pdf']).toMatchObject({ read: 0, evidence: expect.objectContaining({ total: 1, unread: 1 }) });
    const text = formatReport(s, { corpus: 'c', configFile: 'c/.protocolrc.json' });
    expect(text).toContain('  ward         a.pdf  not read (input/unsupported)');
    expect(text).toContain('  a.pdf  input/unsupported: pdf is not supported yet');
  });

  it('a labelled document with no result (e.g. ignored by the config) counts as not read', () => {
    const s = score({ labels: [label('a.md', ['officer'])], results: new Map(), evidence: new Map() });
    expect(s.misses[0]).toMatchObject({ notRead: 'not checked' });
    expect(s.inputProblems[0]).toMatchObject({ file: 'a.md', ruleId: '(none)' });
  });

  it('nothing flagged: precision 1.00, recall honestly 0.00', () => {
    const s = score({ labels: [label('a.md', ['officer']), label('b.md', [])], results: new Map([['a.md', result('a', 'report', [])], ['b.md', result('b', 'report', [])]]), evidence: new Map() });
    expect(s.overall).toMatchObject({ expected: 1, caught: 0, flagged: 0, recall: 0, precision: 1 });
    expect(summaryLine(s)).toBe('eval: recall 0.00 precision 1.00 located 1.00 (2 docs)');
    expect(formatReport(s, { corpus: 'c', configFile: 'c' })).toMatch(/^officer +1 +0 +1 +0 +0\.00 +- +-$/m);
  });

  it('--family narrows every figure to the families chosen', () => {
    const { results, evidence } = handMade();
    const s = score({ labels, results, evidence, families: ['ward'] });
    expect(s.families).toEqual(['ward']);
    expect(Object.keys(s.byFamily)).toEqual(['ward']);
    expect(s.overall).toMatchObject({ expected: 2, caught: 2, falseAlarms: 0, located: 1 });
    expect(s.misses).toEqual([]);
    expect(s.byFormat['.md']!.evidence.total).toBe(1); // only the ward evidence
  });
});

describe('failedThresholds()', () => {
  const { results, evidence } = handMade();
  const s = score({ labels, results, evidence }); // recall 0.8, precision 0.667, 2 false alarms

  it('passes at the threshold and fails below it, naming the option', () => {
    expect(failedThresholds(s, { minRecall: 0.8, minPrecision: 0.6, maxFalseAlarms: 2 })).toEqual([]);
    expect(failedThresholds(s, { minRecall: 0.81 })).toEqual(['recall 0.800 is below --min-recall 0.81']);
    expect(failedThresholds(s, { minPrecision: 0.7 })).toEqual(['precision 0.667 is below --min-precision 0.7']);
    expect(failedThresholds(s, { maxFalseAlarms: 1 })).toEqual(['2 false alarms is more than --max-false-alarms 1']);
    expect(failedThresholds(s, { minRecall: 0.9, maxFalseAlarms: 0 })).toHaveLength(2);
  });
});
