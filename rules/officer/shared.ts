import { createRequire } from 'node:module';
import type { Block } from '../../src/types.js';
import type { Document, Sentence } from '../../src/document/document.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { loadLexicon, type Lexicon, type LexiconEntry } from '../../src/language/lexicon.js';
import {
  analysePeople,
  memberMentions,
  nearestBefore,
  objectAfter,
  officerByAddress,
  officerByName,
  officerLabel,
  officerMentions,
  prenominalTarget,
  subjectAt,
  type PeopleContext,
  type Ref,
  type Referent,
} from '../../src/language/people.js';
import { REPORTED_SPEECH, modality, quoteSpans, reportedFrame, type Modality, type QuoteSpan } from '../../src/language/scope.js';
import { splitSentences } from '../../src/language/sentences.js';
import { classifyAddress, sameName } from '../../src/document/audience.js';

/**
 * What the officer/ rules share: who wrote a document and to whom, whether it goes to the press or public,
 * whether it is a record of what others said (minutes, standards papers), the people in each block, and each
 * lexicon's hits in a sentence with the person each is aimed at. Computed once per document and sentence,
 * whichever rule asks first.
 */

export type LexiconName = 'derogatory' | 'dishonesty' | 'capability' | 'staffing' | 'advice' | 'public-channel';

const lexicons = new Map<LexiconName, Lexicon>();

export function lexicon(name: LexiconName): Lexicon {
  let lex = lexicons.get(name);
  if (!lex) lexicons.set(name, (lex = loadLexicon('officer', name)));
  return lex;
}

/** A lexicon phrase in a sentence, with whom it is said of and how it is framed. */
export interface Hit {
  lexicon: LexiconName;
  entry: LexiconEntry;
  /** Indices in the block's text. */
  start: number;
  end: number;
  text: string;
  /** Whom the phrase is said of. */
  target?: Referent;
  /** The reference in the text that names the target (a name, role, pronoun or "you"). */
  targetRef?: Ref;
  modality: Modality;
  /** The words are reported from someone else ("residents tell me the officer is useless"), not asserted. */
  reported?: boolean;
  /** Why the phrase does not count, if it does not. */
  skip?: 'quoted' | 'reported' | 'record' | 'negated' | 'gate' | 'proper-name' | 'writer';
}

/** True when a hit is a live finding about an officer (or officers collectively). */
export function aimedAtOfficer(hit: Hit): boolean {
  return !hit.skip && (hit.target?.kind === 'officer' || hit.target?.kind === 'officers');
}

export type WriterRole = 'officer' | 'member' | 'other' | 'unknown';

export interface Channel {
  /** Words for the message: "a press statement", "an email copied to the press". */
  reason: string;
  /**
   * A reply to one member of the public is outside the council but hardly "in public": findings there are
   * warnings. The press, publicity, public meetings and several outside recipients are errors.
   */
  soft?: boolean;
}

// ─── document facts ──────────────────────────────────────────────────────────

const STANDARDS_CONTEXT =
  /\b(?:standards (?:committee|sub-committee|hearing|panel|assessment)|hearing sub-committee|assessment sub-committee|code of conduct complaint|complaint (?:against|about|concerning) (?:a |the )?(?:councillor|member)|decision notice|investigating officer['’]s report|subject member|independent person['’]s views|views of the independent person|complaint ref(?:erence)?|(?:formal )?investigation into (?:a |the )?complaint)\b/i;

const PUBLICATION_KINDS = new Set(['press-release', 'newsletter', 'social-post']);

const CHANNEL_KIND: Record<string, string> = {
  'press-release': 'a press release',
  newsletter: 'a newsletter',
  'social-post': 'a social media post',
  report: 'a report for a public meeting',
  agenda: 'an agenda for a public meeting',
  minutes: 'the minutes of a public meeting',
};

/** Words that undo a channel signal before it ("rather than raising this at committee"). */
const CHANNEL_NEGATED = /\b(?:rather than|instead of|not|never|won['’]t|will not|wouldn['’]t|would not|haven['’]t|have not|without|no intention of|before)\s+(?:\w+\s+){0,3}$/i;

const docCache = new WeakMap<Document, OfficerDoc>();

/** The officer/ view of a document: shared by every officer rule. */
export function officerDoc(context: RuleContext): OfficerDoc {
  let od = docCache.get(context.doc);
  if (!od) {
    od = new OfficerDoc(context.doc, context.config);
    docCache.set(context.doc, od);
  }
  return od;
}

export class OfficerDoc {
  readonly registry = new Map<string, Referent>();
  readonly writer: Referent;
  readonly writerRole: WriterRole;
  readonly addressee?: Referent;
  /** Minutes, standards papers, decision notices: the words in them are a record of what others said. */
  readonly record: boolean;
  /** The document goes to the press or the public (or a public meeting), and why. */
  readonly channel?: Channel;
  /** Press release, newsletter, social post, or anything addressed to the press or public. */
  readonly publication: boolean;
  private readonly people: PeopleContext;
  private readonly refCache = new Map<number, Ref[]>();
  private readonly quoteCache = new Map<number, QuoteSpan[]>();
  private readonly hitCache = new Map<LexiconName, WeakMap<Sentence, Hit[]>>();
  private readonly blockHas = new Map<LexiconName, Int8Array>();

  constructor(
    readonly doc: Document,
    readonly config: ResolvedConfig,
  ) {
    const meta = doc.meta;
    const allText = doc.sources.map((s) => s.text).join('\n');
    // officers whose full name appears anywhere (headers included): their first name alone then counts
    const firstNames = config.officers.filter((o) => allText.includes(o.name) || [...(meta.to ?? []), ...(meta.cc ?? []), ...(meta.from ?? [])].some((a) => a.name && sameName(a.name, o.name)));
    const otherNames: string[] = [];
    for (const a of [...(meta.to ?? []), ...(meta.cc ?? []), ...(meta.bcc ?? []), ...(meta.from ?? [])]) {
      if (!a.name || officerByName(a.name, config) || isMember(a.name, config)) continue;
      if (/\b(?:services?|team|desk|newsdesk|office|council|group|members|committee|scrutiny|enquiries|info|admin)\b/i.test(a.name)) continue;
      if (a.name.trim().split(/\s+/).length >= 2) otherNames.push(a.name.trim());
    }
    const { writer, role } = findWriter(doc, config);
    this.writer = writer;
    this.writerRole = role;
    this.people = { config, firstNames, otherNames, registry: this.registry, writer };
    this.addressee = findAddressee(doc, config, this.people);
    this.people.addressee = this.addressee;
    const head = `${meta.title ?? ''}\n${meta.meeting ?? ''}\n${doc.text.slice(0, 4000)}`;
    this.record = doc.kind === 'minutes' || ((doc.kind === 'report' || doc.kind === 'other' || doc.kind === 'agenda' || doc.kind === 'email' || doc.kind === 'letter') && STANDARDS_CONTEXT.test(head));
    this.publication = PUBLICATION_KINDS.has(doc.kind) || doc.audience === 'press' || doc.audience === 'public';
    this.channel = findChannel(doc, config);
  }

  /** People referred to in a block, pronouns resolved (with the two blocks before as context). */
  refs(index: number): Ref[] {
    return this.refsAt(index, 2);
  }

  private refsAt(index: number, depth: number): Ref[] {
    const key = index * 4 + depth;
    let refs = this.refCache.get(key);
    if (refs) return refs;
    refs = analysePeople(this.textOf(index), this.people, depth > 0 ? this.previousRefs(index, depth - 1) : []);
    this.refCache.set(key, refs);
    return refs;
  }

  /** The people of the block before (most prominent, i.e. first, first), for pronouns at the start of a block. */
  private previousRefs(index: number, depth: number): Ref[] {
    for (let i = index - 1; i >= 0 && i >= index - 3; i--) {
      const b = this.doc.blocks[i]!;
      if (b.source !== this.doc.blocks[index]!.source) return [];
      if (SKIPPED.has(b.type)) continue;
      const refs = this.refsAt(i, depth);
      return refs.filter((r) => r.referent && r.via !== 'pronoun').concat(refs.filter((r) => r.via === 'pronoun' && r.referent));
    }
    return [];
  }

  // ─── the Subject line ──────────────────────────────────────────────────────

  private readonly subjectCache = new Map<number, SubjectLine | null>();
  private earlierCache?: EarlierMessage[];

  /**
   * The sentences a rule checks for an engine sentence: the sentence itself in the document's own text; in the
   * email's own Subject header line, the subject's sentences that start inside it (measured after "Subject:" and
   * any "RE:", "FW:", "[External]" prefixes); nothing in other header lines or in an attached email's headers.
   */
  checked(sentence: Sentence, block: Block): Sentence[] {
    if (block.type !== 'header') return [sentence];
    const subject = this.subjectLine(sentence.block);
    if (!subject) return [];
    return subject.sentences.filter((s) => s.start >= sentence.start && s.start < sentence.end);
  }

  /** Hits of a lexicon aimed at an officer, in every sentence a rule checks for an engine sentence (`checked`). */
  *officerHits(name: LexiconName, engineSentence: Sentence, block: Block): Generator<{ sentence: Sentence; hit: Hit }> {
    for (const sentence of this.checked(engineSentence, block)) {
      for (const hit of this.hits(name, sentence, block)) if (aimedAtOfficer(hit)) yield { sentence, hit };
    }
  }

  /** The block's text as the officer/ analysis reads it: a Subject line with its header name and prefixes blanked. */
  textOf(index: number): string {
    return this.subjectLine(index)?.text ?? this.doc.blocks[index]!.text;
  }

  /** The email's own Subject header line (not an attached email's), if block `index` is it. */
  subjectLine(index: number): SubjectLine | undefined {
    const cached = this.subjectCache.get(index);
    if (cached !== undefined) return cached ?? undefined;
    const block = this.doc.blocks[index]!;
    let subject: SubjectLine | null = null;
    if (block.type === 'header' && !block.source) {
      const m = SUBJECT_PREFIX.exec(block.text);
      if (m && m[0].length < block.text.length) {
        const start = m[0].length;
        const sentences = splitSentences(block.text.slice(start)).map((x) => ({ text: x.text, block: index, start: start + x.start, end: start + x.end }));
        subject = { start, reply: REPLY_MARK.test(m[0]), text: ' '.repeat(start) + block.text.slice(start), sentences };
      }
    }
    this.subjectCache.set(index, subject);
    return subject ?? undefined;
  }

  /**
   * Whether the words at [start, end) of a Subject line are someone else's: a reply or forward keeps the subject
   * of the message it answers, so words that came from an earlier message (shown in the quoted history or an
   * attached email) are not the writer's, as the quoted history itself is not. A fresh subject, words added to an
   * inherited one, and a subject the writer had given the earlier message themselves are the writer's. An officer
   * answering or passing on a message keeps the subject they were sent.
   */
  private inheritedSubject(index: number, start: number, end: number): boolean {
    const subject = this.subjectLine(index);
    if (!subject?.reply) return false;
    if (this.writerRole === 'officer') return true;
    const earlier = this.earlierMessages();
    if (earlier.length === 0) return false;
    const line = this.doc.blocks[index]!.text;
    // the oldest message with the words in its subject is where they come from
    const withSubject = earlier.filter((m) => m.subject).reverse();
    for (const m of withSubject) {
      const words = m.subject!.split(/\s+/).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      const found = new RegExp(words.join('\\s+'), 'i').exec(line.slice(subject.start));
      if (!found) continue;
      const s = subject.start + found.index;
      if (start >= s && end <= s + found[0].length) return !this.isWriter(m.from);
    }
    // the earlier subject is shown and the words are not in it: the writer changed the subject
    if (withSubject.length > 0) return false;
    // no subject shown: the words are as old as the thread, unless the thread is the writer's own
    return !this.isWriter(earlier.filter((m) => m.from).pop()?.from);
  }

  /** The earlier messages an email carries: attached emails, then its quoted history (newest first, so the thread starter is last). */
  private earlierMessages(): EarlierMessage[] {
    if (this.earlierCache) return this.earlierCache;
    const out: EarlierMessage[] = [];
    const attached = new Map<number, EarlierMessage>();
    for (const b of this.doc.blocks) {
      if (!b.source || b.type !== 'header') continue;
      let m = attached.get(b.source);
      if (!m) attached.set(b.source, (m = {}));
      const h = /^(From|Subject):\s*(.*)$/.exec(b.text);
      if (h?.[1] === 'From') m.from = h[2]!.trim();
      else if (h?.[1] === 'Subject') m.subject = stripSubject(h[2]!);
    }
    for (const m of attached.values()) out.push(m);
    let current: EarlierMessage | undefined;
    for (const b of this.doc.blocks) {
      if (b.source || b.type !== 'quoted-reply') continue;
      for (const raw of b.text.split('\n')) {
        const line = raw.replace(/^[\s>]+/, '');
        if (QUOTED_SEPARATOR.test(line)) continue;
        const from = QUOTED_FROM.exec(line) ?? QUOTED_ATTRIBUTION.exec(line);
        const subj = QUOTED_SUBJECT.exec(line);
        if (from) out.push((current = { from: from[1]!.trim() }));
        else if (subj) {
          if (!current || current.subject !== undefined) out.push((current = {}));
          current.subject = stripSubject(subj[1]!);
        } else if (!current && line.trim()) out.push((current = {}));
      }
    }
    for (const m of out) if (m.subject === '') delete m.subject;
    return (this.earlierCache = out);
  }

  /** A "From:" value or "On ... wrote:" line names the writer of this email. */
  private isWriter(from: string | undefined): boolean {
    const w = this.doc.meta.from?.[0];
    if (!from || !w) return false;
    const lower = from.toLowerCase();
    if (w.address && lower.includes(w.address.toLowerCase())) return true;
    if (!w.name) return false;
    const name = from.replace(/<[^>]*>|\[[^\]]*\]|["']/g, '').trim();
    return sameName(name, w.name) || lower.includes(w.name.toLowerCase());
  }

  private byBlock?: Map<number, Sentence[]>;

  private previousSentence(sentence: Sentence): Sentence | undefined {
    if (!this.byBlock) {
      this.byBlock = new Map();
      for (const s of this.doc.sentences) {
        const list = this.byBlock.get(s.block);
        if (list) list.push(s);
        else this.byBlock.set(s.block, [s]);
      }
    }
    let prev: Sentence | undefined;
    const subject = this.subjectLine(sentence.block);
    for (const s of subject ? subject.sentences : (this.byBlock.get(sentence.block) ?? [])) {
      if (s.start >= sentence.start) break;
      prev = s;
    }
    return prev;
  }

  quotes(index: number): QuoteSpan[] {
    let q = this.quoteCache.get(index);
    if (!q) {
      q = quoteSpans(this.doc.blocks[index]!.text);
      this.quoteCache.set(index, q);
    }
    return q;
  }

  /** Hits of a lexicon in a sentence, each with its target and framing. */
  hits(name: LexiconName, sentence: Sentence, block: Block): Hit[] {
    let perSentence = this.hitCache.get(name);
    if (!perSentence) this.hitCache.set(name, (perSentence = new WeakMap()));
    let hits = perSentence.get(sentence);
    if (hits) return hits;
    hits = [];
    const lex = lexicon(name);
    // one test per block rules out every sentence in a block without the lexicon's words (0 unknown, 1 no, 2 yes)
    let has = this.blockHas.get(name);
    if (!has) this.blockHas.set(name, (has = new Int8Array(this.doc.blocks.length)));
    if (has[sentence.block] === 0) has[sentence.block] = lex.test(block.text) ? 2 : 1;
    if (has[sentence.block] === 2) {
      const refs = this.refs(sentence.block);
      for (const m of lex.matchAll(sentence.text)) {
        const start = sentence.start + m.index;
        const end = start + m.length;
        hits.push(this.judge(name, m.entry, start, end, block, sentence, refs));
      }
    }
    perSentence.set(sentence, hits);
    return hits;
  }

  private judge(name: LexiconName, entry: LexiconEntry, start: number, end: number, block: Block, sentence: Sentence, refs: Ref[]): Hit {
    const text = this.textOf(sentence.block);
    const subject = this.subjectLine(sentence.block);
    const hit: Hit = { lexicon: name, entry, start, end, text: text.slice(start, end), modality: modality(sentence.text, start - sentence.start) };
    // "The Muppet Christmas Carol", "Clown Town": part of a proper name
    // (in a Title Case subject line, "Incompetent As Usual" is not a name)
    if (
      /^[A-Z]/.test(hit.text) &&
      start > sentence.start &&
      /^\s+[A-Z][a-z]/.test(text.slice(end, end + 3)) &&
      !/[.!?:]\s*$/.test(text.slice(sentence.start, start)) &&
      !(subject && FUNCTION_WORD.test(/^\s+([A-Za-z]+)/.exec(text.slice(end, end + 30))?.[1] ?? ''))
    ) {
      hit.skip = 'proper-name';
      return hit;
    }
    const { target, ref } = attach(entry, start, end, text, sentence, refs, this.previousSentence(sentence), { headline: Boolean(subject) });
    if (target) {
      hit.target = target;
      hit.targetRef = ref;
    }
    if (target && this.writer.officer && target.key === this.writer.key) hit.skip = 'writer';
    if (hit.modality === 'negated') hit.skip ??= 'negated';
    // a reply's or forward's Subject line, kept from an earlier message someone else wrote
    if (subject && this.inheritedSubject(sentence.block, start, end)) hit.skip ??= 'quoted';
    // quoted or reported words
    const quote = this.quotes(sentence.block).find((q) => start >= q.start && start < q.end);
    if (quote) {
      if (this.record) hit.skip ??= 'record';
      else if (quote.attributed && !(this.publication && ownSpeaker(quote.attribution ?? '', this.config))) hit.skip ??= 'quoted';
    }
    if (!hit.skip) {
      const local = start - sentence.start;
      const frame = reportedFrame(sentence.text, local);
      if (REPORTED_SPEECH.test(sentence.text.slice(0, local + hit.text.length))) hit.skip = 'reported';
      else if (frame && (this.record || this.writerRole === 'officer')) hit.skip = 'reported';
      // a committee report summarising representations ("Objectors consider that officers have been biased")
      else if (frame && (this.doc.kind === 'report' || this.doc.kind === 'agenda') && REPRESENTATIONS.test(frame)) hit.skip = 'reported';
      // in a press statement or newsletter, "Cllr X said ..." is the statement itself
      else if (frame && !(this.publication && ownSpeaker(frame, this.config))) hit.reported = true;
    }
    if (!hit.skip && entry.gate === 'not-positive') {
      // the sentence around the insult is praise ("a brilliant clown at the fun day"): not an attack
      const local = start - sentence.start;
      const rest = sentence.text.slice(0, local) + ' ' + sentence.text.slice(local + hit.text.length);
      if (sentiment(rest) > 0) hit.skip = 'gate';
    }
    return hit;
  }
}

/** Who makes representations that a committee report summarises. */
const REPRESENTATIONS =
  /\b(?:objectors?|residents?|the applicant|applicants?|the agent|the appellant|appellants?|the complainant|complainants?|respondents?|consultees?|representations?|objections?|letters? of (?:objection|support)|comments? received|responses?|petitioners?|the petition|members of the public|interested parties|third parties|the parish council|local people)\b/i;

const SKIPPED = new Set(['quoted-reply', 'signature', 'disclaimer', 'header', 'front-matter', 'code']);

/** The email's Subject header line, as the officer/ rules read it. */
export interface SubjectLine {
  /** Where the writer's words start in the line: after "Subject: " and any "RE: FW: [External]" prefixes. */
  start: number;
  /** The prefixes include a reply or forward marker ("Re:", "FW:", "AW:", "Fwd:"). */
  reply: boolean;
  /** The line with the header name and prefixes blanked out (same length), for finding people in it. */
  text: string;
  /** The subject's sentences, with indices in the line. */
  sentences: Sentence[];
}

/** An earlier message an email carries (its quoted history, an attached email): who wrote it, its subject. */
interface EarlierMessage {
  from?: string;
  subject?: string;
}

/** Reply and forward markers, in the languages mail programs write them ("Re[2]:", "AW:", "WG:", "Antw:", "TR:", "SV:"). */
const REPLY_MARK_SRC = String.raw`(?:re|fwd?|aw|wg|sv|vs|antw|tr|rif|enc|rv)(?:\s*\[\d+\]|\s*\(\d+\))?\s*[:\uff1a]`;
/** Tags before a subject: "[External]", "[EXTERNAL EMAIL]", "(External)", "EXTERNAL:", "*** CAUTION ***". */
const SUBJECT_TAG_SRC = String.raw`(?:\[(?:[^\]\s]{1,30}|[^\]\n]{0,30}\b(?:external|ext|spam|caution|warning|suspicious|phishing|bulk|list)\b[^\]\n]{0,30})\]|\((?:external|ext)\)|\*{1,3}\s*(?:external|caution|warning|spam)[^*\n]{0,30}\*{1,3}|(?:external(?: email| sender)?|caution|spam|suspected spam)\s*[:\uff1a])`;
const SUBJECT_PREFIX = new RegExp(String.raw`^Subject:[ \t]*(?:(?:${REPLY_MARK_SRC}|${SUBJECT_TAG_SRC})[ \t]*)*`, 'i');
const SUBJECT_VALUE_PREFIX = new RegExp(String.raw`^\s*(?:(?:${REPLY_MARK_SRC}|${SUBJECT_TAG_SRC})\s*)*`, 'i');
const REPLY_MARK = new RegExp(String.raw`(?:^|[\s\]):])${REPLY_MARK_SRC}`, 'i');

/** A subject without its reply, forward and tag prefixes, white space collapsed. */
function stripSubject(value: string): string {
  return value.replace(SUBJECT_VALUE_PREFIX, '').replace(/\s+/g, ' ').trim();
}

/** Lines of an earlier message in a quoted history ("> " and Outlook's "*From:*" bold already dealt with). */
const QUOTED_FROM = /^\**\s*From\s*:\s*\**\s*(\S.*)$/i;
const QUOTED_SUBJECT = /^\**\s*Subject\s*:\s*\**\s*(.*)$/i;
const QUOTED_ATTRIBUTION = /^(On\s.{4,300}?|.{1,160}?)\s*\bwrote\s*:\s*$/i;
const QUOTED_SEPARATOR = /^(?:[-_=]{2,}|begin forwarded message\b)/i;

function isMember(name: string, config: ResolvedConfig): boolean {
  return /\b(?:cllr|councillor)\b/i.test(name) || config.members.some((m) => sameName(name, m.name) || (m.aliases ?? []).some((a) => sameName(name, a)));
}

/** A quote's speaker is the writer's side in a publication: a councillor, the group, a spokesperson. */
function ownSpeaker(attribution: string, config: ResolvedConfig): boolean {
  if (/\b(?:cllr|councillor|leader|group|spokes(?:person|man|woman)|cabinet member|chair(?:man|woman)?|mayor|I|we)\b/.test(attribution)) return true;
  return memberMentions(attribution, config).length > 0;
}

function findWriter(doc: Document, config: ResolvedConfig): { writer: Referent; role: WriterRole } {
  const from = doc.meta.from?.[0];
  // "I" stays the writer (never a pronoun's antecedent), but shares the officer's key, so that the writer's own
  // name or role in the text ("As Head of Planning, I ...") is recognised as the writer
  const asOfficer = (o: NonNullable<ReturnType<typeof officerByName>>): { writer: Referent; role: WriterRole } => ({
    writer: { kind: 'writer', label: officerLabel(o), key: `officer:${o.name}`, officer: o, role: o.role, named: true },
    role: 'officer',
  });
  if (from) {
    const o = (from.name && officerByName(from.name, config)) || officerByAddress(from.address, config);
    if (o) return asOfficer(o);
    if ((from.name && isMember(from.name, config)) || /\bcllr|councillor/i.test(from.address)) return { writer: { kind: 'writer', label: 'the writer', key: 'writer' }, role: 'member' };
    if (classifyAddress(from.address, config) === 'council') return { writer: { kind: 'writer', label: 'the writer', key: 'writer' }, role: 'officer' };
    return { writer: { kind: 'writer', label: 'the writer', key: 'writer' }, role: 'other' };
  }
  // no headers: a "From:" line, a councillor's sign-off or a social account line
  const head = doc.text.slice(0, 600);
  const tail = doc.text.slice(-600);
  const fromLine = /^\s*(?:from|account|posted by|page)\s*:\s*(.+)$/im.exec(head);
  if (fromLine) {
    const o = officerByName(fromLine[1]!.split(/[,(<]/)[0]!.trim(), config);
    if (o) return asOfficer(o);
    if (isMember(fromLine[1]!, config) || /\bcouncillor\b/i.test(fromLine[1]!)) return { writer: { kind: 'writer', label: 'the writer', key: 'writer' }, role: 'member' };
  }
  if (/^\s*(?:cllr|councillor)\s+[A-Z]/im.test(tail) || /\bcouncillor for\b/i.test(tail)) return { writer: { kind: 'writer', label: 'the writer', key: 'writer' }, role: 'member' };
  return { writer: { kind: 'writer', label: 'the writer', key: 'writer' }, role: 'unknown' };
}

const SALUTATION = /^\s*(?:dear|hi|hello|good (?:morning|afternoon|evening)|morning|afternoon)?\s*,?\s*([^\n,:!]{2,60}?)\s*[,:!]?\s*$/i;

/** Who "you" is: the officer (or other person) a letter or email is addressed to, if it can be told. */
function findAddressee(doc: Document, config: ResolvedConfig, people: PeopleContext): Referent | undefined {
  if (doc.kind !== 'email' && doc.kind !== 'letter' && doc.kind !== 'other') return undefined;
  const first = doc.ownBlocks.find((b) => b.text.trim().length > 0 && b.type !== 'heading');
  const to = doc.meta.to ?? [];
  const other = (label: string): Referent => ({ kind: 'other', label, key: `other:${label.toLowerCase()}` });
  if (first) {
    const line = first.text.split('\n')[0]!;
    const words = line.trim().split(/\s+/).length;
    const m = words <= 7 ? SALUTATION.exec(line) : null;
    if (m && (/^\s*(?:dear|hi|hello|good|morning|afternoon)\b/i.test(line) || /[,:]\s*$/.test(line))) {
      const name = m[1]!.trim();
      if (/^(?:sir|madam|sir or madam|sir\/madam|editor|all|colleagues|everyone|team|residents?|councillors?|members|both|democratic services)\b/i.test(name)) return other(name);
      if (isMember(name, config) || memberMentions(name, config).length > 0) return { kind: 'member', label: name, key: `member:${name.toLowerCase()}` };
      const officers = officerMentions(name, config, { firstNames: people.firstNames ?? [] });
      const o = officers.find((x) => x.officer);
      if (o?.officer) return referentOf(o.officer, people);
      if (officers.length > 0 && officers[0]!.kind !== 'officers-collective') {
        const role = officers[0]!.role ?? officers[0]!.text;
        return { kind: 'officer', label: role, key: `role:${role.toLowerCase()}`, role };
      }
      // a first name: match it against the To: line
      const byTo = to.map((a) => (a.name ? officerByName(a.name, config) : undefined) ?? officerByAddress(a.address, config)).find((x) => x && x.name.split(/\s+/)[0]!.toLowerCase() === name.toLowerCase());
      if (byTo) return referentOf(byTo, people);
      if (doc.kind === 'email' && to.length === 1) {
        const only = to[0]!;
        const oo = (only.name && officerByName(only.name, config)) || officerByAddress(only.address, config);
        if (oo && oo.name.split(/\s+/)[0]!.toLowerCase() === name.split(/\s+/)[0]!.toLowerCase()) return referentOf(oo, people);
      }
      return other(name);
    }
  }
  if (doc.kind === 'email' && to.length === 1) {
    const only = to[0]!;
    const o = (only.name && officerByName(only.name, config)) || officerByAddress(only.address, config);
    if (o) return referentOf(o, people);
    if (only.name && isMember(only.name, config)) return { kind: 'member', label: only.name, key: `member:${only.name.toLowerCase()}` };
  }
  return undefined;
}

function referentOf(o: NonNullable<ReturnType<typeof officerByName>>, people: PeopleContext): Referent {
  const key = `officer:${o.name}`;
  const reg = people.registry!;
  let r = reg.get(key);
  if (!r) reg.set(key, (r = { kind: 'officer', label: officerLabel(o), key, officer: o, role: o.role, named: true }));
  return r;
}

/** Does the document go to the press, the public or a public meeting? From its audience, kind and wording. */
function findChannel(doc: Document, config: ResolvedConfig): Channel | undefined {
  if (doc.audience === 'press') {
    const press = [...(doc.meta.to ?? []), ...(doc.meta.cc ?? []), ...(doc.meta.bcc ?? [])].find((a) => classifyAddress(a.address, config) === 'press');
    return { reason: press ? `${doc.kind === 'email' ? 'an email' : 'a document'} sent to the press (${press.address.slice(press.address.indexOf('@') + 1)})` : 'a document for the press' };
  }
  if (doc.audience === 'public') {
    const kindReason = CHANNEL_KIND[doc.kind];
    if (kindReason) return { reason: kindReason };
    if (doc.kind === 'email') {
      const outside = [...(doc.meta.to ?? []), ...(doc.meta.cc ?? []), ...(doc.meta.bcc ?? [])].filter((a) => classifyAddress(a.address, config) === 'public');
      const one = outside.length === 1 && !/\b(?:association|group|forum|residents|list|committee|all|campaign|network|society|friends of)\b/i.test(`${outside[0]!.name ?? ''} ${outside[0]!.address}`);
      if (one) return { reason: 'an email to a member of the public', soft: true };
      return { reason: 'an email to people outside the council' };
    }
    return { reason: 'a document for the public' };
  }
  // wording: "I have copied in the Herald", "for publication", "in the public part of the meeting"
  const lex = lexicon('public-channel');
  for (const b of doc.ownBlocks) {
    if (b.source) continue;
    for (const m of lex.matchAll(b.text)) {
      const before = b.text.slice(Math.max(0, m.index - 50), m.index);
      if (CHANNEL_NEGATED.test(before)) continue;
      return { reason: `${String(m.entry.channel ?? 'public')} (“${m.text.replace(/\s+/g, ' ').trim()}”)` };
    }
  }
  return undefined;
}

// ─── attachment: whom a phrase is said of ─────────────────────────────────────

const FUNCTION_WORD =
  /^(?:at|in|of|on|to|for|with|as|about|and|or|but|nor|than|that|when|if|since|because|so|too|again|now|then|even|from|by|into|over|under|who|which|whose|while|whilst|after|before|beyond|towards?|regarding|yet|though|although|against|across|around|among|amongst|within|without|despite|behind|upon|onto|like|unlike|per|via|except|including|concerning|throughout|during|until|till|where|whereas|unless|once|anyway|today|yesterday|lately|recently|already|indeed|either|neither|whatever|whoever|is|was|are|were|be|been|being|has|have|had|the|a|an|this|these|those|there|here|his|her|their|its|my|your|our|it|he|she|they|we|you|i|me|him|them|us|no|not|never|all|any|every|each|some|such|more|most|less|least|just|only|really|very|quite|rather|also|still|always|ever)$/i;

/** Nouns an epithet can describe and still be about a person ("an incompetent manager", "a lazy so-and-so"). */
const PERSON_NOUN =
  /^(?:officers?|officials?|m[ae]n|wom[ae]n|persons?|people|individuals?|managers?|directors?|heads?|bureaucrats?|employees?|boss(?:es)?|chiefs?|executives?|lawyers?|solicitors?|planners?|clerks?|servants?|fools?|idiots?|characters?|creatures?|humans?|beings?|so-and-so|specimens?|excuse|piece|leader|leadership|professional|appointment|choice|hire|jobsworths?|pen-pushers?|bureaucracy)$/i;

/** Linking verbs: "X is/was/has been/seems/appears (to be) ...". */
const COPULA = /^(?:is|was|are|were|be|been|being|am|['’]s|['’]re|seems?|seemed|appears?|appeared|looks?|looked|sounds?|sounded|remains?|remained|became|becomes|become|proved|proves|proven|shown|showed|turned|stays?|stayed|getting|gets|got|grown|grew|feels?|felt)$/i;

/** Past tenses and other verbs that make what follows their object, not a description of the subject. */
const LEXICAL_VERB =
  /^(?:found|made|took|gave|sent|brought|bought|put|ran|held|left|kept|met|paid|sold|won|did|dealt|saw|heard|thought|knew|chose|drove|fought|caught|taught|built|spent|lent|meant|told|said|wrote|hired|hires|employs?|appoint(?:s|ed)?|calls?|called|named|labelled|branded|dubbed|described|hates?|loves?|likes?|liked|watched|booked|invited|thanked|praised|met|sent|cut|removed|replaced|planted|fixed|cleared|treats?|treated|removed|removes|gets|makes|takes|gives|wants|needs|hosted|hosts|organised|organises|ran|runs|ordered|orders|bought|buys|hired|uses|used)$/i;

export interface AttachOptions {
  /**
   * The text is a headline (an email's Subject line), which may be written in Title Case: an adjective in front
   * of any word but a person is about that word ("Useless Bus Timetable"), capital or not.
   */
  headline?: boolean;
}

export interface Attachment {
  target?: Referent;
  ref?: Ref;
}

function personal(r: Ref | undefined): Attachment {
  if (!r || !r.referent) return {};
  return { target: r.referent, ref: r };
}

/**
 * Whom the phrase [start, end) in a block's text is said of, by the entry's `attach` mode:
 * `subject` (default): the officer it stands in front of, else the subject of its clause (with the checks
 * below), else a pronoun inside it ("out of her depth"); `prenominal`: only the officer directly after it;
 * `object`: the person after it ("sack him", "lost all confidence in Mr X's ability"), else the subject
 * (passives: "Ms X should be sacked"); `nearest`: the nearest person before it ("calling on her to resign");
 * `none`: no target needed (the phrase itself is the problem), the person after it if any.
 */
export function attach(
  entry: LexiconEntry,
  start: number,
  end: number,
  text: string,
  sentence: Sentence,
  refs: readonly Ref[],
  previous?: { start: number; end: number },
  options: AttachOptions = {},
): Attachment {
  const mode = String(entry.attach ?? 'subject');
  const inSentence = refs.filter((r) => r.start >= sentence.start && r.end <= sentence.end);
  switch (mode) {
    case 'prenominal':
      return personal(prenominalTarget(text, end, inSentence));
    case 'none':
      return personal(objectAfter(text, start, end, inSentence));
    case 'object': {
      const obj = objectAfter(text, start, end, inSentence);
      if (obj) return personal(obj);
      return subjectTarget(entry, start, end, text, sentence, refs, previous, options);
    }
    case 'nearest': {
      const inside = inSentence.find((r) => r.start >= start && r.end <= end && r.referent && r.referent.kind !== 'writer');
      if (inside) return personal(inside);
      const near = nearestBefore(start, inSentence, sentence.start);
      if (near) return personal(near);
      return personal(objectAfter(text, start, end, inSentence));
    }
    default:
      return subjectTarget(entry, start, end, text, sentence, refs, previous, options);
  }
}

function subjectTarget(
  entry: LexiconEntry,
  start: number,
  end: number,
  text: string,
  sentence: Sentence,
  refs: readonly Ref[],
  previous?: { start: number; end: number },
  options: AttachOptions = {},
): Attachment {
  const inSentence = refs.filter((r) => r.start >= sentence.start && r.end <= sentence.end);
  const isWord = entry.pos === 'adj' || entry.pos === 'noun' || entry.personOnly === true;
  if (entry.pos === 'adj') {
    // an adjective in front of a noun describes that noun: "lazy loading", "an incompetent cervix"
    const next = /^[\s"“”'‘’]*([A-Za-z][\w’'-]*)/.exec(text.slice(end, end + 40));
    if (next && (/^[a-z]/.test(next[1]!) || (options.headline && /^[A-Z][a-z]/.test(next[1]!))) && !FUNCTION_WORD.test(next[1]!) && !PERSON_NOUN.test(next[1]!)) {
      const r = inSentence.find((x) => x.start >= end && x.start <= end + next[0].length);
      if (!r) return {};
    }
  }
  if (isWord) {
    const pre = prenominalTarget(text, end, inSentence);
    if (pre) return personal(pre);
    // "the arrogance of the Head of Planning", "a masterclass in incompetence from Ms X"
    if (entry.personOnly === true && /^\s+(?:of|from|by)\s/i.test(text.slice(end, end + 6))) {
      const after = objectAfter(text, start, end, inSentence, 40);
      if (after && after.referent?.kind !== 'thing') return personal(after);
    }
  }
  // the agent of a passive: "members were misled by the Director", "a cover-up by the Monitoring Officer"
  if (entry.pos !== 'adj' && /^\s+(?:to\s+)?by\s/i.test(text.slice(end, end + 8))) {
    const agent = objectAfter(text, start, end, inSentence, 40);
    if (agent && agent.referent?.kind !== 'thing') return personal(agent);
  }
  const subj = subjectAt(text, start, refs, sentence.start);
  if (subj.ref) {
    if (isWord && !linked(text, subj.ref.end, start)) return {};
    return personal(subj.ref);
  }
  if (subj.how === 'thing') {
    // "it has been a masterclass in incompetence": a word only a person can be, about the one officer there is
    if (entry.personOnly === true) {
      const cs = clauseRegion(text, start, sentence.start);
      if (/^\s*(?:,\s*)?(?:and\s+|but\s+)?(?:it|this|that|which|the whole thing)\b/i.test(cs)) {
        const people = inSentence.filter((r) => r.referent && r.referent.kind !== 'thing' && r.referent.kind !== 'writer' && r.referent.kind !== 'reader');
        const keys = new Set(people.map((r) => r.referent!.key));
        if (keys.size === 1 && people[0]!.referent!.kind === 'officer') return personal(people[0]);
      }
    }
    return {};
  }
  // no subject: a pronoun inside the phrase ("out of her depth", "his friends at"), else the sentence before
  const inside = inSentence.find((r) => r.start >= start && r.end <= end && r.referent && (r.via === 'pronoun' || r.via === 'you'));
  if (inside) return personal(inside);
  if (subj.how === 'fragment' || subj.how === 'none') {
    const prev = refs.filter((r) => r.end <= sentence.start && r.start >= sentence.start - 300 && r.referent && r.referent.kind !== 'writer' && r.referent.kind !== 'reader');
    if (subj.how === 'fragment' && prev.length > 0) {
      // the first person in the sentence before (its subject)
      const lastSentenceStart = previous ? previous.start : 0;
      const first = prev.find((r) => r.start >= lastSentenceStart);
      if (first && first.referent!.kind !== 'thing') return personal(first);
    }
  }
  return {};
}

function clauseRegion(text: string, index: number, from: number): string {
  const slice = text.slice(from, index);
  const parts = slice.split(/[;:()\u2013\u2014]|,\s*(?:and|but)\b|\b(?:but|and|because|although|though|while|whereas|so)\b/i);
  return parts[parts.length - 1] ?? slice;
}

/**
 * The words between a subject and an epithet link them ("is", "has been", "has shown herself to be",
 * "is remote, arrogant and"), rather than making the epithet the object of some other verb ("removed the
 * dead wood", "hired a clown"). Scans back from the epithet to the first verb.
 */
function linked(text: string, subjectEnd: number, hitStart: number): boolean {
  if (hitStart <= subjectEnd) return true;
  const between = text
    .slice(subjectEnd, hitStart)
    .replace(/,\s*(?:[a-z]+ing\b|in\b|as\b|at\b|by\b|to be\b|frankly|quite|sadly|clearly|once again|of course|it seems|i think|i fear)[^,]{0,80},/gi, ' ');
  // apposition: "Ms X, a complete jobsworth"
  if (/^['’]?s?\s*,\s*(?:a|an|the|that|this|our|your|frankly|quite|simply|basically)\b/i.test(between) && !/[.;:]/.test(between)) return true;
  const words = between.split(/[\s,]+/).filter(Boolean).map((w) => w.replace(/^["“”'‘’(]+|["“”'‘’).!?]+$/g, ''));
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (!w) continue;
    if (COPULA.test(w)) return true;
    if (/n['’]t$/i.test(w) || /^(?:not|never|no|nothing|little|more|than|but|just|so|such|too|very|really|quite|rather|a|an|the|complete|total|utter|absolute|bit|of|something|kind|sort|and|or|also|still|always|frankly|clearly|simply|basically|becoming|proving|to|himself|herself|themselves|itself|yourself|as)$/i.test(w)) continue;
    if (LEXICAL_VERB.test(w)) return false;
    if (/ed$/i.test(w) && w.length > 4) {
      // "is biased and incompetent": a participle after a linking verb is an adjective
      const prev = words[i - 1];
      if (prev && (COPULA.test(prev) || /ly$/i.test(prev) || /^(?:and|or|so|too|very|more|most|politically|deeply|totally|completely|utterly)$/i.test(prev))) continue;
      return false;
    }
    // an unknown word: an adjective in a list ("remote, arrogant and"), a noun, an adverb — keep looking
  }
  // nothing but fillers: "Ms X: useless", "You, frankly, useless" — linked
  return true;
}

// ─── sentiment gate ───────────────────────────────────────────────────────────

let analyser: { getSentiment(words: string[]): number } | undefined;

/** AFINN-165 sentiment of a sentence (natural's SentimentAnalyzer, loaded from its submodule on first use). */
export function sentiment(text: string): number {
  if (!analyser) {
    const require = createRequire(import.meta.url);
    const mod = require('natural/lib/natural/sentiment/SentimentAnalyzer') as
      | (new (language: string, stemmer: unknown, type: string) => { getSentiment(words: string[]): number })
      | { SentimentAnalyzer: new (language: string, stemmer: unknown, type: string) => { getSentiment(words: string[]): number } };
    const Ctor = typeof mod === 'function' ? mod : mod.SentimentAnalyzer;
    analyser = new Ctor('English', null, 'afinn');
  }
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  return words.length ? analyser.getSentiment(words) : 0;
}

// ─── reporting helpers ─────────────────────────────────────────────────────────

/** The span to report: the phrase, and the target's name too when it is close by in the same sentence. */
export function spanOf(hit: Hit, sentence: Sentence): { start: number; end: number } {
  const r = hit.targetRef;
  if (r && r.via !== 'pronoun' && r.via !== 'you' && r.start >= sentence.start && r.end <= sentence.end) {
    const s = Math.min(r.start, hit.start);
    const e = Math.max(r.end, hit.end);
    if (e - s <= hit.end - hit.start + 80) return { start: s, end: e };
  }
  return { start: hit.start, end: hit.end };
}

/** How a target is named in a message. */
export function targetLabel(hit: Hit): string {
  const t = hit.target;
  if (!t) return 'an officer';
  if (t.kind === 'officers') return t.label;
  return t.label;
}

/**
 * Where a concern about this officer should go (Leicestershire para 9; Joint Standards para 3.5): the relevant
 * Director or the Monitoring Officer; about a chief officer, the Chief Executive; about the Monitoring Officer,
 * the Chief Executive; about the Chief Executive, the Monitoring Officer.
 */
export function routeFor(hit: Hit): string {
  const role = `${hit.target?.role ?? ''} ${hit.target?.label ?? ''}`;
  if (/monitoring officer/i.test(role)) return 'the Chief Executive';
  if (/chief executive|head of paid service|\bceo\b/i.test(role)) return 'the Monitoring Officer';
  if (/\bdirector\b|chief officer|section 151|chief finance/i.test(role)) return 'the Chief Executive or the Monitoring Officer';
  return 'the relevant Director or the Monitoring Officer';
}

/** The phrase as quoted in a message. */
export function phrase(hit: Hit): string {
  return hit.text.replace(/\s+/g, ' ').trim();
}

const GROUP_MATERIAL = /\b(?:issued by|on behalf of|statement (?:from|by)|promoted by)\b[^.\n]{0,60}\b(?:group|party)\b/i;

const notesCache = new WeakMap<OfficerDoc, string[]>();

/** Notes shared by the family (RULES.md T-X1; Leicestershire para 10 "indirectly through ... political groups"). */
export function familyNotes(od: OfficerDoc): string[] {
  let cached = notesCache.get(od);
  if (!cached) {
    cached = computeNotes(od);
    notesCache.set(od, cached);
  }
  return [...cached];
}

function computeNotes(od: OfficerDoc): string[] {
  const notes: string[] = [];
  const kind = od.doc.kind;
  if ((kind === 'social-post' || kind === 'newsletter') && od.writerRole !== 'officer') {
    notes.push('This may fall outside the Code of Conduct if made purely in a personal capacity; the protocol still expects members not to publish material derogatory of officers (RULES.md T-X1).');
  }
  if (GROUP_MATERIAL.test(od.doc.text.slice(0, 3000)) || GROUP_MATERIAL.test(od.doc.text.slice(-3000))) {
    notes.push('Leicestershire Part 5C para 10 covers material published "directly or indirectly through their agents or political groups".');
  }
  return notes;
}

/**
 * Severity for a hit that would be an error if asserted: disclaimed or hypothetical wording, and words reported
 * from someone else ("residents tell me she is useless"), are warnings (T-D9). `published` keeps reported words an
 * error where repeating them is itself the publication (conduct-capability-in-public).
 */
export function framedSeverity(hit: Hit, asserted: 'error' | 'warning', published = false): 'error' | 'warning' {
  if (hit.modality === 'disclaimed' || hit.modality === 'hypothetical') return 'warning';
  if (hit.reported && !published) return 'warning';
  return asserted;
}
