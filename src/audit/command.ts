import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { AuditReport } from './types.js';

export interface AuditCommandOptions {
  format: string;
  output?: string;
  config?: string;
  jobs?: string;
  shard?: string;
  ignore?: boolean;
}

export class AuditUsageError extends Error {
  override name = 'AuditUsageError';
}

const FORMATS = ['html', 'json', 'csv', 'markdown'];
const MAX_JOBS = 64;

type RulesModule = typeof import('../../rules/index.js');

async function formatReport(report: AuditReport, format: string, cwd: string, rulesModule?: Promise<RulesModule>): Promise<string> {
  const m = await import('../report/audit.js');
  if (format === 'json') return m.auditJson(report, { cwd });
  if (format === 'csv') return m.auditCsv(report, { cwd });
  if (format === 'markdown') return m.auditMarkdown(report, { cwd });
  const { auditHtml } = await import('../report/audit-html.js');
  const { allRules, BUILTIN_RULES } = await (rulesModule ?? import('../../rules/index.js'));
  const rules = new Map<string, { description: string }>();
  for (const r of allRules()) rules.set(r.meta.id, { description: r.meta.description });
  for (const b of BUILTIN_RULES) rules.set(b.id, { description: b.description });
  return auditHtml(report, { cwd, rules });
}

function defaultOutput(format: string): string | undefined {
  return format === 'html' ? 'protocol-lint-audit.html' : undefined;
}

/** `protocol-lint audit <paths...>`: returns the exit code. */
export async function runAudit(paths: string[], opts: AuditCommandOptions, version: string, write: (text: string, output?: string) => Promise<void>, note: (line: string) => void): Promise<number> {
  if (!FORMATS.includes(opts.format)) throw new AuditUsageError(`Unknown audit format "${opts.format}". Use one of: ${FORMATS.join(', ')}.`);
  const jobs = opts.jobs === undefined ? Math.min(2, availableParallelism()) : Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 0 || jobs > MAX_JOBS) throw new AuditUsageError(`--jobs must be a whole number from 0 to ${MAX_JOBS} (got "${opts.jobs}")`);
  const { parseShard, shardFiles } = await import('./shard.js');
  let shard: { index: number; count: number } | undefined;
  try {
    shard = opts.shard ? parseShard(opts.shard) : undefined;
  } catch (e) {
    throw new AuditUsageError((e as Error).message);
  }
  const cwd = process.cwd();
  // the workers start now and load their modules while this thread finds the files and reads the configs
  const { AuditPool, auditFiles, workersAvailable } = await import('./pool.js');
  const pool = jobs > 0 && workersAvailable() ? new AuditPool({ size: jobs, configFile: opts.config, cwd }) : undefined;
  try {
    const { discover, loadIgnoreFile } = await import('../api/discover.js');
    const { ConfigLoader } = await import('../config/load.js');
    const { files: found, unmatched } = await discover(paths, cwd);
    for (const p of unmatched) note(`protocol-lint: no documents found for "${p}"`);
    if (found.length === 0) throw new AuditUsageError('Nothing to audit: no documents matched the paths given.');
    // ignore patterns and config errors are settled here, before any file is audited. With workers, this thread
    // does not load the rules (the workers are loading them): a rule id the config names but no rule has is a
    // config error the first worker reports, and the run stops with exit 2 all the same.
    const knownRuleIds = pool ? undefined : (await import('../../rules/index.js')).ruleIds();
    const loader = new ConfigLoader({ configFile: opts.config, cwd, knownRuleIds });
    let isIgnored: ((loaded: import('../config/load.js').LoadedConfig, file: string) => boolean) | undefined;
    const ignoreFile = opts.ignore === false ? undefined : await loadIgnoreFile(cwd);
    // a report written by an earlier run (protocol-lint-audit.html in the folder audited) is not a document
    const output = opts.output ?? defaultOutput(opts.format);
    const outputPath = output ? path.resolve(cwd, output) : undefined;
    let files: string[] = [];
    for (const f of found) {
      if (f === outputPath) continue;
      const loaded = await loader.forFile(f);
      const rel = path.relative(cwd, f).split(path.sep).join('/');
      if (opts.ignore !== false && loaded.ignores.length > 0) isIgnored ??= (await import('../api/lint.js')).isIgnored;
      if (opts.ignore !== false && (isIgnored?.(loaded, f) || (ignoreFile && !rel.startsWith('..') && ignoreFile.ignores(rel)))) continue;
      files.push(f);
    }
    if (shard) {
      files = shardFiles(files, shard, cwd);
      note(`protocol-lint: shard ${shard.index}/${shard.count}: ${files.length} of ${found.length} file(s)`);
    }
    const { Progress } = await import('./progress.js');
    const { makeReport } = await import('./report.js');
    const progress = new Progress(files.length);
    // the HTML report describes each rule: load them while the workers audit, not after
    const rulesModule = opts.format === 'html' ? import('../../rules/index.js') : undefined;
    const results = await auditFiles(
      files,
      { jobs, configFile: opts.config, cwd, onResult: (r, done) => progress.update(done, r.items.length, r.errorCount + r.warningCount) },
      pool,
    );
    progress.end();
    const report = makeReport(results, version);
    await write(await formatReport(report, opts.format, cwd, rulesModule), output);
    const s = report.summary;
    if (output) note(`protocol-lint: audit report written to ${output} (${s.files} file(s), ${s.items} item(s), ${s.itemsNeedingAttention} need attention, ${s.errors} error(s), ${s.warnings} warning(s))`);
    return s.errors > 0 ? 1 : 0;
  } finally {
    await pool?.close();
  }
}

/** `protocol-lint merge <reports...>`: combine audit JSON reports (e.g. from CI shards). */
export async function runMerge(reports: string[], opts: { format: string; output?: string }, version: string, write: (text: string, output?: string) => Promise<void>, note: (line: string) => void): Promise<number> {
  if (!FORMATS.includes(opts.format)) throw new AuditUsageError(`Unknown format "${opts.format}". Use one of: ${FORMATS.join(', ')}.`);
  const { mergeReports } = await import('./report.js');
  const parsed: AuditReport[] = [];
  for (const file of reports) {
    let data: AuditReport;
    try {
      data = JSON.parse(await readFile(file, 'utf8')) as AuditReport;
    } catch (e) {
      throw new AuditUsageError(`${file}: not a readable JSON audit report (${(e as Error).message.split('\n')[0]})`);
    }
    if (data?.tool !== 'protocol-lint' || data.kind !== 'audit' || !Array.isArray(data.files)) throw new AuditUsageError(`${file}: not a protocol-lint audit report (make shards with \`protocol-lint audit -f json\`)`);
    parsed.push(data);
  }
  const report = mergeReports(parsed, version);
  const output = opts.output ?? defaultOutput(opts.format);
  await write(await formatReport(report, opts.format, process.cwd()), output);
  if (output) note(`protocol-lint: merged ${reports.length} report(s) into ${output}`);
  return report.summary.errors > 0 ? 1 : 0;
}
