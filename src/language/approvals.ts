/**
 * Approval to release or share confidential material (RULES.md §7.2 "Approval grammar"; Leicestershire Part 5C
 * para 11: "the consent of the relevant Head of Service or Assistant Director"; Blackburn with Darwen C 3.12:
 * "the approval of the relevant Director").
 *
 * Evidence comes from front matter `approvals` (doc.meta.approvals) or from text:
 *
 *   Approved for release by Helena Marchbank, Director of Place, 3 March 2027     (name first)
 *   Approved for release by the Director of Place (Helena Marchbank) on 3 March    (role first)
 *   Consent from Assistant Director received                                       (role only)
 *   APPROVED FOR RELEASE BY THE DIRECTOR OF PLACE                                  (all caps)
 *   Signed off by: Yasmin Treloar                                                  (name only: role from the register)
 *   with the prior consent of the Head of Planning / The Director of Place has approved this release
 *
 * An approval counts when its role matches a config `approvers` role ("Director" matches "Director of Place"
 * and "Executive Director", not "Assistant Director" unless "Assistant Director" is listed; "Head of Service"
 * matches any "Head of ..."), a named approver agrees with the officer register when the register knows them,
 * and it is dated no later than the document. "Comms didn't object" is not approval (no approver role).
 */

import type { OfficerEntry, ResolvedConfig } from '../config/types.js';
import type { Block } from '../types.js';
import type { DocMeta } from '../document/meta.js';
import { DATE_PATTERN, matchToIso } from './dates.js';

export interface ApprovalStatement {
  /** Index and length of the statement in the text it was read from. */
  index: number;
  length: number;
  text: string;
  role?: string;
  name?: string;
  date?: string;
}

export interface ApprovalEvidence extends Partial<ApprovalStatement> {
  from: 'front-matter' | 'text' | 'sender';
  /** Index of the block the text came from. */
  block?: number;
}

export interface ApprovalVerdict {
  evidence: ApprovalEvidence;
  valid: boolean;
  /** The approver role the evidence matched (from config `approvers`). */
  approverRole?: string;
  /** The officer register entry, when the named approver is in it. */
  officer?: OfficerEntry;
  /** Why it does not count (for notes on findings). */
  reason?: string;
}

export interface ApprovalAssessment {
  /** The first approval that counts, if any. */
  approved?: ApprovalVerdict;
  /** Approvals found that do not count, with reasons. */
  rejected: ApprovalVerdict[];
}

const CAPW = "[A-Z][\\w&'’-]*";
const TAIL = `(?:(?:,? and| &) (?:the )?${CAPW}| ${CAPW})*`;
const ROLE_SRC =
  `(?:(?:Interim|Acting|Deputy|Assistant|Executive|Strategic|Corporate|Group|Service|Senior)\\s+)*` +
  `(?:Head of (?:the )?${CAPW}${TAIL}` +
  `|Chief Executive(?: Officer)?` +
  `|(?:Section|s\\.?)\\s*151 Officer` +
  `|(?:${CAPW} ){0,3}(?:Director|Executive|Officer|Manager|Lead|Solicitor|Adviser|Advisor|Clerk|Controller)(?: (?:of|for) (?:the )?${CAPW}${TAIL})?)`;
const NAME_SRC = `(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\\.?\\s+)?[A-Z][a-z'’-]+(?:\\s+[A-Z]\\.)?(?:\\s+[A-Z][A-Za-z'’-]+){1,2}`;

/** The verb and "by/from" that introduce an approver. */
const VERB_BY =
  /\b(?:(?:approved|cleared|authori[sz]ed|sanctioned|signed[- ]off|agreed|consent(?:ed)?(?: given)?|release approved|approval(?: given)?)(?:\s+for\s+(?:release|publication|circulation|sharing|disclosure|issue|use))?\s+(?:by|from)|(?:with|having obtained|following|on|under)\s+the\s+(?:prior\s+|written\s+)?(?:approval|consent|agreement|authori[sz]ation|sign[- ]off)\s+of)\s*:?\s*/gi;

/** Subject-first: "The Director of Place has approved this release", "Helena Marchbank (Director of Place) approved the release". */
const SUBJECT_APPROVED = new RegExp(
  String.raw`(?<![\w-])(?:[Tt]he\s+)?(?:relevant\s+)?(?<role>${ROLE_SRC})(?:\s+\((?<name>${NAME_SRC})\)|,\s+(?<name2>${NAME_SRC}),)?\s+(?:has\s+|have\s+|had\s+)?(?:approved|agreed to|consented to|authori[sz]ed|signed off)\s+(?:the\s+|this\s+|its\s+|their\s+)?(?:release|publication|disclosure|sharing|circulation|statement|response|this|it)\b`,
  'g',
);

const NAME_FIRST = new RegExp(String.raw`(?<name>${NAME_SRC})\s*(?:,\s*|\(\s*|\s+-\s+|\s+–\s+)(?:the\s+)?(?<role>${ROLE_SRC})\)?`, 'y');
const ROLE_FIRST = new RegExp(String.raw`(?:[Tt]he\s+)?(?:relevant\s+)?(?<role>${ROLE_SRC})(?:(?:,\s*|\s+\(\s*|\s+-\s+|\s+–\s+)(?<name>${NAME_SRC})\)?)?`, 'y');
const NAME_ONLY = new RegExp(String.raw`(?<name>${NAME_SRC})`, 'y');

/** Words just before the verb that make it no approval: "not", "awaiting", "subject to", "needs to be". */
const NOT_YET =
  /(?:\b(?:not|never|no|awaiting|await|pending|subject to|until|unless|once|if|when|need(?:s|ed)?|require[sd]?|seek(?:ing)?|sought|without|ask(?:ed|ing)? for|request(?:ed|ing)?|yet to be|to be|must be|should be|will be|would be|could be|cannot be|can't be|hasn't been|haven't been|wasn't|weren't)\b|n['’]t)[\s\w]{0,14}$/i;

const SMALL_WORDS = new Set(['of', 'for', 'the', 'and', 'by', 'from', 'on', 'to', 'in', 'at', 'with']);

/** All-caps lines ("APPROVED FOR RELEASE BY THE DIRECTOR OF PLACE") in title case, same length. */
function titleCaseCaps(text: string): string {
  return text.replace(/^[^a-z\n]*[A-Z]{3}[^a-z\n]*$/gm, (line) =>
    line.replace(/[A-Z][A-Z'’-]*/g, (w) => (SMALL_WORDS.has(w.toLowerCase()) ? w.toLowerCase() : w[0] + w.slice(1).toLowerCase())),
  );
}

function dateAfter(text: string, from: number): string | undefined {
  const window = text.slice(from, from + 40);
  const m = new RegExp(DATE_PATTERN.source, 'i').exec(window);
  if (!m || !/^[\s,;:(]*(?:on|dated|date)?[\s:]*$/i.test(window.slice(0, m.index))) return undefined;
  return matchToIso(m);
}

/** Cut a role's capitalised tail before a person's name ("Director of Place Helena Marchbank"). */
function trimRole(role: string, names: Set<string>): string {
  const words = role.split(/\s+/);
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!.replace(/[,.]$/, '');
    if (names.has(w) || /^(?:Mr|Mrs|Ms|Miss|Dr|On|At|In|Today|Yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(w)) {
      return words.slice(0, i).join(' ').replace(/(?:,? and| &|,| of| for| the)+$/, '');
    }
  }
  return role.replace(/[,.]$/, '');
}

/** Approval statements in one piece of text (no config: roles and names as written). */
export function findApprovalStatements(text: string, knownNames: Set<string> = new Set()): ApprovalStatement[] {
  const src = titleCaseCaps(text);
  const out: ApprovalStatement[] = [];
  VERB_BY.lastIndex = 0;
  for (let v = VERB_BY.exec(src); v; v = VERB_BY.exec(src)) {
    if (NOT_YET.test(src.slice(Math.max(0, v.index - 30), v.index))) continue;
    const at = v.index + v[0].length;
    let role: string | undefined;
    let name: string | undefined;
    let end = at;
    for (const re of [NAME_FIRST, ROLE_FIRST, NAME_ONLY]) {
      re.lastIndex = at;
      const m = re.exec(src);
      if (!m) continue;
      role = m.groups?.role;
      name = m.groups?.name;
      end = at + m[0].length;
      break;
    }
    if (!role && !name) continue;
    if (role) role = trimRole(role, knownNames);
    out.push({ index: v.index, length: end - v.index, text: text.slice(v.index, end), role, name: name?.trim(), date: dateAfter(src, end) });
  }
  SUBJECT_APPROVED.lastIndex = 0;
  for (let m = SUBJECT_APPROVED.exec(src); m; m = SUBJECT_APPROVED.exec(src)) {
    if (NOT_YET.test(src.slice(m.index, m.index + m[0].length).replace(/\s+(?:approved|agreed|consented|authori[sz]ed|signed)\b[\s\S]*$/, ''))) continue;
    if (/\b(?:not|never|yet to)\b/i.test(m[0])) continue;
    if (out.some((o) => m.index < o.index + o.length && m.index + m[0].length > o.index)) continue;
    const end = m.index + m[0].length;
    out.push({ index: m.index, length: m[0].length, text: text.slice(m.index, end), role: trimRole(m.groups!.role!, knownNames), name: m.groups?.name ?? m.groups?.name2, date: dateAfter(src, end) });
  }
  return out.sort((a, b) => a.index - b.index);
}

const QUALIFIERS = ['assistant', 'deputy'];

function words(s: string): string[] {
  return s.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter(Boolean);
}

/**
 * The approver role (from `approvers`) that a written role satisfies, if any. "Director" matches "Director of
 * Place", "Executive Director"; "Head of Service" matches any "Head of ..."; "Assistant"/"Deputy" forms need
 * an approver that names them.
 */
export function matchApproverRole(role: string, approvers: readonly string[]): string | undefined {
  const r = words(role);
  if (r.length === 0) return undefined;
  const qualifiers = r.filter((w, i) => QUALIFIERS.includes(w) && i < r.length - 1 && !(r[i - 1] === 'head' || r[i - 1] === 'of'));
  let best: string | undefined;
  for (const approver of approvers) {
    const a = words(approver);
    if (a.length === 0) continue;
    if (qualifiers.some((q) => !a.includes(q))) continue;
    if (a.join(' ') === 'head of service' && r[0] === 'head' && r[1] === 'of') return approver;
    // the approver's words as a contiguous run in the role, ending at the role's head noun (before "of/for")
    const headEnd = r.findIndex((w) => w === 'of' || w === 'for');
    const head = headEnd > 0 ? r.slice(0, headEnd) : r;
    for (let i = 0; i + a.length <= r.length; i++) {
      if (a.every((w, k) => r[i + k] === w)) {
        const after = i + a.length;
        const coversHead = after === head.length || (after === head.length - 1 && head[after] === 'officer') || (a[0] === 'head' && i === 0);
        if (coversHead && (!best || approver.length > best.length)) best = approver;
      }
    }
  }
  return best;
}

function normName(s: string): string {
  return s.toLowerCase().replace(/\b(?:mr|mrs|ms|miss|mx|dr|cllr|councillor)\.?\s+/g, '').replace(/[^a-z]+/g, ' ').trim();
}

/** The registered officer a written name refers to (full name, alias, or honorific + surname). */
export function findOfficer(name: string, config: ResolvedConfig): OfficerEntry | undefined {
  const n = normName(name);
  if (!n) return undefined;
  const honorific = /^(?:mr|mrs|ms|miss|mx|dr)\b/i.test(name.trim());
  return config.officers.find((o) => {
    if (normName(o.name) === n || (o.aliases ?? []).some((a) => normName(a) === n)) return true;
    const surname = normName(o.name).split(' ').pop();
    return honorific && surname === n;
  });
}

function isMember(name: string, config: ResolvedConfig): boolean {
  if (/^\s*(?:cllr|councillor)\b/i.test(name)) return true;
  const n = normName(name);
  return config.members.some((m) => normName(m.name) === n || (m.aliases ?? []).some((a) => normName(a) === n));
}

/** Judge one piece of approval evidence against `approvers`, the officer register and the document date. */
export function judgeApproval(evidence: ApprovalEvidence, config: ResolvedConfig, documentDate?: string): ApprovalVerdict {
  const { role, name } = evidence;
  if (name && isMember(name, config)) return { evidence, valid: false, reason: `${name} is a councillor, not an officer who can approve release` };
  const officer = name ? findOfficer(name, config) : undefined;
  let approverRole: string | undefined;
  if (officer?.role) {
    approverRole = matchApproverRole(officer.role, config.approvers);
    if (!approverRole) {
      return { evidence, officer, valid: false, reason: `${officer.name} is the ${officer.role} in the officer register, which is not an approver role (${config.approvers.join(', ')})` };
    }
  } else if (role) {
    approverRole = matchApproverRole(role, config.approvers);
    if (!approverRole) return { evidence, valid: false, reason: `"${role}" is not an approver role (${config.approvers.join(', ')})` };
  } else {
    return { evidence, valid: false, reason: name ? `${name} is not in the officer register and no role is given` : 'no approver is named' };
  }
  if (evidence.date && documentDate && evidence.date > documentDate) {
    return { evidence, officer, approverRole, valid: false, reason: `the approval is dated ${evidence.date}, after the document (${documentDate})` };
  }
  return { evidence, officer, approverRole, valid: true };
}

function namesOf(config: ResolvedConfig): Set<string> {
  return new Set(config.officers.flatMap((o) => o.name.split(/\s+/)).concat(config.members.flatMap((m) => m.name.split(/\s+/))));
}

/**
 * Every approval a document records (front matter, cover-sheet fields, text lines in any block but
 * disclaimers, and the sender when the register says the sender is an approver), judged.
 */
export function assessApprovals(
  doc: { meta: DocMeta; blocks: readonly Block[]; kind?: string },
  config: ResolvedConfig,
  options: { senderCounts?: boolean } = {},
): ApprovalAssessment {
  const rejected: ApprovalVerdict[] = [];
  const date = doc.meta.date;
  const names = namesOf(config);
  const consider = (e: ApprovalEvidence): ApprovalVerdict | undefined => {
    const v = judgeApproval(e, config, date);
    if (v.valid) return v;
    rejected.push(v);
    return undefined;
  };
  for (const a of doc.meta.approvals) {
    if (a.from === 'front-matter') {
      const v = consider({ from: 'front-matter', role: a.role, name: a.name, date: a.date });
      if (v) return { approved: v, rejected };
    } else if (a.text) {
      // a cover-sheet field ("Sign-off: Helena Marchbank, Director of Place"): the value names the approver
      const [s] = findApprovalStatements(`Approved by ${a.text}`, names);
      if (s) {
        const v = consider({ from: 'text', role: s.role, name: s.name, date: a.date ?? s.date, text: a.text });
        if (v) return { approved: v, rejected };
      }
    }
  }
  for (let i = 0; i < doc.blocks.length; i++) {
    const b = doc.blocks[i]!;
    if (b.type === 'disclaimer' || b.type === 'code') continue;
    for (const s of findApprovalStatements(b.text, names)) {
      const v = consider({ ...s, from: 'text', block: i });
      if (v) return { approved: v, rejected };
    }
  }
  if (options.senderCounts !== false) {
    for (const f of doc.meta.from ?? []) {
      const officer = config.officers.find((o) => f.name && normName(o.name) === normName(f.name)) ?? (f.name ? findOfficer(f.name, config) : undefined);
      if (officer?.role) {
        const approverRole = matchApproverRole(officer.role, config.approvers);
        if (approverRole) return { approved: { evidence: { from: 'sender', name: officer.name, role: officer.role }, officer, approverRole, valid: true }, rejected };
        continue; // the register says who they are: a signature cannot promote them
      }
      // not in the register: an officer at a council address who signs with an approver role
      const domain = f.address.slice(f.address.lastIndexOf('@') + 1).toLowerCase();
      const atCouncil = config.councilDomains.some((d) => domain === d.toLowerCase() || domain.endsWith('.' + d.toLowerCase()));
      if (!atCouncil || !f.name || /\b(?:cllr|councillor)\b/i.test(f.name) || isMember(f.name, config)) continue;
      const role = signatureRole(doc.blocks, f.name);
      const approverRole = role ? matchApproverRole(role, config.approvers) : undefined;
      if (role && approverRole) return { approved: { evidence: { from: 'sender', name: f.name, role }, approverRole, valid: true }, rejected };
    }
  }
  return { rejected };
}

const ROLE_LINE = new RegExp(`^\\s*(?<role>${ROLE_SRC})\\s*,?\\s*$`);

/** The role a sender signs with: a line holding only a role, within three lines after their name, in their own sign-off. */
function signatureRole(blocks: readonly Block[], name: string): string | undefined {
  const own = blocks.filter((b) => (b.source ?? 0) === 0 && b.type !== 'quoted-reply' && b.type !== 'header' && b.type !== 'disclaimer');
  const tail = own.slice(-4);
  const n = normName(name);
  for (const b of tail) {
    const lines = b.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (normName(lines[i]!) !== n) continue;
      for (let j = i + 1; j <= i + 3 && j < lines.length; j++) {
        const m = ROLE_LINE.exec(lines[j]!);
        if (m) return m.groups!.role!.trim();
      }
    }
  }
  return undefined;
}
