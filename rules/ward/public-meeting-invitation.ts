import type { Rule } from '../../src/engine/rule.js';
import { analyse, at, gazetteer, recordLine, wardMessageData } from './analysis.js';

/**
 * A council-organised public meeting, drop-in or exhibition about named wards with no record that their members
 * were invited (Leicestershire Part 5C para 29; Blackburn with Darwen C 3.3). A meeting a councillor organises
 * herself is not the council's (para 30; RULES.md T-W7).
 */
export const publicMeetingInvitation: Rule = {
  meta: {
    id: 'ward/public-meeting-invitation',
    family: 'ward',
    description: 'A council public meeting, drop-in or exhibition in named wards with no record that their members were invited.',
    clause: 'Leicestershire Part 5C para 29',
    grounding: ['Blackburn with Darwen Section 3 para C 3.3', 'Leicestershire Part 5C para 30 (member-organised meetings)'],
    defaultSeverity: 'error',
    kinds: ['press-release', 'newsletter', 'social-post', 'letter', 'email', 'other'],
    messages: {
      missing: 'A council {{what}} in {{wards}} with no record of the {{area}} {{memberWord}}{{members}} being invited.',
    },
    suggestion: 'Invite all the members for the affected wards, and say so: "Ward councillors have been invited".',
  },
  create(context) {
    return {
      'document:exit'() {
        const doc = context.doc;
        const info = analyse(doc, context.config);
        if (info.memberAuthored) return;
        for (const s of info.sections) {
          if (s.section.preamble) continue;
          const hit = s.meetings[0];
          if (!hit || s.affected.all || s.affected.wards.length === 0 || s.records.length > 0) continue;
          const data = {
            what: /drop/i.test(hit.text) ? 'drop-in' : /exhibition|roadshow/i.test(hit.text) ? 'exhibition' : /event|session/i.test(hit.text) ? 'public event' : 'public meeting',
            ...wardMessageData(s, info.area),
          };
          context.report({
            ...at(doc, hit),
            messageId: 'missing',
            data,
            severity: gazetteer(s) ? 'error' : 'warning',
            suggestion: `Invite all the ${info.area} members${data.members} as a matter of course, and record it (e.g. "${info.area === 'division' ? 'Local members' : 'Ward councillors'} have been invited", or ${recordLine(s.affected.wards, info.area, 'invited')}).`,
          });
        }
      },
    };
  },
};
