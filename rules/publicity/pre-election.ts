import type { Rule } from '../../src/engine/rule.js';
import type { Block } from '../../src/types.js';
import type { PreElectionWindow } from '../../src/config/types.js';
import { loadLexicon } from '../../src/language/lexicon.js';
import { findDates, parseDate } from '../../src/language/dates.js';
import { GROUND, analyse, describeMember, excerpt, formatDate, issueDate, lastStartingBefore, publicityScope, windowFor, type BlockInfo, type MemberHit } from './shared.js';

/**
 * publicity/pre-election (RULES.md §7.4 PUB-004, PUB-005, PUB-006): council publicity dated inside a configured
 * `preElection` window (notice of election to polling day, both inclusive) that quotes, pictures or headlines a
 * councillor, announces an event or photo opportunity with one, promotes the administration's record, or launches
 * a consultation on a matter that divides opinion. Emergency and major-incident statements are exempt (T-P7).
 * With no readable date, a warning says the period could not be checked.
 */

type Category = 'quote' | 'event' | 'caption' | 'administration' | 'consultation';

interface Trigger {
  info: BlockInfo;
  start: number;
  end: number;
  category: Category;
  member?: MemberHit;
  text: string;
}

const CLAUSE = `${GROUND.codeCare}; ${GROUND.lgaGuide}`;
const CAPTION_VERB = /\b(?:at|with|during|joins?|joined|visits?|visited|meets?|met|opens?|opened|launch(?:es|ed)?|unveils?|unveiled|cuts? the ribbon|in a hard hat)\b/i;

export const preElection: Rule = {
  meta: {
    id: 'publicity/pre-election',
    family: 'publicity',
    description: 'Council publicity in the pre-election period that quotes, pictures or promotes councillors, or launches controversial consultations.',
    clause: CLAUSE,
    grounding: [
      'Publicity Code 2011 principle: issued with care during periods of heightened sensitivity (the pre-election period); the Code\'s pre-election paragraphs (about 33-35) are unverified [R]: verify',
      'LGA short guide to pre-election publicity: no press releases naming politicians or candidates, no media events or photographs with candidates, think twice before launching consultations',
      'LGA 1986 s.2(2): timing is part of the test',
      'Council practice: Cheshire West & Chester and Maldon quote officers instead of councillors during the period (RULES.md §3.2)',
    ],
    kinds: ['press-release', 'newsletter', 'social-post', 'other', 'email'],
    defaultSeverity: 'error',
    messages: {
      quote: 'Quotes {{member}} in publicity dated {{date}}, inside the pre-election period ({{start}} to polling day {{polling}}).',
      event: 'Announces an event, visit or photo opportunity with {{member}} in publicity dated {{date}}, inside the pre-election period ({{start}} to polling day {{polling}}).',
      eventDate: 'Arranges an event, visit or photo opportunity with {{member}} on {{date}}, inside the pre-election period ({{start}} to polling day {{polling}}).',
      caption: 'Pictures or headlines {{member}} in publicity dated {{date}}, inside the pre-election period ({{start}} to polling day {{polling}}).',
      administration: 'Promotes the administration ("{{text}}") in publicity dated {{date}}, inside the pre-election period ({{start}} to polling day {{polling}}).',
      consultation: 'Launches a consultation on a matter that divides opinion ({{topic}}) on {{date}}, inside the pre-election period ({{start}} to polling day {{polling}}).',
      noDate: 'Names {{member}}, but protocol-lint could not read a date of issue, so the pre-election period ({{windows}}) could not be checked.',
    },
    suggestion: 'During the pre-election period, quote an officer (for example the Director) instead of a councillor, use no photographs of councillors or candidates, and arrange no events with them; or hold the item until after polling day.',
  },
  create(context) {
    const { doc, config } = context;
    return {
      'document:exit'() {
        if (config.preElection.length === 0) return;
        if (!publicityScope(doc, config).publicity) return;
        const lex = loadLexicon('publicity', 'pre-election');
        const infos = analyse(doc, config).blocks;
        const triggers: Trigger[] = [];
        const topics: Array<{ info: BlockInfo; text: string }> = [];
        let emergency = false;
        infos.forEach((info, n) => {
          for (const m of lex.matchAll(info.masked)) {
            const category = String(m.entry.category ?? '');
            const text = info.block.text.slice(m.index, m.index + m.length);
            if (category === 'emergency') {
              if (n < 4 || /major incident/i.test(text)) emergency = true;
              continue;
            }
            if (category === 'controversial') {
              topics.push({ info, text });
              continue;
            }
            if (!['quote', 'event', 'caption', 'administration', 'consultation'].includes(category)) continue;
            const member = memberIn(info, m.index, m.index + m.length);
            if (category !== 'administration' && category !== 'consultation' && !member) continue;
            let end = m.index + m.length;
            const last = memberIn(info, end - 1, end);
            if (last && last.end > end) end = last.end; // the whole name, not "Pictured: C"
            triggers.push({ info, start: m.index, end, category: category as Category, member, text: info.block.text.slice(m.index, end) });
          }
          // a caption or headline naming a councillor: a short line that starts with the name ("Ann Example at ...")
          const t = info.block.text;
          const first = info.members[0];
          if (first && t.length < 200 && !/[.!?"”]\s*$/.test(t) && !t.includes('\n') && first.start <= 2) {
            if (info.block.type === 'heading' || CAPTION_VERB.test(t.slice(first.end))) {
              triggers.push({ info, start: first.start, end: t.length, category: 'caption', member: first, text: t });
            }
          }
        });
        const memberTriggers = triggers.filter((t) => t.category !== 'consultation');
        const consultations = triggers.filter((t) => t.category === 'consultation');
        const date = issueDate(doc);
        if (!date) {
          const t = memberTriggers.find((x) => x.member);
          if (t && !emergency) {
            const windows = config.preElection.map((w) => `${formatDate(parseDate(w.start) ?? w.start)} to ${formatDate(parseDate(w.pollingDay) ?? w.pollingDay)}`).join('; ');
            context.report({
              block: t.info.block,
              start: t.member!.start,
              end: t.member!.end,
              messageId: 'noDate',
              data: { member: describeMember(t.member!, config), windows },
              severity: 'warning',
              suggestion: 'Add the date of issue (a dateline, a "Date:" or "Issued:" line, or `date:` in front matter) so the pre-election period can be checked.',
            });
          }
          return;
        }
        const window = windowFor(date.iso, config);
        if (!window) {
          // issued before the period, but arranging an event with a councillor on a date inside it
          if (emergency) return;
          for (const t of memberTriggers.filter((x) => x.category === 'event')) {
            const s = t.info.sentences.find((x) => t.start >= x.start && t.start < x.end) ?? { start: 0, end: t.info.block.text.length };
            for (const d of findDates(t.info.block.text.slice(s.start, s.end))) {
              const w = windowFor(d.iso, config);
              if (!w || !inScope(w, t, doc.text)) continue;
              report(t, 'eventDate', d.iso, w);
              break;
            }
          }
          return;
        }
        const seen = new Set<string>();
        if (!emergency) {
          for (const t of memberTriggers) {
            if (!inScope(window, t, doc.text)) continue;
            const key = `${t.category}:${t.member?.key ?? t.text.toLowerCase()}`;
            if (seen.has(key)) continue;
            seen.add(key);
            report(t, t.category, date.iso, window);
          }
        }
        if (consultations.length > 0 && topics.length > 0) {
          const t = consultations[0]!;
          const topic = topics.find((x) => x.info === t.info) ?? topics[0]!;
          report(t, 'consultation', date.iso, window, topic.text);
        }
      },
    };

    function report(t: Trigger, messageId: string, iso: string, w: PreElectionWindow, topic?: string): void {
      const data = {
        member: t.member ? describeMember(t.member, config) : 'a councillor',
        date: formatDate(iso),
        start: formatDate(parseDate(w.start) ?? w.start),
        polling: formatDate(parseDate(w.pollingDay) ?? w.pollingDay),
        text: excerpt(t.text),
        topic: topic ? `"${excerpt(topic, 40)}"` : '',
      };
      const advice: Record<string, string> = {
        quote: `Quote an officer (for example the Director or Head of Service) instead of ${data.member} until after polling day on ${data.polling}.`,
        event: `Do not arrange publicity events, visits, interviews or photo opportunities with councillors or candidates before polling day on ${data.polling}: let an officer front it, or hold it afterwards.`,
        eventDate: `Do not arrange publicity events, visits, interviews or photo opportunities with councillors or candidates in the pre-election period: let an officer front it, or hold it after ${data.polling}.`,
        caption: `Use no photographs, captions or headlines featuring councillors or candidates before polling day on ${data.polling}.`,
        administration: `Say what the council is doing, not what "the administration" has achieved, until after polling day on ${data.polling}.`,
        consultation: `Unless it is a statutory consultation that cannot wait, launch it after polling day on ${data.polling}; keep any announcement strictly factual.`,
      };
      const block: Block = t.info.block;
      context.report({
        block,
        start: t.member && (messageId === 'quote' || messageId === 'caption') ? t.member.start : t.start,
        end: t.member && (messageId === 'quote' || messageId === 'caption') ? t.member.end : t.end,
        messageId,
        data,
        severity: messageId === 'consultation' ? 'warning' : 'error',
        suggestion: advice[messageId],
        clause: CLAUSE,
      });
    }
  },
};

/** The first councillor mention overlapping [start, end) (mentions are sorted and do not overlap). */
function memberIn(info: BlockInfo, start: number, end: number): MemberHit | undefined {
  let i = lastStartingBefore(info.members, start);
  if (i < 0 || info.members[i]!.end <= start) i++;
  const m = info.members[i];
  return m && m.start < end && m.end > start ? m : undefined;
}

/** By-election windows limited to some wards apply to councillors of those wards, or items that name them. */
function inScope(w: PreElectionWindow, t: Trigger, text: string): boolean {
  if (!w.wards || w.wards.length === 0) return true;
  const wards = w.wards.map((x) => x.toLowerCase());
  if (t.member?.member?.ward && wards.includes(t.member.member.ward.toLowerCase())) return true;
  if (t.member?.member?.ward) return false;
  return w.wards.some((x) => new RegExp(`\\b${x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text));
}
