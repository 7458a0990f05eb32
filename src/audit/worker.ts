import { parentPort, workerData } from 'node:worker_threads';
import { ConfigLoader } from '../config/load.js';
import { ruleIds } from '../../rules/index.js';
import { auditFile } from './audit.js';

/** One audit worker: audits the files it is sent, one at a time, with its own config cache. */
const { configFile, cwd } = workerData as { configFile?: string; cwd: string };
let loader: ConfigLoader | undefined;

parentPort!.on('message', async (msg: { id: number; file: string }) => {
  try {
    loader ??= new ConfigLoader({ configFile, cwd, knownRuleIds: ruleIds() });
    const result = await auditFile(msg.file, loader);
    parentPort!.postMessage({ id: msg.id, result });
  } catch (e) {
    const err = e as Error;
    parentPort!.postMessage({ id: msg.id, error: { name: err.name, message: err.message } });
  }
});
