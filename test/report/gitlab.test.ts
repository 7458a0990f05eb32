import { describe, expect, it } from 'vitest';
import { gitlab, type CodeQualityIssue } from '../../src/report/gitlab.js';
import { abs, allFindings, sampleContext, sampleResults, shifted } from './sample.js';

const run = (results = sampleResults()) => JSON.parse(gitlab(results, sampleContext())) as CodeQualityIssue[];

describe('gitlab reporter', () => {
  const issues = run();

  it('is a Code Quality array with the required keys', () => {
    expect(issues).toHaveLength(allFindings(sampleResults()).length);
    for (const i of issues) {
      expect(Object.keys(i).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
      expect(typeof i.description).toBe('string');
      expect(i.location.lines.begin).toBeGreaterThanOrEqual(1);
      expect(i.location.path.startsWith('/')).toBe(false);
    }
    expect(run([])).toEqual([]);
  });

  it('maps severity (major/minor, never blocker), rule and place', () => {
    expect(new Set(issues.map((i) => i.severity))).toEqual(new Set(['major', 'minor']));
    const party = issues.find((i) => i.check_name === 'publicity/party-reference')!;
    expect(party.severity).toBe('minor');
    expect(party.location).toEqual({ path: 'inbox/Re: press, "quote" #42.eml', lines: { begin: 58 } });
    expect(party.description).toContain('(attachment “Briefing note, v2.pdf”, page 2) — LGA 1986 s.2');
    const derog = issues.find((i) => i.check_name === 'officer/derogatory-reference')!;
    expect(derog.severity).toBe('major');
    expect(derog.description).toBe('A named officer (Yasmin Treloar, Head of Planning) is criticised in a public report. — Leicestershire Part 5C para 9');
  });

  it('has fingerprints that are unique, and stable across runs, line moves and input order', () => {
    const fps = issues.map((i) => i.fingerprint);
    expect(new Set(fps).size).toBe(fps.length);
    expect(run().map((i) => i.fingerprint)).toEqual(fps);
    expect(run(shifted(sampleResults(), 12)).map((i) => i.fingerprint)).toEqual(fps);
    expect(run([...sampleResults()].reverse())).toEqual(issues);
  });

  it('keeps a finding’s fingerprint when an unrelated finding is added or removed', () => {
    const [report, ...rest] = sampleResults();
    const fewer = { ...report!, messages: report!.messages.filter((m) => m.ruleId !== 'ward/notification-missing') };
    const after = run([fewer, ...rest]);
    const derogBefore = issues.filter((i) => i.check_name === 'officer/derogatory-reference').map((i) => i.fingerprint);
    const derogAfter = after.filter((i) => i.check_name === 'officer/derogatory-reference').map((i) => i.fingerprint);
    expect(derogAfter).toEqual(derogBefore);
  });

  it('differs between files with the same finding', () => {
    const [report] = sampleResults();
    const copy = { ...report!, filePath: abs('reports/copy.md') };
    const fps = run([report!, copy]).map((i) => i.fingerprint);
    expect(new Set(fps).size).toBe(fps.length);
  });
});
