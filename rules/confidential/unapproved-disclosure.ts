import type { Rule } from '../../src/engine/rule.js';
import type { Block } from '../../src/types.js';
import type { Document } from '../../src/document/document.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { classifyAddress, type Party } from '../../src/document/audience.js';
import { assessApprovals } from '../../src/language/approvals.js';
import { CONTENT, FORWARDING, HANDLING, LEGAL_ADVICE, bannerPositions, describeParty, exemptDeclarations, headerLineFor, isEmailHeaderBlock, joinOr, liftedSignal, lineOf, linesOf, markingInLine, matchAll, notApprovals, outsideRecipients, senderOf, subjectMarking, type SenderKind, PUBLICITY_KINDS, QUOTED_FROM } from './common.js';

/**
 * confidential/unapproved-disclosure: confidential or exempt material going beyond its permitted audience
 * (press, parish councils, other public bodies, the public, publicity) with no approval by an approver role.
 * See unapproved-disclosure.md.
 */

const CLAUSE = 'Blackburn with Darwen Section 3 para C 3.12';
const CLAUSE_WITH_LEICS = 'Leicestershire Part 5C para 11; Blackburn with Darwen Section 3 para C 3.12';

type EvidenceKind = 'marking' | 'subject' | 'exempt' | 'classification' | 'handling' | 'forwarding' | 'content' | 'legal-advice';

interface Evidence {
  kind: EvidenceKind;
  block: Block;
  start: number;
  end: number;
  text: string;
}

interface Scope {
  /** What the document is: an email going outside, or a public document. */
  mode: 'email' | 'public-document' | 'letter';
  recipients: Party[];
  sender: SenderKind;
  /** Which kinds of evidence count here. */
  counts: Set<EvidenceKind>;
  severity: 'error' | 'warning';
  /** Every outside recipient is a person or organisation (not the press, a parish council or a public body). */
  individualsOnly: boolean;
}

/** Markings that belong to council committee papers, never to a writer's own message. */
const COUNCIL_PAPER = /\b(?:EXEMPT|NOT FOR PUBLICATION|PART (?:2|II|B)|PINK PAPERS?)\b|\bnot for publication\b|\bexempt\b/i;
/** Freedom of Information and data protection exemptions are a different regime from Schedule 12A. */
const FOI = /\bFreedom of Information\b|\bFOIA?\b|\bEIR\b|\bEnvironmental Information Regulations\b|\bsection\s+(?:2[1-9]|3\d|4[0-4])\b(?!\s*\()|\bData Protection Act\b/i;
/** Words that explain a refusal to release rather than a release. */
const WITHHOLDING = /\b(?:cannot|can't|can not|will not|won't|unable to|not able to|not be (?:released|published|disclosed|shared|made public)|withh(?:e|o)ld|declin|refus|remain(?:s)? (?:exempt|confidential))\b/i;

function scopeOf(doc: Document, config: ResolvedConfig): Scope | undefined {
  const all: EvidenceKind[] = ['marking', 'subject', 'exempt', 'classification', 'handling', 'forwarding', 'content', 'legal-advice'];
  if (doc.kind === 'email') {
    if (doc.audience !== 'press' && doc.audience !== 'public' && doc.audience !== 'external') return undefined;
    const recipients = outsideRecipients(doc, config);
    const sender = senderOf(doc, config).kind;
    // an officer sharing with another public body (not a parish council) under the council's own arrangements
    // is a judgement for the approver, not a protocol breach by a member: warn
    const partnerOnly = recipients.length > 0 && recipients.every((r) => r.cls === 'public-body' && !r.parish);
    const severity = partnerOnly && sender === 'officer' ? 'warning' : 'error';
    const individualsOnly = recipients.length > 0 && recipients.every((r) => r.cls === 'public' && !r.parish);
    return { mode: 'email', recipients, sender, counts: new Set(all), severity, individualsOnly };
  }
  if (PUBLICITY_KINDS.has(doc.kind) || (doc.kind === 'other' && (doc.audience === 'public' || doc.audience === 'press'))) {
    return { mode: 'public-document', recipients: [], sender: 'unknown', counts: new Set(['marking', 'classification', 'forwarding', 'content']), severity: 'error', individualsOnly: false };
  }
  if (doc.kind === 'report' || doc.kind === 'minutes' || doc.kind === 'agenda') {
    // an exempt paper to members is within its audience (Leicestershire para 33); a public one must not pass on exempt content
    if (doc.audience !== 'public') return undefined;
    return { mode: 'public-document', recipients: [], sender: 'unknown', counts: new Set(['forwarding', 'content']), severity: 'error', individualsOnly: false };
  }
  if (doc.kind === 'letter') {
    // "Private and confidential" on a letter addresses its reader, and "the report is exempt" explains why something
    // is withheld; only handing over or passing on confidential content counts
    return { mode: 'letter', recipients: [], sender: 'unknown', counts: new Set(['forwarding', 'content']), severity: 'error', individualsOnly: false };
  }
  return undefined;
}

const DESCRIBE: Record<EvidenceKind, (t: string) => string> = {
  marking: (t) => `the marking "${t}"`,
  subject: (t) => `the subject marking "${t}"`,
  exempt: (t) => `exempt material ("${t}")`,
  classification: () => 'an exempt classification',
  handling: (t) => `a handling instruction ("${t}")`,
  forwarding: (t) => `a confidential paper ("${t}")`,
  content: (t) => `what a confidential paper or private briefing says ("${t}")`,
  'legal-advice': (t) => `privileged legal advice ("${t}")`,
};

function clip(s: string, n = 70): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}

export const unapprovedDisclosure: Rule = {
  meta: {
    id: 'confidential/unapproved-disclosure',
    family: 'confidential',
    description: 'Confidential or exempt material going to the press, a parish council, another body or the public with no recorded approval.',
    clause: CLAUSE,
    grounding: [
      'Leicestershire Part 5C para 11 (not shared "especially with the press, parish councils or members of the public" without the consent of the relevant Head of Service or Assistant Director)',
      'North Northamptonshire Part 8.4 para 8.6 (information used only for the purpose for which it was requested)',
      'Blackburn with Darwen Section 3 para C 3.7 (no member right to confidential or exempt information)',
      'LGA 1972 Sch 12A (exempt information)',
    ],
    defaultSeverity: 'error',
    includeBlockTypes: ['quoted-reply', 'header'],
    messages: {
      email:
        '{{what}} is going to {{who}} with no recorded approval by an approver ({{approvers}}). Blackburn with Darwen C 3.12: confidential information "should not be circulated without the approval of the relevant Director"; Leicestershire para 11 names "the press, parish councils or members of the public".',
      publication:
        'This {{kind}} is for the public but carries {{what}}, with no recorded approval by an approver ({{approvers}}). Blackburn with Darwen C 3.12: confidential information "should not be circulated without the approval of the relevant Director".',
    },
    suggestion: 'Do not send or publish it until the relevant approver has agreed, and record the approval; otherwise remove the confidential or exempt content.',
  },
  create(context) {
    const { doc, config } = context;
    const scope = scopeOf(doc, config);
    if (!scope) return {};
    const evidence: Evidence[] = [];
    const banners = scope.counts.has('marking') ? bannerPositions(doc) : new Set<string>();
    let sawSubject = false;
    // a pasted email (no headers read): its first paragraph may hold the Subject line
    const firstOwn = doc.blocks.findIndex((b) => b.type !== 'header' && b.type !== 'front-matter');
    // an earlier message written by someone outside the council (the journalist's own question quoted in the
    // reply) is not the council's material
    let quotedFromOutside = false;
    const add = (kind: EvidenceKind, block: Block, start: number, end: number) => {
      if (!scope.counts.has(kind)) return;
      if (block.type === 'quoted-reply' && quotedFromOutside) return;
      evidence.push({ kind, block, start, end, text: block.text.slice(start, end) });
    };
    // a member (or an unknown sender) passing on an instruction meant for them, or content forwarded from the thread
    /** Forwarded content: an earlier message quoted in the thread, or an attachment. */
    const forwarded = (block: Block) => block.type === 'quoted-reply' || (block.source ?? 0) > 0;
    // A writer's own marking on a message to a person outside (a resident about their own case) addresses that
    // reader, like "Private and confidential" on a letter; council papers (exempt, Part 2, not for publication)
    // and forwarded messages still count.
    const ownMarkingCounts = (block: Block, text: string) => !scope.individualsOnly || forwarded(block) || COUNCIL_PAPER.test(text);
    const isForward = /^\s*(?:re\s*:\s*)*(?:fwd?|fw)\s*:/i.test(doc.meta.subject ?? '');

    return {
      block(block, index) {
        if (block.type !== 'quoted-reply') quotedFromOutside = false;
        else {
          const from = QUOTED_FROM.exec(block.text);
          if (from) {
            const address = /<?([\w.+'-]+@[\w.-]+\.[a-z]{2,})>?/i.exec(from[1] ?? from[2] ?? '')?.[1];
            quotedFromOutside = address !== undefined && classifyAddress(address, config) !== 'council';
          }
        }
        if (block.type === 'header') {
          if (!isEmailHeaderBlock(block)) {
            for (const l of linesOf(block.text)) {
              const m = markingInLine(l.text, true);
              if (m) add('marking', block, l.start + m.start, l.start + m.end);
            }
            return;
          }
          const s = /^\s*subject\s*:\s*/i.exec(block.text);
          if (s && (block.source ?? 0) === 0) {
            sawSubject = true;
            const m = subjectMarking(block.text.slice(s[0].length));
            if (m && (isForward || ownMarkingCounts(block, m.text))) add('subject', block, s[0].length + m.start, s[0].length + m.end);
          }
          return;
        }
        for (const l of linesOf(block.text)) {
          // a quoted earlier message's own Subject line
          const qs = block.type === 'quoted-reply' || index === firstOwn ? /^\s*[>\s]*subject\s*:\s*/i.exec(l.text) : null;
          if (qs) {
            const m = subjectMarking(l.text.slice(qs[0].length));
            if (m) add('subject', block, l.start + qs[0].length + m.start, l.start + qs[0].length + m.end);
            continue;
          }
          const m = markingInLine(l.text, banners.has(`${index}:${l.start}`));
          if (m && ownMarkingCounts(block, m.text)) add('marking', block, l.start + m.start, l.start + m.end);
        }
      },
      sentence(s, block) {
        if (block.type === 'header') return;
        const at = (h: { index: number; length: number }) => [s.start + h.index, s.start + h.index + h.length] as const;
        // "the report is exempt, so we cannot release it" explains a refusal; FOI exemptions are another regime
        if (!FOI.test(s.text) && (forwarded(block) || scope.sender !== 'officer' || !WITHHOLDING.test(s.text))) {
          for (const h of exemptDeclarations(s.text)) add('exempt', block, ...at(h));
        }
        // a handling instruction in forwarded content is an instruction the forwarder is ignoring
        if (forwarded(block)) for (const h of matchAll(HANDLING, s.text, { skipNegated: true })) add('handling', block, ...at(h));
        for (const h of matchAll(FORWARDING, s.text, { skipNegated: true })) add('forwarding', block, ...at(h));
        for (const h of matchAll(CONTENT, s.text, { skipNegated: true })) add('content', block, ...at(h));
        // the council summarising its own advice in its own publicity is its decision; a councillor or officer
        // passing the advice on by email is the breach
        if (scope.mode === 'email') for (const h of matchAll(LEGAL_ADVICE, s.text, { skipNegated: true })) add('legal-advice', block, ...at(h));
      },
      'document:exit'() {
        if (!sawSubject && doc.meta.subject && scope.counts.has('subject')) {
          const m = subjectMarking(doc.meta.subject);
          const first = doc.blocks[0];
          if (m && first) evidence.push({ kind: 'subject', block: first, start: 0, end: 0, text: m.text });
        }
        if (scope.counts.has('classification') && doc.meta.classification === 'exempt' && doc.kind !== 'email') {
          const fm = doc.blocks.find((b) => b.type === 'front-matter') ?? doc.blocks[0];
          if (fm) evidence.push({ kind: 'classification', block: fm, start: 0, end: 0, text: 'classification: exempt' });
        }
        if (evidence.length === 0) return;
        if (liftedSignal(doc)) return;
        const approvals = assessApprovals(doc, config);
        if (approvals.approved) return;

        const notes: string[] = [];
        const seen = new Set<string>();
        for (const e of evidence) {
          const n = `${DESCRIBE[e.kind](clip(e.text))} at ${lineOf(doc, e.block, e.start)}`;
          if (!seen.has(n) && seen.size < 5) {
            seen.add(n);
            notes.push(n[0]!.toUpperCase() + n.slice(1));
          }
        }
        for (const r of approvals.rejected) notes.push(`An approval was found but does not count: ${r.reason}.`);
        for (const h of notApprovals(doc)) notes.push(`"${clip(h.text)}" is not approval: ${h.entry.note ?? 'only an approver role can consent'}.`);

        const approverList = joinOr(config.approvers);
        const first = evidence[0]!;
        const what = DESCRIBE[first.kind](clip(first.text, 50));
        const suggestion = `Do not ${scope.mode === 'email' ? 'send' : 'publish'} this until the relevant ${approverList} has approved release, and record it (front matter "approvals", or a line such as "Approved for release by <name>, <role>, <date>"); otherwise remove the confidential or exempt content${scope.mode === 'email' ? ' or the outside recipients' : ''}.`;
        const leics = scope.mode === 'email' && scope.recipients.some((r) => r.cls === 'press' || r.parish || r.cls === 'public');
        const clause = leics || scope.mode === 'public-document' ? CLAUSE_WITH_LEICS : CLAUSE;

        if (scope.mode === 'email') {
          const target = scope.recipients[0];
          const who = target ? describeParty(target) + (scope.recipients.length > 1 ? ` and ${scope.recipients.length - 1} other outside recipient${scope.recipients.length > 2 ? 's' : ''}` : '') : `a ${doc.audience} audience`;
          const line = target ? headerLineFor(doc, target.address) : undefined;
          const where = line ?? { block: first.block, start: first.start, end: first.end };
          context.report({ block: where.block, start: where.start, end: where.end, messageId: 'email', data: { what: what[0]!.toUpperCase() + what.slice(1), who, approvers: config.approvers.join(', ') }, severity: scope.severity, clause, suggestion, notes });
          return;
        }
        const kindName = doc.kind === 'other' ? 'document' : doc.kind.replace('-', ' ');
        context.report({ block: first.block, start: first.start, end: first.end, messageId: 'publication', data: { kind: kindName, what, approvers: config.approvers.join(', ') }, severity: scope.severity, clause, suggestion, notes });
      },
    };
  },
};

