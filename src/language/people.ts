import { createRequire } from 'node:module';
import type { MemberEntry, OfficerEntry, ResolvedConfig } from '../config/types.js';

/**
 * Mentions of officers and councillors in a piece of text.
 *
 * Officers, strongest first (RULES.md §7.0): names and aliases from the config register (and "Ms Surname"
 * forms derived from them, and close misspellings of a registered surname); role titles ("the Director of
 * Place", "your Head of Housing", "the Monitoring Officer", "the planning officer", "officers in the legal
 * team") with or without config. Never officers: Cllr/Councillor X, config members, the Leader, Cabinet
 * Members, Portfolio Holders, Chairs, the Mayor, the Independent Person.
 */

export type MentionKind = 'officer-name' | 'officer-role' | 'officers-collective' | 'member-name' | 'member-role';

export interface Mention {
  kind: MentionKind;
  start: number;
  end: number;
  text: string;
  officer?: OfficerEntry;
  member?: MemberEntry;
  /** For role mentions: the role as written ("Head of Planning"). */
  role?: string;
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

/** Lower-case job descriptions: "the planning officer", "enforcement officers", "council lawyers". */
const GENERIC_ROLE =
  /\b(?:(?:the|your|our|their|this|that|a|an|one|two|three|some|several|senior|junior|his|her)\s+)?(?:(?:senior|principal|chief|deputy|assistant|lead|duty|case|named)\s+)?(?:planning|enforcement|case|licensing|highways?|housing|social care|legal|press|communications?|comms|democratic services|finance|waste|environmental health|building control|conservation|tree|parking|council|estates|property|regeneration|leisure|electoral services|customer services|hr|human resources|it|ict|procurement|audit|scrutiny|committee|benefits|revenues|refuse|street scene)\s+(?:officers?|managers?|team leaders?|lawyers?|solicitors?|staff|surveyors?|planners?|inspectors?|advisers?|clerks?)\b/gi;

/** Officers collectively: "officers", "council officers", "staff", "officers in the legal team". */
const COLLECTIVE =
  /\b(?:(?:the|your|our|their|these|those|some|senior|council|borough|district|county|unelected)\s+)*(?:officers|officials|bureaucrats|staff|employees)(?:\s+(?:in|of|from)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}(?:team|department|directorate|service|section))?\b/gi;

/** Words before a role that make it not an officer of this council ("Cabinet Member for Place"). */
const NOT_OFFICER_BEFORE = /(?:\bcabinet member|\bportfolio holder|\blead member|\bcllr\.?|\bcouncillor|\bchair(?:man|woman)?|\bleader|\bmayor|\bof the)\s*(?:for\s+)?$/i;

const COURTESY = ['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr'];

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

interface NameIndex {
  officerNames: RegExp | undefined;
  officerLookup: Map<string, OfficerEntry>;
  memberNames: RegExp | undefined;
  memberLookup: Map<string, MemberEntry>;
  officerSurnames: Array<{ surname: string; officer: OfficerEntry }>;
  memberRoles: RegExp | undefined;
  memberRoleLookup: Map<string, MemberEntry>;
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
  for (const o of config.officers) {
    addOfficer(o.name, o);
    for (const a of o.aliases ?? []) addOfficer(a, o);
    const s = surnameOf(o.name);
    for (const t of COURTESY) addOfficer(`${t} ${s}`, o);
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
    memberRoles: namesRegex(memberRoleForms),
    memberRoleLookup,
  };
  indexCache.set(config, idx);
  return idx;
}

/** Councillor mentions: Cllr/Councillor + name, config member names and roles, "the Leader", "Cabinet Member". */
export function memberMentions(text: string, config: ResolvedConfig): Mention[] {
  const idx = indexFor(config);
  const out: Mention[] = [];
  if (idx.memberNames) {
    for (const m of text.matchAll(idx.memberNames)) {
      out.push({ kind: 'member-name', start: m.index!, end: m.index! + m[0].length, text: m[0], member: idx.memberLookup.get(m[0].toLowerCase().replace(/\s+/g, ' ')) });
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
    /\b(?:the\s+)?(?:(?:Deputy\s+)?Leader(?: of the (?:Council|Opposition|[A-Z][\w-]+(?: [A-Z][\w-]+)* Group))?|(?:Cabinet|Executive|Lead) Member(?: for (?:[A-Z][\w&-]*)(?:(?:,? and| &|,)? [A-Z][\w&-]*)*)?|Portfolio Holder(?: for (?:[A-Z][\w&-]*)(?:(?:,? and| &)? [A-Z][\w&-]*)*)?|(?:Vice[- ])?Chair(?:man|woman)?(?: of (?:the )?[A-Z][\w-]*(?: (?:and )?[A-Z][\w-]*)*)?|(?:Lord )?Mayor|Independent Person|ward (?:members?|councillors?)|local (?:members?|councillors?)|councillors?)\b/g;
  for (const m of text.matchAll(ROLES)) out.push({ kind: 'member-role', start: m.index!, end: m.index! + m[0].length, text: m[0], role: m[0].replace(/^the\s+/i, '') });
  return dedupe(out);
}

/** Officer mentions: register names (with misspellings), senior role titles, job descriptions, officers collectively. */
export function officerMentions(text: string, config: ResolvedConfig, options: { firstNames?: boolean; fuzzy?: boolean } = {}): Mention[] {
  const idx = indexFor(config);
  const out: Mention[] = [];
  const members = memberMentions(text, config);
  const insideMember = (s: number, e: number) => members.some((m) => s < m.end && e > m.start);

  if (idx.officerNames) {
    for (const m of text.matchAll(idx.officerNames)) {
      const s = m.index!;
      const e = s + m[0].length;
      if (insideMember(s, e)) continue;
      out.push({ kind: 'officer-name', start: s, end: e, text: m[0], officer: idx.officerLookup.get(m[0].toLowerCase().replace(/\s+/g, ' ')) });
    }
  }
  if (options.firstNames) {
    for (const o of config.officers) {
      const first = firstNameOf(o.name);
      if (first.length < 3 || first === o.name) continue;
      const re = new RegExp(`(?<![\\w-])${escapeRegex(first)}(?![\\w-])(?!\\s+[A-Z])`, 'g');
      for (const m of text.matchAll(re)) {
        const s = m.index!;
        if (insideMember(s, s + first.length) || out.some((x) => s >= x.start && s < x.end)) continue;
        out.push({ kind: 'officer-name', start: s, end: s + first.length, text: m[0], officer: o });
      }
    }
  }
  if (options.fuzzy !== false && idx.officerSurnames.length > 0) {
    const jw = jaroWinkler();
    const CAP = /(?<![\w-])(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?([A-Z][a-z'’-]{4,})(?![\w-])/g;
    for (const m of text.matchAll(CAP)) {
      const word = m[1]!;
      const s = m.index! + m[0].length - word.length;
      if (out.some((x) => s >= x.start && s < x.end) || insideMember(s, s + word.length)) continue;
      for (const { surname, officer } of idx.officerSurnames) {
        if (surname.length < 4) continue;
        if (word === surname) {
          if (config.members.some((mm) => surnameOf(mm.name) === word)) continue;
          out.push({ kind: 'officer-name', start: m.index!, end: s + word.length, text: m[0], officer });
          break;
        }
        if (surname.length < 5) continue;
        if (Math.abs(word.length - surname.length) > 2) continue;
        if (jw(word.toLowerCase(), surname.toLowerCase()) >= 0.93) {
          out.push({ kind: 'officer-name', start: m.index!, end: s + word.length, text: m[0], officer });
          break;
        }
      }
    }
  }
  for (const m of text.matchAll(SENIOR_ROLE)) {
    let s = m.index!;
    let t = trimRole(m[0], config);
    if (/^(?:The|This|That|Our|Your|Their|A|An)\s/.test(t)) {
      s += t.indexOf(' ') + 1;
      t = t.slice(t.indexOf(' ') + 1);
    }
    const e = s + t.length;
    const before = text.slice(Math.max(0, s - 40), s);
    if (NOT_OFFICER_BEFORE.test(before) || insideMember(s, e)) continue;
    if (/^(?:Cabinet|Portfolio|Ward|Lead Member|Council)\b/.test(t)) continue;
    if (out.some((x) => s < x.end && e > x.start)) continue;
    out.push({ kind: 'officer-role', start: s, end: e, text: t, role: t, officer: config.officers.find((o) => o.role && o.role.toLowerCase() === t.toLowerCase()) });
  }
  for (const m of text.matchAll(GENERIC_ROLE)) {
    const s = m.index!;
    const e = s + m[0].length;
    if (insideMember(s, e) || out.some((x) => s < x.end && e > x.start)) continue;
    out.push({ kind: /s\b$|staff\b/i.test(m[0]) ? 'officers-collective' : 'officer-role', start: s, end: e, text: m[0], role: m[0] });
  }
  for (const m of text.matchAll(COLLECTIVE)) {
    const s = m.index!;
    const e = s + m[0].length;
    if (insideMember(s, e) || out.some((x) => s < x.end && e > x.start)) continue;
    out.push({ kind: 'officers-collective', start: s, end: e, text: m[0] });
  }
  return dedupe(out);
}

const STOP_WORDS = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Cllr', 'Councillor', 'Said', 'Has', 'Is', 'Was', 'Will', 'The', 'On', 'In', 'At', 'To', 'For', 'I', 'We', 'He', 'She', 'They', 'It', 'This', 'That', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);

/** Cut a role title before a person's name or an ordinary word caught by the capitalised-word tail. */
function trimRole(role: string, config: ResolvedConfig): string {
  const words = role.split(' ');
  const names = new Set(config.officers.flatMap((o) => o.name.split(/\s+/)).concat(config.members.flatMap((m) => m.name.split(/\s+/))));
  let keep = words.length;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!.replace(/[,.]$/, '');
    if (STOP_WORDS.has(w) || names.has(w)) {
      keep = i;
      break;
    }
  }
  let out = words.slice(0, keep).join(' ');
  out = out.replace(/(?:,? and| &|,| of| for| the)+$/, '');
  return out;
}

function dedupe(list: Mention[]): Mention[] {
  list.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Mention[] = [];
  for (const m of list) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue; // overlapped by a longer/earlier mention
    out.push(m);
  }
  return out;
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

/** True if the text names someone the config says is a councillor. */
export function isMemberName(name: string, config: ResolvedConfig): boolean {
  const n = name.toLowerCase().replace(/\b(?:cllr|councillor|mr|mrs|ms|dr)\.?\s+/g, '').trim();
  return config.members.some((m) => m.name.toLowerCase() === n || surnameOf(m.name).toLowerCase() === n || (m.aliases ?? []).some((a) => a.toLowerCase() === n));
}
