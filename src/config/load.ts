import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { yaml } from '../util/yaml.js';
import picomatch from 'picomatch';
import type { ResolvedConfig, UserConfig } from './types.js';
import { DEFAULT_APPROVERS } from './types.js';
import { ConfigError, validateConfig } from './schema.js';

export const MODULE_NAME = 'protocol';

const SEARCH_PLACES = [
  'package.json',
  `.${MODULE_NAME}rc`,
  `.${MODULE_NAME}rc.json`,
  `.${MODULE_NAME}rc.yaml`,
  `.${MODULE_NAME}rc.yml`,
];

/** A config file after `extends` is followed, with the directory its patterns are relative to. */
export interface LoadedConfig {
  config: UserConfig;
  /** The file it came from; undefined for the built-in defaults. */
  filepath?: string;
  /** Directory that `ignorePatterns` and `overrides[].files` are relative to. */
  baseDir: string;
  /** ignorePatterns from every config in the extends chain, each with its own base directory. */
  ignores: Array<{ pattern: string; baseDir: string }>;
}

function parseFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, '(file)', 'could not be read', (e as NodeJS.ErrnoException).code ?? String(e));
  }
  try {
    if (/\.ya?ml$/i.test(file) || (!file.endsWith('.json') && !text.trimStart().startsWith('{'))) return yaml().parse(text);
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ConfigError(file, '(file)', 'is not valid JSON or YAML', (e as Error).message.split('\n')[0]);
  }
}

/** Finds, validates and caches configs; resolves the config for each file (nearest config wins). */
export class ConfigLoader {
  private readonly explorer = cosmiconfig(MODULE_NAME, {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'project',
    loaders: {
      '.json': (file: string) => parseFile(file),
      '.yaml': (file: string) => parseFile(file),
      '.yml': (file: string) => parseFile(file),
      noExt: (file: string) => parseFile(file),
    },
  });
  private readonly byDir = new Map<string, Promise<LoadedConfig>>();
  private readonly byFile = new Map<string, LoadedConfig>();
  private explicit?: LoadedConfig;

  constructor(
    private readonly options: { configFile?: string; cwd?: string; knownRuleIds?: ReadonlySet<string> } = {},
  ) {
    if (options.configFile) this.explicit = this.loadFile(path.resolve(options.cwd ?? process.cwd(), options.configFile));
  }

  /** Load one config file and the chain it extends. */
  loadFile(file: string, seen: string[] = []): LoadedConfig {
    const cached = this.byFile.get(file);
    if (cached) return cached;
    if (seen.includes(file)) throw new ConfigError(file, 'extends', 'must not form a cycle', [...seen, file].join(' -> '));
    let raw = parseFile(file);
    if (path.basename(file) === 'package.json') raw = (raw as Record<string, unknown>)[MODULE_NAME] ?? {};
    const user = validateConfig(raw, file, this.options.knownRuleIds);
    const loaded = this.withExtends(user, file, seen);
    this.byFile.set(file, loaded);
    return loaded;
  }

  private withExtends(user: UserConfig, file: string, seen: string[]): LoadedConfig {
    const baseDir = path.dirname(file);
    const own = { config: user, filepath: file, baseDir, ignores: (user.ignorePatterns ?? []).map((pattern) => ({ pattern, baseDir })) };
    const parents = user.extends === undefined ? [] : ([] as string[]).concat(user.extends);
    let merged: LoadedConfig | undefined;
    for (const p of parents) {
      const parentFile = path.resolve(baseDir, p);
      const parent = this.loadFile(parentFile, [...seen, file]);
      merged = merged ? mergeConfigs(merged, parent) : parent;
    }
    return merged ? mergeConfigs(merged, own) : own;
  }

  /** The config that applies to a file: --config if given, else the nearest one upward, else defaults. */
  async forFile(filePath: string): Promise<LoadedConfig> {
    if (this.explicit) return this.explicit;
    const dir = path.dirname(path.resolve(filePath));
    let pending = this.byDir.get(dir);
    if (!pending) {
      pending = (async () => {
        const found = await this.explorer.search(dir);
        if (!found || found.isEmpty) return { config: {}, baseDir: this.options.cwd ?? process.cwd(), ignores: [] };
        const user = validateConfig(found.config, found.filepath, this.options.knownRuleIds);
        const loaded = this.withExtends(user, found.filepath, []);
        this.byFile.set(found.filepath, loaded);
        return loaded;
      })();
      this.byDir.set(dir, pending);
    }
    return pending;
  }

  /** The resolved config for one file: defaults + config + matching overrides. */
  async resolve(filePath: string): Promise<ResolvedConfig> {
    return resolveConfig(await this.forFile(filePath), filePath);
  }
}

function mergeConfigs(parent: LoadedConfig, child: LoadedConfig): LoadedConfig {
  const p = parent.config;
  const c = child.config;
  return {
    config: {
      ...p,
      ...c,
      rules: { ...(p.rules ?? {}), ...(c.rules ?? {}) },
      overrides: [...(p.overrides ?? []), ...(c.overrides ?? [])],
      extends: undefined,
    },
    filepath: child.filepath,
    baseDir: child.baseDir,
    ignores: [...parent.ignores, ...child.ignores],
  };
}

function matches(patterns: string[], rel: string): boolean {
  return patterns.some((p) => picomatch(p, { dot: true, matchBase: !p.includes('/') })(rel));
}

const resolvedConfigs = new WeakSet<object>();

/** True for a config made by resolveConfig (as opposed to one written by a user). */
export function isResolvedConfig(config: object): config is ResolvedConfig {
  return resolvedConfigs.has(config);
}

/** Apply defaults and the overrides that match this file. */
export function resolveConfig(loaded: LoadedConfig, filePath: string): ResolvedConfig {
  const c = loaded.config;
  const resolved: ResolvedConfig = {
    council: c.council,
    jurisdiction: c.jurisdiction ?? 'england',
    areaTerm: c.areaTerm ?? 'ward',
    councilDomains: c.councilDomains ?? [],
    pressDomains: c.pressDomains ?? [],
    officers: c.officers ?? [],
    approvers: c.approvers ?? DEFAULT_APPROVERS,
    wards: c.wards ?? [],
    members: c.members ?? [],
    parties: c.parties ?? [],
    preElection: c.preElection ?? [],
    rules: { ...(c.rules ?? {}) },
    ignorePatterns: c.ignorePatterns ?? [],
    overrides: c.overrides ?? [],
    filepath: loaded.filepath,
  };
  const rel = path.relative(loaded.baseDir, path.resolve(filePath)).split(path.sep).join('/');
  for (const o of resolved.overrides) {
    if (!matches(o.files, rel)) continue;
    if (o.excludedFiles && matches(o.excludedFiles, rel)) continue;
    if (o.kind) resolved.forcedKind = o.kind;
    if (o.audience) resolved.forcedAudience = o.audience;
    if (o.rules) Object.assign(resolved.rules, o.rules);
  }
  resolvedConfigs.add(resolved);
  return resolved;
}

/** The config used when there is no file at all (and by `lintText` without a config). */
export function defaultConfig(user: UserConfig = {}, filePath = 'document.txt'): ResolvedConfig {
  return resolveConfig({ config: user, baseDir: process.cwd(), ignores: [] }, filePath);
}
