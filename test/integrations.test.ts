import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

/**
 * The GitHub Action and the pre-commit hook, exercised as far as this machine allows: their commands run
 * the tool on a fixture git repository (there is no GitHub runner or pre-commit network here).
 */

function repo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'protocol-lint-int-'));
  const env = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org' };
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  writeFileSync(path.join(dir, 'clean.md'), '# Opening hours\n\nThe library opens at 9am.\n');
  writeFileSync(path.join(dir, 'leftover.txt'), 'protocol-lint-disable-next-line officer -- stale\nFine.\n');
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-qm', 'reports'], { cwd: dir, env });
  return dir;
}

describe('GitHub Action (action.yml)', () => {
  const action = YAML.parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
  const lintStep = action.runs.steps.find((s: { id?: string }) => s.id === 'lint');

  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    for (const input of ['paths', 'format', 'config', 'changed', 'output']) expect(action.inputs[input]).toBeTruthy();
  });

  function runStep(dir: string, inputs: Record<string, string>) {
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: path.join(dir, 'gh-output'), NO_COLOR: '1' };
    for (const [k, v] of Object.entries(lintStep.env as Record<string, string>)) {
      const name = /inputs\.([\w-]+)/.exec(v)![1]!;
      env[k] = inputs[name] ?? String(action.inputs[name].default);
    }
    return spawnSync('bash', ['-c', lintStep.run], { cwd: dir, env, encoding: 'utf8' });
  }

  it('runs the tool and prints GitHub annotations by default', () => {
    const dir = repo();
    const r = runStep(dir, {});
    expect(r.stdout).toMatch(/^::warning file=leftover\.txt,line=1/m);
    expect(readFileSync(path.join(dir, 'gh-output'), 'utf8')).toContain('exit-code=0');
  });

  it('writes SARIF to a file and fails on warnings over the limit', () => {
    const dir = repo();
    const r = runStep(dir, { format: 'sarif', output: 'out.sarif', 'max-warnings': '0' });
    expect(r.status).toBe(1);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(readFileSync(path.join(dir, 'gh-output'), 'utf8')).toContain('exit-code=1');
  });

  it('passes "changed" through to --changed', () => {
    const dir = repo();
    execFileSync('git', ['checkout', '-qb', 'feature'], { cwd: dir });
    writeFileSync(path.join(dir, 'new.md'), '# New\n\nA new report.\n');
    const r = runStep(dir, { changed: 'true', format: 'json' });
    const files = (JSON.parse(r.stdout) as Array<{ filePath: string }>).map((x) => path.basename(x.filePath));
    expect(files).toEqual(['new.md']);
  });
});

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const hooks = YAML.parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; files: string }>;
  const hook = hooks.find((h) => h.id === 'protocol-lint')!;

  it('runs its entry on the staged files that match its pattern', () => {
    const dir = repo();
    mkdirSync(path.join(dir, 'img'));
    writeFileSync(path.join(dir, 'img', 'logo.png'), 'x');
    const staged = ['clean.md', 'leftover.txt', 'img/logo.png'].filter((f) => new RegExp(hook.files).test(f));
    expect(staged).toEqual(['clean.md', 'leftover.txt']);
    // pre-commit runs `entry` (the package's bin) with the file names appended
    expect(hook.entry).toBe('protocol-lint');
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const bin = path.join(ROOT, pkg.bin[hook.entry]);
    const r = spawnSync(process.execPath, [bin, ...staged], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0); // a warning only
    expect(r.stdout).toContain('leftover.txt');
    expect(r.stdout).toContain('directive/unused');
  });
});
