import { createRequire } from 'node:module';
import type { MemberEntry, OfficerEntry, ResolvedConfig } from '../config/types.js';
import { splitSentences } from './sentences.js';

/**
 * People in a piece of text: officers, councillors and everyone else, and who a pronoun means.
 *
 * Officers, strongest first (RULES.md §7.0): names and aliases from the config register (and "Ms Surname"
 * forms derived from them, close misspellings of a registered surname, and the first name alone where the
 * caller says the full name appears in the document); an honorific and surname beside a role ("Mr Example
 * in enforcement", "Ms Example, the case officer"); role titles ("the Director of Place", "your Head of
 * Housing", "the Monitoring Officer", "the planning officer", "officers in the legal team") with or without
 * config. Never officers: Cllr/Councillor X, config members, the Leader, Cabinet Members, Portfolio Holders,
 * Chairs, the Mayor, the Independent Person.
 *
 * `analysePeople` goes further for rules that must know whom words are about: it lists every reference to a
 * person in a block (names, roles, pronouns, "you" in a letter or email, the writer's "I") and resolves each
 * pronoun to the person it most likely means. `subjectAt` / `objectAfter` / `prenominalTarget` then say whom
 * a phrase at a position is said of.
 */

export type MentionKind = 'officer-name' | 'officer-role' | 'officers-collective' | 'member-name' | 'member-role';

export type Gender = 'm' | 'f';

export interface Mention {
  kind: MentionKind;
  start: number;
  end: number;
  text: string;
  officer?: OfficerEntry;
  member?: MemberEntry;
  /** For role mentions: the role as written ("Head of Planning"). */
  role?: string;
  /** Known from a courtesy title ("Ms Treloar") or the config aliases. */
  gender?: Gender;
}

const CAPW = "[A-Z][\\w&'’-]*";
const ROLE_TAIL = `(?:(?:,? and| &|,) (?:the )?${CAPW}| (?:of|for|and|&) (?:the )?${CAPW}| ${CAPW})*`;

/** Senior officer role titles, capitalised as councils write them. */
const SENIOR_ROLE = new RegExp(
  String.raw`\b(?:(?:Interim|Acting|Deputy|Assistant|Executive|Strategic|Corporate|Group|Service)\s+)*(?:` +
    [
      'Chief Executive(?: Officer)?',
      'Head of Paid Service',
      `Director(?: of (?:the )?${CAPW}${ROLE_TAIL})?`,
      `Head of (?:the )?${CAPW}${ROLE_TAIL}`,
      'Monitoring Officer',
      'Returning Officer',
      'Electoral Registration Officer',
      '(?:Section|s\\.?)\\s*151 Officer',
      'Chief Finance Officer',
      'Chief Financial Officer',
      'Chief Officer',
      'Chief Planning Officer',
      'Chief Legal Officer',
      'Borough Solicitor',
      'Council Solicitor',
      'City Solicitor',
      'Town Clerk',
      'Parish Clerk',
      'Proper Officer',
      `(?:${CAPW} ){1,3}(?:Manager|Lead|Officer|Solicitor|Surveyor|Engineer|Planner|Clerk|Adviser|Advisor|Co-ordinator|Coordinator|Controller|Inspector)`,
    ].join('|') +
    ')\\b',
  'g',
);

/** Senior roles as people write them in lower case ("the chief exec", "the monitoring officer", "the CEO"). */
const LOWER_SENIOR_ROLE =
  /\b(?:(?:interim|acting|deputy|assistant|executive|strategic|corporate)\s+)?(?:chief exec(?:utive)?|ceo|monitoring officer|section 151 officer|s151 officer|chief finance officer|(?:director|head) of (?:planning|housing|place|people|legal(?: services)?|finance|resources|environment(?:al services)?|communities|regeneration|waste|highways|democratic services|governance|children'?s services|adult social care|leisure|property|estates|customer services|hr|human resources|communications|comms|it|ict|transformation|operations|neighbourhoods|public health))\b(?!\s+(?:level|area|department|team|role|post|budget)\b)/gi;

/** Lower-case job descriptions: "the planning officer", "enforcement officers", "council lawyers". */
const GENERIC_ROLE =
  /\b(?:(?:the|your|our|their|this|that|a|an|one|two|three|some|several|senior|junior|his|her)\s+)?(?:(?:senior|principal|chief|deputy|assistant|lead|duty|case|named)\s+)?(?:planning|enforcement|case|licensing|highways?|housing|social care|legal|press|communications?|comms|democratic services|finance|waste|environmental health|building control|conservation|tree|parking|council|estates|property|regeneration|leisure|electoral services|customer services|hr|human resources|it|ict|procurement|audit|scrutiny|committee|benefits|revenues|refuse|street scene)\s+(?:officers?|managers?|team leaders?|lawyers?|solicitors?|staff|surveyors?|planners?|inspectors?|advisers?|clerks?)\b/gi;

/** Officers collectively: "officers", "council officers", "staff", "officers in the legal team", "the planning team". */
const COLLECTIVE =
  /\b(?:(?:the|your|our|their|these|those|some|senior|council|borough|district|county|unelected)\s+)*(?:officers|officials|bureaucrats|staff|employees)(?:\s+(?:in|of|from)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}(?:team|department|directorate|service|section))?\b|\b(?:the|your|our|their|this|that)\s+(?:council['’]s\s+)?(?:planning|enforcement|legal|housing|waste|licensing|highways|comms|communications|press|finance|hr|democratic services|conservation|environmental health|parking|regeneration|estates|property|senior management|management|leadership)\s+team\b(?!['’]s\s+(?:report|advice|work|figures|response|plan))/gi;

/** Words before a role that make it not an officer of this council ("Cabinet Member for Place"). */
const NOT_OFFICER_BEFORE = /(?:\bcabinet member|\bportfolio holder|\blead member|\bcllr\.?|\bcouncillor|\bchair(?:man|woman)?|\bleader|\bmayor)\s*(?:for\s+)?$/i;

/** Words after a name that make it a place ("Amberley Road", "Treloar House"). */
const PLACE_AFTER = /^\s+(?:Road|Street|St|Lane|Avenue|Close|Way|Drive|Park|House|Court|Place|Square|Hall|Centre|Center|Ward|Estate|Gardens|Crescent|Terrace|Farm|Primary|School|Academy|Bridge|Quarry|Green|Hill)\b/;

const COURTESY = ['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr'];
const FEMALE_TITLE = /^(?:Mrs|Ms|Miss)\.?$/i;
const MALE_TITLE = /^Mr\.?$/i;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function surnameOf(name: string): string {
  const parts = name.trim().split(/\s+/);
  return parts[parts.length - 1]!;
}

function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0]!;
}

function genderOfTitle(title: string | undefined): Gender | undefined {
  if (!title) return undefined;
  if (FEMALE_TITLE.test(title)) return 'f';
  if (MALE_TITLE.test(title)) return 'm';
  return undefined;
}

/** An officer's gender when the config's aliases show it ("Ms Treloar" → f). */
function configGender(o: { aliases?: string[] }): Gender | undefined {
  for (const a of o.aliases ?? []) {
    const g = genderOfTitle(a.split(/\s+/)[0]);
    if (g) return g;
  }
  return undefined;
}

interface NameIndex {
  officerNames: RegExp | undefined;
  officerLookup: Map<string, OfficerEntry>;
  memberNames: RegExp | undefined;
  memberLookup: Map<string, MemberEntry>;
  officerSurnames: Array<{ surname: string; officer: OfficerEntry }>;
  memberSurnames: Set<string>;
  memberRoles: RegExp | undefined;
  memberRoleLookup: Map<string, MemberEntry>;
  officerGender: Map<OfficerEntry, Gender>;
  nameWords: Set<string>;
  /** Officers' first names, and those a councillor shares (not evidence of either). */
  officerFirst: Map<OfficerEntry, string>;
  memberFirstNames: Set<string>;
  firstNameRegex: Map<OfficerEntry, RegExp>;
  surnameInitials: Set<string>;
  officerFirstNames: Set<string>;
}

const indexCache = new WeakMap<ResolvedConfig, NameIndex>();

function namesRegex(forms: string[]): RegExp | undefined {
  if (forms.length === 0) return undefined;
  const sorted = [...new Set(forms)].sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\w-])(?:${sorted.map((f) => escapeRegex(f).replace(/\s+/g, '\\s+')).join('|')})(?![\\w-])`, 'g');
}

function indexFor(config: ResolvedConfig): NameIndex {
  let idx = indexCache.get(config);
  if (idx) return idx;
  const officerLookup = new Map<string, OfficerEntry>();
  const officerForms: string[] = [];
  const addOfficer = (form: string, o: OfficerEntry) => {
    if (!form || form.length < 3) return;
    officerForms.push(form);
    officerLookup.set(form.toLowerCase().replace(/\s+/g, ' '), o);
  };
  const officerGender = new Map<OfficerEntry, Gender>();
  for (const o of config.officers) {
    addOfficer(o.name, o);
    for (const a of o.aliases ?? []) addOfficer(a, o);
    const s = surnameOf(o.name);
    for (const t of COURTESY) addOfficer(`${t} ${s}`, o);
    const g = configGender(o);
    if (g) officerGender.set(o, g);
  }
  const memberLookup = new Map<string, MemberEntry>();
  const memberForms: string[] = [];
  const addMember = (form: string, m: MemberEntry) => {
    if (!form || form.length < 3) return;
    memberForms.push(form);
    memberLookup.set(form.toLowerCase().replace(/\s+/g, ' '), m);
  };
  const memberRoleForms: string[] = [];
  const memberRoleLookup = new Map<string, MemberEntry>();
  for (const m of config.members) {
    addMember(m.name, m);
    for (const a of m.aliases ?? []) addMember(a, m);
    const s = surnameOf(m.name);
    for (const t of ['Cllr', 'Cllr.', 'Councillor', 'County Councillor', ...COURTESY]) addMember(`${t} ${s}`, m);
    for (const t of ['Cllr', 'Cllr.', 'Councillor']) addMember(`${t} ${m.name}`, m);
    for (const r of m.roles ?? []) {
      if (!r) continue;
      memberRoleForms.push(r);
      memberRoleLookup.set(r.toLowerCase(), m);
    }
  }
  idx = {
    officerNames: namesRegex(officerForms),
    officerLookup,
    memberNames: namesRegex(memberForms),
    memberLookup,
    officerSurnames: config.officers.map((o) => ({ surname: surnameOf(o.name), officer: o })),
    memberSurnames: new Set(config.members.map((m) => surnameOf(m.name))),
    memberRoles: namesRegex(memberRoleForms),
    memberRoleLookup,
    officerGender,
    nameWords: new Set(config.officers.flatMap((o) => o.name.split(/\s+/)).concat(config.members.flatMap((m) => m.name.split(/\s+/)))),
    officerFirst: new Map(config.officers.map((o) => [o, firstNameOf(o.name)])),
    surnameInitials: new Set(config.officers.map((o) => surnameOf(o.name)[0]!)),
    officerFirstNames: new Set(config.officers.map((o) => firstNameOf(o.name))),
    memberFirstNames: new Set(config.members.map((m) => firstNameOf(m.name))),
    firstNameRegex: new Map(
      config.officers
        .filter((o) => firstNameOf(o.name).length >= 3 && firstNameOf(o.name) !== o.name)
        .map((o) => [o, new RegExp(`(?<![\\w-])${escapeRegex(firstNameOf(o.name))}(?![\\w-])(?!\\s+[A-Z])`, 'g')]),
    ),
  };
  indexCache.set(config, idx);
  return idx;
}

const memberCache = new WeakMap<ResolvedConfig, Map<string, Mention[]>>();

/** Councillor mentions: Cllr/Councillor + name, config member names and roles, "the Leader", "Cabinet Member". */
export function memberMentions(text: string, config: ResolvedConfig): Mention[] {
  let perConfig = memberCache.get(config);
  if (!perConfig) memberCache.set(config, (perConfig = new Map()));
  const cached = perConfig.get(text);
  if (cached) return [...cached];
  const idx = indexFor(config);
  const out: Mention[] = [];
  if (idx.memberNames) {
    for (const m of text.matchAll(idx.memberNames)) {
      const title = m[0].split(/\s+/)[0];
      out.push({ kind: 'member-name', start: m.index!, end: m.index! + m[0].length, text: m[0], member: idx.memberLookup.get(m[0].toLowerCase().replace(/\s+/g, ' ')), gender: genderOfTitle(title) });
    }
  }
  if (idx.memberRoles) {
    for (const m of text.matchAll(idx.memberRoles)) {
      out.push({ kind: 'member-role', start: m.index!, end: m.index! + m[0].length, text: m[0], role: m[0], member: idx.memberRoleLookup.get(m[0].toLowerCase()) });
    }
  }
  const TITLED = /\b(?:Cllrs?\.?|Councillors?|County Councillors?|Council Leader|Mayor)\s+(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2}/g;
  for (const m of text.matchAll(TITLED)) out.push({ kind: 'member-name', start: m.index!, end: m.index! + m[0].length, text: m[0] });
  const ROLES =
    /\b(?:the\s+)?(?:(?:Deputy\s+)?Leader(?: of the (?:Council|Opposition|[A-Z][\w-]+(?: [A-Z][\w-]+)* Group))?|(?:Cabinet|Executive|Lead) Member(?: for (?:[A-Z][\w&-]*)(?:(?:,? and| &|,)? [A-Z][\w&-]*)*)?|Portfolio Holder(?: for (?:[A-Z][\w&-]*)(?:(?:,? and| &)? [A-Z][\w&-]*)*)?|(?:Vice[- ])?Chair(?:man|woman)?(?: of (?:the )?[A-Z][\w-]*(?: (?:and )?[A-Z][\w-]*)*)?|(?:Lord )?Mayor|Independent Person|ward (?:members?|councillors?)|local (?:members?|councillors?)|councillors?|the leader)\b/g;
  for (const m of text.matchAll(ROLES)) out.push({ kind: 'member-role', start: m.index!, end: m.index! + m[0].length, text: m[0], role: m[0].replace(/^the\s+/i, '') });
  const result = dedupe(out);
  if (perConfig.size > 2000) perConfig.clear();
  perConfig.set(text, result);
  return [...result];
}

export interface OfficerMentionOptions {
  /**
   * Also match first names alone ("Dear Yasmin", "I spoke to Yasmin"): `true` for every registered officer,
   * or the officers whose full name appears in the document (the safer choice for a thread).
   */
  firstNames?: boolean | readonly OfficerEntry[];
  /** Close misspellings of registered surnames (Jaro-Winkler); on by default. */
  fuzzy?: boolean;
}

/** Officer mentions: register names (with misspellings), senior role titles, job descriptions, officers collectively. */
export function officerMentions(text: string, config: ResolvedConfig, options: OfficerMentionOptions = {}): Mention[] {
  const idx = indexFor(config);
  const out: Mention[] = [];
  const members = memberMentions(text, config);
  const insideMember = (s: number, e: number) => members.some((m) => s < m.end && e > m.start);
  const taken = (s: number, e: number) => out.some((x) => s < x.end && e > x.start);

  if (idx.officerNames) {
    for (const m of text.matchAll(idx.officerNames)) {
      const s = m.index!;
      const e = s + m[0].length;
      if (insideMember(s, e) || PLACE_AFTER.test(text.slice(e, e + 12))) continue;
      const officer = idx.officerLookup.get(m[0].toLowerCase().replace(/\s+/g, ' '));
      out.push({ kind: 'officer-name', start: s, end: e, text: m[0], officer, gender: genderOfTitle(m[0].split(/\s+/)[0]) ?? (officer ? idx.officerGender.get(officer) : undefined) });
    }
  }
  if (options.firstNames) {
    const list = options.firstNames === true ? config.officers : options.firstNames;
    for (const o of list) {
      const first = idx.officerFirst.get(o) ?? firstNameOf(o.name);
      const re = idx.firstNameRegex.get(o);
      // a first name shared with a councillor is not evidence of either
      if (!re || idx.memberFirstNames.has(first)) continue;
      for (const m of text.matchAll(re)) {
        const s = m.index!;
        if (insideMember(s, s + first.length) || taken(s, s + first.length)) continue;
        out.push({ kind: 'officer-name', start: s, end: s + first.length, text: m[0], officer: o, gender: idx.officerGender.get(o) });
      }
    }
  }
  if (options.fuzzy !== false && idx.officerSurnames.length > 0) {
    const jw = jaroWinkler();
    const CAP = /(?<![\w-])(?:(Mr|Mrs|Ms|Miss|Dr)\.?\s+|([A-Z][a-z]+)\s+)?([A-Z][a-z'’-]{3,}(?:-[A-Z][a-z'’-]+)?)(?![\w-])/g;
    for (const m of text.matchAll(CAP)) {
      const title = m[1];
      const firstWord = m[2];
      const word = m[3]!.replace(/['’]s?$/, '');
      const s = m.index! + m[0].length - m[3]!.length;
      const wEnd = s + word.length;
      if (taken(s, wEnd) || insideMember(s, wEnd) || PLACE_AFTER.test(text.slice(wEnd, wEnd + 12))) continue;
      if (/^\s+[A-Z]/.test(text.slice(wEnd, wEnd + 3)) && !title) continue; // part of a longer proper name
      // without a title or first name, a misspelling keeps the first letter
      if (!title && !(firstWord && idx.officerFirstNames.has(firstWord)) && !idx.surnameInitials.has(word[0]!)) continue;
      for (const { surname, officer } of idx.officerSurnames) {
        if (surname.length < 4) continue;
        const start = title ? m.index! : s;
        const firstMatches = firstWord !== undefined && firstWord === idx.officerFirst.get(officer);
        const mStart = firstMatches ? m.index! : start;
        if (word === surname) {
          if (idx.memberSurnames.has(word) && !title) continue;
          out.push({ kind: 'officer-name', start: mStart, end: wEnd, text: text.slice(mStart, wEnd), officer, gender: genderOfTitle(title) ?? idx.officerGender.get(officer) });
          break;
        }
        // a close misspelling: with a title or the officer's first name, or unmistakably close
        if (surname.length < 5 || Math.abs(word.length - surname.length) > 2) continue;
        if (word.toLowerCase() === surname.toLowerCase() + 's' || word.toLowerCase() === surname.toLowerCase() + 'es') continue;
        const anchored = Boolean(title) || firstMatches;
        if (!anchored && word[0] !== surname[0]) continue;
        const score = similarity(jw, word, surname);
        // sounds the same (Double Metaphone), so "Fenwrite" is Fenwright but "Mr Marchant" is not Ms Marchbank
        if (score < 0.92) continue;
        const sounds = soundsAlike(word, surname);
        const close = score >= 0.96 && sounds && word.slice(0, 2) === surname.slice(0, 2) && Math.abs(word.length - surname.length) <= 1;
        const titleGender = genderOfTitle(title);
        const knownGender = idx.officerGender.get(officer);
        if (titleGender && knownGender && titleGender !== knownGender) continue;
        if ((anchored && score >= 0.92 && (sounds || score >= 0.95)) || close) {
          out.push({ kind: 'officer-name', start: mStart, end: wEnd, text: text.slice(mStart, wEnd), officer, gender: genderOfTitle(title) ?? idx.officerGender.get(officer) });
          break;
        }
      }
    }
  }
  for (const m of text.matchAll(SENIOR_ROLE)) {
    let s = m.index!;
    let t = trimRole(m[0], idx);
    if (/^(?:The|This|That|Our|Your|Their|A|An)\s/.test(t)) {
      s += t.indexOf(' ') + 1;
      t = t.slice(t.indexOf(' ') + 1);
    }
    const e = s + t.length;
    const before = text.slice(Math.max(0, s - 40), s);
    if (NOT_OFFICER_BEFORE.test(before) || insideMember(s, e)) continue;
    if (/^(?:Cabinet|Portfolio|Ward|Lead Member|Council)\b/.test(t)) continue;
    if (taken(s, e)) continue;
    out.push({ kind: 'officer-role', start: s, end: e, text: t, role: t, officer: officerForRole(t, config) });
  }
  for (const m of text.matchAll(LOWER_SENIOR_ROLE)) {
    const s = m.index!;
    const e = s + m[0].length;
    if (insideMember(s, e) || taken(s, e)) continue;
    if (NOT_OFFICER_BEFORE.test(text.slice(Math.max(0, s - 40), s))) continue;
    const role = m[0].toLowerCase() === 'ceo' || /^chief exec$/i.test(m[0]) ? 'Chief Executive' : m[0];
    out.push({ kind: 'officer-role', start: s, end: e, text: m[0], role, officer: officerForRole(role, config) });
  }
  for (const m of text.matchAll(GENERIC_ROLE)) {
    let s = m.index!;
    let t = m[0];
    const det = /^(?:the|your|our|their|this|that|a|an|one|his|her)\s+/i.exec(t);
    if (det && !/s$/i.test(t)) {
      s += det[0].length;
      t = t.slice(det[0].length);
    }
    const e = s + t.length;
    if (insideMember(s, e) || taken(s, e)) continue;
    out.push({ kind: /s\b$|staff\b/i.test(t) ? 'officers-collective' : 'officer-role', start: s, end: e, text: t, role: t });
  }
  for (const m of text.matchAll(COLLECTIVE)) {
    const s = m.index!;
    const e = s + m[0].length;
    if (insideMember(s, e) || taken(s, e)) continue;
    // "staff" as a verb or in "staff car park" is not people
    if (/^staff$/i.test(m[0]) && /^\s+(?:car|room|survey|costs?|numbers?|budget|levels?)\b/i.test(text.slice(e, e + 12))) continue;
    out.push({ kind: 'officers-collective', start: s, end: e, text: m[0] });
  }
  // honorific + surname beside a role: "Mr Example in enforcement", "Ms Example, the case officer"
  const TITLED = /\b(Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+([A-Z][\w'’-]+)\b/g;
  for (const m of text.matchAll(TITLED)) {
    const s = m.index!;
    const e = s + m[0].length;
    if (insideMember(s, e) || taken(s, e)) continue;
    const after = text.slice(e, e + 60);
    const before = text.slice(Math.max(0, s - 60), s);
    const inDept = /^\s+(?:in|from|at|of)\s+(?:the\s+)?(?:council['’]s\s+)?(planning|enforcement|licensing|highways|housing|legal|finance|waste|environmental health|building control|parking|estates|property|regeneration|leisure|hr|human resources|it|ict|procurement|audit|benefits|revenues|refuse|street scene|democratic services|customer services|communications|comms|press office)(?:\s+(?:team|department|office|section|service))?\b/i.exec(after);
    const roleAfter = /^,\s+(?:the|our|your|a)\s+(?:[a-z]+\s+){0,2}(?:officer|manager|solicitor|lawyer|surveyor|planner|inspector|clerk|adviser|director)\b/i.exec(after);
    const roleBefore = /(?:\b(?:officer|manager|solicitor|lawyer|surveyor|planner|inspector|clerk|adviser)|Officer|Manager|Director|Head of [A-Z][\w ]+),?\s+$/.test(before);
    if (!inDept && !roleAfter && !roleBefore) continue;
    const end = inDept ? e + inDept[0].length : e;
    out.push({ kind: 'officer-name', start: s, end, text: text.slice(s, end), role: inDept ? inDept[1] : undefined, gender: genderOfTitle(m[1]) });
  }
  return dedupe(out);
}

function officerForRole(role: string, config: ResolvedConfig): OfficerEntry | undefined {
  const r = role.toLowerCase().replace(/^(?:the|our|your)\s+/, '');
  return config.officers.find((o) => o.role && o.role.toLowerCase() === r);
}

const STOP_WORDS = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Cllr', 'Councillor', 'Said', 'Has', 'Is', 'Was', 'Will', 'The', 'On', 'In', 'At', 'To', 'For', 'I', 'We', 'He', 'She', 'They', 'It', 'This', 'That', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);

/** Cut a role title before a person's name or an ordinary word caught by the capitalised-word tail. */
function trimRole(role: string, idx: NameIndex): string {
  const words = role.split(' ');
  let keep = words.length;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!.replace(/[,.]$/, '');
    if (STOP_WORDS.has(w) || idx.nameWords.has(w)) {
      keep = i;
      break;
    }
  }
  let out = words.slice(0, keep).join(' ');
  out = out.replace(/(?:,? and| &|,| of| for| the)+$/, '');
  return out;
}

function dedupe<T extends { start: number; end: number }>(list: T[]): T[] {
  list.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: T[] = [];
  for (const m of list) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue; // overlapped by a longer/earlier mention
    out.push(m);
  }
  return out;
}

const similarityCache = new Map<string, number>();

/** Jaro-Winkler of two names, case-insensitive, remembered (the same capitalised words recur in a document). */
function similarity(jw: (a: string, b: string) => number, word: string, surname: string): number {
  const key = `${word}\u0000${surname}`;
  let v = similarityCache.get(key);
  if (v === undefined) {
    if (similarityCache.size > 50_000) similarityCache.clear();
    v = jw(word.toLowerCase(), surname.toLowerCase());
    similarityCache.set(key, v);
  }
  return v;
}

let jwFn: ((a: string, b: string) => number) | undefined;

/** natural's Jaro-Winkler, loaded on first use from its submodule (never the package root). */
export function jaroWinkler(): (a: string, b: string) => number {
  if (!jwFn) {
    const require = createRequire(import.meta.url);
    const mod = require('natural/lib/natural/distance/jaro-winkler_distance') as
      | ((a: string, b: string, options?: unknown) => number)
      | { JaroWinklerDistance: (a: string, b: string, options?: unknown) => number };
    const fn = typeof mod === 'function' ? mod : mod.JaroWinklerDistance;
    jwFn = (a, b) => fn(a, b, {});
  }
  return jwFn;
}

let dmFn: ((word: string) => string[]) | undefined;

/** natural's Double Metaphone codes of a word, loaded on first use from its submodule. */
function doubleMetaphone(word: string): string[] {
  if (!dmFn) {
    const require = createRequire(import.meta.url);
    const Ctor = require('natural/lib/natural/phonetics/double_metaphone') as new () => { process(w: string): string[] };
    const dm = new Ctor();
    dmFn = (w) => dm.process(w);
  }
  return dmFn(word);
}

function soundsAlike(a: string, b: string): boolean {
  const x = doubleMetaphone(a.toLowerCase().replace(/[^a-z]/g, ''));
  const y = doubleMetaphone(b.toLowerCase().replace(/[^a-z]/g, ''));
  return x.some((c) => c && y.includes(c));
}

/** True if the text names someone the config says is a councillor. */
export function isMemberName(name: string, config: ResolvedConfig): boolean {
  const n = name.toLowerCase().replace(/\b(?:cllr|councillor|mr|mrs|ms|dr)\.?\s+/g, '').trim();
  return config.members.some((m) => m.name.toLowerCase() === n || surnameOf(m.name).toLowerCase() === n || (m.aliases ?? []).some((a) => a.toLowerCase() === n));
}

/** The registered officer a name (or email display name / address) belongs to. */
export function officerByName(name: string, config: ResolvedConfig): OfficerEntry | undefined {
  const n = name.toLowerCase().replace(/\b(?:mr|mrs|ms|miss|dr)\.?\s+/g, '').replace(/[^a-z' -]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!n) return undefined;
  return config.officers.find((o) => o.name.toLowerCase() === n || (o.aliases ?? []).some((a) => a.toLowerCase().replace(/\b(?:mr|mrs|ms|miss|dr)\.?\s+/g, '') === n));
}

/** The registered officer an email address belongs to ("yasmin.treloar@..."), by the name in its local part. */
export function officerByAddress(address: string, config: ResolvedConfig): OfficerEntry | undefined {
  const local = address.slice(0, address.indexOf('@')).toLowerCase().replace(/[^a-z]+/g, ' ').trim();
  if (!local) return undefined;
  return config.officers.find((o) => {
    const parts = o.name.toLowerCase().replace(/[^a-z]+/g, ' ').trim();
    return local === parts || (local.includes(surnameOf(parts).toLowerCase()) && surnameOf(parts).length >= 5 && !/^cllr\b|^councillor\b/.test(local));
  });
}

// ─── Discourse: who is meant ─────────────────────────────────────────────────

/** A person (or group, or thing) that text refers to. Shared by every reference to them in a document. */
export interface Referent {
  kind: 'officer' | 'officers' | 'member' | 'other' | 'writer' | 'reader' | 'thing';
  /** For messages: "Yasmin Treloar (Head of Planning)", "the planning officer", "officers (collectively)". */
  label: string;
  /** Identity within a document (same key = same person). */
  key: string;
  officer?: OfficerEntry;
  member?: MemberEntry;
  role?: string;
  gender?: Gender;
  plural?: boolean;
  /** A named person (singular "they" does not refer to a named person in this analysis). */
  named?: boolean;
}

export type PronounCase = 'subject' | 'object' | 'possessive' | 'reflexive';

/** What follows a possessive: "Ms Treloar's report", and the plural "the officers' report". */
const POSSESSIVE = /^['’](?:s\b|(?!\w))/;

/** One reference to a person or thing in a block's text. */
export interface Ref {
  start: number;
  end: number;
  text: string;
  /** Who it means; undefined for a pronoun that could not be resolved. */
  referent?: Referent;
  via: 'name' | 'role' | 'collective' | 'member' | 'other' | 'thing' | 'pronoun' | 'you' | 'writer';
  /** "Ms Treloar's", "his", "your": the reference owns what follows. */
  possessive: boolean;
  pronoun?: { case: PronounCase; gender?: Gender; plural?: boolean; person: 1 | 2 | 3 };
  /** The mention it came from, for names and roles. */
  mention?: Mention;
}

export interface PeopleContext {
  config: ResolvedConfig;
  /** Officers whose first name alone counts (their full name appears in the document). */
  firstNames?: readonly OfficerEntry[];
  /** Who "you"/"your" means (the addressee of a letter or email), if known. */
  addressee?: Referent;
  /** Who "I"/"me"/"my" is. */
  writer?: Referent;
  /** Names of other people known from the document (email display names that are not officers or members). */
  otherNames?: readonly string[];
  /** Referents shared across the document's blocks (keeps what is learnt about a person, e.g. gender). */
  registry?: Map<string, Referent>;
}

/** Other people: residents, applicants, journalists, contractors' staff... */
const OTHER_PERSON =
  /\b(?:(?:a|the|my|our|one|another|this|that|local|many|some|several|older|young|vulnerable|disabled)\s+)?(?:residents?|adults?|children|child|famil(?:y|ies)|pupils?|patients?|service users?|carers?|clients?|customers?|users?|victims?|veterans?|voters?|electors?|taxpayers?|constituents?|applicants?|complainants?|objectors?|tenants?|landlords?|householders?|parents?|neighbours?|members? of the public|journalists?|reporters?|editors?|the public|people|agents?|investigators?|investigating officer|independent investigator|interim manager|operatives?|crews?|volunteers?|traders?|shopkeepers?|businesses?|owners?|occupiers?|the man|the woman|this man|this woman|a man|a woman)\b/gi;

/** Organisations and things people blame: these are not people and are never officers (RULES.md T-D3). */
const THING =
  /\b(?:(?:the|this|that|our|your|their|its|a|an)\s+)?(?:council|authority|department|directorate|service|services|team|section|office|partnership|trust|company|companies|firms?|contractors?|sub-contractors?|developers?|consultants?|consultancy|operator|housebuilders?|cabinet|committee|administration|government|group|party|board|panel|system|process|app|website|report|strategy|scheme|policy|plan|project|decision|recommendation|advice|consultation|contract|budget)\b/gi;

const PRONOUN = /\b(?:he|him|his|himself|she|her|hers|herself|they|them|their|theirs|themselves|you|your|yours|yourself|i|me|my|myself|we|us|our|ourselves)\b/gi;

function pronounInfo(word: string, next: string): Ref['pronoun'] {
  const w = word.toLowerCase();
  switch (w) {
    case 'he':
      return { case: 'subject', gender: 'm', person: 3 };
    case 'him':
      return { case: 'object', gender: 'm', person: 3 };
    case 'his':
      return { case: 'possessive', gender: 'm', person: 3 };
    case 'himself':
      return { case: 'reflexive', gender: 'm', person: 3 };
    case 'she':
      return { case: 'subject', gender: 'f', person: 3 };
    case 'her':
      // "her report" (possessive) or "sack her" (object): possessive when a word that is not a function word follows
      return { case: /^\s+(?!(?:to|the|a|an|and|or|but|for|from|of|in|on|at|by|with|as|that|this|if|when|because|so|out|off|up|down|back|again|now|here|there|yet|too|is|was)\b)[a-z’'-]+/i.test(next) ? 'possessive' : 'object', gender: 'f', person: 3 };
    case 'hers':
      return { case: 'possessive', gender: 'f', person: 3 };
    case 'herself':
      return { case: 'reflexive', gender: 'f', person: 3 };
    case 'they':
      return { case: 'subject', plural: true, person: 3 };
    case 'them':
      return { case: 'object', plural: true, person: 3 };
    case 'their':
    case 'theirs':
      return { case: 'possessive', plural: true, person: 3 };
    case 'themselves':
      return { case: 'reflexive', plural: true, person: 3 };
    case 'you':
      return { case: 'subject', person: 2 };
    case 'your':
    case 'yours':
      return { case: 'possessive', person: 2 };
    case 'yourself':
      return { case: 'reflexive', person: 2 };
    case 'i':
      return { case: 'subject', person: 1 };
    case 'me':
      return { case: 'object', person: 1 };
    case 'my':
      return { case: 'possessive', person: 1 };
    case 'myself':
      return { case: 'reflexive', person: 1 };
    case 'we':
      return { case: 'subject', plural: true, person: 1 };
    case 'us':
      return { case: 'object', plural: true, person: 1 };
    case 'our':
    case 'ourselves':
      return { case: 'possessive', plural: true, person: 1 };
    default:
      return undefined;
  }
}

/** Describe an officer for messages: "Yasmin Treloar (Head of Planning)". */
export function officerLabel(o: OfficerEntry): string {
  return o.role ? `${o.name} (${o.role})` : o.name;
}

function referentFor(m: Mention, ctx: PeopleContext): Referent {
  const reg = ctx.registry ?? new Map<string, Referent>();
  let key: string;
  let make: () => Referent;
  if (m.officer) {
    const o = m.officer;
    key = `officer:${o.name}`;
    make = () => ({ kind: 'officer', label: officerLabel(o), key, officer: o, role: o.role, named: true, gender: m.gender ?? indexFor(ctx.config).officerGender.get(o) });
  } else if (m.kind === 'officer-role' || m.kind === 'officer-name') {
    const role = (m.role ?? m.text).replace(/^(?:the|your|our|their|this|that|a|an)\s+/i, '');
    key = `role:${role.toLowerCase()}`;
    const named = m.kind === 'officer-name';
    make = () => ({ kind: 'officer', label: named ? m.text : `the ${role}`, key, role, named, gender: m.gender });
  } else if (m.kind === 'officers-collective') {
    key = `officers:${m.text.toLowerCase().replace(/^(?:the|your|our|their|these|those|some)\s+/, '')}`;
    make = () => ({ kind: 'officers', label: `${m.text.replace(/^(?:the|your|our|their|these|those)\s+/i, '')} (collectively)`, key, plural: true });
  } else {
    const mem = m.member;
    key = mem ? `member:${mem.name}` : `member:${m.text.toLowerCase()}`;
    const plural = /s$/i.test(m.text) && /councillors|members/i.test(m.text);
    make = () => ({ kind: 'member', label: mem ? `Cllr ${mem.name}` : m.text, key, member: mem, gender: m.gender, plural, named: m.kind === 'member-name' });
  }
  let r = reg.get(key);
  if (!r) {
    r = make();
    reg.set(key, r);
  } else if (!r.gender && m.gender) r.gender = m.gender;
  return r;
}

const WRITER: Referent = { kind: 'writer', label: 'the writer', key: 'writer' };
const READER: Referent = { kind: 'reader', label: 'the reader', key: 'reader' };

/**
 * Every reference to a person (or a blamed organisation/thing) in a block's text, in order, with pronouns
 * resolved: to the nearest compatible person earlier in the sentence (an object pronoun never to the subject
 * of its own clause: "the Chief Executive should sack him"), else to the subject (first person) of one of the
 * previous sentences in the block, else to `carry` (the people of the block before). Gender comes from
 * titles, config aliases and earlier pronouns; singular "they" may mean an unnamed role or officers
 * collectively, and is blocked by a nearer organisation ("the contractor ... they").
 */
export function analysePeople(text: string, ctx: PeopleContext, carry: readonly Ref[] = []): Ref[] {
  const config = ctx.config;
  const refs: Ref[] = [];
  const officers = officerMentions(text, config, { firstNames: ctx.firstNames ?? false });
  const members = memberMentions(text, config);
  for (const m of [...officers, ...members]) {
    const referent = referentFor(m, ctx);
    const via: Ref['via'] = referent.kind === 'member' ? 'member' : m.kind === 'officers-collective' ? 'collective' : m.kind === 'officer-role' ? 'role' : 'name';
    refs.push({ start: m.start, end: m.end, text: m.text, referent, via, possessive: POSSESSIVE.test(text.slice(m.end, m.end + 2)), mention: m });
  }
  const overlaps = (s: number, e: number) => refs.some((r) => s < r.end && e > r.start);
  for (const name of ctx.otherNames ?? []) {
    if (name.length < 4) continue;
    const re = new RegExp(`(?<![\\w-])${escapeRegex(name).replace(/\s+/g, '\\s+')}(?![\\w-])`, 'g');
    for (const m of text.matchAll(re)) {
      const s = m.index!;
      const e = s + m[0].length;
      if (overlaps(s, e)) continue;
      refs.push({ start: s, end: e, text: m[0], referent: { kind: 'other', label: m[0], key: `other:${m[0].toLowerCase()}`, named: true }, via: 'other', possessive: POSSESSIVE.test(text.slice(e, e + 2)) });
    }
  }
  // titled names that are neither officers nor councillors ("Ms Voss", "Mr Example of Example Homes")
  for (const m of text.matchAll(/\b(Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+([A-Z][\w'’-]+)\b/g)) {
    const s = m.index!;
    const e = s + m[0].length;
    if (overlaps(s, e)) continue;
    refs.push({ start: s, end: e, text: m[0], referent: { kind: 'other', label: m[0], key: `other:${m[2]!.toLowerCase()}`, gender: genderOfTitle(m[1]), named: true }, via: 'other', possessive: POSSESSIVE.test(text.slice(e, e + 2)) });
  }
  for (const m of text.matchAll(OTHER_PERSON)) {
    const s = m.index!;
    const e = s + m[0].length;
    if (overlaps(s, e)) continue;
    const plural = /s$/i.test(m[0]) || /\b(?:public|people)\b/i.test(m[0]);
    refs.push({ start: s, end: e, text: m[0], referent: { kind: 'other', label: m[0], key: `other:${m[0].toLowerCase()}`, plural }, via: 'other', possessive: POSSESSIVE.test(text.slice(e, e + 2)) });
  }
  for (const m of text.matchAll(THING)) {
    const s = m.index!;
    const e = s + m[0].length;
    if (overlaps(s, e)) continue;
    refs.push({ start: s, end: e, text: m[0], referent: { kind: 'thing', label: m[0], key: `thing:${m[0].toLowerCase()}`, plural: /s$/i.test(m[0]) }, via: 'thing', possessive: POSSESSIVE.test(text.slice(e, e + 2)) });
  }
  for (const m of text.matchAll(PRONOUN)) {
    const s = m.index!;
    const e = s + m[0].length;
    if (overlaps(s, e)) continue;
    // "(i)" and "i." are list numerals; "US" is a country
    if (m[0] === 'i' && (/\(\s*$/.test(text.slice(Math.max(0, s - 2), s)) || /^[.)]/.test(text.slice(e, e + 1)))) continue;
    if (m[0] === 'US') continue;
    const info = pronounInfo(m[0], text.slice(e, e + 20))!;
    const ref: Ref = { start: s, end: e, text: m[0], via: 'pronoun', possessive: info.case === 'possessive', pronoun: info };
    if (info.person === 1) {
      ref.via = 'writer';
      ref.referent = info.plural ? { ...(ctx.writer ?? WRITER), plural: true, key: 'writer-group', label: 'the writer and colleagues' } : ctx.writer ?? WRITER;
    } else if (info.person === 2) {
      ref.via = 'you';
      ref.referent = ctx.addressee ?? READER;
    }
    refs.push(ref);
  }
  refs.sort((a, b) => a.start - b.start);

  // resolve third-person pronouns
  const sentences = splitSentences(text);
  const sentenceOf = (i: number) => {
    let k = 0;
    for (let j = 0; j < sentences.length; j++) if (sentences[j]!.start <= i) k = j;
    return k;
  };
  for (const ref of refs) {
    if (ref.via !== 'pronoun' || ref.referent) continue;
    const p = ref.pronoun!;
    const si = sentenceOf(ref.start);
    // "they" means a group or an organisation before it means one unnamed person (singular "they")
    const found = findAntecedent(text, refs, ref, sentences, si, carry, Boolean(p.plural)) ?? (p.plural ? findAntecedent(text, refs, ref, sentences, si, carry, false) : undefined);
    if (found?.referent) {
      ref.referent = found.referent;
      if (p.gender && !found.referent.gender && (found.referent.kind === 'officer' || found.referent.kind === 'member' || found.referent.kind === 'other')) found.referent.gender = p.gender;
    }
  }
  return refs;
}

/**
 * The antecedent of a third-person pronoun: (1) the nearest compatible reference earlier in its sentence, never
 * the subject of the pronoun's own predicate when it is an object; (2) the first compatible reference (the
 * subject) of each of the three sentences before, nearest first; (3) the first compatible person of the block
 * before. `strict`: for "they", only groups and organisations.
 */
function findAntecedent(text: string, refs: readonly Ref[], ref: Ref, sentences: readonly { start: number; end: number }[], si: number, carry: readonly Ref[], strict: boolean): Ref | undefined {
  const p = ref.pronoun!;
  const usable = (c: Ref) => c.referent !== undefined && c.referent.kind !== 'writer' && c.referent.kind !== 'reader' && (c.referent.kind !== 'thing' || Boolean(p.plural));
  const compatible = (c: Ref) => usable(c) && compatibleWith(c.referent!, p) && (!strict || c.referent!.plural === true || c.referent!.kind === 'officers' || c.referent!.kind === 'thing');
  const sStart = sentences[si]?.start ?? 0;
  const same = refs.filter((c) => c.start >= sStart && c.end <= ref.start && c !== ref);
  for (let i = same.length - 1; i >= 0; i--) {
    const c = same[i]!;
    if (p.case === 'object' && isLocalSubject(text, c, ref)) continue;
    if (compatible(c)) return c;
  }
  for (let k = si - 1; k >= Math.max(0, si - 3); k--) {
    const st = sentences[k]!;
    const found = refs.find((c) => c.start >= st.start && c.end <= st.end && compatible(c));
    if (found) return found;
  }
  return carry.find(compatible);
}

function compatibleWith(r: Referent, p: NonNullable<Ref['pronoun']>): boolean {
  if (r.kind === 'writer' || r.kind === 'reader') return false;
  if (p.plural) {
    // "they": a group, a thing, or (singular they) an unnamed single role
    if (r.plural || r.kind === 'officers' || r.kind === 'thing') return true;
    return (r.kind === 'officer' || r.kind === 'other') && !r.named && !r.gender;
  }
  if (r.kind === 'thing' || r.kind === 'officers' || r.plural) return false;
  if (p.gender && r.gender && p.gender !== r.gender) return false;
  return true;
}

const FUNCTION_BREAK = /[,;:.()\u2013\u2014]|\b(?:and|but|or|that|who|which|because|when|if|while|whereas|so|although|than)\b/i;

/** `c` is the subject of the predicate that `pronoun` is the object of ("the Chief Executive should sack him"). */
function isLocalSubject(text: string, c: Ref, pronoun: Ref): boolean {
  const between = text.slice(c.end, pronoun.start);
  if (FUNCTION_BREAK.test(between)) return false;
  const words = between.trim().split(/\s+/).filter(Boolean);
  return words.length >= 1 && words.length <= 5;
}

// ─── Whom a phrase is said of ─────────────────────────────────────────────────

/** Nouns that make "X's noun" about the person X ("her attitude", "Mr Example's incompetence"). */
const PERSONAL_NOUN =
  /^(?:own\s+)?(?:attitude|manner|behaviou?r|conduct|performance|competence|incompetence|ability|abilities|capability|capabilities|judge?ment|leadership|management|handling|integrity|honesty|dishonesty|character|temper|arrogance|laziness|rudeness|tone|record|track record|failures?|failings?|incompetency|ineptitude|mismanagement|stewardship|professionalism|unprofessionalism|approach|style|lies|lying|motives?|bias|partiality|impartiality|neutrality|position|job|salary|pay|mind|head|brain|mental health|health|fitness|suitability|tenure|time in post|reign|regime|excuses?|attitudes?|conduct|sarcasm|contempt)\b/i;

/** Words that can sit between a determiner and a head noun or a person's name. */
const NP_FILLER =
  /^(?:the|a|an|our|your|their|this|that|these|those|my|his|her|its|so-called|self-styled|supposed|current|new|former|old|interim|acting|present|recently appointed|highly paid|well paid|overpaid|over-paid|senior|junior|very|so|such|same|own|dear|beloved|esteemed|illustrious|useless|incompetent|hapless|clueless|lazy|arrogant|pompous|precious|\w+['’]s)$/i;

/** Adverbs and connectives at the start of a clause, and leading adverbial phrases. */
const LEADING = /^(?:\s|,|["“”'‘’]|\b(?:me|us),|\b(?:between you and me|between ourselves|off the record|in confidence|for what it['’]s worth|if you ask me|and|but|or|so|then|yet|frankly|quite frankly|honestly|clearly|obviously|sadly|unfortunately|simply|basically|again|once again|now|today|yesterday|tonight|also|still|even|just|apparently|evidently|plainly|put simply|to be honest|to be clear|to be fair|in my view|in my opinion|in short|as usual|as ever|of course|i['’]m afraid|i am afraid|let['’]s be honest|let me be clear|bluntly|candidly|meanwhile|however|indeed|in fact|moreover|worse|worse still|what is more|once more)\b)+/i;
const LEADING_PHRASE = /^\s*(?:at|on|in|during|after|before|since|for|over|by|from|with|last|this|every|when|once|as|despite|following|given)\b[^,]{0,70},\s*/i;
const PARENTHETICAL = /,\s*(?:[a-z]+ing\b|in\b|as\b|at\b|by\b|to be\b|frankly|quite|sadly|clearly|once again|of course|it seems|i think|i fear|i['’]m afraid|let['’]s face it|to be fair|to be honest)[^,]{0,80},/gi;

/** Words that mark the verb of a clause (the subject is before the first of them). */
const VERB_MARK =
  /\b(?:is|was|are|were|be|been|being|am|has|have|had|does|do|did|will|would|shall|should|can|could|may|might|must|seems?|seemed|appears?|appeared|looks?|looked|sounds?|remains?|remained|became|becomes|proved|proves|continues?|continued|keeps?|kept|needs?|needed|wants?|tries|tried|refused|refuses|failed|fails|decided|decides|chose|ignored|ignores|signed|treats?|treated|hides?|hid|knew|knows|thinks?|thought|lost|lied|lies|misled|misleads|went|said|says|told|made|makes|couldn['’]t|can['’]t|won['’]t|wouldn['’]t|isn['’]t|wasn['’]t|doesn['’]t|didn['’]t|hasn['’]t|haven['’]t)\b|['’](?:s|re|ve|ll|d)\b/i;

/** "'s" after a name is a possessive ("the council's Communications Lead") unless what follows makes it "is". */
const APOSTROPHE_S_IS = /^\s*(?:$|a|an|the|not|been|being|got|gone|so|very|just|never|always|still|clearly|completely|totally|utterly|absolutely|really|quite|too|no|nothing|such|also|now|become|[a-z]+ly)\b/i;

function firstVerb(region: string): { index: number } | undefined {
  const re = new RegExp(VERB_MARK.source, 'gi');
  for (const m of region.matchAll(re)) {
    if (/^['’]s$/i.test(m[0]) && !APOSTROPHE_S_IS.test(region.slice(m.index! + m[0].length))) continue;
    return { index: m.index! };
  }
  return undefined;
}

const PREPOSITION = /\b(?:of|by|from|in|at|for|with|to|on|about|over|under|between|against|into|through|via|towards?|after|before|than|like)\b/i;

/** Boundaries of clauses: punctuation, conjunctions, relatives and complementisers, reporting verbs. */
const CLAUSE_BREAK = new RegExp(
  [
    String.raw`[;:()\[\]\u2013\u2014]`,
    String.raw`\s-\s`,
    String.raw`\b(?:but|whereas|while|whilst|although|though|because|since|unless|until|whenever|when|where|if|whether|and|or|nor|then|so that)\b`,
    String.raw`\b(?:that|who|whom|whose|which)\b`,
    String.raw`\b(?:said|says|say|saying|suggesting|implying|claiming|alleging|thinking|believing|think|thinks|thought|believe|believes|believed|reckon|reckons|feel|feels|felt|found|find|finds|consider|considers|considered|claim|claims|claimed|know|knows|knew|suspect|suspects|suspected|accept|accepts|accepted|conclude|concludes|concluded|agree|agrees|agreed|hear|heard|understand|understood|note|notes|noted|suggest|suggests|suggested|argue|argues|argued|insist|insists|insisted|explain|explained|admit|admits|admitted|fear|fears|feared|realise|realised|realize|realized|assume|assumed|hope|hoped|expect|expected|worry|worried|clear|obvious|plain|evident|true|shows?|showed|proves?|proved|means)\b`,
    String.raw`\b(?:told|tell|tells|asked|ask|warned|warn|reminded|remind|informed|inform|assured|assure)\s+(?:me|us|him|her|them|you|members|councillors)\b`,
    String.raw`\b(?:told|tells|informed|warned|assured|reminded)\b`,
  ].join('|'),
  'gi',
);

export interface Subject {
  /** The reference the clause is about; undefined when the clause is about something that is not a person. */
  ref?: Ref;
  /** How the subject was found. */
  how: 'subject' | 'possessive' | 'relative' | 'inherited' | 'fragment' | 'thing' | 'none';
}

function refAt(refs: readonly Ref[], s: number, e: number): Ref | undefined {
  return refs.find((r) => r.start >= s && r.start < e);
}

/** Start of the clause containing `index`, within [from, index]. Breaks inside a reference do not count. */
export function clauseStart(text: string, index: number, from: number, refs: readonly Ref[] = []): number {
  let start = from;
  const re = new RegExp(CLAUSE_BREAK.source, 'gi');
  const slice = text.slice(from, index);
  for (const m of slice.matchAll(re)) {
    const s = from + m.index!;
    const e = s + m[0].length;
    if (refs.some((r) => s >= r.start && s < r.end)) continue;
    start = e;
  }
  return start;
}

/** The clause boundaries of a sentence [from, to): their starts, in order. */
function clauseStarts(text: string, from: number, to: number, refs: readonly Ref[]): number[] {
  const starts = [from];
  const re = new RegExp(CLAUSE_BREAK.source, 'gi');
  for (const m of text.slice(from, to).matchAll(re)) {
    const s = from + m.index!;
    if (refs.some((r) => s >= r.start && s < r.end)) continue;
    starts.push(s + m[0].length);
  }
  return starts;
}

/**
 * Whom the words at `index` are said of: the subject of their clause. A clause with no subject of its own
 * ("... and is no longer fit to hold office") inherits the one before it in the sentence; a verbless fragment
 * ("Useless.") takes the subject of the sentence before. The subject is the first noun phrase of the clause:
 * a person reference with only determiners and adjectives before it; "Ms X's report" is about the report
 * (RULES.md T-D1) but "Ms X's attitude" is about Ms X.
 */
export function subjectAt(text: string, index: number, refs: readonly Ref[], sentenceStart = 0, previousSubject?: Subject): Subject {
  const starts = clauseStarts(text, sentenceStart, index, refs);
  let inherited: Subject | undefined = previousSubject;
  for (let k = 0; k < starts.length; k++) {
    const cs = starts[k]!;
    const ce = k + 1 < starts.length ? starts[k + 1]! : index;
    const isLast = k === starts.length - 1;
    const regionEnd = isLast ? index : ce;
    const subj = clauseSubject(text, cs, regionEnd, refs, inherited, isLast);
    if (subj.how !== 'none') inherited = subj;
    if (isLast) {
      if (subj.how === 'none') return inherited ? { ...inherited, how: inherited.how === 'thing' ? 'thing' : 'inherited' } : { how: 'none' };
      return subj;
    }
  }
  return inherited ?? { how: 'none' };
}

function clauseSubject(text: string, cs: number, end: number, refs: readonly Ref[], inherited: Subject | undefined, isLast: boolean): Subject {
  const boundary = text.slice(Math.max(0, cs - 8), cs);
  // relative clause: its subject is what the relative pronoun refers to
  if (/\b(?:who|whom|whose)$/i.test(boundary)) {
    const before = refs.filter((r) => r.end <= cs - 3 && r.end >= cs - 60 && r.referent && r.referent.kind !== 'writer');
    const ante = before[before.length - 1];
    if (ante && /^[\s,]*$/.test(text.slice(ante.end, cs).replace(/\b(?:who|whom|whose)$/i, '').replace(/['’]s\b/, ''))) return { ref: ante, how: 'relative' };
    // "adults who are ...": someone the text does not name
    return { how: 'thing' };
  }
  if (/\bwhich$/i.test(boundary)) return { how: 'thing' };
  let region = text.slice(cs, end);
  let offset = cs;
  // strip leading adverbs, connectives and adverbial phrases
  for (let guard = 0; guard < 6; guard++) {
    const m = LEADING.exec(region) ?? LEADING_PHRASE.exec(region);
    if (!m || m[0].length === 0) break;
    region = region.slice(m[0].length);
    offset += m[0].length;
  }
  region = region.replace(PARENTHETICAL, (s) => ' '.repeat(s.length));
  // "told Ms X the plans were ...": the person told is not the subject of what they were told
  if (/\b(?:told|tells|informed|warned|assured|reminded)\s*$/i.test(text.slice(Math.max(0, cs - 12), cs))) {
    const told = refs.find((r) => r.start >= offset && r.start <= offset + 12 && /^(?:\s|the|our|your)*$/i.test(text.slice(offset, r.start)));
    if (told) {
      const skip = told.end - offset;
      const rest = region.slice(skip);
      const that = /^\s*(?:that\b)?/i.exec(rest)![0].length;
      region = rest.slice(that);
      offset += skip + that;
    }
  }
  // a question puts the auxiliary first: "Did the Director mislead us?", "Is Ms X really that useless?"
  const inverted = /^(?:did|does|do|is|was|are|were|has|have|had|will|would|can|could|should|must|shall|might|may)\s+/i.exec(region);
  if (inverted && refs.some((r) => r.start >= offset + inverted[0].length && r.start <= offset + inverted[0].length + 12 && /^(?:\s|the|our|your|that|this|ms|mr|mrs)*$/i.test(text.slice(offset + inverted[0].length, r.start)))) {
    region = region.slice(inverted[0].length);
    offset += inverted[0].length;
  }
  const verb = firstVerb(region);
  const subjEnd = verb ? verb.index : region.length;
  const np = region.slice(0, subjEnd);
  if (!np.trim()) {
    if (!verb && isLast && !inherited) return { how: 'fragment' };
    return { how: 'none' };
  }
  // first reference in the noun phrase, with only fillers before it
  let first = refAt(refs, offset, offset + subjEnd);
  // nobody named: a thing ("the leaflet | was misleading"), or with no verb and no determiner, the rest of a
  // coordinated predicate ("partial and | politically compromised, and is no longer fit ...")
  if (!first) return verb || /^\s*(?:the|a|an|this|that|these|those|its|his|her|their|our|your|my|some|any|every|each|no)\b/i.test(np) ? { how: 'thing' } : { how: 'none' };
  // a possessive determiner before a person: "the council's Communications Lead", "our Chief Executive"
  while (first.possessive && (first.referent?.kind === 'thing' || first.via === 'writer' || first.via === 'you' || first.via === 'pronoun')) {
    const next = refs.find((r) => r.start >= first!.end && r.start < offset + subjEnd);
    if (!next) break;
    const gap = text.slice(first.end, next.start).replace(/^['’]s?/, '').trim();
    if (gap.split(/\s+/).filter(Boolean).length > 3 || PREPOSITION.test(gap)) break;
    first = next;
  }
  const pre = text.slice(offset, first.start).trim();
  const preWords = pre ? pre.split(/\s+/) : [];
  if (preWords.length > 4 || preWords.some((w) => !NP_FILLER.test(w.replace(/[,"“”‘]/g, '')) && (PREPOSITION.test(w) || !/^[a-z'’-]+$/.test(w)))) return { how: 'thing' };
  if (first.referent?.kind === 'thing') return { how: 'thing' };
  if (first.possessive) {
    const after = text.slice(first.end, offset + subjEnd + 40).replace(/^(?:['’]s?)?\s*/, '').replace(/^(?:own|recent|latest|continued|repeated|total|complete|utter|so-called|lack of)\s+/i, '');
    if (PERSONAL_NOUN.test(after)) return { ref: first, how: 'possessive' };
    return { how: 'thing' };
  }
  return { ref: first, how: 'subject' };
}

/**
 * The person a verb or noun phrase at [start, end) is aimed at when the person comes after it
 * ("lost all confidence in Mr Example's ability", "sack him", "suspend the Monitoring Officer"):
 * the first person reference within the phrase or up to `reach` characters after it, before the clause ends.
 */
export function objectAfter(text: string, start: number, end: number, refs: readonly Ref[], reach = 60): Ref | undefined {
  const stop = (() => {
    const rest = text.slice(end, end + reach);
    const m = /[.;:!?]|\s[-\u2013\u2014]\s|\b(?:because|but|and then|while|whereas)\b/.exec(rest);
    return m ? end + m.index : end + reach;
  })();
  for (const r of refs) {
    if (r.start < start || r.start >= stop) continue;
    if (!r.referent || r.referent.kind === 'writer' || r.referent.kind === 'reader' && r.via !== 'you') continue;
    if (r.possessive && r.referent.kind !== 'thing') {
      // "confidence in Ms Example's ability" is about her; "confidence in Ms Example's report" is not
      const after = text.slice(r.end, r.end + 40).replace(/^(?:['’]s?)?\s*/, '');
      if (!PERSONAL_NOUN.test(after.replace(/^(?:own|continued|recent)\s+/i, ''))) return undefined;
    }
    return r;
  }
  return undefined;
}

/** A person reference directly after an epithet ("the so-called Head of Planning", "that muppet Mr Example"). */
export function prenominalTarget(text: string, end: number, refs: readonly Ref[]): Ref | undefined {
  // only a word stands in front of a name: not a phrase ending in a preposition ("in the pocket of the developer")
  const lastWord = /([A-Za-z’'-]+)\W*$/.exec(text.slice(Math.max(0, end - 30), end));
  if (!lastWord || PREPOSITION.test(lastWord[1]!) || /^(?:the|a|an|and|or|as|than|that)$/i.test(lastWord[1]!)) return undefined;
  const r = refs.find((x) => x.start >= end && x.start <= end + 32);
  if (!r || !r.referent || r.referent.kind === 'writer' || r.referent.kind === 'thing') return undefined;
  const gap = text.slice(end, r.start);
  if (!/^[\s"“”'‘’-]*(?:[a-z-]+[\s"“”'‘’]+){0,2}$/.test(gap)) return undefined;
  const words = gap.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/["“”'‘’]/g, ''));
  if (words.some((w) => !NP_FILLER.test(w))) return undefined;
  return r;
}

/**
 * The nearest reference before `index` in the sentence that means someone or something (the writer and things
 * included, so that "I have decided to resign" and "this policy must go" are not about an officer further back).
 */
export function nearestBefore(index: number, refs: readonly Ref[], sentenceStart: number): Ref | undefined {
  for (let i = refs.length - 1; i >= 0; i--) {
    const r = refs[i]!;
    if (r.end > index || r.start < sentenceStart) continue;
    if (!r.referent) continue;
    return r;
  }
  return undefined;
}
