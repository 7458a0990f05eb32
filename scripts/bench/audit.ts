/**
 * The audit benchmark: `protocol-lint audit` as a process on two workloads it generates itself.
 *
 *  - one 300-page agenda pack (scripts/bench/generate.ts's `agendaPackPdf`): target under 15 s;
 *  - a folder of 1,000 e-mail drafts (`emlDraft`): target 2 workers at least 1.6× faster than 1.
 *
 * Each is audited with --jobs 1 and --jobs 2 (the median of `repeat` runs each, the two interleaved so that a
 * change in the machine's load falls on both), writing the default HTML report into a scratch folder; wall time
 * and peak RSS (of the whole process, worker threads included) are measured through scripts/bench/measure.ts.
 *
 * The drafts are also audited by two independent processes at once (`--jobs 0 --shard 1/2` and `2/2`, no worker
 * threads at all) against one such process on every draft: the "machine ceiling", how much faster two of
 * anything run on this machine than one. On a VM whose two vCPUs share a physical core (or a busy host), two
 * processes each run slower than one alone, and no worker pool can beat that ratio; the 1.6× target is read
 * against it.
 *
 *   import { runAuditBench, auditBenchTable } from './bench/audit.js';
 *   const rows = await runAuditBench(workDir);             // workDir: an empty folder it may fill
 *   console.log(auditBenchTable(rows));
 *
 * or on its own: `npm run build && node dist/scripts/bench/audit.js [--keep] [--repeat n] [--scale x]`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { BENCH_CONFIG, agendaPackPdf, createRng, emlDraft } from './generate.js';
import type { MeasuredExit } from './measure.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MEASURE = path.join(HERE, 'measure.js');
const BIN = path.resolve(HERE, '..', '..', '..', 'bin', 'protocol-lint.js');

export interface AuditBenchRow {
  workload: 'pack' | 'drafts' | 'ceiling';
  description: string;
  files: number;
  jobs: number;
  /** Median wall time of the runs, ms. */
  wallMs: number;
  /** Every run's wall time, ms. */
  runsMs: number[];
  /** Peak RSS of the largest run (main thread and workers), KiB. */
  maxRssKiB: number;
  exitCode: number;
  /** From the CLI's "audit report written to ..." line. */
  items?: number;
  findings?: number;
  /** What the row is held to, and whether it met it. */
  target?: string;
  met?: boolean;
  error?: string;
}

export interface AuditBenchOptions {
  /** Runs per configuration (the median counts). Default 3. */
  repeat?: number;
  /** Multiplies the workload sizes (1 = 300 pages, 1,000 drafts). */
  scale?: number;
  seed?: number;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function runAudit(target: string, jobs: number, scratch: string): Promise<{ wallMs: number; maxRssKiB: number; exitCode: number; stderr: string }> {
  const figures = path.join(scratch, `measure-${process.hrtime.bigint()}.json`);
  const t = performance.now();
  // cwd is the scratch folder: the HTML report goes there (protocol-lint-audit.html, the default)
  const r = spawnSync(process.execPath, [MEASURE, figures, BIN, 'audit', '--jobs', String(jobs), target], {
    cwd: scratch,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CI: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const wallMs = performance.now() - t;
  let measured: MeasuredExit | undefined;
  try {
    measured = JSON.parse(await readFile(figures, 'utf8')) as MeasuredExit;
  } catch {
    measured = undefined;
  }
  return { wallMs, maxRssKiB: measured?.maxRssKiB ?? 0, exitCode: r.status ?? -1, stderr: r.stderr ?? '' };
}

/** Wall time of `protocol-lint audit <args>` run as separate processes at the same time (all must finish). */
async function concurrentAudits(argLists: string[][], scratch: string): Promise<{ wallMs: number; exitCodes: number[] }> {
  const t = performance.now();
  const exitCodes = await Promise.all(
    argLists.map(
      (args, i) =>
        new Promise<number>((resolve) => {
          const out = path.join(scratch, `ceiling-${i}.json`);
          const child = spawn(process.execPath, [BIN, 'audit', ...args, '-f', 'json', '-o', out], { cwd: scratch, stdio: 'ignore', env: { ...process.env, CI: 'true' } });
          child.on('exit', (code) => resolve(code ?? -1));
          child.on('error', () => resolve(-1));
        }),
    ),
  );
  return { wallMs: performance.now() - t, exitCodes };
}

/** Generate the two workloads under `workDir` and time `protocol-lint audit` on each with 1 and 2 workers. */
export async function runAuditBench(workDir: string, options: AuditBenchOptions = {}): Promise<AuditBenchRow[]> {
  const log = options.log ?? ((line: string) => process.stderr.write(`bench audit: ${line}\n`));
  const repeat = Math.max(1, options.repeat ?? 3);
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 20270311;
  const root = path.join(workDir, 'audit');
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, '.protocolrc.json'), JSON.stringify(BENCH_CONFIG, null, 2) + '\n');

  const pages = Math.max(2, Math.round(300 * scale));
  const packDir = path.join(root, 'pack');
  await mkdir(packDir, { recursive: true });
  const packFile = path.join(packDir, 'cabinet-agenda-pack.pdf');
  await writeFile(packFile, await agendaPackPdf(createRng(seed + 101), pages));

  const drafts = Math.max(2, Math.round(1000 * scale));
  const draftsDir = path.join(root, 'drafts');
  await mkdir(draftsDir, { recursive: true });
  const rng = createRng(seed + 102);
  for (let i = 1; i <= drafts; i++) await writeFile(path.join(draftsDir, `draft-${String(i).padStart(4, '0')}.eml`), emlDraft(rng, i));
  log(`generated a ${pages}-page pack and ${drafts} drafts in ${root}`);

  const scratch = await mkdtemp(path.join(os.tmpdir(), 'protocol-lint-bench-audit-'));
  const rows: AuditBenchRow[] = [];
  try {
    const workloads = [
      { workload: 'pack' as const, description: `1 agenda pack, ${pages} pages (.pdf)`, files: 1, target: packFile },
      { workload: 'drafts' as const, description: `${drafts} e-mail drafts (.eml)`, files: drafts, target: draftsDir },
    ];
    for (const w of workloads) {
      const runs = new Map<number, Array<Awaited<ReturnType<typeof runAudit>>>>([[1, []], [2, []]]);
      for (let k = 0; k < repeat; k++) {
        for (const jobs of [1, 2]) {
          log(`${w.workload}: --jobs ${jobs}, run ${k + 1}/${repeat}`);
          runs.get(jobs)!.push(await runAudit(w.target, jobs, scratch));
        }
      }
      for (const [jobs, done] of runs) {
        const last = done[done.length - 1]!;
        const written = /written to .*\((\d+) file\(s\), (\d+) item\(s\), \d+ need attention, (\d+) error\(s\), (\d+) warning\(s\)\)/.exec(last.stderr);
        const row: AuditBenchRow = {
          workload: w.workload,
          description: w.description,
          files: w.files,
          jobs,
          wallMs: median(done.map((r) => r.wallMs)),
          runsMs: done.map((r) => Math.round(r.wallMs)),
          maxRssKiB: Math.max(...done.map((r) => r.maxRssKiB)),
          exitCode: last.exitCode,
        };
        if (written) {
          row.items = Number(written[2]);
          row.findings = Number(written[3]) + Number(written[4]);
        }
        if (last.exitCode !== 0 && last.exitCode !== 1) row.error = last.stderr.trim().split('\n')[0] || `exit ${last.exitCode}`;
        rows.push(row);
      }
    }
    // the machine ceiling: one process on every draft against two processes on half each, at the same time
    const alone: number[] = [];
    const pair: number[] = [];
    let ceilingError: string | undefined;
    for (let k = 0; k < repeat; k++) {
      log(`drafts: machine ceiling, run ${k + 1}/${repeat}`);
      const one = await concurrentAudits([['--jobs', '0', draftsDir]], scratch);
      const two = await concurrentAudits([['--jobs', '0', '--shard', '1/2', draftsDir], ['--jobs', '0', '--shard', '2/2', draftsDir]], scratch);
      if ([...one.exitCodes, ...two.exitCodes].some((c) => c !== 0 && c !== 1)) ceilingError = `exit codes ${[...one.exitCodes, ...two.exitCodes].join(', ')}`;
      alone.push(one.wallMs);
      pair.push(two.wallMs);
    }
    const ceiling = median(alone) / median(pair);
    rows.push({
      workload: 'ceiling',
      description: `machine ceiling: ${drafts} drafts, 1 process (--jobs 0) vs 2 processes on half each`,
      files: drafts,
      jobs: 0,
      wallMs: median(pair),
      runsMs: pair.map(Math.round),
      maxRssKiB: 0,
      exitCode: 0,
      target: `2 processes ${ceiling.toFixed(2)}× faster than 1 (1 process: ${alone.map(Math.round).join(', ')} ms)`,
      ...(ceilingError ? { error: ceilingError } : {}),
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  // the targets
  const fullSize = scale === 1;
  for (const r of rows.filter((x) => x.workload === 'pack')) {
    r.target = `< 15 s${fullSize ? '' : ' (at full size)'}`;
    r.met = !r.error && r.wallMs < 15_000;
  }
  const one = rows.find((x) => x.workload === 'drafts' && x.jobs === 1);
  const two = rows.find((x) => x.workload === 'drafts' && x.jobs === 2);
  if (one && two) {
    const speedup = one.wallMs / two.wallMs;
    const ceiling = rows.find((x) => x.workload === 'ceiling');
    const machine = ceiling?.target ? `; machine ceiling ${/([\d.]+)×/.exec(ceiling.target)?.[1] ?? '?'}×` : '';
    two.target = `≥ 1.6× faster than --jobs 1 (measured ${speedup.toFixed(2)}×${machine})`;
    two.met = !one.error && !two.error && speedup >= 1.6;
  }
  return rows;
}

/** The rows as a Markdown table, for bench.ts's output. */
export function auditBenchTable(rows: AuditBenchRow[]): string {
  const head = ['audit workload', 'files', '--jobs', 'wall ms (median)', 'runs ms', 'peak RSS MiB', 'items', 'findings', 'target', 'met'];
  const lines = [`| ${head.join(' | ')} |`, `|---|---:|---:|---:|---|---:|---:|---:|---|---|`];
  for (const r of rows) {
    lines.push(
      `| ${[
        r.description,
        r.files,
        r.jobs,
        r.error ? `error: ${r.error}` : Math.round(r.wallMs).toLocaleString('en-GB'),
        r.runsMs.join(', '),
        r.maxRssKiB ? (r.maxRssKiB / 1024).toFixed(0) : '–',
        r.items ?? '–',
        r.findings ?? '–',
        r.target ?? '',
        r.met === undefined ? '' : r.met ? 'yes' : '**NO**',
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

// run on its own: node dist/scripts/bench/audit.js [--keep] [--repeat n] [--scale x]
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false }, repeat: { type: 'string' }, scale: { type: 'string' }, json: { type: 'string' } } });
  const work = await mkdtemp(path.join(os.tmpdir(), 'protocol-lint-bench-'));
  try {
    const rows = await runAuditBench(work, { repeat: values.repeat ? Number(values.repeat) : undefined, scale: values.scale ? Number(values.scale) : undefined });
    process.stdout.write(`### protocol-lint audit bench (node ${process.version}, ${os.cpus().length} CPUs)\n\n${auditBenchTable(rows)}\n`);
    if (values.json) await writeFile(values.json, JSON.stringify(rows, null, 2) + '\n');
    process.exitCode = rows.every((r) => r.met !== false) ? 0 : 1;
  } finally {
    if (values.keep) process.stderr.write(`bench audit: kept ${work}\n`);
    else await rm(work, { recursive: true, force: true });
  }
}
