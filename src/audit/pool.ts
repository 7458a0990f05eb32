import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { ConfigLoader } from '../config/load.js';
import { ruleIds } from '../../rules/index.js';
import { auditFile } from './audit.js';
import type { AuditFile } from './types.js';

export interface PoolOptions {
  jobs: number;
  configFile?: string;
  cwd: string;
  /** Called as each file finishes (in completion order). */
  onResult?: (result: AuditFile, done: number, total: number) => void;
}

/** An error a worker hit that must stop the run (a bad config), as opposed to a bad file. */
export class FatalAuditError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * Audit files on a pool of worker threads. Each worker takes the next file when it finishes one, so
 * memory stays bounded by `jobs` documents at a time; results come back in the input order.
 * `jobs: 0` audits in this thread (used when running from TypeScript sources).
 */
export async function auditFiles(files: string[], options: PoolOptions): Promise<AuditFile[]> {
  const results: AuditFile[] = new Array(files.length);
  let done = 0;
  const workerUrl = new URL('./worker.js', import.meta.url);
  const canUseWorkers = fileURLToPath(import.meta.url).endsWith('.js');
  if (options.jobs <= 0 || !canUseWorkers || files.length === 0) {
    const loader = new ConfigLoader({ configFile: options.configFile, cwd: options.cwd, knownRuleIds: ruleIds() });
    for (let i = 0; i < files.length; i++) {
      results[i] = await auditFile(files[i]!, loader);
      options.onResult?.(results[i]!, ++done, files.length);
    }
    return results;
  }
  const jobs = Math.min(options.jobs, files.length);
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let finished = false;
    const workers: Worker[] = [];
    const stopAll = () => {
      finished = true;
      for (const w of workers) void w.terminate();
    };
    const feed = (w: Worker) => {
      if (finished) return;
      if (next >= files.length) {
        void w.terminate();
        return;
      }
      const id = next++;
      w.postMessage({ id, file: files[id] });
    };
    let alive = jobs;
    for (let j = 0; j < jobs; j++) {
      const w = new Worker(workerUrl, { workerData: { configFile: options.configFile, cwd: options.cwd }, stdout: false, stderr: false });
      workers.push(w);
      w.on('message', (msg: { id: number; result?: AuditFile; error?: { name: string; message: string } }) => {
        if (msg.error) {
          stopAll();
          reject(new FatalAuditError(msg.error.name, msg.error.message));
          return;
        }
        results[msg.id] = msg.result!;
        options.onResult?.(msg.result!, ++done, files.length);
        feed(w);
      });
      w.on('error', (e) => {
        stopAll();
        reject(e);
      });
      w.on('exit', () => {
        alive--;
        if (alive === 0 && !finished) {
          finished = true;
          resolve();
        }
      });
      feed(w);
    }
  });
  return results;
}
