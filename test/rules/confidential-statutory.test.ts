import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, findRule } from '../../rules/index.js';
import { rules as confidentialRules } from '../../rules/confidential/index.js';
import { explainRule, ruleHelp } from '../../src/rules-docs.js';
import { lintFiles } from '../../src/api/lint.js';
import type { Kind } from '../../src/types.js';
import { ROOT } from '../helpers/fixtures.js';
import { checkConf, eml, hitsOf } from './confidential-helpers.js';

/**
 * confidential/statutory-confidential: statutory "confidential information" (LGA 1972 s.100A(3)) said to be in a
 * text for the public, the press or another body; the precision traps (the law explained, exclusion resolutions,
 * lifted restrictions, public court orders, loose "in confidence", negation, refusals, members-only papers); and
 * the five seed protocols, which explain confidentiality and must never be flagged.
 */
const ID = 'confidential/statutory-confidential';
const rule = findRule(ID)!;

const release = (body: string) => `WEXCOMBE BOROUGH COUNCIL\nNEWS RELEASE\n\n9 March 2027\nFor immediate release\n\n${body}\n\nENDS\n`;
const report = (body: string, banner = '') => `# Report to: Cabinet, 8 April 2027\n\n${banner}**Report of:** Director of Place\n**Wards affected:** Market\n\n## 1. Background\n\n${body}\n`;
const mail = (to: string, body: string, from = 'Cllr Rufus Halloran <cllr.rufus.halloran@wexcombe.gov.uk>') => eml({ from, to, subject: 'Update' }, `Hello,\n\n${body}\n\nRegards\n`);
const GAZETTE = 'Dana Example <dana.example@wexcombegazette.co.uk>';

async function hits(text: string, opts: { kind?: Kind; filePath?: string } = {}) {
  return hitsOf(await checkConf(text, opts), ID);
}

describe(`${ID}: what it flags`, () => {
  it.each([
    ['a Government department "in confidence"', 'The draft allocations were provided to the council by the Department for Education in confidence. Thornby needs 120 places.'],
    ['a department\'s terms forbidding disclosure', 'The figures were supplied by the Home Office on terms which forbid their disclosure to the public: 40 families will move in.'],
    ['the department as subject', 'The Department for Levelling Up, Housing and Communities shared the draft allocation with us on condition that it is not published. We get £4.2m.'],
    ['information under a court order', "The details of the family's case are subject to a court order, but the children now live in Quayside."],
    ['a court direction not to name', 'The High Court has ordered that the tenant must not be named. She is 34 and lives on Church Street.'],
    ['reporting restrictions in force', 'Reporting restrictions apply to the case, which concerns a 15-year-old from the Castle ward.'],
    ['reporting restrictions imposed', 'The youth court imposed reporting restrictions on Tuesday; the boy attends Thornby Academy.'],
    ['a statutory bar', 'The figures come from HMRC and are prohibited from disclosure under section 18 of the Commissioners for Revenue and Customs Act 2005.'],
    ['a s.100A(3) declaration', 'This release contains confidential information as defined in section 100A(3) of the Local Government Act 1972.'],
  ])('%s in a press release', async (_name, body) => {
    const found = await hits(release(body));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 2, clause: rule.meta.clause, suggestion: rule.meta.suggestion });
    expect(found[0]!.message).toMatch(/^This press release is for the public \(council publicity\) but carries .*\(LGA 1972 s\.100A\(3\)\)/);
  });

  it('reports where: the line and column of the wording, quoted in the message', async () => {
    const text = release('Cllr Sunita Ravensworth welcomed the news. The figures were provided by the Department for Education in confidence.');
    const [h] = await hits(text);
    const line = text.split('\n')[h!.line - 1]!;
    expect(line.slice(h!.column - 1)).toMatch(/^provided by the Department for Education in confidence/);
    expect(h!.message).toContain('"provided by the Department for Education in confidence"');
    expect(h!.message).toContain('s.100A(3)(a)');
  });

  it('flags a public report that declares itself confidential, and "the public must be excluded" for this item', async () => {
    const found = await hits(
      report('2.1 This report contains confidential information as defined in section 100A(3) of the Local Government Act 1972.\n\n2.2 The public must be excluded while this report is considered, because it involves the disclosure of confidential information (s.100A(2)).'),
    );
    expect(found.map((h) => h.message.match(/carries (a statement that [^:]+):/)?.[1])).toEqual([
      'a statement that it holds confidential information within s.100A(3)',
      'a statement that the public must be excluded because of confidential information (s.100A(2))',
    ]);
    expect(found[0]!.message).toMatch(/^This report is for the public \(a public committee paper\)/);
  });

  it('is an error to the press, the public or a parish council, a warning to another public body', async () => {
    const body = 'The Home Office has shared its placement plan with us in confidence: 40 families move to Market Street in June.';
    const press = await hits(mail(GAZETTE, body), { filePath: 'a.eml' });
    expect(press.map((h) => h.severity)).toEqual([2]);
    expect(press[0]!.message).toContain('This email goes to Dana Example <dana.example@wexcombegazette.co.uk> (the press)');
    expect((await hits(mail('Sam Example <sam.example@example.com>', body), { filePath: 'b.eml' })).map((h) => h.severity)).toEqual([2]);
    const parish = await hits(mail('Thornby Parish Council Clerk <clerk@thornby-pc.gov.uk>', body), { filePath: 'c.eml' });
    expect(parish.map((h) => h.severity)).toEqual([2]);
    expect(parish[0]!.message).toContain('(a parish or town council)');
    const police = await hits(mail('Safer Neighbourhood Team <snt.wexcombe@example.police.uk>', body, 'Helena Marchbank <helena.marchbank@wexcombe.gov.uk>'), { filePath: 'd.eml' });
    expect(police.map((h) => h.severity)).toEqual([1]);
    expect(police[0]!.message).toContain('(another public body)');
  });

  it('is not cleared by an approval: no public interest test, no approver can release it', async () => {
    const body = 'The Department for Education provided the figures in confidence: Thornby needs 120 places.\n\nApproved for release by Helena Marchbank, Director of Place, 9 March 2027.';
    expect(await hits(mail(GAZETTE, body), { filePath: 'a.eml' })).toHaveLength(1);
  });

  it('reads forwarded council messages, but not a message quoted from outside the council', async () => {
    const forwarded = mail(GAZETTE, 'See below.\n\n-----Original Message-----\nFrom: Democratic Services <democratic.services@wexcombe.gov.uk>\nSent: 02 March 2027 16:12\nTo: All Members <all.members@wexcombe.gov.uk>\nSubject: Market Street\n\nThe Home Office supplied the placement figures on terms which forbid their disclosure to the public.');
    expect(await hits(forwarded, { filePath: 'fw.eml' })).toHaveLength(1);
    const question = eml(
      { from: 'Nkechi Holloway-Brandt <nkechi.holloway-brandt@wexcombe.gov.uk>', to: GAZETTE, subject: 'Re: case' },
      'Hi Dana,\n\nWe will send a statement on Friday.\n\nNkechi\n\n-----Original Message-----\nFrom: Dana Example <dana.example@wexcombegazette.co.uk>\nSent: 15 March 2027 09:00\nTo: Press Office <press.office@wexcombe.gov.uk>\nSubject: case\n\nI hear the family case is subject to a court order and reporting restrictions apply. Can you confirm?\n',
    );
    expect(await hits(question, { filePath: 're.eml' })).toEqual([]);
  });
});

describe(`${ID}: what it does not flag (precision traps)`, () => {
  it.each([
    ['the law explained', 'The Local Government Act 1972 distinguishes confidential information from exempt information.'],
    [
      'the definition quoted',
      'Confidential information is defined as information furnished to the council by a Government department upon terms (however expressed) which forbid the disclosure of the information to the public, and information the disclosure of which to the public is prohibited by or under any enactment or by the order of a court.',
    ],
    ['the exclusion rule in general', 'Where confidential information would be disclosed, the public must be excluded from the meeting; there is no public interest test.'],
    ['a public court order the council obtained', 'The council obtained a court order requiring the landlord to repair the roof of 12 Church Street.'],
    ['a person, not information, under an order', 'The landlord is subject to a court order requiring the work to be finished by 30 April 2027.'],
    ['restrictions lifted', 'Reporting restrictions were lifted at the end of the hearing at Wexcombe Magistrates\' Court.'],
    ['an order discharged (read for the whole document)', 'The injunction was discharged on 3 March 2027. The details of the case were subject to a court order until then.'],
    ['negation', 'No reporting restrictions apply to the case, and the order is available from the court.'],
    ['negated terms', 'The Department for Education did not provide the figures in confidence; they are on its website.'],
    ['not subject to an order', 'The information is not subject to any court order and is published on the council website.'],
    ['a hypothetical', 'If reporting restrictions apply, the council will say so.'],
    ['a question', 'Is the information subject to a court order?'],
    ['a refusal', 'The council cannot comment on the case while reporting restrictions apply.'],
    ['withheld from the text', 'Figures supplied by the Home Office in confidence have been removed from this release.'],
    ['an exempt appendix', 'The allocation, provided by the Department for Education in confidence, is set out in the exempt appendix.'],
    ['"in confidence" used loosely', 'Residents told Cllr Oswin Carraway in confidence that they are worried about speeding on Castle Hill.'],
    ['a resident, not a department, telling', "The Home Office's plan, given to me in confidence by a resident, is worrying."],
    ["the council's own department", "The council's Housing Department of Place provided the figures in confidence."],
    ['a department named, nothing confidential', 'Warm Homes: Local Grant is funded by the Department for Energy Security and Net Zero.'],
  ])('%s', async (_name, body) => {
    expect(await hits(release(body))).toEqual([]);
    expect(await hits(report(body))).toEqual([]);
  });

  it('does not flag minutes recording an exclusion resolution that cites s.100A(3)', async () => {
    const minutes =
      '# Minutes of the meeting of Cabinet held on 8 April 2027\n\n**Present:** Councillor Philippa Dunstable (Leader, in the Chair).\n\nCAB/95 EXCLUSION OF THE PRESS AND PUBLIC\n\nRESOLVED that the public be excluded from the meeting for the following item on the grounds that it involved the likely disclosure of confidential information as defined in section 100A(3) of the Local Government Act 1972, which was supplied by a Government department on terms which forbid its disclosure to the public.\n\nThe public must be excluded for the following item because it involves confidential information.\n';
    expect(await hits(minutes)).toEqual([]);
  });

  it('does not flag an agenda announcing a private item', async () => {
    const agenda =
      '# Cabinet, 8 April 2027\n\nAGENDA\n\n1. Apologies for absence\n\n2. Market Street offices\n\nThe public must be excluded for the following item because this report contains confidential information as defined in section 100A(3) of the Local Government Act 1972.\n';
    expect(await hits(agenda, { kind: 'agenda' })).toEqual([]);
  });

  it('does not flag a paper withheld from the public', async () => {
    const body = 'The Home Office supplied the placement figures on terms which forbid their disclosure to the public.';
    expect(await hits(report(body, '**NOT FOR PUBLICATION**\n\n'))).toEqual([]);
    expect(await hits(`---\nkind: report\nclassification: exempt\nexemptParagraphs: [3]\n---\n\n${body}\n`, { filePath: 'r.md' })).toEqual([]);
    expect(await hits(report(body))).toHaveLength(1);
  });

  it('does not flag internal or members-only emails', async () => {
    const body = 'The Department for Education has provided its draft pupil place allocations to the council in confidence, and reporting restrictions apply to the youth court case.';
    expect(await hits(mail('All Members <all.members@wexcombe.gov.uk>', body), { filePath: 'm.eml' })).toEqual([]);
    expect(await hits(mail('Yasmin Treloar <yasmin.treloar@wexcombe.gov.uk>', body, 'Helena Marchbank <helena.marchbank@wexcombe.gov.uk>'), { filePath: 'i.eml' })).toEqual([]);
    expect(await hits(mail(GAZETTE, body), { filePath: 'p.eml' })).toHaveLength(1);
  });

  it('does not flag letters unless config says they are for the press or the public', async () => {
    const letter = 'Dear Mr Example,\n\nThe details of your case are subject to a court order, so please keep this letter safe.\n\nYours sincerely\n\nHousing Options\n';
    expect(await hits(letter, { kind: 'letter' })).toEqual([]);
    const forced = await checkConf(letter, { kind: 'letter', audience: 'public' });
    expect(hitsOf(forced, ID)).toHaveLength(1);
  });
});

describe(`${ID}: the seed protocols`, () => {
  const SEEDS = path.resolve(ROOT, '../shared/seeds');
  const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));

  it('gets no finding on any seed as read', async () => {
    expect(files).toHaveLength(5);
    const run = await lintFiles([SEEDS], { cwd: SEEDS, noIgnore: true, rules: confidentialRules });
    expect(run.results).toHaveLength(5);
    for (const r of run.results) expect(r.messages.filter((m) => m.ruleId === ID), r.filePath).toEqual([]);
  });

  it.each(files)('gets no finding on %s even read as a public report or a press release', async (file) => {
    const text = readFileSync(path.join(SEEDS, file), 'utf8');
    for (const kind of ['report', 'press-release'] as const) {
      const result = await checkConf(text, { kind, audience: 'public', filePath: file });
      expect(hitsOf(result, ID), `${file} as ${kind}`).toEqual([]);
    }
  });
});

describe(`${ID} in the registry and explain`, () => {
  it('is registered once, at the end of its family, with error as its default', () => {
    expect(allRules().filter((r) => r.meta.id === ID)).toHaveLength(1);
    expect(confidentialRules[confidentialRules.length - 1]!.meta.id).toBe(ID);
    expect(rule.meta).toMatchObject({ family: 'confidential', defaultSeverity: 'error', audiences: ['external', 'press', 'public'] });
    expect(rule.meta.clause).toMatch(/s\.100A\(3\)/);
    expect(rule.meta.suggestion).toBe(
      'Remove the information, or withhold the document: statutory confidential information cannot be published and no public interest test applies; ask the Monitoring Officer.',
    );
  });

  it('is explained from its doc, which quotes s.100A(3) and the seeds exactly', () => {
    const help = ruleHelp(ID)!.replace(/\s+/g, ' ').replace(/ > /g, ' ');
    expect(help).toContain(
      '"(a) information furnished to the council by a Government department upon terms (however expressed) which forbid the disclosure of the information to the public; and (b) information the disclosure of which to the public is prohibited by or under any enactment or by the order of a court"',
    );
    expect(help).toContain('as enacted');
    const seed = (f: string) => readFileSync(path.resolve(ROOT, '../shared/seeds', f), 'utf8').replace(/\s+/g, ' ');
    // Blackburn with Darwen Section 3 para C 3.7, and North Northamptonshire Part 8.4 para 8.2, as in the seeds
    const blackburn = 'does not extend to seeing papers which contain confidential or exempt information such as information relating to individual service users or information which is commercially confidential.';
    expect(seed('004_2317024b8b124070.txt')).toContain(blackburn);
    expect(help).toContain(blackburn);
    expect(seed('001_f59845874d4538a6.txt')).toContain('It is not barred by legislation from being given');
    expect(help).toContain('It is not barred by legislation from being given');
    const text = explainRule(ID)!;
    expect(text).toContain('Default level:  error');
    expect(text).toMatch(/## What it checks[\s\S]*## How to fix/);
    expect(text).toContain('Monitoring Officer');
  });
});
