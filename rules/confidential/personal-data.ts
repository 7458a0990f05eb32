import type { Rule } from '../../src/engine/rule.js';
import type { Block } from '../../src/types.js';
import type { Sentence } from '../../src/document/document.js';
import { findOfficer } from '../../src/language/approvals.js';
import { isMemberName } from '../../src/language/people.js';
import {
  findDatesOfBirth,
  findNhsNumbers,
  findNinos,
  findPhones,
  findStreetAddresses,
  planningReferenceSpans,
} from '../../src/language/personal-data.js';
import { category, isMarkedExempt, matchAll, outsideRecipients, senderOf } from './common.js';

/**
 * confidential/personal-data: personal data about private individuals in text going to the public, the press
 * or outside the council. Every finding is masked: reporters show the kind of data, never the data.
 * See personal-data.md.
 */

const CLAUSE = 'LGA 1972 Sch 12A Part 1 paras 1-2; Blackburn with Darwen Section 3 para C 3.7';
const CLAUSE_FORWARD = 'North Northamptonshire Part 8.4 para 8.6; LGA 1972 Sch 12A Part 1 paras 1-2';

const KW_NINO = category('personal-data', 'keyword-nino');
const KW_NHS = category('personal-data', 'keyword-nhs');
const CASEWORK = category('personal-data', 'casework-label', 'gm');
const SPECIAL = category('personal-data', 'special', 'g');
const PUBLIC_REGISTER = category('personal-data', 'public-register');
const ORGANISATION = category('personal-data', 'organisation');
const PLANNING_CONTEXT = category('personal-data', 'planning-context');

const test = (list: typeof KW_NINO, text: string) => list.some(({ re }) => re.test(text));

/** "Mr Lennox Ardwick", "Mrs Thackwray" (Dr is left out: doctors are named in their professional role). */
const HONORIFIC_NAME = /\b(?:Mr|Mrs|Ms|Miss|Mx|Master)\.?\s+(?:[A-Z][a-z'’-]+\s+){0,2}[A-Z][A-Za-z'’-]+/g;
/** A role after a name makes it a professional ("Ms Ann Example, Chief Nurse", "Mr Example (Head of Planning)"). */
const ROLE_AFTER = /^\s*(?:,|\(|-|–)\s*(?:the\s+)?(?:[A-Z][\w&'’-]*\s+){0,4}(?:Officer|Manager|Director|Head|Lead|Nurse|Doctor|Consultant|Chief|Executive|Clerk|Solicitor|Surveyor|Adviser|Advisor|Councillor|Chair|Chairman|Leader|Inspector|Engineer|Planner|Coordinator|Co-ordinator|Partner|Editor|Reporter|Correspondent|Spokes\w+|Ltd|plc|Trust|Council)\b/;
const PRONOUN_START = /^\s*(?:He|She|They|His|Her|Their)\b/;
/** Whose number it is: "his mobile number is", "Mrs Example's phone:". */
const POSSESSIVE_PHONE = /\b(?:his|her|their|[A-Z][\w'’-]+['’]s)\s+(?:home |personal |private |mobile |own )?(?:mobile|phone|telephone|landline|number|contact number)(?:\s+(?:number|no\.?))?\s*(?:is|was|:)?\s*$/;
/** A person before "born": a name, a pronoun, or a word for a person. */
const PERSON_BEFORE = /\b(?:Mr|Mrs|Ms|Miss|Mx|Master|Dr)\.?\s+[A-Z]|\b(?:he|she|who|they|resident|baby|son|daughter|child|boy|girl|man|woman|tenant|applicant|claimant|patient|pupil|mother|father|grandmother|grandfather)\b/i;
const PHONE_LABEL = /\b(?:tel(?:ephone)?|phone|mobile|mob|home|contact number|landline|number)\b\s*(?:no\.?|number)?\s*[:.]?\s*$/i;
const ADDRESS_LABEL = /\b(?:address|lives at|living at|home at|resident at|moved (?:in)?to|landlord at|property at|flat at|house at)\b[^.\n]{0,20}$/i;

type DataKind = 'National Insurance number' | 'NHS number' | 'date of birth' | 'phone number' | 'home address' | 'health information' | 'safeguarding information' | 'criminal-offence information';

interface Hit {
  start: number;
  end: number;
  kind: DataKind;
  strong: boolean;
}

const SPECIAL_KIND: Record<string, DataKind> = { health: 'health information', safeguarding: 'safeguarding information', 'criminal-offence': 'criminal-offence information' };

export const personalData: Rule = {
  meta: {
    id: 'confidential/personal-data',
    family: 'confidential',
    description: 'Personal data about a private individual (NI or NHS number, date of birth, home address or phone, health or safeguarding details) in text going beyond the council.',
    clause: CLAUSE,
    grounding: [
      'LGA 1972 Sch 12A Part 1 para 1 ("information relating to any individual") and para 2 ("information which is likely to reveal the identity of an individual")',
      'Blackburn with Darwen Section 3 para C 3.7 (no right to "information relating to individual service users")',
      'North Northamptonshire Part 8.4 paras 8.2, 8.5, 8.6 (personal confidentiality; data protection; purpose limitation)',
      'UK GDPR arts 9-10: special-category and criminal-offence data (verify severity)',
    ],
    defaultSeverity: 'error',
    includeBlockTypes: ['quoted-reply'],
    messages: {
      found: 'Personal data about a private individual ({{kinds}}) in {{where}}. Schedule 12A para 1 makes "information relating to any individual" exempt; Blackburn with Darwen C 3.7 keeps "information relating to individual service users" out of public papers.',
    },
    suggestion: 'Remove or redact the personal data, or move it to an exempt appendix (Schedule 12A para 1 or 2); describe the case without identifying the person.',
  },
  create(context) {
    const { doc, config } = context;
    if (isMarkedExempt(doc)) return {};
    const audience = doc.audience;
    const outward = audience === 'press' || audience === 'public' || audience === 'external';
    const severity: 'error' | 'warning' = audience === 'press' || audience === 'public' ? 'error' : 'warning';
    const strongOnly = !outward; // internal and members: only NI and NHS numbers
    const sender = doc.kind === 'email' ? senderOf(doc, config).kind : 'unknown';
    const headText = doc.blocks.slice(0, 12).map((b) => b.text).join('\n');
    const publicRegister = test(PUBLIC_REGISTER, headText);
    const planningDoc = /\bplanning application\b/i.test(headText) || planningReferenceSpans(headText).length > 0;
    const where =
      doc.kind === 'email'
        ? audience === 'press'
          ? 'an email to the press'
          : audience === 'public'
            ? 'an email to people outside the council'
            : audience === 'external'
              ? 'an email to another organisation'
              : 'an email'
        : `${doc.kind === 'minutes' ? 'minutes' : doc.kind === 'agenda' ? 'an agenda' : `a ${doc.kind === 'other' ? 'document' : doc.kind.replace('-', ' ')}`}${outward ? ` for ${audience === 'external' ? 'outside readers' : 'the public'}` : ''}`;

    // A letter, or an email to one person outside, may give that person their own data ("Dear Mrs Example, your
    // claim reference ..."): data tied to the addressee, or to "you", is theirs to receive.
    const outside = doc.kind === 'email' ? outsideRecipients(doc, config) : [];
    const toOnePerson = doc.kind === 'letter' || (outside.length === 1 && outside[0]!.cls === 'public');
    const addressees = new Set<string>();
    if (toOnePerson) {
      const surname = (n: string) => n.trim().split(/\s+/).pop()!.toLowerCase();
      if (outside[0]?.name && !/[,;]|\b(?:forum|group|association|team|residents|members|list|all)\b/i.test(outside[0].name)) addressees.add(surname(outside[0].name));
      for (const b of doc.ownBlocks.slice(0, 8)) {
        const m = /^\s*Dear\s+(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*,?\s*$/m.exec(b.text);
        if (m && !/^(?:Sir|Madam|Editor|Resident|Occupier|Councillor|Cllr|All|Colleague)/.test(m[1]!)) addressees.add(surname(m[1]!));
      }
    }
    const isAddressee = (name: string) => addressees.size > 0 && addressees.has(name.trim().split(/\s+/).pop()!.replace(/['’]s$/, '').toLowerCase());

    // per-block state
    let caseworkBlock = -1;
    let caseworkNames: string[] = [];
    let lastBlock = -1;
    let lastPrivateName = false;

    const privateNames = (text: string, casework: boolean): Array<{ start: number; end: number }> => {
      const out: Array<{ start: number; end: number }> = [];
      HONORIFIC_NAME.lastIndex = 0;
      for (let m = HONORIFIC_NAME.exec(text); m; m = HONORIFIC_NAME.exec(text)) {
        const name = m[0];
        if (findOfficer(name, config) || isMemberName(name, config)) continue;
        if (ROLE_AFTER.test(text.slice(m.index + name.length, m.index + name.length + 60))) continue;
        out.push({ start: m.index, end: m.index + name.length });
      }
      if (casework) {
        for (const n of caseworkNames) {
          const i = text.indexOf(n);
          if (i >= 0 && !out.some((o) => i >= o.start && i < o.end)) out.push({ start: i, end: i + n.length });
          const surname = n.split(/\s+/).pop()!;
          if (surname.length > 3) {
            const j = text.indexOf(surname);
            if (j >= 0 && !out.some((o) => j >= o.start && j < o.end)) out.push({ start: j, end: j + surname.length });
          }
        }
      }
      return out.sort((a, b) => a.start - b.start);
    };

    return {
      block(block, index) {
        if (block.type === 'quoted-reply' && !outward) {
          caseworkBlock = -1;
          return;
        }
        const labels = matchAll(CASEWORK, block.text);
        if (labels.length) {
          caseworkBlock = index;
          caseworkNames = labels
            .map((l) => /:\s*(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})/.exec(block.text.slice(l.index, block.text.indexOf('\n', l.index) < 0 ? undefined : block.text.indexOf('\n', l.index)))?.[1])
            .filter((n): n is string => Boolean(n) && !findOfficer(n!, config) && !isMemberName(n!, config));
        }
      },
      sentence(s: Sentence, block: Block) {
        if (block.type === 'quoted-reply' && !outward) return;
        const text = s.text;
        const casework = caseworkBlock === s.block && caseworkNames.length > 0;
        if (lastBlock !== s.block) {
          lastBlock = s.block;
          lastPrivateName = false;
        }
        const blockBefore = block.text.slice(Math.max(0, s.start - 60), s.start);
        const hits: Hit[] = [];
        const planning = planningReferenceSpans(text);
        const inPlanning = (i: number) => planning.some(([a, b]) => i >= a && i < b);

        // strong identifiers
        for (const n of findNinos(text)) {
          if (n.spaced || test(KW_NINO, text) || test(KW_NINO, blockBefore)) hits.push({ start: n.index, end: n.index + n.length, kind: 'National Insurance number', strong: true });
        }
        if (test(KW_NHS, text) || test(KW_NHS, blockBefore)) {
          for (const n of findNhsNumbers(text)) if (!inPlanning(n.index)) hits.push({ start: n.index, end: n.index + n.length, kind: 'NHS number', strong: true });
        }
        if (!strongOnly) {
          for (const d of findDatesOfBirth(text, doc.meta.date)) {
            // "born on 1 April 1974" needs a person ("the council was born ..." is not a birth date)
            if (/^born/i.test(d.keyword) && !PERSON_BEFORE.test(text.slice(Math.max(0, d.index - 80), d.index))) continue;
            hits.push({ start: d.index, end: d.index + d.length, kind: 'date of birth', strong: false });
          }

          const names = privateNames(text, casework);
          const namedHere = names.length > 0;
          const named = namedHere || casework || (lastPrivateName && PRONOUN_START.test(text));
          const imprint = /^\s*(?:promoted|printed(?: and| &) published|published|printed) by\b/i.test(text);

          if (!publicRegister && !imprint) {
            for (const p of findPhones(text)) {
              if (inPlanning(p.index)) continue;
              const lineStart = text.lastIndexOf('\n', p.index) + 1;
              const before = text.slice(Math.max(lineStart, p.index - 60), p.index);
              if (test(ORGANISATION, before)) continue;
              const labelled = casework && PHONE_LABEL.test(text.slice(lineStart, p.index));
              // "Mrs Example (07700 900417)" records a person's number; "his mobile is ..." says whose it is;
              // "contact Mrs Example on ..." is a published contact and is left alone
              const recorded = names.some((n) => /^\s*[(,]?\s*$/.test(text.slice(n.end, p.index)));
              const possessive = namedHere && POSSESSIVE_PHONE.test(text.slice(Math.max(0, p.index - 40), p.index));
              if (labelled || recorded || possessive) hits.push({ start: p.index, end: p.index + p.length, kind: 'phone number', strong: false });
            }
            if (!planningDoc) {
              for (const a of findStreetAddresses(text)) {
                const before = text.slice(Math.max(0, a.index - 40), a.index);
                if (test(ORGANISATION, before.slice(-25)) || test(PLANNING_CONTEXT, before)) continue;
                const lineStart = text.lastIndexOf('\n', a.index) + 1;
                const labelled = casework && ADDRESS_LABEL.test(text.slice(lineStart, a.index));
                if (labelled || (namedHere && names.some((n) => n.end <= a.index)) || (namedHere && ADDRESS_LABEL.test(before))) {
                  hits.push({ start: a.index, end: a.index + a.length, kind: 'home address', strong: false });
                }
              }
            }
          }
          if (named) {
            for (const h of matchAll(SPECIAL, text, { skipNegated: true })) {
              const kind = SPECIAL_KIND[String(h.entry.kind)] ?? 'health information';
              // the span runs from the person's name to the term, so the masked context names neither
              const name = names.filter((n) => n.end <= h.index).pop();
              hits.push({ start: name ? name.start : h.index, end: h.index + h.length, kind, strong: false });
            }
          }
          if (namedHere) lastPrivateName = true;
        }
        if (hits.length === 0) return;
        if (toOnePerson) {
          const named = privateNames(text, casework).map((n) => text.slice(n.start, n.end));
          const whose = named.length ? named : casework ? caseworkNames : [];
          if (whose.length ? whose.every(isAddressee) : /\byour?\b/i.test(text)) return;
        }
        const start = Math.min(...hits.map((h) => h.start));
        const end = Math.max(...hits.map((h) => h.end));
        const kinds = [...new Set(hits.map((h) => h.kind))];
        const label = kinds.join(', ');
        const sev = strongOnly ? 'warning' : severity;
        const forwarded = block.type === 'quoted-reply' && sender === 'member';
        const special = hits.some((h) => /health|safeguarding|criminal/.test(h.kind));
        const notes: string[] = [];
        if (forwarded) notes.push('This is casework information given to a councillor and forwarded beyond the purpose it was given for (North Northamptonshire para 8.6: "Information given to a councillor must only be used for the purpose for which it was requested").');
        if (special) notes.push('Health, safeguarding and criminal-offence details are special-category or criminal-offence data (UK GDPR arts 9-10; verify). If the person has given explicit written consent to publication, record it and suppress this finding with that reason.');
        context.report({
          block,
          start: s.start + start,
          end: s.start + end,
          messageId: 'found',
          data: { kinds: label, where },
          severity: sev,
          mask: label,
          clause: forwarded ? CLAUSE_FORWARD : CLAUSE,
          notes: notes.length ? notes : undefined,
        });
      },
    };
  },
};
