import type { MemberEntry, ResolvedConfig, WardEntry } from '../config/types.js';
import { sameName } from './names.js';

/**
 * Wards (or electoral divisions) in text: which of the council's wards a document is about, and who
 * represents them (RULES.md §6 T-W1, T-W4, T-W5; §7.3).
 *
 * A configured ward name counts as a mention when:
 * - it is followed by "ward"/"division" ("Castle ward", "Castle and Quayside wards"), or written as an alias that
 *   says so — unless the sentence is about a hospital ("Abbey Ward at the General Hospital");
 * - it is in a ward context: "the Castle area", "in Castle", "residents of Thornby", "councillor for Market" (and
 *   not followed by another capitalised word: "in Castle Street" is a street);
 * - it is a distinctive proper name ("Thornby", "Kelderby High Street"): a bare mention counts.
 * Names made of ordinary words ("Castle", "Market", "Park", "Abbey Fields"), or that the document also uses in
 * lower case ("market stall"), count only in the first two cases.
 *
 * With no wards in the config, "X ward" / "X division" with a capitalised X counts (hospital and generic
 * wards excluded), so the rules still work from the document's own wording.
 */

export type WardMentionStrength = 'explicit' | 'context' | 'bare';

export interface WardMention {
  /** The ward's canonical name (the config's `name`, or the name as written when there is no config). */
  name: string;
  /** The configured ward, when the config has one. */
  ward?: WardEntry;
  start: number;
  end: number;
  text: string;
  strength: WardMentionStrength;
}

export interface WardList {
  /** Canonical names of the wards listed. */
  wards: string[];
  /** "All", "All wards", "Borough-wide", "Not ward specific", or every configured ward. */
  all: boolean;
  /** The value says nothing ("N/A", "None", empty). */
  none: boolean;
  /** Parts of the value that are not configured wards (kept, as written, in `wards` too). */
  unknown: string[];
}

/**
 * Words that make a ward name ordinary (T-W5). A name all of whose words are here needs a ward context.
 * Compass points and qualifiers count so that "North Park" or "Old Town" are ordinary.
 */
const ORDINARY_WORDS = new Set(
  (
    'abbey abbeys academy airport all arches ash bank banks bay beach bridge bridges brook castle cathedral central ' +
    'centre chapel church city cliff cliffs coast coastal college common commons court cross croft dale dock docks ' +
    'east elm estate farm ferry field fields ford forest garden gardens gate gates grange great green greens grove ' +
    'hall harbour haven heath high hill hills holly island keep lake lakeside lane lanes links little lower manor ' +
    'market marsh marshes meadow meadows mere middle mill mills minster moor moors mount new north oak old orchard ' +
    'palace park parks parkside point port priory quarry quay quays quayside rise river riverside road rose royal ' +
    'saint sands school seafront seaside south spring springs square st station street tower towers town university ' +
    'upper vale valley victoria village wall walls water waterside well wells west wood woods'
  ).split(' '),
);

/** Words after a name that make it a place, street or building rather than the ward. */
const PLACE_NOUN_AFTER =
  /^['’]?s?\s+(?:street|road|lane|avenue|close|way|drive|place|square|hill|park|gardens?|hall|house|centre|center|library|school|academy|church|station|bridge|car\s+park|stall|stalls|traders?|day|town|estate|court|yard|row|walk|terrace|crescent|mews|green|common|wood|farm|field|fields|quarter|district|precinct|retail|shopping|surgery|hospital|pool|leisure|community|depot)\b/i;

const AREA_WORDS = /^(?:['’]s)?\s+(?:area|community|communities|neighbourhood|locality|residents?)\b/i;
const CONTEXT_BEFORE = /(?:^|[^\w])(?:in|for|of|across|within|throughout|around|serving|represent(?:s|ing)?|covering|affecting|including)\s+$/i;
const WARD_AFTER = /^\s+(?:(?:electoral\s+)?wards?|(?:electoral\s+)?divisions?)\b(?!\s*(?:\d|no\b|number\b))/i;
const WARD_AFTER_PLURAL = /^\s+(?:(?:electoral\s+)?wards|(?:electoral\s+)?divisions)\b/i;
const LIST_SEPARATOR = /^(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s*&\s*|\s+or\s+)$/i;

/** A hospital, clinic or care setting in the same sentence: "Ward 7", "Larkspur Ward at the General Hospital". */
export const HOSPITAL_CONTEXT =
  /\b(?:hospitals?|infirmary|patients?|nurs(?:e|es|ing)|NHS|clinic|clinical|discharge[sd]?|beds?|matron|admitted|admissions?|A&E|maternity|paediatric|surgical|stroke unit|ward (?:staff|managers?|sisters?|rounds?|team))\b/i;

/** "X Ward" forms that are never electoral wards, with or without config. */
const GENERIC_WARD_NAME =
  /^(?:the|this|that|each|every|any|all|our|your|their|his|her|its|one|a|an|no|same|other|which|what|whose|hospital|children['’]?s?|maternity|stroke|surgical|medical|psychiatric|isolation|day|general|acute|elderly|elderly care|labour|delivery|assessment|admissions?|observation|cardiac|coronary|intensive care|critical care|high dependency|geriatric|mental health|rehabilitation|respite|private|side|open|female|male|women['’]?s|men['’]?s|trauma|orthopaedic|oncology|renal|neonatal|postnatal|antenatal|the hospital|electoral|new|old|former|adjoining|neighbouring|neighboring|single|multi[- ]member|two[- ]member|three[- ]member|rural|urban|local|home|her own|his own|my|councillor|cllr|member)$/i;

const NO_CONFIG_WARD =
  /\b((?:[A-Z][\w'’-]*)(?:\s+(?:upon|on|in|under|le|by|the|and|[A-Z][\w'’-]*)){0,3}?)\s+(Ward|ward|Division|division)\b(?!\s*(?:\d|No\b|number\b))/g;

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function normWard(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\b(?:electoral\s+)?(?:wards?|divisions?)\b/g, '')
    .replace(/[^a-z0-9']+/g, ' ')
    .trim();
}

interface WardIndex {
  forms: RegExp | undefined;
  lookup: Map<string, WardEntry>;
  /** Ward names whose words are all ordinary words. */
  ordinary: Set<string>;
  /** Lower-case forms of each ward's name, for the "used in lower case in this document" test. */
  lowerForms: Map<string, RegExp>;
  membersByWard: Map<string, MemberEntry[]>;
}

const indexCache = new WeakMap<ResolvedConfig, WardIndex>();

function indexFor(config: ResolvedConfig): WardIndex {
  let idx = indexCache.get(config);
  if (idx) return idx;
  const lookup = new Map<string, WardEntry>();
  const forms: string[] = [];
  const ordinary = new Set<string>();
  const lowerForms = new Map<string, RegExp>();
  for (const w of config.wards) {
    if (!w?.name) continue;
    for (const f of [w.name, ...(w.aliases ?? [])]) {
      if (!f || f.trim().length < 2) continue;
      forms.push(f.trim());
      lookup.set(f.trim().toLowerCase().replace(/\s+/g, ' '), w);
      const n = normWard(f);
      if (n && !lookup.has(n)) lookup.set(n, w);
    }
    const words = w.name.toLowerCase().split(/[\s-]+/).filter(Boolean);
    if (words.length > 0 && words.every((x) => ORDINARY_WORDS.has(x))) ordinary.add(w.name);
    lowerForms.set(w.name, new RegExp(`(?<![\\w-])${escapeRegex(w.name.toLowerCase()).replace(/\s+/g, '\\s+')}(?![\\w-])`));
  }
  const sorted = [...new Set(forms)].sort((a, b) => b.length - a.length);
  const membersByWard = new Map<string, MemberEntry[]>();
  for (const m of config.members) {
    if (!m.ward) continue;
    const w = lookup.get(m.ward.trim().toLowerCase().replace(/\s+/g, ' ')) ?? lookup.get(normWard(m.ward));
    const key = w?.name ?? m.ward.trim();
    const list = membersByWard.get(key) ?? [];
    list.push(m);
    membersByWard.set(key, list);
  }
  idx = {
    forms: sorted.length ? new RegExp(`(?<![\\w'’-])(?:${sorted.map((f) => escapeRegex(f).replace(/\s+/g, '\\s+')).join('|')})(?![\\w-])`, 'gi') : undefined,
    lookup,
    ordinary,
    lowerForms,
    membersByWard,
  };
  indexCache.set(config, idx);
  return idx;
}

/** True when the config lists wards (the gazetteer). */
export function hasWardConfig(config: ResolvedConfig): boolean {
  return config.wards.some((w) => w?.name);
}

/** True when the config knows which members represent which ward. */
export function hasMemberWards(config: ResolvedConfig): boolean {
  return config.members.some((m) => m.ward);
}

/** "ward" or "division", from config `areaTerm`. */
export function areaTermOf(config: ResolvedConfig): 'ward' | 'division' {
  return config.areaTerm === 'division' ? 'division' : 'ward';
}

/** The configured ward a name or alias refers to ("castle ward" → Castle). */
export function resolveWard(name: string, config: ResolvedConfig): WardEntry | undefined {
  const idx = indexFor(config);
  const key = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return idx.lookup.get(key) ?? idx.lookup.get(normWard(name));
}

/** The configured members for a ward (by canonical name), from `members[].ward`. */
export function membersForWard(ward: string, config: ResolvedConfig): MemberEntry[] {
  const idx = indexFor(config);
  const w = resolveWard(ward, config);
  return idx.membersByWard.get(w?.name ?? ward) ?? [];
}

/** The canonical ward of a configured member, if the config gives one. */
export function wardOfMember(member: MemberEntry, config: ResolvedConfig): string | undefined {
  if (!member.ward) return undefined;
  return resolveWard(member.ward, config)?.name ?? member.ward;
}

/** True when a ward name needs a ward context in this text (T-W5). */
export function isOrdinaryWardName(name: string, config: ResolvedConfig, text?: string): boolean {
  const idx = indexFor(config);
  const w = resolveWard(name, config);
  const canonical = w?.name ?? name;
  if (idx.ordinary.has(canonical)) return true;
  if (!w) {
    const words = canonical.toLowerCase().split(/[\s-]+/).filter(Boolean);
    if (words.length > 0 && words.every((x) => ORDINARY_WORDS.has(x))) return true;
  }
  if (text) return ordinaryWardNames(config, text).has(canonical);
  return false;
}

interface RawMatch {
  start: number;
  end: number;
  text: string;
  ward: WardEntry;
  explicit: boolean;
  plural: boolean;
}

const LINKS = /\b(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\b[\w-]+(?:\.[\w-]+)*\.(?:gov\.uk|org\.uk|co\.uk|com|org|net|uk)(?:\/\S*)?|[#@]\w+/gi;

/**
 * The configured wards whose names need a ward context in this document: ordinary words ("Castle", "Market"),
 * and names the document also uses in lower case outside links ("the market stall", not "example.gov.uk/market").
 * Compute it once per document and pass it to `wardMentions`.
 */
export function ordinaryWardNames(config: ResolvedConfig, documentText: string): Set<string> {
  const idx = indexFor(config);
  const out = new Set(idx.ordinary);
  const text = documentText.replace(LINKS, ' ');
  for (const [name, re] of idx.lowerForms) if (!out.has(name) && re.test(text)) out.add(name);
  return out;
}

/**
 * Ward mentions in a piece of text. `ordinary` is the set from `ordinaryWardNames` for the whole document
 * (default: worked out from `text` alone).
 */
export function wardMentions(text: string, config: ResolvedConfig, options: { ordinary?: Set<string> } = {}): WardMention[] {
  if (!hasWardConfig(config)) return noConfigMentions(text);
  const idx = indexFor(config);
  if (!idx.forms) return [];
  const ordinary = options.ordinary ?? ordinaryWardNames(config, text);
  const raw: RawMatch[] = [];
  for (const m of text.matchAll(idx.forms)) {
    const s = m.index!;
    const t = m[0];
    if (!/^[A-Z]/.test(t)) continue; // "castle", "market" in lower case are never the ward
    const ward = idx.lookup.get(t.toLowerCase().replace(/\s+/g, ' '));
    if (!ward) continue;
    const e = s + t.length;
    const after = text.slice(e, e + 40);
    const formSaysWard = /\b(?:wards?|divisions?)$/i.test(t);
    const explicit = formSaysWard || WARD_AFTER.test(after);
    const plural = WARD_AFTER_PLURAL.test(after);
    raw.push({ start: s, end: e, text: t, ward, explicit, plural });
  }
  // "Castle, Quayside and Thornby wards": every name in a list that ends in "wards" is explicit
  for (let i = raw.length - 2; i >= 0; i--) {
    const cur = raw[i]!;
    const next = raw[i + 1]!;
    if (!cur.explicit && (next.plural || (next.explicit && chainedPlural(raw, i + 1))) && LIST_SEPARATOR.test(text.slice(cur.end, next.start))) {
      cur.explicit = true;
      cur.plural = true;
    }
  }
  // each name's own strength
  const strength: Array<WardMentionStrength | undefined> = raw.map((r) => {
    const sentence = sentenceAround(text, r.start, r.end);
    if (r.explicit) {
      if (HOSPITAL_CONTEXT.test(sentence) && /\bWard\b/.test(text.slice(r.start, r.end + 12))) return undefined;
      return 'explicit';
    }
    const before = text.slice(Math.max(0, r.start - 30), r.start);
    const after = text.slice(r.end, r.end + 40);
    const placeAfter = PLACE_NOUN_AFTER.test(after) || /^(?:['’]s)?\s+[A-Z0-9]/.test(after);
    if (/\bthe\s+$/i.test(before) && AREA_WORDS.test(after)) return 'context';
    if (CONTEXT_BEFORE.test(before) && !/\bthe\s+$/i.test(before) && !placeAfter) return 'context';
    return ordinary.has(r.ward.name) ? undefined : 'bare';
  });
  // "in Castle, Quayside and Thornby": names listed after a ward context share it
  for (let i = 1; i < raw.length; i++) {
    const prev = strength[i - 1];
    if ((prev === 'context' || prev === 'explicit') && strength[i] !== 'explicit' && LIST_SEPARATOR.test(text.slice(raw[i - 1]!.end, raw[i]!.start))) {
      const after = text.slice(raw[i]!.end, raw[i]!.end + 40);
      if (!PLACE_NOUN_AFTER.test(after) && !/^(?:['’]s)?\s+[A-Z0-9]/.test(after)) strength[i] = 'context';
    }
  }
  const out: WardMention[] = [];
  raw.forEach((r, i) => {
    const st = strength[i];
    if (st) out.push({ name: r.ward.name, ward: r.ward, start: r.start, end: r.end, text: r.text, strength: st });
  });
  return out;
}

function chainedPlural(raw: RawMatch[], i: number): boolean {
  for (let j = i; j < raw.length; j++) if (raw[j]!.plural) return true;
  return false;
}

function sentenceAround(text: string, start: number, end: number): string {
  let s = start;
  while (s > 0 && start - s < 200 && !/[.!?\n]/.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && e - end < 200 && !/[.!?\n]/.test(text[e]!)) e++;
  return text.slice(s, e);
}

/** "X ward" / "X division" with a capitalised X, when the config lists no wards. */
function noConfigMentions(text: string): WardMention[] {
  const out: WardMention[] = [];
  for (const m of text.matchAll(NO_CONFIG_WARD)) {
    let name = m[1]!;
    let start = m.index!;
    // drop leading words that are not part of a name ("The Castle ward" → "Castle")
    const words = name.split(/\s+/);
    while (words.length > 1 && /^(?:the|for|in|of|and|to|at|on|by|a|an|ward|councillor|cllr|member)$/i.test(words[0]!)) {
      start += words[0]!.length + 1;
      words.shift();
    }
    name = words.join(' ');
    if (GENERIC_WARD_NAME.test(name) || /^(?:and|or)$/i.test(words[words.length - 1] ?? '')) continue;
    const end = start + name.length + 1 + m[2]!.length;
    const sentence = sentenceAround(text, start, end);
    if (HOSPITAL_CONTEXT.test(sentence)) continue;
    out.push({ name, start, end: start + name.length, text: name, strength: 'explicit' });
  }
  return out;
}

const ALL_WARDS =
  /^(?:\(?\s*)?(?:all(?:\s+(?:wards?|divisions?|electoral\s+divisions?|areas?))?|(?:borough|district|county|city|council|authority)[- ]?wide|whole\s+(?:of\s+the\s+)?(?:borough|district|county|city|council area|area)|(?:not|non)[- ]ward[- ]specific|(?:not|non)[- ]division[- ]specific|county\s*wide|all\s+(?:of\s+the\s+)?(?:borough|district|county|city))\s*\)?\.?$/i;
const NONE_WARDS = /^(?:n\/?a|none|no|nil|not applicable|-|–|—|tbc|tba)?\.?$/i;

/** A person rather than a place: "Cllr A Example", "Mr A Example CC", "County Councillor B Example". */
const PERSON_PART = /^(?:(?:cllrs?|councillors?|county\s+councillors?|mr|mrs|ms|miss|mx|dr)\.?\s+[A-Z]|.*\bCC$)/i;

function configuredMember(part: string, config: ResolvedConfig): MemberEntry | undefined {
  return config.members.find((m) => m.ward && sameName(part, m.name));
}

/** Split a "Wards affected" value ("Castle; Quayside", "Castle and Quayside wards", "All") into wards. */
export function parseWardList(value: string, config: ResolvedConfig): WardList {
  const clean = value.replace(/\s+/g, ' ').trim();
  const result: WardList = { wards: [], all: false, none: false, unknown: [] };
  if (NONE_WARDS.test(clean)) {
    result.none = true;
    return result;
  }
  if (ALL_WARDS.test(clean) || /^\(?\s*all\s+wards?\b/i.test(clean) || /\b(?:borough|district|county|city)[- ]wide\b/i.test(clean)) {
    result.all = true;
    return result;
  }
  const parts = clean
    .replace(/\([^)]*\)/g, ' ')
    .split(/\s*(?:,|;|\/|&|\band\b|\n)\s*/i)
    .map((p) => p.replace(/\b(?:electoral\s+)?(?:wards?|divisions?)\b/gi, '').replace(/[.:]+$/, '').trim())
    .filter(Boolean);
  const seen = new Set<string>();
  const add = (name: string) => {
    if (!seen.has(name)) {
      seen.add(name);
      result.wards.push(name);
    }
  };
  const configured = hasWardConfig(config);
  for (const part of parts) {
    if (/^(?:part(?: of)?|parts of)$/i.test(part)) continue;
    if (PERSON_PART.test(part) && !configuredMember(part, config)) continue; // a person, not a ward
    const w = configured ? resolveWard(part.replace(/^(?:part of|parts of)\s+/i, ''), config) : undefined;
    if (w) {
      add(w.name);
      continue;
    }
    // a member's name in a "Local member(s)" field → that member's ward
    const member = configuredMember(part, config);
    if (member) {
      add(wardOfMember(member, config)!);
      continue;
    }
    // configured ward names inside a longer part ("Castle (part)", "part of Quayside", "Castle ward area")
    const forms = configured ? indexFor(config).forms : undefined;
    if (forms) {
      const inPart = [...part.matchAll(forms)].map((m) => resolveWard(m[0], config)).filter((w): w is WardEntry => Boolean(w));
      if (inPart.length > 0) {
        for (const w of inPart) add(w.name);
        continue;
      }
    }
    if (!/^[A-Z0-9]/.test(part) || NONE_WARDS.test(part)) continue;
    result.unknown.push(part);
    add(part);
  }
  if (configured && result.wards.length > 1 && result.unknown.length === 0 && config.wards.every((w) => seen.has(w.name))) result.all = true;
  if (result.wards.length === 0) result.none = true;
  return result;
}

export { sameName } from './names.js';

/** Format a list of names for a message: "A", "A and B", "A, B and C". */
export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
