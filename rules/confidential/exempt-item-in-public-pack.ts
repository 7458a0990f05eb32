import type { Rule } from '../../src/engine/rule.js';
import { exemptItemsPrinted, messageData } from './public-pack.js';

/**
 * confidential/exempt-item-in-public-pack: an agenda item marked exempt (Part 2, not for publication, a Schedule
 * 12A paragraph) whose report is printed in the public agenda pack. See exempt-item-in-public-pack.md.
 *
 * Two callers, one decision (public-pack.ts):
 *  - `check` runs this rule on a document read whole: a PDF pack is split as `audit` splits it, any other
 *    document at its "Agenda item N" lines;
 *  - `audit` splits a PDF pack itself and reports the finding per item (src/audit/audit.ts), with this rule's
 *    message, clause and advice; it drops what the rule says about the single items it checks.
 */

export const CLAUSE = 'LGA 1972 s.100B(2) and Sch 12A; Blackburn with Darwen Section 3 para C 3.7';

export const exemptItemInPublicPack: Rule = {
  meta: {
    id: 'confidential/exempt-item-in-public-pack',
    family: 'confidential',
    description: 'An agenda item marked exempt (Part 2, not for publication) is printed in the public pack.',
    clause: CLAUSE,
    grounding: [
      'LGA 1972 s.100B(2): the proper officer may exclude from the copies of reports open to the public the whole or part of any report relating to items likely to be taken in private (verify the exact wording)',
      'LGA 1972 s.100B(5): an excluded report is marked "Not for publication" with the description of the exempt information in terms of Schedule 12A (verify)',
      'Blackburn with Darwen Section 3 para C 3.7: the right to see agendas and reports "does not extend to seeing papers which contain confidential or exempt information"',
      'Joint Standards protocol para 6.2: "there is still the discretion for the relevant proper officer to withhold the confidential/exempt information"',
    ],
    defaultSeverity: 'error',
    kinds: ['agenda', 'report', 'other'],
    messages: {
      printed: '{{label}} is marked exempt ({{reason}}) but is printed in the public pack{{where}}.',
    },
    suggestion:
      'Take the item out of the public pack: print only its title and the Schedule 12A paragraph it is exempt under, and put the report in the Part 2 / exempt pack for members only (the Proper Officer decides what is excluded). If the exemption no longer applies, remove the marking and record who lifted it.',
  },
  create(context) {
    const { doc } = context;
    return {
      'document:exit'() {
        // who reads the pack: a level forced by config overrides or --audience, else what the pack says of itself
        const forced = doc.audienceReasons.includes('forced by config overrides');
        const fm = doc.meta.frontMatter;
        const lifted = doc.meta.exemptionLifted === true;
        if (!forced && !lifted && fm && (/^exempt$/i.test(String(fm.classification ?? '')) || (Array.isArray(fm.exemptParagraphs) && fm.exemptParagraphs.length > 0))) return;
        for (const { part, reason, at } of exemptItemsPrinted(doc, forced ? { audience: doc.audience } : {})) {
          context.report({ ...at, messageId: 'printed', data: messageData(part, reason, doc.format === 'pdf') });
        }
      },
    };
  },
};
