/**
 * JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure DevOps...).
 *
 * One <testsuite> per checked file, one <testcase> per finding with a <failure> (type = severity), and one
 * passing <testcase> for a file with no findings. A file that could not be read (input/ findings) is an
 * <error>, as JUnit means it: the check could not run. What the reader noticed about a file (a legacy
 * encoding, front matter ignored, an attachment not checked: `FileResult.warnings`) is the suite's
 * <system-out>, after its test cases, as the JUnit schema orders them; it is neither a failure nor an error.
 * Everything is escaped, and characters that XML 1.0 cannot carry at all (most C0 controls) are replaced
 * with U+FFFD.
 */
import type { Finding } from '../types.js';
import { familyOf, placeText, prepare, readerNotes, severityName, type ReportFile } from './common.js';
import { escapeXmlAttr, escapeXmlText } from './escape.js';
import type { Formatter } from './types.js';

function attrs(pairs: Array<[string, string | number | undefined]>): string {
  return pairs
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`)
    .join('');
}

function details(f: Finding): string {
  const lines = [`${severityName(f)}: ${f.message}`, `Rule: ${f.ruleId}`, `Where: ${placeText(f)}`];
  if (f.context || f.excerpt) lines.push(`Text: “${f.context ?? f.excerpt}”`);
  if (f.clause) lines.push(`Why: ${f.clause}`);
  if (f.suggestion) lines.push(`What to do: ${f.suggestion}`);
  for (const n of f.notes ?? []) lines.push(`Note: ${n}`);
  return lines.join('\n');
}

function testcase(file: ReportFile, f: Finding): string {
  const isError = familyOf(f.ruleId) === 'input';
  const name = `${f.ruleId} at ${f.attachment ? `${f.attachment} ` : ''}${f.page !== undefined ? `p${f.page} ` : ''}${f.line}:${f.column}`;
  const head = `    <testcase${attrs([['name', name], ['classname', file.path], ['file', file.path], ['line', f.line]])}>`;
  const tag = isError ? 'error' : 'failure';
  const body = `      <${tag}${attrs([['message', f.message], ['type', isError ? f.ruleId : severityName(f)]])}>${escapeXmlText(details(f))}</${tag}>`;
  return `${head}\n${body}\n    </testcase>`;
}

export const junit: Formatter = (results, ctx) => {
  const files = prepare(results, ctx.cwd);
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const suites: string[] = [];
  for (const file of files) {
    const fileErrors = file.findings.filter((f) => familyOf(f.ruleId) === 'input').length;
    const fileFailures = file.findings.length - fileErrors;
    const fileTests = Math.max(1, file.findings.length);
    tests += fileTests;
    failures += fileFailures;
    errors += fileErrors;
    const props = [
      ['kind', file.result.kind],
      ['format', file.result.format],
      ['audience', file.result.audience],
      ['errorCount', file.result.errorCount],
      ['warningCount', file.result.warningCount],
      ['suppressedCount', file.result.suppressedCount],
    ] as Array<[string, string | number | undefined]>;
    const out = [
      `  <testsuite${attrs([['name', file.path], ['tests', fileTests], ['failures', fileFailures], ['errors', fileErrors], ['skipped', 0]])}>`,
      '    <properties>',
      ...props.filter(([, v]) => v !== undefined).map(([k, v]) => `      <property${attrs([['name', k], ['value', v]])}/>`),
      '    </properties>',
    ];
    if (file.findings.length === 0) out.push(`    <testcase${attrs([['name', 'no problems found'], ['classname', file.path], ['file', file.path]])}/>`);
    for (const f of file.findings) out.push(testcase(file, f));
    const notes = readerNotes(file.result);
    if (notes.length > 0) {
      const text = ['Notes from reading the file (not findings):', ...notes.map((n) => `- ${n}`)].join('\n');
      out.push(`    <system-out>${escapeXmlText(text)}</system-out>`);
    }
    out.push('  </testsuite>');
    suites.push(out.join('\n'));
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs([['name', 'protocol-lint'], ['tests', tests], ['failures', failures], ['errors', errors]])}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};
