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
  /**
   * All matches in a text, as one regex of every entry's pattern in turn would find them: leftmost first, the
   * earlier entry where two match at the same place, not overlapping. Each names the entry that matched.
   */
  matchAll(text: string): LexiconMatch[];
  /** Whether any entry matches somewhere in a text. */
  test(text: string): boolean;
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

/** One entry's regex source: its own `regex`, or its phrases as alternatives. */
function entrySource(entry: LexiconEntry): string {
  return entry.regex ?? (entry.phrases ?? []).map(phraseToRegex).join('|');
}

function checkEntry(source: string, entry: LexiconEntry, file: string, index: number): void {
  try {
    new RegExp(source, flagsFor(source));
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

/**
 * Validate and compile lexicon data (parsed YAML, or the JSON copy made at build time). Regexes are compiled
 * when first used; `checkPatterns: false` skips compiling each pattern up front to check it, for the JSON copies,
 * which the build has already checked.
 */
export function lexiconFromData(raw: unknown, file: string, options: { checkPatterns?: boolean } = {}): Lexicon {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new LexiconError(file, '(top level)', 'must be a mapping with "entries"');
  const doc = raw as Record<string, unknown>;
  if (!Array.isArray(doc.entries)) throw new LexiconError(file, 'entries', 'must be a list');
  const entries = doc.entries as LexiconEntry[];
  const ids = new Set<string>();
  const sources: string[] = [];
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
    const source = entrySource(e);
    if (options.checkPatterns !== false) checkEntry(source, e, file, i);
    sources.push(source);
  });
  const matcher = lazyMatcher(entries, sources);
  if (options.checkPatterns !== false) {
    // the entries are matched as one regex, with the "u" flag if any entry needs it: check they combine
    try {
      matcher();
    } catch (e) {
      throw new LexiconError(file, 'entries', `cannot be combined into one pattern: ${(e as Error).message}`);
    }
  }
  return {
    file,
    rule: typeof doc.rule === 'string' ? doc.rule : undefined,
    description: typeof doc.description === 'string' ? doc.description : undefined,
    examplesKind: typeof doc['examples-kind'] === 'string' ? (doc['examples-kind'] as string) : undefined,
    examplesAudience: typeof doc['examples-audience'] === 'string' ? (doc['examples-audience'] as string) : undefined,
    examplesConfig: doc['examples-config'] && typeof doc['examples-config'] === 'object' ? (doc['examples-config'] as Record<string, unknown>) : undefined,
    entries,
    matchAll: (text: string) => matcher().matchAll(text),
    test: (text: string) => matcher().test(text),
  };
}

interface Matcher {
  matchAll(text: string): LexiconMatch[];
  test(text: string): boolean;
}

/**
 * A lexicon's matcher, made on first use. Normally one regex: every entry's pattern in a capture group of its
 * own, `(e0)|(e1)|…`, so a match names its entry. V8 compiles a regex's code on its first run, which for a
 * large lexicon costs milliseconds, so this one regex is shared by every rule. Patterns with capture groups or
 * back-references of their own cannot be combined like that (the numbering would shift), so a lexicon with one
 * runs each entry's regex and takes the leftmost match, the earlier entry first, which finds the same matches.
 */
function lazyMatcher(entries: LexiconEntry[], sources: string[]): () => Matcher {
  let made: Matcher | undefined;
  return () => (made ??= sources.some(hasGroupsOrBackrefs) ? entryByEntry(entries, sources) : grouped(entries, sources));
}

function grouped(entries: LexiconEntry[], sources: string[]): Matcher {
  const source = sources.map((src) => `(${src})`).join('|') || '(?!)';
  const re = new RegExp(source, flagsFor(source, true));
  return {
    matchAll(text) {
      const out: LexiconMatch[] = [];
      re.lastIndex = 0; // global and synchronous: reset, then run to the end
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const entry = entries[m.findIndex((g, i) => i > 0 && g !== undefined) - 1];
        if (entry) out.push({ entry, index: m.index, length: m[0].length, text: m[0] });
      }
      return out;
    },
    test(text) {
      re.lastIndex = 0;
      const found = re.test(text);
      re.lastIndex = 0;
      return found;
    },
  };
}

function entryByEntry(entries: LexiconEntry[], sources: string[]): Matcher {
  const res = sources.map((src) => new RegExp(src, flagsFor(src, true)));
  /** The first non-empty match of one entry at or after `from`. */
  const next = (re: RegExp, text: string, from: number): RegExpExecArray | null => {
    re.lastIndex = from;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length > 0) return m;
      re.lastIndex++;
    }
    return null;
  };
  return {
    matchAll(text) {
      const out: LexiconMatch[] = [];
      for (let pos = 0; pos < text.length; ) {
        let best: RegExpExecArray | null = null;
        let bestEntry = -1;
        res.forEach((re, i) => {
          const m = next(re, text, pos);
          if (m && (!best || m.index < best.index)) [best, bestEntry] = [m, i];
        });
        if (!best) break;
        const m: RegExpExecArray = best;
        out.push({ entry: entries[bestEntry]!, index: m.index, length: m[0].length, text: m[0] });
        pos = m.index + m[0].length;
      }
      return out;
    },
    test(text) {
      return res.some((re) => next(re, text, 0) !== null);
    },
  };
}

/** Whether a regex source has capture groups or back-references (read, not compiled: compiling costs time). */
export function hasGroupsOrBackrefs(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) return true;
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
    } else if (ch === '(' && (source[i + 1] !== '?' || (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!'))) {
      return true;
    }
  }
  return false;
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
      if (statSync(json).mtimeMs >= statSync(file).mtimeMs) lex = lexiconFromData(JSON.parse(readFileSync(json, 'utf8')), rel, { checkPatterns: false });
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
