import type { Rule } from '../../src/engine/rule.js';
import { familyNotes, framedSeverity, officerDoc, phrase, routeFor, spanOf, targetLabel } from './shared.js';

/**
 * officer/derogatory-reference: a personal attack on an identifiable officer — insults, contempt, ridicule,
 * sarcasm about their title, slurs about their health or character — in any document, to any audience
 * (private e-mails included: RULES.md O1, O4). Lexicon: rules/officer/data/derogatory.yml.
 */
export const derogatoryReference: Rule = {
  meta: {
    id: 'officer/derogatory-reference',
    family: 'officer',
    description: 'A personal attack on an identifiable officer: insults, contempt, ridicule, sarcasm, slurs about health or character.',
    clause:
      'Leicestershire Part 5C para 10: "Members will not publish any material which is derogatory of officers generally, or specific individuals, whether directly or indirectly through their agents or political groups."',
    grounding: [
      'Blackburn with Darwen Section 3 para C 1.6: members may criticise reports or the actions taken by officers, but should always "avoid personal attacks on officers" and ensure criticism is "constructive and well-founded"',
      'Fylde Part 5c para 12.3: officers giving advice to a meeting "are constrained in their ability to respond to any behaviour amounting to a personal attack"',
      'Joint Standards protocol para 3.2: communications, written ones included, must not be likely to cause embarrassment, lead to the breakdown of mutual trust, respect and courtesy, or bring the Council into disrepute; para 4.5: questioning that is "hostile, offensive, derogatory" is unacceptable',
      'North Northamptonshire Part 8.4 para 1.1 ("Avoid personal criticism", "Be respectful") and para 10.1 (courteous "both in public and in private")',
      'LGA Model Councillor Code 2020 paras 1.1-1.2 (respect; challenge ideas robustly but civilly, no personal attack), 2.1 (bullying), 2.3 (no unlawful discrimination)',
      'Real cases: RULES.md §5.1 O1, O2, O3, O4, O14, O17',
    ],
    // the email's Subject line is checked like a sentence of the body (OfficerDoc.checked)
    includeBlockTypes: ['header'],
    defaultSeverity: 'error',
    messages: {
      attack: 'Personal attack on {{target}}: “{{phrase}}”',
      health: 'Remark about the health or disability of {{target}}: “{{phrase}}”',
      sarcasm: 'Ridicule of {{target}}: “{{phrase}}”',
      insinuation: 'Personal attack on {{target}} framed as a question, condition or disclaimer: “{{phrase}}”',
    },
    suggestion:
      'Remove the personal characterisation of the officer. Criticise the report, advice or decision instead, and raise any concern about the officer privately with the relevant Director or the Monitoring Officer.',
  },
  create(context) {
    const od = officerDoc(context);
    return {
      sentence(engineSentence, block) {
        for (const { sentence, hit } of od.officerHits('derogatory', engineSentence, block)) {
          const severity = framedSeverity(hit, hit.entry.severity ?? 'error');
          const id = hit.entry.id;
          const messageId = severity === 'warning' && hit.modality !== 'asserted' ? 'insinuation' : id === 'health' ? 'health' : id === 'sarcasm' || id === 'ridicule' ? 'sarcasm' : 'attack';
          const { start, end } = spanOf(hit, sentence);
          const notes = familyNotes(od);
          if (hit.modality === 'disclaimed' || hit.modality === 'hypothetical') notes.push('Worded as a disclaimer, question or condition, so this is a warning: the remark still reaches its readers (RULES.md T-D9).');
          else if (hit.reported) notes.push("Reported from someone else, so this is a warning: repeating a remark still publishes it (para 10: 'directly or indirectly').");
          context.report({
            block,
            start,
            end,
            messageId,
            data: { target: targetLabel(hit), phrase: phrase(hit) },
            severity,
            clause: hit.entry.clause ? String(hit.entry.clause) : undefined,
            suggestion:
              id === 'health'
                ? `Remove the reference to ${targetLabel(hit)}'s health or any protected characteristic. If there is a genuine concern about an officer's wellbeing or capability, raise it privately with ${routeFor(hit)}.`
                : `Remove the personal characterisation of ${targetLabel(hit)}. Criticise the report, advice or decision instead, and raise any concern about the officer privately with ${routeFor(hit)}.`,
            notes: notes.length ? notes : undefined,
          });
        }
      },
    };
  },
};
