/**
 * Times each stage of the pipeline in-process for one workload folder, and prints the figures as JSON on
 * stdout. Run by scripts/bench.ts in a child process per workload, so that peak RSS belongs to one workload.
 *
 *   node dist/scripts/bench/stages.js --config <file> --dir <workload-dir> [--repeat 2] [--budget-ms 4000] [--remark]
 *
 * Stages: ingest (bytes ─▶ IngestResult), segment (Document build + sentences), rules (verify),
 * report (json + stylish formatters over the workload's results). Files are read into memory first, so disk
 * time is not in any stage. The pipeline first runs once, untimed, on a small sample to warm the JIT; each
 * stage's figure is then the fastest of up to --repeat timed runs (no further run once --budget-ms is spent).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { FileResult, IngestResult } from '../../src/types.js';
import type { Rule } from '../../src/engine/rule.js';
import { DEFAULT_LIMITS, InputError } from '../../src/types.js';
import { ingest, isSupportedExtension } from '../../src/ingest/index.js';
import { buildDocument } from '../../src/document/build.js';
import type { Document } from '../../src/document/document.js';
import { verify } from '../../src/engine/verify.js';
import { ConfigLoader } from '../../src/config/load.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { summarise } from '../../src/api/lint.js';
import { allRules, ruleIds } from '../../rules/index.js';
import { json } from '../../src/report/json.js';
import { stylish } from '../../src/report/stylish.js';
import type { ReportContext, RuleInfo } from '../../src/report/types.js';

// stdout carries the JSON figures only: anything a library logs goes to stderr.
for (const name of ['log', 'info', 'debug', 'trace'] as const) console[name] = (...args: unknown[]) => console.error(...args);

export interface StageFigures {
  dir: string;
  files: number;
  bytes: number;
  /** Files every reader accepted. */
  read: number;
  failed: number;
  /** The first reader failure, without the path: "input/unsupported: email is not supported yet". */
  firstFailure?: string;
  findings: number;
  rules: number;
  /** Milliseconds, fastest of `repeat` runs. */
  ms: { ingest: number; segment: number; rules: number; report: number };
  /** remark-parse alone (unified + remark-parse + remark-gfm + remark-frontmatter) on the .md files. */
  remarkMs?: number;
  /** Timed runs (at most --repeat; one when the first run used up --budget-ms). */
  runs: number;
  /** Files (or slices) the pipeline ran on once, untimed, before timing. */
  warmUpFiles: number;
  /** Peak resident set size of this process, KiB. */
  maxRssKiB: number;
}

interface InputFile {
  path: string;
  bytes: Uint8Array;
}

interface RunTimes {
  ingest: number;
  segment: number;
  rules: number;
  report: number;
  read: number;
  failed: number;
  firstFailure?: string;
  findings: number;
}

interface Pipeline {
  configs: Map<string, ResolvedConfig>;
  rules: readonly Rule[];
  context: ReportContext;
}

/** One pass of ingest ─▶ segment ─▶ rules ─▶ report over in-memory files, timing each stage. */
async function runPipeline(files: readonly InputFile[], p: Pipeline): Promise<RunTimes> {
  let t = performance.now();
  const ingested: Array<{ path: string; result: IngestResult }> = [];
  let failed = 0;
  let firstFailure: string | undefined;
  for (const f of files) {
    try {
      ingested.push({ path: f.path, result: await ingest(f.path, f.bytes, { limits: DEFAULT_LIMITS }) });
    } catch (e) {
      failed++;
      if (!firstFailure) {
        const id = e instanceof InputError ? e.ruleId : 'input/unreadable';
        firstFailure = `${id}: ${(e as Error).message.replace(f.path + ': ', '')}`;
      }
    }
  }
  const ingestMs = performance.now() - t;

  // segment: the Document model and its sentences
  t = performance.now();
  const docs: Document[] = [];
  let sentences = 0;
  for (const i of ingested) {
    const doc = buildDocument(i.path, i.result, p.configs.get(i.path)!);
    sentences += doc.sentences.length;
    docs.push(doc);
  }
  const segmentMs = performance.now() - t;
  if (sentences < 0) throw new Error('unreachable'); // keeps the work observable

  t = performance.now();
  const results: FileResult[] = [];
  for (const doc of docs) {
    const { findings, suppressedCount } = verify(doc, p.configs.get(doc.path)!, p.rules);
    results.push(summarise(doc.path, doc.kind, findings, { format: doc.format, audience: doc.audience, suppressedCount }));
  }
  const rulesMs = performance.now() - t;

  t = performance.now();
  const out = json(results, p.context).length + stylish(results, p.context).length;
  const reportMs = performance.now() - t;
  if (out < 0) throw new Error('unreachable');

  return {
    ingest: ingestMs,
    segment: segmentMs,
    rules: rulesMs,
    report: reportMs,
    read: ingested.length,
    failed,
    ...(firstFailure ? { firstFailure } : {}),
    findings: results.reduce((n, r) => n + r.messages.length, 0),
  };
}

/** A small slice of the workload to warm the JIT on: a few files, or the first ~64 KiB of a single text file. */
function warmUpSample(files: readonly InputFile[]): InputFile[] {
  if (files.length > 1) return files.slice(0, Math.min(5, Math.ceil(files.length / 20)));
  const only = files[0];
  if (!only || !/\.(?:md|markdown|txt|text)$/i.test(only.path) || only.bytes.length <= 128 * 1024) return [];
  const text = new TextDecoder().decode(only.bytes);
  const cut = text.indexOf('\n\n', 64 * 1024);
  return [{ path: only.path, bytes: new TextEncoder().encode(text.slice(0, cut > 0 ? cut + 1 : 64 * 1024)) }];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      dir: { type: 'string' },
      repeat: { type: 'string', default: '2' },
      'budget-ms': { type: 'string', default: '4000' },
      remark: { type: 'boolean', default: false },
    },
  });
  if (!values.config || !values.dir) throw new Error('usage: stages.js --config <file> --dir <workload-dir> [--repeat n] [--budget-ms n] [--remark]');
  const repeat = Math.max(1, Number(values.repeat) || 1);
  const budgetMs = Math.max(0, Number(values['budget-ms']) || 0);
  const dir = path.resolve(values.dir);
  const names = (await readdir(dir)).filter((f) => isSupportedExtension(f)).sort();
  // Bytes exactly as the CLI reads them (fs.readFile's Buffer), so readers see the same input.
  const files: InputFile[] = await Promise.all(names.map(async (n) => ({ path: path.join(dir, n), bytes: (await readFile(path.join(dir, n))) as Uint8Array })));
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);

  const loader = new ConfigLoader({ configFile: values.config, knownRuleIds: ruleIds() });
  const configs = new Map<string, ResolvedConfig>();
  for (const f of files) configs.set(f.path, await loader.resolve(f.path));
  const rules = allRules();
  const ruleInfo = new Map<string, RuleInfo>();
  for (const r of rules) ruleInfo.set(r.meta.id, { id: r.meta.id, description: r.meta.description, clause: r.meta.clause, defaultSeverity: r.meta.defaultSeverity, suggestion: r.meta.suggestion });
  const pipeline: Pipeline = { configs, rules, context: { cwd: dir, color: false, rules: ruleInfo, toolVersion: 'bench' } };

  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
  const markdownTexts = values.remark ? files.filter((f) => /\.(?:md|markdown)$/i.test(f.path)).map((f) => new TextDecoder().decode(f.bytes)) : [];

  // Warm up readers, rules and remark on a small sample, so that even a single timed run is not all cold.
  const sample = warmUpSample(files);
  if (sample.length > 0) {
    for (const f of sample) if (!configs.has(f.path)) configs.set(f.path, await loader.resolve(f.path));
    await runPipeline(sample, pipeline);
    if (values.remark) for (const f of sample) processor.parse(new TextDecoder().decode(f.bytes));
  }

  // Timed runs: up to --repeat, but no second run once --budget-ms is spent (slow stages make the bench long).
  const best = { ingest: Infinity, segment: Infinity, rules: Infinity, report: Infinity };
  let remarkMs: number | undefined = values.remark ? Infinity : undefined;
  let last: RunTimes | undefined;
  let runs = 0;
  const began = performance.now();
  while (runs < repeat && (runs === 0 || performance.now() - began < budgetMs)) {
    if (remarkMs !== undefined) {
      // just before the pipeline, so both see the same heap and JIT state
      const t = performance.now();
      for (const text of markdownTexts) processor.parse(text);
      remarkMs = Math.min(remarkMs, performance.now() - t);
    }
    last = await runPipeline(files, pipeline);
    for (const k of ['ingest', 'segment', 'rules', 'report'] as const) best[k] = Math.min(best[k], last[k]);
    runs++;
  }
  if (remarkMs !== undefined) {
    // and once after, in a grown heap like the one the pipeline's own parse ran in; the faster counts
    const t = performance.now();
    for (const text of markdownTexts) processor.parse(text);
    remarkMs = Math.min(remarkMs, performance.now() - t);
  }

  const figures: StageFigures = {
    dir,
    files: files.length,
    bytes,
    read: last!.read,
    failed: last!.failed,
    ...(last!.firstFailure ? { firstFailure: last!.firstFailure } : {}),
    findings: last!.findings,
    rules: rules.length,
    ms: best,
    ...(remarkMs !== undefined ? { remarkMs } : {}),
    runs,
    warmUpFiles: sample.length,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
  process.stdout.write(JSON.stringify(figures) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`bench stages: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 2;
});
