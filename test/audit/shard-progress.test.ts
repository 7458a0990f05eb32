import { describe, expect, it } from 'vitest';
import { parseShard, shardFiles } from '../../src/audit/shard.js';
import { Progress } from '../../src/audit/progress.js';

describe('--shard', () => {
  it('parses i/n and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1/1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '1-4', 'a/b', '', '1/4/2']) expect(() => parseShard(bad), bad).toThrow(/--shard/);
  });

  it('partitions the files exactly, the same way on every machine and whatever the order of the list', () => {
    const cwd = '/ci/checkout';
    const files = Array.from({ length: 400 }, (_, i) => `${cwd}/archive/${2020 + (i % 7)}/pack-${i}.pdf`);
    for (const n of [1, 2, 3, 5]) {
      const shards = Array.from({ length: n }, (_, i) => shardFiles(files, { index: i + 1, count: n }, cwd));
      const all = shards.flat();
      expect(all.length).toBe(files.length);
      expect(new Set(all).size).toBe(files.length);
      for (const s of shards) expect(s.length).toBeGreaterThan(files.length / n / 2);
      // the same shards from another checkout folder and from a shuffled list
      const elsewhere = shardFiles(files.map((f) => f.replace(cwd, '/home/runner/work')), { index: 1, count: n }, '/home/runner/work');
      expect(elsewhere.map((f) => f.replace('/home/runner/work', cwd))).toEqual(shards[0]);
      expect(shardFiles([...files].reverse(), { index: 1, count: n }, cwd).sort()).toEqual([...shards[0]!].sort());
    }
  });

  it('does not move other files between shards when a file is added', () => {
    const files = Array.from({ length: 100 }, (_, i) => `/w/doc-${i}.md`);
    const before = shardFiles(files, { index: 2, count: 3 }, '/w');
    const after = shardFiles([...files, '/w/new.md'], { index: 2, count: 3 }, '/w').filter((f) => f !== '/w/new.md');
    expect(after).toEqual(before);
  });
});

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (s: string) => (written.push(s), true) } as unknown as NodeJS.WriteStream, written };
}

describe('Progress', () => {
  it('draws files, items and findings on one line when stderr is a terminal', () => {
    const ci = process.env.CI;
    delete process.env.CI;
    try {
      const { stream, written } = fakeStream(true);
      const p = new Progress(3, stream);
      expect(p.enabled).toBe(true);
      p.update(1, 7, 4);
      p.update(3, 1, 0);
      p.end();
      expect(written[0]).toMatch(/^\raudit: 1\/3 files, 7 items, 4 findings, about \d+s left/);
      expect(written.some((w) => /^\raudit: 3\/3 files, 8 items, 4 findings\s*$/.test(w))).toBe(true);
      expect(written[written.length - 1]).toBe('\n');
    } finally {
      if (ci !== undefined) process.env.CI = ci;
    }
  });

  it('is silent when stderr is not a terminal, and in CI', () => {
    const { stream, written } = fakeStream(false);
    const p = new Progress(2, stream);
    p.update(1, 1, 1);
    p.update(2, 1, 1);
    p.end();
    expect(written).toEqual([]);
    const ci = process.env.CI;
    process.env.CI = 'true';
    try {
      const tty = fakeStream(true);
      const q = new Progress(1, tty.stream);
      q.update(1, 1, 1);
      q.end();
      expect(tty.written).toEqual([]);
    } finally {
      if (ci === undefined) delete process.env.CI;
      else process.env.CI = ci;
    }
  });
});
