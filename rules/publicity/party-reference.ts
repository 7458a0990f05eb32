import type { Rule } from '../../src/engine/rule.js';
import { GROUND, analyse, partyName, publicityScope, quoteAt, ruleEnabled, sentenceAt } from './shared.js';
import { politicalHits } from './political.js';

/**
 * publicity/party-reference (RULES.md §7.4 PUB-001): a political party named in council publicity, so a
 * communications officer looks twice. Party names need context to count (T-P4: "labour market", "village
 * green", "the Independent Person" are not parties). Quiet where publicity/party-political already reports the
 * same sentence, and in minutes, reports, agendas, election notices and councillors' own material (T-P1, T-P2,
 * T-P9).
 */
export const partyReference: Rule = {
  meta: {
    id: 'publicity/party-reference',
    family: 'publicity',
    description: 'A political party named in council publicity: check the mention is strictly factual and needed.',
    clause: `${GROUND.s2a}; ${GROUND.c72}`,
    grounding: [
      'LGA 1986 s.2(2)(a): regard is had to whether material refers to a political party or to persons identified with one',
      'Publicity Code 2011 principles: objective; even-handed',
      'Blackburn with Darwen Section 3 para C 7.2',
    ],
    kinds: ['press-release', 'newsletter', 'social-post', 'other', 'email'],
    defaultSeverity: 'warning',
    messages: {
      reference: 'Names a political party ({{party}}) in council publicity: check the mention is strictly factual and needed.',
    },
    suggestion: 'Council publicity should mention parties, or people identified with them, only factually: say "the council" or give the councillor\'s role instead of the party.',
  },
  create(context) {
    const { doc, config } = context;
    return {
      'document:exit'() {
        const scope = publicityScope(doc, config);
        // a councillor's or party's own material is reported only for using council resources (party-political)
        if (!scope.publicity || scope.own) return;
        const political = ruleEnabled(config, 'publicity/party-political') ? politicalHits(doc, config) : [];
        const byBlock = new Map<number, typeof political>();
        for (const h of political) {
          const list = byBlock.get(h.info.index) ?? [];
          list.push(h);
          byBlock.set(h.info.index, list);
        }
        for (const info of analyse(doc, config).blocks) {
          const blockHits = byBlock.get(info.index) ?? [];
          const reported = new Set<string>();
          for (const p of info.parties) {
            const q = quoteAt(info, p.start);
            if (q && q.speaker === 'other') continue; // someone else's words (T-P6)
            const s = sentenceAt(info, p.start);
            if (blockHits.some((h) => h.start < s.end && h.end > s.start)) continue;
            if (reported.has(p.party.id)) continue;
            reported.add(p.party.id);
            context.report({ block: info.block, start: p.start, end: p.end, messageId: 'reference', data: { party: `${p.text}${p.text === p.party.name ? '' : `: ${partyName(p.party.name)}`}` } });
          }
        }
      },
    };
  },
};
