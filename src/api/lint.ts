import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Audience, FileResult, Finding, IngestResult, Kind, ReadLimits } from '../types.js';
import { DEFAULT_LIMITS, InputError } from '../types.js';
import type { ResolvedConfig, UserConfig } from '../config/types.js';
import { ConfigLoader, defaultConfig, type LoadedConfig } from '../config/load.js';
import { ingest } from '../ingest/index.js';
import { buildDocument } from '../document/build.js';
import type { Document } from '../document/document.js';
import { verify } from '../engine/verify.js';
import type { Rule } from '../engine/rule.js';
import { allRules, ruleIds } from '../../rules/index.js';
import { discover, loadIgnoreFile } from './discover.js';

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
}

export interface LintRun {
  results: FileResult[];
  /** Patterns that matched no file. */
  unmatched: string[];
  /** Files skipped because of ignore patterns. */
  ignored: string[];
}

function inputFinding(e: unknown, filePath: string): Finding {
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
  return summarise(doc.path, doc.kind, findings, { format: doc.format, audience: doc.audience, suppressedCount });
}

/** Read, build and check one file's bytes. Never throws for bad input: it becomes an input/ finding. */
export async function lintBytes(
  filePath: string,
  bytes: Uint8Array,
  config: ResolvedConfig,
  options: { kind?: Kind; audience?: Audience; limits?: ReadLimits; rules?: readonly Rule[]; extension?: string } = {},
): Promise<{ result: FileResult; doc?: Document }> {
  let ingested: IngestResult;
  try {
    ingested = await ingest(filePath, bytes, { limits: options.limits ?? DEFAULT_LIMITS, extension: options.extension });
  } catch (e) {
    return { result: summarise(filePath, options.kind ?? config.forcedKind ?? 'other', [inputFinding(e, filePath)]) };
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
  const config = options.config && 'jurisdiction' in options.config && 'approvers' in options.config && Array.isArray((options.config as ResolvedConfig).officers)
    ? (options.config as ResolvedConfig)
    : defaultConfig((options.config ?? {}) as UserConfig, filePath);
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
  const { files, unmatched } = await discover(patterns, cwd);
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
    results.push(await lintPath(file, loader, options));
  }
  return { results, unmatched, ignored };
}

/** Check one file on disk. */
export async function lintPath(file: string, loader: ConfigLoader, options: LintOptions = {}): Promise<FileResult> {
  const config = await loader.resolve(file);
  const limits = options.limits ?? DEFAULT_LIMITS;
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(file);
    if (stat.size > limits.maxFileBytes) {
      throw new InputError(`${file}: the file is ${(stat.size / 1048576).toFixed(1)} MiB, over the ${(limits.maxFileBytes / 1048576).toFixed(0)} MiB limit`);
    }
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const msg =
      e instanceof InputError
        ? e.message
        : code === 'ENOENT'
          ? `${file}: the file disappeared before it could be read`
          : code === 'EACCES' || code === 'EPERM'
            ? `${file}: permission denied`
            : code === 'EISDIR'
              ? `${file}: is a directory`
              : `${file}: could not be read (${code ?? (e as Error).message})`;
    return summarise(file, config.forcedKind ?? 'other', [inputFinding(new InputError(msg), file)]);
  }
  const { result } = await lintBytes(file, bytes, config, { kind: options.kind, audience: options.audience, limits, rules: options.rules });
  return result;
}
