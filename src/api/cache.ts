import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileResult } from '../types.js';
import type { ResolvedConfig } from '../config/types.js';
import { packageRoot } from '../language/lexicon.js';
import { compareText } from '../util/compare.js';

export const DEFAULT_CACHE_LOCATION = '.protocol-lint-cache';

interface CacheEntry {
  contentHash: string;
  configHash: string;
  result: FileResult;
}

interface CacheFile {
  version: string;
  entries: Record<string, CacheEntry>;
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A hash of the resolved config for a file (the cache is invalid when any key changes). */
export function hashConfig(config: ResolvedConfig, extra = ''): string {
  return createHash('sha256').update(JSON.stringify(config)).update(extra).digest('hex');
}

let rulesHash: string | undefined;

/** The tool version plus a hash of the rule data (lexicons) and of the built code, so editing either invalidates the cache. */
export function toolFingerprint(version: string): string {
  if (!rulesHash) {
    const h = createHash('sha256');
    const root = path.join(packageRoot(), 'rules');
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name))) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(?:ya?ml|json)$/.test(e.name)) h.update(e.name).update(readFileSync(full));
      }
    };
    if (existsSync(root) && statSync(root).isDirectory()) walk(root);
    // the code: esbuild names each bundle chunk by a hash of its content, so the list of chunk names changes
    // whenever the code does (a rebuilt checkout with the same version number must not replay old findings)
    const bundle = path.join(packageRoot(), 'dist', 'bundle');
    if (existsSync(bundle)) h.update(readdirSync(bundle).sort(compareText).join('\n'));
    rulesHash = h.digest('hex').slice(0, 16);
  }
  return `${version}+${rulesHash}`;
}

/**
 * The results cache (like ESLint's --cache): a file whose content, config and tool version are unchanged
 * is not checked again; its findings, if any, are replayed from the cache.
 */
export class ResultCache {
  private data: CacheFile;
  private dirty = false;
  private seen = new Set<string>();

  private constructor(
    readonly location: string,
    private readonly version: string,
    data: CacheFile | undefined,
  ) {
    this.data = data && data.version === version ? data : { version, entries: {} };
  }

  static async open(location: string, version: string): Promise<ResultCache> {
    let data: CacheFile | undefined;
    try {
      data = JSON.parse(await readFile(location, 'utf8')) as CacheFile;
      if (!data || typeof data !== 'object' || typeof data.entries !== 'object') data = undefined;
    } catch {
      data = undefined; // missing or corrupt cache: start afresh
    }
    return new ResultCache(location, version, data);
  }

  get(file: string, contentHash: string, configHash: string): FileResult | undefined {
    this.seen.add(file);
    const e = this.data.entries[file];
    if (e && e.contentHash === contentHash && e.configHash === configHash) return e.result;
    return undefined;
  }

  set(file: string, contentHash: string, configHash: string, result: FileResult): void {
    this.seen.add(file);
    this.data.entries[file] = { contentHash, configHash, result };
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await mkdir(path.dirname(path.resolve(this.location)), { recursive: true });
    const tmp = `${this.location}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(this.data));
    await rename(tmp, this.location);
  }
}
