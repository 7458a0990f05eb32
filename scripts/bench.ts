/**
 * npm run bench [-- --keep] [--scale 0.1] [--only markdown,eml] [--repeat 2] [--json figures.json]
 *
 * Generates a deterministic synthetic workload in a temporary folder (scripts/bench/generate.ts), times each
 * pipeline stage in-process per workload (one child process per workload, scripts/bench/stages.ts), runs the
 * whole CLI as a process on each workload folder, times `--version` and one small draft, and prints a
 * Markdown table to stdout. Progress goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateWorkloads, WORKLOAD_NAMES, type Workload, type WorkloadName } from './bench/generate.js';
import type { StageFigures } from './bench/stages.js';
import type { MeasuredExit } from './bench/measure.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const STAGES = path.join(HERE, 'bench', 'stages.js');
const MEASURE = path.join(HERE, 'bench', 'measure.js');
const BIN = path.resolve(HERE, '..', '..', 'bin', 'protocol-lint.js');
const MiB = 1024 * 1024;

interface CliFigures {
  wallMs: number;
  maxRssKiB: number;
  exitCode: number;
  error?: string;
}

interface WorkloadFigures {
  name: WorkloadName;
  description: string;
  files: number;
  bytes: number;
  stages?: StageFigures;
  stagesError?: string;
  cli: CliFigures;
}

function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function runStages(w: Workload, configFile: string, repeat: number): { figures?: StageFigures; error?: string } {
  const args = [STAGES, '--config', configFile, '--dir', w.dir, '--repeat', String(repeat)];
  if (w.name === 'markdown') args.push('--remark');
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * MiB });
  if (r.status !== 0) return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').slice(0, 3).join(' ') };
  try {
    return { figures: JSON.parse(r.stdout.trim().split('\n').pop()!) as StageFigures };
  } catch {
    return { error: `stage runner printed no figures: ${r.stdout.slice(0, 200)}` };
  }
}

/** Run the CLI once; `expectFiles` = how many results its JSON report (`-o`) must hold for the run to count. */
async function runCli(args: string[], scratch: string, output?: { file: string; expectFiles: number }): Promise<CliFigures> {
  const report = path.join(scratch, `measure-${process.hrtime.bigint()}.json`);
  const t = performance.now();
  const r = spawnSync(process.execPath, [MEASURE, report, BIN, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 16 * MiB });
  const wallMs = performance.now() - t;
  let measured: MeasuredExit | undefined;
  try {
    measured = JSON.parse(await readFile(report, 'utf8')) as MeasuredExit;
  } catch {
    measured = undefined;
  }
  const exitCode = r.status ?? -1;
  const figures: CliFigures = { wallMs, maxRssKiB: measured?.maxRssKiB ?? 0, exitCode };
  const firstError = () => (r.stderr || `exit ${exitCode}`).trim().split('\n').find((l) => !l.startsWith('protocol-lint: report written')) ?? `exit ${exitCode}`;
  if (exitCode !== 0 && exitCode !== 1) figures.error = firstError();
  else if (output) {
    // exit 1 is also what Node gives an uncaught exception: only a complete report proves the run worked
    let count = -1;
    try {
      count = (JSON.parse(await readFile(output.file, 'utf8')) as unknown[]).length;
    } catch {
      count = -1;
    }
    if (count !== output.expectFiles) figures.error = count < 0 ? `no report written (${firstError()})` : `the report holds ${count} of ${output.expectFiles} files`;
  }
  return figures;
}

/** Median wall time of running the CLI (or, with `cli` false, bare node) with these arguments. */
function wallOf(args: string[], times: number, cli = true): number {
  const walls: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    spawnSync(process.execPath, cli ? [BIN, ...args] : args, { stdio: 'ignore' });
    walls.push(performance.now() - t);
  }
  return median(walls);
}

const ms = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '–' : n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(1));
const mib = (kib: number) => (kib ? (kib / 1024).toFixed(0) : '–');
const rate = (n: number, msTotal: number) => (msTotal > 0 ? (n / (msTotal / 1000)) : 0);
const fixed = (n: number) => (Number.isFinite(n) && n > 0 ? n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2) : '–');

function table(rows: WorkloadFigures[]): string {
  const head = ['workload', 'files', 'MiB', 'read', 'ingest ms', 'segment ms', 'rules ms', 'report ms', 'MiB/s', 'docs/s', 'peak RSS MiB', 'CLI ms', 'CLI MiB/s', 'CLI peak RSS MiB'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const w of rows) {
    const s = w.stages;
    const read = s ? `${s.read}/${s.files}` : '–';
    const none = !s || s.read === 0;
    const core = s ? s.ms.ingest + s.ms.segment + s.ms.rules : 0;
    const cells = [
      w.name,
      String(w.files),
      (w.bytes / MiB).toFixed(2),
      read,
      ms(s?.ms.ingest),
      none ? '–' : ms(s!.ms.segment),
      none ? '–' : ms(s!.ms.rules),
      none ? '–' : ms(s!.ms.report),
      none ? '–' : fixed(rate(w.bytes / MiB, core)),
      none ? '–' : fixed(rate(s!.read, core)),
      s ? mib(s.maxRssKiB) : '–',
      w.cli.error ? 'error' : ms(w.cli.wallMs),
      w.cli.error ? '–' : fixed(rate(w.bytes / MiB, w.cli.wallMs)),
      w.cli.error ? '–' : mib(w.cli.maxRssKiB),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      keep: { type: 'boolean', default: false },
      seed: { type: 'string' },
      scale: { type: 'string' },
      only: { type: 'string' },
      repeat: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run bench -- [--keep] [--seed n] [--scale x] [--only markdown,text,eml,pdf,docx] [--repeat n] [--json file]\n' +
        '  --keep      keep the generated workload folder (its path is printed)\n  --scale x   multiply every workload size by x (e.g. 0.1 for a quick look)\n' +
        '  --repeat n  in-process runs per workload; each stage reports its fastest run (default 2)\n  --json f    also write the raw figures to f\n',
    );
    return 0;
  }
  const EXTRAS = ['cache', 'audit'];
  const onlyAll = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const o of onlyAll ?? []) if (!(WORKLOAD_NAMES as readonly string[]).includes(o) && !EXTRAS.includes(o)) throw new Error(`--only: unknown workload "${o}" (use ${[...WORKLOAD_NAMES, ...EXTRAS].join(', ')})`);
  const only = onlyAll?.filter((o) => !EXTRAS.includes(o));
  const wantExtra = (name: string) => !onlyAll || onlyAll.includes(name);
  const scale = values.scale ? Number(values.scale) : 1;
  if (!(scale > 0)) throw new Error('--scale must be a positive number');
  const seed = values.seed ? Number(values.seed) : undefined;
  const repeat = values.repeat ? Math.max(1, Number(values.repeat)) : 2;

  const started = performance.now();
  let t = performance.now();
  const gen = await generateWorkloads({ seed, scale, only: only && only.length > 0 ? (only as WorkloadName[]) : onlyAll ? [] : undefined });
  const genMs = performance.now() - t;
  progress(`generated ${gen.workloads.map((w) => `${w.name} ${(w.bytes / MiB).toFixed(2)} MiB`).join(', ')} in ${(genMs / 1000).toFixed(1)} s at ${gen.root}`);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'protocol-lint-bench-out-'));
  try {
    const rows: WorkloadFigures[] = [];
    for (const w of gen.workloads) {
      progress(`${w.name}: stages in-process (up to ${repeat} timed runs)`);
      const st = runStages(w, gen.configFile, repeat);
      progress(`${w.name}: CLI as a process`);
      const report = path.join(scratch, `${w.name}.json`);
      const cli = await runCli(['-f', 'json', '-o', report, '-c', gen.configFile, '--no-color', w.dir], scratch, { file: report, expectFiles: w.files.length });
      rows.push({ name: w.name, description: w.description, files: w.files.length, bytes: w.bytes, ...(st.figures ? { stages: st.figures } : {}), ...(st.error ? { stagesError: st.error } : {}), cli });
    }
    progress('start-up: bare node, --version and one small draft of each format (median of 9 each)');
    const nodeMs = wallOf(['-e', '0'], 9, false);
    const versionMs = wallOf(['--version'], 9);
    const drafts: Array<{ file: string; bytes: number; ms: number }> = [];
    for (const file of gen.smallDrafts) {
      drafts.push({ file: path.basename(file), bytes: (await stat(file)).size, ms: wallOf(['-c', gen.configFile, '--no-color', '-f', 'json', file], 9) });
    }
    const draftMs = Math.max(...drafts.map((d) => d.ms));

    const out: string[] = [];
    out.push(`### protocol-lint bench (node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs, ${rows[0]?.stages?.rules ?? '?'} rules, seed ${seed ?? 20270311}${scale !== 1 ? `, scale ${scale}` : ''})`);
    out.push('');
    out.push(table(rows));
    out.push('');
    const md = rows.find((r) => r.name === 'markdown')?.stages;
    if (md?.remarkMs !== undefined && md.read > 0) {
      const ours = md.ms.ingest + md.ms.segment;
      const ratio = ours / md.remarkMs;
      out.push(`- remark-parse alone on the Markdown workload: ${ms(md.remarkMs)} ms; ingest + segment: ${ms(ours)} ms; ratio **${ratio.toFixed(2)}×** (target ≤ 1.5×${ratio > 1.5 ? ': MISSED' : ''}).`);
    }
    out.push(`- Start-up (wall, median of 9; bare \`node -e 0\` on this machine: ${ms(nodeMs)} ms): \`protocol-lint --version\` ${ms(versionMs)} ms (target < 150 ms${versionMs >= 150 ? ': MISSED' : ''}).`);
    for (const d of drafts) out.push(`  - one small draft, ${d.file} (${(d.bytes / 1024).toFixed(1)} KiB): ${ms(d.ms)} ms (target < 400 ms${d.ms >= 400 ? ': MISSED' : ''}).`);
    for (const r of rows) {
      const s = r.stages;
      if (r.stagesError) out.push(`- ${r.name}: the in-process run failed: ${r.stagesError}`);
      if (s && s.failed > 0) out.push(`- ${r.name}: ${s.failed}/${s.files} files not read (${s.firstFailure ?? 'reader failed'}); stage figures after ingest cover only the files read.`);
      if (r.cli.error) out.push(`- ${r.name}: the CLI failed: ${r.cli.error}`);
    }
    if (wantExtra('cache')) {
      progress('cache: a 200-file repository checked cold, then warm with --cache');
      const { runCacheBench } = await import('./bench/cache.js');
      const c = runCacheBench(scratch, Math.max(20, Math.round(200 * scale)));
      out.push(`- \`--cache\` on an unchanged ${c.files}-file repository: first run ${ms(c.coldMs)} ms, re-run ${ms(c.warmMs)} ms (median of 3): **${c.speedup.toFixed(1)}×** faster (target ≥ 5×${c.speedup < 5 ? ': MISSED' : ''}).`);
    }
    if (wantExtra('audit')) {
      progress('audit: a 300-page pack, then 1,000 drafts with 1 and 2 workers');
      const { runAuditBench, auditBenchTable } = await import('./bench/audit.js');
      const auditDir = path.join(scratch, 'audit');
      const auditRows = await runAuditBench(auditDir, { scale });
      out.push('', auditBenchTable(auditRows), '');
    }
    const runs = rows.filter((r) => r.stages).map((r) => `${r.name} ${r.stages!.runs}`).join(', ');
    out.push(`- Workloads: ${rows.map((r) => `${r.name} = ${r.description}`).join('; ')}. Timed in-process runs (of at most ${repeat}): ${runs}. Generated in ${(genMs / 1000).toFixed(1)} s; whole bench ${((performance.now() - started) / 1000).toFixed(0)} s.`);
    out.push('');
    out.push('How to read: the stage columns are in-process milliseconds with the files already in memory (ingest = readers,');
    out.push('segment = Document + sentences, rules = verify, report = json + stylish), each the fastest timed run after an');
    out.push('untimed warm-up on a sample; a second run is skipped once the first has used the time budget. MiB/s and docs/s');
    out.push('are over ingest + segment + rules. Peak RSS is the high-water mark of the child process that ran the workload');
    out.push('(it holds every document at once; for markdown also the remark-parse baseline). The CLI columns are one');
    out.push('`protocol-lint -f json -o <file>` process on the workload folder: wall time including Node start-up, module');
    out.push('loading and writing the report. Compare figures from the same machine only; "–" means nothing to measure.');
    process.stdout.write(out.join('\n') + '\n');

    if (values.json) {
      await writeFile(values.json, JSON.stringify({ node: process.version, cpus: os.cpus().length, seed: seed ?? 20270311, scale, generateMs: genMs, workloads: rows, nodeMs, versionMs, draftMs, drafts }, null, 2) + '\n');
      progress(`figures written to ${values.json}`);
    }
    return 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
    if (values.keep) progress(`kept the workload folder: ${gen.root}`);
    else await gen.cleanup();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
