import type { Block } from '../../src/types.js';
import type { Document, Sentence } from '../../src/document/document.js';
import type { FieldValue, Notification } from '../../src/document/meta.js';
import { isEmptyValue, isNegativeNotification } from '../../src/document/meta.js';
import type { MemberEntry, ResolvedConfig } from '../../src/config/types.js';
import { loadLexicon, type Lexicon, type LexiconEntry } from '../../src/language/lexicon.js';
import { memberMentions } from '../../src/language/people.js';
import { isNegated as scopeNegated, quoteSpans } from '../../src/language/scope.js';
import { findDates, parseDate } from '../../src/language/dates.js';
import {
  areaTermOf,
  hasMemberWards,
  hasWardConfig,
  listText,
  membersForWard,
  parseWardList,
  resolveWard,
  sameName,
  wardMentions,
  ordinaryWardNames,
  wardOfMember,
  type WardMention,
} from '../../src/language/wards.js';

/**
 * What the ward/ rules need to know about a document, worked out once per document and shared by every rule in
 * the family: its sections (agenda items), the wards each one affects, the meeting it goes to, the sensitive
 * wording in it, and every record that the local members were told.
 */

// ─── Lexicons (rules/ward/data/*.yml), loaded once ───────────────────────────────────────────────────────────

interface Lexicons {
  sensitive: Lexicon;
  evidence: Lexicon;
  bodies: Lexicon;
  launch: Lexicon;
  meetings: Lexicon;
  occasions: Lexicon;
}

let lexicons: Lexicons | undefined;

export function wardLexicons(): Lexicons {
  lexicons ??= {
    sensitive: loadLexicon('ward', 'sensitive-issues'),
    evidence: loadLexicon('ward', 'notification-evidence'),
    bodies: loadLexicon('ward', 'meeting-bodies'),
    launch: loadLexicon('ward', 'consultation-launch'),
    meetings: loadLexicon('ward', 'public-meetings'),
    occasions: loadLexicon('ward', 'local-issue-occasions'),
  };
  return lexicons;
}

// ─── Types ───────────────────────────────────────────────────────────────────────────────────────────────────

/** A stretch of one block's text. */
export interface Span {
  block: number;
  start: number;
  end: number;
}

export interface Hit extends Span {
  entry: LexiconEntry;
  text: string;
  /** 0 = in a sentence of prose, 1 = a short line, 2 = a heading, title or cover-sheet line. */
  rank: number;
}

export interface WardRef {
  name: string;
  /** The config lists this ward. */
  configured: boolean;
  /** Its members, from `members[].ward`. */
  members: MemberEntry[];
}

export interface Affected {
  wards: WardRef[];
  /** "All wards", "Borough-wide" (RULES.md T-W1): no per-ward duty. */
  all: boolean;
  source: 'front-matter' | 'field' | 'text' | 'none';
  field?: FieldValue;
}

export interface NotificationRecord {
  via: 'front-matter' | 'field' | 'prose' | 'recipient' | 'consultation';
  type: 'notified' | 'invited' | 'reaction';
  span?: Span;
  text: string;
  date?: string;
  members: MemberEntry[];
  /** Councillors named but not in the config. */
  unknown: string[];
  /** Members named in a way that says they are not there as ward members ("Cllr A (Cabinet Member)"). */
  inOtherRoles: MemberEntry[];
  /** "The ward members were briefed", "Yes": who was told cannot be checked. */
  collective: boolean;
  /** The record itself calls them the ward/local members (a "Ward members consulted" field, front matter). */
  labelled: boolean;
}

export type BodyRole = 'target' | 'exempt' | 'other' | 'unknown';

export interface Body {
  role: BodyRole;
  /** The meeting as written ("Cabinet", "Overview and Scrutiny Committee"). */
  name?: string;
}

export interface Section {
  index: number;
  /** The front sheet of an agenda pack, before its first item. */
  preamble: boolean;
  /** "6" for "Agenda item 6". */
  item?: string;
  slices: Span[];
  fields: FieldValue[];
}

export interface SectionInfo {
  section: Section;
  body: Body;
  affected: Affected;
  /** Sensitive-issue matches (sensitive-issues.yml), not negated, best first. */
  sensitive: Hit[];
  /** Consultation launches (consultation-launch.yml). */
  launches: Hit[];
  /** Council public meetings (public-meetings.yml), not organised by a councillor. */
  meetings: Hit[];
  /** Para 35 occasions (local-issue-occasions.yml). */
  occasions: Hit[];
  records: NotificationRecord[];
  /** "Ward members consulted: N/A", "None", "No", "TBC". */
  emptyFields: FieldValue[];
  /** A notification field that lists only other consultees. */
  othersFields: FieldValue[];
}

export interface DocInfo {
  sections: SectionInfo[];
  /** A record of an officer's delegated decision (para 35 item 1), not a committee report. */
  decisionRecord: boolean;
  /** Written by a councillor (their own e-mail, letter, newsletter or post): officer duties do not apply. */
  memberAuthored: boolean;
  /** Read by the public or the press. */
  publicDoc: boolean;
  /** A reply to, or statement for, the press. */
  mediaResponse: boolean;
  /** The config lists wards (so ward names were checked against a gazetteer). */
  configured: boolean;
  /** The config knows each member's ward. */
  memberWards: boolean;
  date?: string;
  area: 'ward' | 'division';
}

// ─── Patterns ────────────────────────────────────────────────────────────────────────────────────────────────

const ITEM_MARK = /^[ \t>]*(?:#{1,6}\s*)?(?:\*\*|__)?(?:agenda\s+item|item)\s*(?:no\.?|number)?\s*[:.]?\s*(\d{1,3}[a-z]?)\b(?=\s*(?:$|[-–—:.)*_]|[A-Z(]))/gim;

const DECISION_RECORD =
  /\b(?:record\s+of\s+(?:an?\s+)?(?:officer|delegated|executive\s+officer)\s+decisions?|officer\s+decision\s+(?:record|notice)s?|delegated\s+(?:officer\s+)?decision\s+(?:record|notice)s?|decision\s+(?:taken|made)\s+under\s+delegated\s+powers|record\s+of\s+(?:a\s+)?decision\s+taken\s+by\s+an?\s+officer)\b/i;

const MEMBER_PUBLICATION =
  /\b(?:promoted|published|written|printed)\s+(?:and\s+paid\s+for\s+)?by\b[^\n]{0,100}?\b(?:on\s+behalf\s+of|cllr|councillor|party|group)\b|\bnot\s+an?\s+[^\n]{0,40}?council\s+publication\b|^\s*(?:page|account|posted\s+by|from)\s*:\s*(?:cllr|councillor)\b|^\s*(?:page|account)\s*:[^\n]*\bcouncillor\s+for\b/im;

const MEMBER_SIGN_OFF = /\b(?:yours\s+(?:sincerely|faithfully|truly)|kind\s+regards|best\s+wishes|regards|many\s+thanks|thanks)\s*,?\s*\n+\s*(?:cllr|councillor)\b/i;

const CONSULT_HEADING = /\b(?:consult\w*|notif\w*|brief\w*|circulation|ward\s+members?|local\s+members?|ward\s+councillors?|engagement|local\s+issues?\s+alert)\b/i;

const NOTIFY_VERB =
  /\b(?:(?:have|has|had|were|was)\s+(?:(?:all|both|already|also|personally|fully)\s+)?(?:been\s+)?(?:consulted|notified|informed|briefed|advised|told|made\s+aware|invited|sent|copied(?:\s+in)?|updated|contacted|e-?mailed|written\s+to))\b|\b(?:briefed|informed|notified|consulted|invited|told|met(?:\s+with)?|e-?mailed|contacted|wrote\s+to)\s+(?:cllrs?\.?|councillors?)\b/i;

/** A promise, not a record: "will be discussed with the ward members", "are to be briefed". */
const FUTURE_BEFORE = /\b(?:will|shall|would|should|must|can|could|may|might|to|going\s+to)\s+(?:also\s+|then\s+|first\s+)?(?:be\s+|have\s+)?(?:\w+\s+)?$/i;
const NOTIFIED_WORD = /\b(?:consulted|informed|notified|briefed|advised|aware|told|invited|yes)\b/i;
const NEGATION_IN_MATCH = /\b(?:not|never|no|yet\s+to|n['’]t)\b/i;

const COLLECTIVE = /^\s*(?:yes|all|both)\b|\b(?:the|all|both|three|two)\s+(?:of\s+the\s+)?(?:[A-Z][\w'’-]+\s+)?(?:ward|local|division(?:al)?|affected|relevant)\s+(?:members|councillors|cllrs)\b/i;
const COUNCILLOR_WORDS = /^\s*(?:yes|all|both)\b|\b(?:ward|local|division(?:al)?|affected|relevant)\s+(?:members?|councillors?|cllrs?)\b|\b(?:cllrs?\.?|councillors?|county\s+councillors?)\s+[A-Z]/i;
const CC_NAME = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+CC\b/;
const CC_NAMES = new RegExp(CC_NAME.source, 'g');
const PERSON_LINE = /^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:\s+[A-Z]\.?)?\s+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?$/;
const MONTH_OR_DAY = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;
const ORG_WORD =
  /\b(?:Council|Association|Committee|Group|Trust|Team|Service|Services|Department|Directorate|Agency|Board|Partnership|Society|Club|Police|Ltd|Limited|Plc|Director|Head|Manager|Officer|Chief|Executive|Member|Members|Portfolio|Cabinet|Leader|Chair|Traders|Residents|Forum|Church|School|Highways|Authority|Network|Team|Unit|Fire|Rescue|Agency|Environment|National|County|District|Borough|Parish|Town|City)\b/;
const OTHER_ROLE_AFTER = /^\s*(?:,\s*|\(\s*)(?:the\s+)?(?:cabinet|leader|deputy\s+leader|portfolio|chair|vice[- ]chair|mayor|lead\s+member|executive\s+member|opposition|group\s+leader)/i;
const ALL_AREA_TEXT =
  /\b(?:borough|district|county|city)[- ]wide\b|\bacross\s+(?:the\s+(?:whole\s+)?(?:borough|district|county|city)|all\s+(?:wards|divisions|areas))\b|\ball\s+(?:wards|divisions|parts\s+of\s+the\s+(?:borough|district|county|city))\b|\bthroughout\s+the\s+(?:borough|district|county|city)\b|\bevery\s+(?:ward|division)\b/i;

const MEETING_LINE_PREFIX = /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?(?:report\s+to(?:\s+the)?|meeting\s+of(?:\s+the)?|to\s*:|meeting\s*:)?\s*/i;

/**
 * Negated in its clause: scope.ts's test, plus "not yet" / "yet to" / "have still not" (scope.ts treats "yet" as
 * a clause break, which is right for "..., yet it closed" but not for "have not yet briefed").
 */
export function isNegated(text: string, index: number): boolean {
  if (scopeNegated(text, index)) return true;
  const before = text.slice(Math.max(0, index - 40), index);
  return /\b(?:not|never|n['’]t)\s+(?:yet|still|so\s+far)\s+(?:\w+\s+)?$|\byet\s+to\s+(?:be\s+)?$|\b(?:not|never|n['’]t)\s+yet\b[^,;:.]*$/i.test(before);
}

// ─── Entry point ─────────────────────────────────────────────────────────────────────────────────────────────

const cache = new WeakMap<Document, DocInfo>();

export function analyse(doc: Document, config: ResolvedConfig): DocInfo {
  let info = cache.get(doc);
  if (!info) {
    info = build(doc, config);
    cache.set(doc, info);
  }
  return info;
}

function build(doc: Document, config: ResolvedConfig): DocInfo {
  const lex = wardLexicons();
  const own = ownText(doc);
  const head = own.slice(0, 1500);
  const decisionRecord = DECISION_RECORD.test(head) || doc.meta.fields.some((f) => /^decision\s+tak(?:er|en\s+by)$/i.test(f.label) && !/\b(?:cabinet|council|committee)\b/i.test(f.value));
  const info: DocInfo = {
    sections: [],
    decisionRecord,
    memberAuthored: memberAuthored(doc, config, own),
    publicDoc: false,
    mediaResponse: false,
    configured: hasWardConfig(config),
    memberWards: hasMemberWards(config),
    date: doc.meta.date,
    area: areaTermOf(config),
  };
  info.publicDoc =
    doc.audience === 'public' ||
    doc.audience === 'press' ||
    ['letter', 'press-release', 'newsletter', 'social-post'].includes(doc.kind) ||
    decisionRecord;
  const sections = splitSections(doc);
  const ordinary = ordinaryWardNames(config, own);
  const docBody = documentBody(doc, sections);
  for (const section of sections) {
    const sensitive = negationFree(doc, lexMatches(doc, section, lex.sensitive));
    const launches = negationFree(doc, lexMatches(doc, section, lex.launch));
    const meetingHits = lexMatches(doc, section, lex.meetings);
    const notCouncil = meetingHits.filter((h) => h.entry.role === 'not-council');
    const meetings = negationFree(
      doc,
      meetingHits.filter((h) => h.entry.role !== 'not-council' && !notCouncil.some((n) => sameSentence(doc, n, h))),
    );
    const occasions = lexMatches(doc, section, lex.occasions);
    const triggerBlocks = new Set([...sensitive, ...launches, ...meetings, ...occasions].map((h) => h.block));
    const affected = affectedWards(doc, config, section, triggerBlocks, ordinary);
    const body = sectionBody(doc, section, docBody, sections.length > 1);
    const { records, emptyFields, othersFields } = notificationRecords(doc, config, section, affected);
    info.sections.push({ section, body, affected, sensitive: sortHits(sensitive), launches: sortHits(launches, (h) => (h.entry.start === true ? 0 : 1)), meetings: sortHits(meetings), occasions, records, emptyFields, othersFields });
  }
  // a reply to the press (para 35 item 2): an e-mail or letter, not the council's own press release
  info.mediaResponse = ['email', 'letter', 'other'].includes(doc.kind) && (doc.audience === 'press' || info.sections.some((s) => s.occasions.some((o) => o.entry.situation === 2)));
  return info;
}

// ─── Text helpers ────────────────────────────────────────────────────────────────────────────────────────────

/** Block types whose text is the document's own words (plus the e-mail Subject line). */
function isOwn(block: Block): boolean {
  if ((block.source ?? 0) !== 0) return false;
  if (block.type === 'header') return /^\s*subject\s*:/i.test(block.text);
  return !['quoted-reply', 'signature', 'disclaimer', 'front-matter', 'code'].includes(block.type);
}

/** Blocks that may hold a record of notification: own text, quoted earlier messages, attachments. */
function mayHoldEvidence(block: Block): boolean {
  return !['disclaimer', 'front-matter', 'code', 'header'].includes(block.type);
}

function ownText(doc: Document): string {
  return doc.blocks
    .filter(isOwn)
    .map((b) => b.text)
    .join('\n');
}

const sentenceIndex = new WeakMap<Document, Map<number, Sentence[]>>();

/** The document's sentences by block, built once. */
function sentencesOf(doc: Document, block: number): Sentence[] {
  let map = sentenceIndex.get(doc);
  if (!map) {
    map = new Map();
    for (const s of doc.sentences) {
      const list = map.get(s.block);
      if (list) list.push(s);
      else map.set(s.block, [s]);
    }
    sentenceIndex.set(doc, map);
  }
  return map.get(block) ?? [];
}

export function sentenceAt(doc: Document, block: number, index: number): { text: string; start: number; end: number } {
  for (const s of sentencesOf(doc, block)) {
    if (s.start <= index && index < s.end) return s;
  }
  const text = doc.blocks[block]!.text;
  return { text, start: 0, end: text.length };
}

export function sameSentence(doc: Document, a: Span, b: Span): boolean {
  if (a.block !== b.block) return false;
  const s = sentenceAt(doc, a.block, a.start);
  return b.start >= s.start && b.start < s.end;
}

function rankOf(doc: Document, block: number, index: number): number {
  const b = doc.blocks[block]!;
  if (b.type === 'heading' || b.type === 'table-cell' || b.type === 'header') return 2;
  const at = sentenceAt(doc, block, index);
  if (quoteSpans(at.text).some((q) => index - at.start >= q.start && index - at.start < q.end)) return 3; // someone's quoted words
  const sentence = at.text.trim();
  if (/^(?:[-*•]\s+)?[A-Z][\w()'’ /-]{1,40}:\s/.test(sentence)) return 2; // a cover-sheet line
  const words = sentence.split(/\s+/).filter(Boolean);
  const caps = words.filter((w) => /^[A-Z0-9£]/.test(w)).length;
  if (words.length <= 14 && !/[.!?;]["'”’)]*$/.test(sentence) && caps / Math.max(1, words.length) >= 0.6) return 2;
  if (sentence === sentence.toUpperCase() && /[A-Z]{3}/.test(sentence)) return 2;
  if (/[.!?;]["'”’)]*$/.test(sentence) || words.length >= 14) return 0;
  return 1;
}

/** Best first: prose before headings and cover-sheet lines, then (for launches) dated openings, then order. */
function sortHits(hits: Hit[], priority: (h: Hit) => number = () => 0): Hit[] {
  return [...hits].sort((a, b) => a.rank - b.rank || priority(a) - priority(b) || a.block - b.block || a.start - b.start);
}

export function lexMatches(doc: Document, section: Section, lex: Lexicon): Hit[] {
  const out: Hit[] = [];
  for (const s of section.slices) {
    const block = doc.blocks[s.block]!;
    if (!isOwn(block)) continue;
    const text = block.text.slice(s.start, s.end);
    for (const m of lex.matchAll(text)) {
      const start = s.start + m.index;
      out.push({ block: s.block, start, end: start + m.length, entry: m.entry, text: m.text, rank: rankOf(doc, s.block, start) });
    }
  }
  return out;
}

/** Drop matches negated in their clause ("there are no plans to close"). */
export function negationFree(doc: Document, hits: Hit[]): Hit[] {
  return hits.filter((h) => !isNegated(doc.blocks[h.block]!.text, h.start));
}

// ─── Sections ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Agenda items: a document with two or more "Agenda item N" lines is split there, so that an agenda pack is
 * judged item by item (a clean item 5 does not excuse item 6). Anything before the first item is the front sheet.
 */
export function splitSections(doc: Document): Section[] {
  const marks: Array<{ block: number; offset: number; item: string }> = [];
  doc.blocks.forEach((b, i) => {
    if ((b.source ?? 0) !== 0 || !isOwn(b) || b.type === 'header') return;
    for (const m of b.text.matchAll(ITEM_MARK)) {
      if (marks.length > 0 && marks[marks.length - 1]!.item === m[1]) continue; // the item's number repeated (a running header)
      marks.push({ block: i, offset: m.index!, item: m[1]! });
    }
  });
  const all: Span[] = doc.blocks.map((b, i) => ({ block: i, start: 0, end: b.text.length }));
  const fieldsIn = (slices: Span[]) =>
    doc.meta.fields.filter((f) => slices.some((s) => s.block === f.block && (f.start ?? 0) >= s.start && (f.start ?? 0) < Math.max(s.end, s.start + 1)));
  if (marks.length < 2) return [{ index: 0, preamble: false, item: marks[0]?.item, slices: all, fields: doc.meta.fields }];
  const sections: Section[] = [];
  const cut = (from: { block: number; offset: number }, to: { block: number; offset: number } | undefined): Span[] => {
    const slices: Span[] = [];
    const lastBlock = to ? to.block : doc.blocks.length - 1;
    for (let i = from.block; i <= lastBlock; i++) {
      const len = doc.blocks[i]!.text.length;
      const start = i === from.block ? from.offset : 0;
      const end = to && i === to.block ? to.offset : len;
      if (end > start) slices.push({ block: i, start, end });
    }
    return slices;
  };
  const first = marks[0]!;
  const pre = cut({ block: 0, offset: 0 }, first);
  sections.push({ index: 0, preamble: true, slices: pre, fields: fieldsIn(pre) });
  marks.forEach((m, k) => {
    const slices = cut(m, marks[k + 1]);
    sections.push({ index: k + 1, preamble: false, item: m.item, slices, fields: fieldsIn(slices) });
  });
  return sections;
}

// ─── Meeting body ────────────────────────────────────────────────────────────────────────────────────────────

let bodyPatterns: Array<{ entry: LexiconEntry; re: RegExp }> | undefined;

function classifyBody(text: string, options: { lineStart: boolean }): Body | undefined {
  bodyPatterns ??= wardLexicons().bodies.entries.map((entry) => ({ entry, re: new RegExp(entry.regex as string, 'im') }));
  for (const { entry, re } of bodyPatterns) {
    const m = re.exec(text);
    if (!m) continue;
    const role = entry.role as BodyRole;
    if (options.lineStart && role !== 'exempt') {
      const prefix = MEETING_LINE_PREFIX.exec(text)![0].length;
      if (m.index > prefix) continue;
    }
    return { role, name: text.trim().replace(/^#+\s*/, '').slice(0, 80) };
  }
  return undefined;
}

function headLines(doc: Document, slices: Span[], max: number): string[] {
  const lines: string[] = [];
  for (const s of slices) {
    const b = doc.blocks[s.block]!;
    if (!isOwn(b) || b.type === 'header') continue;
    for (const line of b.text.slice(s.start, s.end).split('\n')) {
      if (line.trim()) lines.push(line.trim());
      if (lines.length >= max) return lines;
    }
  }
  return lines;
}

/** The meeting named for the whole document: front matter, the first "Meeting:" line, or a heading line. */
function documentBody(doc: Document, sections: Section[]): Body {
  const fm = doc.meta.frontMatter?.meeting;
  if (typeof fm === 'string' && fm.trim()) return classifyBody(fm, { lineStart: false }) ?? { role: 'unknown', name: fm };
  const multi = sections.length > 1;
  if (!multi && doc.meta.meeting) {
    const b = classifyBody(doc.meta.meeting, { lineStart: false });
    if (b) return b;
  }
  const lines = headLines(doc, multi ? sections[0]!.slices : sections[0]!.slices, 15);
  return bodyFromLines(lines) ?? { role: 'unknown' };
}

function bodyFromLines(lines: string[]): Body | undefined {
  for (const line of lines) {
    if (/^(?:[-*•]\s+)?(?:cabinet\s+member|portfolio|lead\s+member|report\s+of|contact|author)\b/i.test(line)) continue;
    if (line.length > 120) {
      const exempt = classifyBody(line, { lineStart: true });
      if (exempt?.role === 'exempt') return exempt;
      continue;
    }
    const b = classifyBody(line, { lineStart: true });
    if (b) return b;
  }
  return undefined;
}

function sectionBody(doc: Document, section: Section, docBody: Body, multi: boolean): Body {
  const field = section.fields.find((f) => f.key === 'meeting' && !isEmptyValue(f.value));
  if (field) {
    const b = classifyBody(field.value, { lineStart: false });
    if (b) return b;
  }
  if (multi) {
    const b = bodyFromLines(headLines(doc, section.slices, 12));
    if (b) return b;
  }
  return docBody;
}

// ─── Wards ───────────────────────────────────────────────────────────────────────────────────────────────────

function wardRef(name: string, config: ResolvedConfig): WardRef {
  const w = resolveWard(name, config);
  return { name: w?.name ?? name, configured: Boolean(w), members: membersForWard(w?.name ?? name, config) };
}

/** The wards a section affects: its "Wards affected" line, front matter `wards`, or the wards its text names. */
function affectedWards(doc: Document, config: ResolvedConfig, section: Section, triggerBlocks: Set<number>, ordinary: Set<string>): Affected {
  const wardFields = section.fields.filter((f) => f.key === 'wards');
  wardFields.sort((a, b) => Number(/\b(?:members?|councillors?)\b/i.test(a.label)) - Number(/\b(?:members?|councillors?)\b/i.test(b.label)));
  for (const field of wardFields) {
    const list = parseWardList(field.value, config);
    if (list.all) return { wards: [], all: true, source: 'field', field };
    if (!list.none) return { wards: list.wards.map((w) => wardRef(w, config)), all: false, source: 'field', field };
  }
  const fm = doc.meta.frontMatter;
  if (fm && fm.wards !== undefined) {
    if (doc.meta.allWards) return { wards: [], all: true, source: 'front-matter' };
    const list = (doc.meta.wards ?? []).flatMap((w) => parseWardList(w, config).wards);
    if (list.length > 0) return { wards: [...new Set(list)].map((w) => wardRef(w, config)), all: false, source: 'front-matter' };
  }
  // from the text: explicit and context mentions anywhere; bare names in the opening lines or beside a trigger
  const names: string[] = [];
  let seenChars = 0;
  let allArea = false;
  for (const s of section.slices) {
    const b = doc.blocks[s.block]!;
    if (!isOwn(b)) continue;
    const text = b.text.slice(s.start, s.end);
    if (ALL_AREA_TEXT.test(text)) allArea = true;
    const mentions: WardMention[] = wardMentions(text, config, { ordinary });
    for (const m of mentions) {
      if (m.strength !== 'bare' || seenChars + m.start < 700 || triggerBlocks.has(s.block)) names.push(m.name);
    }
    seenChars += text.length + 1;
  }
  // "across the borough", "every ward": a borough-wide matter (T-W1), even if some wards are named
  if (allArea) return { wards: [], all: true, source: 'text' };
  if (names.length === 0) return { wards: [], all: false, source: 'none' };
  const unique = [...new Set(names)];
  return { wards: unique.map((w) => wardRef(w, config)), all: false, source: 'text' };
}

// ─── Records of notification ─────────────────────────────────────────────────────────────────────────────────

interface Resolved {
  members: MemberEntry[];
  unknown: string[];
  inOtherRoles: MemberEntry[];
}

/** Councillors named in a piece of text, resolved against the config. */
export function resolveMembers(text: string, config: ResolvedConfig): Resolved {
  const out: Resolved = { members: [], unknown: [], inOtherRoles: [] };
  for (const m of memberMentions(text, config)) {
    if (m.member) {
      if (!out.members.includes(m.member)) out.members.push(m.member);
      if ((m.kind === 'member-role' || OTHER_ROLE_AFTER.test(text.slice(m.end, m.end + 30))) && !out.inOtherRoles.includes(m.member)) out.inOtherRoles.push(m.member);
    } else if (m.kind === 'member-name' && /^(?:cllrs?\.?|councillors?|county\s+councillors?)\s/i.test(m.text)) {
      const name = m.text.replace(/^(?:cllrs?\.?|councillors?|county\s+councillors?)\s+/i, '').trim();
      const member = config.members.find((x) => sameName(x.name, name) || surname(x.name) === name);
      if (member) {
        if (!out.members.includes(member)) out.members.push(member);
      } else if (!/^(?:for|of|and|the)\b/i.test(name)) out.unknown.push(m.text.trim());
    }
  }
  for (const m of text.matchAll(CC_NAMES)) {
    const name = m[0].replace(/\s+CC$/, '');
    const member = config.members.find((x) => sameName(x.name, name) || name.endsWith(surname(x.name)));
    if (member && !out.members.includes(member)) out.members.push(member);
    else if (!member) out.unknown.push(m[0]);
  }
  return out;
}

function surname(name: string): string {
  const parts = name.trim().split(/\s+/);
  return parts[parts.length - 1]!;
}

/** A name list from front matter (`members: [Ann Example]`), resolved against the config. */
function resolveNames(names: string[], config: ResolvedConfig): Resolved {
  const out: Resolved = { members: [], unknown: [], inOtherRoles: [] };
  for (const raw of names) {
    const name = raw.replace(/^(?:cllrs?\.?|councillors?|county\s+councillors?)\s+/i, '').replace(/\s+CC$/, '').trim();
    if (!name) continue;
    const member = config.members.find((m) => sameName(m.name, name) || (m.aliases ?? []).some((a) => sameName(a, name))) ?? resolveMembers(raw, config).members[0];
    if (member) {
      if (!out.members.includes(member)) out.members.push(member);
    } else out.unknown.push(raw.trim());
  }
  return out;
}

/** "See paragraph 5.1", "as set out in Appendix C": notification recorded by reference (RULES.md T-W6). */
const BY_REFERENCE = /\b(?:see|refer\s+to|as\s+(?:set\s+out|detailed|described|reported)\s+(?:in|at)|detailed\s+(?:in|at)|in)\s+(?:para(?:graph)?s?|section|appendix|annex|part)\s*[\dA-Z]/i;

/** Does a notification value name councillors at all (not only "Fellbeck Parish Council", "Head of Service")? */
function namesCouncillors(value: string, resolved: Resolved, config: ResolvedConfig): boolean {
  if (resolved.members.length > 0 || resolved.unknown.length > 0) return true;
  if (BY_REFERENCE.test(value)) return true;
  if (COUNCILLOR_WORDS.test(value) || CC_NAME.test(value)) return true;
  if (/^\s*(?:on\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|^\s*\d{4}-\d{2}-\d{2}|^\s*\d{1,2}\/\d{1,2}\/\d{2,4}/.test(value)) return true; // "3 March 2027": a date says it was done
  // a person's name as a list item of its own ("A Example, B Example (3 March)"), not part of an organisation
  for (const part of value.replace(/\([^)]*\)/g, ' ').split(/\s*(?:[,;&]|\band\b)\s*/)) {
    const p = part.trim();
    if (!p || ORG_WORD.test(p) || /\d/.test(p)) continue;
    if (PERSON_LINE.test(p) && !MONTH_OR_DAY.test(p) && !resolveWard(p, config)) return true;
  }
  return false;
}

/** A date in a record: a full date, or "3 March" with the year of the document. */
function recordDate(text: string, docDate: string | undefined): string | undefined {
  const full = parseDate(text);
  if (full) return full;
  const m = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b/i.exec(text);
  if (!m || !docDate) return undefined;
  const year = Number(docDate.slice(0, 4));
  let iso = parseDate(`${m[1]} ${m[2]} ${year}`);
  if (iso && iso > docDate && monthsBetween(docDate, iso) > 6) iso = parseDate(`${m[1]} ${m[2]} ${year - 1}`);
  return iso;
}

function monthsBetween(a: string, b: string): number {
  return Math.abs((Date.parse(b) - Date.parse(a)) / (30 * 86400000));
}

function frontMatterSpan(doc: Document): Span | undefined {
  const i = doc.blocks.findIndex((b) => b.type === 'front-matter');
  if (i < 0) return undefined;
  const text = doc.blocks[i]!.text;
  const at = text.search(/^\s*notified\s*:/m);
  if (at < 0) return { block: i, start: 0, end: Math.min(text.length, 3) };
  const lineEnd = text.indexOf('\n', at + 1);
  return { block: i, start: at + (text.slice(at).length - text.slice(at).trimStart().length), end: lineEnd < 0 ? text.length : lineEnd };
}

function notificationRecords(
  doc: Document,
  config: ResolvedConfig,
  section: Section,
  affected: Affected,
): { records: NotificationRecord[]; emptyFields: FieldValue[]; othersFields: FieldValue[] } {
  const records: NotificationRecord[] = [];
  const emptyFields: FieldValue[] = [];
  const othersFields: FieldValue[] = [];
  const docDate = doc.meta.date;
  const wardNames = new Set(affected.wards.map((w) => w.name));
  const inAffected = (m: MemberEntry) => {
    const w = wardOfMember(m, config);
    return w !== undefined && wardNames.has(w);
  };

  // front matter `notified`
  for (const n of doc.meta.notified.filter((x: Notification) => x.from === 'front-matter')) {
    const r = resolveNames(n.members, config);
    records.push({
      via: 'front-matter',
      type: 'notified',
      span: frontMatterSpan(doc),
      text: n.members.join(', '),
      date: n.date,
      members: r.members,
      unknown: r.unknown,
      inOtherRoles: [],
      collective: n.members.length === 0,
      labelled: true,
    });
  }

  // cover-sheet fields
  for (const f of section.fields) {
    if (f.key === 'notified') {
      const comments = /\b(?:comments?|views?|responses?)\b/i.test(f.label);
      const notAsked = /\bnot\s+(?:yet\s+)?(?:been\s+)?(?:consulted|asked|notified|informed|briefed)\b/i.test(f.value);
      if (comments && !notAsked && /^\s*(?:none|no\s+(?:comments?|responses?|views?|objections?))\b/i.test(f.value)) {
        // "Ward councillor comments: None received": they were asked and made no comment
        records.push({ via: 'field', type: 'reaction', span: { block: f.block, start: f.start ?? 0, end: f.end ?? doc.blocks[f.block]!.text.length }, text: f.value, date: recordDate(f.value, docDate), members: [], unknown: [], inOtherRoles: [], collective: true, labelled: true });
        continue;
      }
      if (isEmptyValue(f.value) || isNegativeNotification(f.value)) {
        if (!comments || notAsked) emptyFields.push(f); // "Ward member comments: N/A" says nothing either way
        continue;
      }
      const r = resolveMembers(f.value, config);
      if (!namesCouncillors(f.value, r, config)) {
        othersFields.push(f);
        continue;
      }
      records.push({
        via: 'field',
        type: /invit/i.test(f.label) ? 'invited' : 'notified',
        span: { block: f.block, start: f.start ?? 0, end: f.end ?? doc.blocks[f.block]!.text.length },
        text: f.value,
        date: recordDate(f.value, docDate),
        members: r.members,
        unknown: r.unknown,
        inOtherRoles: r.inOtherRoles,
        collective: COLLECTIVE.test(f.value) || (r.members.length === 0 && r.unknown.length === 0),
        labelled: true,
      });
    } else if (f.key === 'wards' && /\b(?:members?|councillors?)\b/i.test(f.label) && NOTIFIED_WORD.test(f.value) && !isNegated(f.value, f.value.search(NOTIFIED_WORD))) {
      // "Ward councillors: consulted 3 March 2027", "Local member: Mr A Example CC (informed)"
      const r = resolveMembers(f.value, config);
      records.push({
        via: 'field',
        type: 'notified',
        span: { block: f.block, start: f.start ?? 0, end: f.end ?? doc.blocks[f.block]!.text.length },
        text: f.value,
        date: recordDate(f.value, docDate),
        members: r.members,
        unknown: r.unknown,
        inOtherRoles: r.inOtherRoles,
        collective: r.members.length === 0 && r.unknown.length === 0,
        labelled: true,
      });
    } else if (f.key === 'consultation' && !isEmptyValue(f.value)) {
      const r = resolveMembers(f.value, config);
      const wardMembers = r.members.filter(inAffected);
      const collective = /\b(?:ward|local|division(?:al)?)\s+(?:members?|councillors?)\b/i.test(f.value) && !isNegated(f.value, f.value.search(/\b(?:ward|local|division(?:al)?)\s+(?:members?|councillors?)\b/i));
      if (wardMembers.length > 0 || collective) {
        records.push({
          via: 'consultation',
          type: 'notified',
          span: { block: f.block, start: f.start ?? 0, end: f.end ?? doc.blocks[f.block]!.text.length },
          text: f.value,
          date: recordDate(f.value, docDate),
          members: wardMembers,
          unknown: [],
          inOtherRoles: [],
          collective: collective && wardMembers.length === 0,
          labelled: false,
        });
      }
    }
  }

  // sentences: evidence wording, configured ward members with a notification verb, names under a
  // "Consultation" heading
  const lex = wardLexicons().evidence;
  const fieldBlocks = new Set(section.fields.filter((f) => f.key === 'notified' || f.key === 'consultation').map((f) => `${f.block}:${f.start ?? 0}`));
  let consultContext = false;
  const blocksInSection = new Map<number, Span>();
  for (const s of section.slices) blocksInSection.set(s.block, s);
  for (const [bi, s] of blocksInSection) {
    const block = doc.blocks[bi]!;
    if (!mayHoldEvidence(block)) continue;
    const isHeading = block.type === 'heading' || (block.text.length < 70 && /^\s*(?:\d+(?:\.\d+)*\.?\s+)?[A-Z][^.!?:]{2,60}$/.test(block.text.trim()));
    if (isHeading) {
      consultContext = CONSULT_HEADING.test(block.text);
    }
    for (const sent of sentencesOf(doc, bi)) {
      if (sent.start < s.start || sent.start >= s.end) continue;
      if (fieldBlocks.has(`${bi}:${sent.start}`)) continue;
      const text = sent.text;
      let matched: { entry: LexiconEntry; index: number; length: number } | undefined;
      for (const m of lex.matchAll(text)) {
        if (NEGATION_IN_MATCH.test(m.text) || isNegated(text, m.index)) continue;
        if (m.entry.type !== 'invited' && FUTURE_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index))) continue; // "will be discussed with
        matched = m;
        break;
      }
      const r = matched || NOTIFY_VERB.test(text) || consultContext ? resolveMembers(text, config) : undefined;
      if (matched) {
        records.push({
          via: 'prose',
          type: (matched.entry.type as NotificationRecord['type']) ?? 'notified',
          span: { block: bi, start: sent.start + matched.index, end: sent.start + matched.index + matched.length },
          text,
          date: recordDate(text, docDate),
          members: r!.members,
          unknown: r!.unknown,
          inOtherRoles: r!.inOtherRoles,
          collective: COLLECTIVE.test(text) || (r!.members.length === 0 && r!.unknown.length === 0),
          labelled: true,
        });
        continue;
      }
      if (!r) continue;
      const verb = NOTIFY_VERB.exec(text);
      const negatedVerb = verb ? isNegated(text, verb.index) || NEGATION_IN_MATCH.test(verb[0]) : true;
      const configured = hasMemberWards(config);
      const named = configured ? r.members.filter(inAffected) : [...r.members];
      const unknownNamed = configured ? [] : r.unknown;
      if ((verb && !negatedVerb) || consultContext) {
        if (named.length > 0 || unknownNamed.length > 0) {
          records.push({
            via: verb && !negatedVerb ? 'prose' : 'consultation',
            type: /invit/i.test(verb?.[0] ?? '') ? 'invited' : 'notified',
            span: { block: bi, start: sent.start, end: sent.end },
            text,
            date: recordDate(text, docDate),
            members: named,
            unknown: unknownNamed,
            inOtherRoles: r.inOtherRoles,
            collective: false,
            labelled: false,
          });
        }
      }
    }
  }

  // e-mail recipients who are the ward's members: the e-mail itself tells them
  if (doc.kind === 'email') {
    const recipients = [...(doc.meta.to ?? []), ...(doc.meta.cc ?? []), ...(doc.meta.bcc ?? [])];
    const told: MemberEntry[] = [];
    const councillors: string[] = [];
    for (const a of recipients) {
      const local = a.address.split('@')[0]!.replace(/^cllrs?[._-]?/i, '').replace(/[._-]+/g, ' ');
      const member = config.members.find((m) => (a.name && sameName(a.name, m.name)) || sameName(local, m.name));
      if (member) {
        if (!config.members.some((m) => m.ward) || inAffected(member)) told.push(member);
      } else if (/\b(?:cllr|councillor)\b/i.test(a.name ?? '') || /^cllrs?[._-]/i.test(a.address)) councillors.push(a.name ?? a.address);
    }
    if (told.length > 0 || (councillors.length > 0 && !hasMemberWards(config))) {
      records.push({ via: 'recipient', type: 'notified', text: [...told.map((m) => m.name), ...councillors].join(', '), date: docDate, members: told, unknown: councillors, inOtherRoles: [], collective: false, labelled: false });
    }
  }
  return { records, emptyFields, othersFields };
}

// ─── Authorship ──────────────────────────────────────────────────────────────────────────────────────────────

/** A councillor's own e-mail, letter, newsletter or post (the protocol's officer duties do not apply; T-W7). */
function memberAuthored(doc: Document, config: ResolvedConfig, text: string): boolean {
  const from = doc.meta.from?.[0];
  if (from) {
    if (/\b(?:cllr|councillor)\b/i.test(from.name ?? '') || /^cllrs?[._-]/i.test(from.address)) return true;
    const local = from.address.split('@')[0]!.replace(/[._-]+/g, ' ');
    if (config.members.some((m) => (from.name && sameName(from.name, m.name)) || sameName(local, m.name))) return true;
    return false;
  }
  if (MEMBER_PUBLICATION.test(text.slice(0, 600)) || MEMBER_PUBLICATION.test(text.slice(-800))) return true;
  if (doc.kind === 'letter' && MEMBER_SIGN_OFF.test(doc.text.slice(-600))) return true;
  return false;
}

// ─── Messages ────────────────────────────────────────────────────────────────────────────────────────────────

/** "Castle ward", "Castle and Quayside wards". */
export function wardsText(wards: WardRef[], area: 'ward' | 'division'): string {
  const names = wards.map((w) => w.name);
  return `${listText(names)} ${area}${names.length > 1 ? 's' : ''}`;
}

export function memberName(m: MemberEntry): string {
  return `Cllr ${m.name}`;
}

/**
 * What every ward/ message says of a section's wards and their members: `{{wards}}` ("Thornby and Eastgate
 * wards"), `{{area}}`, `{{members}}` (" (Cllr A and Cllr B)" or "") and `{{memberWord}}`.
 */
export function wardMessageData(s: SectionInfo, area: 'ward' | 'division'): { wards: string; area: 'ward' | 'division'; members: string; memberWord: string } {
  const wards = s.affected.wards;
  return { wards: wardsText(wards, area), area, members: membersText(wards), memberWord: memberWord(wards) };
}

/** The members who should have been told, for messages: " (Cllr A and Cllr B)" or "". */
export function membersText(wards: WardRef[]): string {
  const members = wards.flatMap((w) => w.members);
  return members.length ? ` (${listText(members.map(memberName))})` : '';
}

/**
 * The section's wards are all in the config's gazetteer, so the rule can be sure they are the council's wards
 * (and knows their members): findings may be errors. Otherwise they are warnings.
 */
export function gazetteer(s: SectionInfo): boolean {
  return s.affected.wards.length > 0 && s.affected.wards.every((w) => w.configured);
}

/** "member" when the config gives the wards exactly one member between them, else "members". */
export function memberWord(wards: WardRef[]): string {
  return wards.reduce((n, w) => n + w.members.length, 0) === 1 ? 'member' : 'members';
}

/** The line to add to the document: `Ward members consulted: Cllr A, Cllr B (date)`. */
export function recordLine(wards: WardRef[], area: 'ward' | 'division', verb = 'consulted'): string {
  const members = wards.flatMap((w) => w.members);
  const label = area === 'division' ? `Local members ${verb === 'consulted' ? 'informed' : verb}` : `Ward members ${verb}`;
  const names = members.length ? members.map(memberName).join(', ') : 'Cllr A, Cllr B';
  return `"${label}: ${names} (date)"`;
}

/** "Agenda item 6: " for a section of an agenda pack, "" for a whole document. */
export function where(info: SectionInfo, doc: DocInfo): string {
  return doc.sections.length > 1 && info.section.item ? `Agenda item ${info.section.item}: ` : '';
}

/** The block and range of a span, for `context.report`. */
export function at(docRef: Document, span: Span): { block: Block; start: number; end: number } {
  return { block: docRef.blocks[span.block]!, start: span.start, end: span.end };
}

/** Where a field sits, for reporting. */
export function fieldSpan(docRef: Document, f: FieldValue): { block: Block; start: number; end: number } {
  const block = docRef.blocks[f.block]!;
  return { block, start: f.start ?? 0, end: f.end ?? block.text.length };
}

/** Dates in a sentence after a consultation launch ("opens today", "runs from 3 March 2027"). */
export function launchDate(docRef: Document, hit: Hit, docDate: string | undefined): string | undefined {
  const block = docRef.blocks[hit.block]!;
  const sentence = sentenceAt(docRef, hit.block, hit.start);
  const tail = block.text.slice(hit.start, sentence.end);
  if (/\b(?:opens?|open|opened|launch\w*|starts?|begins?|goes\s+live|is\s+(?:now\s+)?(?:open|live))\s+today\b|\btoday\b/i.test(tail) && docDate) return docDate;
  const dates = findDates(tail);
  if (/\b(?:opens?|open|starts?|begins?|runs?|run|from)\b/i.test(tail) && dates.length > 0) return dates[0]!.iso;
  if (/\bis\s+(?:now\s+)?(?:open|live|under\s*way)\b|\bhas\s+(?:today\s+)?(?:launched|opened)\b/i.test(tail) && docDate) return docDate;
  return undefined;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-10-05" → "5 October 2026". */
export function humanDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}` : iso;
}
