import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Audience, FileResult, Finding, IngestResult, Kind, ReadLimits } from '../types.js';
import { DEFAULT_LIMITS, InputError } from '../types.js';
import type { ResolvedConfig, UserConfig } from '../config/types.js';
import { ConfigLoader, defaultConfig, isResolvedConfig, type LoadedConfig } from '../config/load.js';
import { checkTextSize, ingest } from '../ingest/index.js';
import { buildDocument } from '../document/build.js';
import type { Document } from '../document/document.js';
import { verify } from '../engine/verify.js';
import type { Rule } from '../engine/rule.js';
import { allRules, ruleIds } from '../../rules/index.js';
import { discover, loadIgnoreFile } from './discover.js';
import { changedFiles } from './changed.js';
import { hashBytes, hashConfig, type ResultCache } from './cache.js';

export interface LintOptions {
  cwd?: string;
  /** Use this config file instead of searching for one. */
  configFile?: string;
  /** Force the kind of every document. */
  kind?: Kind;
  audience?: Audience;
  limits?: ReadLimits;
  rules?: readonly Rule[];
  /** Ignore file (gitignore syntax) relative to cwd; default `.protocolignore`. */
  ignorePath?: string;
  /** Do not apply ignorePatterns / the ignore file. */
  noIgnore?: boolean;
  /** Check only files changed since this git ref (true: since the merge base with the default branch). */
  changed?: string | true;
  /** Skip files whose content, config and tool version are unchanged (findings are replayed). */
  cache?: ResultCache;
  /** Called after each file (for progress). */
  onFile?: (result: FileResult, done: number, total: number) => void;
}

export interface LintRun {
  results: FileResult[];
  /** Patterns that matched no file. */
  unmatched: string[];
  /** Files skipped because of ignore patterns. */
  ignored: string[];
}

/** A person's description of why a file on disk could not be read. */
export function readErrorMessage(e: unknown, shown: string): string {
  if (e instanceof InputError) return e.message;
  const code = (e as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT'
    ? `${shown}: the file disappeared before it could be read`
    : code === 'EACCES' || code === 'EPERM'
      ? `${shown}: permission denied`
      : code === 'EISDIR'
        ? `${shown}: is a directory`
        : `${shown}: could not be read (${code ?? (e as Error)?.message ?? String(e)})`;
}

/** The input/ finding for a file that could not be read. */
export function inputFinding(e: unknown, filePath: string): Finding {
  const err = e instanceof InputError ? e : new InputError(`${filePath}: ${(e as Error)?.message ?? String(e)}`);
  return {
    ruleId: err.ruleId,
    severity: 2,
    message: err.message,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    suggestion:
      err.ruleId === 'input/unsupported'
        ? 'Save the document as .docx, .odt, .pdf (with text), .eml, .msg, .html, .md or .txt and check it again.'
        : 'Check that the file opens in the program that made it; re-save or re-export it, then check it again.',
  };
}

export function summarise(filePath: string, kind: Kind, messages: Finding[], extra: Partial<FileResult> = {}): FileResult {
  return {
    filePath,
    kind,
    ...extra,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
  };
}

/** Check one document already in memory. Pure apart from rule data loaded once. */
export function lintDocument(doc: Document, config: ResolvedConfig, rules: readonly Rule[] = allRules()): FileResult {
  const { findings, suppressedCount } = verify(doc, config, rules);
  const result = summarise(doc.path, doc.kind, findings, { format: doc.format, audience: doc.audience, suppressedCount });
  // what the reader noticed (a legacy encoding, front matter ignored, an attachment not checked), after the counts
  const warnings = [...new Set(doc.warnings)];
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

/** Read, build and check one file's bytes. Never throws for bad input: it becomes an input/ finding. */
export async function lintBytes(
  filePath: string,
  bytes: Uint8Array,
  config: ResolvedConfig,
  options: { kind?: Kind; audience?: Audience; limits?: ReadLimits; rules?: readonly Rule[]; extension?: string; displayPath?: string } = {},
): Promise<{ result: FileResult; doc?: Document }> {
  let ingested: IngestResult;
  const shown = options.displayPath ?? filePath;
  try {
    ingested = await ingest(shown, bytes, { limits: options.limits ?? DEFAULT_LIMITS, extension: options.extension ?? path.extname(filePath) });
    checkTextSize(ingested, shown, options.limits ?? DEFAULT_LIMITS);
  } catch (e) {
    return { result: summarise(filePath, options.kind ?? config.forcedKind ?? 'other', [inputFinding(e, shown)]) };
  }
  const doc = buildDocument(filePath, ingested, config, { kind: options.kind, audience: options.audience });
  return { result: lintDocument(doc, config, options.rules), doc };
}

/** Check text given directly (stdin, an editor buffer, tests). */
export async function lintText(
  text: string,
  options: { filePath?: string; config?: UserConfig | ResolvedConfig; kind?: Kind; audience?: Audience; rules?: readonly Rule[] } = {},
): Promise<FileResult> {
  const filePath = options.filePath ?? 'stdin.txt';
  const config = options.config && isResolvedConfig(options.config) ? options.config : defaultConfig((options.config ?? {}) as UserConfig, filePath);
  const ext = path.extname(filePath).toLowerCase() || '.txt';
  const { result } = await lintBytes(filePath, new TextEncoder().encode(text), config, { ...options, extension: ext });
  return result;
}

export function isIgnored(loaded: LoadedConfig, filePath: string): boolean {
  for (const { pattern, baseDir } of loaded.ignores) {
    const rel = path.relative(baseDir, filePath).split(path.sep).join('/');
    if (rel.startsWith('..')) continue;
    if (picomatch(pattern, { dot: true, matchBase: !pattern.includes('/') })(rel)) return true;
  }
  return false;
}

/** Expand paths and globs, then check each file with the config nearest to it. */
export async function lintFiles(patterns: string[], options: LintOptions = {}): Promise<LintRun> {
  const cwd = options.cwd ?? process.cwd();
  const loader = new ConfigLoader({ configFile: options.configFile, cwd, knownRuleIds: ruleIds() });
  const discovered = await discover(patterns.length > 0 ? patterns : options.changed ? ['.'] : [], cwd);
  let files = discovered.files;
  const unmatched = discovered.unmatched;
  if (options.changed) {
    const { files: changed } = await changedFiles(cwd, options.changed === true ? undefined : options.changed);
    files = files.filter((f) => changed.has(f));
  }
  const ignoreFile = options.noIgnore ? undefined : await loadIgnoreFile(cwd, options.ignorePath);
  const results: FileResult[] = [];
  const ignored: string[] = [];
  for (const file of files) {
    const loaded = await loader.forFile(file);
    const rel = path.relative(cwd, file).split(path.sep).join('/');
    if (!options.noIgnore && (isIgnored(loaded, file) || (ignoreFile && !rel.startsWith('..') && ignoreFile.ignores(rel)))) {
      ignored.push(file);
      continue;
    }
    const result = await lintPath(file, loader, options);
    results.push(result);
    options.onFile?.(result, results.length + ignored.length, files.length);
  }
  return { results, unmatched, ignored };
}

/** How a file is named in messages: relative to the working folder when it is inside it. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Check one file on disk. */
export async function lintPath(file: string, loader: ConfigLoader, options: LintOptions = {}): Promise<FileResult> {
  const config = await loader.resolve(file);
  const shown = displayPath(file, options.cwd);
  const limits = options.limits ?? DEFAULT_LIMITS;
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(file);
    if (stat.size > limits.maxFileBytes) {
      throw new InputError(`${shown}: the file is ${(stat.size / 1048576).toFixed(1)} MiB, over the ${(limits.maxFileBytes / 1048576).toFixed(0)} MiB limit`);
    }
    bytes = await fs.readFile(file);
  } catch (e) {
    return summarise(file, config.forcedKind ?? 'other', [inputFinding(e instanceof InputError ? e : new InputError(readErrorMessage(e, shown)), shown)]);
  }
  const cache = options.cache;
  const contentHash = cache ? hashBytes(bytes) : '';
  const configHash = cache ? hashConfig(config, `${options.kind ?? ''}|${options.audience ?? ''}`) : '';
  if (cache) {
    const hit = cache.get(file, contentHash, configHash);
    if (hit) return hit;
  }
  const { result } = await lintBytes(file, bytes, config, { kind: options.kind, audience: options.audience, limits, rules: options.rules, displayPath: shown });
  cache?.set(file, contentHash, configHash, result);
  return result;
}
