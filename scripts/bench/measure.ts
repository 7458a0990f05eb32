/**
 * Runs a Node script in this process and, when it exits, writes its peak RSS and exit code to a JSON file.
 * /usr/bin/time is not everywhere; this is how the bench reads a child's peak memory.
 *
 *   node dist/scripts/bench/measure.js <figures.json> <script.js> [args...]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface MeasuredExit {
  /** Peak resident set size, KiB. */
  maxRssKiB: number;
  exitCode: number;
}

const [report, script, ...args] = process.argv.slice(2);
if (!report || !script) {
  process.stderr.write('usage: measure.js <figures.json> <script.js> [args...]\n');
  process.exit(2);
}
process.argv = [process.argv[0]!, path.resolve(script), ...args];
process.on('exit', (code) => {
  const figures: MeasuredExit = { maxRssKiB: process.resourceUsage().maxRSS, exitCode: code ?? Number(process.exitCode ?? 0) };
  writeFileSync(report, JSON.stringify(figures));
});
await import(pathToFileURL(path.resolve(script)).href);
