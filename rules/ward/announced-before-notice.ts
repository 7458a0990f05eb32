import type { Rule } from '../../src/engine/rule.js';
import { analyse, at, gazetteer, humanDate, launchDate, wardMessageData } from './analysis.js';

/**
 * A public document announces a proposal for named wards before the date the members are recorded as told, or a
 * consultation opens before it (North Northamptonshire 8.1: "before they are announced publicly").
 */
export const announcedBeforeNotice: Rule = {
  meta: {
    id: 'ward/announced-before-notice',
    family: 'ward',
    description: 'A proposal for named wards is announced (or a consultation opens) before the date their members are recorded as told.',
    clause: 'North Northamptonshire Part 8.4 para 8.1',
    grounding: ['Leicestershire Part 5C para 31 ("immediately prior to the outset")', 'Blackburn with Darwen Section 3 para C 3.2'],
    defaultSeverity: 'error',
    kinds: ['press-release', 'newsletter', 'social-post', 'letter', 'email', 'other'],
    audiences: ['public', 'press', 'external'],
    messages: {
      announced: 'This {{kind}} announces {{issue}} in {{wards}} on {{announced}}, but the record of telling the {{area}} {{memberWord}}{{members}} is dated {{told}}, afterwards.',
      consultation: 'The consultation in {{wards}} opens on {{announced}}, but the record of telling the {{area}} {{memberWord}}{{members}} is dated {{told}}, afterwards.',
    },
    suggestion: 'Tell the ward members before the proposal is announced publicly, and hold the announcement until they have been told.',
  },
  create(context) {
    return {
      'document:exit'() {
        const doc = context.doc;
        const info = analyse(doc, context.config);
        if (info.memberAuthored) return;
        for (const s of info.sections) {
          if (s.section.preamble || s.affected.all || s.affected.wards.length === 0) continue;
          const dated = s.records.filter((r) => r.date && r.via !== 'recipient');
          if (dated.length === 0) continue;
          const told = dated.map((r) => r.date!).sort()[0]!;
          const base = { ...wardMessageData(s, info.area), told: humanDate(told) };
          const launch = s.launches[0];
          const opens = launch ? s.launches.map((h) => launchDate(doc, h, info.date)).find(Boolean) : undefined;
          const proposal = s.sensitive[0] ?? s.meetings[0] ?? launch;
          const severity = gazetteer(s) ? 'error' : 'warning';
          if (launch && opens && told > opens) {
            context.report({ ...at(doc, launch), messageId: 'consultation', data: { ...base, announced: humanDate(opens) }, severity });
          } else if (proposal && info.date && told > info.date) {
            context.report({
              ...at(doc, proposal),
              messageId: 'announced',
              data: { ...base, kind: doc.kind.replace('-', ' '), issue: String(proposal.entry.label ?? proposal.text), announced: humanDate(info.date) },
              severity,
            });
          }
        }
      },
    };
  },
};
