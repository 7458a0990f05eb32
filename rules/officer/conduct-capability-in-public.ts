import type { Rule } from '../../src/engine/rule.js';
import type { Block } from '../../src/types.js';
import type { Sentence } from '../../src/document/document.js';
import { aimedAtOfficer, familyNotes, framedSeverity, officerDoc, phrase, routeFor, spanOf, targetLabel, type Channel, type Hit, type LexiconName } from './shared.js';

/**
 * officer/conduct-capability-in-public: an identifiable officer's (or officers' collective) conduct, competence
 * or performance raised where officers cannot reply — a press statement, newsletter, social post, a report or
 * motion for a public meeting, a letter to a newspaper, an e-mail copied to the press or to residents. Private
 * correspondence with the relevant Director or the Monitoring Officer is the proper route and gets nothing from
 * this rule (RULES.md T-D10). Lexicon: rules/officer/data/capability.yml, plus every attack, allegation and
 * staffing demand the other officer/ rules find; the channel signals are in rules/officer/data/public-channel.yml.
 */
const SOURCES: LexiconName[] = ['capability', 'derogatory', 'dishonesty', 'staffing'];

export const conductCapabilityInPublic: Rule = {
  meta: {
    id: 'officer/conduct-capability-in-public',
    family: 'officer',
    description: "An officer's conduct, competence or performance raised in the press, in publicity or at a public meeting.",
    clause:
      'Leicestershire Part 5C para 9: "Members should not raise matters relating to the conduct or capability of officers either individually or collectively at meetings held in public or in the press. Officers have no means of responding to such criticism in public."',
    grounding: [
      'Joint Standards protocol para 3.5: not "at meetings held in public or in the presence of the media"; raise it "in private, with the relevant Chief Officer", and concerns about a Chief Officer "in private, with the Chief Executive"',
      'North Northamptonshire Part 8.4 para 5.7: "Scrutiny proceedings must not be used to question the capability or competence of officers"; appraising the personal performance of staff "is not a scrutiny function". Para 5.6: no questioning that could be harassment or bullying, nor "matters of a disciplinary nature"',
      'Blackburn with Darwen Section 3 para C 1.7: avoid "undermining respect for officers at meetings, or in any public forum including through the press"; "polite but robust and probing scrutiny" remains allowed. Para C 1.8: complaints about officers go to the Director of the service',
      "Councillors' Code of Conduct (Scotland) 2021 para 3.8; Thanet protocol (no personal criticism of officers in public or the press)",
      'Real cases: RULES.md §5.1 O3 (Facebook), O6 (press release), O7 (public scrutiny meeting), O8 and O11 (wide circulation)',
    ],
    // the email's Subject line is checked like a sentence of the body (OfficerDoc.checked)
    includeBlockTypes: ['header'],
    defaultSeverity: 'error',
    messages: {
      public: 'Conduct or capability of {{target}} raised in {{channel}}: “{{phrase}}”',
      insinuation: 'Conduct or capability of {{target}} questioned in {{channel}}: “{{phrase}}”',
    },
    suggestion:
      "Take out the criticism of the officer. Raise concerns about an officer's conduct or capability privately with the relevant Director or the Monitoring Officer (about a chief officer, with the Chief Executive): officers cannot reply in public. Criticise the policy, service or decision instead.",
  },
  create(context) {
    const od = officerDoc(context);
    const channel = od.channel;
    const reported = new Set<string>();
    const check = (sentence: Sentence, block: Block, channel: Channel): void => {
      const hits: Hit[] = [];
      for (const name of SOURCES) for (const h of od.hits(name, sentence, block)) if (aimedAtOfficer(h)) hits.push(h);
      hits.sort((a, b) => a.start - b.start);
      for (const hit of hits) {
        const severity = framedSeverity(hit, channel.soft ? 'warning' : 'error', true);
        const key = `${sentence.block}:${hit.target!.key}:${severity}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const { start, end } = spanOf(hit, sentence);
        const notes = familyNotes(od);
        context.report({
          block,
          start,
          end,
          messageId: severity === 'warning' ? 'insinuation' : 'public',
          data: { target: targetLabel(hit), phrase: phrase(hit), channel: channel.reason },
          severity,
          suggestion: `Take out the criticism of ${targetLabel(hit)}. Raise concerns about an officer's conduct or capability privately with ${routeFor(hit)}: officers cannot reply in public. Criticise the policy, service or decision instead.`,
          notes: notes.length ? notes : undefined,
        });
      }
    };
    return {
      sentence(engineSentence, block) {
        if (!channel) return;
        for (const sentence of od.checked(engineSentence, block)) check(sentence, block, channel);
      },
    };
  },
};
