import type { Rule } from '../../src/engine/rule.js';
import { familyNotes, framedSeverity, officerDoc, phrase, routeFor, spanOf, targetLabel } from './shared.js';

/**
 * officer/dishonesty-allegation: an allegation that an identifiable officer lied, misled, fabricated, covered
 * up, is corrupt, or is biased or politically compromised. Error where the words go to the press, the public or
 * a public meeting; a warning in private (the proper route for a serious allegation is a private complaint to
 * the Monitoring Officer: RULES.md T-D10). Lexicon: rules/officer/data/dishonesty.yml.
 */
export const dishonestyAllegation: Rule = {
  meta: {
    id: 'officer/dishonesty-allegation',
    family: 'officer',
    description: 'An allegation that an identifiable officer lied, misled, covered up, is corrupt or is politically biased.',
    clause:
      'Leicestershire Part 5C para 10: "Members will not publish any material which is derogatory of officers generally, or specific individuals, whether directly or indirectly through their agents or political groups."',
    grounding: [
      'Leicestershire Part 5C para 9: a member with "any concern about the conduct or capability of an officer" should "raise the matter with the relevant Director concerned or with the Council\'s Monitoring Officer"',
      'Joint Standards protocol para 2.2: members "must respect an officer\'s professional opinion"; para 3.5: concerns about conduct are raised "in private, with the relevant Chief Officer"',
      'Fylde Part 5c para 1.6 and Blackburn with Darwen Appendix A (2.7): respect the impartiality and integrity of officers',
      'Real cases: RULES.md §5.1 O2 ("fabricated evidence"), O4 ("briefing against councillors"), O10 ("deliberately misrepresented or falsely reported"), O12 ("suggestive of impropriety")',
    ],
    // the email's Subject line is checked like a sentence of the body (OfficerDoc.checked)
    includeBlockTypes: ['header'],
    defaultSeverity: 'error',
    messages: {
      allegation: 'Allegation of dishonesty or impropriety against {{target}}: “{{phrase}}”',
      bias: 'Allegation that {{target}} is politically biased or compromised: “{{phrase}}”',
      insinuation: 'Insinuation of dishonesty or impropriety against {{target}}: “{{phrase}}”',
    },
    suggestion:
      'Take a serious allegation about an officer privately to the Monitoring Officer (or, for a chief officer, the Chief Executive); do not make it in public or in correspondence copied to others.',
  },
  create(context) {
    const od = officerDoc(context);
    return {
      sentence(engineSentence, block) {
        for (const { sentence, hit } of od.officerHits('dishonesty', engineSentence, block)) {
          const inPublic = Boolean(od.channel && !od.channel.soft);
          const severity = framedSeverity(hit, hit.entry.severity ?? (inPublic ? 'error' : 'warning'));
          const messageId = hit.modality === 'disclaimed' || hit.modality === 'hypothetical' ? 'insinuation' : hit.entry.id === 'bias' || hit.entry.id === 'bias-phrase' ? 'bias' : 'allegation';
          const { start, end } = spanOf(hit, sentence);
          const notes = familyNotes(od);
          notes.push(inPublic ? `The allegation reaches ${od.channel!.reason}, where the officer cannot reply.` : 'In private correspondence this is a warning; made in public or to the press it is an error.');
          context.report({
            block,
            start,
            end,
            messageId,
            data: { target: targetLabel(hit), phrase: phrase(hit) },
            severity,
            suggestion: `If you believe ${targetLabel(hit)} has acted dishonestly or improperly, set out the facts privately to ${routeFor(hit)}. Do not make the allegation in public or copy it to others.`,
            notes,
          });
        }
      },
    };
  },
};
