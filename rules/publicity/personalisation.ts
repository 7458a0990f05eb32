import type { Rule } from '../../src/engine/rule.js';
import { loadLexicon } from '../../src/language/lexicon.js';
import { GROUND, analyse, describeMember, excerpt, optionNumber, publicityScope, type BlockInfo, type MemberHit } from './shared.js';

/**
 * publicity/personalisation (RULES.md §7.4 PUB-007): personal image-making for a councillor in council publicity:
 * "Cllr X's vision / pledge / promises", credit for a council achievement given to one councillor, links to a
 * councillor's own social media, and (in newsletters and web pages) one councillor named in 5 or more separate
 * paragraphs, headings or captions (option `repeatThreshold`). Factual mentions of a councillor's name, role,
 * responsibilities and decisions, and member-fronted quotes outside the pre-election period, are fine (T-P3).
 */

/** Default N: one councillor named in this many separate paragraphs, headings or captions of one newsletter. */
export const DEFAULT_REPEAT_THRESHOLD = 5;

const CLAUSE = `${GROUND.codeObjective}: personalisation of issues and personal image-making should be avoided`;

export const personalisation: Rule = {
  meta: {
    id: 'publicity/personalisation',
    family: 'publicity',
    description: 'Personal image-making for a councillor in council publicity (visions, pledges, repeated naming, personal pages).',
    clause: CLAUSE,
    grounding: [
      'Publicity Code 2011 (objective): publicity about individual councillors should be objective and explanatory; personalisation of issues and personal image-making should be avoided (wording [R]: verify against the gov.uk text)',
      'LGA 1986 s.2(2)(a): material referring to persons identified with a political party',
      'RULES.md §5.2 P2: Tower Hamlets council advert promoting the Mayor (Ofcom breach); P9: council magazine featuring a candidate',
    ],
    kinds: ['press-release', 'newsletter', 'social-post', 'other', 'email'],
    defaultSeverity: 'warning',
    messages: {
      vision: 'Presents council plans as the personal vision or promises of {{member}} ("{{text}}"): personal image-making in council publicity.',
      credit: 'Credits a council achievement to one councillor, {{member}} ("{{text}}"): personal image-making in council publicity.',
      follow: 'Sends readers to the personal social media of {{member}} ("{{text}}").',
      repeated: '{{member}} is named in {{count}} separate paragraphs, headings or captions of this {{kind}} (the limit is {{limit}}): personal image-making.',
    },
    suggestion: 'Keep references to councillors to their name, role, responsibilities and relevant decisions; present plans and achievements as the council\'s.',
  },
  create(context) {
    const { doc, config } = context;
    const limit = optionNumber(context, 'repeatThreshold', DEFAULT_REPEAT_THRESHOLD);
    return {
      'document:exit'() {
        if (!publicityScope(doc, config).publicity) return;
        const lex = loadLexicon('publicity', 'personalisation');
        const infos = analyse(doc, config).blocks;
        for (const info of infos) {
          if (!info.masked.includes('¤')) continue;
          for (const m of lex.matchAll(info.masked)) {
            const member = info.members.find((x) => x.start < m.index + m.length && x.end > m.index);
            if (!member) continue;
            // "Cllr X's pledge", not "Cllr X pledges to ..."
            if (m.entry.id === 'possessive-vision' && !/['’]s?$/.test(member.text) && !/^['’]/.test(info.block.text.slice(member.end))) continue;
            const id = m.entry.id === 'credit-to-member' ? 'credit' : m.entry.id === 'follow-member' ? 'follow' : 'vision';
            const advice: Record<string, string> = {
              vision: 'Present the plans as the council\'s ("the council\'s priorities for ..."); a councillor can be quoted explaining them, but not as personal promises.',
              credit: 'Attribute the achievement to the council; a councillor can be quoted explaining the decision.',
              follow: 'Link only to the council\'s own channels; councillors\' personal or campaign pages do not belong in council publicity.',
            };
            context.report({
              block: info.block,
              start: m.index,
              end: m.index + m.length,
              messageId: id,
              data: { member: describeMember(member, config), text: excerpt(info.block.text.slice(m.index, m.index + m.length)) },
              suggestion: advice[id],
            });
          }
        }
        if (doc.kind === 'newsletter' || doc.kind === 'other') repeated(infos);
      },
    };

    function repeated(infos: BlockInfo[]): void {
      const counts = new Map<string, { blocks: Set<number>; first: { info: BlockInfo; hit: MemberHit } }>();
      for (const info of infos) {
        for (const hit of info.members) {
          if (!hit.member && !/^(?:Cllr|Councillor)\b/.test(hit.text)) continue; // roles alone ("the Leader") are not counted
          let c = counts.get(hit.key);
          if (!c) counts.set(hit.key, (c = { blocks: new Set(), first: { info, hit } }));
          c.blocks.add(info.index);
        }
      }
      for (const c of counts.values()) {
        if (c.blocks.size < limit) continue;
        context.report({
          block: c.first.info.block,
          start: c.first.hit.start,
          end: c.first.hit.end,
          messageId: 'repeated',
          data: { member: describeMember(c.first.hit, config), count: c.blocks.size, kind: doc.kind === 'newsletter' ? 'newsletter' : 'item', limit: limit - 1 },
          suggestion: 'Feature the council\'s services and decisions rather than one councillor: name the councillor once, with their role.',
        });
      }
    }
  },
};
