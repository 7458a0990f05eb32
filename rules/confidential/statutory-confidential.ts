import type { Rule } from '../../src/engine/rule.js';
import type { Block } from '../../src/types.js';
import type { Document } from '../../src/document/document.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import type { LexiconEntry } from '../../src/language/lexicon.js';
import { classifyAddress } from '../../src/document/audience.js';
import { isNegated, modality } from '../../src/language/scope.js';
import { category, describeParty, isExclusionResolution, isMarkedExempt, matchAll, outsideRecipients, type Compiled, type Hit, PUBLICITY_KINDS, QUOTED_FROM } from './common.js';

/**
 * confidential/statutory-confidential: a text going to the public, the press or another body that says it
 * holds "confidential information" in the statutory sense (LGA 1972 s.100A(3)): information a Government
 * department supplied on terms forbidding its disclosure, or information whose disclosure an enactment or a
 * court order prohibits. Unlike exempt information there is no public interest test. See
 * statutory-confidential.md; the wording is data (data/statutory-confidential.yml).
 */

const CLAUSE = 'LGA 1972 s.100A(3); North Northamptonshire Part 8.4 para 8.3';

const DEPARTMENT = category('statutory-confidential', 'department', 'g');
const SUPPLY = category('statutory-confidential', 'supply', 'g');
const TERMS = category('statutory-confidential', 'terms', 'g');
const COURT = category('statutory-confidential', 'court', 'g');
const REPORTING = category('statutory-confidential', 'reporting', 'g');
const ENACTMENT = category('statutory-confidential', 'enactment', 'g');
const DECLARATION = category('statutory-confidential', 'declaration', 'g');
const EXCLUSION = category('statutory-confidential', 'exclusion', 'g');
const THIS_ITEM = category('statutory-confidential', 'this-item', 'g');
const WITHHELD = category('statutory-confidential', 'withheld', 'g');
const EXPLAINS = category('statutory-confidential', 'explains', 'g');
const LIFTED = category('statutory-confidential', 'lifted', 'g');

type What = 'department' | 'court' | 'reporting' | 'enactment' | 'declaration' | 'exclusion';

const DESCRIBE: Record<What, string> = {
  department: 'information a Government department supplied on terms that forbid its disclosure (s.100A(3)(a))',
  court: 'information a court order protects (s.100A(3)(b))',
  reporting: 'a case under reporting restrictions (s.100A(3)(b), an order of a court)',
  enactment: 'information an enactment bars from disclosure (s.100A(3)(b))',
  declaration: 'a statement that it holds confidential information within s.100A(3)',
  exclusion: 'a statement that the public must be excluded because of confidential information (s.100A(2))',
};

/** Wording inside a "lifted" match that means it has not happened yet ("will be lifted", "not lifted"). */
const UNLIFTED = /\b(?:not|never|until|unless|will|would|may|might|could|if|when|whether)\b|n['’]t\b/i;


interface Scope {
  severity: 'error' | 'warning';
  /** Who reads it, for the message: "the press (dana.example@...)", "the public". */
  who: string;
  email: boolean;
}

/**
 * Who the text is for, and how serious disclosure is. Statutory confidential information must not reach the
 * public at all (s.100A(2)): error for the press, the public, publicity, public committee papers and parish
 * councils (Leicestershire para 11 names them beside the press); warning for another public body, with which
 * a statutory gateway may allow sharing. Members' and internal documents, and papers withheld from the public
 * (marked exempt, confidential or not for publication), are within their audience.
 */
function scopeOf(doc: Document, config: ResolvedConfig): Scope | undefined {
  if (doc.kind === 'email') {
    if (doc.audience !== 'press' && doc.audience !== 'public' && doc.audience !== 'external') return undefined;
    const outside = outsideRecipients(doc, config);
    const first = outside[0];
    const who = first ? describeParty(first) + (outside.length > 1 ? ` and ${outside.length - 1} other outside recipient${outside.length > 2 ? 's' : ''}` : '') : `a ${doc.audience} audience`;
    const partnerOnly = doc.audience === 'external' && !outside.some((r) => r.parish);
    return { severity: partnerOnly ? 'warning' : 'error', who, email: true };
  }
  if (PUBLICITY_KINDS.has(doc.kind)) return { severity: 'error', who: 'the public (council publicity)', email: false };
  if (doc.kind === 'report' || doc.kind === 'minutes' || doc.kind === 'agenda') {
    if (doc.audience !== 'public' || isMarkedExempt(doc)) return undefined;
    return { severity: 'error', who: 'the public (a public committee paper)', email: false };
  }
  // letters and other documents only when config says they are for the press or the public
  if (doc.audience === 'public' || doc.audience === 'press') return { severity: 'error', who: doc.audience === 'press' ? 'the press' : 'the public', email: false };
  return undefined;
}

function first(list: readonly Compiled[], text: string): Hit | undefined {
  return matchAll(list, text)[0];
}

function clip(s: string, n = 80): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}

/** A hit stated as fact: not negated, hypothetical, disclaimed or asked. */
function asserted(text: string, index: number): boolean {
  return modality(text, index) === 'asserted';
}

interface Found {
  what: What;
  start: number;
  end: number;
  entry?: LexiconEntry;
}

/** A council's own department ("the council's Housing Department of ..."), not a Government department. */
const COUNCIL_OWN = /\b(?:(?:council|borough|county|district|city)['’]s|our|its|(?:borough|county|district|city|parish|town)\s+council)\s+(?:(?!(?:by|from|to|with|of|in|at|and)\b)[\w-]+\s+){0,2}$/i;

const HANDLED = /\b(?:held|kept|treated|handled|stored|used|processed|dealt with)\s+(?:strictly\s+|securely\s+|and\s+\w+\s+)?$/i;
const CLAUSE_BREAK = /[;:]|,\s*(?:and|but|while|whereas|so)\b|\s(?:but|whereas)\s/i;

/** s.100A(3)(a): a Government department, a verb of supply and terms forbidding disclosure in one sentence. */
function departmentHit(text: string): Found | undefined {
  // "held in confidence", "treated in confidence" describe how the council handles data, not what this text holds
  const terms = matchAll(TERMS, text).filter((t) => asserted(text, t.index) && !HANDLED.test(text.slice(Math.max(0, t.index - 30), t.index)));
  if (terms.length === 0) return undefined;
  const depts = matchAll(DEPARTMENT, text).filter((d) => !/^['’]s\b/.test(text.slice(d.index + d.length)) && !COUNCIL_OWN.test(text.slice(Math.max(0, d.index - 60), d.index)));
  if (depts.length === 0) return undefined;
  const supplies = matchAll(SUPPLY, text).filter((s) => !isNegated(text, s.index, 30));
  for (const t of terms) {
    for (const d of depts) {
      const lo = Math.min(t.index, d.index);
      const hi = Math.max(t.index + t.length, d.index + d.length);
      // one clause: "provided £2m for the scheme, and residents can report problems in confidence" is two
      if (hi - lo > 160 || CLAUSE_BREAK.test(text.slice(lo, hi))) continue;
      // the department supplies it ("the Home Office provided ..."), or it is supplied by or from the department
      const byDept = /\b(?:by|from|with)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, d.index - 12), d.index));
      // (as the subject, the department comes just before its verb: "the Home Office has shared")
      const s = supplies.find((v) => v.index >= lo - 40 && v.index < hi && (byDept || (d.index < v.index && v.index - (d.index + d.length) <= 25)));
      if (s) return { what: 'department', start: Math.min(lo, s.index), end: hi, entry: t.entry };
    }
  }
  return undefined;
}

export const statutoryConfidential: Rule = {
  meta: {
    id: 'confidential/statutory-confidential',
    family: 'confidential',
    description: 'Statutory confidential information (LGA 1972 s.100A(3)) said to be in a text for the public, the press or another body.',
    clause: CLAUSE,
    grounding: [
      'LGA 1972 s.100A(3) as enacted (verify against legislation.gov.uk): "confidential information" means "(a) information furnished to the council by a Government department upon terms (however expressed) which forbid the disclosure of the information to the public; and (b) information the disclosure of which to the public is prohibited by or under any enactment or by the order of a court"',
      'LGA 1972 s.100A(2) (verify): the public must be excluded whenever confidential information would be disclosed; unlike exempt information (Sch 12A para 10) there is no public interest test',
      'North Northamptonshire Part 8.4 para 8.2 (information for a third party only if "It is not barred by legislation from being given") and para 8.3 ("confidential" or "exempt" information "as defined by law")',
      'Blackburn with Darwen Section 3 para C 3.7 (no member right to "papers which contain confidential or exempt information") and C 3.12 (confidential information "should not be circulated without the approval of the relevant Director")',
    ],
    defaultSeverity: 'error',
    audiences: ['external', 'press', 'public'],
    includeBlockTypes: ['quoted-reply'],
    messages: {
      email:
        'This email goes to {{who}} but carries {{what}}: "{{text}}". Confidential information in the statutory sense (LGA 1972 s.100A(3)) must not be disclosed to the public, and unlike exempt information no public interest test can justify it.',
      publication:
        '{{subject}} for {{who}} but carries {{what}}: "{{text}}". Confidential information in the statutory sense (LGA 1972 s.100A(3)) must not be disclosed to the public, and unlike exempt information no public interest test can justify it.',
    },
    suggestion:
      'Remove the information, or withhold the document: statutory confidential information cannot be published and no public interest test applies; ask the Monitoring Officer.',
  },
  create(context) {
    const { doc, config } = context;
    const scope = scopeOf(doc, config);
    if (!scope) return {};
    // reporting restrictions or an order since lifted or discharged (read once, for court and reporting wording)
    let lifted: boolean | undefined;
    const isLifted = () =>
      (lifted ??= doc.blocks.some((b) => b.type !== 'code' && b.type !== 'front-matter' && matchAll(LIFTED, b.text).some((h) => !UNLIFTED.test(h.text) && !isNegated(b.text, h.index, 30))));
    // minutes record, and agendas announce, that an item is taken in private: the resolution itself is public
    const recordsPrivateBusiness = doc.kind === 'minutes' || doc.kind === 'agenda';
    let quotedFromOutside = false;
    const subject = doc.kind === 'minutes' ? 'These minutes are' : `This ${doc.kind === 'other' ? 'document' : doc.kind.replace('-', ' ')} is`;

    const report = (block: Block, found: Found, sentenceStart: number, text: string) => {
      const start = sentenceStart + found.start;
      const end = sentenceStart + found.end;
      const excerpt = clip(text.slice(found.start, found.end));
      context.report({
        block,
        start,
        end,
        messageId: scope.email ? 'email' : 'publication',
        data: { who: scope.who, what: DESCRIBE[found.what], text: excerpt, subject },
        severity: scope.severity,
        notes: found.entry?.note ? [String(found.entry.note)] : undefined,
      });
    };

    return {
      block(block) {
        if (block.type !== 'quoted-reply') {
          quotedFromOutside = false;
          return;
        }
        // an earlier message written outside the council (a journalist's question) is not the council's material
        const from = QUOTED_FROM.exec(block.text);
        if (from) {
          const address = /<?([\w.+'-]+@[\w.-]+\.[a-z]{2,})>?/i.exec(from[1] ?? from[2] ?? '')?.[1];
          quotedFromOutside = address !== undefined && classifyAddress(address, config) !== 'council';
        }
      },
      sentence(s, block) {
        if (block.type === 'quoted-reply' && quotedFromOutside) return;
        const text = s.text;
        // the law explained in general, or a resolution excluding the public (the resolution itself is public)
        if (first(EXPLAINS, text) || isExclusionResolution(text)) return;
        const candidates: Found[] = [];
        const dept = departmentHit(text);
        if (dept) candidates.push(dept);
        const add = (what: What, list: readonly Compiled[]) => {
          for (const h of matchAll(list, text)) if (asserted(text, h.index)) candidates.push({ what, start: h.index, end: h.index + h.length, entry: h.entry });
        };
        add('enactment', ENACTMENT);
        if (!isLifted()) {
          add('court', COURT);
          add('reporting', REPORTING);
        }
        if (!recordsPrivateBusiness) {
          add('declaration', DECLARATION);
          if (first(THIS_ITEM, text)) add('exclusion', EXCLUSION);
        }
        if (candidates.length === 0) return;
        // a sentence that withholds or refuses ("cannot comment while reporting restrictions apply", "removed from
        // this report") does not disclose; read it without the matched wording, whose own "must not be named" is
        // the restriction, not a refusal
        let rest = text;
        for (const c of candidates) rest = rest.slice(0, c.start) + ' '.repeat(c.end - c.start) + rest.slice(c.end);
        if (first(WITHHELD, rest)) return;
        candidates.sort((a, b) => a.start - b.start);
        report(block, candidates[0]!, s.start, text);
      },
    };
  },
};
