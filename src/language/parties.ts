import type { MemberEntry, ResolvedConfig } from '../config/types.js';
import { loadLexicon } from './lexicon.js';
import { memberMentions } from './people.js';

/**
 * Mentions of political parties (RULES.md §7.4, trap T-P4).
 *
 * The built-in UK list is data (rules/publicity/data/parties.yml); the config key `parties` adds local parties
 * ("Wexcombe First"). Names that are also ordinary words ("Labour", "Conservative", "Green", "Reform",
 * "Alliance") count only with capitals and party context: a party noun after them ("Labour Group",
 * "Conservative-run council", "Green councillor"), a voting verb or bracket before them ("vote Labour",
 * "(Conservative)"), a councillor's name just before them ("Cllr Ann Example, Labour,"), or another party name
 * beside them ("Labour and Conservative members"). "Independent" is never a party unless the config says so.
 */

export interface PartyDef {
  /** Stable id: the lexicon entry id, or `local:<slug>` for a config party. */
  id: string;
  /** How findings name the party. */
  name: string;
  /** Forms that are a party wherever they appear with capitals. */
  forms: string[];
  /** Forms that need party context. */
  contextual: string[];
  /** From the config key `parties`. */
  local?: boolean;
}

export interface PartyMention {
  start: number;
  end: number;
  text: string;
  party: PartyDef;
  /** `name`: an unambiguous name; `context`: an ordinary word that party context makes a party. */
  how: 'name' | 'context';
}

interface Compiled {
  defs: PartyDef[];
  /** Every form, global: one for scanning a text, one for checking a short chain of names inside that scan. */
  any: RegExp;
  anyInChain: RegExp;
  lookup: Map<string, { def: PartyDef; contextual: boolean; form: string }>;
  chainAfter: RegExp;
  chainBefore: RegExp;
}

/** Party nouns that make an ordinary word a party when they follow it. */
const PARTY_NOUNS = [
  'party', 'parties', 'group', 'groups', 'councillors?', 'cllrs?', 'members?', 'mps?', 'msps?', 'mss?', 'meps?', 'peers?',
  'candidates?', 'administration', 'administrations', 'government', 'governments', 'council', 'councils', 'cabinet',
  'leader', 'leaders', 'leadership', 'manifesto', 'manifestos', 'coalition', 'spokes(?:person|man|woman)',
  'activists?', 'voters?', 'supporters?', 'branch', 'association', 'opposition', 'minority', 'majority', 'mayor',
  'frontbench', 'front bench', 'whips?', 'gains?', 'hold', 'victory', 'ministers?', 'controlled', 'leaflets?', 'vote',
  'votes', 'bloc',
];
/** Nouns that make a party even after another capitalised word ("Wexcombe Labour Group", "Wexcombe Green Party"). */
const STRONG_AFTER = /^(?:['’]s)?(?:\s*[-–]\s*(?:run|led|controlled)\b|\s+(?:party|group|councillors?|cllrs?|candidates?|mps?|msps?|administration|government|coalition|manifesto)(?![\w-]))/i;
/** A capitalised word just before the name, not at the start of a sentence: "Health Alliance", "Kelderby Greens". */
const PROPER_BEFORE = /(\p{Lu}[\p{L}'’-]*)\s+$/u;
const AFTER_NOUN = new RegExp(
  String.raw`^(?:['’]s)?(?:\s*[-–]\s*(?:run|led|controlled|dominated|held|supporting|voting)\b|\s+(?:${PARTY_NOUNS.join('|')})(?![\w-]))`,
  'i',
);
/** A verb right after a capitalised name in mid-sentence: "Labour said", "the Greens have called for". */
const AFTER_VERB = /^\s+(?:said|says|has said|have said|claims?|claimed|called|calls|pledged|promised|voted|won|lost|gained|wants?|proposed|opposed|walked out|abstained|tabled)\b/i;
const BEFORE_VERB =
  /\b(?:vote|votes|voting|voted|elect|electing|support|supporting|supported|back|backing|backed|joined|join|joining|defected to|stood for|standing for|stands for|candidate for|representing|member of|members of|faith (?:with|in|that))\s+(?:for\s+)?(?:the\s+)?$/i;
const OPEN_BRACKET = /\(\s*$/;
const CLOSE_BRACKET = /^\s*(?:\)|,|;|\s+(?:group|party)\b)/i;
/** A street or place word after the name makes it a place ("Tory Lane", "Labour Hall Road"). */
const PLACE_AFTER = /^\s+(?:Lane|Road|Street|Way|Avenue|Close|Drive|Place|Estate|Trading|Industrial|Island|Farm|House|Hall|Park|Square|Court|Hill|Bridge|Wood|Row|Terrace|Gardens|Crescent|Walk|Mews|Yard|Field|Fields|Cottages|Arms|Inn|Tavern|Club)\b/;
const BEFORE_THE = /\bthe\s+$/i;
const SENTENCE_START = /(?:^|[.!?:;]\s+|\n\s*|["“‘(]\s*)$/;

const compiledCache = new WeakMap<ResolvedConfig, Compiled>();
let builtIn: PartyDef[] | undefined;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function formRegex(form: string): string {
  return form
    .trim()
    .split(/\s+/)
    .map((w) => escapeRegex(w).replace(/-/g, '[-\\s]?'))
    .join('\\s+');
}

/** Parties from rules/publicity/data/parties.yml. */
export function builtInParties(): PartyDef[] {
  if (!builtIn) {
    const lex = loadLexicon('publicity', 'parties');
    builtIn = lex.entries
      .filter((e) => e.id !== 'local-parties')
      .map((e) => ({
        id: e.id,
        name: typeof e.name === 'string' ? e.name : e.id,
        forms: (e.phrases ?? []).filter((p) => typeof p === 'string'),
        contextual: Array.isArray(e.contextual) ? (e.contextual as unknown[]).filter((p): p is string => typeof p === 'string') : [],
      }));
  }
  return builtIn;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Never parties, even when a config lists them as a member's "party". */
const NOT_PARTIES = /^(?:independents?|non[- ]aligned|none|unaligned|no party|vacant)$/i;

function compile(config: ResolvedConfig): Compiled {
  let c = compiledCache.get(config);
  if (c) return c;
  const defs: PartyDef[] = builtInParties().map((d) => ({ ...d }));
  const known = (name: string) => defs.find((d) => [...d.forms, ...d.contextual].some((f) => f.toLowerCase() === name.toLowerCase()));
  const locals = [...config.parties, ...config.members.map((m) => m.party ?? '')];
  for (const raw of locals) {
    const name = raw.trim();
    if (!name || NOT_PARTIES.test(name) || known(name)) continue;
    const words = name.split(/\s+/);
    const forms: string[] = [];
    const contextual: string[] = [];
    const variants = [name];
    if (/s$/i.test(name) && words.length > 1) variants.push(name.replace(/s$/i, ''));
    for (const v of variants) (words.length > 1 ? forms : contextual).push(v);
    defs.push({ id: `local:${slug(name)}`, name, forms, contextual, local: true });
  }
  const lookup = new Map<string, { def: PartyDef; contextual: boolean; form: string }>();
  const all: string[] = [];
  for (const d of defs) {
    for (const f of d.forms) {
      lookup.set(norm(f), { def: d, contextual: false, form: f });
      all.push(f);
    }
    for (const f of d.contextual) {
      if (!lookup.has(norm(f))) lookup.set(norm(f), { def: d, contextual: true, form: f });
      all.push(f);
    }
  }
  const alternation = [...new Set(all)].sort((a, b) => b.length - a.length).map(formRegex).join('|');
  c = {
    defs,
    lookup,
    any: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternation})(?![\\p{L}\\p{N}_])`, 'giu'),
    anyInChain: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternation})(?![\\p{L}\\p{N}_])`, 'giu'),
    chainAfter: new RegExp(`^(?:\\s*(?:,|and|&|or|/)\\s*(?:the\\s+)?(?:${alternation})(?![\\p{L}\\p{N}_]))+`, 'iu'),
    chainBefore: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternation})\\s*(?:,|and|&|or|/)\\s*(?:the\\s+)?$`, 'iu'),
  };
  compiledCache.set(config, c);
  return c;
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[\s-]+/g, ' ').replace(/é/g, 'e').trim();
}

/** Every word that is capitalised in the form is capitalised in the text ("Labour", "LABOUR"; not "labour"). */
function capitalsMatch(text: string, form: string): boolean {
  const tw = text.split(/[\s-]+/);
  const fw = form.split(/[\s-]+/);
  if (tw.length !== fw.length) {
    // "LibDem" written "Lib Dem" or the reverse: only the first letter can be compared
    return /^\p{Lu}/u.test(text) === /^\p{Lu}/u.test(form);
  }
  for (let i = 0; i < fw.length; i++) {
    const f = fw[i]!;
    const t = tw[i]!;
    if (/^\p{Lu}/u.test(f) && !/^\p{Lu}/u.test(t)) return false;
  }
  return true;
}

/** Look up a party by name as written in config (`members[].party`) or text; undefined when it is not one. */
export function partyByName(name: string | undefined, config: ResolvedConfig): PartyDef | undefined {
  if (!name || NOT_PARTIES.test(name.trim())) return undefined;
  const c = compile(config);
  return c.lookup.get(norm(name))?.def ?? c.lookup.get(norm(name.replace(/\s+(?:group|party)$/i, '')))?.def;
}

/** The party a councillor in config belongs to, when the config says. */
export function memberParty(member: MemberEntry | undefined, config: ResolvedConfig): PartyDef | undefined {
  return member ? partyByName(member.party, config) : undefined;
}

/** Every party the config knows (built-in and local). */
export function knownParties(config: ResolvedConfig): readonly PartyDef[] {
  return compile(config).defs;
}

/**
 * Party mentions in a piece of text (a block or a sentence), in order, never overlapping. Pass `members` (the
 * councillors' names already found in the same text) to save finding them again.
 */
export function partyMentions(text: string, config: ResolvedConfig, options: { members?: Array<{ start: number; end: number }> } = {}): PartyMention[] {
  const c = compile(config);
  const out: PartyMention[] = [];
  // councillors named in the text (for "Cllr Ann Example, Labour,"): given by the caller, or found on first need
  let members = options.members;
  // one compiled RegExp per config for the whole run; the scan is synchronous, so lastIndex is safe to reset
  const re = c.any;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const s = m.index;
    const e = s + m[0].length;
    const hit = c.lookup.get(norm(m[0]));
    if (!hit) continue;
    if (!capitalsMatch(m[0], hit.form)) continue;
    if (PLACE_AFTER.test(text.slice(e, e + 30))) continue; // "Tory Lane", "SNP Trading Estate"
    if (hit.contextual) {
      members ??= memberMentions(text, config).filter((x) => x.kind === 'member-name');
      if (!hasContext(text, s, e, m[0], c, members)) continue;
    }
    out.push({ start: s, end: e, text: m[0], party: hit.def, how: hit.contextual ? 'context' : 'name' });
  }
  return out;
}

function hasContext(text: string, s: number, e: number, word: string, c: Compiled, members: Array<{ start: number; end: number }>): boolean {
  const after = text.slice(e, e + 80);
  const before = text.slice(Math.max(0, s - 80), s);
  if (STRONG_AFTER.test(after)) return true;
  // part of a longer proper name ("Wexcombe Health Alliance members", "Kelderby Greens"): only a strong noun will do
  const proper = PROPER_BEFORE.exec(before);
  if (proper && !SENTENCE_START.test(before.slice(0, proper.index)) && !c.lookup.has(norm(proper[1]!))) return false;
  if (AFTER_NOUN.test(after)) return true;
  // "Labour and Liberal Democrat councillors", "Labour, the Conservatives and Reform UK"
  const chain = c.chainAfter.exec(after);
  if (chain) {
    const rest = after.slice(chain[0].length);
    if (AFTER_NOUN.test(rest)) return true;
    if (chainHasName(chain[0], c)) return true;
  }
  const back = c.chainBefore.exec(before);
  if (back && chainHasName(back[0], c)) return true;
  if (BEFORE_VERB.test(before)) return true;
  // "Only Labour can ...", "only the Greens will ..."
  if (/\bonly\s+(?:the\s+)?$/i.test(before) && /^\s+(?:can|cannot|can['’]t|will|would)\b/i.test(after)) return true;
  if (OPEN_BRACKET.test(before) && CLOSE_BRACKET.test(after)) return true;
  if (/s$/i.test(word) && BEFORE_THE.test(before) && !/^\s+[A-Z]/.test(after)) return true;
  // "Cllr Ann Example, Labour, said" / "Ann Example (Labour)"
  if (/[,(]\s*$/.test(before) && members.some((m) => s - m.end >= 0 && s - m.end <= 3)) return true;
  // mid-sentence capitals followed by a verb: "the proposal Labour tabled", "Labour said"
  if (!SENTENCE_START.test(before) && /^\p{Lu}/u.test(word) && AFTER_VERB.test(after)) return true;
  return false;
}

function chainHasName(chain: string, c: Compiled): boolean {
  const re = c.anyInChain;
  re.lastIndex = 0;
  for (let m = re.exec(chain); m; m = re.exec(chain)) {
    const hit = c.lookup.get(norm(m[0]));
    if (hit && !hit.contextual && capitalsMatch(m[0], hit.form)) return true;
  }
  return false;
}
