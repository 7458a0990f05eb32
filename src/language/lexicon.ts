import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { yaml } from '../util/yaml.js';

/**
 * Lexicons are data: YAML under rules/<family>/data/, so a Monitoring Officer can add an insult, a
 * sensitivity trigger or a local party without touching TypeScript. Each file:
 *
 *   rule: officer/derogatory-reference      # the rule whose examples these are
 *   description: Insults and contempt aimed at a person
 *   examples-kind: email                     # optional: the kind the examples are checked as
 *   examples-audience: press                 # optional: the audience the examples are checked with
 *   examples-config: { ... }                 # optional: config keys for the examples (else fixtures/.protocolrc.json)
 *   entries:
 *     - id: useless
 *       phrases: ["useless", "a waste of space"]
 *       note: Contempt for a person's work
 *       clause: Leicestershire Part 5C para 10   # optional; the rule's clause otherwise
 *       severity: error                          # optional
 *       examples:
 *         flag: ["Mr Example is useless at his job."]
 *         allow: ["The app is useless on a phone."]
 *
 * Phrase syntax: words match case-insensitively at word boundaries; a space matches any run of spaces or
 * hyphens; `word*` matches any ending ("incompeten*"); `{a|b}` matches either ("{is|was} useless").
 * `regex:` may be given instead of `phrases:` for patterns phrases cannot say.
 */

export interface LexiconEntry {
  id: string;
  phrases?: string[];
  regex?: string;
  note?: string;
  clause?: string;
  severity?: 'warning' | 'error';
  category?: string;
  /** Any other keys a rule wants (e.g. `target: person`). */
  [key: string]: unknown;
  examples?: { flag?: string[]; allow?: string[] };
}

export interface Lexicon {
  file: string;
  rule?: string;
  description?: string;
  examplesKind?: string;
  examplesAudience?: string;
  /** Config used when running the examples (e.g. officers to recognise). */
  examplesConfig?: Record<string, unknown>;
  entries: LexiconEntry[];
  /** Every phrase of every entry compiled into one regex (global, case-insensitive). */
  pattern: RegExp;
  /** Entry for a match: the first whose own regex matches the matched text. */
  entryFor(matched: string): LexiconEntry | undefined;
  /** All matches in a text. */
  matchAll(text: string): LexiconMatch[];
}

export interface LexiconMatch {
  entry: LexiconEntry;
  index: number;
  length: number;
  text: string;
}

export class LexiconError extends Error {
  constructor(readonly file: string, readonly key: string, problem: string) {
    super(`${file}: "${key}" ${problem}`);
    this.name = 'LexiconError';
  }
}

let root: string | undefined;

/** The package root, whether running from src/ (tests) or dist/src/ (built). Found once per process. */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'rules'))) return (root = dir);
    dir = path.dirname(dir);
  }
  throw new Error('protocol-lint: cannot find the package root');
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compile one phrase to a regex source (no flags). */
export function phraseToRegex(phrase: string): string {
  const parts: string[] = [];
  const tokens = phrase.trim().split(/\s+/);
  for (const token of tokens) {
    let src = '';
    let i = 0;
    while (i < token.length) {
      const ch = token[i]!;
      if (ch === '{') {
        const close = token.indexOf('}', i);
        if (close < 0) throw new Error(`unclosed "{" in phrase "${phrase}"`);
        src += `(?:${token.slice(i + 1, close).split('|').map(escapeRegex).join('|')})`;
        i = close + 1;
      } else if (ch === '*') {
        src += "[\\w'’]*";
        i++;
      } else if (ch === "'" || ch === '’') {
        src += "['’]";
        i++;
      } else {
        src += escapeRegex(ch);
        i++;
      }
    }
    parts.push(src);
  }
  const body = parts.join('[\\s\\-–]+');
  const startsWord = /^[\w{]/.test(phrase.trim());
  const endsWord = /[\w}*]$/.test(phrase.trim());
  return `${startsWord ? '(?<![\\w’\'])' : ''}${body}${endsWord ? '(?![\\w])' : ''}`;
}

/** The `u` flag makes V8 run these patterns several times slower: use it only when a pattern needs it. */
function flagsFor(source: string, global = false): string {
  return `${global ? 'g' : ''}i${/\\[pPu]\{/.test(source) ? 'u' : ''}`;
}

function compileEntry(entry: LexiconEntry, file: string, index: number): RegExp {
  try {
    if (entry.regex) return new RegExp(entry.regex, flagsFor(entry.regex));
    const source = (entry.phrases ?? []).map(phraseToRegex).join('|');
    return new RegExp(source, flagsFor(source));
  } catch (e) {
    throw new LexiconError(file, `entries[${index}]${entry.regex ? '.regex' : '.phrases'}`, `is not a valid pattern: ${(e as Error).message}`);
  }
}

/** Parse and validate lexicon YAML text. */
export function parseLexicon(text: string, file: string): Lexicon {
  let raw: unknown;
  try {
    raw = yaml().parse(text);
  } catch (e) {
    throw new LexiconError(file, '(file)', `is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return lexiconFromData(raw, file);
}

/** Validate and compile lexicon data (parsed YAML, or the JSON copy made at build time). */
export function lexiconFromData(raw: unknown, file: string): Lexicon {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new LexiconError(file, '(top level)', 'must be a mapping with "entries"');
  const doc = raw as Record<string, unknown>;
  if (!Array.isArray(doc.entries)) throw new LexiconError(file, 'entries', 'must be a list');
  const entries = doc.entries as LexiconEntry[];
  const ids = new Set<string>();
  const compiled: RegExp[] = [];
  entries.forEach((e, i) => {
    const at = `entries[${i}]`;
    if (!e || typeof e !== 'object') throw new LexiconError(file, at, 'must be a mapping');
    if (typeof e.id !== 'string' || !e.id) throw new LexiconError(file, `${at}.id`, 'must be a non-empty string');
    if (ids.has(e.id)) throw new LexiconError(file, `${at}.id`, `repeats "${e.id}"`);
    ids.add(e.id);
    const hasPhrases = Array.isArray(e.phrases) && e.phrases.length > 0 && e.phrases.every((p) => typeof p === 'string' && p.trim());
    if (!hasPhrases && typeof e.regex !== 'string') throw new LexiconError(file, at, 'needs "phrases" (a list of strings) or "regex"');
    if (e.severity !== undefined && e.severity !== 'warning' && e.severity !== 'error') throw new LexiconError(file, `${at}.severity`, 'must be "warning" or "error"');
    if (e.examples !== undefined) {
      for (const k of ['flag', 'allow'] as const) {
        const list = e.examples[k];
        if (list !== undefined && (!Array.isArray(list) || !list.every((x) => typeof x === 'string'))) throw new LexiconError(file, `${at}.examples.${k}`, 'must be a list of strings');
      }
    }
    compiled.push(compileEntry(e, file, i));
  });
  const union = compiled.map((r) => `(?:${r.source})`).join('|') || '(?!)';
  const pattern = new RegExp(union, flagsFor(union, true));
  return {
    file,
    rule: typeof doc.rule === 'string' ? doc.rule : undefined,
    description: typeof doc.description === 'string' ? doc.description : undefined,
    examplesKind: typeof doc['examples-kind'] === 'string' ? (doc['examples-kind'] as string) : undefined,
    examplesAudience: typeof doc['examples-audience'] === 'string' ? (doc['examples-audience'] as string) : undefined,
    examplesConfig: doc['examples-config'] && typeof doc['examples-config'] === 'object' ? (doc['examples-config'] as Record<string, unknown>) : undefined,
    entries,
    pattern,
    entryFor(matched: string) {
      const i = compiled.findIndex((r) => {
        const m = r.exec(matched);
        return m !== null && m[0].length === matched.length;
      });
      return i >= 0 ? entries[i] : entries[compiled.findIndex((r) => r.test(matched))];
    },
    matchAll(text: string) {
      const out: LexiconMatch[] = [];
      const re = pattern; // global and synchronous: reset, then run to the end
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const entry = this.entryFor(m[0]);
        if (entry) out.push({ entry, index: m.index, length: m[0].length, text: m[0] });
      }
      return out;
    },
  };
}

const cache = new Map<string, Lexicon>();

/** Load `rules/<family>/data/<name>.yml` once per process. */
export function loadLexicon(family: string, name: string): Lexicon {
  const key = `${family}/${name}`;
  let lex = cache.get(key);
  if (!lex) {
    const file = path.join(packageRoot(), 'rules', family, 'data', `${name}.yml`);
    const rel = path.relative(packageRoot(), file);
    // YAML parsing costs more at start-up than everything else: `npm run build` keeps a JSON copy, used
    // while it is at least as new as the YAML (so an edited lexicon is read straight away).
    const json = compiledLexiconPath(family, name);
    try {
      if (statSync(json).mtimeMs >= statSync(file).mtimeMs) lex = lexiconFromData(JSON.parse(readFileSync(json, 'utf8')), rel);
    } catch {
      lex = undefined;
    }
    if (!lex) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new LexiconError(file, '(file)', 'could not be read');
      }
      lex = parseLexicon(text, rel);
    }
    cache.set(key, lex);
  }
  return lex;
}

/** Where `npm run build` writes the JSON copy of a lexicon. */
export function compiledLexiconPath(family: string, name: string): string {
  return path.join(packageRoot(), 'dist', 'lexicons', family, `${name}.json`);
}

/** Every lexicon file in the package (for tests and `protocol-lint explain`). */
export function listLexicons(): Array<{ family: string; name: string; file: string }> {
  const root = path.join(packageRoot(), 'rules');
  const out: Array<{ family: string; name: string; file: string }> = [];
  for (const family of readdirSync(root, { withFileTypes: true })) {
    if (!family.isDirectory()) continue;
    const dataDir = path.join(root, family.name, 'data');
    if (!existsSync(dataDir)) continue;
    for (const f of readdirSync(dataDir).sort()) {
      if (f.endsWith('.yml') || f.endsWith('.yaml')) out.push({ family: family.name, name: f.replace(/\.ya?ml$/, ''), file: path.join(dataDir, f) });
    }
  }
  return out;
}
