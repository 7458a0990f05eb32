import { createHash } from 'node:crypto';
import path from 'node:path';

/** Parse "--shard i/n" (1-based i). */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m) throw new Error(`--shard must look like 1/4 (got "${value}")`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new Error(`--shard ${value}: the shard number must be between 1 and ${count || 'the shard count'}`);
  return { index, count };
}

/**
 * Deterministic share of the file list for shard i of n: by a hash of each file's path relative to the
 * working directory, so every machine in a CI matrix computes the same split, and adding a file does not
 * move the others between shards.
 */
export function shardFiles(files: string[], shard: { index: number; count: number }, cwd: string): string[] {
  if (shard.count === 1) return files;
  return files.filter((f) => {
    const rel = path.relative(cwd, f).split(path.sep).join('/');
    const h = createHash('sha1').update(rel).digest();
    return (h.readUInt32BE(0) % shard.count) + 1 === shard.index;
  });
}
