import { describe, expect, it } from 'vitest';
import type { FileResult, Finding } from '../../src/types.js';
import { lintText } from '../../src/api/lint.js';
import { defaultConfig } from '../../src/config/load.js';
import { fixtureConfig } from '../helpers/fixtures.js';

/**
 * The officer/ rules read an email's Subject line (a `header` block) with the same judgement as a sentence of the
 * body: whom the words are aimed at, negation, quotes, reported speech. A reply's or forward's subject that came
 * from someone else's earlier message is not the writer's words. Fictional council: fixtures/.protocolrc.json
 * (Cuthbert Amberley, Head of Waste and Street Scene; Yasmin Treloar, Head of Planning; Helena Marchbank, Director
 * of Place; councillors Ambrose Pettifer, Rufus Halloran, Oswin Carraway).
 */

const config = defaultConfig(fixtureConfig(), 'mail.eml');

const PETTIFER = 'Cllr Ambrose Pettifer <cllr.ambrose.pettifer@wexcombe.gov.uk>';
const HALLORAN = 'Cllr Rufus Halloran <cllr.rufus.halloran@wexcombe.gov.uk>';
const AMBERLEY = 'Cuthbert Amberley <cuthbert.amberley@wexcombe.gov.uk>';
const TRELOAR = 'Yasmin Treloar <yasmin.treloar@wexcombe.gov.uk>';
const MARCHBANK = 'Helena Marchbank <helena.marchbank@wexcombe.gov.uk>';
const RESIDENT = 'Jo Example <jo.example@example.org>';
const GAZETTE = 'Newsdesk <news@wexcombegazette.co.uk>';

/** An RFC 822 message: the checked text is From, To, Cc, Date, Subject (one line each), a blank line, the body. */
function eml(headers: Record<string, string>, body: string): string {
  const h = {
    'Message-ID': '<subject-test@mail.wexcombe.gov.uk>',
    Date: 'Tue, 12 Jan 2027 07:48:19 +0000',
    ...headers,
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding': '8bit',
  };
  return `${Object.entries(h)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n\n${body}\n`;
}

const PLAIN_BODY = 'Mr Amberley,\n\nPlease can you ring me about the Harbour Row collections.\n\nAmbrose';

async function run(text: string): Promise<FileResult> {
  return lintText(text, { filePath: 'mail.eml', config });
}

function officer(result: FileResult, rule?: string): Finding[] {
  return result.messages.filter((m) => (rule ? m.ruleId === `officer/${rule}` : m.ruleId.startsWith('officer/')));
}

describe('officer/ rules read the Subject line', () => {
  it('flags a named officer insulted in the subject, pointing at the Subject line', async () => {
    const text = eml({ From: PETTIFER, To: AMBERLEY, Subject: 'Cuthbert Amberley is useless' }, PLAIN_BODY);
    const hits = officer(await run(text));
    expect(hits.map((h) => [h.ruleId, h.line, h.column, h.endColumn, h.message])).toEqual([
      ['officer/derogatory-reference', 4, 10, 38, 'Personal attack on Cuthbert Amberley (Head of Waste and Street Scene): “useless”'],
    ]);
    expect(hits[0]!.severity).toBe(2);
    expect(hits[0]!.excerpt).toBe('Cuthbert Amberley is useless');
    expect(hits[0]!.context).toBe('Subject: Cuthbert Amberley is useless');
  });

  it('gives the subject the same message as the same words in the body', async () => {
    const words = 'Mr Amberley lied to the residents of Harbour Row';
    const inSubject = officer(await run(eml({ From: PETTIFER, To: AMBERLEY, Subject: words }, PLAIN_BODY)));
    const inBody = officer(await run(eml({ From: PETTIFER, To: AMBERLEY, Subject: 'Harbour Row' }, `Mr Amberley,\n\n${words}.\n\nAmbrose`)));
    expect(inSubject.map((h) => [h.ruleId, h.message, h.severity])).toEqual(inBody.map((h) => [h.ruleId, h.message, h.severity]));
    expect(inSubject.map((h) => h.ruleId)).toEqual(['officer/dishonesty-allegation']);
    expect(inSubject[0]!.line).toBe(4);
    expect(inBody[0]!.line).toBe(8);
  });

  it.each([
    ['RE: Mr Amberley – incompetent as usual', 'officer/derogatory-reference', 'Cuthbert Amberley (Head of Waste and Street Scene)'],
    ['Re: Re: FW: Mr Amberley – incompetent as usual', 'officer/derogatory-reference', 'Cuthbert Amberley (Head of Waste and Street Scene)'],
    ['AW: [External] Ms Treloar is a liar', 'officer/dishonesty-allegation', 'Yasmin Treloar (Head of Planning)'],
    ['[EXTERNAL] Fwd: Ms Treloar is a liar', 'officer/dishonesty-allegation', 'Yasmin Treloar (Head of Planning)'],
    ['Re[2]: The Director of Place is a clown', 'officer/derogatory-reference', 'Helena Marchbank (Director of Place)'],
    ['Re: Ms Treloar – Incompetent As Usual', 'officer/derogatory-reference', 'Yasmin Treloar (Head of Planning)'],
    ['Harbour Row bins. Mr Amberley is useless.', 'officer/derogatory-reference', 'Cuthbert Amberley (Head of Waste and Street Scene)'],
  ])('flags %j (prefixes and sentences do not get in the way)', async (subject, rule, target) => {
    const text = eml({ From: PETTIFER, To: AMBERLEY, Subject: subject }, PLAIN_BODY);
    const result = await run(text);
    const hits = officer(result).filter((h) => h.ruleId === rule);
    expect(hits.length, subject).toBe(1);
    expect(hits[0]!.message).toContain(target);
    expect(hits[0]!.line).toBe(4);
    // the column is the column of the words in the checked text's Subject line
    const line = text.split('\n').find((l) => l.startsWith('Subject:'))!;
    expect(line.slice(hits[0]!.column - 1, hits[0]!.endColumn - 1)).toBe(hits[0]!.excerpt);
    expect(line).toContain(hits[0]!.context);
  });

  it('"you" in the subject is the officer the email is addressed to', async () => {
    const hits = officer(await run(eml({ From: PETTIFER, To: AMBERLEY, Subject: 'You lied to Harbour Row residents' }, PLAIN_BODY)), 'dishonesty-allegation');
    expect(hits.map((h) => h.message)).toEqual(['Allegation of dishonesty or impropriety against Cuthbert Amberley (Head of Waste and Street Scene): “lied”']);
    expect(hits[0]!.severity).toBe(1); // private correspondence: a warning, as in the body
  });

  it('"you" in the subject of an email to a councillor is not an officer', async () => {
    const body = 'Rufus,\n\nSee you at group on Monday.\n\nAmbrose';
    expect(officer(await run(eml({ From: PETTIFER, To: HALLORAN, Subject: 'You are useless' }, body)))).toEqual([]);
  });

  it('a subject copied to the press is conduct raised in public too', async () => {
    const text = eml({ From: PETTIFER, To: AMBERLEY, Cc: GAZETTE, Subject: 'Mr Amberley is incompetent' }, PLAIN_BODY);
    const hits = officer(await run(text));
    expect(hits.map((h) => [h.ruleId, h.line, h.severity])).toEqual([
      ['officer/conduct-capability-in-public', 5, 2],
      ['officer/derogatory-reference', 5, 2],
    ]);
    expect(hits[0]!.message).toBe('Conduct or capability of Cuthbert Amberley (Head of Waste and Street Scene) raised in an email sent to the press (wexcombegazette.co.uk): “incompetent”');
  });

  it('a demand to sack an officer in the subject is a staffing matter', async () => {
    const hits = officer(await run(eml({ From: PETTIFER, To: MARCHBANK, Subject: 'Sack Mr Amberley now' }, 'Helena,\n\nThe Harbour Row bins are still not emptied.\n\nAmbrose')), 'staffing-pressure');
    expect(hits.map((h) => h.line)).toEqual([4]);
    expect(hits[0]!.message).toMatch(/^Pressure over an individual staffing matter \(Cuthbert Amberley \(Head of Waste and Street Scene\)\): “Sack/);
  });
});

describe('subjects that are not attacks on an officer', () => {
  it.each([
    'Re: useless bus timetable',
    'Re: Useless Bus Timetable',
    "Fw: Complaint about the Head of Planning's decision",
    'Thornby Library – inadequate funding',
    'Re: Head of Planning – Useless Advice',
    'Mr Amberley is not incompetent',
    'No suggestion that Ms Treloar misled anyone',
    'Cllr Halloran is a liar',
    'The Leader is useless',
    'The parking partnership is heartless',
    'Appointment of the Head of Planning',
    'Recruitment: Head of Planning post',
    'Lazy loading on the bins app',
    'Thanks to Mr Amberley for a brilliant clean-up',
    'Complaint about Cllr Halloran calling Mr Amberley “useless”',
    'Code of conduct complaint – it is alleged that Cllr Halloran called Mr Amberley useless',
  ])('does not flag %j', async (subject) => {
    const text = eml({ From: PETTIFER, To: AMBERLEY, Subject: subject }, PLAIN_BODY);
    expect(officer(await run(text)), subject).toEqual([]);
  });

  it('does not read other header lines', async () => {
    const text = eml({ From: 'Useless Liar <useless.liar@example.org>', To: AMBERLEY, Subject: 'Bins' }, PLAIN_BODY);
    expect(officer(await run(text))).toEqual([]);
  });
});

describe('a reply or forward keeps the subject of the message it answers', () => {
  const RESIDENT_ORIGINAL = (subject: string) =>
    `-----Original Message-----\nFrom: ${RESIDENT}\nSent: 11 January 2027 18:02\nTo: ${PETTIFER}\nSubject: ${subject}\n\nCllr Pettifer,\n\nMy bins have not been emptied for three weeks.\n\nJo`;

  it('not the writer’s words when the quoted message from someone else had that subject', async () => {
    const body = `Dear Jo,\n\nThank you. I have asked the service for a date for clearing the backlog.\n\nAmbrose\n\n${RESIDENT_ORIGINAL('Cuthbert Amberley is useless')}`;
    expect(officer(await run(eml({ From: PETTIFER, To: RESIDENT, Subject: 'RE: Cuthbert Amberley is useless' }, body)))).toEqual([]);
  });

  it('not the writer’s words when a Gmail-style attribution shows someone else started the thread', async () => {
    const body = `Dear Jo,\n\nI have asked for a date.\n\nAmbrose\n\nOn Mon, 11 Jan 2027 at 18:02, ${RESIDENT} wrote:\n> My bins have not been emptied for three weeks.\n> Jo`;
    expect(officer(await run(eml({ From: PETTIFER, To: RESIDENT, Subject: 'Re: Mr Amberley – incompetent as usual' }, body)))).toEqual([]);
  });

  it('not the writer’s words in a forward of someone else’s message', async () => {
    const body = `Helena,\n\nFor your information.\n\nAmbrose\n\n---------- Forwarded message ---------\nFrom: ${RESIDENT}\nDate: Mon, 11 Jan 2027 at 18:02\nSubject: Mr Amberley is a liar\nTo: ${PETTIFER}\n\nHe told me the bins would be emptied on Friday.`;
    expect(officer(await run(eml({ From: PETTIFER, To: MARCHBANK, Subject: 'Fw: Mr Amberley is a liar' }, body)))).toEqual([]);
  });

  it('not the writer’s words in a forward of an attached email from someone else', async () => {
    const attached = `From: ${RESIDENT}\nTo: ${PETTIFER}\nDate: Mon, 11 Jan 2027 18:02:00 +0000\nSubject: Mr Amberley is a liar\nMIME-Version: 1.0\nContent-Type: text/plain; charset="UTF-8"\n\nHe told me the bins would be emptied on Friday.\n`;
    const text = [
      `From: ${PETTIFER}`,
      `To: ${MARCHBANK}`,
      'Date: Tue, 12 Jan 2027 07:48:19 +0000',
      'Subject: Fw: Mr Amberley is a liar',
      'Message-ID: <fw-attached@mail.wexcombe.gov.uk>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="wexcombe-b1"',
      '',
      '--wexcombe-b1',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      'Helena,',
      '',
      'A resident’s email about Harbour Row, for your information.',
      '',
      'Ambrose',
      '',
      '--wexcombe-b1',
      'Content-Type: message/rfc822',
      'Content-Disposition: attachment; filename="harbour-row.eml"',
      '',
      attached,
      '--wexcombe-b1--',
      '',
    ].join('\n');
    const result = await run(text);
    expect(result.messages.filter((m) => m.ruleId === 'input/unreadable')).toEqual([]);
    expect(officer(result)).toEqual([]);
    // the same subject with nothing forwarded is the writer's
    expect(officer(await run(eml({ From: PETTIFER, To: MARCHBANK, Subject: 'Fw: Mr Amberley is a liar' }, 'Helena,\n\nFor your information.\n\nAmbrose'))).map((h) => h.line)).toEqual([4]);
  });

  it('the writer’s words when they changed the subject', async () => {
    const body = `Dear Jo,\n\nI have asked for a date.\n\nAmbrose\n\n${RESIDENT_ORIGINAL('Harbour Row bins')}`;
    const hits = officer(await run(eml({ From: PETTIFER, To: RESIDENT, Subject: 'RE: Harbour Row bins – Mr Amberley is useless' }, body)));
    expect(hits.map((h) => [h.ruleId, h.line])).toEqual([
      ['officer/conduct-capability-in-public', 4],
      ['officer/derogatory-reference', 4],
    ]);
  });

  it('the writer’s words when the thread with that subject was theirs to begin with', async () => {
    const first = `-----Original Message-----\nFrom: ${PETTIFER}\nSent: 11 January 2027 18:02\nTo: ${HALLORAN}\nSubject: Mr Amberley is useless\n\nRufus, the bins again.\n\nAmbrose`;
    const own = officer(await run(eml({ From: PETTIFER, To: HALLORAN, Subject: 'RE: Mr Amberley is useless' }, `Rufus,\n\nSee below.\n\nAmbrose\n\n${first}`)), 'derogatory-reference');
    expect(own.map((h) => h.line)).toEqual([4]);
    // Halloran's reply kept Pettifer's subject; Pettifer answering it is still sending his own words
    const second = `-----Original Message-----\nFrom: ${HALLORAN}\nSent: 11 January 2027 19:40\nTo: ${PETTIFER}\nSubject: RE: Mr Amberley is useless\n\nAgreed.\n\nRufus\n\n${first}`;
    const again = officer(await run(eml({ From: PETTIFER, To: HALLORAN, Subject: 'RE: RE: Mr Amberley is useless' }, `Rufus,\n\nThanks.\n\nAmbrose\n\n${second}`)), 'derogatory-reference');
    expect(again.map((h) => h.line)).toEqual([4]);
  });

  it('the writer’s words in a reply with no quoted history', async () => {
    const hits = officer(await run(eml({ From: PETTIFER, To: AMBERLEY, Subject: 'RE: Mr Amberley – incompetent as usual' }, PLAIN_BODY)), 'derogatory-reference');
    expect(hits.map((h) => h.line)).toEqual([4]);
  });

  it('an officer’s reply keeps the subject they were sent', async () => {
    const body = 'Cllr Pettifer,\n\nThe backlog will be cleared by Friday.\n\nYasmin Treloar\nHead of Planning';
    expect(officer(await run(eml({ From: TRELOAR, To: PETTIFER, Subject: 'RE: Mr Amberley is useless' }, body)))).toEqual([]);
  });

  it('quoted history does not change the finding for the body’s own words', async () => {
    const body = `Dear Jo,\n\nBetween ourselves, Mr Amberley is useless.\n\nAmbrose\n\n${RESIDENT_ORIGINAL('Cuthbert Amberley is useless')}`;
    const hits = officer(await run(eml({ From: PETTIFER, To: RESIDENT, Subject: 'RE: Cuthbert Amberley is useless' }, body)), 'derogatory-reference');
    expect(hits.map((h) => h.line)).toEqual([8]);
  });
});
