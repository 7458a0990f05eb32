import { parentPort, workerData } from 'node:worker_threads';
import { ConfigLoader } from '../config/load.js';
import { ruleIds } from '../../rules/index.js';
import { displayPath } from '../api/lint.js';
import { auditFile } from './audit.js';

/**
 * One audit worker: audits the files it is sent, one at a time and in order, with its own config cache. A file that cannot
 * be read comes back as an `unreadable` entry (auditFile never throws for bad input); anything that does throw
 * (a bad config, an internal error) is sent back as an error and stops the run.
 */
const { configFile, cwd } = workerData as { configFile?: string; cwd: string };
let loader: ConfigLoader | undefined;

/** Files to audit, in the order sent; the pool sends the next before this one is done. */
const queue: Array<{ id: number; file: string }> = [];
let busy = false;

async function drain(): Promise<void> {
  busy = true;
  while (queue.length > 0) {
    const msg = queue.shift()!;
    try {
      loader ??= new ConfigLoader({ configFile, cwd, knownRuleIds: ruleIds() });
      const result = await auditFile(msg.file, loader);
      parentPort!.postMessage({ id: msg.id, result });
    } catch (e) {
      const err = e as Error;
      const known = ['ConfigError', 'LexiconError'].includes(err?.name);
      const message = known ? err.message : `while auditing ${displayPath(msg.file, cwd)}: ${err?.message ?? String(e)}`;
      parentPort!.postMessage({ id: msg.id, error: { name: err?.name ?? 'Error', message } });
    }
  }
  busy = false;
}

parentPort!.on('message', (msg: { id: number; file: string }) => {
  queue.push(msg);
  if (!busy) void drain();
});
