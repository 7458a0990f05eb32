import type { Address, Block, IngestResult } from '../types.js';
import { parseDate } from '../language/dates.js';

/** One recorded approval ("Approved for release by Helen Marsh, Director of Place, 3 March"). */
export interface Approval {
  role?: string;
  name?: string;
  date?: string;
  /** Where the approval was read from: front matter or the text line. */
  from: 'front-matter' | 'text';
  text?: string;
}

/** One recorded notification of members. */
export interface Notification {
  members: string[];
  date?: string;
  from: 'front-matter' | 'text';
  text?: string;
  /** Index of the block the text came from. */
  block?: number;
}

/** A cover-sheet field read from the text ("Ward(s) affected: Castle"). */
export interface FieldValue {
  key: string;
  label: string;
  value: string;
  block: number;
}

/**
 * What the document says about itself, normalised from front matter, cover-sheet lines and email headers
 * into one dictionary (../shared/domain/RULES.md §4.2). Keys are absent when the document says nothing.
 */
export interface DocMeta {
  kind?: string;
  title?: string;
  meeting?: string;
  date?: string; // ISO yyyy-mm-dd when it could be read
  dateText?: string;
  reportOf?: string;
  author?: string;
  portfolio?: string;
  wards?: string[];
  allWards?: boolean;
  classification?: 'public' | 'exempt' | string;
  exemptParagraphs?: (number | string)[];
  exemptionLifted?: boolean;
  published?: boolean;
  keyDecision?: boolean;
  approvals: Approval[];
  notified: Notification[];
  /** Email headers. */
  from?: Address[];
  to?: Address[];
  cc?: Address[];
  bcc?: Address[];
  subject?: string;
  /** Every cover-sheet field found, by canonical key, in document order. */
  fields: FieldValue[];
  /** The raw front matter, when there was one. */
  frontMatter?: Record<string, unknown>;
}

/** Canonical keys for cover-sheet labels. */
const FIELD_LABELS: Array<[RegExp, string]> = [
  [/^(?:report title|title|subject)$/i, 'title'],
  [/^(?:date of meeting|meeting date|date of decision|decision date|date)$/i, 'date'],
  [/^(?:report to|meeting|committee|(?:final )?decision[- ]maker|decision taker)$/i, 'meeting'],
  [/^(?:report of|report from|lead head of service|responsible director|executive director|lead director|lead officer)$/i, 'reportOf'],
  [/^(?:report author|author|contact officer|officer\(s\) to contact|officers? to contact|case officer|contact)$/i, 'author'],
  [/^(?:portfolio holder|cabinet member|lead member|portfolio)$/i, 'portfolio'],
  [/^(?:wards?(?:\(s\))? affected|affected wards?|wards?|electoral divisions?(?:\(s\))?(?: affected)?|divisions?(?:\(s\))? affected|local members?)$/i, 'wards'],
  [/^(?:ward (?:members?|councillors?)(?: consulted| notified| informed| briefed)?|local members? (?:consulted|informed|notified|briefed)|ward members? consultation|have ward members been consulted\??|members? consulted|circulation under the local issues alert procedure|local issues alert)$/i, 'notified'],
  [/^(?:key decision|is key decision\??|is this a key decision\??)$/i, 'keyDecision'],
  [/^(?:classification|status|security classification|report status|exempt information|confidentiality)$/i, 'classification'],
  [/^(?:approved by|cleared by|sign[- ]off|signed off by|approved for release by|authorised by)$/i, 'approvals'],
];

const FIELD_LINE = /^\s*(?:\*\*|__)?([A-Z][A-Za-z()' /?-]{1,60}?)(?:\*\*|__)?\s*[:\-–—]\s*(?:\*\*|__)?(.*)$/;

export function canonicalField(label: string): string | undefined {
  const clean = label.replace(/\s+/g, ' ').replace(/[*_]/g, '').trim();
  for (const [re, key] of FIELD_LABELS) if (re.test(clean)) return key;
  return undefined;
}

/** Read cover-sheet fields: "Label: value" lines, and two-cell table rows (label | value). */
export function readFields(blocks: Block[]): FieldValue[] {
  const fields: FieldValue[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type === 'table-cell' && b.table && b.table.cell === 0) {
      const key = canonicalField(b.text.replace(/[:\s]+$/, ''));
      const next = blocks[i + 1];
      if (key && next && next.type === 'table-cell' && next.table?.row === b.table.row && next.table.table === b.table.table) {
        fields.push({ key, label: b.text.trim(), value: next.text.trim(), block: i + 1 });
      }
      continue;
    }
    if (b.type === 'quoted-reply' || b.type === 'signature' || b.type === 'disclaimer' || b.type === 'code') continue;
    for (const line of b.text.split(/\n/)) {
      const m = FIELD_LINE.exec(line);
      if (!m) continue;
      const key = canonicalField(m[1]!);
      if (!key) continue;
      fields.push({ key, label: m[1]!.trim(), value: m[2]!.replace(/(?:\*\*|__)\s*$/, '').trim(), block: i });
    }
  }
  return fields;
}

const NONE_VALUE = /^(?:n\/?a|none|no|nil|tbc|tba|to be confirmed|not applicable|-|–|—)?\.?$/i;

/** True when a field value says nothing ("N/A", "None", "TBC", empty). */
export function isEmptyValue(value: string): boolean {
  return NONE_VALUE.test(value.trim());
}

function asStringArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x)).filter(Boolean);
  if (typeof v === 'string') return v.split(/\s*(?:,|;|\band\b)\s*/).filter(Boolean);
  return [];
}

function splitList(value: string): string[] {
  return value
    .split(/\s*(?:,|;|\/|\band\b|&)\s*/)
    .map((s) => s.replace(/\b(?:wards?|divisions?)\b/gi, '').replace(/[.()]/g, '').trim())
    .filter(Boolean);
}

function isoDate(v: unknown): string | undefined {
  if (v instanceof Date && !isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' || typeof v === 'number') return parseDate(String(v));
  return undefined;
}

/** Build the normalised metadata from what the reader found. */
export function buildMeta(ingest: IngestResult): DocMeta {
  const fm = ingest.meta.frontMatter;
  const email = ingest.meta.email;
  const fields = readFields(ingest.blocks);
  const meta: DocMeta = { approvals: [], notified: [], fields };
  const field = (key: string) => fields.find((f) => f.key === key);

  if (email) {
    if (email.from) meta.from = email.from;
    if (email.to) meta.to = email.to;
    if (email.cc) meta.cc = email.cc;
    if (email.bcc) meta.bcc = email.bcc;
    if (email.subject) meta.subject = email.subject;
    if (email.subject) meta.title = email.subject;
    if (email.date) {
      meta.dateText = email.date;
      meta.date = parseDate(email.date);
    }
  }

  // cover-sheet fields
  const title = field('title');
  if (title && !meta.title) meta.title = title.value;
  const date = field('date');
  if (date && !meta.date) {
    meta.dateText = date.value;
    meta.date = parseDate(date.value);
  }
  for (const key of ['meeting', 'reportOf', 'author', 'portfolio'] as const) {
    const f = field(key);
    if (f && !isEmptyValue(f.value)) meta[key] = f.value;
  }
  const wards = field('wards');
  if (wards) {
    if (/\ball\b|borough[- ]?wide|district[- ]?wide|county[- ]?wide|city[- ]?wide|all wards/i.test(wards.value)) meta.allWards = true;
    else if (!isEmptyValue(wards.value)) meta.wards = splitList(wards.value);
  }
  const kd = field('keyDecision');
  if (kd) meta.keyDecision = /^\s*yes\b/i.test(kd.value);
  const cls = field('classification');
  if (cls) {
    if (/\b(?:exempt|private|part\s*(?:2|ii|b)|not for publication|confidential|restricted)\b/i.test(cls.value)) meta.classification = 'exempt';
    else if (/\b(?:public|open|part\s*(?:1|i|a)|for general release)\b/i.test(cls.value)) meta.classification = 'public';
    else meta.classification = cls.value;
  }
  for (const f of fields.filter((x) => x.key === 'notified')) {
    if (isEmptyValue(f.value)) continue;
    meta.notified.push({ members: splitMembers(f.value), date: parseDate(f.value), from: 'text', text: f.value, block: f.block });
  }
  for (const f of fields.filter((x) => x.key === 'approvals')) {
    if (isEmptyValue(f.value)) continue;
    meta.approvals.push({ from: 'text', text: f.value, date: parseDate(f.value) });
  }

  // front matter wins over cover-sheet lines
  if (fm) {
    meta.frontMatter = fm;
    if (typeof fm.kind === 'string') meta.kind = fm.kind;
    if (typeof fm.title === 'string') meta.title = fm.title;
    if (typeof fm.meeting === 'string') meta.meeting = fm.meeting;
    const d = isoDate(fm.date);
    if (d) {
      meta.date = d;
      meta.dateText = String(fm.date instanceof Date ? d : fm.date);
    }
    if (fm.wards !== undefined) {
      const list = asStringArray(fm.wards);
      if (list.some((w) => /^all(?: wards)?$/i.test(w))) {
        meta.allWards = true;
        delete meta.wards;
      } else {
        meta.wards = list;
        meta.allWards = false;
      }
    }
    if (typeof fm.classification === 'string') meta.classification = fm.classification.toLowerCase();
    if (Array.isArray(fm.exemptParagraphs)) meta.exemptParagraphs = fm.exemptParagraphs.map((p) => (typeof p === 'number' ? p : String(p)));
    if (fm.keyDecision !== undefined) meta.keyDecision = Boolean(fm.keyDecision);
    if (fm.published !== undefined) meta.published = Boolean(fm.published);
    if (fm.exemptionLifted !== undefined && fm.exemptionLifted !== false) meta.exemptionLifted = true;
    if (Array.isArray(fm.approvals)) {
      for (const a of fm.approvals) {
        if (a && typeof a === 'object') {
          const r = a as Record<string, unknown>;
          meta.approvals.push({
            role: r.role ? String(r.role) : undefined,
            name: r.name ? String(r.name) : undefined,
            date: isoDate(r.date),
            from: 'front-matter',
          });
        }
      }
    }
    if (Array.isArray(fm.notified)) {
      for (const n of fm.notified) {
        if (n && typeof n === 'object') {
          const r = n as Record<string, unknown>;
          meta.notified.push({ members: asStringArray(r.members), date: isoDate(r.date), from: 'front-matter' });
        } else if (typeof n === 'string') {
          meta.notified.push({ members: [n], from: 'front-matter' });
        }
      }
    }
  }
  return meta;
}

/** "Cllr A Example, Cllr B Example (3 March 2027)" → ["A Example", "B Example"]. */
export function splitMembers(value: string): string[] {
  return value
    .replace(/\([^)]*\)/g, '')
    .split(/\s*(?:,|;|\band\b|&)\s*/)
    .map((s) =>
      s
        .replace(/^(?:cllrs?\.?|councillors?|county councillor|ward members?)\s+/i, '')
        .replace(/\s+(?:cc|ward member|\(ward member\))$/i, '')
        .replace(/\b(?:on|dated?)\s+\d.*$/i, '')
        .trim(),
    )
    .filter((s) => s && !/^\d/.test(s) && !isEmptyValue(s));
}
