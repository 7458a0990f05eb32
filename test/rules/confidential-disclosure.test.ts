import { describe, expect, it } from 'vitest';
import { classifyAddress, decideAudience, describeAddress, isParishCouncil } from '../../src/document/audience.js';
import { defaultConfig } from '../../src/config/load.js';
import type { UserConfig } from '../../src/config/types.js';
import type { DocMeta } from '../../src/document/meta.js';
import { markingInLine, subjectMarking } from '../../rules/confidential/common.js';
import { fixtureConfig } from '../helpers/fixtures.js';
import { checkConf, eml, hitsOf } from './confidential-helpers.js';

const config = defaultConfig(fixtureConfig() as UserConfig);
const UD = 'confidential/unapproved-disclosure';
const meta = (m: Partial<DocMeta> = {}): DocMeta => ({ approvals: [], notified: [], fields: [], ...m });

describe('audiences (src/document/audience.ts)', () => {
  it('classes parish clerks as an external public body and names them', () => {
    const clerk = { name: 'Thornby Parish Council Clerk', address: 'clerk@thornby-pc.gov.uk' };
    expect(classifyAddress(clerk.address, config)).toBe('public-body');
    expect(isParishCouncil(clerk)).toBe(true);
    expect(isParishCouncil({ address: 'clerk@abbeyfields-towncouncil.gov.uk' })).toBe(true);
    expect(isParishCouncil({ name: 'Safer Neighbourhood Team', address: 'snt@example.police.uk' })).toBe(false);
    expect(decideAudience('email', meta({ to: [clerk] }), config).audience).toBe('external');
  });

  it('knows councillors by register, title, address and distribution list', () => {
    expect(describeAddress({ address: 'cllr.ivy.castellane@wexcombe.gov.uk' }, config).member?.name).toBe('Ivy Castellane');
    expect(describeAddress({ name: 'All Members', address: 'all.members@wexcombe.gov.uk' }, config).isMember).toBe(true);
    expect(describeAddress({ name: 'Yasmin Treloar', address: 'yasmin.treloar@wexcombe.gov.uk' }, config).officer?.role).toBe('Head of Planning');
    expect(decideAudience('email', meta({ to: [{ name: 'All Members', address: 'all.members@wexcombe.gov.uk' }] }), config).audience).toBe('members');
  });

  it('treats reports as members-only when they cite exempt paragraphs, and public once lifted', () => {
    expect(decideAudience('report', meta({ exemptParagraphs: [3] }), config).audience).toBe('members');
    expect(decideAudience('report', meta({ classification: 'exempt', exemptionLifted: true }), config).audience).toBe('public');
  });
});

describe('markings as markings (trap T-C1)', () => {
  it('takes banner lines and subject prefixes', () => {
    for (const line of ['OFFICIAL-SENSITIVE', '[OFFICIAL-SENSITIVE]', '**NOT FOR PUBLICATION**', 'OFFICIAL: SENSITIVE: PERSONAL', 'CONFIDENTIAL - NOT FOR ONWARD CIRCULATION', 'Part 2 - Exempt', 'PROTECT - PERSONAL']) {
      expect(markingInLine(line, false), line).toBeDefined();
    }
    expect(markingInLine('CONFIDENTIAL - Draft heads of terms', true)).toBeDefined();
    expect(markingInLine('CONFIDENTIAL - Draft heads of terms', false)).toBeUndefined();
    for (const s of ['FW: CONFIDENTIAL - Quarry Farm', 'Re: OFFICIAL-SENSITIVE: Millbrook library', '[RESTRICTED] notes', 'RE: FW: EXEMPT - Cabinet item 9']) expect(subjectMarking(s), s).toBeDefined();
  });
  it('rejects words that are not markings', () => {
    for (const line of ['OFFICIAL', 'OFFICIAL OPENING OF THE NEW LIBRARY', 'RESTRICTED PARKING ZONE', 'Confidential Reporting Policy', 'Confidential', 'EXEMPT ITEMS (none at the time of preparing this agenda)', 'The Secret Garden tour', 'Part 2']) {
      expect(markingInLine(line, true), line).toBeUndefined();
    }
    for (const s of ['RESTRICTED PARKING ZONE consultation', 'Confidential Reporting Policy review', 'Official opening']) expect(subjectMarking(s), s).toBeUndefined();
  });
});

describe('confidential/unapproved-disclosure', () => {
  const leak = (extra = '', headers: Partial<Parameters<typeof eml>[0]> = {}) =>
    eml(
      { from: 'Cllr Rufus Halloran <cllr.rufus.halloran@wexcombe.gov.uk>', to: 'Dana Example <dana.example@wexcombegazette.co.uk>', subject: 'Depot', date: 'Wed, 10 Mar 2027 10:00:00 +0000', ...headers },
      `Dana,\n\nOFFICIAL-SENSITIVE\n\nThe highest bid is £1.1m.\n${extra}\nRufus\n`,
    );

  it('flags marked material to the press at the recipient line, citing Leicestershire 11 and Blackburn C 3.12', async () => {
    const [h] = hitsOf(await checkConf(leak(), { filePath: 'leak.eml' }), UD);
    expect(h?.line).toBe(2);
    expect(h?.severity).toBe(2);
    expect(h?.clause).toBe('Leicestershire Part 5C para 11; Blackburn with Darwen Section 3 para C 3.12');
    expect(h?.message).toMatch(/the press/);
    expect(h?.suggestion).toMatch(/approved release/);
  });

  it('is satisfied by a valid approval, not by comms or a misdated one', async () => {
    expect(hitsOf(await checkConf(leak('\nApproved for release by Helena Marchbank, Director of Place, 9 March 2027.\n'), { filePath: 'a.eml' }), UD)).toEqual([]);
    expect(hitsOf(await checkConf(leak('\nApproved for release by the Director of People.\n'), { filePath: 'b.eml' }), UD)).toEqual([]);
    const comms = hitsOf(await checkConf(leak("\nThe press office didn't object.\n"), { filePath: 'c.eml' }), UD);
    expect(comms.length).toBe(1);
    expect(comms[0]!.notes?.join(' ')).toMatch(/is not approval/);
    const late = hitsOf(await checkConf(leak('\nApproved for release by Helena Marchbank, Director of Place, 20 March 2027.\n'), { filePath: 'd.eml' }), UD);
    expect(late[0]?.notes?.join(' ')).toMatch(/after the document/);
    const mgr = hitsOf(await checkConf(leak('\nApproved for release by Nkechi Holloway-Brandt, Communications Manager.\n'), { filePath: 'e.eml' }), UD);
    expect(mgr.length).toBe(1);
  });

  it('is fine inside the council, and honours a lifted exemption', async () => {
    expect(hitsOf(await checkConf(leak('', { to: 'Cllr Ivy Castellane <cllr.ivy.castellane@wexcombe.gov.uk>' }), { filePath: 'f.eml' }), UD)).toEqual([]);
    expect(hitsOf(await checkConf(leak('\nThe exemption was lifted by Cabinet on 2 March 2027.\n'), { filePath: 'g.eml' }), UD)).toEqual([]);
  });

  it('reads a quoted forward to a parish clerk, and warns for an officer writing to another public body', async () => {
    const fwd = eml(
      { from: 'Cllr Ivy Castellane <cllr.ivy.castellane@wexcombe.gov.uk>', to: 'Clerk <clerk@thornby-pc.gov.uk>', subject: 'FW: update' },
      'Morag, see below.\n\nIvy\n\n-----Original Message-----\nFrom: Yasmin Treloar <yasmin.treloar@wexcombe.gov.uk>\nSent: 01 March 2027 17:48\nTo: Cllr Ivy Castellane <cllr.ivy.castellane@wexcombe.gov.uk>\nSubject: update\n\nThis information is exempt under paragraph 6 of Part 1 of Schedule 12A.\n',
    );
    const [h] = hitsOf(await checkConf(fwd, { filePath: 'fwd.eml' }), UD);
    expect(h?.message).toMatch(/parish or town council/);
    expect(h?.severity).toBe(2);
    const partner = eml(
      { from: 'Housing Options <housing.options@wexcombe.gov.uk>', to: 'SNT <snt@example.police.uk>', subject: 'OFFICIAL-SENSITIVE - tenancy' },
      'Hello, we intend to serve a notice next week.\n',
    );
    expect(hitsOf(await checkConf(partner, { filePath: 'p.eml' }), UD)[0]?.severity).toBe(1);
  });

  it('flags publicity that passes on exempt content; leaves the T-C traps alone', async () => {
    expect(hitsOf(await checkConf('The confidential Part 2 report shows the preferred bidder is Example Homes Ltd.', { kind: 'press-release' }), UD).length).toBe(1);
    for (const t of [
      'OFFICIAL OPENING OF THE NEW LIBRARY\n\nAll welcome.',
      'RESTRICTED PARKING ZONE\n\nThe consultation closes on 3 March.',
      'The Confidential Reporting Policy explains how to raise a concern. Paper records go to confidential waste.',
      'EXEMPT ITEMS (none at the time of preparing this agenda)',
      'Swimming lessons are VAT-exempt.',
      'Cabinet considered the report in private because the bids were commercially sensitive.',
      'The council has taken legal advice on the closure.',
    ]) {
      expect(hitsOf(await checkConf(t, { kind: 'press-release' }), UD), t).toEqual([]);
    }
  });
});

describe('confidential/exempt-ground-missing options', () => {
  const report = '---\nkind: report\nclassification: exempt\nexemptParagraphs: [3]\n---\n\nNOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A.\n';
  it('does not ask for public-interest wording by default', async () => {
    expect(hitsOf(await checkConf(report, { filePath: 'r.md' }), 'confidential/exempt-ground-missing')).toEqual([]);
  });
  it('warns when requirePublicInterest is on and the report never mentions it', async () => {
    const on = { rules: { 'confidential/exempt-ground-missing': ['error', { requirePublicInterest: true }] } } as Partial<UserConfig>;
    const hits = hitsOf(await checkConf(report, { filePath: 'r.md', config: on }), 'confidential/exempt-ground-missing');
    expect(hits.length).toBe(1);
    expect(hits[0]!.message).toMatch(/public interest/);
    const withTest = report + '\nThe public interest in maintaining the exemption outweighs the public interest in disclosure.\n';
    expect(hitsOf(await checkConf(withTest, { filePath: 'r.md', config: on }), 'confidential/exempt-ground-missing')).toEqual([]);
  });
});

describe('confidential/group-briefing-relayed', () => {
  const GB = 'confidential/group-briefing-relayed';
  const from = 'Desmond Ollerenshaw <desmond.ollerenshaw@wexcombe.gov.uk>';
  const body = 'Ambrose,\n\nI briefed the Wexcombe First group on the pool on Monday. Cllr Castellane told the group she wants the in-house option.\n\nDesmond\n';
  it('flags an officer relaying one group to another group', async () => {
    const hits = hitsOf(await checkConf(eml({ from, to: 'Cllr Ambrose Pettifer <cllr.ambrose.pettifer@wexcombe.gov.uk>', subject: 'Pool' }, body), { filePath: 'g1.eml' }), GB);
    expect(hits.length).toBe(1);
    expect(hits[0]!.severity).toBe(1);
    expect(hits[0]!.message).toMatch(/Cllr Ambrose Pettifer \(Conservative\)/);
  });
  it('allows the same group, other officers, and councillors talking about their own group', async () => {
    expect(hitsOf(await checkConf(eml({ from, to: 'Cllr Sunita Ravensworth <cllr.sunita.ravensworth@wexcombe.gov.uk>', subject: 'Pool' }, body), { filePath: 'g2.eml' }), GB)).toEqual([]);
    expect(hitsOf(await checkConf(eml({ from, to: 'Rosalind Quarrie <rosalind.quarrie@wexcombe.gov.uk>', subject: 'Pool' }, body), { filePath: 'g3.eml' }), GB)).toEqual([]);
    expect(hitsOf(await checkConf(eml({ from: 'Cllr Ivy Castellane <cllr.ivy.castellane@wexcombe.gov.uk>', to: 'Dana Example <dana.example@wexcombegazette.co.uk>', subject: 'Pool' }, body), { filePath: 'g4.eml' }), GB)).toEqual([]);
  });
});

describe('confidential/unapproved-disclosure: whose words', () => {
  it('ignores the journalist\'s own question quoted in the reply', async () => {
    const reply = eml(
      { from: 'Nkechi Holloway-Brandt <nkechi.holloway-brandt@wexcombe.gov.uk>', to: 'Dana Example <dana.example@wexcombegazette.co.uk>', subject: 'RE: depot' },
      'Hi Dana,\n\nWe do not comment on leaked documents. The decision will be published on Friday.\n\nNkechi\n\n-----Original Message-----\nFrom: Dana Example <dana.example@wexcombegazette.co.uk>\nSent: 09 March 2027 09:00\nTo: Press Office <communications@wexcombe.gov.uk>\nSubject: depot\n\nIs it true that the confidential report shows the depot will be sold for £1.1m?\n',
    );
    expect(hitsOf(await checkConf(reply, { filePath: 'reply.eml' }), UD)).toEqual([]);
    const leaked = reply.replace('From: Dana Example <dana.example@wexcombegazette.co.uk>', 'From: Democratic Services <democratic.services@wexcombe.gov.uk>');
    expect(hitsOf(await checkConf(leaked, { filePath: 'reply.eml' }), UD).length).toBe(1);
  });

  it('does not count a writer\'s own "Private and confidential" to a resident, or a refusal that explains an exemption', async () => {
    const own = eml({ from: 'Revenues <revenues@wexcombe.gov.uk>', to: 'Jo Example <jo.example@example.com>', subject: 'PRIVATE AND CONFIDENTIAL: your account' }, 'OFFICIAL-SENSITIVE\n\nDear Mr Example, your discount has been applied.\n');
    expect(hitsOf(await checkConf(own, { filePath: 'own.eml' }), UD)).toEqual([]);
    const exempt = own.replace('OFFICIAL-SENSITIVE', 'NOT FOR PUBLICATION');
    expect(hitsOf(await checkConf(exempt, { filePath: 'own.eml' }), UD).length).toBe(1);
    const refusal = eml(
      { from: 'Nkechi Holloway-Brandt <nkechi.holloway-brandt@wexcombe.gov.uk>', to: 'Dana Example <dana.example@wexcombegazette.co.uk>', subject: 'RE: bids' },
      'The report is exempt under paragraph 3 of Part 1 of Schedule 12A, so we cannot release the bids.\n',
    );
    expect(hitsOf(await checkConf(refusal, { filePath: 'refusal.eml' }), UD)).toEqual([]);
  });
});

describe('confidential/group-briefing-relayed: political groups only', () => {
  it('ignores community groups', async () => {
    const body = 'Ambrose,\n\nI attended the Castle Park Friends group on Monday. They agreed to plant trees in the spring.\n\nDesmond\n';
    const mail = eml({ from: 'Desmond Ollerenshaw <desmond.ollerenshaw@wexcombe.gov.uk>', to: 'Cllr Ambrose Pettifer <cllr.ambrose.pettifer@wexcombe.gov.uk>', subject: 'Trees' }, body);
    expect(hitsOf(await checkConf(mail, { filePath: 'trees.eml' }), 'confidential/group-briefing-relayed')).toEqual([]);
    const party = mail.replace('Castle Park Friends group', 'Labour group');
    expect(hitsOf(await checkConf(party, { filePath: 'trees.eml' }), 'confidential/group-briefing-relayed').length).toBe(1);
  });
});

describe('confidential/exempt-ground-missing: what withholds a paper', () => {
  const GM = 'confidential/exempt-ground-missing';
  it('takes committee-paper labels, not a CONFIDENTIAL draft watermark', async () => {
    expect(hitsOf(await checkConf('CONFIDENTIAL - DRAFT FOR COMMENT\n\nReport to: Cabinet\n\n1.1 To agree the budget.', { kind: 'report' }), GM)).toEqual([]);
    expect(hitsOf(await checkConf('NOT FOR PUBLICATION\n\nReport to: Cabinet\n\n1.1 To agree the lease.', { kind: 'report' }), GM).length).toBe(1);
    expect(hitsOf(await checkConf('AGENDA\n\n1. Apologies\n2. Staffing matter (exempt, paragraph 1)', { kind: 'agenda' }), GM)).toEqual([]);
  });
});
