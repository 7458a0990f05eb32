import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { AuditFile } from './types.js';

export interface PoolOptions {
  jobs: number;
  configFile?: string;
  cwd: string;
  /** Heap limit per worker (MiB): a file that needs more fails alone, as unreadable, and the run goes on. */
  maxWorkerMemoryMb?: number;
  /** Called as each file finishes (in completion order). */
  onResult?: (result: AuditFile, done: number, total: number) => void;
  /** Worker script (tests use a stand-in that misbehaves); default the audit worker beside this file. */
  workerUrl?: URL;
}

/** An error a worker hit that must stop the run (a bad config), as opposed to a bad file. */
export class FatalAuditError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export const DEFAULT_WORKER_MEMORY_MB = 2048;
const YOUNG_GENERATION_MB = 64;

function shownPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** The report entry for a file whose worker died while auditing it (out of memory, or a crash in a reader). */
export function crashedFile(filePath: string, reason: string, cwd?: string): AuditFile {
  const message = `${shownPath(filePath, cwd)}: protocol-lint stopped while reading this file (${reason}); it was not checked`;
  return {
    filePath,
    structure: 'unreadable',
    note: message,
    items: [
      {
        role: 'document',
        kind: 'other',
        audience: 'public',
        status: 'needs attention',
        messages: [{ ruleId: 'input/unreadable', severity: 2, message, line: 1, column: 1, endLine: 1, endColumn: 1, suggestion: 'Check that the file opens; split a very large pack into smaller files, or audit it alone with --jobs 1, and audit it again.' }],
        errorCount: 1,
        warningCount: 0,
      },
    ],
    listedNotIncluded: [],
    errorCount: 1,
    warningCount: 0,
  };
}

interface Slot {
  worker: Worker;
  /** Indexes of the files sent to it and not answered yet, oldest (the one it is auditing) first. */
  inflight: number[];
  failure?: string;
  exited: boolean;
}

/**
 * Files sent to a worker ahead of time: it audits them one at a time, in order, and has the next one at hand
 * when it finishes one (no round trip to this thread in between). Memory stays bounded: a queued file is only
 * its name until the worker reaches it.
 */
const QUEUE_DEPTH = 2;

type WorkerMessage = { id: number; result?: AuditFile; error?: { name: string; message: string } };

/**
 * A pool of audit worker threads. The workers start (and load their modules) as soon as the pool is made, so
 * that they warm up while the main thread finds the files; `run` then gives each worker the next file when it
 * finishes one, so memory stays bounded by `jobs` documents at a time (and each worker's heap by
 * `maxWorkerMemoryMb`). Results come back in the order of the files, whatever order they finish in. A worker
 * that dies on a file (out of memory, a crash) is replaced; that file is reported as unreadable and the run goes
 * on. An error that is not about one file (a bad config), or workers dying three times in a row, stops the run.
 */
export class AuditPool {
  private readonly slots: Slot[] = [];
  private readonly workerUrl: URL;
  private readonly memory: number;
  private closed = false;
  /** What to do when a worker sends a message or exits; set by `run`. */
  private onMessage?: (slot: Slot, msg: WorkerMessage) => void;
  private onExit?: (slot: Slot) => void;

  constructor(private readonly options: Omit<PoolOptions, 'onResult' | 'jobs'> & { size: number }) {
    this.workerUrl = options.workerUrl ?? new URL('./worker.js', import.meta.url);
    this.memory = options.maxWorkerMemoryMb ?? DEFAULT_WORKER_MEMORY_MB;
    for (let i = 0; i < options.size; i++) this.spawn();
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerUrl, {
      workerData: { configFile: this.options.configFile, cwd: this.options.cwd },
      // nothing a worker prints may reach stdout, which carries the report
      stdout: true,
      stderr: false,
      // a larger young generation than V8's default: fewer scavenges of the many short-lived strings a check
      // makes, and less work for the GC helper threads that two busy workers share with each other
      resourceLimits: { maxOldGenerationSizeMb: this.memory, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    const slot: Slot = { worker, inflight: [], exited: false };
    worker.stdout.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    worker.on('message', (msg: WorkerMessage) => this.onMessage?.(slot, msg));
    worker.on('error', (e: Error & { code?: string }) => {
      slot.failure = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it needed more than ${this.memory} MiB of memory` : `${e.name}: ${e.message.split('\n')[0]}`;
    });
    worker.on('exit', () => {
      slot.exited = true;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      this.onExit?.(slot);
    });
    this.slots.push(slot);
    return slot;
  }

  /** Audit the files; resolves with one result per file, in the order given. Call once. */
  run(files: string[], onResult?: PoolOptions['onResult']): Promise<AuditFile[]> {
    const results: AuditFile[] = new Array(files.length);
    let done = 0;
    let next = 0;
    /** Files a dead worker had queued but not started: they go to the next worker first. */
    const retry: number[] = [];
    let deathsInARow = 0;
    let finished = false;
    if (files.length === 0) {
      void this.close();
      return Promise.resolve(results);
    }
    // more workers than files would only sit idle
    for (const extra of this.slots.slice(files.length)) void extra.worker.terminate();
    const workLeft = () => retry.length > 0 || next < files.length;
    return new Promise<AuditFile[]>((resolve, reject) => {
      const stop = (error?: Error) => {
        if (finished) return;
        finished = true;
        this.onMessage = undefined;
        this.onExit = undefined;
        void this.close();
        if (error) reject(error);
        else resolve(results);
      };
      const settle = (id: number, result: AuditFile) => {
        if (results[id] !== undefined) return;
        results[id] = result;
        done++;
        onResult?.(result, done, files.length);
        if (done === files.length) stop();
      };
      const feed = (slot: Slot) => {
        if (finished || slot.exited) return;
        while (slot.inflight.length < QUEUE_DEPTH && workLeft()) {
          const id = retry.length > 0 ? retry.shift()! : next++;
          slot.inflight.push(id);
          slot.worker.postMessage({ id, file: files[id] });
        }
        if (slot.inflight.length === 0) void slot.worker.terminate();
      };
      this.onMessage = (slot, msg) => {
        if (msg.error) {
          stop(new FatalAuditError(msg.error.name, msg.error.message));
          return;
        }
        slot.inflight = slot.inflight.filter((id) => id !== msg.id);
        deathsInARow = 0;
        settle(msg.id, msg.result!);
        feed(slot);
      };
      this.onExit = (slot) => {
        if (slot.inflight.length > 0) {
          // the worker died on the file it was auditing: report it; the files queued behind it go to another
          const [id, ...queued] = slot.inflight as [number, ...number[]];
          slot.inflight = [];
          retry.unshift(...queued);
          if (++deathsInARow >= 3) {
            stop(new Error(`audit workers keep stopping (${slot.failure ?? 'the worker thread exited'}); last file: ${shownPath(files[id]!, this.options.cwd)}`));
            return;
          }
          settle(id, crashedFile(files[id]!, slot.failure ?? 'the worker thread exited', this.options.cwd));
        } else if (slot.failure && done === 0 && next === 0) {
          // a worker that could not even start (a broken install)
          if (++deathsInARow >= 3) {
            stop(new Error(`audit workers could not start (${slot.failure})`));
            return;
          }
        }
        if (finished) return;
        if (workLeft() && this.slots.length < this.options.size) {
          try {
            feed(this.spawn());
          } catch (e) {
            stop(e as Error);
          }
        } else if (this.slots.length === 0 && done < files.length) {
          stop(new Error(`audit workers stopped with ${files.length - done} file(s) not audited`));
        }
      };
      // workers that died while the pool was warming up are replaced first
      while (this.slots.length < Math.min(this.options.size, files.length)) this.spawn();
      for (const slot of [...this.slots]) feed(slot);
    });
  }

  /** Stop every worker (a pool that will not be used, or after a run). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Whether audit worker threads can run: only from the built JavaScript (not from TypeScript sources in tests). */
export function workersAvailable(options: Pick<PoolOptions, 'workerUrl'> = {}): boolean {
  return options.workerUrl !== undefined || fileURLToPath(import.meta.url).endsWith('.js');
}

/**
 * Audit files on a pool of `jobs` worker threads (see AuditPool), or in this thread with `jobs: 0` (also when
 * worker threads cannot run, from TypeScript sources). Results come back in the order of the files.
 */
export async function auditFiles(files: string[], options: PoolOptions, pool?: AuditPool): Promise<AuditFile[]> {
  if (pool) return pool.run(files, options.onResult);
  if (options.jobs <= 0 || !workersAvailable(options) || files.length === 0) {
    const [{ ConfigLoader }, { ruleIds }, { auditFile }] = await Promise.all([import('../config/load.js'), import('../../rules/index.js'), import('./audit.js')]);
    const loader = new ConfigLoader({ configFile: options.configFile, cwd: options.cwd, knownRuleIds: ruleIds() });
    const results: AuditFile[] = [];
    for (let i = 0; i < files.length; i++) {
      results.push(await auditFile(files[i]!, loader));
      options.onResult?.(results[i]!, i + 1, files.length);
    }
    return results;
  }
  return new AuditPool({ ...options, size: Math.min(options.jobs, files.length) }).run(files, options.onResult);
}
