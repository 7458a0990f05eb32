import type { Rule } from '../../src/engine/rule.js';
import { familyNotes, officerDoc, phrase, routeFor, spanOf, targetLabel } from './shared.js';

/**
 * officer/staffing-pressure: a member calling for an officer to be sacked, suspended, disciplined, removed or
 * investigated, or to resign; or lobbying over an individual appointment, grading or disciplinary case.
 * Officers writing about staff (HR, managers) are not members and get nothing. Lexicon:
 * rules/officer/data/staffing.yml.
 */
export const staffingPressure: Rule = {
  meta: {
    id: 'officer/staffing-pressure',
    family: 'officer',
    description: 'A call to sack, suspend, discipline or remove an officer, or for them to resign; lobbying over an individual staffing matter.',
    clause:
      'Fylde Part 5c para 14: "No member has any rights to appoint, dismiss or discipline officers other than in accordance with Standing Orders through the chairmanship of an appropriate Committee. Members shall not become involved in individual staffing matters."',
    grounding: [
      'Fylde Part 5c para 14: "Neither members nor officers shall lobby any other members in support of any employment decision affecting an individual employee or applicant for employment."',
      'Leicestershire Part 5C paras 37-42: members do not prejudice disciplinary or employment processes',
      'Joint Standards protocol para 3.2: members "must, in particular, guard against generating a perception that they are putting inappropriate pressure on officers"',
      'North Northamptonshire Part 8.4 para 5.6: scrutiny members should not "ask about matters of a disciplinary nature"',
      'Real cases: RULES.md §5.1 O1 ("call him to account"), O3 ("needs to go!!"), O5 (seeking an officer\'s suspension), O6 ("sacked")',
    ],
    // the email's Subject line is checked like a sentence of the body (OfficerDoc.checked)
    includeBlockTypes: ['header'],
    defaultSeverity: 'warning',
    messages: {
      demand: 'Pressure over an individual staffing matter ({{target}}): “{{phrase}}”',
      lobbying: 'Lobbying on an individual staffing matter: “{{phrase}}”',
    },
    suggestion:
      "Members must not involve themselves in individual staffing matters. Take out the demand; if you have a concern about an officer's conduct or performance, raise it privately with the relevant Director or the Monitoring Officer, who will decide whether any process applies.",
  },
  create(context) {
    const od = officerDoc(context);
    return {
      sentence(engineSentence, block) {
        if (od.writerRole === 'officer') return;
        for (const sentence of od.checked(engineSentence, block)) {
          for (const hit of od.hits('staffing', sentence, block)) {
            if (hit.skip) continue;
            const lobbying = hit.entry.attach === 'none';
            const t = hit.target?.kind;
            // a Subject line is too short to tell lobbying from a neutral title ("Appointment of the Head of Planning")
            if (lobbying && block.type === 'header') continue;
            if (lobbying) {
              if (t === 'member' || t === 'writer') continue;
            } else if (t !== 'officer' && t !== 'officers') continue;
            const { start, end } = spanOf(hit, sentence);
            const notes = familyNotes(od);
            if (od.channel) notes.push(`Made in ${od.channel.reason}: officer/conduct-capability-in-public applies too.`);
            context.report({
              block,
              start,
              end,
              messageId: lobbying && !(t === 'officer' || t === 'officers') ? 'lobbying' : 'demand',
              data: { target: targetLabel(hit), phrase: phrase(hit) },
              severity: 'warning',
              suggestion:
                t === 'officer' || t === 'officers'
                  ? `Members must not involve themselves in individual staffing matters. Take out the demand; if you have a concern about ${targetLabel(hit)}'s conduct or performance, raise it privately with ${routeFor(hit)}, who will decide whether any process applies.`
                  : undefined,
              notes: notes.length ? notes : undefined,
            });
          }
        }
      },
    };
  },
};
