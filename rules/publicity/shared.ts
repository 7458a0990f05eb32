import type { Block } from '../../src/types.js';
import { SKIPPED_BLOCK_TYPES } from '../../src/types.js';
import type { Document } from '../../src/document/document.js';
import type { MemberEntry, PreElectionWindow, ResolvedConfig } from '../../src/config/types.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { settingOf } from '../../src/engine/verify.js';
import { memberMentions, officerMentions } from '../../src/language/people.js';
import { memberParty, partyMentions, type PartyDef, type PartyMention } from '../../src/language/parties.js';
import { quoteSpans, type QuoteSpan } from '../../src/language/scope.js';
import { findDates, parseDate } from '../../src/language/dates.js';
import type { Lexicon } from '../../src/language/lexicon.js';

/**
 * What the publicity/ rules share: is this document council publicity (RULES.md §7.0), when was it issued,
 * who is quoted, which parties and councillors it names. Computed once per document and cached.
 */

// ─── Grounds, as they appear in findings' `clause` ───────────────────────────────────────────────────────────

export const GROUND = {
  s2: 'LGA 1986 s.2(1)',
  s2a: 'LGA 1986 s.2(2)(a)',
  codeObjective: 'Publicity Code 2011 (objective)',
  codeEven: 'Publicity Code 2011 (even-handed)',
  codeCare: 'Publicity Code 2011 (care during periods of heightened sensitivity)',
  codeAppropriate: 'Publicity Code 2011 (appropriate)',
  c72: 'Blackburn with Darwen Section 3 para C 7.2',
  c73: 'Blackburn with Darwen Section 3 para C 7.3',
  c23: 'Blackburn with Darwen Section 3 para C 2.3',
  b1: 'Blackburn with Darwen Section 3 para B1',
  js51: 'Joint Standards protocol para 5.1',
  js26: 'Joint Standards protocol para 2.6',
  l5: 'Leicestershire Part 5C para 5',
  l7: 'Leicestershire Part 5C para 7',
  nn12: 'North Northamptonshire Part 8.4 para 1.2',
  lgaGuide: 'LGA pre-election publicity guidance',
} as const;

export const PUBLICITY_KINDS = new Set(['press-release', 'newsletter', 'social-post']);

// ─── Scope ───────────────────────────────────────────────────────────────────────────────────────────────────

export interface Scope {
  /** The document is council publicity the publicity rules check. */
  publicity: boolean;
  reason: string;
  /** A councillor's or party's own material (not council publicity unless it uses council resources). */
  own?: string;
  /** Council resources an own item uses (council imprint, logo, e-mail address or account). */
  resources: string[];
}

/** Statutory election material and other notices that name parties factually (T-P2). */
const ELECTION_NOTICE =
  /\b(?:statement of persons nominated|notice of (?:election|poll|uncontested election|situation of polling stations)|situation of polling stations|declaration of (?:the )?result(?:s)? of poll|notice of (?:the )?result|candidates? (?:and agents? )?nominated)\b/i;
/** Decision records and notices are not publicity. */
const DECISION_RECORD = /\b(?:record of (?:an? )?(?:officer|delegated|executive|individual (?:cabinet )?member|cabinet member) decision|officer decision record|decision notice|record of decision)\b/i;

/** Words in a councillor's or a party's own material. */
const OWN_MATERIAL: Array<[RegExp, string]> = [
  [/\bnot an? (?:[\w-]+ ){0,5}(?:council|borough|district|county|city) (?:publication|press release|news release|newsletter|statement|leaflet)\b/i, 'says it is not a council publication'],
  [/\bnews from (?:your )?(?:[\w-]+ ){0,4}councillors?\b/i, 'is a councillor’s own newsletter'],
  [/\b(?:statement|press release) (?:issued )?(?:by|from) the (?:[\w-]+ ){1,3}group\b/i, 'is a party group’s own statement'],
  [/\bissued by the (?:[\w-]+ ){1,3}group and is not\b/i, 'is a party group’s own statement'],
];
/** Imprints of a councillor's or party's own material; a council-headed item with one is council publicity. */
const OWN_IMPRINT: Array<[RegExp, string]> = [
  [/\b(?:written|published|printed) and (?:paid for|published|promoted) by\b/i, 'has a personal or party imprint'],
  [/\bpromoted by\b[^\n]{0,160}\bon behalf of\b/i, 'has an election imprint'],
];

/** An account, page or sender line at the top of a post. */
const ACCOUNT_LINE = /^\s*(?:account|page|profile|posted by|from|author|handle|channel)\s*:\s*(.+)$/gim;

const PUBLICITY_OTHER_SIGNALS: Array<[RegExp, string]> = [
  [/^\s*(?:published|posted|issued|last updated|updated|release date)\s*:?\s*(?:on\s+)?(?:\w+day\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}/im, 'publication date line'],
  [/(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?[^\n]{0,40}\bcouncil\b/i, 'council copyright line'],
  [/\b(?:follow us|like us on|share this|sign up for (?:our|the) (?:newsletter|e-?news))\b/i, 'social sharing'],
  [/\b(?:media enquiries|press office|notes? to editors)\b/i, 'media contact'],
  [/^\s*(?:[\w ]{0,40})?\b(?:leaflet|poster|advert(?:isement)?|flyer|web ?page|news(?: item| story)?)\s*$/im, 'publicity heading'],
  [/\b(?:residents are (?:invited|asked|encouraged|reminded)|find out more at|visit [\w.-]+\.(?:gov\.uk|org\.uk)\/)/i, 'addressed to residents'],
];

const scopeCache = new WeakMap<Document, Scope>();

/** Is the document council publicity (press release, newsletter, social post, or `other` with publicity signals)? */
export function publicityScope(doc: Document, config: ResolvedConfig): Scope {
  let s = scopeCache.get(doc);
  if (s) return s;
  s = decideScope(doc, config);
  scopeCache.set(doc, s);
  return s;
}

function headText(doc: Document, chars = 2500): string {
  return doc.text.slice(0, chars);
}

function decideScope(doc: Document, config: ResolvedConfig): Scope {
  const head = headText(doc, 1500);
  const text = doc.text;
  if (ELECTION_NOTICE.test(head)) return { publicity: false, reason: 'statutory election notice', resources: [] };
  if (doc.kind === 'email' && releaseByEmail(doc, config)) return { publicity: true, reason: 'a council press release sent by e-mail', resources: [] };
  if (!PUBLICITY_KINDS.has(doc.kind) && doc.kind !== 'other') return { publicity: false, reason: `${doc.kind} is not publicity`, resources: [] };
  if (doc.kind === 'other') {
    if (DECISION_RECORD.test(head)) return { publicity: false, reason: 'decision record', resources: [] };
    const found = PUBLICITY_OTHER_SIGNALS.filter(([re]) => re.test(text)).map(([, why]) => why);
    if (found.length < 2) return { publicity: false, reason: 'no publicity signals', resources: [] };
  }
  const own = ownMaterial(doc, config);
  if (own) {
    const resources = councilResources(doc, config);
    if (resources.length === 0) return { publicity: false, reason: `not council publicity: it ${own}`, own, resources };
    return { publicity: true, reason: `it ${own} but uses council resources (${resources.join('; ')})`, own, resources };
  }
  return { publicity: true, reason: `${doc.kind} is council publicity`, resources: [] };
}

const RELEASE_SIGNALS = [
  /^[^\S\n]*(?:[A-Z][\w&'’ ]{0,50}[^\S\n]+)?(?:press|news|media)[^\S\n]+(?:release|statement)\b/im,
  /\bfor immediate (?:release|publication)\b/i,
  /^\s*[-–—*]*\s*ends\s*[-–—*]*\s*$/im,
  /\bnotes? (?:to|for) editors\b/i,
  /\bembargoed until\b/i,
];

/** An e-mail from a council officer to the press or public whose body is a press release. */
function releaseByEmail(doc: Document, config: ResolvedConfig): boolean {
  if (doc.audience !== 'press' && doc.audience !== 'public') return false;
  const from = doc.meta.from?.[0];
  if (!from || !isCouncilAddress(from.address, config)) return false;
  if (/\b(?:cllr|councillor)\b/i.test(from.name ?? '') || /^cllr[._-]/i.test(from.address)) return false;
  const body = doc.ownBlocks.filter((b) => (b.source ?? 0) === 0).map((b) => b.text).join('\n');
  return RELEASE_SIGNALS.filter((re) => re.test(body)).length >= 2;
}

function councilNames(config: ResolvedConfig): RegExp | undefined {
  if (!config.council) return undefined;
  const full = config.council.trim();
  const short = full.replace(/\s+(?:Borough|District|County|City|Metropolitan Borough|Town|Parish)?\s*Council$/i, '').trim();
  const alts = [full, short && short !== full ? `${short} (?:Borough |District |County |City |Town |Parish )?Council` : ''].filter(Boolean);
  return new RegExp(`\\b(?:${alts.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'i');
}

function ownMaterial(doc: Document, config: ResolvedConfig): string | undefined {
  const text = doc.text;
  const council = councilNames(config);
  // a social post's account line decides first
  const head = headText(doc, 800);
  ACCOUNT_LINE.lastIndex = 0;
  for (let m = ACCOUNT_LINE.exec(head); m; m = ACCOUNT_LINE.exec(head)) {
    const who = m[1]!;
    if ((council && council.test(who)) || /\b(?:official|communications|press office|council)\b/i.test(who)) return undefined;
    if (/\b(?:cllr|councillor|candidate|mp)\b/i.test(who) || memberMentions(who, config).some((x) => x.kind === 'member-name') || partyMentions(who, config).length > 0) {
      return 'is posted from a councillor’s or party’s own account';
    }
  }
  for (const [re, why] of OWN_MATERIAL) if (re.test(text)) return why;
  // an imprint makes it a candidate's or party's own material, unless the council's name heads it (then it is
  // council publicity carrying a party imprint, which publicity/party-political reports)
  const headed = council !== undefined && council.test(headText(doc, 120));
  if (!headed) for (const [re, why] of OWN_IMPRINT) if (re.test(text)) return why;
  return undefined;
}

const IMPRINT_LINE = /\b(?:promoted|published|printed|paid for|produced|distributed)\b[^\n]{0,30}\bby\b[^\n]{0,200}/gi;
const CIVIC_ADDRESS = /\b(?:town hall|civic cent(?:re|er)|council (?:offices|house|chamber)|guildhall|county hall|city hall|members['’]? (?:room|services))\b/i;
const LOGO = /\b(?:council|borough|district|county|city)(?:['’]s)? (?:logo|crest|coat of arms|branding)\b/i;

/** Council resources used by a councillor's or party's own material (`002` 5.1; `004` B1, C 2.3; P5, P8). */
export function councilResources(doc: Document, config: ResolvedConfig): string[] {
  const out: string[] = [];
  const text = doc.text;
  const council = councilNames(config);
  IMPRINT_LINE.lastIndex = 0;
  for (let m = IMPRINT_LINE.exec(text); m; m = IMPRINT_LINE.exec(text)) {
    const line = m[0];
    if (/\bnot\b/i.test(line)) continue;
    if ((council && council.test(line)) || CIVIC_ADDRESS.test(line) || domainIn(line, config)) {
      out.push(`the imprint names the council or its premises ("${line.trim().slice(0, 80)}")`);
      break;
    }
  }
  if (LOGO.test(text) && !/\bno council (?:logo|resources|branding)\b/i.test(text)) out.push('it carries the council logo');
  const from = doc.meta.from ?? [];
  if (from.some((a) => isCouncilAddress(a.address, config))) out.push(`it was sent from a council e-mail address (${from[0]!.address})`);
  else if (/^\s*(?:contact|e-?mail|email me|get in touch)\b[^\n]*@/im.test(text)) {
    const m = /[\w.+-]+@[\w.-]+/.exec(text.match(/^\s*(?:contact|e-?mail|email me|get in touch)\b[^\n]*@[^\n]*/im)?.[0] ?? '');
    if (m && isCouncilAddress(m[0], config) && /\b(?:vote|promoted by|campaign)\b/i.test(text)) out.push(`it gives a council e-mail address for campaigning (${m[0]})`);
  }
  return out;
}

function domainIn(text: string, config: ResolvedConfig): boolean {
  const emails = text.match(/[\w.+-]+@[\w.-]+/g) ?? [];
  return emails.some((e) => isCouncilAddress(e, config));
}

export function isCouncilAddress(address: string, config: ResolvedConfig): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase().replace(/[>\s.]+$/, '');
  return config.councilDomains.some((d) => {
    const x = d.toLowerCase().replace(/^@/, '');
    return domain === x || domain.endsWith('.' + x);
  });
}

// ─── Date of issue and pre-election windows ──────────────────────────────────────────────────────────────────

export interface IssueDate {
  iso: string;
  /** Where it was read: front matter, email header, or a text line. */
  from: string;
  /** The block and span of the date in the text, when it came from the text. */
  block?: number;
  start?: number;
  end?: number;
}

const DATE_LABEL = /^\s*(?:\*\*|__)?(?:date(?: of (?:issue|release|publication))?|dated|issued(?: on)?|published(?: on)?|posted(?: on)?|release date|for release on|embargo(?:ed)?(?: until)?|updated|last updated)(?:\*\*|__)?\s*[:\-–—]?\s*(?:\*\*|__)?\s*(?:on\s+)?/i;
const INLINE_PUBLISHED = /\b(?:published|issued|posted)\s*:?\s*(?:on\s+)?(?=(?:\w+day\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Z])/i;
const BARE_DATE_LINE = /^\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4}\s*$/i;

const dateCache = new WeakMap<Document, IssueDate | null>();

/** When the publicity was issued: front matter, the email Date header, a dateline or a "Date:/Issued:/Posted:" line. */
export function issueDate(doc: Document): IssueDate | undefined {
  const cached = dateCache.get(doc);
  if (cached !== undefined) return cached ?? undefined;
  const d = findIssueDate(doc);
  dateCache.set(doc, d ?? null);
  return d;
}

function findIssueDate(doc: Document): IssueDate | undefined {
  const fm = doc.meta.frontMatter;
  if (fm && fm.date !== undefined && doc.meta.date) return { iso: doc.meta.date, from: 'front matter' };
  if ((doc.format === 'eml' || doc.format === 'msg') && doc.meta.date) return { iso: doc.meta.date, from: 'the e-mail Date header' };
  // text lines near the top: a labelled date, "Published 7 December 2026", or a dateline on its own
  let seen = 0;
  for (let i = 0; i < doc.blocks.length && seen < 2500; i++) {
    const b = doc.blocks[i]!;
    if ((b.source ?? 0) !== 0) break;
    if (b.type === 'quoted-reply' || b.type === 'signature' || b.type === 'disclaimer') continue;
    seen += b.text.length;
    let lineStart = 0;
    for (const line of b.text.split('\n')) {
      const at = lineStart;
      lineStart += line.length + 1;
      const label = DATE_LABEL.exec(line);
      if (label) {
        const rest = line.slice(label[0].length);
        const found = findDates(rest)[0];
        if (found && found.index < 20) return { iso: found.iso, from: `the "${line.slice(0, label[0].length).replace(/[:\s*_]+$/, '')}" line`, block: i, start: at + label[0].length + found.index, end: at + label[0].length + found.index + found.length };
      }
      const inline = INLINE_PUBLISHED.exec(line);
      if (inline) {
        const rest = line.slice(inline.index + inline[0].length);
        const found = findDates(rest)[0];
        if (found && found.index === 0) return { iso: found.iso, from: 'the "Published" line', block: i, start: at + inline.index + inline[0].length, end: at + inline.index + inline[0].length + found.length };
      }
      if (BARE_DATE_LINE.test(line)) {
        const found = findDates(line)[0];
        if (found) return { iso: found.iso, from: 'the dateline', block: i, start: at + found.index, end: at + found.index + found.length };
      }
    }
  }
  if (doc.meta.date) return { iso: doc.meta.date, from: 'the document’s date' };
  return undefined;
}

/** The configured pre-election window the date falls in (start and polling day inclusive). */
export function windowFor(iso: string, config: ResolvedConfig): PreElectionWindow | undefined {
  return config.preElection.find((w) => {
    const start = parseDate(w.start) ?? w.start;
    const end = parseDate(w.pollingDay) ?? w.pollingDay;
    return iso >= start && iso <= end;
  });
}

export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[(m ?? 1) - 1]} ${y}`;
}

// ─── Blocks, mentions, quotes and speakers ───────────────────────────────────────────────────────────────────

export interface MemberHit {
  start: number;
  end: number;
  text: string;
  member?: MemberEntry;
  /** A stable key for "the same councillor" (config name, or the surname as written). */
  key: string;
}

/** `author`: the writer quoting themselves ("You can quote me as follows:"). */
export type SpeakerKind = 'member' | 'officer' | 'author' | 'other' | 'none';

export interface Quote extends QuoteSpan {
  speaker: SpeakerKind;
  /** The member quoted, when the speaker is a councillor. */
  member?: MemberHit;
}

export interface BlockInfo {
  index: number;
  block: Block;
  parties: PartyMention[];
  members: MemberHit[];
  quotes: Quote[];
  /** The text with every party mention replaced by "§" and every councillor by "¤" (same length). */
  masked: string;
  /** Sentence spans within the block. */
  sentences: Array<{ start: number; end: number }>;
}

export interface Analysis {
  blocks: BlockInfo[];
}

/** Member roles that do not identify one councillor. */
const GENERIC_MEMBER_ROLE = /^(?:ward (?:members?|councillors?)|local (?:members?|councillors?)|councillors?|independent person|(?:vice[- ])?chair(?:man|woman)?)$/i;
/** "Team Leader", "Project Leader": job titles, not the Leader of the Council. */
const NOT_MEMBER_LEADER = /\b(?:team|project|scout|youth|squad|site|shift|service|programme|course|walk|ride|group work|play|activity|session|tour)\s+$/i;

/** First names that are also ordinary words: never read as a councillor on their own. */
const COMMON_FIRST_NAMES = new Set(
  'will may june april august grant mark bill frank hope faith joy grace rose dawn summer autumn sky holly ivy fern heather hazel iris robin pat sue guy ray penny amber ruby pearl jack lily daisy violet jade crystal river storm rain forest dale glen cliff lance victor sterling chase drew jay bob don gene art'.split(' '),
);

const analysisCache = new WeakMap<Document, Analysis>();

/** Blocks the publicity rules read: the document's own text (not quoted replies, signatures, headers). */
export function ownBlockInfos(doc: Document, config: ResolvedConfig): BlockInfo[] {
  return analyse(doc, config).blocks;
}

export function analyse(doc: Document, config: ResolvedConfig): Analysis {
  let a = analysisCache.get(doc);
  if (a) return a;
  const sentencesByBlock = new Map<number, Array<{ start: number; end: number }>>();
  for (const s of doc.sentences) {
    let list = sentencesByBlock.get(s.block);
    if (!list) sentencesByBlock.set(s.block, (list = []));
    list.push({ start: s.start, end: s.end });
  }
  const firstNames = firstNameForms(doc, config);
  const blocks: BlockInfo[] = [];
  doc.blocks.forEach((block, index) => {
    if (SKIPPED_BLOCK_TYPES.has(block.type)) return;
    if ((block.source ?? 0) !== 0) return; // attachments are documents of their own
    const text = block.text;
    const members = specificMembers(text, config, firstNames);
    const parties = partyMentions(text, config, { members });
    const chars = text.split('');
    for (const p of parties) for (let i = p.start; i < p.end; i++) chars[i] = '§';
    for (const m of members) for (let i = m.start; i < m.end; i++) if (chars[i] !== '§') chars[i] = '¤';
    blocks.push({ index, block, parties, members, quotes: [], masked: chars.join(''), sentences: sentencesByBlock.get(index) ?? [{ start: 0, end: text.length }] });
  });
  for (let i = 0; i < blocks.length; i++) blocks[i]!.quotes = quotesWithSpeakers(blocks, i, config).sort((x, y) => x.start - y.start);
  a = { blocks };
  analysisCache.set(doc, a);
  return a;
}

function firstNameForms(doc: Document, config: ResolvedConfig): Array<{ re: RegExp; member: MemberEntry }> {
  const out: Array<{ re: RegExp; member: MemberEntry }> = [];
  const text = doc.text;
  for (const m of config.members) {
    const parts = m.name.trim().split(/\s+/);
    if (parts.length < 2) continue;
    const first = parts[0]!;
    if (first.length < 3 || COMMON_FIRST_NAMES.has(first.toLowerCase())) continue;
    // only when the document also gives the full name, so "Philippa" is that Philippa
    if (!new RegExp(`\\b${escapeRegex(m.name).replace(/\s+/g, '\\s+')}\\b`).test(text)) continue;
    out.push({ re: new RegExp(`(?<![\\p{L}\\p{N}_-])${escapeRegex(first)}(?![\\p{L}\\p{N}_-])(?!\\s+\\p{Lu})`, 'gu'), member: m });
  }
  return out;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function keyOf(text: string, member?: MemberEntry): string {
  if (member) return member.name.toLowerCase();
  const words = text.replace(/['’]s$/, '').split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  return (words[words.length - 1] ?? text).toLowerCase();
}

/** "Cllr Pettifer's", "Councillor Ann Example": the config member with that surname (and first name, if given). */
function memberBySurname(text: string, config: ResolvedConfig): MemberEntry | undefined {
  const words = text.replace(/['’]s?$/, '').replace(/^(?:cllrs?\.?|councillors?|county councillors?|council leader|mayor)\s+/i, '').split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const surname = words[words.length - 1]!.toLowerCase();
  const first = words.length > 1 ? words[0]!.toLowerCase() : undefined;
  const found = config.members.filter((m) => {
    const parts = m.name.toLowerCase().split(/\s+/);
    return parts[parts.length - 1] === surname && (!first || parts[0] === first);
  });
  return found.length === 1 ? found[0] : undefined;
}

/** Councillors named in a text: names, "Cllr X", specific roles ("the Leader", "Cabinet Member for Y"), first names. */
export function specificMembers(text: string, config: ResolvedConfig, firstNames: Array<{ re: RegExp; member: MemberEntry }> = []): MemberHit[] {
  const out: MemberHit[] = [];
  for (const m of memberMentions(text, config)) {
    if (m.kind === 'member-role') {
      const role = (m.role ?? m.text).trim();
      if (GENERIC_MEMBER_ROLE.test(role)) continue;
      if (/^(?:Deputy\s+)?Leader\b/.test(role) && NOT_MEMBER_LEADER.test(text.slice(Math.max(0, m.start - 20), m.start))) continue;
      if (/^Leader$/.test(role) && /^\s+(?:of the\s+)?(?:Team|Project)\b/.test(text.slice(m.end, m.end + 20))) continue;
    } else if (m.kind !== 'member-name') continue;
    // "Councillors Approve Budget" in a title-case headline is not a name
    if (m.kind === 'member-name' && !m.member && /^Councillors\s/.test(m.text) && !/,/.test(text.slice(m.end, m.end + 2))) continue;
    const member = m.member ?? (m.kind === 'member-name' ? memberBySurname(m.text, config) : undefined);
    out.push({ start: m.start, end: m.end, text: m.text, member, key: keyOf(m.kind === 'member-role' && member ? member.name : m.text, member) });
  }
  for (const { re, member } of firstNames) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = m.index;
      if (out.some((x) => s >= x.start && s < x.end)) continue;
      out.push({ start: s, end: s + m[0].length, text: m[0], member, key: member.name.toLowerCase() });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const SPEECH_CUE = /\b(?:said|says|added|adds|commented|comments|explained|explains|stated|states|told|tells|continued|remarked|wrote|writes|according to)\b|:\s*$/i;
const AFTER_QUOTE_SPEAKER = /^[\s,.!?]*(?:[”"’']\s*)?(?:said|says|added|adds|commented|explained|continued|remarked)\b/i;

function quotesWithSpeakers(blocks: BlockInfo[], i: number, config: ResolvedConfig): Quote[] {
  const b = blocks[i]!;
  const text = b.block.text;
  const spans = quoteSpans(text);
  const out: Quote[] = [];
  for (const q of spans) {
    if (q.end - q.start < 12) {
      out.push({ ...q, speaker: 'none' }); // a short term in quote marks, not a quotation
      continue;
    }
    out.push({ ...q, ...speakerOf(blocks, i, q, config) });
  }
  // a block that is itself a quotation (starts with a quote mark and runs on) spoken by the previous block's speaker
  if (b.block.type === 'quote' || /^\s*[“"]/.test(text)) {
    const prev = blocks[i - 1];
    if (prev && /:\s*$/.test(prev.block.text) && !out.some((q) => q.start <= 2 && q.speaker !== 'none')) {
      const sp = lastSpeaker(prev, prev.block.text.length, config);
      if (sp.speaker !== 'none') out.unshift({ start: 0, end: text.length, attributed: true, ...sp });
    }
  }
  return out;
}

function speakerOf(blocks: BlockInfo[], i: number, q: QuoteSpan, config: ResolvedConfig): Pick<Quote, 'speaker' | 'member'> {
  const b = blocks[i]!;
  const text = b.block.text;
  // before the quote, in the same block: "Cllr X, Cabinet Member for Y, said: "..."
  const before = lastSpeaker(b, q.start - 1, config, 220);
  if (before.speaker !== 'none') return before;
  // after: "..." said Cllr X / "..." the Director added
  const after = text.slice(q.end + 1, q.end + 120);
  if (AFTER_QUOTE_SPEAKER.test(after) || /^[\s,.!?]*[”"’']?\s*(?:the\s+)?[\p{Lu}]/u.test(after)) {
    const window = { start: q.end + 1, end: q.end + 1 + Math.min(after.length, 100) };
    const member = b.members.find((m) => m.start >= window.start && m.start < window.end);
    if (member && AFTER_QUOTE_SPEAKER.test(after)) return { speaker: 'member', member };
    const officer = officerMentions(after, config).find((m) => m.kind !== 'officers-collective');
    if (officer && AFTER_QUOTE_SPEAKER.test(after)) return { speaker: 'officer' };
  }
  // the quote starts the block and the block before ends "... said:"
  if (q.start <= 2 && i > 0) {
    const prev = blocks[i - 1]!;
    if (/:\s*$/.test(prev.block.text)) {
      const sp = lastSpeaker(prev, prev.block.text.length, config);
      if (sp.speaker !== 'none') return sp;
    }
  }
  return { speaker: q.attributed ? 'other' : 'none' };
}

const officerCache = new WeakMap<BlockInfo, Array<{ start: number; end: number }>>();

/** Officers named in a block (names and role titles), computed once. */
function officersOf(b: BlockInfo, config: ResolvedConfig): Array<{ start: number; end: number }> {
  let list = officerCache.get(b);
  if (!list) {
    list = officerMentions(b.block.text, config)
      .filter((m) => m.kind !== 'officers-collective')
      .map((m) => ({ start: m.start, end: m.end }))
      .sort((x, y) => x.start - y.start);
    officerCache.set(b, list);
  }
  return list;
}

/** The speaker named just before `at` in a block, when a speech cue follows the name. */
function lastSpeaker(b: BlockInfo, at: number, config: ResolvedConfig, window = 220): Pick<Quote, 'speaker' | 'member'> {
  const text = b.block.text;
  const from = Math.max(0, at - window);
  const before = text.slice(from, at);
  if (!SPEECH_CUE.test(before)) return { speaker: 'none' };
  // the nearest named person before the cue
  let lastMember: MemberHit | undefined;
  for (let i = lastStartingBefore(b.members, at); i >= 0; i--) {
    const m = b.members[i]!;
    if (m.start < from) break;
    if (m.end <= at) {
      lastMember = m;
      break;
    }
  }
  const officers = officersOf(b, config);
  let lastOfficer: { start: number; end: number } | undefined;
  for (let i = lastStartingBefore(officers, at); i >= 0; i--) {
    const o = officers[i]!;
    if (o.start < from) break;
    if (o.end <= at) {
      lastOfficer = o;
      break;
    }
  }
  if (lastMember && lastMember.start >= (lastOfficer?.start ?? -1)) {
    const cue = text.slice(lastMember.end, at);
    if (SPEECH_CUE.test(cue)) return { speaker: 'member', member: lastMember };
  }
  if (lastOfficer) {
    const cue = text.slice(lastOfficer.end, at);
    if (SPEECH_CUE.test(cue)) return { speaker: 'officer' };
  }
  if (/\b(?:spokes(?:person|man|woman) for (?:the )?[\w ]{0,40}council|a council spokes(?:person|man|woman)|the council said)\b/i.test(before)) return { speaker: 'officer' };
  if (/\b(?:quote me|I (?:said|told|wrote|added|commented)|my (?:statement|comment|response|reply|quote))\b/i.test(before)) return { speaker: 'author' };
  if (/\b(?:resident|residents|petition|campaigner|objector|complainant|member of the public|local (?:man|woman|people)|business owner|chair of (?:the )?[\w ]+ (?:association|society|group|trust|club))\b/i.test(before)) return { speaker: 'other' };
  return { speaker: 'none' };
}

/** The last index in a list sorted by `start` whose start is at or before `index` (binary search). */
export function lastStartingBefore<T extends { start: number }>(list: T[], index: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start <= index) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The quote a position sits in, if any. Quotes are sorted by start; a few may nest, so look back a little. */
export function quoteAt(info: BlockInfo, index: number): Quote | undefined {
  const quotes = info.quotes;
  for (let i = lastStartingBefore(quotes, index), n = 0; i >= 0 && n < 8; i--, n++) {
    const q = quotes[i]!;
    if (index >= q.start && index < q.end) return q;
  }
  return undefined;
}

/** The sentence span around a position in a block. */
export function sentenceAt(info: BlockInfo, index: number): { start: number; end: number } {
  const i = lastStartingBefore(info.sentences, index);
  const s = i >= 0 ? info.sentences[i]! : undefined;
  return s && index < s.end ? s : (info.sentences.find((x) => index >= x.start && index < x.end) ?? { start: 0, end: info.block.text.length });
}

// ─── Lexicon matching ─────────────────────────────────────────────────────────────────────────────────────────

// ─── Rule helpers ────────────────────────────────────────────────────────────────────────────────────────────

/** The level a rule runs at for this file (config first, then default); "off" when it does not run. */
export function ruleEnabled(config: ResolvedConfig, ruleId: string): boolean {
  const { level } = settingOf(config.rules[ruleId]);
  return level !== 'off';
}

/** A councillor's name with the party the config gives, for messages: "Cllr Ann Example (Labour)". */
export function describeMember(hit: MemberHit, config: ResolvedConfig): string {
  const party: PartyDef | undefined = memberParty(hit.member, config);
  const text = hit.text.trim().replace(/['’]s$/, '');
  const m = hit.member;
  if (!m) return text;
  const parts = m.name.trim().split(/\s+/);
  const lower = text.toLowerCase();
  let who: string;
  if (lower.includes(parts[parts.length - 1]!.toLowerCase())) who = /^(?:cllr|councillor)\b/i.test(text) ? text : `Cllr ${m.name}`;
  else if (lower === parts[0]!.toLowerCase()) who = `${text} (Cllr ${m.name})`;
  else who = `the ${text.replace(/^the\s+/i, '')} (Cllr ${m.name})`;
  const label = party ? (m.party ?? party.name) : undefined;
  if (!label) return who;
  return who.endsWith(')') ? `${who.slice(0, -1)}, ${label})` : `${who} (${label})`;
}

/** "the Labour Party", "the Liberal Democrats", "Reform UK", "Wexcombe First". */
export function partyName(name: string): string {
  return /(?:Party|Democrats|Unionists|Independents|Greens|Conservatives)$/.test(name) ? `the ${name}` : name;
}

export function optionNumber(context: RuleContext, key: string, fallback: number): number {
  const v = context.options[key];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

export function excerpt(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
