import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabelError, parseLabels } from '../../src/eval/labels.js';
import { EVAL_CORPUS } from './helpers.js';

const good = '{"file": "docs/a.md", "kind": "report", "expect": ["ward"], "evidence": [{"family": "ward", "text": "Wards affected: Mill"}]}';

function errorOf(text: string): LabelError {
  try {
    parseLabels(text, 'labels.jsonl');
  } catch (e) {
    return e as LabelError;
  }
  throw new Error('parseLabels accepted a malformed file');
}

describe('parseLabels()', () => {
  it('reads the fixture corpus labels', () => {
    const { labels, warnings } = parseLabels(readFileSync(path.join(EVAL_CORPUS, 'labels.jsonl'), 'utf8'));
    expect(labels).toHaveLength(7);
    expect(warnings).toEqual([]);
    expect(labels[2]).toMatchObject({ file: 'docs/ottermere-matters-spring.md', kind: 'newsletter', expect: ['publicity'], line: 3, hardNegative: false });
    expect(labels[2]!.evidence[1]!.text).toBe('unlike\nthe Conservatives, who raised them every year they ran the council');
    expect(labels.filter((l) => l.hardNegative).map((l) => l.line)).toEqual([4, 5]);
  });

  it('skips blank lines but keeps line numbers, and normalises paths', () => {
    const { labels } = parseLabels(`\n${good.replace('docs/a.md', './docs\\\\b.md')}\n\n${good}\n`);
    expect(labels.map((l) => [l.file, l.line])).toEqual([['docs/b.md', 2], ['docs/a.md', 4]]);
  });

  it('names the line of a malformed label', () => {
    expect(errorOf(`${good}\n{"file": "docs/b.md", "kind": "report"`).message).toMatch(/^labels\.jsonl line 2: not valid JSON/);
    expect(errorOf(`${good}\n${good}`).message).toBe('labels.jsonl line 2: "docs/a.md" is labelled twice (also on line 1)');
    expect(errorOf('{"file": "x.md", "kind": "memo", "expect": []}').message).toMatch(/^labels\.jsonl line 1: "kind" must be one of email, report, .* \(got "memo"\)$/);
    expect(errorOf('{"file": "x.md", "kind": "report", "expect": ["wards"]}').message).toMatch(/line 1: "expect" holds "wards", which is not a family/);
    expect(errorOf('{"file": "x.md", "kind": "report"}').message).toMatch(/line 1: "expect" must be an array/);
    expect(errorOf('{"file": "x.md", "kind": "report", "expect": [], "evidence": [{"family": "ward"}]}').message).toMatch(/line 1: "evidence\[0\]\.text" must be a non-empty string/);
    expect(errorOf('{"file": "../x.md", "kind": "report", "expect": []}').message).toMatch(/line 1: "file" must be inside the corpus folder/);
    expect(errorOf('[1, 2]').message).toBe('labels.jsonl line 1: expected a JSON object, got an array');
    expect(errorOf('{"kind": "report", "expect": []}').line).toBe(1);
  });

  it('warns (without failing) about evidence for a family not expected and an expected family without evidence', () => {
    const { labels, warnings } = parseLabels('{"file": "x.md", "kind": "report", "expect": ["officer"], "evidence": [{"family": "ward", "text": "t"}]}');
    expect(labels).toHaveLength(1);
    expect(warnings).toEqual([
      'labels.jsonl line 1: evidence for "ward", which x.md does not expect; it is not used',
      'labels.jsonl line 1: x.md expects "officer" but gives no evidence for it, so it can never count as located',
    ]);
  });
});
