import type { Rule } from '../../src/engine/rule.js';
import { analyse, at, gazetteer, humanDate, launchDate, recordLine, wardMessageData } from './analysis.js';

/**
 * A consultation launched for named wards with no record that their members were told at the outset, or told
 * only after it opened (Leicestershire Part 5C para 31; Blackburn with Darwen C 3.4).
 */
export const consultationNotice: Rule = {
  meta: {
    id: 'ward/consultation-notice',
    family: 'ward',
    description: 'A consultation opens in named wards with no record that their members were told at the outset.',
    clause: 'Leicestershire Part 5C para 31',
    grounding: ['Blackburn with Darwen Section 3 para C 3.4', 'North Northamptonshire Part 8.4 para 7.3'],
    defaultSeverity: 'error',
    kinds: ['press-release', 'newsletter', 'social-post', 'letter', 'email', 'other'],
    messages: {
      missing: 'A consultation opens in {{wards}} with no record of the {{area}} {{memberWord}}{{members}} being told before it started.',
      late: 'The consultation in {{wards}} opens on {{start}}, but the record of telling the {{area}} {{memberWord}} is dated {{told}}, after it started.',
    },
    suggestion:
      'Notify the ward members immediately before the consultation starts, and say so: "Ward members consulted: Cllr A, Cllr B (date)".',
  },
  create(context) {
    return {
      'document:exit'() {
        const doc = context.doc;
        const info = analyse(doc, context.config);
        if (info.memberAuthored) return;
        for (const s of info.sections) {
          if (s.section.preamble) continue;
          const hit = s.launches[0];
          if (!hit || s.affected.all || s.affected.wards.length === 0) continue;
          const data = wardMessageData(s, info.area);
          const severity = gazetteer(s) || s.emptyFields.length > 0 ? 'error' : 'warning';
          const suggestion = `Notify the ${info.area} members${data.members} immediately before the consultation starts, and record it: ${recordLine(s.affected.wards, info.area, 'notified')}.`;
          if (s.records.length === 0) {
            context.report({ ...at(doc, hit), messageId: 'missing', data, suggestion, severity });
            continue;
          }
          const start = s.launches.map((h) => launchDate(doc, h, info.date)).find(Boolean);
          const dated = s.records.filter((r) => r.date && r.via !== 'recipient');
          if (!start || dated.length === 0 || dated.length < s.records.length) continue;
          const earliest = dated.map((r) => r.date!).sort()[0]!;
          if (earliest > start) {
            context.report({ ...at(doc, hit), messageId: 'late', data: { ...data, start: humanDate(start), told: humanDate(earliest) }, suggestion, severity });
          }
        }
      },
    };
  },
};
