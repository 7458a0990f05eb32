/**
 * The command line: options ─▶ api ─▶ reporter ─▶ exit code. Nothing else.
 * Heavy modules are imported inside actions so that `--version` and `--help` start fast.
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { KINDS } from './types.js';
import type { FileResult, Kind } from './types.js';

const VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();

/** Exit codes: 0 clean, 1 findings that fail the run, 2 usage/config/internal error. */
export const EXIT = { OK: 0, FINDINGS: 1, ERROR: 2 } as const;

export class UsageError extends Error {}

interface CheckOptions {
  format?: string;
  output?: string;
  config?: string;
  kind?: Kind;
  maxWarnings?: string;
  quiet?: boolean;
  color?: boolean;
  stdin?: boolean;
  stdinFilename?: string;
  ignorePath?: string;
  ignore?: boolean;
  errorOnUnmatchedPattern?: boolean;
  changed?: string | boolean;
  cache?: boolean;
  cacheLocation?: string;
  baseline?: string;
  updateBaseline?: boolean;
}

function stderr(line: string): void {
  process.stderr.write(line.endsWith('\n') ? line : line + '\n');
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function useColor(opts: { color?: boolean; output?: string }): boolean {
  if (opts.color === false || 'NO_COLOR' in process.env) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !opts.output && Boolean(process.stdout.isTTY);
}

export async function writeReport(text: string, output?: string): Promise<void> {
  if (output) {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const path = await import('node:path');
    await mkdir(path.dirname(path.resolve(output)), { recursive: true });
    await writeFile(output, text);
    return;
  }
  await new Promise<void>((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

export function exitCodeFor(results: FileResult[], maxWarnings?: number): number {
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return EXIT.FINDINGS;
  if (maxWarnings !== undefined && maxWarnings >= 0 && warnings > maxWarnings) return EXIT.FINDINGS;
  return EXIT.OK;
}

async function ruleInfos() {
  const { allRules, BUILTIN_RULES } = await import('../rules/index.js');
  const { ruleHelp } = await import('./rules-docs.js');
  const map = new Map<string, import('./report/types.js').RuleInfo>();
  for (const r of allRules()) {
    map.set(r.meta.id, { id: r.meta.id, description: r.meta.description, clause: r.meta.clause, defaultSeverity: r.meta.defaultSeverity, suggestion: r.meta.suggestion, help: ruleHelp(r.meta.id) });
  }
  for (const b of BUILTIN_RULES) map.set(b.id, { ...b });
  return map;
}

async function check(paths: string[], opts: CheckOptions): Promise<number> {
  const { lintFiles, lintBytes } = await import('./api/lint.js');
  const { loadFormatter, formatNames } = await import('./report/index.js');
  const format = opts.format ?? 'stylish';
  const formatter = await loadFormatter(format);
  if (!formatter) throw new UsageError(`Unknown format "${format}". Use one of: ${formatNames().join(', ')}.`);
  const maxWarnings = opts.maxWarnings === undefined ? undefined : Number(opts.maxWarnings);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < -1)) throw new UsageError(`--max-warnings must be a whole number (got "${opts.maxWarnings}").`);

  const cwd = process.cwd();
  let results: FileResult[];
  const useStdin = opts.stdin || paths.includes('-');
  if (useStdin) {
    const path = await import('node:path');
    const { ConfigLoader } = await import('./config/load.js');
    const { ruleIds } = await import('../rules/index.js');
    const name = opts.stdinFilename ?? '<stdin>';
    const filePath = opts.stdinFilename ? path.resolve(cwd, opts.stdinFilename) : path.join(cwd, '<stdin>');
    const loader = new ConfigLoader({ configFile: opts.config, cwd, knownRuleIds: ruleIds() });
    const config = await loader.resolve(filePath);
    const bytes = await readStdin();
    const ext = path.extname(name).toLowerCase() || '.txt';
    const { result } = await lintBytes(opts.stdinFilename ? filePath : name, bytes, config, { kind: opts.kind, extension: ext });
    results = [result];
  } else {
    if (paths.length === 0 && !opts.changed) throw new UsageError('No files to check. Give files, folders or globs, or use --stdin. Try `protocol-lint --help`.');
    if (typeof opts.changed === 'string') {
      // `--changed reports/`: commander takes the path as the ref; a path that is not a git ref is a path
      const { existsSync } = await import('node:fs');
      const { isGitRef } = await import('./api/changed.js');
      if (existsSync(opts.changed) && !(await isGitRef(cwd, opts.changed))) {
        paths = [...paths, opts.changed];
        opts.changed = true;
      }
    }
    let cache: import('./api/cache.js').ResultCache | undefined;
    if (opts.cache || opts.cacheLocation) {
      const { ResultCache, DEFAULT_CACHE_LOCATION, toolFingerprint } = await import('./api/cache.js');
      cache = await ResultCache.open(opts.cacheLocation ?? DEFAULT_CACHE_LOCATION, toolFingerprint(VERSION));
    }
    const run = await lintFiles(paths, {
      cwd,
      configFile: opts.config,
      kind: opts.kind,
      ignorePath: opts.ignorePath,
      noIgnore: opts.ignore === false,
      changed: typeof opts.changed === 'string' ? opts.changed : opts.changed ? true : undefined,
      cache,
    });
    await cache?.save();
    for (const p of run.unmatched) stderr(`protocol-lint: no documents found for "${p}"`);
    if (run.unmatched.length > 0 && opts.errorOnUnmatchedPattern !== false && run.results.length === 0 && run.ignored.length === 0 && !opts.changed) {
      throw new UsageError('Nothing was checked: no documents matched the paths given.');
    }
    results = run.results;
  }
  if (opts.updateBaseline) {
    const { buildBaseline, writeBaseline } = await import('./api/baseline.js');
    const file = opts.baseline ?? '.protocol-lint-baseline.json';
    const baseline = buildBaseline(results, cwd);
    await writeBaseline(file, baseline);
    stderr(`protocol-lint: baseline written to ${file} (${baseline.entries.reduce((n, e) => n + e.count, 0)} findings recorded)`);
  }
  if (opts.baseline) {
    const { readBaseline, applyBaseline } = await import('./api/baseline.js');
    const applied = applyBaseline(results, await readBaseline(opts.baseline), cwd);
    results = applied.results;
    if (applied.hidden > 0 || applied.unmatched > 0) {
      stderr(`protocol-lint: ${applied.hidden} finding(s) hidden by the baseline; ${applied.unmatched} baseline entr${applied.unmatched === 1 ? 'y no longer matches' : 'ies no longer match'} (fixed or changed — run with --update-baseline to refresh)`);
    }
  }
  if (opts.quiet) {
    // errors only: warnings and the notes from reading are hidden
    const { quietResults } = await import('./report/common.js');
    results = quietResults(results);
  }
  const text = formatter(results, { cwd, color: useColor(opts), rules: await ruleInfos(), toolVersion: VERSION });
  await writeReport(text, opts.output);
  if (opts.output) stderr(`protocol-lint: report written to ${opts.output}`);
  return exitCodeFor(results, maxWarnings);
}

export function buildProgram(): Command {
  const program = new Command();
  // each subcommand parses its own options (audit's -f is not the check command's -f)
  program.enablePositionalOptions();
  program
    .name('protocol-lint')
    .description("Check council emails, reports and press statements against the council's Member/Officer protocol.")
    .version(VERSION, '-v, --version')
    .argument('[paths...]', 'files, folders or globs to check ("-" reads standard input)')
    .option('-f, --format <name>', 'report format: stylish, json, sarif, junit, github, gitlab, html, markdown, csv', 'stylish')
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .addOption(new Option('--kind <kind>', 'force the document kind').choices([...KINDS]))
    .option('--max-warnings <n>', 'fail (exit 1) when there are more than n warnings')
    .option('--quiet', 'report errors only')
    .option('--no-color', 'plain text output (NO_COLOR is honoured too)')
    .option('--stdin', 'read one document from standard input')
    .option('--stdin-filename <name>', 'name of the document read from standard input (sets its format)')
    .option('--ignore-path <file>', 'ignore file to use instead of .protocolignore')
    .option('--no-ignore', 'check files even if ignorePatterns or the ignore file exclude them')
    .option('--no-error-on-unmatched-pattern', 'do not fail when a path matches no document')
    .option('--changed [ref]', 'check only files added or modified since a git ref (default: the merge base with the default branch), plus untracked files')
    .option('--cache', 'skip files whose content, config and tool version are unchanged (findings are replayed)')
    .option('--cache-location <path>', 'where to keep the cache (default .protocol-lint-cache; implies --cache)')
    .option('--baseline <file>', 'hide findings recorded in this baseline file')
    .option('--update-baseline', 'write the current findings to the baseline file (default .protocol-lint-baseline.json)')
    .showHelpAfterError('(run protocol-lint --help for usage)')
    .action(async (paths: string[], opts: CheckOptions) => {
      process.exitCode = await check(paths, opts);
    });

  program
    .command('audit')
    .description('batch audit for Democratic Services: agenda packs (split into items), folders, loose documents')
    .argument('<paths...>', 'folders, PDF packs and documents')
    .option('-f, --format <name>', 'html, json, csv or markdown', 'html')
    .option('-o, --output <file>', 'where to write the report (default for html: protocol-lint-audit.html)')
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('-j, --jobs <n>', 'worker threads (default: 2, or fewer cores)')
    .option('--shard <i/n>', 'audit only shard i of n (for a CI matrix); combine the JSON reports with `protocol-lint merge`')
    .option('--no-ignore', 'audit files even if ignorePatterns or the ignore file exclude them')
    .action(async (paths: string[], opts: import('./audit/command.js').AuditCommandOptions) => {
      const { runAudit } = await import('./audit/command.js');
      process.exitCode = await runAudit(paths, opts, VERSION, writeReport, stderr);
    });

  program
    .command('merge')
    .description('combine JSON audit reports (e.g. from CI shards) into one report')
    .argument('<reports...>', 'JSON reports written by `protocol-lint audit -f json`')
    .option('-f, --format <name>', 'html, json, csv or markdown', 'html')
    .option('-o, --output <file>', 'where to write the report (default for html: protocol-lint-audit.html)')
    .action(async (reports: string[], opts: { format: string; output?: string }) => {
      const { runMerge } = await import('./audit/command.js');
      process.exitCode = await runMerge(reports, opts, VERSION, writeReport, stderr);
    });

  program
    .command('rules')
    .description('list every rule with its severity and protocol clause')
    .option('-f, --format <name>', 'text or json', 'text')
    .action(async (opts: { format: string }) => {
      const { listRules } = await import('./rules-docs.js');
      await writeReport(listRules(opts.format === 'json'));
    });

  program
    .command('explain')
    .description('what a rule checks, why (the clause), and how to fix it')
    .argument('<ruleId>', 'e.g. officer/derogatory-reference')
    .action(async (ruleId: string) => {
      const { explainRule } = await import('./rules-docs.js');
      const text = explainRule(ruleId);
      if (!text) throw new UsageError(`No rule "${ruleId}". Run \`protocol-lint rules\` to see them all.`);
      await writeReport(text);
    });

  program
    .command('init')
    .description('write a starter .protocolrc.json in the current folder')
    .option('--force', 'overwrite an existing .protocolrc.json')
    .action(async (opts: { force?: boolean }) => {
      const { init } = await import('./init.js');
      const written = await init(process.cwd(), Boolean(opts.force));
      stderr(`protocol-lint: wrote ${written}; fill in your council's officers, wards, members and domains.`);
    });

  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message?: string; name?: string };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
      process.exitCode = 0;
      return;
    }
    if (err.code?.startsWith('commander.')) {
      process.exitCode = EXIT.ERROR;
      return;
    }
    if (['ConfigError', 'LexiconError', 'GitError', 'BaselineError', 'AuditUsageError'].includes(err.name ?? '') || e instanceof UsageError) {
      stderr(`protocol-lint: ${err.message}`);
    } else {
      stderr(`protocol-lint: internal error: ${err.message ?? String(e)}`);
      if (process.env.PROTOCOL_LINT_DEBUG) stderr(String((e as Error).stack));
    }
    process.exitCode = EXIT.ERROR;
  }
}
