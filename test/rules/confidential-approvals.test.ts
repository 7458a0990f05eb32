import { describe, expect, it } from 'vitest';
import { assessApprovals, findApprovalStatements, judgeApproval, matchApproverRole } from '../../src/language/approvals.js';
import { defaultConfig } from '../../src/config/load.js';
import type { UserConfig } from '../../src/config/types.js';
import { DEFAULT_APPROVERS } from '../../src/config/types.js';
import { fixtureConfig } from '../helpers/fixtures.js';

const config = defaultConfig(fixtureConfig() as UserConfig);

describe('approval grammar (RULES.md §7.2)', () => {
  it('reads role-first, name-first, all-caps, subject-first and field forms', () => {
    const cases: Array<[string, { role?: string; name?: string; date?: string }]> = [
      ['Approved for release by Helena Marchbank, Director of Place, 3 March 2027.', { role: 'Director of Place', name: 'Helena Marchbank', date: '2027-03-03' }],
      ['Approved for release by the Director of Environment, Jane Example, on 3 March 2025', { role: 'Director of Environment', name: 'Jane Example', date: '2025-03-03' }],
      ['Consent from Assistant Director received', { role: 'Assistant Director' }],
      ['Signed off by Head of Legal and Democratic Services 2025-03-01', { role: 'Head of Legal and Democratic Services', date: '2025-03-01' }],
      ['APPROVED FOR RELEASE BY THE DIRECTOR OF PLACE', { role: 'Director of Place' }],
      ['The Director of Place has approved this release.', { role: 'Director of Place' }],
      ['Approved by: Yasmin Treloar', { name: 'Yasmin Treloar' }],
      ['Released with the prior consent of the Head of Planning.', { role: 'Head of Planning' }],
      ['Approved for release by Ms Marchbank (Director of Place) on 2 March 2027.', { role: 'Director of Place', name: 'Ms Marchbank', date: '2027-03-02' }],
    ];
    for (const [text, want] of cases) {
      const [s] = findApprovalStatements(text, new Set(['Helena', 'Marchbank', 'Jane', 'Example']));
      expect(s, text).toBeDefined();
      expect({ role: s!.role, name: s!.name, date: s!.date }, text).toEqual({ role: want.role, name: want.name, date: want.date });
    }
  });

  it('ignores negated, pending and conditional approvals, and non-approvals', () => {
    for (const text of [
      'This has not been approved for release by the Director of Place.',
      'Awaiting approval from the Director of Place.',
      'It needs to be approved by the Director before it goes out.',
      'Once approved by the Head of Planning it can be sent.',
      "I mentioned it to comms and they didn't object.",
      'The press office is happy for this to go out.',
      'The plan was approved by Cabinet on 3 March.',
    ]) {
      expect(findApprovalStatements(text), text).toEqual([]);
    }
  });
});

describe('approver roles', () => {
  it('matches config approver roles, not communications roles', () => {
    const ap = ['Chief Executive', 'Director', 'Head of Service', 'Monitoring Officer'];
    expect(matchApproverRole('Director of Place', ap)).toBe('Director');
    expect(matchApproverRole('Executive Director', ap)).toBe('Director');
    expect(matchApproverRole('Head of Planning', ap)).toBe('Head of Service');
    expect(matchApproverRole('Chief Executive Officer', ap)).toBe('Chief Executive');
    expect(matchApproverRole('Communications Lead', ap)).toBeUndefined();
    expect(matchApproverRole('Communications Manager', ap)).toBeUndefined();
    expect(matchApproverRole('Directorate Manager', ap)).toBeUndefined();
    // Assistant and Deputy forms need their own entry (a Blackburn-style council lists only "Director")
    expect(matchApproverRole('Assistant Director of Finance', ap)).toBeUndefined();
    expect(matchApproverRole('Assistant Director of Finance', DEFAULT_APPROVERS)).toBe('Assistant Director');
  });

  it('cross-checks a named approver against the officer register', () => {
    const comms = judgeApproval({ from: 'text', name: 'Nkechi Holloway-Brandt', role: 'Director of Place' }, config);
    expect(comms.valid).toBe(false);
    expect(comms.reason).toMatch(/Communications Manager/);
    const director = judgeApproval({ from: 'text', name: 'Ms Marchbank' }, config);
    expect(director.valid).toBe(true);
    expect(director.approverRole).toBe('Director');
    expect(judgeApproval({ from: 'text', name: 'Cllr Philippa Dunstable', role: 'Leader of the Council' }, config).valid).toBe(false);
    expect(judgeApproval({ from: 'text', name: 'Pat Unknown' }, config).valid).toBe(false);
    // a role alone, or an unregistered person with an approver role, counts
    expect(judgeApproval({ from: 'text', role: 'Director of Finance' }, config).valid).toBe(true);
  });

  it('rejects approvals dated after the document', () => {
    const v = judgeApproval({ from: 'text', role: 'Director of Place', date: '2027-03-20' }, config, '2027-03-10');
    expect(v.valid).toBe(false);
    expect(v.reason).toMatch(/after the document/);
  });

  it('assesses front matter, text lines and the sender', () => {
    const base = { approvals: [], notified: [], fields: [] };
    const fm = assessApprovals({ meta: { ...base, approvals: [{ from: 'front-matter', role: 'Director of Place', name: 'Helena Marchbank', date: '2027-01-02' }], date: '2027-01-05' }, blocks: [] }, config);
    expect(fm.approved?.evidence.from).toBe('front-matter');
    const sender = assessApprovals({ meta: { ...base, from: [{ name: 'Helena Marchbank', address: 'helena.marchbank@wexcombe.gov.uk' }] }, blocks: [] }, config);
    expect(sender.approved?.evidence.from).toBe('sender');
    const notSender = assessApprovals({ meta: { ...base, from: [{ name: 'Nkechi Holloway-Brandt', address: 'nkechi.holloway-brandt@wexcombe.gov.uk' }] }, blocks: [] }, config);
    expect(notSender.approved).toBeUndefined();
    const text = assessApprovals({ meta: base, blocks: [{ type: 'paragraph', text: 'Approved for release by Imogen Example, Communications Lead.', start: 0, end: 0 }] }, config);
    expect(text.approved).toBeUndefined();
    expect(text.rejected[0]?.reason).toMatch(/not an approver role/);
  });
});

describe('cover-sheet approval fields', () => {
  it('reads the approver from a "Sign-off:" field value', () => {
    const base = { approvals: [{ from: 'text' as const, text: 'Helena Marchbank, Director of Place, 2 March 2027', date: '2027-03-02' }], notified: [], fields: [], date: '2027-03-05' };
    const a = assessApprovals({ meta: base, blocks: [] }, config);
    expect(a.approved?.officer?.name).toBe('Helena Marchbank');
    const comms = assessApprovals({ meta: { ...base, approvals: [{ from: 'text' as const, text: 'Nkechi Holloway-Brandt' }] }, blocks: [] }, config);
    expect(comms.approved).toBeUndefined();
  });
});

describe('sender signatures', () => {
  const base = { approvals: [], notified: [], fields: [] };
  const sig = (name: string, role: string) => [{ type: 'signature' as const, text: `${name}\n${role}\nWexcombe Borough Council`, start: 0, end: 0 }];
  it('counts an unregistered council officer who signs with an approver role', () => {
    const a = assessApprovals({ meta: { ...base, from: [{ name: 'Pat Sample', address: 'pat.sample@wexcombe.gov.uk' }] }, blocks: sig('Pat Sample', 'Director of Finance') }, config);
    expect(a.approved?.evidence).toMatchObject({ from: 'sender', role: 'Director of Finance' });
  });
  it('does not let a signature override the register, or count outside addresses and non-approvers', () => {
    expect(assessApprovals({ meta: { ...base, from: [{ name: 'Nkechi Holloway-Brandt', address: 'nkechi.holloway-brandt@wexcombe.gov.uk' }] }, blocks: sig('Nkechi Holloway-Brandt', 'Director of Place') }, config).approved).toBeUndefined();
    expect(assessApprovals({ meta: { ...base, from: [{ name: 'Pat Sample', address: 'pat@example.com' }] }, blocks: sig('Pat Sample', 'Director of Finance') }, config).approved).toBeUndefined();
    expect(assessApprovals({ meta: { ...base, from: [{ name: 'Pat Sample', address: 'pat.sample@wexcombe.gov.uk' }] }, blocks: sig('Pat Sample', 'Press Officer') }, config).approved).toBeUndefined();
  });
});
