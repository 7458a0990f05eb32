import { describe, expect, it } from 'vitest';
import { auditFiles, FatalAuditError } from '../../src/audit/pool.js';
import type { AuditFile } from '../../src/audit/types.js';

const FAKE = new URL('./fake-worker.mjs', import.meta.url);
const files = (...names: string[]) => names.map((n) => `/nowhere/${n}`);
const threads = (results: AuditFile[]) => new Set(results.filter((r) => r.structure === 'single').map((r) => r.note));

describe('auditFiles (worker pool)', () => {
  it('returns results in the order of the files, whatever order they finish in, and reports each as it finishes', async () => {
    const input = files('a-slow.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.md');
    const seen: Array<[string, number]> = [];
    const results = await auditFiles(input, { jobs: 2, cwd: '/', workerUrl: FAKE, onResult: (r, done) => seen.push([r.filePath, done]) });
    expect(results.map((r) => r.filePath)).toEqual(input);
    expect(seen.map(([, d]) => d)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(seen.map(([f]) => f))).toEqual(new Set(input));
    // the slow first file held one worker while the other went on with the next files
    expect(seen[0]![0]).toBe('/nowhere/c.md');
    expect(seen.findIndex(([f]) => f === '/nowhere/a-slow.md')).toBeGreaterThan(0);
    expect(threads(results).size).toBe(2);
  });

  it('uses one worker thread with --jobs 1, and never more threads than files', async () => {
    expect(threads(await auditFiles(files('a.md', 'b.md', 'c.md'), { jobs: 1, cwd: '/', workerUrl: FAKE })).size).toBe(1);
    expect(threads(await auditFiles(files('a.md'), { jobs: 4, cwd: '/', workerUrl: FAKE })).size).toBe(1);
  });

  it('reports a file whose worker died as unreadable, and goes on with a new worker', async () => {
    const input = files('a.md', 'b-crash.pdf', 'c.md', 'd.md', 'e-crash.pdf', 'f.md');
    const results = await auditFiles(input, { jobs: 2, cwd: '/', workerUrl: FAKE });
    expect(results.map((r) => r.structure)).toEqual(['single', 'unreadable', 'single', 'single', 'unreadable', 'single']);
    const crashed = results[1]!;
    expect(crashed.errorCount).toBe(1);
    expect(crashed.items[0]!.messages[0]).toMatchObject({ ruleId: 'input/unreadable', severity: 2 });
    expect(crashed.items[0]!.messages[0]!.message).toMatch(/b-crash\.pdf: protocol-lint stopped while reading this file \(the worker thread exited\)/);
  });

  it('blames only the file a worker died on, not the file queued behind it', async () => {
    // with one worker, b-crash.pdf and c.md are sent together; c.md goes to the replacement worker
    const results = await auditFiles(files('a.md', 'b-crash.pdf', 'c.md', 'd.md'), { jobs: 1, cwd: '/', workerUrl: FAKE });
    expect(results.map((r) => r.structure)).toEqual(['single', 'unreadable', 'single', 'single']);
  });

  it('bounds each worker’s memory: a file that needs more fails alone', async () => {
    const results = await auditFiles(files('a.md', 'b-oom.pdf', 'c.md'), { jobs: 1, cwd: '/', workerUrl: FAKE, maxWorkerMemoryMb: 48 });
    expect(results.map((r) => r.structure)).toEqual(['single', 'unreadable', 'single']);
    expect(results[1]!.items[0]!.messages[0]!.message).toMatch(/needed more than 48 MiB of memory/);
  }, 30_000);

  it('stops the run on an error that is not about one file (a bad config)', async () => {
    const run = auditFiles(files('a.md', 'b-fatal.md', 'c.md', 'd.md'), { jobs: 2, cwd: '/', workerUrl: FAKE });
    await expect(run).rejects.toBeInstanceOf(FatalAuditError);
    await expect(run).rejects.toMatchObject({ name: 'ConfigError', message: '.protocolrc.json: "wards" must be a list' });
  });

  it('stops when workers keep dying one after another (a broken install, not a bad file)', async () => {
    const run = auditFiles(files('a-crash.md', 'b-crash.md', 'c-crash.md', 'd.md'), { jobs: 1, cwd: '/', workerUrl: FAKE });
    await expect(run).rejects.toThrow(/audit workers keep stopping/);
  });

  it('keeps what workers print off stdout (stdout carries the report)', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = process.stdout.write.bind(process.stdout);
    const stderr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((c: string | Uint8Array) => (out.push(String(c)), true)) as typeof process.stdout.write;
    process.stderr.write = ((c: string | Uint8Array) => (err.push(String(c)), true)) as typeof process.stderr.write;
    try {
      await auditFiles(files('a-print.md', 'b.md'), { jobs: 1, cwd: '/', workerUrl: FAKE });
    } finally {
      process.stdout.write = stdout;
      process.stderr.write = stderr;
    }
    expect(out.join('')).not.toContain('a reader printed this');
    expect(err.join('')).toContain('a reader printed this');
  });
});

describe('AuditPool made before the files are known', () => {
  it('warms up its workers, uses only as many as there are files, and can be closed unused', async () => {
    const { AuditPool } = await import('../../src/audit/pool.js');
    const pool = new AuditPool({ size: 3, cwd: '/', workerUrl: FAKE });
    await new Promise((r) => setTimeout(r, 100));
    const results = await pool.run(files('a.md', 'b-slow.md'));
    expect(results.map((r) => r.filePath)).toEqual(files('a.md', 'b-slow.md'));
    expect(threads(results).size).toBeLessThanOrEqual(2);
    await pool.close();
    const unused = new AuditPool({ size: 2, cwd: '/', workerUrl: FAKE });
    await expect(unused.close()).resolves.toBeUndefined();
    await expect(new AuditPool({ size: 2, cwd: '/', workerUrl: FAKE }).run([])).resolves.toEqual([]);
  });
});
