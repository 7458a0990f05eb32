import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import ignore, { type Ignore } from 'ignore';
import { isSupportedExtension } from '../ingest/index.js';

export const IGNORE_FILE = '.protocolignore';
const ALWAYS_SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface Discovered {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Patterns or paths that matched nothing (for a readable message). */
  unmatched: string[];
}

function isGlob(p: string): boolean {
  return /[*?[\]{}!]/.test(p);
}

async function walk(dir: string, out: string[], filter: (file: string) => boolean): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (ALWAYS_SKIPPED_DIRS.has(e.name)) continue;
      await walk(full, out, filter);
    } else if (e.isFile() && filter(full)) out.push(full);
  }
}

/** Reads `.protocolignore` from the working directory (gitignore syntax), if there is one. */
export async function loadIgnoreFile(cwd: string, file = IGNORE_FILE): Promise<Ignore | undefined> {
  try {
    const text = await fs.readFile(path.resolve(cwd, file), 'utf8');
    return ignore().add(text);
  } catch {
    return undefined;
  }
}

/**
 * Expand files, folders and globs into document files. Folders are walked recursively for supported
 * extensions; a file named explicitly is always taken (its format is sniffed if the extension is unknown).
 */
export async function discover(patterns: string[], cwd: string): Promise<Discovered> {
  const found = new Set<string>();
  const unmatched: string[] = [];
  for (const p of patterns) {
    const before = found.size;
    const abs = path.resolve(cwd, p);
    let stat: import('node:fs').Stats | undefined;
    try {
      stat = await fs.stat(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) found.add(abs);
    else if (stat?.isDirectory()) {
      const files: string[] = [];
      await walk(abs, files, isSupportedExtension);
      files.forEach((f) => found.add(f));
    } else if (isGlob(p)) {
      const base = globBase(p);
      const matcher = picomatch(path.resolve(cwd, p).split(path.sep).join('/'), { dot: false });
      const files: string[] = [];
      await walk(path.resolve(cwd, base), files, (f) => matcher(f.split(path.sep).join('/')));
      files.forEach((f) => found.add(f));
    }
    if (found.size === before) unmatched.push(p);
  }
  return { files: [...found].sort(), unmatched };
}

function globBase(p: string): string {
  const parts = p.split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (isGlob(part)) break;
    out.push(part);
  }
  return out.join('/') || '.';
}
