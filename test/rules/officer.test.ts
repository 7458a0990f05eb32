import { describe, expect, it } from 'vitest';
import type { Audience, FileResult, Finding, Kind } from '../../src/types.js';
import { lintText } from '../../src/api/lint.js';
import { defaultConfig } from '../../src/config/load.js';
import { analysePeople, officerMentions, subjectAt, type Ref } from '../../src/language/people.js';
import { modality, quoteSpans } from '../../src/language/scope.js';
import { fixtureConfig } from '../helpers/fixtures.js';

/**
 * Focused tests for the officer/ family: whom a phrase is aimed at (attachment, pronouns, "you" in e-mails),
 * framing (negation, disclaimers, quotes, reported speech), and the channel (audience gating). The fictional
 * council is fixtures/.protocolrc.json: Yasmin Treloar (Head of Planning, "Ms Treloar"), Cuthbert Amberley (Head of
 * Waste and Street Scene, "Mr Amberley"), Helena Marchbank (Director of Place), Bartholomew Fenwright (Monitoring
 * Officer), Rosalind Quarrie (Chief Executive); councillors include Philippa Dunstable (Leader) and Ambrose Pettifer.
 */

const config = defaultConfig(fixtureConfig(), 'snippet.txt');

async function run(text: string, opts: { kind?: Kind; audience?: Audience; filePath?: string } = {}): Promise<FileResult> {
  return lintText(text, { filePath: opts.filePath ?? 'snippet.txt', config, kind: opts.kind ?? 'email', audience: opts.audience });
}

function of(result: FileResult, rule: string): Finding[] {
  return result.messages.filter((m) => m.ruleId === `officer/${rule}`);
}

function eml(headers: Record<string, string>, body: string): string {
  const h = {
    'Message-ID': '<test@mail.wexcombe.gov.uk>',
    Date: 'Tue, 12 Jan 2027 07:48:19 +0000',
    ...headers,
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding': '8bit',
  };
  return `${Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${body}\n`;
}

const PETTIFER = 'Cllr Ambrose Pettifer <cllr.ambrose.pettifer@wexcombe.gov.uk>';
const AMBERLEY = 'Cuthbert Amberley <cuthbert.amberley@wexcombe.gov.uk>';
const TRELOAR = 'Yasmin Treloar <yasmin.treloar@wexcombe.gov.uk>';
const CARRAWAY = 'Cllr Oswin Carraway <cllr.oswin.carraway@wexcombe.gov.uk>';

describe('officer/derogatory-reference: the insult must be aimed at an officer', () => {
  it.each([
    ['the subject of the clause', 'Frankly Ms Treloar is useless and everyone in planning knows it.', 'Yasmin Treloar (Head of Planning)'],
    ['a role title without a name', 'The Director of Place is incompetent.', 'Helena Marchbank (Director of Place)'],
    ['in front of the officer', 'Nobody trusts that incompetent Head of Planning.', 'Yasmin Treloar (Head of Planning)'],
    ['a relative clause', 'The planning officer who dealt with this is a nutter.', 'the planning officer'],
    ['an apposition', 'The Monitoring Officer, a jobsworth of the first order, refused to help.', 'Bartholomew Fenwright (Monitoring Officer)'],
    ['a possessive with a personal noun', 'The arrogance of the Head of Planning is beyond belief.', 'Yasmin Treloar (Head of Planning)'],
    ['a coordinated predicate', 'Ms Quarrie is remote, arrogant and, judging by last month, incapable of a straight answer.', 'Rosalind Quarrie (Chief Executive)'],
    ['a misspelt surname with a title', 'I went to the site meeting and frankly Ms Treloare is pathetic.', 'Yasmin Treloar (Head of Planning)'],
    ['officers collectively', 'The officers in the legal team are idiots.', 'officers in the legal team (collectively)'],
  ])('flags %s', async (_what, text, target) => {
    const hits = of(await run(text), 'derogatory-reference');
    expect(hits.length, text).toBeGreaterThan(0);
    expect(hits[0]!.severity).toBe(2);
    expect(hits[0]!.message).toContain(target);
  });

  it.each([
    ['a report, not its author', "Ms Treloar's report is useless as a basis for a decision."],
    ['a report written by an officer', 'The report by the Head of Planning is useless.'],
    ['an organisation', 'The parking partnership is heartless and the council is useless.'],
    ['a councillor', 'The Leader is a clown and Cllr Pettifer is useless.'],
    ['a councillor reported by an officer', 'Ms Treloar told me the Leader is useless.'],
    ['an object of another verb', 'The tree officer removed the dead wood from the oak.'],
    ['a thing in the same sentence as an officer', 'I met Ms Treloar about the booking app, which is useless.'],
    ['a contractor, not the officer', 'Ms Treloar, who is always helpful, sent my complaint to the contractor, who is useless.'],
    ['an adjective on a thing', 'Mr Amberley says the site uses lazy loading for its images.'],
    ['praise', 'Mr Amberley was a brilliant clown at the children’s fun day and raised £400 for the hospice.'],
  ])('does not flag %s', async (_what, text) => {
    expect(of(await run(text), 'derogatory-reference'), text).toEqual([]);
  });
});

describe('pronouns', () => {
  it('resolves "she" to the officer in the sentence before', async () => {
    const hits = of(await run('I met Ms Treloar on Tuesday about the Mill Bank case. She is useless.'), 'derogatory-reference');
    expect(hits.map((h) => h.message)).toEqual(['Personal attack on Yasmin Treloar (Head of Planning): “useless”']);
  });

  it('does not resolve a pronoun to an officer of the other gender', async () => {
    // Mr Amberley is male (config alias "Mr Amberley"); "she" cannot be him
    expect(of(await run('I wrote to Mr Amberley on Tuesday. She is useless.'), 'derogatory-reference')).toEqual([]);
  });

  it('prefers a nearer councillor over an earlier officer', async () => {
    expect(of(await run('Ms Treloar met Cllr Pettifer on site. He is useless.'), 'derogatory-reference')).toEqual([]);
  });

  it('lets a nearer organisation take "they"', async () => {
    expect(of(await run('The planning officer passed the figures to the contractor. They are useless.'), 'derogatory-reference')).toEqual([]);
  });

  it('never makes an object pronoun the subject of its own clause ("the Chief Executive should sack her")', async () => {
    const hits = of(await run('Ms Treloar ignored 200 objections. The Chief Executive should sack her.'), 'staffing-pressure');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.message).toContain('Yasmin Treloar');
    expect(hits[0]!.message).not.toContain('Rosalind Quarrie');
  });

  it('carries a pronoun at the start of a paragraph over from the paragraph before', async () => {
    const text = 'Our so-called Head of Planning decided she knew better than residents.\n\nIf she had any self-respect she would go. If she won’t, the Chief Executive should sack her.';
    const hits = of(await run(text, { kind: 'social-post' }), 'staffing-pressure');
    expect(hits.map((h) => h.message)).toEqual(['Pressure over an individual staffing matter (Yasmin Treloar (Head of Planning)): “sack her”']);
  });

  it('analysePeople resolves pronoun chains and learns gender from them', () => {
    const text = 'The Chief Executive should sack him. Ms Treloar agrees with her.';
    const refs: Ref[] = analysePeople('The Head of Waste and Street Scene was there. He left early. I asked the Chief Executive about him.', { config, registry: new Map() });
    const he = refs.find((r) => r.text === 'He')!;
    const him = refs.find((r) => r.text === 'him')!;
    expect(he.referent?.role).toBe('Head of Waste and Street Scene');
    expect(him.referent?.role).toBe('Head of Waste and Street Scene');
    // an unnamed role learns its gender from the pronoun that refers to it
    const unnamed = analysePeople('The enforcement officer came round. He was rude. She was not.', { config, registry: new Map() });
    expect(unnamed.find((r) => r.text === 'He')?.referent?.gender).toBe('m');
    expect(unnamed.find((r) => r.text === 'She')?.referent).toBeUndefined();
    expect(analysePeople(text, { config, registry: new Map() }).find((r) => r.text === 'him')?.referent).toBeUndefined();
  });
});

describe('"you" in letters and e-mails', () => {
  it('means the officer an e-mail is addressed to', async () => {
    const text = eml({ From: PETTIFER, To: AMBERLEY, Subject: 'Bins' }, 'Mr Amberley,\n\nYou are useless at your job and everyone at the depot knows it.\n\nCllr Ambrose Pettifer');
    const hits = of(await run(text, { filePath: 'bins.eml', kind: undefined }), 'derogatory-reference');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.message).toBe('Personal attack on Cuthbert Amberley (Head of Waste and Street Scene): “useless”');
    expect(hits[0]!.line).toBe(8); // From, To, Date, Subject, blank, salutation, blank, then the sentence
  });

  it('uses a first name in the salutation when the full name is in the headers', async () => {
    const text = eml({ From: PETTIFER, To: TRELOAR, Subject: 'Abbey Fields' }, 'Yasmin,\n\nFrankly you are clueless about what residents want.\n\nAmbrose');
    expect(of(await run(text, { filePath: 'af.eml', kind: undefined }), 'derogatory-reference').map((h) => h.message)).toEqual([
      'Personal attack on Yasmin Treloar (Head of Planning): “clueless”',
    ]);
  });

  it('is not an officer in an e-mail to a councillor', async () => {
    const text = eml({ From: PETTIFER, To: CARRAWAY, Subject: 'Group' }, 'Oswin,\n\nYou are useless and you know it.\n\nAmbrose');
    expect(of(await run(text, { filePath: 'g.eml', kind: undefined }), 'derogatory-reference')).toEqual([]);
  });

  it('is nobody in particular when an e-mail goes to two people with no salutation', async () => {
    const text = eml({ From: PETTIFER, To: `${AMBERLEY}, ${TRELOAR}`, Subject: 'Bins' }, 'You are useless, the pair of you.');
    expect(of(await run(text, { filePath: 'two.eml', kind: undefined }), 'derogatory-reference')).toEqual([]);
  });

  it('a first name alone does not count when the full name appears nowhere', async () => {
    expect(of(await run('Yasmin is useless.'), 'derogatory-reference')).toEqual([]);
    expect(of(await run('Yasmin Treloar chaired the session. Yasmin is useless.'), 'derogatory-reference')).toHaveLength(1);
  });
});

describe('framing: negation, disclaimers, questions (RULES.md T-D9)', () => {
  it('a plain denial is not a finding', async () => {
    for (const text of ['Ms Treloar is not incompetent; the service is three planners short.', 'The Head of Planning is anything but lazy.', 'I am satisfied that Ms Treloar has never misled this committee.']) {
      const r = await run(text);
      expect(r.messages.filter((m) => m.ruleId.startsWith('officer/')), text).toEqual([]);
    }
  });

  it('a disclaimed insinuation is a warning, not an error', async () => {
    const hits = of(await run('I am not saying the Head of Planning is incompetent, but three appeals were lost.'), 'derogatory-reference');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.severity).toBe(1);
    expect(hits[0]!.message).toContain('framed as a question, condition or disclaimer');
  });

  it('a question or condition is a warning', async () => {
    const q = of(await run('Did the Director of Place mislead the committee?', { audience: 'press' }), 'dishonesty-allegation');
    expect(q.map((h) => h.severity)).toEqual([1]);
    const c = of(await run('If the Director of Place misled the committee, the Cabinet must be told.', { audience: 'press' }), 'dishonesty-allegation');
    expect(c.map((h) => h.severity)).toEqual([1]);
  });

  it('modality() tells the frames apart', () => {
    const at = (s: string, w: string) => modality(s, s.indexOf(w));
    expect(at('Ms X is not useless.', 'useless')).toBe('negated');
    expect(at("I'm not saying Ms X is useless, but", 'useless')).toBe('disclaimed');
    expect(at('If Ms X misled us, she should go.', 'misled')).toBe('hypothetical');
    expect(at('Ms X is not only useless but rude.', 'useless')).toBe('asserted');
    expect(at('Ms X is useless.', 'useless')).toBe('asserted');
  });
});

describe('quoted and reported words (RULES.md T-D7)', () => {
  it('skips an insult quoted from someone else', async () => {
    const text = 'The resident said that Mr Amberley was "useless" and "a waste of space".';
    expect(of(await run(text), 'derogatory-reference')).toEqual([]);
    expect(quoteSpans(text).every((q) => q.attributed)).toBe(true);
  });

  it('skips a complaint summary', async () => {
    expect(of(await run('The complaint alleges that the councillor called the Head of Planning a liar.'), 'dishonesty-allegation')).toEqual([]);
  });

  it('skips what minutes record a councillor saying', async () => {
    const r = await run('Councillor Pettifer said that the Director of Place was incompetent and out of her depth.', { kind: 'minutes' });
    expect(r.messages.filter((m) => m.ruleId.startsWith('officer/'))).toEqual([]);
  });

  it('keeps a councillor quoted in a press release: the quote is the statement', async () => {
    const r = await run('PRESS RELEASE\n\nCllr Pettifer said: "The Director of Place is incompetent."\n\nENDS', { kind: 'press-release' });
    expect(of(r, 'derogatory-reference').map((h) => h.severity)).toEqual([2]);
    expect(of(r, 'conduct-capability-in-public')).toHaveLength(1);
  });

  it('warns on an insult reported from residents in the writer’s own words', async () => {
    const hits = of(await run('Residents tell me that the Head of Planning is useless.'), 'derogatory-reference');
    expect(hits.map((h) => h.severity)).toEqual([1]);
  });

  it('skips the quoted earlier message of an e-mail thread', async () => {
    const text = eml(
      { From: CARRAWAY, To: PETTIFER, Subject: 'Re: Planning' },
      'Ambrose,\n\nPlease take any concern to the Director of Place.\n\nOswin\n\nOn Mon, 8 Feb 2027 at 17:02, Cllr Ambrose Pettifer wrote:\n> Ms Treloar is useless and a total jobsworth.',
    );
    expect(of(await run(text, { filePath: 're.eml', kind: undefined }), 'derogatory-reference')).toEqual([]);
  });
});

describe('officer/conduct-capability-in-public: the channel', () => {
  const criticism = 'Ms Treloar is out of her depth on enforcement.';

  it('says nothing in a private e-mail (T-D10)', async () => {
    expect(of(await run(criticism), 'conduct-capability-in-public')).toEqual([]);
  });

  it.each([
    ['the press audience', { audience: 'press' as Audience }, criticism],
    ['a newsletter', { kind: 'newsletter' as Kind }, criticism],
    ['a public report', { kind: 'report' as Kind }, criticism],
    ['"I have copied in the Gazette"', {}, `I have copied in the Gazette. ${criticism}`],
    ['"in the public part of the meeting"', {}, `I would like the motion taken in the public part of the meeting. ${criticism}`],
    ['"I have shared this with residents"', {}, `I have shared this with residents. ${criticism}`],
  ])('flags it in %s', async (_what, opts, text) => {
    const hits = of(await run(text, opts), 'conduct-capability-in-public');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.severity).toBe(2);
    expect(hits[0]!.message).toMatch(/^Conduct or capability of Yasmin Treloar \(Head of Planning\) raised in .+: “out of her depth”$/);
  });

  it('is a warning in a reply to one member of the public, an error to several', async () => {
    const body = 'Dear Ms Example,\n\nI agree with you: the planning officer who dealt with your case was rude and dismissive.\n\nCllr Ambrose Pettifer';
    const one = eml({ From: PETTIFER, To: 'Jo Example <jo@example.org>', Subject: 'Your case' }, body);
    const many = eml({ From: PETTIFER, To: 'Jo Example <jo@example.org>', Cc: 'Sam Example <sam@example.net>, Abbey Fields Residents <ra@example.com>', Subject: 'Your case' }, body);
    expect(of(await run(one, { filePath: 'one.eml', kind: undefined }), 'conduct-capability-in-public').map((h) => h.severity)).toEqual([1]);
    expect(of(await run(many, { filePath: 'many.eml', kind: undefined }), 'conduct-capability-in-public').map((h) => h.severity)).toEqual([2]);
  });

  it('does not take a negated channel ("rather than raising this at full council")', async () => {
    expect(of(await run(`I am writing privately rather than raising this at full council. ${criticism}`), 'conduct-capability-in-public')).toEqual([]);
  });

  it('does not count an exempt report', async () => {
    const text = '---\nkind: report\nclassification: exempt\n---\n\nThe Head of Planning does not have the experience needed to run the service.\n';
    expect(of(await run(text, { filePath: 'r.md', kind: undefined }), 'conduct-capability-in-public')).toEqual([]);
  });

  it('reports once per officer per paragraph', async () => {
    const hits = of(await run('Ms Treloar is out of her depth. She is evasive and she is useless.', { kind: 'newsletter' }), 'conduct-capability-in-public');
    expect(hits).toHaveLength(1);
  });

  it('a service is not an officer (T-D2)', async () => {
    expect(of(await run('This service has been a shambles since the contract changed.', { kind: 'newsletter' }), 'conduct-capability-in-public')).toEqual([]);
  });
});

describe('officer/dishonesty-allegation: severity follows the channel', () => {
  it('is a warning in a private e-mail and an error to the press', async () => {
    const text = 'I believe Ms Treloar misled the committee about the highways objection.';
    expect(of(await run(text), 'dishonesty-allegation').map((h) => h.severity)).toEqual([1]);
    expect(of(await run(text, { audience: 'press' }), 'dishonesty-allegation').map((h) => h.severity)).toEqual([2]);
  });

  it('catches impropriety through a pronoun ("his friends at")', async () => {
    const hits = of(await run('Between you and me, Mr Amberley has been desperate to get this deal done with his friends at Example Homes.'), 'dishonesty-allegation');
    expect(hits.map((h) => h.message)).toEqual(['Allegation of dishonesty or impropriety against Cuthbert Amberley (Head of Waste and Street Scene): “his friends at”']);
  });
});

describe('officer/staffing-pressure and officer/pressure-on-advice: who is writing', () => {
  it('ignores an officer managing staff', async () => {
    const text = eml({ From: 'Desmond Ollerenshaw <desmond.ollerenshaw@wexcombe.gov.uk>', To: 'Helena Marchbank <helena.marchbank@wexcombe.gov.uk>', Subject: 'Depot' }, 'Helena,\n\nHR advise that the driver should be suspended pending the investigation, and that we should suspend him today.\n\nDesmond');
    expect(of(await run(text, { filePath: 'hr.eml', kind: undefined }), 'staffing-pressure')).toEqual([]);
  });

  it('warns on a member calling for an officer to be sacked, not a councillor', async () => {
    expect(of(await run('Mr Amberley should be sacked.'), 'staffing-pressure').map((h) => h.severity)).toEqual([1]);
    expect(of(await run('Cllr Pettifer should be sacked from the Cabinet.'), 'staffing-pressure')).toEqual([]);
    expect(of(await run('One officer was suspended in March pending an investigation.'), 'staffing-pressure')).toEqual([]);
  });

  it('ignores an officer asking a colleague to amend a draft, not a member', async () => {
    const body = 'Yasmin,\n\nPlease amend the recommendation to reflect Legal’s comments, and remove paragraph 6.2 from the report.\n\n';
    const fromOfficer = eml({ From: 'Helena Marchbank <helena.marchbank@wexcombe.gov.uk>', To: TRELOAR, Subject: 'Draft' }, `${body}Helena`);
    const fromMember = eml({ From: PETTIFER, To: TRELOAR, Subject: 'Draft' }, `${body}Ambrose`);
    expect(of(await run(fromOfficer, { filePath: 'o.eml', kind: undefined }), 'pressure-on-advice')).toEqual([]);
    expect(of(await run(fromMember, { filePath: 'm.eml', kind: undefined }), 'pressure-on-advice').length).toBeGreaterThan(0);
  });

  it('does not treat a committee amendment as pressure', async () => {
    expect(of(await run('I will move an amendment to the recommendation at Cabinet.'), 'pressure-on-advice')).toEqual([]);
  });
});

describe('findings name the target, quote the clause and say what to do', () => {
  it('has message, clause, suggestion and a span covering the insult and the name', async () => {
    const [f] = of(await run('Frankly Ms Treloar is a complete muppet.'), 'derogatory-reference');
    expect(f!.message).toBe('Personal attack on Yasmin Treloar (Head of Planning): “muppet”');
    expect(f!.clause).toMatch(/^Leicestershire Part 5C para 10: "Members will not publish any material which is derogatory of officers/);
    expect(f!.suggestion).toMatch(/Criticise the report, advice or decision instead/);
    expect(f!.excerpt).toBe('Ms Treloar is a complete muppet');
  });

  it('cites the health clause for a health slur', async () => {
    const [f] = of(await run('Mr Fenwright is clearly losing his marbles.'), 'derogatory-reference');
    expect(f!.message).toBe('Remark about the health or disability of Bartholomew Fenwright (Monitoring Officer): “losing his marbles”');
    expect(f!.clause).toContain('LGA Model Councillor Code 2020 para 2.3');
  });

  it('adds the personal-capacity note to social posts (RULES.md T-X1)', async () => {
    const [f] = of(await run('Our so-called Head of Planning has done it again.', { kind: 'social-post' }), 'derogatory-reference');
    expect(f!.notes?.join(' ')).toMatch(/personal capacity/);
  });
});

describe('near misses: officer words and attack words in the same text, no attack on an officer', () => {
  it.each([
    'Cllr Pettifer met Ms Treloar on site. He was rude and arrogant throughout.',
    'Mr Amberley wrote to the contractor. They have been hopeless all year.',
    'Thank you for your email. You are right that the old policy was useless, and Ms Treloar has replaced it.',
    'Residents told Ms Treloar the plans were a disgrace.',
    'Ms Treloar told the committee the applicant had lied about the boundary.',
    'The Head of Planning described the appeal decision as a disgrace for local democracy.',
    "Ms Treloar's predecessor was a disaster, but she has turned the service round.",
    'Mr Amberley is no clown: he has run the service for ten years.',
    'Officers have been brilliant. The Cabinet, on the other hand, has been asleep at the wheel.',
    'The Monitoring Officer found that Cllr Halloran had misled the committee.',
    'The Communications Manager said the leaflet was misleading and has been withdrawn.',
    'The Head of Legal asked whether the complainant had been misled by the leaflet.',
    'The Head of Housing needs to go to Cabinet for approval before the contract is let.',
    'The Monitoring Officer advised that the Chief Executive must resign from the board of the partnership.',
    'The Director of Place was clear that the current arrangements are not fit for purpose.',
    'We are not accusing officers of lying. The figures were simply out of date.',
    'The graffiti was covered up by the contractor on Tuesday.',
  ])('%s', async (text) => {
    for (const kind of ['newsletter', 'report'] as Kind[]) {
      const r = await run(text, { kind });
      expect(r.messages.filter((m) => m.ruleId.startsWith('officer/')).map((m) => m.message), `${kind}: ${text}`).toEqual([]);
    }
  });
});

it('a committee report may summarise representations against officers; a newsletter repeating them is a warning', async () => {
  const text = 'Objectors consider that officers have been biased in favour of the developer.';
  expect((await run(text, { kind: 'report' })).messages.filter((m) => m.ruleId.startsWith('officer/'))).toEqual([]);
  expect(of(await run(text, { kind: 'newsletter' }), 'dishonesty-allegation').map((h) => h.severity)).toEqual([1]);
});

describe('attacks in other words', () => {
  it.each([
    ['The legal team are a bunch of incompetents.', 'derogatory-reference'],
    ['I want the Head of Planning removed from the Mill Bank case.', 'staffing-pressure'],
    ['Members were misled by the Director of Place about the costs.', 'dishonesty-allegation'],
    ['The CEO is clueless.', 'derogatory-reference'],
    ['What an idiot the Head of Planning is.', 'derogatory-reference'],
    ['Once again the Director of Place has shown herself to be totally incompetent.', 'derogatory-reference'],
    ['I told Ms Treloar she is useless.', 'derogatory-reference'],
  ])('%s', async (text, rule) => {
    expect(of(await run(text, { kind: 'newsletter' }), rule).length, text).toBeGreaterThan(0);
  });
});

describe('people.ts helpers', () => {
  it('finds register names, aliases, misspellings and roles but not councillors or places', () => {
    const text = 'Ms Treloare met the Director of Place, Cllr Pettifer and the Leader on Amberley Road; Mr Amberly sent the planning officer.';
    const found = officerMentions(text, config).map((m) => [m.text, m.officer?.name ?? m.role]);
    expect(found).toEqual([
      ['Ms Treloare', 'Yasmin Treloar'],
      ['Director of Place', 'Helena Marchbank'],
      ['Mr Amberly', 'Cuthbert Amberley'],
      ['planning officer', 'planning officer'],
    ]);
  });

  it('subjectAt finds the first noun phrase of a clause, not a later one', () => {
    const text = 'Ms Treloar said the app is useless.';
    const refs = analysePeople(text, { config, registry: new Map() });
    expect(subjectAt(text, text.indexOf('useless'), refs).how).toBe('thing');
    const text2 = 'The app is fine but Ms Treloar is useless.';
    const refs2 = analysePeople(text2, { config, registry: new Map() });
    expect(subjectAt(text2, text2.indexOf('useless'), refs2).ref?.referent?.officer?.name).toBe('Yasmin Treloar');
  });
});

describe('plural possessives', () => {
  it('reads "the officers\' report is biased" as about the report, as "Ms Treloar\'s report" is', async () => {
    for (const text of ["The officers' report on the depot is biased.", "The officers’ report on the depot is biased.", "Ms Treloar's report on the depot is biased."]) {
      const r = await run(text, { audience: 'press' });
      expect(r.messages.filter((m) => m.ruleId.startsWith('officer/')), text).toEqual([]);
    }
    const r = await run('The officers are biased.', { audience: 'press' });
    expect(r.messages.some((m) => m.ruleId.startsWith('officer/'))).toBe(true);
  });
});
