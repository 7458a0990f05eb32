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

async function formatReport(report: AuditReport, format: string, cwd: string): Promise<string> {
  const m = await import('../report/audit.js');
  if (format === 'json') return m.auditJson(report, { cwd });
  if (format === 'csv') return m.auditCsv(report, { cwd });
  if (format === 'markdown') return m.auditMarkdown(report, { cwd });
  const { auditHtml } = await import('../report/audit-html.js');
  return auditHtml(report, { cwd });
}

function defaultOutput(format: string): string | undefined {
  return format === 'html' ? 'protocol-lint-audit.html' : undefined;
}

/** `protocol-lint audit <paths...>`: returns the exit code. */
export async function runAudit(paths: string[], opts: AuditCommandOptions, version: string, write: (text: string, output?: string) => Promise<void>, note: (line: string) => void): Promise<number> {
  if (!FORMATS.includes(opts.format)) throw new AuditUsageError(`Unknown audit format "${opts.format}". Use one of: ${FORMATS.join(', ')}.`);
  const jobs = opts.jobs === undefined ? Math.min(2, availableParallelism()) : Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 0) throw new AuditUsageError(`--jobs must be a whole number (got "${opts.jobs}")`);
  const cwd = process.cwd();
  const { discover, loadIgnoreFile } = await import('../api/discover.js');
  const { ConfigLoader } = await import('../config/load.js');
  const { isIgnored } = await import('../api/lint.js');
  const { ruleIds } = await import('../../rules/index.js');
  const { files: found, unmatched } = await discover(paths, cwd);
  for (const p of unmatched) note(`protocol-lint: no documents found for "${p}"`);
  if (found.length === 0) throw new AuditUsageError('Nothing to audit: no documents matched the paths given.');
  // ignore patterns and config errors are settled here, before any worker starts
  const loader = new ConfigLoader({ configFile: opts.config, cwd, knownRuleIds: ruleIds() });
  const ignoreFile = opts.ignore === false ? undefined : await loadIgnoreFile(cwd);
  let files: string[] = [];
  for (const f of found) {
    const loaded = await loader.forFile(f);
    const rel = path.relative(cwd, f).split(path.sep).join('/');
    if (opts.ignore !== false && (isIgnored(loaded, f) || (ignoreFile && !rel.startsWith('..') && ignoreFile.ignores(rel)))) continue;
    files.push(f);
  }
  if (opts.shard) {
    const { parseShard, shardFiles } = await import('./shard.js');
    let shard;
    try {
      shard = parseShard(opts.shard);
    } catch (e) {
      throw new AuditUsageError((e as Error).message);
    }
    files = shardFiles(files, shard, cwd);
    note(`protocol-lint: shard ${shard.index}/${shard.count}: ${files.length} of ${found.length} file(s)`);
  }
  const { auditFiles } = await import('./pool.js');
  const { Progress } = await import('./progress.js');
  const { makeReport } = await import('./audit.js');
  const progress = new Progress(files.length);
  const results = await auditFiles(files, {
    jobs,
    configFile: opts.config,
    cwd,
    onResult: (r, done) => progress.update(done, r.items.length, r.errorCount + r.warningCount),
  });
  progress.end();
  const report = makeReport(results, version);
  const output = opts.output ?? defaultOutput(opts.format);
  await write(await formatReport(report, opts.format, cwd), output);
  const s = report.summary;
  if (output) note(`protocol-lint: audit report written to ${output} (${s.files} file(s), ${s.items} item(s), ${s.itemsNeedingAttention} need attention, ${s.errors} error(s), ${s.warnings} warning(s))`);
  return s.errors > 0 ? 1 : 0;
}

/** `protocol-lint merge <reports...>`: combine audit JSON reports (e.g. from CI shards). */
export async function runMerge(reports: string[], opts: { format: string; output?: string }, version: string, write: (text: string, output?: string) => Promise<void>, note: (line: string) => void): Promise<number> {
  if (!FORMATS.includes(opts.format)) throw new AuditUsageError(`Unknown format "${opts.format}". Use one of: ${FORMATS.join(', ')}.`);
  const { mergeReports } = await import('./audit.js');
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
