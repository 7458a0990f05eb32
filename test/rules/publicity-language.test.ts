import { describe, expect, it } from 'vitest';
import type { UserConfig } from '../../src/config/types.js';
import { defaultConfig } from '../../src/config/load.js';
import { knownParties, memberParty, partyByName, partyMentions } from '../../src/language/parties.js';
import { detectKind } from '../../src/document/kind.js';
import { buildMeta } from '../../src/document/meta.js';
import { textResult } from '../../src/ingest/text.js';
import { fixtureConfig } from '../helpers/fixtures.js';

const config = defaultConfig(fixtureConfig());
const found = (text: string, c = config) => partyMentions(text, c).map((m) => [m.text, m.party.id]);

describe('partyMentions', () => {
  it.each([
    ['The Conservative Group has asked for the report.', [['Conservative', 'conservative']]],
    ['the previous Conservative-run council', [['Conservative', 'conservative']]],
    ['Rufus Halloran (Conservative) asked a question.', [['Conservative', 'conservative']]],
    ['Cllr Rufus Halloran, Conservative, said it was welcome.', [['Conservative', 'conservative']]],
    ['On 6 May, vote Labour.', [['Labour', 'labour']]],
    ['Labour and Liberal Democrat councillors asked.', [['Labour', 'labour'], ['Liberal Democrat', 'liberal-democrat']]],
    ['Both the Greens and the Conservatives asked.', [['Greens', 'green'], ['Conservatives', 'conservative']]],
    ['the Tory government', [['Tory', 'conservative']]],
    ['Sinn Féin and the SDLP', [['Sinn Féin', 'sinn-fein'], ['SDLP', 'sdlp']]],
    ['Ivy Castellane (Wexcombe First) chaired the meeting.', [['Wexcombe First', 'local:wexcombe-first']]],
    ['From the Wexcombe Labour Group', [['Labour', 'labour']]],
  ])('finds the party in %j', (text, want) => {
    expect(found(text)).toEqual(want);
  });

  it.each([
    'The local labour market has tightened.',
    'Figures from the Labour Force Survey.',
    'Labour Market, Apprenticeships and Business Support',
    'Labour costs rose by 4%.',
    'An item about labour relations under paragraph 4.',
    'On a conservative estimate, 300 jobs.',
    'Conservative estimates put the saving at £20,000.',
    'Conservation Area consent is needed.',
    'The village green and green spaces.',
    'The Green Flag award and Green Lane.',
    'The Green Team volunteers planted trees.',
    'Reform of the service will save money.',
    'A more liberal reading of the guidance.',
    'Working in alliance with charities; the Wexcombe Health Alliance members met.',
    'The food co-operative and the Co-op on Station Road.',
    'The Independent Person gave her views.',
    'SMITH, John - Description: Independent',
    'Wexcombe first appeared in the Domesday Book.',
    'The SDP (service development plan) is due in May.',
  ])('finds no party in %j', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('adds config parties and members\' parties, never "Independent"', () => {
    const c = defaultConfig({ ...fixtureConfig(), parties: ['Thornby Residents'], members: [{ name: 'Ann Example', party: 'Independent' }, { name: 'Bo Example', party: 'Castle Voice' }] } as UserConfig);
    expect(found('The Thornby Residents group and Castle Voice councillors met.', c)).toEqual([
      ['Thornby Residents', 'local:thornby-residents'],
      ['Castle Voice', 'local:castle-voice'],
    ]);
    expect(knownParties(c).some((p) => /independent$/i.test(p.name))).toBe(false);
    expect(memberParty(c.members[0], c)).toBeUndefined();
  });

  it('ties config members to their party', () => {
    const dunstable = config.members.find((m) => m.name === 'Philippa Dunstable');
    expect(memberParty(dunstable, config)?.id).toBe('labour');
    expect(partyByName('Lib Dem', config)?.id).toBe('liberal-democrat');
    expect(partyByName('Green Party', config)?.id).toBe('green');
  });
});

describe('detectKind', () => {
  const kindOf = (text: string) => {
    const ingest = textResult(text);
    return detectKind(ingest, buildMeta(ingest)).kind;
  };

  it('reads "NEWS RELEASE" as a label, not "a news release" in prose', () => {
    expect(kindOf('WEXCOMBE BOROUGH COUNCIL\nNEWS RELEASE\n\nDate: 3 March 2027\n\nThe pool reopens.\n')).toBe('press-release');
    const own = 'Mill Matters - Winter 2027 - news from your Green councillor\n\nThe press office refused to put out a news release about the meadow.\n';
    expect(kindOf(own)).toBe('newsletter');
  });

  it('reads decision records and election notices as "other" whatever else they say', () => {
    expect(kindOf('WEXCOMBE BOROUGH COUNCIL\nRecord of Officer Decision Taken Under Delegated Powers\n\nWard(s) affected: Castle\nKey decision: No\nReport of: Director of Place\n')).toBe('other');
    expect(kindOf('WEXCOMBE BOROUGH COUNCIL\n\nSTATEMENT OF PERSONS NOMINATED AND NOTICE OF POLL\n\nCASTLE WARD\n')).toBe('other');
  });

  it('reads a seasonal newsletter with an unsubscribe footer', () => {
    expect(kindOf('Wexcombe Today\nAutumn 2026 | Issue 13 | Published 17 September 2026\n\nBins.\n\nTo unsubscribe, visit wexcombe.gov.uk/newsletter.\n')).toBe('newsletter');
  });

  it('reads an agenda front sheet as an agenda even when reports follow it in the pack', () => {
    const pack = 'Cabinet - 11 March 2027\nPublic Document Pack\nWEXCOMBE BOROUGH COUNCIL\nAGENDA\n1. Apologies for absence\n2. Declarations of interest\n5. Castle Library (page 2)\n\nAgenda item 5\nReport of: Director of Place\nWard(s) affected: Castle\nKey decision: Yes\n1. Recommendations\n';
    expect(kindOf(pack)).toBe('agenda');
    const minutes = 'MINUTES OF THE MEETING OF THE CABINET\nAGENDA\n1. Apologies for absence\nApologies for absence were received.\n';
    expect(kindOf(minutes)).toBe('minutes');
  });

  it('keeps front matter and forced kinds first', () => {
    const ingest = textResult('NEWS RELEASE\n');
    expect(detectKind(ingest, { ...buildMeta(ingest), kind: 'report' }).kind).toBe('report');
    expect(detectKind(ingest, buildMeta(ingest), 'letter').kind).toBe('letter');
  });
});
