import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class GitError extends Error {
  override name = 'GitError';
}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; code?: string | number; message: string };
    if (err.code === 'ENOENT') throw new GitError('--changed needs git, and git is not installed');
    throw new GitError(`git ${args.join(' ')} failed: ${(err.stderr || err.message).trim().split('\n')[0]}`);
  }
}

/** True when `ref` names a commit in the repository at `cwd`. */
export async function isGitRef(cwd: string, ref: string): Promise<boolean> {
  try {
    await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** The default branch: origin/HEAD if set, else main, master or trunk if they exist. */
async function defaultBranch(cwd: string): Promise<string | undefined> {
  try {
    const ref = (await git(cwd, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'])).trim();
    if (ref) return ref.replace(/^refs\/remotes\//, '');
  } catch {
    // no origin/HEAD
  }
  for (const b of ['main', 'master', 'trunk', 'origin/main', 'origin/master']) {
    try {
      await git(cwd, ['rev-parse', '--verify', '--quiet', `${b}^{commit}`]);
      return b;
    } catch {
      // try the next
    }
  }
  return undefined;
}

/**
 * Files added or modified since `ref` (default: the merge base with the default branch), including
 * uncommitted changes, plus untracked files that .gitignore does not exclude. Absolute paths.
 */
export async function changedFiles(cwd: string, ref?: string): Promise<{ files: Set<string>; base: string }> {
  const top = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  let base = ref;
  if (!base) {
    const branch = await defaultBranch(cwd);
    if (!branch) throw new GitError('--changed: cannot find the default branch (main/master); give a ref, e.g. --changed origin/main');
    base = (await git(cwd, ['merge-base', 'HEAD', branch])).trim();
  } else {
    await git(cwd, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]).catch(() => {
      throw new GitError(`--changed: "${base}" is not a commit, branch or tag in this repository`);
    });
  }
  const diff = await git(top, ['diff', '--name-only', '-z', '--diff-filter=ACMRT', base]);
  const untracked = await git(top, ['ls-files', '--others', '--exclude-standard', '-z']);
  const files = new Set<string>();
  for (const rel of [...diff.split('\0'), ...untracked.split('\0')]) if (rel) files.add(path.join(top, rel));
  return { files, base };
}
