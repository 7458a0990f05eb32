import { describe, expect, it } from 'vitest';
import type { Audience, FileResult, Kind } from '../../src/types.js';
import type { UserConfig } from '../../src/config/types.js';
import { defaultConfig } from '../../src/config/load.js';
import { lintText } from '../../src/api/lint.js';
import { rules as publicityRules } from '../../rules/publicity/index.js';
import { DEFAULT_REPEAT_THRESHOLD } from '../../rules/publicity/personalisation.js';
import { fixtureConfig } from '../helpers/fixtures.js';

/** Check a snippet with only the publicity/ rules and the fixture council (Wexcombe; window 2027-03-29 to 2027-05-06). */
async function checkPub(
  text: string,
  opts: { kind?: Kind; audience?: Audience; filePath?: string; config?: Partial<UserConfig> } = {},
): Promise<FileResult> {
  const config = defaultConfig({ ...fixtureConfig(), ...(opts.config ?? {}) } as UserConfig, opts.filePath ?? 'snippet.txt');
  return lintText(text, { filePath: opts.filePath ?? 'snippet.txt', kind: opts.kind, audience: opts.audience, config, rules: publicityRules });
}

function hits(result: FileResult, ruleId: string) {
  return result.messages.filter((m) => m.ruleId === ruleId);
}

function eml(headers: { from: string; to: string; date?: string; subject?: string }, body: string): string {
  return [
    `From: ${headers.from}`,
    `To: ${headers.to}`,
    `Date: ${headers.date ?? 'Tue, 09 Feb 2027 10:00:00 +0000'}`,
    `Subject: ${headers.subject ?? 'Your question'}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="utf-8"',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
  ].join('\n');
}

const release = (date: string, body: string) => `WEXCOMBE BOROUGH COUNCIL\nNEWS RELEASE\n\nDate: ${date}\nFor immediate release\n\n${body}\n\nENDS\n`;
const QUOTE = 'Councillor Oswin Carraway, Cabinet Member for Housing, said: "Forty families will have a new home by the summer."';

describe('publicity/pre-election: window boundaries (start and polling day inclusive)', () => {
  it.each([
    ['28 March 2027', 0],
    ['29 March 2027', 1],
    ['14 April 2027', 1],
    ['6 May 2027', 1],
    ['7 May 2027', 0],
  ])('a release dated %s quoting a Cabinet Member gets %i error(s)', async (date, n) => {
    const r = hits(await checkPub(release(date, QUOTE)), 'publicity/pre-election');
    expect(r).toHaveLength(n);
    if (n) {
      expect(r[0]!.severity).toBe(2);
      expect(r[0]!.message).toContain('Oswin Carraway');
      expect(r[0]!.message).toContain('(Labour)');
      expect(r[0]!.suggestion).toMatch(/quote an officer/i);
      expect(r[0]!.clause).toMatch(/Publicity Code 2011 \(care during periods of heightened sensitivity\)/);
    }
  });

  it('reads the date from front matter, a dateline, "Issued:" and "Posted:" lines', async () => {
    const fm = `---\nkind: press-release\ndate: 2027-04-20\n---\n\n${QUOTE}\n`;
    expect(hits(await checkPub(fm, { filePath: 'r.md' }), 'publicity/pre-election')).toHaveLength(1);
    const dateline = `WEXCOMBE BOROUGH COUNCIL\nNEWS RELEASE\n\n14 April 2027\nFor immediate release\n\n${QUOTE}\n`;
    expect(hits(await checkPub(dateline), 'publicity/pre-election')).toHaveLength(1);
    const posted = `Platform: Facebook\nPage: Wexcombe Borough Council (official page)\nPosted: 21 April 2027 at 12:30\n\n${QUOTE}\n`;
    expect(hits(await checkPub(posted), 'publicity/pre-election')).toHaveLength(1);
  });

  it('warns once when a release names a councillor but has no readable date', async () => {
    const r = hits(await checkPub(`WEXCOMBE BOROUGH COUNCIL\nNEWS RELEASE\n\n${QUOTE}\n`), 'publicity/pre-election');
    expect(r).toHaveLength(1);
    expect(r[0]!.severity).toBe(1);
    expect(r[0]!.message).toMatch(/could not be checked/);
  });

  it('says nothing about an undated release that names no councillor, or when no window is configured', async () => {
    expect(hits(await checkPub('WEXCOMBE BOROUGH COUNCIL\nNEWS RELEASE\n\nThe pool reopens on Monday.\n'), 'publicity/pre-election')).toEqual([]);
    expect(hits(await checkPub(release('14 April 2027', QUOTE), { config: { preElection: [] } }), 'publicity/pre-election')).toEqual([]);
  });

  it('accepts officer quotes, the Independent Person and generic "ward councillors" inside the window', async () => {
    const text = release(
      '14 April 2027',
      'Castle ward councillors have been invited to the opening. Councillors who are the subject of a complaint can ask for the Independent Person\'s views.\n\nHelena Marchbank, Director of Place, said: "We are delighted."',
    );
    expect(hits(await checkPub(text), 'publicity/pre-election')).toEqual([]);
  });

  it('exempts an emergency statement (T-P7)', async () => {
    const text = release('16 April 2027', 'MAJOR INCIDENT: WAREHOUSE FIRE\n\nResidents have been taken to a rest centre.\n\nThe Leader of the Council, Councillor Philippa Dunstable, said: "Our thoughts are with everyone affected."');
    expect(hits(await checkPub(text), 'publicity/pre-election')).toEqual([]);
  });

  it('reports an event with a councillor, and an event arranged inside the window by a release issued before it', async () => {
    const event = release('12 April 2027', 'The Leader of the Council, Councillor Philippa Dunstable, will cut the ribbon and will be available for interview and photographs.');
    const r = hits(await checkPub(event), 'publicity/pre-election');
    expect(r).toHaveLength(1);
    expect(r[0]!.message).toMatch(/event, visit or photo opportunity/);
    const early = release('20 March 2027', 'Cllr Carraway will officially open the new homes on Friday 2 April 2027 at 11am.');
    const e = hits(await checkPub(early), 'publicity/pre-election');
    expect(e).toHaveLength(1);
    expect(e[0]!.message).toContain('2 April 2027');
    const late = release('20 March 2027', 'Cllr Carraway will officially open the new homes on Friday 14 May 2027 at 11am.');
    expect(hits(await checkPub(late), 'publicity/pre-election')).toEqual([]);
  });

  it('warns about a consultation on a divisive matter in the window, not a neutral one', async () => {
    const divisive = hits(await checkPub(release('7 April 2027', 'A consultation opens today on proposals to close three branch libraries.')), 'publicity/pre-election');
    expect(divisive).toHaveLength(1);
    expect(divisive[0]!.severity).toBe(1);
    expect(hits(await checkPub(release('7 April 2027', 'A consultation opens today on the design of the new play area.')), 'publicity/pre-election')).toEqual([]);
  });

  it('limits a by-election window with wards to councillors of those wards', async () => {
    const config = { preElection: [{ start: '2027-03-29', pollingDay: '2027-05-06', wards: ['Quayside'] }] };
    // Oswin Carraway represents Castle, not Quayside
    expect(hits(await checkPub(release('14 April 2027', QUOTE), { config }), 'publicity/pre-election')).toEqual([]);
    const quayside = 'Councillor Greta Lindqvist-Hale said: "The new footbridge is open."';
    expect(hits(await checkPub(release('14 April 2027', quayside), { config }), 'publicity/pre-election')).toHaveLength(1);
  });

  it('does not check minutes or a statement of persons nominated', async () => {
    const minutes = 'MINUTES OF THE MEETING OF THE COUNCIL held on 14 April 2027\n\nPRESENT: Councillor Ivy Castellane (in the Chair)\n\nCouncillor Dunstable said that she would open the skate park.\n';
    expect(hits(await checkPub(minutes), 'publicity/pre-election')).toEqual([]);
  });
});

describe('publicity/party-political', () => {
  it('reports credit to a party with the party named and advice to credit the council', async () => {
    const r = hits(await checkPub(release('2 March 2027', 'Forty new council homes are being built thanks to the Labour administration.')), 'publicity/party-political');
    expect(r).toHaveLength(1);
    expect(r[0]!.severity).toBe(2);
    expect(r[0]!.message).toMatch(/Credits the Labour Party/);
    expect(r[0]!.excerpt).toBe('thanks to the Labour');
    expect(r[0]!.suggestion).toMatch(/Attribute the achievement to the council/);
    expect(r[0]!.clause).toMatch(/LGA 1986 s\.2\(2\)\(a\)/);
  });

  it('reports one attack per sentence, starting at the party it is about', async () => {
    const r = hits(await checkPub(release('2 March 2027', 'The recovery follows years in which the previous Conservative administration ran down the reserves to pay for pet projects and left the pavilion to crumble.')), 'publicity/party-political');
    expect(r).toHaveLength(1);
    expect(r[0]!.excerpt).toBe('Conservative administration ran down');
  });

  it('reports criticism of a councillor and gives their party from config', async () => {
    const r = hits(await checkPub(release('3 February 2027', "Cllr Pettifer's reckless plan would have closed the library.")), 'publicity/party-political');
    expect(r).toHaveLength(1);
    expect(r[0]!.message).toContain('Cllr Pettifer (Conservative)');
  });

  it('reports electioneering, but not register-to-vote information', async () => {
    expect(hits(await checkPub(release('19 April 2027', "Polling day is Thursday 6 May. Make sure you vote to keep Wexcombe's council tax low!")), 'publicity/party-political')).toHaveLength(1);
    expect(hits(await checkPub(release('12 April 2027', 'Not registered to vote? Register by 19 April. Want to vote by post? Apply by 20 April. #YourVoteCounts')), 'publicity/party-political')).toEqual([]);
  });

  it('does not report a resident\'s words (T-P6)', async () => {
    const text = release('1 February 2027', 'A resident of Station Road said: "The Conservatives who ran the council back then let us down. These shelters are brilliant."');
    expect(hits(await checkPub(text), 'publicity/party-political')).toEqual([]);
  });

  it('leaves a councillor\'s own post alone, but not party campaigning sent from a council e-mail account', async () => {
    const own = 'Platform: X\nAccount: Ambrose Pettifer (@AmbrosePettifer) - Conservative councillor for Quayside\nPosted: 15 April 2027\n\nVote Conservative in Quayside on 6 May.\n';
    expect(hits(await checkPub(own), 'publicity/party-political')).toEqual([]);
    const mail = eml({ from: 'Cllr Oswin Carraway <cllr.oswin.carraway@wexcombe.gov.uk>', to: 'Castle Residents <castle@example.org>' }, 'Dear neighbours,\n\nOn 6 May, please re-elect your Labour councillors.\n\nOswin\n');
    const r = hits(await checkPub(mail, { filePath: 'campaign.eml' }), 'publicity/party-political');
    expect(r).toHaveLength(1);
    expect(r[0]!.message).toMatch(/council resources/);
    expect(r[0]!.clause).toMatch(/Joint Standards protocol para 5\.1/);
    // the same councillor writing to a council colleague about politics is not campaigning outside the council
    const internal = eml({ from: 'Cllr Oswin Carraway <cllr.oswin.carraway@wexcombe.gov.uk>', to: 'Cllr Philippa Dunstable <cllr.philippa.dunstable@wexcombe.gov.uk>' }, 'Philippa,\n\nWe should ask residents to re-elect your Labour councillors.\n');
    expect(hits(await checkPub(internal, { filePath: 'internal.eml' }), 'publicity/party-political')).toEqual([]);
  });

  it('treats a councillor\'s own newsletter with a council imprint as council resources', async () => {
    const text = 'CASTLE NEWS\nNews from your Labour councillor, Oswin Carraway\n\nOn 6 May, vote Labour in Castle ward.\n\nPrinted and published by Oswin Carraway at the Town Hall, Wexcombe Borough Council.\n';
    const r = hits(await checkPub(text, { kind: 'newsletter' }), 'publicity/party-political');
    expect(r.length).toBeGreaterThan(0);
    expect(r[0]!.message).toMatch(/imprint names the council or its premises/);
    const clean = 'CASTLE NEWS\nNews from your Labour councillor, Oswin Carraway\n\nOn 6 May, vote Labour in Castle ward.\n\nPrinted and published by Oswin Carraway, 4 Mill Row, Wexcombe.\n';
    expect(hits(await checkPub(clean, { kind: 'newsletter' }), 'publicity/party-political')).toEqual([]);
  });

  it('does not read minutes, reports or election notices as publicity (T-P1, T-P2)', async () => {
    const report = 'Report of: Director of Place\nWard(s) affected: All\n\n1. Purpose of the report\n\n1.1 The previous Conservative administration commissioned the study; the Labour Group ran down the reserves.\n';
    expect(hits(await checkPub(report, { kind: 'report' }), 'publicity/party-political')).toEqual([]);
  });
});

describe('publicity/party-reference', () => {
  it('warns once per party per paragraph and names the party', async () => {
    const r = hits(await checkPub(release('16 February 2027', 'A motion from the Green Party group was carried. The Green Party group thanked residents.')), 'publicity/party-reference');
    expect(r).toHaveLength(1);
    expect(r[0]!.severity).toBe(1);
    expect(r[0]!.message).toContain('Green Party');
  });

  it('stays quiet where party-political reports the sentence, and speaks when party-political is off', async () => {
    const text = release('2 March 2027', 'Forty new homes are being built thanks to the Labour administration.');
    expect(hits(await checkPub(text), 'publicity/party-reference')).toEqual([]);
    const off = await checkPub(text, { config: { rules: { 'publicity/party-political': 'off' } } });
    expect(hits(off, 'publicity/party-political')).toEqual([]);
    expect(hits(off, 'publicity/party-reference')).toHaveLength(1);
  });

  it('ignores the T-P4 traps', async () => {
    const text = release(
      '22 January 2027',
      'The labour market has tightened, says the Labour Force Survey. On a conservative estimate, 300 jobs are unfilled. The village green, green spaces and the green skills centre are ready; reform of the grounds contract and a more liberal reading of the rules helped. The council is recruiting an Independent Person, and works in alliance with the food co-operative.',
    );
    expect(hits(await checkPub(text), 'publicity/party-reference')).toEqual([]);
  });
});

describe('publicity/personalisation', () => {
  it('reports a councillor\'s vision, reading a first name when the full name is given', async () => {
    const text = "WEXCOMBE TODAY\nThe residents' newsletter\n\nPhilippa's vision for Wexcombe\n\nThree years ago, Philippa Dunstable promised a council that listens.\n";
    const r = hits(await checkPub(text, { kind: 'newsletter' }), 'publicity/personalisation');
    expect(r).toHaveLength(1);
    expect(r[0]!.message).toContain('Philippa (Cllr Philippa Dunstable, Labour)');
    // without the full name "Philippa" is not known to be the councillor
    const alone = "WEXCOMBE TODAY\n\nPhilippa's vision for Wexcombe\n";
    expect(hits(await checkPub(alone, { kind: 'newsletter' }), 'publicity/personalisation')).toEqual([]);
  });

  it(`reports one councillor named in ${DEFAULT_REPEAT_THRESHOLD} or more items of a newsletter, and honours repeatThreshold`, async () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1}. ITEM\n\nCouncillor Oswin Carraway visited project ${i + 1}.`).join('\n\n');
    const text = (n: number) => `WEXCOMBE TODAY\nThe residents' newsletter\n\n${items(n)}\n`;
    expect(hits(await checkPub(text(DEFAULT_REPEAT_THRESHOLD - 1), { kind: 'newsletter' }), 'publicity/personalisation')).toEqual([]);
    const r = hits(await checkPub(text(DEFAULT_REPEAT_THRESHOLD), { kind: 'newsletter' }), 'publicity/personalisation');
    expect(r).toHaveLength(1);
    expect(r[0]!.message).toMatch(new RegExp(`named in ${DEFAULT_REPEAT_THRESHOLD} separate`));
    const raised = { rules: { 'publicity/personalisation': ['warning', { repeatThreshold: DEFAULT_REPEAT_THRESHOLD + 1 }] } } as Partial<UserConfig>;
    expect(hits(await checkPub(text(DEFAULT_REPEAT_THRESHOLD), { kind: 'newsletter', config: raised }), 'publicity/personalisation')).toEqual([]);
  });

  it('allows a member-fronted quote, thanks for opening, and the Mayor\'s charity (T-P3)', async () => {
    const text = release('3 February 2027', `${QUOTE}\n\nThanks to Cllr Carraway for opening the show home. The Mayor's Charity Appeal raised £12,000.`);
    expect(hits(await checkPub(text), 'publicity/personalisation')).toEqual([]);
  });
});

describe('publicity/officer-political-comment', () => {
  const press = 'Jo Reporter <jo.reporter@wexcombegazette.co.uk>';
  const officer = 'Cuthbert Amberley <cuthbert.amberley@wexcombe.gov.uk>';

  it('reports an officer telling the press what Cabinet has to decide, and motives', async () => {
    const mail = eml({ from: officer, to: press }, 'Hi Jo,\n\nYou can quote me: "Cabinet has to approve the £45 charge on 11 February. Any councillor who votes against it is putting their own re-election first."\n\nCuthbert\n');
    const r = hits(await checkPub(mail, { filePath: 'reply.eml' }), 'publicity/officer-political-comment');
    expect(r.map((h) => h.message)).toEqual([
      expect.stringMatching(/what members should decide \("Cabinet has to approve"\)/),
      expect.stringMatching(/political or electoral motives/),
      expect.stringMatching(/political or electoral motives/),
    ]);
    expect(r[0]!.clause).toMatch(/Blackburn with Darwen Section 3 para C 7\.3/);
  });

  it('leaves councillors, internal e-mails and factual replies alone', async () => {
    const body = 'Cabinet has to approve the charge.\n';
    expect(hits(await checkPub(eml({ from: 'Cllr Ambrose Pettifer <cllr.ambrose.pettifer@wexcombe.gov.uk>', to: press }, body), { filePath: 'a.eml' }), 'publicity/officer-political-comment')).toEqual([]);
    expect(hits(await checkPub(eml({ from: officer, to: 'Helena Marchbank <helena.marchbank@wexcombe.gov.uk>' }, body), { filePath: 'b.eml' }), 'publicity/officer-political-comment')).toEqual([]);
    const factual = 'Cabinet will decide on the charge on 11 February. If Cabinet agrees, it would start on 1 June.\n';
    expect(hits(await checkPub(eml({ from: officer, to: press }, factual), { filePath: 'c.eml' }), 'publicity/officer-political-comment')).toEqual([]);
  });

  it('leaves a report\'s Recommendations section and procedural sentences alone, but not its body', async () => {
    const report = [
      'Report of: Head of Waste and Street Scene',
      'Ward(s) affected: All',
      '',
      '## 2. Recommendations',
      '',
      '2.1 Cabinet should approve a garden waste subscription of £45 a year.',
      '',
      '## 3. Background',
      '',
      '3.1 Full Council must approve the budget by 11 March under the Budget and Policy Framework Procedure Rules.',
      '',
    ].join('\n');
    expect(hits(await checkPub(report, { kind: 'report', filePath: 'r.md' }), 'publicity/officer-political-comment')).toEqual([]);
    const body = `${report}\n3.2 Some members are playing politics with residents' bins.\n`;
    expect(hits(await checkPub(body, { kind: 'report', filePath: 'r.md' }), 'publicity/officer-political-comment')).toHaveLength(1);
  });

  it('reads an officer\'s quote in a release, not a councillor\'s', async () => {
    const officerQuote = release('19 January 2027', 'Helena Marchbank, Director of Place, said: "Councillors must back this scheme if the High Street is to survive."');
    expect(hits(await checkPub(officerQuote), 'publicity/officer-political-comment')).toHaveLength(1);
    const memberQuote = release('19 January 2027', 'Councillor Philippa Dunstable, Leader of the Council, said: "Councillors must back this scheme if the High Street is to survive."');
    expect(hits(await checkPub(memberQuote), 'publicity/officer-political-comment')).toEqual([]);
  });

  it('reports party bias in an officer\'s own e-mail to a resident', async () => {
    const mail = eml({ from: 'Desmond Ollerenshaw <desmond.ollerenshaw@wexcombe.gov.uk>', to: 'A Resident <a.resident@example.com>' }, 'Dear Mr Resident,\n\nThe youth club was saved thanks to the Labour administration.\n\nDesmond Ollerenshaw\nDirector of People\n');
    const r = hits(await checkPub(mail, { filePath: 'd.eml' }), 'publicity/officer-political-comment');
    expect(r).toHaveLength(1);
    expect(r[0]!.message).toMatch(/party-political line/);
  });
});
