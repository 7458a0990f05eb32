/**
 * The labelled corpus format (see ../shared/corpus/README.md): one JSON object per line of `labels.jsonl`,
 * `{ file, kind, expect: Family[], evidence: [{ family, text }], why?, hard_negative? }`.
 * Parsing is strict about shape (a malformed line is an error naming the line) and lenient about
 * consistency (evidence for a family that is not expected is a warning).
 */
import path from 'node:path';
import type { Kind } from '../types.js';
import { KINDS } from '../types.js';
import type { Family } from '../engine/rule.js';

export const FAMILIES: readonly Family[] = ['officer', 'confidential', 'ward', 'publicity'];

export function isFamily(value: unknown): value is Family {
  return typeof value === 'string' && (FAMILIES as readonly string[]).includes(value);
}

export interface Evidence {
  family: Family;
  /** An exact substring of the document's checked text. */
  text: string;
}

export interface Label {
  /** Path relative to the corpus folder, with forward slashes (e.g. `docs/email/x.eml`). */
  file: string;
  kind: Kind;
  expect: Family[];
  evidence: Evidence[];
  why?: string;
  hardNegative?: boolean;
  /** 1-based line in labels.jsonl. */
  line: number;
}

/** A labels file that cannot be used: the message names the file and the line. */
export class LabelError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${source} line ${line}: ${detail}`);
    this.name = 'LabelError';
  }
}

export interface ParsedLabels {
  labels: Label[];
  /** Problems that do not stop scoring (e.g. evidence for a family that is not expected). */
  warnings: string[];
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/** Normalise a label's file path: forward slashes, no leading `./`. */
export function normaliseLabelPath(file: string): string {
  return path.posix.normalize(file.replace(/\\/g, '/')).replace(/^\.\//, '');
}

/** Parse the text of a labels.jsonl file. Blank lines are skipped. Throws LabelError. */
export function parseLabels(text: string, source = 'labels.jsonl'): ParsedLabels {
  const labels: Label[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const n = i + 1;
    if (!raw.trim()) return;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      throw new LabelError(source, n, `not valid JSON (${(e as Error).message.split('\n')[0]})`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new LabelError(source, n, `expected a JSON object, got ${describe(obj)}`);
    const o = obj as Record<string, unknown>;
    if (typeof o.file !== 'string' || !o.file.trim()) throw new LabelError(source, n, `"file" must be a path relative to the corpus folder (got ${describe(o.file)})`);
    const file = normaliseLabelPath(o.file.trim());
    if (path.posix.isAbsolute(file) || file.startsWith('../') || file === '..') {
      throw new LabelError(source, n, `"file" must be inside the corpus folder (got ${describe(o.file)})`);
    }
    const earlier = seen.get(file);
    if (earlier !== undefined) throw new LabelError(source, n, `"${file}" is labelled twice (also on line ${earlier})`);
    seen.set(file, n);
    if (typeof o.kind !== 'string' || !(KINDS as readonly string[]).includes(o.kind)) {
      throw new LabelError(source, n, `"kind" must be one of ${KINDS.join(', ')} (got ${describe(o.kind)})`);
    }
    if (!Array.isArray(o.expect)) throw new LabelError(source, n, `"expect" must be an array of families (${FAMILIES.join(', ')}); use [] for a clean document (got ${describe(o.expect)})`);
    const expect: Family[] = [];
    for (const f of o.expect as unknown[]) {
      if (!isFamily(f)) throw new LabelError(source, n, `"expect" holds ${describe(f)}, which is not a family (${FAMILIES.join(', ')})`);
      if (!expect.includes(f)) expect.push(f);
    }
    const evidenceRaw = o.evidence === undefined ? [] : o.evidence;
    if (!Array.isArray(evidenceRaw)) throw new LabelError(source, n, `"evidence" must be an array of { "family", "text" } (got ${describe(o.evidence)})`);
    const evidence: Evidence[] = [];
    (evidenceRaw as unknown[]).forEach((e, j) => {
      if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new LabelError(source, n, `"evidence[${j}]" must be an object { "family", "text" } (got ${describe(e)})`);
      const ev = e as Record<string, unknown>;
      if (!isFamily(ev.family)) throw new LabelError(source, n, `"evidence[${j}].family" must be one of ${FAMILIES.join(', ')} (got ${describe(ev.family)})`);
      if (typeof ev.text !== 'string' || !ev.text.trim()) throw new LabelError(source, n, `"evidence[${j}].text" must be a non-empty string (got ${describe(ev.text)})`);
      evidence.push({ family: ev.family, text: ev.text });
    });
    if (o.why !== undefined && typeof o.why !== 'string') throw new LabelError(source, n, `"why" must be a string (got ${describe(o.why)})`);
    if (o.hard_negative !== undefined && typeof o.hard_negative !== 'boolean') throw new LabelError(source, n, `"hard_negative" must be true or false (got ${describe(o.hard_negative)})`);
    for (const ev of evidence) {
      if (!expect.includes(ev.family)) warnings.push(`${source} line ${n}: evidence for "${ev.family}", which ${file} does not expect; it is not used`);
    }
    for (const f of expect) {
      if (!evidence.some((ev) => ev.family === f)) warnings.push(`${source} line ${n}: ${file} expects "${f}" but gives no evidence for it, so it can never count as located`);
    }
    labels.push({
      file,
      kind: o.kind as Kind,
      expect,
      evidence,
      ...(o.why !== undefined ? { why: o.why as string } : {}),
      ...(o.hard_negative !== undefined ? { hardNegative: o.hard_negative as boolean } : {}),
      line: n,
    });
  });
  return { labels, warnings };
}
