import { describe, expect, it } from 'vitest';
import type { Audience, FileResult, Finding, Kind } from '../../src/types.js';
import type { UserConfig } from '../../src/config/types.js';
import { defaultConfig } from '../../src/config/load.js';
import { lintText } from '../../src/api/lint.js';
import { rules as wardRules } from '../../rules/ward/index.js';
import { fixtureConfig } from '../helpers/fixtures.js';

/**
 * Behaviour of the ward/ rules on small documents, with the fixture council (Wexcombe Borough Council: Castle —
 * Philippa Dunstable, Oswin Carraway; Quayside — Greta Lindqvist-Hale, Ambrose Pettifer; Market — Marguerite
 * Oyelaran, Thaddeus Wimbourne; Thornby — Ivy Castellane, Rufus Halloran; Abbey Fields — Sunita Ravensworth).
 * Only the ward/ rules run, so other families' findings cannot hide or add anything.
 */
async function run(
  text: string,
  opts: { kind?: Kind; audience?: Audience; filePath?: string; config?: UserConfig } = {},
): Promise<FileResult> {
  const filePath = opts.filePath ?? 'snippet.txt';
  return lintText(text, { filePath, kind: opts.kind, audience: opts.audience, config: defaultConfig(opts.config ?? fixtureConfig(), filePath), rules: wardRules });
}

const only = (r: FileResult, id: string): Finding[] => r.messages.filter((m) => m.ruleId === id);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

const CABINET_CLOSURE = `WEXCOMBE BOROUGH COUNCIL

Report to: Cabinet
Date: 14 October 2026
Wards affected: Castle
Ward members consulted: N/A

1.1 To seek approval to close Castle Library from 31 March 2027.
`;

describe('ward/notification-missing', () => {
  it('names the wards, the members, the clause and the line to add, on the empty field', async () => {
    const r = await run(CABINET_CLOSURE, { kind: 'report' });
    const [f, ...rest] = only(r, 'ward/notification-missing');
    expect(rest).toEqual([]);
    expect(f!.severity).toBe(2);
    expect(f!.line).toBe(lineOf(CABINET_CLOSURE, 'Ward members consulted'));
    expect(f!.excerpt).toBe('Ward members consulted: N/A');
    expect(f!.message).toContain('Castle ward');
    expect(f!.message).toContain('Cllr Philippa Dunstable and Cllr Oswin Carraway');
    expect(f!.message).toContain('closure of a facility');
    expect(f!.clause).toBe('Leicestershire Part 5C para 32');
    expect(f!.suggestion).toContain('"Ward members consulted: Cllr Philippa Dunstable, Cllr Oswin Carraway (date)"');
  });

  it('points at the sensitive wording when there is no notification field', async () => {
    const text = CABINET_CLOSURE.replace('Ward members consulted: N/A\n', '');
    const [f] = only(await run(text, { kind: 'report' }), 'ward/notification-missing');
    expect(f!.line).toBe(lineOf(text, '1.1 To seek'));
    expect(f!.excerpt).toBe('to close');
  });

  it('accepts a real record of notification in a field, a sentence or front matter', async () => {
    const records = [
      CABINET_CLOSURE.replace('N/A', 'Cllr Philippa Dunstable, Cllr Oswin Carraway (1 October 2026)'),
      CABINET_CLOSURE.replace('N/A', 'Yes (briefing 1 October 2026)'),
      CABINET_CLOSURE.replace('Ward members consulted: N/A\n', '') + '\n2.1 The ward members were briefed on 1 October 2026.\n',
      CABINET_CLOSURE.replace('Ward members consulted: N/A\n', '') + '\n2.1 Officers briefed the Castle ward councillors on 1 October 2026.\n',
      CABINET_CLOSURE.replace('Ward members consulted: N/A\n', '') + '\n2.1 Cllr Dunstable and Cllr Carraway were briefed on 1 October 2026.\n',
      CABINET_CLOSURE.replace('N/A', 'See paragraph 5.1'),
      CABINET_CLOSURE.replace('Ward members consulted: N/A', 'Ward councillors: consulted on 1 October 2026'),
      CABINET_CLOSURE.replace('Ward members consulted: N/A', 'Ward councillor comments: None received'),
    ];
    for (const text of records) expect(only(await run(text, { kind: 'report' }), 'ward/notification-missing'), text).toEqual([]);
  });

  it('does not take negated, future or other consultees as a record', async () => {
    const texts = [
      CABINET_CLOSURE.replace('Ward members consulted: N/A\n', '') + '\n2.1 The ward members have not yet been consulted.\n',
      CABINET_CLOSURE.replace('Ward members consulted: N/A\n', '') + '\n2.1 The ward members will be briefed before the meeting.\n',
      CABINET_CLOSURE.replace('N/A', 'Castle Library Friends Group; Head of Libraries'),
      CABINET_CLOSURE.replace('N/A', 'Not yet'),
      CABINET_CLOSURE.replace('Ward members consulted: N/A', 'Ward councillor comments: Not consulted'),
    ];
    for (const text of texts) expect(only(await run(text, { kind: 'report' }), 'ward/notification-missing').length, text).toBe(1);
  });

  it('leaves out All wards, working parties, other committees and negated issues', async () => {
    const texts = [
      CABINET_CLOSURE.replace('Wards affected: Castle', 'Wards affected: All'),
      CABINET_CLOSURE.replace('Report to: Cabinet', 'Report to: Libraries Member Working Group'),
      CABINET_CLOSURE.replace('Report to: Cabinet', 'Report to: Scrutiny Task and Finish Group'),
      CABINET_CLOSURE.replace('Report to: Cabinet', 'Report to: Audit and Governance Committee'),
      CABINET_CLOSURE.replace('To seek approval to close Castle Library from 31 March 2027', 'There are no plans to close Castle Library'),
    ];
    for (const text of texts) expect(only(await run(text, { kind: 'report' }), 'ward/notification-missing'), text).toEqual([]);
  });

  it('treats an executive member decision as a Cabinet report', async () => {
    const [f] = only(await run(CABINET_CLOSURE.replace('Report to: Cabinet', 'Decision maker: Cabinet Member for Housing'), { kind: 'report' }), 'ward/notification-missing');
    expect(f!.severity).toBe(2);
  });

  it('warns (rather than errs) when the meeting cannot be read', async () => {
    const [f] = only(await run(CABINET_CLOSURE.replace('Report to: Cabinet\n', ''), { kind: 'report' }), 'ward/notification-missing');
    expect(f!.severity).toBe(1);
    expect(f!.notes?.[0]).toMatch(/could not be read/);
  });

  it('judges an agenda pack item by item and says which item', async () => {
    const pack = `CABINET
Date: 16 December 2026

Agenda item 4
Quayside ferry: withdrawal of the winter service
Wards affected: Quayside
Ward members consulted: Cllr Greta Lindqvist-Hale and Cllr Ambrose Pettifer (7 December 2026)

1.1 To approve the withdrawal of the winter ferry service.

Agenda item 5
Disposal of land at Thornby Fields
Wards affected: Thornby

1.1 To declare the land at Thornby Fields surplus to requirements.

Agenda item 6
Capital programme
Wards affected: All

1.1 The Castle Library closure is funded.
`;
    const found = only(await run(pack, { kind: 'agenda' }), 'ward/notification-missing');
    expect(found.map((f) => f.line)).toEqual([lineOf(pack, '1.1 To declare')]);
    // a repeated "Agenda item 5" line (a running header read as text) does not start a new item
    const repeated = pack.replace('1.1 To declare', 'Agenda item 5\n\n1.1 To declare');
    expect(only(await run(repeated, { kind: 'agenda' }), 'ward/notification-missing').map((f) => f.message.slice(0, 14))).toEqual(['Agenda item 5:']);
    // an agenda front sheet that only lists item titles is not a report
    expect(only(await run('CABINET\n\nAGENDA\n1. Apologies\n2. Closure of Thornby Library (page 2)\n', { kind: 'agenda' }), 'ward/notification-missing')).toEqual([]);
    expect(found[0]!.message).toMatch(/^Agenda item 5: This Cabinet report raises disposal of land or buildings in Thornby ward/);
  });

  it('still works with no config, as a warning unless the document records an empty notification', async () => {
    const none = { config: {} as UserConfig, kind: 'report' as Kind };
    const [empty] = only(await run(CABINET_CLOSURE, none), 'ward/notification-missing');
    expect(empty!.severity).toBe(2);
    expect(empty!.message).toContain('Castle ward');
    expect(empty!.message).not.toContain('Cllr');
    const [missing] = only(await run(CABINET_CLOSURE.replace('Ward members consulted: N/A\n', ''), none), 'ward/notification-missing');
    expect(missing!.severity).toBe(1);
    expect(missing!.suggestion).toContain('"Ward members consulted: Cllr A, Cllr B (date)"');
    const named = CABINET_CLOSURE.replace('N/A', 'Cllr A Example and Cllr B Example (1 October 2026)');
    expect(only(await run(named, none), 'ward/notification-missing')).toEqual([]);
  });

  it('warns when the ward named is not one the config knows', async () => {
    const [f] = only(await run(CABINET_CLOSURE.replace('Wards affected: Castle', 'Wards affected: Millbrook').replace('Ward members consulted: N/A\n', ''), { kind: 'report' }), 'ward/notification-missing');
    expect(f!.severity).toBe(1);
    expect(f!.message).toContain('Millbrook ward');
  });

  it('speaks of divisions for a county council', async () => {
    const county: UserConfig = { ...fixtureConfig(), areaTerm: 'division' };
    const [f] = only(await run(CABINET_CLOSURE.replace('Wards affected', 'Electoral division(s) affected'), { config: county, kind: 'report' }), 'ward/notification-missing');
    expect(f!.message).toContain('Castle division');
    expect(f!.message).toContain('the division members');
    expect(f!.suggestion).toContain('"Local members informed: Cllr Philippa Dunstable, Cllr Oswin Carraway (date)"');
  });
});

const PRESS = (body: string, date = '5 October 2026') => `WEXCOMBE BOROUGH COUNCIL
NEWS RELEASE

Date: ${date}
For immediate release

${body}

ENDS
`;

describe('ward/consultation-notice and ward/announced-before-notice', () => {
  it('flags a consultation launch in a named ward with no record', async () => {
    const r = await run(PRESS('The consultation on parking in Market ward opens today and runs until 16 November 2026.'), { kind: 'press-release' });
    const [f] = only(r, 'ward/consultation-notice');
    expect(f!.severity).toBe(2);
    expect(f!.message).toContain('Market ward');
    expect(f!.message).toContain('Cllr Marguerite Oyelaran and Cllr Thaddeus Wimbourne');
    expect(f!.clause).toBe('Leicestershire Part 5C para 31');
  });

  it('flags notification after the start in both rules, and accepts it before', async () => {
    const late = PRESS('The consultation on parking in Market ward opens today.\n\nWard members notified: Cllr Marguerite Oyelaran, Cllr Thaddeus Wimbourne (7 October 2026)');
    const r = await run(late, { kind: 'press-release' });
    expect(only(r, 'ward/consultation-notice')[0]!.message).toContain('opens on 5 October 2026, but the record of telling the ward members is dated 7 October 2026');
    const [a] = only(r, 'ward/announced-before-notice');
    expect(a!.clause).toBe('North Northamptonshire Part 8.4 para 8.1');
    const early = late.replace('7 October 2026', '1 October 2026');
    const ok = await run(early, { kind: 'press-release' });
    expect(only(ok, 'ward/consultation-notice')).toEqual([]);
    expect(only(ok, 'ward/announced-before-notice')).toEqual([]);
  });

  it('ignores past consultations, borough-wide ones and wards that are only street names', async () => {
    const texts = [
      PRESS('The consultation on Thornby play area ran from 12 October to 9 November 2026 and received 412 responses.'),
      PRESS('The budget consultation opens today. It covers services across the borough, with stalls in Castle and Thornby wards.'),
      PRESS('Have your say on new market stalls for Castle Street. The consultation opens today.'),
    ];
    for (const text of texts) expect(only(await run(text, { kind: 'press-release' }), 'ward/consultation-notice'), text).toEqual([]);
  });
});

describe('ward/public-meeting-invitation', () => {
  it('flags a council drop-in without invited members, not one organised by a councillor', async () => {
    const drop = PRESS('Residents of Quayside ward are invited to drop-in sessions on the harbour wall repairs.');
    expect(only(await run(drop, { kind: 'press-release' }), 'ward/public-meeting-invitation')).toHaveLength(1);
    const invited = drop.replace('repairs.', 'repairs. Quayside ward councillors have been invited.');
    expect(only(await run(invited, { kind: 'press-release' }), 'ward/public-meeting-invitation')).toEqual([]);
    const own = PRESS('Cllr Rufus Halloran is holding a public meeting for Thornby residents about the library.');
    expect(only(await run(own, { kind: 'press-release' }), 'ward/public-meeting-invitation')).toEqual([]);
  });

  it('does not check a councillor\'s own e-mail (T-W7)', async () => {
    const eml = `From: Cllr Rufus Halloran <cllr.rufus.halloran@wexcombe.gov.uk>
To: Desmond Ollerenshaw <desmond.ollerenshaw@wexcombe.gov.uk>
Subject: Public meeting
Date: Mon, 02 Nov 2026 13:14:09 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Dear Desmond,

I am organising a public meeting for Thornby residents about the plan to close Thornby Library.

Rufus
`;
    const r = await run(eml, { filePath: 'meeting.eml' });
    expect(r.kind).toBe('email');
    expect(r.messages.filter((m) => m.ruleId.startsWith('ward/'))).toEqual([]);
  });
});

describe('ward/local-issue-alert', () => {
  const LETTER = `Wexcombe Borough Council
Civic Centre, Wexcombe WX1 1AA

Date: 12 October 2026

Dear Resident,

Thornby Road will be closed to all through traffic from Monday 2 November 2026 for four weeks.

Yours faithfully,

Helena Marchbank
Director of Place
`;

  it('is an error for a road closure in a public letter, a warning in an internal e-mail', async () => {
    const [f] = only(await run(LETTER, { kind: 'letter' }), 'ward/local-issue-alert');
    expect(f!.severity).toBe(2);
    expect(f!.message).toMatch(/^A potentially controversial operational matter in Thornby ward \(a road closure\)/);
    expect(f!.clause).toBe('Leicestershire Part 5C para 35');
    const internal = `From: Desmond Ollerenshaw <desmond.ollerenshaw@wexcombe.gov.uk>
To: Library Managers <library.managers@wexcombe.gov.uk>
Subject: Thornby Library
Date: Thu, 05 Nov 2026 08:30:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Thornby Library will be closed for three weeks from Monday 16 November.
`;
    const [g] = only(await run(internal, { filePath: 'x.eml' }), 'ward/local-issue-alert');
    expect(g!.severity).toBe(1);
  });

  it('counts the ward members among an e-mail\'s recipients as telling them', async () => {
    const eml = `From: Desmond Ollerenshaw <desmond.ollerenshaw@wexcombe.gov.uk>
To: Cllr Ivy Castellane <cllr.ivy.castellane@wexcombe.gov.uk>, Cllr Rufus Halloran <cllr.rufus.halloran@wexcombe.gov.uk>
Subject: Thornby Library
Date: Thu, 05 Nov 2026 08:30:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Thornby Library will be closed for three weeks from Monday 16 November.
`;
    expect(only(await run(eml, { filePath: 'x.eml' }), 'ward/local-issue-alert')).toEqual([]);
  });

  it('needs a sensitive issue for a press enquiry, and ignores one resident\'s complaint (T-W3)', async () => {
    const completedSale = LETTER.replace('Thornby Road will be closed to all through traffic from Monday 2 November 2026 for four weeks.', 'Further to your enquiry, the sale of the former Thornby depot completed on 5 March.').replace('Dear Resident', 'Dear Editor');
    expect(only(await run(completedSale, { kind: 'letter' }), 'ward/local-issue-alert')).toEqual([]);
    const complaint = LETTER.replace('Thornby Road will be closed to all through traffic from Monday 2 November 2026 for four weeks.', 'Thank you for your complaint about the missed bin collection in Thornby.');
    expect(only(await run(complaint, { kind: 'letter' }), 'ward/local-issue-alert')).toEqual([]);
  });
});

describe('ward/notification-mismatch', () => {
  const REPORT = (consulted: string) => `Report to: Cabinet
Wards affected: Thornby
Ward members consulted: ${consulted}

1.1 To approve reduced opening hours at Thornby Library.
`;
  it('names the member left out, and a member of another ward', async () => {
    const [missing] = only(await run(REPORT('Cllr Ivy Castellane (2 November 2026)'), { kind: 'report' }), 'ward/notification-mismatch');
    expect(missing!.message).toBe('The notification names Cllr Ivy Castellane but not Cllr Rufus Halloran, also a member for Thornby ward.');
    expect(missing!.severity).toBe(1);
    const [wrong] = only(await run(REPORT('Cllr Oswin Carraway (2 November 2026)'), { kind: 'report' }), 'ward/notification-mismatch');
    expect(wrong!.message).toContain('Cllr Oswin Carraway is recorded as told, but that member represents Castle ward, not Thornby ward');
  });

  it('accepts every member named, a collective record, and the Leader told as well', async () => {
    for (const v of [
      'Cllr Ivy Castellane and Cllr Rufus Halloran (2 November 2026)',
      'All ward members (2 November 2026)',
      'Cllr Ivy Castellane, Cllr Rufus Halloran; Cllr Philippa Dunstable (Leader of the Council) also briefed',
    ]) expect(only(await run(REPORT(v), { kind: 'report' }), 'ward/notification-mismatch'), v).toEqual([]);
  });

  it('is silent without members[].ward in the config', async () => {
    expect(only(await run(REPORT('Cllr Ivy Castellane (2 November 2026)'), { kind: 'report', config: {} }), 'ward/notification-mismatch')).toEqual([]);
  });
});
