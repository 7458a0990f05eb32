/**
 * What the machine-readable reporters share: paths relative to the working folder, a stable order, stable
 * identities for findings, and the words used for a finding's place in a document.
 */
import { sha256 } from '../util/hash.js';
import path from 'node:path';
import type { FileResult, Finding } from '../types.js';

/** One checked file, ready to report: its path relative to `cwd` (forward slashes) and its findings in order. */
export interface ReportFile {
  result: FileResult;
  /** Relative to the working folder, with forward slashes; a name such as `<stdin>` is kept as it is. */
  path: string;
  findings: Finding[];
  /** A stable identity per finding (same order as `findings`): see `findingIds`. */
  ids: string[];
}

/** `filePath` relative to `cwd` with forward slashes; names that are not absolute paths (e.g. `<stdin>`) are kept. */
export function relativePath(filePath: string, cwd: string): string {
  if (!path.isAbsolute(filePath)) return filePath.split(path.sep).join('/');
  const rel = path.relative(cwd, filePath);
  if (rel === '') return path.basename(filePath);
  // Another drive on Windows: there is no relative path.
  if (path.isAbsolute(rel)) return filePath.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/** Plain code-unit comparison: the same order on every machine, whatever its locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.attachment ?? '', b.attachment ?? '') ||
    a.line - b.line ||
    a.column - b.column ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

/**
 * The base of a finding's identity: the engine's fingerprint (rule + normalised text), or for findings that
 * have none (input/ and directive/ findings) the rule and the message.
 */
function baseIdentity(f: Finding): string {
  return f.fingerprint ?? `${f.ruleId}\0${f.message.toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

/**
 * A stable identity for each finding of one file: hash of the relative path, the attachment, the base identity
 * and, for findings with the same base identity in the same file, which occurrence this is (in document order).
 * It does not change when lines move, and two findings of one run never share it.
 */
export function findingIds(relPath: string, findings: Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${relPath}\0${f.attachment ?? ''}\0${baseIdentity(f)}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return sha256(`${base}\0${n}`).slice(0, 40);
  });
}

/** Files sorted by relative path, findings sorted by position (stable sorts: equal keys keep their order). */
export function prepare(results: FileResult[], cwd: string): ReportFile[] {
  return results
    .map((result) => {
      const rel = relativePath(result.filePath, cwd);
      const findings = [...result.messages].sort(compareFindings);
      return { result, path: rel, findings, ids: findingIds(rel, findings) };
    })
    .sort((a, b) => compareStrings(a.path, b.path));
}

/** `officer/derogatory-reference` ─▶ `officer`. */
export function familyOf(ruleId: string): string {
  const i = ruleId.indexOf('/');
  return i < 0 ? ruleId : ruleId.slice(0, i);
}

export function severityName(f: Finding): 'error' | 'warning' {
  return f.severity === 2 ? 'error' : 'warning';
}

/** Where a finding is, in words: `attachment “minutes.pdf”, page 3, line 12, column 5`. */
export function placeText(f: Finding): string {
  const parts: string[] = [];
  if (f.attachment) parts.push(`attachment “${f.attachment}”`);
  if (f.page !== undefined) parts.push(`page ${f.page}`);
  parts.push(`line ${f.line}, column ${f.column}`);
  return parts.join(', ');
}

/** Short place for a table cell: `p3 12:5`. */
export function shortPlace(f: Finding): string {
  return `${f.page !== undefined ? `p${f.page} ` : ''}${f.line}:${f.column}`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/**
 * What the reader noticed about a file that is not a finding (`FileResult.warnings`: "read as windows-1252",
 * "front matter is not valid YAML ...; ignored", "attachment x.zip was not checked ..."). Read defensively, as
 * results may come from a cache or another tool's JSON: only non-empty strings, each once.
 */
export function readerNotes(result: FileResult): string[] {
  const raw: unknown = (result as { warnings?: unknown }).warnings;
  if (!Array.isArray(raw)) return [];
  return [...new Set(raw.filter((w): w is string => typeof w === 'string' && w.trim() !== ''))];
}

/**
 * `--quiet`: errors only. Warnings are dropped and so are the reader's notes, so that every reporter shows
 * only what fails the run.
 */
export function quietResults(results: FileResult[]): FileResult[] {
  return results.map((r) => {
    const { warnings: _notes, ...rest } = r;
    const messages = r.messages.filter((m) => m.severity === 2);
    return { ...rest, messages, warningCount: 0, errorCount: messages.length };
  });
}

export interface Totals {
  files: number;
  filesWithProblems: number;
  errors: number;
  warnings: number;
  suppressed: number;
  /** Files with at least one reader note (`readerNotes`). */
  filesWithNotes: number;
  /** Reader notes in all files. */
  notes: number;
}

export function totals(results: FileResult[]): Totals {
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  let filesWithProblems = 0;
  let filesWithNotes = 0;
  let notes = 0;
  for (const r of results) {
    errors += r.errorCount;
    warnings += r.warningCount;
    suppressed += r.suppressedCount ?? 0;
    if (r.messages.length > 0) filesWithProblems++;
    const n = readerNotes(r).length;
    if (n > 0) filesWithNotes++;
    notes += n;
  }
  return { files: results.length, filesWithProblems, errors, warnings, suppressed, filesWithNotes, notes };
}
