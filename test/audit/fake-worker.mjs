// A stand-in for src/audit/worker.ts in the pool tests: it answers like the real worker, and misbehaves on
// request (by file name): "slow" answers late, "crash" ends the thread, "oom" runs out of heap, "fatal" sends
// back an error that must stop the run, "print" writes to stdout.
import { parentPort, threadId } from 'node:worker_threads';
import path from 'node:path';

// like the real worker: files are audited one at a time, in the order sent
const queue = [];
let busy = false;
parentPort.on('message', (msg) => {
  queue.push(msg);
  if (!busy) void drain();
});

async function drain() {
  busy = true;
  while (queue.length > 0) await audit(queue.shift());
  busy = false;
}

async function audit({ id, file }) {
  const name = path.basename(file);
  if (name.includes('slow')) await new Promise((r) => setTimeout(r, 150));
  if (name.includes('crash')) process.exit(3);
  if (name.includes('oom')) {
    const keep = [];
    for (;;) keep.push(new Array(1e6).fill(Math.random()));
  }
  if (name.includes('fatal')) {
    parentPort.postMessage({ id, error: { name: 'ConfigError', message: `.protocolrc.json: "wards" must be a list` } });
    return;
  }
  if (name.includes('print')) console.log('a reader printed this');
  parentPort.postMessage({
    id,
    result: { filePath: file, structure: 'single', note: `thread ${threadId}`, items: [], listedNotIncluded: [], errorCount: 0, warningCount: 0 },
  });
}
