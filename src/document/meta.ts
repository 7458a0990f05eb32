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
  /** Wards the notification was about, when the record says (front matter `notified[].wards`). */
  wards?: string[];
  /** How members were told (front matter `notified[].method`: email, briefing, call). */
  method?: string;
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
  /** Index of the block the value is in (for a two-cell table row, the value cell). */
  block: number;
  /** Start and end of the field ("Label: value", or the value cell) in that block's text. */
  start?: number;
  end?: number;
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
  [/^(?:date of meeting|meeting date|date of decision|decision date|date|date published|published|publication date|date of publication|issued|date issued|issue date|date of issue|release date)$/i, 'date'],
  [/^(?:report to|meeting|committee|(?:final )?decision[- ]maker|decision taker|meeting of|body)$/i, 'meeting'],
  [/^(?:report of|report from|lead head of service|responsible director|executive director|lead director|lead officer)$/i, 'reportOf'],
  [/^(?:report author|author|contact officer|officer\(s\) to contact|officers? to contact|case officer|contact)$/i, 'author'],
  [/^(?:portfolio holder|cabinet member|lead member|portfolio)$/i, 'portfolio'],
  [/^(?:wards?(?:\(s\))? affected|affected wards?|wards?|electoral divisions?(?:\(s\))?(?: affected)?|divisions?(?:\(s\))? affected|local members?(?:\(s\))?|(?:ward|local|divisional) (?:members?|councillors?)(?:\(s\))?)$/i, 'wards'],
  [/^(?:(?:ward|local|divisional|division) (?:members?|councillors?|cllrs?)(?:\(s\))? ?(?:consulted|notified|informed|briefed|advised|invited|told|consultation|comments|views)|(?:ward|local|divisional) (?:members?|councillors?)(?:\(s\))?['’]? (?:comments|views)|have (?:the )?(?:ward|local) (?:members?|councillors?) been (?:consulted|informed|notified|briefed)\??|members? consulted|members? informed|circulation under the local issues alert procedure|local issues alert(?: procedure)?|ward members? consultation)$/i, 'notified'],
  [/^(?:consultation(?: undertaken| carried out| with| and engagement)?|consultees|consulted|who has been consulted\??|(?:persons?|people) consulted)$/i, 'consultation'],
  [/^(?:agenda item(?: no\.?| number)?|item(?: no\.?| number)?)$/i, 'agendaItem'],
  [/^(?:key decision|is key decision\??|is this a key decision\??|is key decision\?)$/i, 'keyDecision'],
  [/^(?:classification|status|security classification|report status|exempt information|confidentiality)$/i, 'classification'],
  [/^(?:approved by|cleared by|sign[- ]off|signed off by|approved for release by|authorised by)$/i, 'approvals'],
];

const FIELD_LINE = /^(\s*(?:[-*•]\s+)?(?:\*\*|__)?)([A-Z][A-Za-z()'’ /?-]{1,60}?)(?:\*\*|__)?\s*[:\-–—]\s*(?:\*\*|__)?(.*)$/;

export function canonicalField(label: string): string | undefined {
  const clean = label.replace(/\s+/g, ' ').replace(/[*_]/g, '').trim();
  for (const [re, key] of FIELD_LABELS) if (re.test(clean)) return key;
  return undefined;
}

/** A value cut off at a line end: an open bracket, or a trailing "and", comma or "on". */
function unfinished(value: string): boolean {
  const open = (value.match(/\(/g) ?? []).length;
  const close = (value.match(/\)/g) ?? []).length;
  return open > close || /(?:,|;|\band|\bon|\bof|\bthe|&)\s*$/i.test(value);
}

/**
 * Does `line` carry on the value of the field on the line before? Yes when the value is visibly cut off (an open
 * bracket, a trailing "and"), or when the field line was long enough to have wrapped (PDF text, narrow tables)
 * and the next line does not start something new (a field, a numbered paragraph, a list item, a capitals title).
 */
function continues(field: FieldValue, previousLine: string, line: string): boolean {
  if (unfinished(field.value)) return true;
  const t = line.trim();
  if (previousLine.trim().length < 55) return false;
  if (/^(?:[-*•]|\d+(?:\.\d+)*[.)]?\s|\(?[a-z]\)\s|#)/.test(t)) return false;
  if (t === t.toUpperCase() && /[A-Z]{3}/.test(t)) return false;
  return t.length < 200;
}

/**
 * Read cover-sheet fields: "Label: value" lines, and two-cell table rows (label | value). A value that runs on to
 * the next line (a PDF line break inside "(briefing on 15 February\n2027)") is joined to it.
 */
export function readFields(blocks: Block[]): FieldValue[] {
  const fields: FieldValue[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type === 'table-cell' && b.table && b.table.cell === 0) {
      const key = canonicalField(b.text.replace(/[:\s]+$/, ''));
      const next = blocks[i + 1];
      if (key && next && next.type === 'table-cell' && next.table?.row === b.table.row && next.table.table === b.table.table) {
        fields.push({ key, label: b.text.replace(/[:\s]+$/, '').trim(), value: next.text.replace(/\s+/g, ' ').trim(), block: i + 1, start: 0, end: next.text.length });
      }
      continue;
    }
    if (b.type === 'quoted-reply' || b.type === 'signature' || b.type === 'disclaimer' || b.type === 'code' || b.type === 'front-matter') continue;
    const lines = b.text.split('\n');
    let offset = 0;
    let last: FieldValue | undefined;
    for (let li = 0; li < lines.length; li++) {
      const line = lines[li]!;
      const lineStart = offset;
      offset += line.length + 1;
      const m = FIELD_LINE.exec(line);
      const key = m ? canonicalField(m[2]!) : undefined;
      if (m && key) {
        const value = m[3]!.replace(/(?:\*\*|__)\s*$/, '').trim();
        last = { key, label: m[2]!.trim(), value, block: i, start: lineStart + m[1]!.length, end: lineStart + line.replace(/\s+$/, '').length };
        fields.push(last);
        continue;
      }
      if (last && last.value && line.trim() && !key && continues(last, lines[li - 1]!, line)) {
        last.value = `${last.value} ${line.trim()}`;
        last.end = lineStart + line.replace(/\s+$/, '').length;
        continue;
      }
      last = undefined;
    }
    // a value cut off at the end of a block that goes on in the next one (PDF lines as blocks)
    const next = blocks[i + 1];
    if (last && last.value && next && next.type === 'paragraph' && /\($|\([^)]*$/.test(last.value) && /^[^:]{1,80}\)/.test(next.text)) {
      last.value = `${last.value} ${next.text.split('\n')[0]!.trim()}`;
    }
  }
  return fields;
}

const NONE_VALUE = /^(?:n\/?a|none|no|nil|tbc|tba|to be confirmed|not applicable|not known|unknown|-|–|—)?\.?$/i;

/** True when a field value says nothing ("N/A", "None", "TBC", empty). */
export function isEmptyValue(value: string): boolean {
  return NONE_VALUE.test(value.trim().replace(/^\*+|\*+$/g, ''));
}

/** A notification field that records that nobody was told, or not yet: "No", "Not yet", "To follow", "Not required". */
const NEGATIVE_NOTIFICATION =
  /^(?:no\b(?![.\s]*\d)|none\b|not\b|nobody\b|no-one\b|no one\b|to follow\b|to be (?:consulted|notified|informed|briefed|advised|confirmed|arranged)\b|will be\b|awaiting\b|pending\b|tbc\b|tba\b|n\/?a\b|not applicable\b|not required\b|not needed\b|not yet\b)/i;

export function isNegativeNotification(value: string): boolean {
  const v = value.trim().replace(/^[*_\s]+/, '');
  if (/^yes\b/i.test(v)) return false;
  return NEGATIVE_NOTIFICATION.test(v);
}

function asStringArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x)).filter(Boolean);
  if (typeof v === 'string') return v.split(/\s*(?:,|;|\band\b)\s*/).filter(Boolean);
  return [];
}

function splitList(value: string): string[] {
  return value
    .replace(/\([^)]*\)/g, ' ')
    .split(/\s*(?:,|;|\/|\band\b|&)\s*/)
    .map((s) => s.replace(/\b(?:electoral\s+)?(?:wards?|divisions?)\b/gi, '').replace(/[.()]/g, '').replace(/\s+/g, ' ').trim())
    .filter((s) => s && !isEmptyValue(s));
}

/** "All", "All wards", "Borough-wide", "Not ward specific". */
export const ALL_WARDS_VALUE =
  /^\(?\s*(?:all\b|(?:borough|district|county|city)[- ]?wide|whole (?:of the )?(?:borough|district|county|city)|(?:not|non)[- ](?:ward|division)[- ]specific|county\s*wide)|\b(?:all wards|all divisions|(?:borough|district|county|city)[- ]wide)\b/i;

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
  // "Wards affected" before a "Ward councillors" / "Local member" line that names people
  const wardFields = fields.filter((f) => f.key === 'wards');
  const wards = wardFields.find((f) => !/\b(?:members?|councillors?)\b/i.test(f.label)) ?? wardFields[0];
  if (wards) {
    if (ALL_WARDS_VALUE.test(wards.value)) meta.allWards = true;
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
    if (isEmptyValue(f.value) || isNegativeNotification(f.value)) continue;
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
      if (list.some((w) => /^all(?: wards| divisions)?$/i.test(w.trim()) || ALL_WARDS_VALUE.test(w.trim()))) {
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
    const fmNotified = Array.isArray(fm.notified) ? fm.notified : typeof fm.notified === 'string' && !isEmptyValue(fm.notified) && !isNegativeNotification(fm.notified) ? [fm.notified] : [];
    for (const n of fmNotified) {
      if (n && typeof n === 'object' && !(n instanceof Date)) {
        const r = n as Record<string, unknown>;
        const entry: Notification = { members: asStringArray(r.members ?? r.member ?? r.name), date: isoDate(r.date), from: 'front-matter' };
        if (r.wards !== undefined) entry.wards = asStringArray(r.wards);
        if (typeof r.method === 'string') entry.method = r.method;
        meta.notified.push(entry);
      } else if (typeof n === 'string' && n.trim() && !isEmptyValue(n)) {
        meta.notified.push({ members: splitMembers(n), date: parseDate(n), from: 'front-matter', text: n });
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
