import { describe, expect, it } from 'vitest';
import {
  findDatesOfBirth,
  findNhsNumbers,
  findNinos,
  findPhones,
  findPostcodes,
  findStreetAddresses,
  isPostcode,
  isValidNhsNumber,
  isValidNino,
  isUkPhone,
} from '../../src/language/personal-data.js';
import { formatNames, loadFormatter } from '../../src/report/index.js';
import { checkConf, eml, hitsOf } from './confidential-helpers.js';

const RULE = 'confidential/personal-data';

describe('personal-data validators (RULES.md §3.5)', () => {
  it('National Insurance numbers follow HMRC prefix rules', () => {
    expect(isValidNino('AB 12 34 56 C')).toBe(true);
    expect(isValidNino('JT482719C')).toBe(true);
    // HMRC's own example, unallocated prefixes, administrative prefixes, forbidden letters, bad suffix
    for (const bad of ['QQ123456A', 'QQ 12 34 56 A', 'GB123456A', 'BG123456A', 'NK123456A', 'TN123456A', 'ZZ123456A', 'CR123456A', 'MW123456A', 'NC123456A', 'DA123456A', 'AO123456A', 'AB123456E', 'ab123456c']) {
      expect(isValidNino(bad), bad).toBe(false);
    }
    expect(findNinos('ref QQ123456A and HM 31 57 92 B').map((n) => n.text)).toEqual(['HM 31 57 92 B']);
  });

  it('NHS numbers pass the modulus-11 check', () => {
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943 476 5918')).toBe(false);
    expect(isValidNhsNumber('186-091-3903')).toBe(true);
    expect(isValidNhsNumber('0000000000')).toBe(false);
    // phone numbers and planning references are not NHS-shaped
    expect(findNhsNumbers('Call 01632 960120 about 26/01234/FUL')).toEqual([]);
  });

  it('postcodes have the BS 7666 shape; ZZ99 9ZZ means none', () => {
    for (const p of ['LE3 8RA', 'SW1A 1AA', 'EC1A 1BB', 'W1A 0AX', 'M1 1AE', 'GIR 0AA']) expect(isPostcode(p), p).toBe(true);
    for (const p of ['ZZ99 9ZZ', 'Q1 1AA', 'LE3 8CA', 'hello']) expect(isPostcode(p), p).toBe(false);
    expect(findPostcodes('Town Hall, Wexcombe WX1 1AA').map((p) => p.text)).toEqual(['WX1 1AA']);
  });

  it('phone numbers include the Ofcom drama ranges and exclude planning references', () => {
    const text = 'Call 01632 960123, 07700 900582, 020 7946 0123, +44 7700 900123 or 0113 496 0000; ref 23/01234/FUL.';
    expect(findPhones(text).map((p) => p.text)).toEqual(['01632 960123', '07700 900582', '020 7946 0123', '+44 7700 900123', '0113 496 0000']);
    expect(isUkPhone('12345')).toBe(false);
  });

  it('dates of birth need a keyword and a past date', () => {
    expect(findDatesOfBirth('Mr Example (date of birth 03/09/1968) and DOB: 12th Mar 1980', '2027-03-01').map((d) => d.iso)).toEqual(['1968-09-03', '1980-03-12']);
    expect(findDatesOfBirth('The meeting on 03/09/1968 was long.')).toEqual([]);
    expect(findDatesOfBirth('The scheme was born on 3 March 2026.', '2027-03-01')).toEqual([]);
  });

  it('street addresses take a close postcode', () => {
    expect(findStreetAddresses('Address: 9 Linnet Close, Abbey Fields, Wexcombe WX4 7RB').map((a) => a.text)).toEqual(['9 Linnet Close, Abbey Fields, Wexcombe WX4 7RB']);
  });
});

describe('confidential/personal-data', () => {
  it('is an error in public text and masks every identifier in every reporter', async () => {
    const text = 'Case study\n\nMr Lewin Example (date of birth 14/06/1971, National Insurance number HM 31 57 92 B) approached the service. His NHS number is 186 091 3903.\n';
    const result = await checkConf(text, { kind: 'press-release' });
    const hits = hitsOf(result, RULE);
    expect(hits.length).toBe(2);
    expect(hits.every((h) => h.severity === 2)).toBe(true);
    expect(hits[0]!.excerpt).toBe('[National Insurance number, date of birth]');
    expect(hits[1]!.excerpt).toBe('[NHS number]');
    const ctx = { cwd: process.cwd(), color: false, rules: new Map(), toolVersion: 'test' };
    expect(formatNames()).toEqual(expect.arrayContaining(['json', 'stylish']));
    for (const name of formatNames()) {
      const format = (await loadFormatter(name))!;
      const out = format([result], ctx);
      for (const secret of ['HM 31 57 92 B', '14/06/1971', '186 091 3903', '1860913903']) expect(out, `${name} shows ${secret}`).not.toContain(secret);
    }
  });

  it('computes severity by audience; a configured level wins', async () => {
    const text = 'Mr Tom Example, National Insurance number KR 60 14 88 D, has asked for a review.';
    expect(hitsOf(await checkConf(text, { kind: 'email', audience: 'public' }), RULE)[0]?.severity).toBe(2);
    expect(hitsOf(await checkConf(text, { kind: 'email', audience: 'press' }), RULE)[0]?.severity).toBe(2);
    expect(hitsOf(await checkConf(text, { kind: 'letter' }), RULE)[0]?.severity).toBe(1);
    expect(hitsOf(await checkConf(text, { kind: 'email', audience: 'members' }), RULE)[0]?.severity).toBe(1);
    const configured = await checkConf(text, { kind: 'press-release', config: { rules: { [RULE]: 'warning' } } });
    expect(hitsOf(configured, RULE)[0]?.severity).toBe(1);
  });

  it('leaves casework with councillors alone except NI and NHS numbers', async () => {
    const casework = 'Resident: Mrs Rose Example\nAddress: 3 Market Row, Market, Wexcombe WX2 4DL\nTel: 07700 900321\nDate of birth: 01/02/1950\n\nMrs Example has mobility problems following a stroke.';
    expect(hitsOf(await checkConf(casework, { kind: 'email', audience: 'members' }), RULE)).toEqual([]);
    const out = hitsOf(await checkConf(casework, { kind: 'email', audience: 'public' }), RULE);
    expect(out.map((h) => h.excerpt)).toEqual(['[home address]', '[phone number]', '[date of birth]', '[health information]']);
  });

  it('reads forwarded casework sent outside the council, and cites purpose limitation', async () => {
    const text = eml(
      { from: 'Cllr Marguerite Oyelaran <cllr.marguerite.oyelaran@wexcombe.gov.uk>', to: 'Market Forum <forum@market-forum.example.org>', subject: 'FW: your enquiry' },
      'Dear all, see below.\n\nMarguerite\n\n---------- Forwarded message ---------\nFrom: Cuthbert Amberley <cuthbert.amberley@wexcombe.gov.uk>\nDate: Mon, 8 Mar 2027 at 15:37\nSubject: Your enquiry\nTo: Cllr Marguerite Oyelaran <cllr.marguerite.oyelaran@wexcombe.gov.uk>\n\nApplicant: Mrs Ivy Example\nNHS number: 943 476 5919\n',
    );
    const hits = hitsOf(await checkConf(text, { filePath: 'fw.eml' }), RULE);
    expect(hits.map((h) => h.excerpt)).toEqual(['[NHS number]']);
    expect(hits[0]!.clause).toMatch(/North Northamptonshire Part 8.4 para 8.6/);
    expect(hits[0]!.severity).toBe(2);
  });

  it('does not flag the §6 traps', async () => {
    const traps = [
      'Contact officer: Yasmin Treloar, Head of Planning, 01632 960160',
      'Planning application 26/01234/FUL: 14 Mill Street, Castle. Applicant: Mr Alan Example.',
      'HMRC example number QQ 12 34 56 A.',
      'Information relating to any individual is exempt under paragraph 1.',
      'Promoted by Sam Sample, 4 Tanner\'s Yard, Wexcombe WX3 2DX.',
      'Dr Helen Sample, Chief Nurse, said the stroke unit was busy.',
      'One patient, who asked not to be named, said the team had been wonderful.',
      'Referrals can be made by patients and their families on 01632 960220.',
    ];
    for (const t of traps) expect(hitsOf(await checkConf(t, { kind: 'press-release' }), RULE), t).toEqual([]);
  });

  it('does not check exempt papers, where personal data belongs', async () => {
    const text = '---\nkind: report\nclassification: exempt\nexemptParagraphs: [1]\n---\n\nMr Carl Example (National Insurance number HM 31 57 92 B) appeals.\n';
    expect(hitsOf(await checkConf(text, { filePath: 'appeal.md' }), RULE)).toEqual([]);
    const published = text.replace('classification: exempt', 'classification: public').replace('exemptParagraphs: [1]\n', '');
    expect(hitsOf(await checkConf(published, { filePath: 'appeal.md' }), RULE).length).toBe(1);
  });
});

describe('confidential/personal-data: data given to its own subject', () => {
  it('does not flag a letter or email to the person the data is about', async () => {
    const letter = 'Dear Mrs Example,\n\nYour NHS number is 943 476 5919 and your date of birth is recorded as 01/02/1950.\n\nMrs Example, your address is 3 Market Row, Market, Wexcombe WX2 4DL.\n\nYours sincerely,\n\nHousing Options';
    expect(hitsOf(await checkConf(letter, { kind: 'letter' }), RULE)).toEqual([]);
    const email = eml(
      { from: 'Housing Options <housing.options@wexcombe.gov.uk>', to: 'Rose Example <rose.example@example.com>', subject: 'Your application' },
      'Dear Mrs Example,\n\nApplicant: Mrs Rose Example\nAddress: 3 Market Row, Market, Wexcombe WX2 4DL\nNHS number: 943 476 5919\n',
    );
    expect(hitsOf(await checkConf(email, { filePath: 'own.eml' }), RULE)).toEqual([]);
  });
  it('still flags someone else\'s data in the same letter', async () => {
    const letter = 'Dear Mrs Example,\n\nYour neighbour Mr Tom Sample (NHS number 943 476 5919) has complained.\n\nYours sincerely,\n\nHousing Options';
    expect(hitsOf(await checkConf(letter, { kind: 'letter' }), RULE).map((h) => h.excerpt)).toEqual(['[NHS number]']);
  });
});
