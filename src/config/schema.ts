import type { UserConfig } from './types.js';
import { KINDS, AUDIENCES } from '../types.js';

/** A problem in a config file: which key, and what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly expected: string,
    readonly got?: string,
  ) {
    super(`${file}: "${key}" ${expected}${got !== undefined ? ` (got ${got})` : ''}`);
    this.name = 'ConfigError';
  }
}

type Check = (value: unknown, key: string) => void;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEVERITIES = ['off', 'warning', 'error'];
const TOP_KEYS = [
  '$schema', 'extends', 'root', 'council', 'jurisdiction', 'areaTerm', 'councilDomains', 'pressDomains', 'officers',
  'approvers', 'wards', 'members', 'parties', 'preElection', 'rules', 'ignorePatterns', 'overrides',
];

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The known key nearest to a misspelt one, if it is close enough to be a typo. */
function closest(word: string, options: string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = editDistance(lower, o.toLowerCase());
    if (d < bestD) {
      best = o;
      bestD = d;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

/**
 * Validate a user config. Throws ConfigError naming the file, the key path (e.g. `officers[2].name`) and what
 * was expected. Returns the config typed.
 */
export function validateConfig(raw: unknown, file: string, knownRuleIds?: ReadonlySet<string>): UserConfig {
  const fail = (key: string, expected: string, value?: unknown): never => {
    throw new ConfigError(file, key, expected, value === undefined ? undefined : describe(value));
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('(top level)', 'must be a JSON object', raw);
  const cfg = raw as Record<string, unknown>;

  const str: Check = (v, k) => {
    if (typeof v !== 'string' || v.trim() === '') fail(k, 'must be a non-empty string', v);
  };
  const strArray: Check = (v, k) => {
    if (!Array.isArray(v)) fail(k, 'must be an array of strings', v);
    (v as unknown[]).forEach((x, i) => str(x, `${k}[${i}]`));
  };
  const objArray = (v: unknown, k: string, fields: Record<string, Check>, required: string[]) => {
    if (!Array.isArray(v)) fail(k, 'must be an array of objects', v);
    (v as unknown[]).forEach((item, i) => {
      const path = `${k}[${i}]`;
      if (item === null || typeof item !== 'object' || Array.isArray(item)) fail(path, 'must be an object', item);
      const o = item as Record<string, unknown>;
      for (const r of required) if (o[r] === undefined) fail(`${path}.${r}`, 'is required');
      for (const [name, val] of Object.entries(o)) {
        const check = fields[name];
        if (!check) fail(`${path}.${name}`, `is not a known key (expected one of: ${Object.keys(fields).join(', ')})`);
        check!(val, `${path}.${name}`);
      }
    });
  };
  const oneOf = (options: readonly string[]): Check => (v, k) => {
    if (typeof v !== 'string' || !options.includes(v)) fail(k, `must be one of ${options.map((o) => `"${o}"`).join(', ')}`, v);
  };
  const date: Check = (v, k) => {
    if (typeof v !== 'string' || !ISO_DATE.test(v) || isNaN(Date.parse(v))) fail(k, 'must be a date written YYYY-MM-DD', v);
  };
  const rules: Check = (v, k) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(k, 'must be an object of ruleId: "off" | "warning" | "error"', v);
    for (const [id, setting] of Object.entries(v as Record<string, unknown>)) {
      const path = `${k}.${id}`;
      if (!/^[a-z]+\/[a-z0-9-]+$/.test(id)) fail(path, 'is not a rule id of the form family/name');
      if (knownRuleIds && !knownRuleIds.has(id)) {
        const near = [...knownRuleIds].find((r) => r.split('/')[1] === id.split('/')[1]);
        fail(path, `is not a known rule${near ? ` (did you mean "${near}"?)` : '; run `protocol-lint rules` for the list'}`);
      }
      const level = Array.isArray(setting) ? setting[0] : setting;
      if (typeof level !== 'string' || !SEVERITIES.includes(level)) fail(path, 'must be "off", "warning" or "error" (or ["warning", { options }])', setting);
      if (Array.isArray(setting) && setting.length > 1 && (typeof setting[1] !== 'object' || setting[1] === null || Array.isArray(setting[1]))) {
        fail(`${path}[1]`, 'must be an object of rule options', setting[1]);
      }
    }
  };

  for (const key of Object.keys(cfg)) {
    if (!TOP_KEYS.includes(key)) {
      const near = closest(key, TOP_KEYS);
      fail(key, `is not a known key${near ? ` (did you mean "${near}"?)` : ''}`);
    }
  }
  const checks: Record<string, Check> = {
    $schema: str,
    extends: (v, k) => (Array.isArray(v) ? strArray(v, k) : str(v, k)),
    root: (v, k) => {
      if (typeof v !== 'boolean') fail(k, 'must be true or false', v);
    },
    council: str,
    jurisdiction: oneOf(['england', 'wales', 'scotland']),
    areaTerm: oneOf(['ward', 'division']),
    councilDomains: strArray,
    pressDomains: strArray,
    officers: (v, k) => objArray(v, k, { name: str, role: str, aliases: strArray, email: str }, ['name']),
    approvers: strArray,
    wards: (v, k) => objArray(v, k, { name: str, aliases: strArray }, ['name']),
    members: (v, k) => objArray(v, k, { name: str, ward: str, party: str, roles: (x, kk) => (Array.isArray(x) && x.length === 0 ? undefined : strArray(x, kk)), aliases: strArray, email: str }, ['name']),
    parties: strArray,
    preElection: (v, k) => {
      objArray(v, k, { start: date, pollingDay: date, wards: strArray, name: str }, ['start', 'pollingDay']);
      (v as Array<{ start: string; pollingDay: string }>).forEach((w, i) => {
        if (w.start > w.pollingDay) fail(`${k}[${i}].start`, `must be on or before pollingDay ${w.pollingDay}`, w.start);
      });
    },
    rules,
    ignorePatterns: strArray,
    overrides: (v, k) =>
      objArray(
        v,
        k,
        {
          files: (x, kk) => (typeof x === 'string' ? undefined : strArray(x, kk)),
          excludedFiles: (x, kk) => (typeof x === 'string' ? undefined : strArray(x, kk)),
          kind: oneOf(KINDS),
          audience: oneOf(AUDIENCES),
          rules,
        },
        ['files'],
      ),
  };
  for (const [key, check] of Object.entries(checks)) if (cfg[key] !== undefined) check(cfg[key], key);
  const out = { ...cfg } as UserConfig & Record<string, unknown>;
  if (out.overrides) out.overrides = out.overrides.map((o) => ({ ...o, files: ([] as string[]).concat(o.files), excludedFiles: o.excludedFiles ? ([] as string[]).concat(o.excludedFiles) : undefined }));
  return out;
}
