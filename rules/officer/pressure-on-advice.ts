import type { Rule } from '../../src/engine/rule.js';
import { familyNotes, officerDoc, phrase } from './shared.js';

/**
 * officer/pressure-on-advice: a member telling an officer to change, withdraw, tone down or take out their
 * professional advice or recommendation. Questioning advice, and moving an amendment at a meeting, are allowed.
 * Only correspondence (e-mails, letters, notes) from a member is checked: officers amend each other's drafts
 * all the time. Lexicon: rules/officer/data/advice.yml.
 */
export const pressureOnAdvice: Rule = {
  meta: {
    id: 'officer/pressure-on-advice',
    family: 'officer',
    description: "Instructing an officer to change, suppress or remove their professional advice or a report's recommendation.",
    clause:
      'Blackburn with Darwen Section 3 para C 1.10: "Directors are responsible for the contents of all reports submitted in their name. The advice contained in such reports is independent and members must not seek to suppress or amend any aspect of such advice."',
    grounding: [
      "Joint Standards protocol para 2.2: members \"must respect an officer's professional opinion\" and \"will be in breach of the Members' Code of Conduct if they instruct any officer to change their professional advice\"",
      'Fylde Part 5c para 12.3: officers "should not be placed in a position where they feel under pressure to suppress their professional advice"; a member unhappy with advice registers the concern and raises it with the Chief Executive',
      'Leicestershire Part 5C para 6 and Fylde Part 5c para 12.2: officers may have their advice recorded, including advice members did not follow',
      'LGA Model Councillor Code 2020 para 3.1: do not compromise, or attempt to compromise, the impartiality of officers',
    ],
    defaultSeverity: 'warning',
    kinds: ['email', 'letter', 'other'],
    messages: {
      pressure: 'Pressure on an officer to change or suppress professional advice: “{{phrase}}”',
    },
    suggestion:
      "Members may question advice but must not seek to suppress or amend it. Ask the officer to explain the advice, put your own view on record, or move an amendment at the meeting; if you think the advice is wrong, raise it with the Chief Executive or the Monitoring Officer.",
  },
  create(context) {
    const od = officerDoc(context);
    // with no headers or sign-off to say who wrote it, the sentence must be directed at the reader
    const DIRECTED = /\b(?:you|your|please)\b|^\s*(?:keep|remove|delete|take|change|amend|drop|tone|water|withdraw|rewrite|redraft|make sure|don['’]t|do not)\b|\b(?:I|we) (?:want|expect|need|insist)\b|\bmust\b/i;
    return {
      sentence(sentence, block) {
        if (od.writerRole === 'officer' || od.writerRole === 'other') return;
        for (const hit of od.hits('advice', sentence, block)) {
          if (hit.skip) continue;
          if (od.writerRole === 'unknown' && !DIRECTED.test(sentence.text)) continue;
          const notes = familyNotes(od);
          context.report({
            block,
            start: hit.start,
            end: hit.end,
            messageId: 'pressure',
            data: { phrase: phrase(hit) },
            severity: 'warning',
            notes: notes.length ? notes : undefined,
          });
        }
      },
    };
  },
};
