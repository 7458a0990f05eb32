import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileResult, Finding } from '../types.js';
import { compareText } from '../util/compare.js';

/**
 * A baseline for adopting protocol-lint on an archive: findings recorded in it are hidden on later runs.
 * Entries are keyed by file (relative, forward slashes), rule and the finding's fingerprint (rule + the
 * normalised text of its span), so they survive lines moving; repeated identical findings are counted.
 */
export interface BaselineEntry {
  file: string;
  ruleId: string;
  fingerprint: string;
  count: number;
}

export interface BaselineFile {
  tool: 'protocol-lint';
  version: 1;
  entries: BaselineEntry[];
}

export class BaselineError extends Error {
  override name = 'BaselineError';
}

function rel(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

function keyOf(file: string, f: Finding): string {
  return `${file}\0${f.ruleId}\0${f.fingerprint ?? `${f.line}:${f.column}`}`;
}

export async function readBaseline(file: string): Promise<BaselineFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new BaselineError(`baseline ${file} could not be read (${(e as NodeJS.ErrnoException).code ?? e}); create it with --update-baseline`);
  }
  try {
    const data = JSON.parse(text) as BaselineFile;
    if (data?.tool !== 'protocol-lint' || !Array.isArray(data.entries)) throw new Error('not a protocol-lint baseline');
    return data;
  } catch (e) {
    throw new BaselineError(`baseline ${file} is not a protocol-lint baseline (${(e as Error).message})`);
  }
}

export function buildBaseline(results: FileResult[], cwd: string): BaselineFile {
  const counts = new Map<string, BaselineEntry>();
  for (const r of results) {
    const file = rel(cwd, r.filePath);
    for (const f of r.messages) {
      if (f.ruleId.startsWith('input/')) continue; // an unreadable file is not a finding to live with
      const k = keyOf(file, f);
      const e = counts.get(k);
      if (e) e.count++;
      else counts.set(k, { file, ruleId: f.ruleId, fingerprint: f.fingerprint ?? '', count: 1 });
    }
  }
  const entries = [...counts.values()].sort((a, b) => compareText(a.file, b.file) || compareText(a.ruleId, b.ruleId) || compareText(a.fingerprint, b.fingerprint));
  return { tool: 'protocol-lint', version: 1, entries };
}

export async function writeBaseline(file: string, baseline: BaselineFile): Promise<void> {
  await writeFile(file, JSON.stringify(baseline, null, 2) + '\n');
}

/**
 * Hide findings recorded in the baseline. Returns the filtered results, how many findings were hidden, and
 * how many baseline entries matched nothing (fixed, or the text changed) among the files that were checked.
 */
export function applyBaseline(results: FileResult[], baseline: BaselineFile, cwd: string): { results: FileResult[]; hidden: number; unmatched: number } {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) remaining.set(`${e.file}\0${e.ruleId}\0${e.fingerprint}`, e.count);
  let hidden = 0;
  const checked = new Set<string>();
  const out = results.map((r) => {
    const file = rel(cwd, r.filePath);
    checked.add(file);
    const messages = r.messages.filter((f) => {
      const k = keyOf(file, f);
      const n = remaining.get(k) ?? 0;
      if (n > 0) {
        remaining.set(k, n - 1);
        hidden++;
        return false;
      }
      return true;
    });
    return { ...r, messages, errorCount: messages.filter((m) => m.severity === 2).length, warningCount: messages.filter((m) => m.severity === 1).length };
  });
  let unmatched = 0;
  for (const e of baseline.entries) {
    if (!checked.has(e.file)) continue;
    unmatched += remaining.get(`${e.file}\0${e.ruleId}\0${e.fingerprint}`) ?? 0;
  }
  return { results: out, hidden, unmatched };
}
