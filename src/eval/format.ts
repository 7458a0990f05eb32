/**
 * The eval's text report: a header with the definitions, the per-family table, every miss and false alarm,
 * evidence that could not be found, unreadable files, kind detection, per-format and per-kind tables, and
 * one summary line at the end. Pure: returns a string.
 */
import type { Breakdown, EvalScore, FindingRef, Tally } from './score.js';
import { summaryLine } from './score.js';

export interface ReportInfo {
  corpus: string;
  configFile: string;
  /** True when --family narrowed the families. */
  familiesLimited?: boolean;
  /** Where the rules came from, when not the registry. */
  rulesFrom?: string;
}

const MAX_MESSAGE = 110;

function clip(s: string, n = MAX_MESSAGE): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

/** Readers' messages start with the absolute path; the report already names the file. */
function withoutPath(message: string, file: string): string {
  const i = message.indexOf(file + ': ');
  return i >= 0 ? message.slice(i + file.length + 2) : message;
}

function rate(n: number, d: number, value: number): string {
  return d === 0 ? '-' : value.toFixed(2);
}

function table(head: string[], rows: string[][], alignLeft = 1): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < alignLeft ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

function tallyCells(t: Tally): string[] {
  return [
    String(t.expected),
    String(t.caught),
    String(t.missed),
    String(t.falseAlarms),
    rate(t.caught, t.expected, t.recall),
    rate(t.caught, t.flagged, t.precision),
    rate(t.located, t.caught, t.locatedRate),
  ];
}

const TALLY_HEAD = ['expected', 'caught', 'missed', 'false alarms', 'recall', 'precision', 'located'];

function where(f: FindingRef): string {
  const at = f.attachment ? ` (in attachment ${f.attachment})` : '';
  return `${f.page !== undefined ? `p.${f.page} ` : ''}line ${f.line}${at}`;
}

function findingText(f: FindingRef): string {
  return `${f.ruleId}: "${clip(f.message)}"`;
}

function breakdownRows(b: Record<string, Breakdown>): string[][] {
  return Object.entries(b).map(([k, v]) => {
    const ev = v.evidence;
    const found = ev.exact + ev.normalised;
    const evidence = ev.total === 0 ? '-' : `${found}/${ev.total}${ev.normalised ? ` (${ev.normalised} norm.)` : ''}`;
    return [k, String(v.documents), String(v.read), evidence, ...tallyCells(v), v.read === 0 ? '-' : `${v.kindCorrect}/${v.read}`];
  });
}

export function formatReport(s: EvalScore, info: ReportInfo): string {
  const out: string[] = [];
  const fams = info.familiesLimited ? s.families.join(', ') : 'all four';
  out.push(`protocol-lint eval: ${info.corpus}`);
  out.push(`${s.documents} labelled documents; config ${info.configFile}; families: ${fams}${info.rulesFrom ? `; rules from ${info.rulesFrom}` : ''}`);
  out.push('');
  out.push('How to read: a pair is (document, family). caught = expected and flagged; missed = expected, not flagged;');
  out.push('false alarm = flagged, not expected. recall = caught/expected; precision = caught/(caught + false alarms);');
  out.push('located = share of caught pairs with a finding of that family within ±1 line of an evidence string (same');
  out.push('page for PDF). "-" = nothing to divide by (counted as 1.00 in the summary). input/ and directive/ findings');
  out.push('count for no family. Totals are micro-averaged over pairs.');
  out.push('');

  const rows = s.families.map((f) => [f, ...tallyCells(s.byFamily[f]!)]);
  rows.push(['all', ...tallyCells(s.overall)]);
  out.push(table(['family', ...TALLY_HEAD], rows));
  out.push('');

  out.push(`Misses (${s.misses.length})`);
  if (s.misses.length === 0) out.push('  none');
  for (const m of s.misses) {
    let why: string;
    if (m.notRead) why = `not read (${m.notRead.split(':')[0]})`;
    else if (m.otherFamilies.length === 0) why = 'nothing fired';
    else why = `other families fired: ${m.otherFamilies.join(', ')}${m.firstOther ? ` (first: ${where(m.firstOther)} ${findingText(m.firstOther)})` : ''}`;
    out.push(`  ${m.family.padEnd(12)} ${m.file}  ${why}`);
  }
  out.push('');

  out.push(`False alarms (${s.falseAlarms.length})`);
  if (s.falseAlarms.length === 0) out.push('  none');
  for (const a of s.falseAlarms) {
    const expect = a.expect.length ? `expected ${a.expect.join(', ')}` : a.hardNegative ? 'clean, hard negative' : 'clean';
    const more = a.count > 1 ? `; ${a.count} findings` : '';
    out.push(`  ${a.family.padEnd(12)} ${a.file}:${a.first.line}  ${findingText(a.first)} (${expect}${more})`);
  }
  out.push('');

  if (s.notLocated.length > 0) {
    out.push(`Caught but not on the evidence (${s.notLocated.length})`);
    for (const n of s.notLocated) {
      const ev = n.evidence.length
        ? `evidence at ${n.evidence.map((e) => (e.page !== undefined ? `p.${e.page} ` : '') + (e.line === e.endLine ? `line ${e.line}` : `lines ${e.line}-${e.endLine}`)).join(', ')}`
        : 'evidence not found in the checked text';
      out.push(`  ${n.family.padEnd(12)} ${n.file}  findings at ${n.findings.map(where).join(', ')}; ${ev}`);
    }
    out.push('');
  }

  const missing = s.evidenceProblems.filter((p) => p.match === 'missing');
  const normalised = s.evidenceProblems.filter((p) => p.match === 'normalised');
  if (missing.length > 0) {
    out.push(`Evidence not found in the checked text (${missing.length}): a reader bug, or a label to correct`);
    for (const p of missing) out.push(`  ${p.family.padEnd(12)} ${p.file}  "${clip(p.text, 80)}"`);
    out.push('');
  }
  if (normalised.length > 0) {
    out.push(`Evidence found only after normalising whitespace, quotes, dashes or case (${normalised.length})`);
    for (const p of normalised) out.push(`  ${p.family.padEnd(12)} ${p.file}  "${clip(p.text, 80)}"`);
    out.push('');
  }

  out.push(`Files with input/ findings (${s.inputProblems.length})`);
  if (s.inputProblems.length === 0) out.push('  none');
  for (const p of [...s.inputProblems].sort((a, b) => a.file.localeCompare(b.file))) {
    out.push(`  ${p.file}  ${p.ruleId}: ${clip(withoutPath(p.message, p.file))}`);
  }
  out.push('');

  const k = s.kind;
  const notRead = k.documents - k.read;
  out.push(
    `Kind detection: ${k.correct}/${k.read} read documents right (${k.read === 0 ? '-' : k.accuracy.toFixed(2)})${notRead ? `; ${notRead} not read` : ''}`,
  );
  for (const m of k.mismatches) out.push(`  ${m.file}  labelled ${m.expected}, detected ${m.detected}`);
  out.push('');

  const head = ['docs', 'read', 'evidence found', ...TALLY_HEAD, 'kind right'];
  out.push('By format');
  out.push(table(['format', ...head], breakdownRows(s.byFormat)));
  out.push('');
  out.push('By kind (as labelled)');
  out.push(table(['kind', ...head], breakdownRows(s.byKind)));
  out.push('');
  out.push(summaryLine(s));
  return out.join('\n') + '\n';
}

/** The figures for tools (--json). */
export function toJson(s: EvalScore, info: ReportInfo): unknown {
  return {
    corpus: info.corpus,
    config: info.configFile,
    documents: s.documents,
    families: s.families,
    definitions: {
      pair: '(document, family) for every labelled document and every family scored',
      recall: 'caught / expected (1 when nothing is expected)',
      precision: 'caught / (caught + falseAlarms) (1 when nothing is flagged)',
      locatedRate: 'caught pairs with a finding of the family within ±1 line of an evidence string, or on the same page for PDF / caught (1 when nothing is caught)',
      overall: 'micro-averaged over pairs',
    },
    overall: s.overall,
    byFamily: s.byFamily,
    misses: s.misses,
    falseAlarms: s.falseAlarms,
    notLocated: s.notLocated,
    evidenceProblems: s.evidenceProblems,
    inputProblems: s.inputProblems,
    kind: s.kind,
    byFormat: s.byFormat,
    byKind: s.byKind,
    /** Every (document, family) pair, for diffing two runs. */
    pairs: s.pairs.map(({ file, family, expected, flagged, located, findings }) => ({ file, family, expected, flagged, ...(located !== undefined ? { located } : {}), findings: findings.length })),
    summary: summaryLine(s),
  };
}
