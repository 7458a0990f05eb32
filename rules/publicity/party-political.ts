import type { Rule } from '../../src/engine/rule.js';
import { GROUND, describeMember, excerpt, isCouncilAddress, partyName, publicityScope } from './shared.js';
import { politicalHits, type PoliticalCategory, type PoliticalHit } from './political.js';
import { recipientsOf } from '../../src/document/audience.js';

/**
 * publicity/party-political (RULES.md §7.4 PUB-002, PUB-003, PUB-009, PUB-012): council publicity that credits or
 * blames a party, attacks a party or a councillor identified with one, asks for votes, carries an election
 * imprint or slogan, or takes one side of a contested national question. Also a councillor's or party's own
 * campaigning material when it uses council resources (a council e-mail account, imprint or logo).
 */

const CLAUSE: Record<PoliticalCategory, string> = {
  credit: `${GROUND.s2a}; ${GROUND.codeObjective}; ${GROUND.codeEven}; ${GROUND.c72}`,
  attack: `${GROUND.s2a}; ${GROUND.codeEven}; ${GROUND.c72}`,
  electioneering: `${GROUND.s2}; ${GROUND.codeEven}; ${GROUND.c72}`,
  imprint: `${GROUND.s2}; ${GROUND.c72}`,
  slogan: `${GROUND.s2}; ${GROUND.c72}`,
  contested: `${GROUND.s2a}; ${GROUND.codeEven}`,
};

const RESOURCES_CLAUSE = `${GROUND.js51}; ${GROUND.c23}; ${GROUND.b1}; ${GROUND.s2}`;

const ADVICE: Record<PoliticalCategory, string> = {
  credit: 'Attribute the achievement to the council ("the council has ..."), not to a party, a coalition or "the administration".',
  attack: 'Remove the criticism of {{target}}. Council publicity explains the council\'s own decisions and services; it does not blame parties or their councillors.',
  electioneering: 'Delete it. Council publicity must never ask people to vote for, re-elect or support anyone.',
  imprint: 'Remove the party imprint. Council publicity carries only the council\'s own name and address.',
  slogan: 'Remove the party slogan.',
  contested: 'Explain what the national policy means for residents, factually and even-handedly, without praising or blaming a party or the Government.',
};

export const partyPolitical: Rule = {
  meta: {
    id: 'publicity/party-political',
    family: 'publicity',
    description: 'Council publicity that credits or attacks a party or its councillors, asks for votes, or carries party imprints or slogans.',
    clause: `${GROUND.s2a}; ${GROUND.c72}`,
    grounding: [
      'LGA 1986 s.2(1): no material that appears designed to affect public support for a political party',
      'LGA 1986 s.2(2)(a): regard is had to whether it refers to a party or persons identified with one, or promotes a view identifiable as one party\'s',
      'Publicity Code 2011 principles: objective; even-handed',
      'Blackburn with Darwen Section 3 para C 7.2; Joint Standards protocol paras 2.6, 5.1; Blackburn B1, C 2.3, C 2.6',
      'RULES.md §5.2 P1 (Cheshire East "Easter message"), P5 (Fife), P8 (Middlesbrough imprint)',
    ],
    // e-mail for press releases sent by e-mail and party campaigning from council accounts
    kinds: ['press-release', 'newsletter', 'social-post', 'other', 'email'],
    defaultSeverity: 'error',
    messages: {
      credit: 'Credits {{target}} with a council achievement ("{{text}}"): council publicity must not appear designed to affect support for a party.',
      attack: 'Criticises {{target}} ("{{text}}"): council publicity must not attack a party or councillors identified with one.',
      electioneering: 'Asks for votes or support ("{{text}}"): council publicity must never campaign.',
      imprint: 'Carries an election imprint or names a party as publisher ("{{text}}").',
      slogan: 'Uses a party slogan ("{{text}}").',
      contested: 'Takes one side of a politically contested question ("{{text}}"): present it even-handedly.',
      resources: '{{what}} in material that uses council resources ({{resources}}): council facilities are for council business, never party campaigning.',
    },
    suggestion: 'Attribute achievements to the council, keep party names out unless strictly factual, and never ask for votes or support.',
  },
  create(context) {
    const { doc, config } = context;
    return {
      'document:exit'() {
        const scope = publicityScope(doc, config);
        let resources = scope.own ? scope.resources : [];
        if (!scope.publicity) {
          // a councillor's party campaigning sent from a council e-mail account (RULES.md §5.2 P5, P6)
          if (doc.kind !== 'email') return;
          const from = doc.meta.from ?? [];
          const external = recipientsOf(doc.meta).some((r) => !isCouncilAddress(r.address, config));
          if (!external || !from.some((a) => isCouncilAddress(a.address, config))) return;
          resources = [`sent from the council e-mail address ${from[0]!.address}`];
        }
        for (const hit of politicalHits(doc, config)) {
          if (!scope.publicity && hit.category !== 'electioneering' && hit.category !== 'imprint' && hit.category !== 'slogan') continue;
          report(hit, resources);
        }
      },
    };

    function target(hit: PoliticalHit): string {
      if (hit.member) return describeMember(hit.member, config);
      if (hit.party) return partyName(hit.party.party.name);
      return 'a party';
    }

    function report(hit: PoliticalHit, resources: string[]): void {
      const data = { text: excerpt(hit.text), target: target(hit) };
      const advice = ADVICE[hit.category].replace('{{target}}', data.target);
      if (resources.length > 0) {
        const what = { credit: 'Party credit', attack: 'Party attack', electioneering: 'Electioneering', imprint: 'A party imprint', slogan: 'A party slogan', contested: 'Campaigning' }[hit.category];
        context.report({
          block: hit.info.block,
          start: hit.start,
          end: hit.end,
          messageId: 'resources',
          data: { what: `${what} ("${data.text}")`, resources: resources.join('; ') },
          clause: RESOURCES_CLAUSE,
          severity: 'error',
          suggestion: 'Council resources (e-mail accounts, imprint, logo, staff) must not be used for party-political or campaigning activity: use the party\'s own channels.',
        });
        return;
      }
      context.report({
        block: hit.info.block,
        start: hit.start,
        end: hit.end,
        messageId: hit.category,
        data,
        clause: (typeof hit.entry.clause === 'string' && hit.entry.clause) || CLAUSE[hit.category],
        severity: hit.severity,
        suggestion: advice,
      });
    }
  },
};
