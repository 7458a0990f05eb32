import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

/** Tests on real temporary git repositories: --changed, --cache and --baseline. */

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org' } });
}

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'protocol-lint-repo-'));
  git(dir, 'init', '-q', '-b', 'main');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'initial');
  return dir;
}

const files = (stdout: string, dir: string) => (JSON.parse(stdout) as Array<{ filePath: string }>).map((r) => path.relative(dir, r.filePath)).sort();

// An unused suppression directive is a finding the engine itself makes: a stable finding for these tests.
const WITH_FINDING = (n: number) => Array.from({ length: n }, (_, i) => `protocol-lint-disable-next-line officer/derogatory-reference -- leftover ${i}\nA perfectly polite sentence number ${i}.\n`).join('\n');

describe('--changed', () => {
  it('checks only files changed since the merge base, plus untracked files not ignored', () => {
    const dir = repo({ 'reports/a.md': '# A\n\nOne.\n', 'reports/b.md': '# B\n\nTwo.\n', '.gitignore': 'scratch/\n' });
    git(dir, 'checkout', '-qb', 'feature');
    writeFileSync(path.join(dir, 'reports/a.md'), '# A\n\nOne, changed.\n');
    git(dir, 'commit', '-qam', 'change a');
    writeFileSync(path.join(dir, 'reports/c.md'), '# C\n\nNew and untracked.\n');
    mkdirSync(path.join(dir, 'scratch'));
    writeFileSync(path.join(dir, 'scratch/d.md'), '# D\n');
    const r = runCli(['--changed', '-f', 'json', '.'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(files(r.stdout, dir)).toEqual(['reports/a.md', 'reports/c.md']);
    // no paths: defaults to the whole repository
    expect(files(runCli(['--changed', '-f', 'json'], { cwd: dir }).stdout, dir)).toEqual(['reports/a.md', 'reports/c.md']);
  });

  it('takes an explicit ref and says clearly when it is not one', () => {
    const dir = repo({ 'a.md': '# A\n', 'b.md': '# B\n' });
    writeFileSync(path.join(dir, 'b.md'), '# B changed\n');
    git(dir, 'commit', '-qam', 'b');
    expect(files(runCli(['--changed', 'HEAD~1', '-f', 'json', '.'], { cwd: dir }).stdout, dir)).toEqual(['b.md']);
    const bad = runCli(['--changed', 'no-such-branch', '.'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"no-such-branch" is not a commit');
  });
});

describe('--cache', () => {
  it('replays cached findings and re-checks when content, config or tool version change', () => {
    const dir = repo({ 'a.txt': WITH_FINDING(1), 'b.txt': 'Nothing to see.\n', '.protocolrc.json': '{"council":"Wexcombe Borough Council"}' });
    const cacheFile = path.join(dir, '.protocol-lint-cache');
    const first = runCli(['--cache', '-f', 'json', '.'], { cwd: dir });
    expect(first.status).toBe(0);
    const firstResults = JSON.parse(first.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }>;
    expect(firstResults.find((r) => r.filePath.endsWith('a.txt'))!.messages[0]!.ruleId).toBe('directive/unused');

    // Tamper with the cached result: if the next run shows the tampered text, it came from the cache.
    const tamper = () => {
      const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
      cache.entries[path.join(dir, 'a.txt')].result.messages[0].message = 'FROM CACHE';
      writeFileSync(cacheFile, JSON.stringify(cache));
    };
    const messageOfA = (stdout: string) => (JSON.parse(stdout) as typeof firstResults).find((r) => r.filePath.endsWith('a.txt'))!.messages[0]!.message;
    tamper();
    expect(messageOfA(runCli(['--cache', '-f', 'json', '.'], { cwd: dir }).stdout)).toBe('FROM CACHE');

    // content changed → re-checked
    writeFileSync(path.join(dir, 'a.txt'), WITH_FINDING(1) + '\nOne more line.\n');
    expect(messageOfA(runCli(['--cache', '-f', 'json', '.'], { cwd: dir }).stdout)).not.toBe('FROM CACHE');

    // config changed → re-checked
    tamper();
    writeFileSync(path.join(dir, '.protocolrc.json'), '{"council":"Wexcombe BC"}');
    expect(messageOfA(runCli(['--cache', '-f', 'json', '.'], { cwd: dir }).stdout)).not.toBe('FROM CACHE');

    // tool version changed → re-checked
    tamper();
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
    cache.version = '0.0.0-older';
    writeFileSync(cacheFile, JSON.stringify(cache));
    expect(messageOfA(runCli(['--cache', '-f', 'json', '.'], { cwd: dir }).stdout)).not.toBe('FROM CACHE');
  });

  it('survives a corrupt cache file and honours --cache-location', () => {
    const dir = repo({ 'a.txt': 'Hello.\n' });
    writeFileSync(path.join(dir, 'custom-cache.json'), '{not json');
    const r = runCli(['--cache-location', 'custom-cache.json', '-f', 'json', 'a.txt'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'custom-cache.json'), 'utf8')).entries).toBeTruthy();
  });
});

describe('--baseline', () => {
  it('hides recorded findings, survives lines moving, shows new ones, and counts stale entries', () => {
    const dir = repo({ 'archive/old.txt': WITH_FINDING(2) });
    const write = runCli(['--update-baseline', '--baseline', 'baseline.json', '-f', 'json', '.'], { cwd: dir });
    expect(write.stderr).toContain('baseline written to baseline.json (2 findings recorded)');
    const baseline = JSON.parse(readFileSync(path.join(dir, 'baseline.json'), 'utf8'));
    expect(baseline.entries).toHaveLength(2);
    expect(baseline.entries[0].file).toBe('archive/old.txt');

    const clean = runCli(['--baseline', 'baseline.json', '-f', 'json', '.'], { cwd: dir });
    expect(JSON.parse(clean.stdout)[0].messages).toEqual([]);
    expect(clean.stderr).toContain('2 finding(s) hidden by the baseline; 0 baseline entries no longer match');

    // lines move: still hidden
    writeFileSync(path.join(dir, 'archive/old.txt'), 'A new first paragraph.\n\nAnd another.\n\n' + WITH_FINDING(2));
    expect(JSON.parse(runCli(['--baseline', 'baseline.json', '-f', 'json', '.'], { cwd: dir }).stdout)[0].messages).toEqual([]);

    // one finding fixed, one new one added
    writeFileSync(
      path.join(dir, 'archive/old.txt'),
      'protocol-lint-disable-next-line officer/derogatory-reference -- leftover 0\nFine.\n\nprotocol-lint-disable-next-line officer/derogatory-reference -- a brand new one\nFine too.\n',
    );
    const after = runCli(['--baseline', 'baseline.json', '-f', 'json', '.'], { cwd: dir });
    const msgs = JSON.parse(after.stdout)[0].messages as Array<{ line: number }>;
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.line).toBe(4);
    expect(after.stderr).toContain('1 baseline entry no longer matches');
  });

  it('says clearly when the baseline file is missing', () => {
    const dir = repo({ 'a.txt': 'Hello.\n' });
    const r = runCli(['--baseline', 'nope.json', 'a.txt'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('baseline nope.json could not be read');
  });
});
