import type { Document } from '../../src/document/document.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { loadLexicon, type LexiconEntry } from '../../src/language/lexicon.js';
import { analyse, quoteAt, sentenceAt, type BlockInfo, type MemberHit } from './shared.js';
import type { PartyMention } from '../../src/language/parties.js';

/**
 * Party-political wording (rules/publicity/data/party-political.yml) found in a document's own text.
 * Shared by publicity/party-political (which reports it), publicity/party-reference (which stays quiet about the
 * same sentences) and publicity/officer-political-comment (party bias in an officer's own words).
 */

export type PoliticalCategory = 'credit' | 'attack' | 'electioneering' | 'imprint' | 'slogan' | 'contested';

export interface PoliticalHit {
  info: BlockInfo;
  start: number;
  end: number;
  text: string;
  entry: LexiconEntry;
  category: PoliticalCategory;
  severity: 'warning' | 'error';
  /** The party or councillor the wording is about, when one is named near it. */
  party?: PartyMention;
  member?: MemberHit;
}

/** The party or councillor is reporting, not the target: "the Labour Group said the plan was reckless". */
const REPORTED_BETWEEN = /\b(?:said|says|called|calls|described|describes|claimed|claims|argued|argues|warned|warns|accused|accuses|alleged|alleges|asked|told|criticised|welcomed)\b/i;
/** A councillor as the subject or owner of what is criticised: "Cllr X's reckless plan", "Cllr X has wasted". */
const MEMBER_SUBJECT_BETWEEN = /^(?:['’]s\s+(?:[\w-]+\s+){0,2}|\s+(?:has|have|had|is|was|were)\s+(?:been\s+|[\w-]+ly\s+)?|\s+)$/;

const cache = new WeakMap<Document, PoliticalHit[]>();

export function politicalHits(doc: Document, config: ResolvedConfig): PoliticalHit[] {
  let hits = cache.get(doc);
  if (hits) return hits;
  hits = [];
  const lex = loadLexicon('publicity', 'party-political');
  for (const info of analyse(doc, config).blocks) {
    if (!info.masked.includes('§') && !info.masked.includes('¤') && !MAYBE.test(info.masked)) continue;
    for (const m of lex.matchAll(info.masked)) {
      const entry = m.entry;
      const category = (typeof entry.category === 'string' ? entry.category : 'credit') as PoliticalCategory;
      const q = quoteAt(info, m.index);
      if (q && q.speaker === 'other') continue; // a resident's, a petition's or another body's words (T-P6)
      let party: PartyMention | undefined;
      let member: MemberHit | undefined;
      if (entry.near) {
        const near = nearTarget(info, m.index, m.index + m.length, entry.near === 'party-or-member');
        if (!near) continue;
        party = near.party;
        member = near.member;
      } else {
        party = info.parties.find((p) => p.start < m.index + m.length && p.end > m.index) ?? nearestParty(info, m.index);
        member = info.members.find((x) => x.start < m.index + m.length && x.end > m.index);
      }
      // trim a leading sentence break the pattern needed for context; take in the whole party or councillor name
      let start = m.index;
      let end = m.index + m.length;
      const text = info.block.text;
      while (start < end && /[\s.!?]/.test(text[start]!)) start++;
      while (end > start && /\s/.test(text[end - 1]!)) end--;
      for (const x of [...info.parties, ...info.members]) {
        if (x.start < end && x.end > end) end = x.end;
        if (x.start < start && x.end > start) start = x.start;
      }
      // an attack reads from the party or councillor it is about: "the previous Conservative administration ran down"
      if (category === 'attack') {
        const subject = party && party.end <= start ? party : member && member.end <= start ? member : undefined;
        if (subject) start = subject.start;
      }
      // one finding per sentence and category ("ran down ... pet projects ... to crumble" is one attack)
      const sent = sentenceAt(info, start);
      if (hits.some((h) => h.info === info && ((h.category === category && h.start >= sent.start && h.start < sent.end) || (h.start < end && h.end > start)))) continue;
      hits.push({ info, start, end, text: text.slice(start, end), entry, category, severity: entry.severity === 'warning' ? 'warning' : 'error', party, member });
    }
  }
  cache.set(doc, hits);
  return hits;
}

/** Words that can make a hit without a party or councillor in the paragraph (imprints, slogans, campaigns). */
const MAYBE = /promoted|printed|published|produced|paid for|brexit|for the many|vote|government|four more|five more|#|tell the|write to your|cuts/i;

function nearestParty(info: BlockInfo, at: number): PartyMention | undefined {
  const s = sentenceAt(info, at);
  return info.parties.find((p) => p.start >= s.start && p.end <= s.end);
}

function nearTarget(info: BlockInfo, start: number, end: number, allowMember: boolean): { party?: PartyMention; member?: MemberHit } | undefined {
  const s = sentenceAt(info, start);
  const text = info.block.text;
  for (const p of info.parties) {
    if (p.start < s.start || p.end > s.end) continue;
    if (p.end <= start && start - p.end <= 120) {
      if (REPORTED_BETWEEN.test(text.slice(p.end, start))) continue;
      return { party: p };
    }
    if (p.start >= end && p.start - end <= 40) return { party: p };
  }
  if (allowMember) {
    for (const m of info.members) {
      if (m.start < s.start || m.end > s.end || m.end > start) continue;
      const between = text.slice(m.end, start);
      if (between.length <= 40 && MEMBER_SUBJECT_BETWEEN.test(between)) return { member: m };
    }
  }
  return undefined;
}
