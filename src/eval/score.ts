/**
 * The eval scorer: labels + lint results + evidence locations ─▶ figures. Pure (no I/O), so it can be
 * tested on hand-made results.
 *
 * Definitions (printed in the report header and in the README):
 * - A *pair* is (document, family) for every labelled document and every family scored.
 * - expected: the family is in the label's `expect`. flagged: the document has at least one finding whose
 *   ruleId starts with `<family>/`. `input/` and `directive/` findings count for no family.
 * - caught = expected ∧ flagged; missed = expected ∧ ¬flagged; false alarm = flagged ∧ ¬expected.
 * - recall = caught / expected; precision = caught / (caught + false alarms);
 *   located = caught pairs where some finding of the family lands on an evidence string / caught.
 *   A finding lands when its lines [line, endLine] come within ±1 line of the evidence's lines; when both
 *   the finding and the evidence have a page (PDF), when they are on the same page instead. Findings in
 *   e-mail attachments never land (evidence is in the message's own text).
 * - With a zero denominator a ratio is 1 (nothing was missed / nothing was wrongly flagged / nothing
 *   failed to point); the text report prints "-" there so it is not mistaken for a result.
 * - Overall figures are micro-averaged: sums over all pairs of the families scored.
 */
import path from 'node:path';
import type { FileResult, Finding, Kind } from '../types.js';
import type { Family } from '../engine/rule.js';
import { FAMILIES, isFamily, type Label } from './labels.js';
import type { EvidenceMatch, EvidenceSpan, LocatedEvidence } from './locate.js';

export interface ScoreInput {
  labels: readonly Label[];
  /** Lint result per document, keyed by `Label.file`. A label with no result counts as not read. */
  results: ReadonlyMap<string, FileResult>;
  /** Located evidence per document, keyed by `Label.file` (see `locateEvidence`). */
  evidence: ReadonlyMap<string, readonly LocatedEvidence[]>;
  /** Families to score (default: all four). */
  families?: readonly Family[];
}

/** A finding, as much of it as a report line needs. */
export interface FindingRef {
  ruleId: string;
  message: string;
  line: number;
  endLine: number;
  page?: number;
  attachment?: string;
}

export interface Tally {
  expected: number;
  caught: number;
  missed: number;
  falseAlarms: number;
  /** caught + falseAlarms */
  flagged: number;
  /** Caught pairs with a finding on the evidence. */
  located: number;
  recall: number;
  precision: number;
  locatedRate: number;
}

export interface Breakdown extends Tally {
  documents: number;
  /** Documents that were read (no input/ finding). */
  read: number;
  /** Evidence strings of the scored families, by how they were found. */
  evidence: Record<EvidenceMatch, number> & { total: number };
  /** Read documents whose detected kind matches the label. */
  kindCorrect: number;
}

export interface PairResult {
  file: string;
  family: Family;
  expected: boolean;
  flagged: boolean;
  /** Only for caught pairs. */
  located?: boolean;
  findings: FindingRef[];
}

export interface Miss {
  file: string;
  family: Family;
  format: string;
  /** Set when the document was not read: the input/ finding's message. */
  notRead?: string;
  /** Families that did fire on the document. */
  otherFamilies: Family[];
  /** The first finding of another family, if any. */
  firstOther?: FindingRef;
}

export interface FalseAlarm {
  file: string;
  family: Family;
  format: string;
  expect: Family[];
  hardNegative: boolean;
  /** How many findings of the family. */
  count: number;
  first: FindingRef;
}

export interface NotLocated {
  file: string;
  family: Family;
  format: string;
  /** The family's findings (at most 5). */
  findings: FindingRef[];
  /** Where the family's evidence is (empty when it was not found). */
  evidence: EvidenceSpan[];
}

export interface EvidenceProblem {
  file: string;
  family: Family;
  format: string;
  text: string;
  match: 'normalised' | 'missing';
}

export interface InputProblem {
  file: string;
  format: string;
  ruleId: string;
  message: string;
}

export interface KindScore {
  documents: number;
  read: number;
  correct: number;
  /** correct / read (1 when nothing was read). */
  accuracy: number;
  mismatches: Array<{ file: string; expected: Kind; detected: Kind }>;
}

export interface EvalScore {
  documents: number;
  families: Family[];
  byFamily: Partial<Record<Family, Tally>>;
  overall: Tally;
  misses: Miss[];
  falseAlarms: FalseAlarm[];
  notLocated: NotLocated[];
  evidenceProblems: EvidenceProblem[];
  inputProblems: InputProblem[];
  kind: KindScore;
  /** By file extension (".eml", ".md", ...). */
  byFormat: Record<string, Breakdown>;
  /** By labelled kind. */
  byKind: Record<string, Breakdown>;
  pairs: PairResult[];
}

export function familyOf(ruleId: string): Family | undefined {
  const prefix = ruleId.split('/')[0];
  return isFamily(prefix) ? prefix : undefined;
}

export function formatOf(file: string): string {
  return path.posix.extname(file).toLowerCase() || '(none)';
}

function ref(f: Finding): FindingRef {
  const r: FindingRef = { ruleId: f.ruleId, message: f.message, line: f.line, endLine: Math.max(f.endLine ?? f.line, f.line) };
  if (f.page !== undefined) r.page = f.page;
  if (f.attachment) r.attachment = f.attachment;
  return r;
}

/** Does a finding land on an evidence span? ±1 line, or the same page when both have one. */
export function landsOn(f: FindingRef, s: EvidenceSpan): boolean {
  if (f.attachment) return false;
  if (f.page !== undefined && s.page !== undefined) return f.page === s.page;
  return f.line <= s.endLine + 1 && f.endLine >= s.line - 1;
}

function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d;
}

function emptyTally(): Tally {
  return { expected: 0, caught: 0, missed: 0, falseAlarms: 0, flagged: 0, located: 0, recall: 1, precision: 1, locatedRate: 1 };
}

function emptyBreakdown(): Breakdown {
  return { ...emptyTally(), documents: 0, read: 0, evidence: { total: 0, exact: 0, normalised: 0, missing: 0, unread: 0 }, kindCorrect: 0 };
}

function finish<T extends Tally>(t: T): T {
  t.flagged = t.caught + t.falseAlarms;
  t.recall = ratio(t.caught, t.expected);
  t.precision = ratio(t.caught, t.flagged);
  t.locatedRate = ratio(t.located, t.caught);
  return t;
}

function addPair(t: Tally, expected: boolean, flagged: boolean, located: boolean | undefined): void {
  if (expected) t.expected++;
  if (expected && flagged) t.caught++;
  if (expected && !flagged) t.missed++;
  if (!expected && flagged) t.falseAlarms++;
  if (located) t.located++;
}

export function score(input: ScoreInput): EvalScore {
  const families = [...(input.families ?? FAMILIES)].filter((f, i, a) => a.indexOf(f) === i);
  const byFamily: Partial<Record<Family, Tally>> = {};
  for (const f of families) byFamily[f] = emptyTally();
  const overall = emptyTally();
  const byFormat: Record<string, Breakdown> = {};
  const byKind: Record<string, Breakdown> = {};
  const misses: Miss[] = [];
  const falseAlarms: FalseAlarm[] = [];
  const notLocated: NotLocated[] = [];
  const evidenceProblems: EvidenceProblem[] = [];
  const inputProblems: InputProblem[] = [];
  const pairs: PairResult[] = [];
  const kind: KindScore = { documents: 0, read: 0, correct: 0, accuracy: 1, mismatches: [] };

  for (const label of input.labels) {
    const format = formatOf(label.file);
    const fmt = (byFormat[format] ??= emptyBreakdown());
    const knd = (byKind[label.kind] ??= emptyBreakdown());
    const result = input.results.get(label.file);
    const messages = result?.messages ?? [];
    const inputFindings = messages.filter((m) => m.ruleId.startsWith('input/'));
    for (const m of inputFindings) inputProblems.push({ file: label.file, format, ruleId: m.ruleId, message: m.message });
    if (!result) inputProblems.push({ file: label.file, format, ruleId: '(none)', message: 'no result: the file was not checked (is it ignored by the config?)' });
    const read = result !== undefined && inputFindings.length === 0;
    const notRead = !result ? 'not checked' : inputFindings.length > 0 ? `${inputFindings[0]!.ruleId}: ${inputFindings[0]!.message}` : undefined;

    fmt.documents++;
    knd.documents++;
    kind.documents++;
    if (read) {
      fmt.read++;
      knd.read++;
      kind.read++;
      if (result.kind === label.kind) {
        kind.correct++;
        fmt.kindCorrect++;
        knd.kindCorrect++;
      } else kind.mismatches.push({ file: label.file, expected: label.kind, detected: result.kind });
    }

    const byFam = new Map<Family, Finding[]>();
    for (const m of messages) {
      const f = familyOf(m.ruleId);
      if (!f) continue;
      const list = byFam.get(f);
      if (list) list.push(m);
      else byFam.set(f, [m]);
    }
    const fired = FAMILIES.filter((f) => byFam.has(f));
    const located = input.evidence.get(label.file) ?? [];

    for (const ev of located) {
      if (!families.includes(ev.family)) continue;
      fmt.evidence.total++;
      knd.evidence.total++;
      fmt.evidence[ev.match]++;
      knd.evidence[ev.match]++;
      if (ev.match === 'normalised' || ev.match === 'missing') {
        evidenceProblems.push({ file: label.file, family: ev.family, format, text: ev.text, match: ev.match });
      }
    }

    for (const family of families) {
      const expected = label.expect.includes(family);
      const findings = (byFam.get(family) ?? []).map(ref);
      const flagged = findings.length > 0;
      let isLocated: boolean | undefined;
      if (expected && flagged) {
        const spans = located.filter((e) => e.family === family).flatMap((e) => e.spans);
        isLocated = findings.some((f) => spans.some((s) => landsOn(f, s)));
        if (!isLocated) notLocated.push({ file: label.file, family, format, findings: findings.slice(0, 5), evidence: spans });
      }
      for (const t of [byFamily[family]!, overall, fmt, knd]) addPair(t, expected, flagged, isLocated);
      const pair: PairResult = { file: label.file, family, expected, flagged, findings };
      if (isLocated !== undefined) pair.located = isLocated;
      pairs.push(pair);

      if (expected && !flagged) {
        const others = fired.filter((f) => f !== family);
        const firstOther = messages.find((m) => {
          const f = familyOf(m.ruleId);
          return f !== undefined && f !== family;
        });
        const miss: Miss = { file: label.file, family, format, otherFamilies: others };
        if (notRead) miss.notRead = notRead;
        if (firstOther) miss.firstOther = ref(firstOther);
        misses.push(miss);
      }
      if (!expected && flagged) {
        falseAlarms.push({ file: label.file, family, format, expect: [...label.expect], hardNegative: Boolean(label.hardNegative), count: findings.length, first: findings[0]! });
      }
    }
  }

  for (const f of families) finish(byFamily[f]!);
  finish(overall);
  for (const b of [...Object.values(byFormat), ...Object.values(byKind)]) finish(b);
  kind.accuracy = ratio(kind.correct, kind.read);
  const order = (a: { family: Family; file: string }, b: { family: Family; file: string }) =>
    FAMILIES.indexOf(a.family) - FAMILIES.indexOf(b.family) || a.file.localeCompare(b.file);
  misses.sort(order);
  falseAlarms.sort(order);
  notLocated.sort(order);

  return {
    documents: input.labels.length,
    families,
    byFamily,
    overall,
    misses,
    falseAlarms,
    notLocated,
    evidenceProblems,
    inputProblems,
    kind,
    byFormat: sortKeys(byFormat),
    byKind: sortKeys(byKind),
    pairs,
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

export interface Thresholds {
  minRecall?: number;
  minPrecision?: number;
  maxFalseAlarms?: number;
}

/** Which thresholds the figures fail, as sentences for stderr (empty when all pass). */
export function failedThresholds(s: EvalScore, t: Thresholds): string[] {
  const out: string[] = [];
  const eps = 1e-9;
  if (t.minRecall !== undefined && s.overall.recall + eps < t.minRecall) {
    out.push(`recall ${s.overall.recall.toFixed(3)} is below --min-recall ${t.minRecall}`);
  }
  if (t.minPrecision !== undefined && s.overall.precision + eps < t.minPrecision) {
    out.push(`precision ${s.overall.precision.toFixed(3)} is below --min-precision ${t.minPrecision}`);
  }
  if (t.maxFalseAlarms !== undefined && s.overall.falseAlarms > t.maxFalseAlarms) {
    out.push(`${s.overall.falseAlarms} false alarms is more than --max-false-alarms ${t.maxFalseAlarms}`);
  }
  return out;
}

/** The one-line summary that ends the report. */
export function summaryLine(s: EvalScore): string {
  const o = s.overall;
  return `eval: recall ${o.recall.toFixed(2)} precision ${o.precision.toFixed(2)} located ${o.locatedRate.toFixed(2)} (${s.documents} docs)`;
}
