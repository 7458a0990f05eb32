import { describe, expect, it } from 'vitest';
import type { Audience, FileResult, Finding, Kind } from '../../src/types.js';
import type { UserConfig } from '../../src/config/types.js';
import { defaultConfig } from '../../src/config/load.js';
import { lintText } from '../../src/api/lint.js';
import { rules as wardRules } from '../../rules/ward/index.js';
import { checkFile, fixtureConfig, fixturesFor } from '../helpers/fixtures.js';

/**
 * ward/event-invitation (Leicestershire Part 5C para 28) on small documents, with the fixture council (Wexcombe
 * Borough Council: Castle — Philippa Dunstable (Leader), Oswin Carraway (Cabinet Member for Housing); Quayside —
 * Greta Lindqvist-Hale, Ambrose Pettifer; Market — Marguerite Oyelaran, Thaddeus Wimbourne (Cabinet Member for
 * Environment); Thornby — Ivy Castellane, Rufus Halloran; Abbey Fields — Sunita Ravensworth). Only the ward/ rules
 * run.
 */
const ID = 'ward/event-invitation';

async function run(
  text: string,
  opts: { kind?: Kind; audience?: Audience; filePath?: string; config?: UserConfig } = {},
): Promise<FileResult> {
  const filePath = opts.filePath ?? 'snippet.txt';
  return lintText(text, { filePath, kind: opts.kind, audience: opts.audience, config: defaultConfig(opts.config ?? fixtureConfig(), filePath), rules: wardRules });
}

const only = (r: FileResult, id = ID): Finding[] => r.messages.filter((m) => m.ruleId === id);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

const PRESS = (body: string, date = '14 September 2026') => `WEXCOMBE BOROUGH COUNCIL
NEWS RELEASE

Date: ${date}
For immediate release

${body}

ENDS
`;

const OPENING = 'Residents are invited to the official opening of the new Thornby Community Hub on Moor Lane on Saturday 3 October 2026 at 11am.';

async function findings(text: string, kind: Kind = 'press-release'): Promise<Finding[]> {
  return only(await run(text, { kind }));
}

describe('ward/event-invitation: what it reports', () => {
  it('names the event, the ward and its members, as a warning citing para 28', async () => {
    const text = PRESS(`${OPENING}\n\nThe Leader of the Council, Cllr Philippa Dunstable, will open the building.`);
    const [f, ...rest] = await findings(text);
    expect(rest).toEqual([]);
    expect(f!.severity).toBe(1);
    expect(f!.line).toBe(lineOf(text, 'Residents are invited'));
    expect(f!.excerpt).toBe('official opening');
    expect(f!.message).toBe(
      'The official opening of the new Thornby Community Hub in Thornby ward, with no record of the ward members (Cllr Ivy Castellane and Cllr Rufus Halloran) being invited.',
    );
    expect(f!.clause).toBe('Leicestershire Part 5C para 28');
    expect(f!.suggestion).toContain('Invite the ward members (Cllr Ivy Castellane and Cllr Rufus Halloran) to the event');
    expect(f!.suggestion).toContain('neighbouring wards');
    expect(f!.suggestion).toContain('"Thornby ward councillors have been invited"');
  });

  it('flags ribbon-cuttings, unveilings, first sods, topping-out and launch events', async () => {
    const texts = [
      'The Cabinet Member for Environment will cut the ribbon on the rebuilt Harbour Promenade in Quayside ward on 12 October 2026.',
      'A blue plaque to the engineer Agnes Example will be unveiled at the Market Hall in Market ward on 23 October 2026.',
      'The Cabinet Member for Housing will cut the first sod on the Priory Walk homes in Abbey Fields ward on 4 November 2026.',
      'A topping-out ceremony for the new Castle ward car park will be held on 4 November 2026.',
      'The official launch of the Quayside ward bike hire scheme will be at Harbour Square on 9 October 2026.',
      'A launch event for the new Thornby community garden will be held on Saturday 17 October 2026.',
    ];
    for (const body of texts) expect(await findings(PRESS(body)), body).toHaveLength(1);
  });

  it('counts "officially open" when someone opens it', async () => {
    const texts = [
      'The Mayor will officially open Thornby Community Hub on Saturday 3 October 2026.',
      'Thornby Community Hub will be formally opened on Saturday 3 October 2026.',
      'The Mayor is officially opening the new Thornby car park on Saturday 3 October 2026.',
    ];
    for (const body of texts) expect(await findings(PRESS(body)), body).toHaveLength(1);
  });

  it('reports an opening that has already happened without the members, in the past tense', async () => {
    const text = PRESS('The refurbished play area at Harbour Green in Quayside ward was officially opened yesterday by the Mayor of Wexcombe.', '19 October 2026');
    const [f] = await findings(text);
    expect(f!.message).toBe(
      'An official opening in Quayside ward has taken place with no record of the ward members (Cllr Greta Lindqvist-Hale and Cllr Ambrose Pettifer) being invited or taking part.',
    );
    expect(f!.suggestion).toMatch(/^Members must be invited to events in their ward/);
    expect(f!.suggestion).toContain('If they were invited or took part, say so');
  });

  it('uses the council\'s area term', async () => {
    const config = { ...fixtureConfig(), areaTerm: 'division' } as UserConfig;
    const [f] = only(await run(PRESS(OPENING), { kind: 'press-release', config }));
    expect(f!.message).toContain('Thornby division');
    expect(f!.message).toContain('division members');
    expect(f!.suggestion).toContain('"Local members have been invited"');
  });

  it('still warns with no config, from "X ward" in the text', async () => {
    const text = PRESS('The official opening of the new Ashbourne Road pavilion in Holmfield ward will be on Saturday 3 October 2026.');
    const r = await lintText(text, { kind: 'press-release', config: defaultConfig({}, 'x.txt'), rules: wardRules });
    const [f] = only(r);
    expect(f!.severity).toBe(1);
    expect(f!.message).toContain('Holmfield ward');
  });
});

describe('ward/event-invitation: records and members taking part', () => {
  it('accepts a record that the ward members were invited or told', async () => {
    const texts = [
      PRESS(`${OPENING} Thornby ward councillors have been invited.`),
      PRESS(`${OPENING} The ward members have been invited to the opening.`),
      PRESS(`${OPENING}\n\nWard members invited: Cllr Ivy Castellane, Cllr Rufus Halloran (1 September 2026)`),
      PRESS(`${OPENING} Cllr Ivy Castellane and Cllr Rufus Halloran have been invited.`),
      PRESS(`${OPENING} The ward councillors will attend.`),
    ];
    for (const text of texts) expect(await findings(text), text).toEqual([]);
  });

  it('counts a member for the ward taking part, not a member for another ward', async () => {
    const involved = [
      'Cllr Rufus Halloran, ward councillor for Thornby, will cut the ribbon.',
      'The hub will be opened by Cllr Ivy Castellane.',
      'The Mayor will be joined by the Thornby ward councillors.',
      'The Chair of Overview and Scrutiny will speak at the opening.', // Cllr Ivy Castellane, a Thornby member
    ];
    for (const s of involved) expect(await findings(PRESS(`${OPENING} ${s}`)), s).toEqual([]);
    const notInvolved = [
      'The Leader of the Council, Cllr Philippa Dunstable, will open the building.', // a Castle member
      'Cllr Oswin Carraway, Cabinet Member for Housing, will cut the ribbon.', // a Castle member
      'Cllr Rufus Halloran has asked for the car park to be resurfaced first.', // named, not taking part
    ];
    for (const s of notInvolved) expect(await findings(PRESS(`${OPENING} ${s}`)), s).toHaveLength(1);
  });

  it('counts the ward members among an e-mail\'s recipients', async () => {
    const eml = (cc: string) => `From: Nkechi Holloway-Brandt <nkechi.holloway-brandt@wexcombe.gov.uk>
To: Newsdesk <newsdesk@wexcombegazette.co.uk>
${cc}Subject: Photo opportunity
Date: Mon, 05 Oct 2026 09:12:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Photographers are welcome at the ribbon-cutting for the rebuilt Harbour Promenade in Quayside ward on Monday 12 October 2026.
`;
    const bare = await run(eml(''), { filePath: 'x.eml' });
    expect(bare.audience).toBe('press');
    expect(only(bare)).toHaveLength(1);
    const copied = eml('Cc: Cllr Greta Lindqvist-Hale <cllr.greta.lindqvist-hale@wexcombe.gov.uk>, Cllr Ambrose Pettifer <cllr.ambrose.pettifer@wexcombe.gov.uk>\n');
    expect(only(await run(copied, { filePath: 'x.eml' }))).toEqual([]);
  });
});

describe('ward/event-invitation: what it leaves alone', () => {
  it('ignores product, app, report and consultation launches', async () => {
    const texts = [
      'We have launched a new online form for reporting fly-tipping in Market ward.',
      'The council has officially launched its new app for Castle ward parking permits.',
      'The official launch of the report on Thornby Library is on 5 October 2026.',
      'Today sees the official launch of the consultation on parking in Quayside ward.',
    ];
    for (const body of texts) expect(await findings(PRESS(body)), body).toEqual([]);
  });

  it('ignores a facility simply opening, negations and ground-breaking in other senses', async () => {
    const texts = [
      'The new Thornby Community Hub opens to the public on Monday 5 October 2026.',
      'The new Thornby car park officially opens on Monday 5 October 2026.',
      'The consultation on parking in Quayside ward formally opens today.',
      'There will be no official opening ceremony for the refurbished Quayside ward toilets.',
      'The Quayside ward flood scheme breaks new ground in sea defence design.',
      'Ground-breaking research at Thornby Primary School has won a national award.',
      'The council unveiled its plans for new homes in Abbey Fields ward today.',
    ];
    for (const body of texts) expect(await findings(PRESS(body)), body).toEqual([]);
  });

  it('ignores openings mentioned as background', async () => {
    const texts = [
      'Thornby Library, which was officially opened in 1998, now has a new children\'s corner.',
      'Thornby Library was officially opened in 1998.',
      'Visits to Thornby Community Hub have doubled since its official opening.',
      'The official opening of Thornby Community Hub on 3 May 2026 drew 400 visitors, and a second phase is now planned.',
    ];
    for (const body of texts) expect(await findings(PRESS(body, '2 November 2026')), body).toEqual([]);
  });

  it('ignores borough-wide events and events others organise', async () => {
    const texts = [
      'The official launch of weekly food waste collections will take place on 2 November 2026. Collections start that week in every ward in the borough, including Thornby.',
      'The official opening of the new Thornby allotment pavilion is organised by the Thornby Allotment Society.',
      'Cllr Philippa Dunstable is hosting the official opening of the Thornby charity shop on 3 October 2026.',
    ];
    for (const body of texts) expect(await findings(PRESS(body)), body).toEqual([]);
  });

  it('does not check a councillor\'s own newsletter or e-mail (T-W7)', async () => {
    const newsletter = `# Market Ward News

News from your Green Party councillor, Marguerite Oyelaran | Autumn 2026

I am delighted to be opening the new community garden on Tanner Street in Market ward on Saturday 17 October 2026.

Promoted by A Example on behalf of Marguerite Oyelaran, both of 1 Example Street, Wexcombe WX1 1ZZ.
`;
    expect(await findings(newsletter, 'newsletter')).toEqual([]);
    expect(await findings(newsletter.replace(/^I am delighted to be opening/m, 'The council will officially open').replace(/^Promoted by.*$/m, ''), 'newsletter')).toHaveLength(1);
  });

  it('checks public documents only: not committee reports, minutes or internal e-mails', async () => {
    const line = 'The official opening of the new Thornby Community Hub on 3 October 2026 was well attended.';
    expect(await findings(`Minutes of the meeting of the Thornby Hub Steering Group\n\n${line}\n`, 'minutes')).toEqual([]);
    expect(await findings(`Report to: Cabinet\nWards affected: Thornby\n\n${line}\n`, 'report')).toEqual([]);
    const internal = `From: Helena Marchbank <helena.marchbank@wexcombe.gov.uk>
To: Nkechi Holloway-Brandt <nkechi.holloway-brandt@wexcombe.gov.uk>
Subject: Thornby hub opening
Date: Tue, 08 Sep 2026 14:02:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

We are aiming for an official opening of the new Thornby Community Hub on Saturday 3 October 2026.
`;
    const r = await run(internal, { filePath: 'x.eml' });
    expect(r.audience).toBe('internal');
    expect(only(r)).toEqual([]);
    const toResident = internal.replace('To: Nkechi Holloway-Brandt <nkechi.holloway-brandt@wexcombe.gov.uk>', 'To: A Resident <a.resident@example.com>');
    expect(only(await run(toResident, { filePath: 'x.eml' }))).toHaveLength(1);
  });
});

describe('ward/event-invitation and ward/public-meeting-invitation', () => {
  const text = PRESS(
    'The official opening of the first 12 homes on Priory Walk in Abbey Fields ward, on Saturday 17 October 2026, will be followed by a drop-in session where residents can see the plans for the next phase.',
  );

  it('leaves a section with a public meeting or drop-in to ward/public-meeting-invitation', async () => {
    const r = await run(text, { kind: 'press-release' });
    expect(only(r, 'ward/public-meeting-invitation')).toHaveLength(1);
    expect(only(r)).toEqual([]);
  });

  it('reports the opening itself when ward/public-meeting-invitation is off', async () => {
    const config = { ...fixtureConfig(), rules: { 'ward/public-meeting-invitation': 'off' } } as UserConfig;
    const r = await run(text, { kind: 'press-release', config });
    expect(only(r, 'ward/public-meeting-invitation')).toEqual([]);
    expect(only(r)).toHaveLength(1);
  });
});

describe('ward/event-invitation fixtures', () => {
  it('every invalid fixture gets exactly one finding, a warning', async () => {
    const set = fixturesFor(ID);
    expect(set.invalid.length).toBeGreaterThanOrEqual(3);
    expect(set.valid.length).toBeGreaterThanOrEqual(5);
    for (const file of set.invalid) {
      const hits = (await checkFile(file)).messages.filter((m) => m.ruleId === ID);
      expect(hits.map((h) => h.severity), file).toEqual([1]);
    }
  });
});
