/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * Paths are relative to the working folder (uriBaseId %SRCROOT%, resolved by originalUriBaseIds), so the log
 * is the same wherever the repository is checked out. `partialFingerprints["protocolLint/v1"]` identifies a
 * finding across runs (rule + normalised text + file + occurrence, not the line), so an alert survives edits
 * above it. Snippets come only from the finding's excerpt, which the engine has already masked when it is
 * personal data.
 *
 * What the reader noticed about a file (`FileResult.warnings`: a legacy encoding, front matter ignored, an
 * attachment not checked) is not a result: it is a tool execution notification of level "warning" located
 * at the file (`runs[0].invocations[0].toolExecutionNotifications`). The invocation is there only when some
 * file has notes, and says the run itself succeeded.
 */
import { pathToFileURL } from 'node:url';
import type { Finding } from '../types.js';
import { familyOf, prepare, readerNotes, severityName, type ReportFile } from './common.js';
import { markdownToText } from './escape.js';
import type { Formatter, ReportContext, RuleInfo } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/protocol-lint';
export const FINGERPRINT_KEY = 'protocolLint/v1';
const SRCROOT = '%SRCROOT%';

type Json = Record<string, unknown>;

/** A relative path as a relative URI reference: each segment percent-encoded (so `:`, `#`, `?`, spaces are safe). */
export function pathToUriReference(relPath: string): string {
  return relPath
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function artifactLocation(file: ReportFile): Json {
  // A path that could not be made relative (another drive) is given as an absolute file: URI.
  if (/^([A-Za-z]:)?\//.test(file.path)) return { uri: pathToFileURL(file.result.filePath).href };
  return { uri: pathToUriReference(file.path), uriBaseId: SRCROOT };
}

function level(severity: string): 'error' | 'warning' | 'note' | 'none' {
  if (severity === 'error') return 'error';
  if (severity === 'warning') return 'warning';
  if (severity === 'off') return 'none';
  return 'note';
}

function ruleDescriptor(id: string, info: RuleInfo | undefined): Json {
  const description = info?.description ?? id;
  const fallbackHelp = [description, info?.clause ? `Why: ${info.clause}` : '', info?.suggestion ? `What to do: ${info.suggestion}` : '']
    .filter(Boolean)
    .join('\n\n');
  const help: Json = info?.help ? { text: markdownToText(info.help), markdown: info.help } : { text: fallbackHelp };
  const properties: Json = { tags: [familyOf(id)] };
  if (info?.clause) properties.clause = info.clause;
  if (info?.suggestion) properties.suggestion = info.suggestion;
  return {
    id,
    shortDescription: { text: description },
    fullDescription: { text: info?.clause ? `${description} (${info.clause})` : description },
    help,
    defaultConfiguration: { level: level(info?.defaultSeverity ?? 'warning') },
    properties,
  };
}

function region(f: Finding): Json {
  const int = (n: number, min: number) => (Number.isInteger(n) && n >= min ? n : min);
  const startLine = int(f.line, 1);
  const startColumn = int(f.column, 1);
  const endLine = Math.max(startLine, int(f.endLine, 1));
  let endColumn = int(f.endColumn, 1);
  if (endLine === startLine && endColumn < startColumn) endColumn = startColumn;
  const r: Json = { startLine, startColumn, endLine, endColumn };
  if (f.excerpt) r.snippet = { text: f.excerpt };
  return r;
}

function resultProperties(f: Finding, file: ReportFile): Json {
  const p: Json = {};
  if (f.page !== undefined) p.page = f.page;
  if (f.attachment) p.attachment = f.attachment;
  if (f.clause) p.clause = f.clause;
  if (f.suggestion) p.suggestion = f.suggestion;
  if (f.context) p.context = f.context;
  if (f.notes?.length) p.notes = f.notes;
  p.documentKind = file.result.kind;
  return p;
}

export const sarif: Formatter = (results, ctx: ReportContext) => {
  const files = prepare(results, ctx.cwd);

  const ruleIds = [...new Set(files.flatMap((f) => f.findings.map((m) => m.ruleId)))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));

  const artifacts = files.map((file) => {
    const properties: Json = { kind: file.result.kind };
    if (file.result.format) properties.format = file.result.format;
    if (file.result.audience) properties.audience = file.result.audience;
    if (file.result.suppressedCount) properties.suppressedCount = file.result.suppressedCount;
    return { location: artifactLocation(file), roles: ['analysisTarget'], properties };
  });

  const sarifResults = files.flatMap((file, artifactIndex) =>
    file.findings.map((f, i) => {
      const location: Json = {
        physicalLocation: { artifactLocation: { ...artifactLocation(file), index: artifactIndex }, region: region(f) },
      };
      if (f.attachment || f.page !== undefined) {
        const where = [f.attachment ? `attachment “${f.attachment}”` : '', f.page !== undefined ? `page ${f.page}` : ''].filter(Boolean).join(', ');
        location.message = { text: `In ${where}` };
      }
      return {
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: severityName(f),
        message: { text: f.clause ? `${f.message} — ${f.clause}` : f.message },
        locations: [location],
        partialFingerprints: { [FINGERPRINT_KEY]: file.ids[i] },
        properties: resultProperties(f, file),
      };
    }),
  );

  const notifications = files.flatMap((file, artifactIndex) =>
    readerNotes(file.result).map((text) => ({
      level: 'warning',
      message: { text },
      locations: [{ physicalLocation: { artifactLocation: { ...artifactLocation(file), index: artifactIndex } } }],
    })),
  );
  const invocations = notifications.length > 0 ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }] } : {};

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'protocol-lint',
            version: ctx.toolVersion,
            semanticVersion: ctx.toolVersion,
            informationUri: INFORMATION_URI,
            rules: ruleIds.map((id) => ruleDescriptor(id, ctx.rules.get(id))),
          },
        },
        ...invocations,
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(ctx.cwd).href.replace(/\/?$/, '/') } },
        artifacts,
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
