import type { Rule } from '../../src/engine/rule.js';
import type { Document } from '../../src/document/document.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { settingOf } from '../../src/engine/verify.js';
import { loadLexicon, type Lexicon } from '../../src/language/lexicon.js';
import { findDates } from '../../src/language/dates.js';
import { escapeRegex, hasMemberWards, resolveWard, wardOfMember } from '../../src/language/wards.js';
import {
  analyse,
  at,
  isNegated,
  lexMatches,
  negationFree,
  resolveMembers,
  sameSentence,
  sentenceAt,
  wardMessageData,
  wardsText,
  type Hit,
  type SectionInfo,
} from './analysis.js';

/**
 * An official opening, launch, unveiling, ribbon-cutting or ground-breaking in named wards, announced by the council
 * with no record that the wards' members were invited and no sign of them taking part (Leicestershire Part 5C
 * para 28). Public meetings, drop-ins and exhibitions are ward/public-meeting-invitation's (para 29): where that rule
 * reports a section, this one does not report it again.
 */

const PUBLIC_MEETING_RULE = 'ward/public-meeting-invitation';

let events: Lexicon | undefined;
let participation: Lexicon | undefined;

/** rules/ward/data/civic-events.yml and event-participation.yml, loaded on first use (only this rule reads them). */
function lexicons(): { events: Lexicon; participation: Lexicon } {
  events ??= loadLexicon('ward', 'civic-events');
  participation ??= loadLexicon('ward', 'event-participation');
  return { events, participation };
}

/** "was officially opened", "has been unveiled", "took place": the event has happened. */
const PAST_BEFORE = /\b(?:was|were|had|has\s+been|have\s+been|had\s+been)\s+(?:(?:officially|formally|finally|recently|also|then)\s+)?$/i;
const PAST_HIT = /^(?:(?:officially|formally)\s+(?:re-?)?opened|unveiled|broke|broken|laid|launched|cut\s+the\s+first)\b|\b(?:was|were|has\s+been|have\s+been)\s+(?:officially\s+|formally\s+)?unveiled$/i;
const PAST_WORDS = /\b(?:took\s+place|was\s+held|were\s+held|yesterday|last\s+(?:week|weekend|month|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|at\s+the\s+weekend)\b/i;
const FUTURE_WORDS =
  /\b(?:will|shall|is\s+to|are\s+to|to\s+be|due\s+to|set\s+to|going\s+to|invited\s+to|join\s+us|come\s+along|tomorrow|next\s+(?:week|weekend|month|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|upcoming|forthcoming)\b/i;
/** "was officially opened", "will be formally opened": opened by someone. */
const PASSIVE_BEFORE = /\b(?:be|been|being|is|are|was|were|get|got)\s+(?:(?:also|then|finally|recently|now)\s+)?$/i;
/** "officially open the new hub", "formally opened Thornby Library": an object, so someone opens it. */
const OBJECT_AFTER = /^\s+(?!(?:on|in|at|from|this|next|today|tomorrow|to|for|its\s+doors|with|after|before|until|and|but|,)\b)(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b)(?:(?:the|a|an|our|their|his|her|its|this)\b|[A-Z])/;
/** "will be officially opened", "is to be unveiled": the event is to come. */
const FUTURE_BEFORE = /\b(?:will|shall|would|to|going\s+to)\s+(?:(?:be|have\s+been|also|then|officially|formally)\s+)*$/i;
/** "Thornby Library, which was officially opened in 1998, ...", "since its official opening": background, not news. */
const BACKGROUND_BEFORE = /\b(?:which|that|since|after)\b[^,;:()]*$/i;
const SINCE_BEFORE = /\b(?:since|after)\s+(?:its|the|their|his|her)\s+$/i;
const LONG_AGO = /\b(?:years?|decades?)\s+ago\b|\blast\s+year\b|\bin\s+the\s+(?:19|20)\d0s\b/i;
const YEAR = /\b(?:19|20)\d{2}\b/g;
const DAY_OR_MONTH = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|today|tomorrow|this|next)\b/i;
/** An event named by a noun phrase of a few words ("official launch", "naming ceremony"), not a verb ("cut the ribbon"). */
const NOUN_PHRASE = /^[a-z-]+(?: [a-z-]+)?\s(?:opening|launch|ceremony|event|celebrations?|party|day)$|^ribbon-?cutting$/;
/** The ward's members together: "the ward councillors", "local members for Thornby". */
const MEMBERS_TOGETHER = /\b(?:ward|local|division(?:al)?)\s+(?:members?|councillors?|cllrs?)\b(?:,?\s+for\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))?/gi;

export const eventInvitation: Rule = {
  meta: {
    id: 'ward/event-invitation',
    family: 'ward',
    description: 'An official opening, launch, unveiling or ground-breaking in named wards with no record that their members were invited.',
    clause: 'Leicestershire Part 5C para 28',
    grounding: ['Leicestershire Part 5C para 26 (members informed about matters affecting their division)'],
    defaultSeverity: 'warning',
    kinds: ['press-release', 'newsletter', 'social-post', 'letter', 'email', 'other'],
    audiences: ['external', 'press', 'public'],
    messages: {
      missing: '{{event}} in {{wards}}, with no record of the {{area}} {{memberWord}}{{members}} being invited.',
      past: '{{event}} in {{wards}} has taken place with no record of the {{area}} {{memberWord}}{{members}} being invited or taking part.',
    },
    suggestion:
      'Invite the ward members to the event (and the members for neighbouring wards if the facility serves them), and say so: "Ward councillors have been invited".',
  },
  create(context) {
    return {
      'document:exit'() {
        const doc = context.doc;
        const config = context.config;
        const info = analyse(doc, config);
        if (info.memberAuthored) return;
        const meetingRuleOn = settingOf(config.rules[PUBLIC_MEETING_RULE]).level !== 'off';
        for (const s of info.sections) {
          if (s.section.preamble) continue;
          if (s.affected.all || s.affected.wards.length === 0 || s.records.length > 0) continue;
          // the same missing invitation, already reported as a public meeting, drop-in or exhibition (para 29)
          if (meetingRuleOn && s.meetings.length > 0) continue;
          const found = eventsIn(doc, s, info.date);
          if (found.length === 0 || membersTakePart(doc, config, s)) continue;
          const { hit, past } = found[0]!;
          const wards = wardMessageData(s, info.area);
          const data = { event: eventText(doc, hit), ...wards };
          const invitedLine =
            info.area === 'division' ? 'Local members have been invited' : s.affected.wards.length === 1 ? `${wardsText(s.affected.wards, info.area)} councillors have been invited` : 'Ward councillors have been invited';
          const neighbours = `the members for neighbouring ${info.area}s if the facility serves them too (para 28)`;
          context.report({
            ...at(doc, hit),
            messageId: past ? 'past' : 'missing',
            data,
            suggestion: past
              ? `Members must be invited to events in their ${info.area}: invite the ${info.area} members${wards.members} (and ${neighbours}) to the next one. If they were invited or took part, say so: "${invitedLine}".`
              : `Invite the ${info.area} members${wards.members} to the event, and ${neighbours}; then say so: "${invitedLine}".`,
          });
        }
      },
    };
  },
};

interface EventHit {
  hit: Hit;
  past: boolean;
}

/** The section's openings, launches and unveilings, not negated, not someone else's, not background; best first. */
function eventsIn(doc: Document, s: SectionInfo, docDate: string | undefined): EventHit[] {
  const hits = lexMatches(doc, s.section, lexicons().events);
  const others = hits.filter((h) => h.entry.role === 'not-council');
  const candidates = negationFree(
    doc,
    hits.filter((h) => h.entry.role === 'event' && !others.some((o) => sameSentence(doc, o, h)) && !startOfService(doc, h)),
  );
  const reference = docDate ?? latestDate(doc, s);
  const out: EventHit[] = [];
  for (const hit of candidates) {
    const when = timing(doc, hit, reference);
    if (when !== 'background') out.push({ hit, past: when === 'past' });
  }
  return out.sort((a, b) => a.hit.rank - b.hit.rank || Number(a.past) - Number(b.past) || a.hit.block - b.hit.block || a.hit.start - b.hit.start);
}

/**
 * "The hub officially opens on Monday", "the consultation formally opens today", "officially opened to the public":
 * something starts, and nobody is said to open it. Someone opening it ("will officially open the hub", "was
 * officially opened by the Mayor", "will be formally opened") is an event.
 */
function startOfService(doc: Document, hit: Hit): boolean {
  if (!/^(?:officially|formally)\s+(?:re-?)?open(?:s|ed|ing)?$/i.test(hit.text)) return false;
  const text = doc.blocks[hit.block]!.text;
  const sentence = sentenceAt(doc, hit.block, hit.start);
  if (PASSIVE_BEFORE.test(text.slice(sentence.start, hit.start))) return false;
  return !OBJECT_AFTER.test(text.slice(hit.end, sentence.end));
}

/**
 * Whether an event is news (to come, or just happened) or background: "which was officially opened in 1998", "since
 * its official opening", or dated more than six weeks before the document.
 */
function timing(doc: Document, hit: Hit, reference: string | undefined): 'future' | 'past' | 'background' {
  const sentence = sentenceAt(doc, hit.block, hit.start);
  const text = doc.blocks[hit.block]!.text;
  const before = text.slice(sentence.start, hit.start);
  const whole = text.slice(sentence.start, sentence.end);
  // the clause the event is in: "which was officially opened", not "which will be officially opened"
  const localPast = !FUTURE_BEFORE.test(before) && (PAST_BEFORE.test(before) || PAST_HIT.test(hit.text));
  const past = localPast || (PAST_WORDS.test(whole) && !FUTURE_WORDS.test(whole));
  if (localPast && (BACKGROUND_BEFORE.test(before) || LONG_AGO.test(whole))) return 'background';
  if (SINCE_BEFORE.test(before)) return 'background';
  const dates = findDates(whole);
  if (reference && dates.length > 0 && dates.every((d) => daysBetween(d.iso, reference) > 45)) return 'background';
  if (past && dates.length === 0) {
    // "opened in 1998", "opened in March 2019": a year with no day is history, not news
    const years = [...whole.matchAll(YEAR)].map((m) => Number(m[0]));
    const refYear = reference ? Number(reference.slice(0, 4)) : undefined;
    if (years.length > 0 && (refYear === undefined || years.every((y) => y < refYear))) return 'background';
  }
  return past ? 'past' : 'future';
}

/** Days from `a` to `b` (positive when `a` is earlier). */
function daysBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 86400000;
}

/** With no document date: the latest date the section gives, to tell a 1998 opening from this year's. */
function latestDate(doc: Document, s: SectionInfo): string | undefined {
  let latest: string | undefined;
  for (const slice of s.section.slices) {
    for (const d of findDates(doc.blocks[slice.block]!.text.slice(slice.start, slice.end))) if (!latest || d.iso > latest) latest = d.iso;
  }
  return latest;
}

/**
 * A member for one of the section's wards takes part ("Cllr Ivy Castellane, ward member for Thornby, will cut the
 * ribbon", "opened by Cllr Rufus Halloran", "joined by the ward councillors"): they were evidently involved.
 */
function membersTakePart(doc: Document, config: ResolvedConfig, s: SectionInfo): boolean {
  const hits = negationFree(doc, lexMatches(doc, s.section, lexicons().participation));
  if (hits.length === 0) return false;
  const wards = new Set(s.affected.wards.map((w) => w.name));
  const byWard = hasMemberWards(config);
  const wardNames = s.affected.wards.map((w) => escapeRegex(w.name)).join('|');
  const namedWard = wardNames ? new RegExp(`\\b(?:${wardNames})(?:\\s+(?:ward|division))?\\s+(?:members?|councillors?|cllrs?)\\b|\\b(?:members?|councillors?|cllrs?)\\s+for\\s+(?:${wardNames})\\b`, 'i') : undefined;
  const seen = new Set<string>();
  for (const hit of hits) {
    const sentence = sentenceAt(doc, hit.block, hit.start);
    const key = `${hit.block}:${sentence.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const text = doc.blocks[hit.block]!.text.slice(sentence.start, sentence.end);
    const r = resolveMembers(text, config);
    if (byWard) {
      if (r.members.some((m) => wards.has(wardOfMember(m, config) ?? ''))) return true;
    } else if (r.members.length > 0 || r.unknown.length > 0) return true;
    const named = namedWard?.exec(text);
    if (named && !isNegated(text, named.index)) return true;
    for (const m of text.matchAll(MEMBERS_TOGETHER)) {
      if (isNegated(text, m.index!)) continue;
      const ward = m[1] ? resolveWard(m[1], config) : undefined;
      if (ward && !wards.has(ward.name)) continue; // "ward member for Castle" at a Thornby opening
      return true;
    }
  }
  return false;
}

/** "The official opening of the new Thornby Community Hub", or the entry's label ("An unveiling"). */
function eventText(doc: Document, hit: Hit): string {
  const label = String(hit.entry.label ?? 'an official event');
  const text = doc.blocks[hit.block]!.text;
  const sentence = sentenceAt(doc, hit.block, hit.start);
  const after = text.slice(hit.end, sentence.end);
  const verb = /(?:open(?:s|ed|ing)?|launch(?:es|ed|ing)?)$/i.test(hit.text); // "officially open the new hub"
  const m = /^\s+(?:(of|for|on|at)\s+)?((?:the|a|an)\s+[^,.;:()\n]{2,60}?|[A-Z][^,.;:()\n]{2,60}?)(?=\s+(?:on|at|in|by|will|was|is|are|were|from|this|next|with|and|to|has|have)\b|\s*[,.;:()\n!?]|\s*$)/.exec(after);
  const facility = m && (m[1] || verb) ? m[2]!.trim() : undefined;
  if (facility && !DAY_OR_MONTH.test(facility.replace(/^(?:the|a|an)\s+/i, '')) && !/\d/.test(facility)) {
    // the event as the document names it ("official launch", "topping-out ceremony"), else the label
    const written = hit.text.toLowerCase().replace(/\s+/g, ' ');
    const noun = NOUN_PHRASE.test(written) ? written : label.replace(/^(?:an?|the)\s+/i, '');
    return `The ${noun} ${(m![1] ?? 'of').toLowerCase()} ${facility}`;
  }
  return label.charAt(0).toUpperCase() + label.slice(1);
}
