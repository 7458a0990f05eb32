import type { Rule } from '../../src/engine/rule.js';
import type { Hit } from './analysis.js';
import { analyse, at, gazetteer, recordLine, wardMessageData } from './analysis.js';

const SITUATIONS: Record<number, string> = {
  1: 'an issue arising from a delegated decision',
  2: 'a press approach',
  3: 'a partner body proposing action',
  4: 'a Freedom of Information request on a controversial issue',
  5: 'significant complaints from residents',
  6: 'a potentially controversial operational matter',
  7: 'a major incident',
};

/**
 * Press releases, media responses, FOI responses, officer decision records, letters and e-mails about a named ward
 * in one of the situations of Leicestershire Part 5C para 35, with no record that the local members were told.
 */
export const localIssueAlert: Rule = {
  meta: {
    id: 'ward/local-issue-alert',
    family: 'ward',
    description: 'A para 35 situation (closure, road works, incident, delegated decision, press or FOI approach, complaints) in a named ward with no record that its members were told.',
    clause: 'Leicestershire Part 5C para 35',
    grounding: [
      'Leicestershire Part 5C para 36 (the Leader, Deputy Leader or Cabinet Lead Member may need telling too)',
      'North Northamptonshire Part 8.4 paras 7.3 and 8.1',
      'Blackburn with Darwen Section 3 para C 3.2',
    ],
    defaultSeverity: 'warning',
    kinds: ['press-release', 'email', 'letter', 'report', 'other'],
    messages: {
      missing: '{{situation}} in {{wards}}{{issue}}, with no record of the {{area}} {{memberWord}}{{members}} being told.',
    },
    suggestion: 'Tell the local members; a short e-mail or call is enough, and record it ("Ward members informed: Cllr A, Cllr B (date)"). Consider the Leader, Deputy Leader or Lead Member too.',
  },
  create(context) {
    return {
      'document:exit'() {
        const doc = context.doc;
        const info = analyse(doc, context.config);
        if (info.memberAuthored) return;
        if (doc.kind === 'report' && !info.decisionRecord) return; // committee reports: ward/notification-missing
        for (const s of info.sections) {
          if (s.section.preamble) continue;
          if (s.affected.all || s.affected.wards.length === 0 || s.records.length > 0) continue;
          const trigger = findTrigger(s.sensitive, s.occasions, info.decisionRecord, info.mediaResponse);
          if (!trigger) continue;
          const major = trigger.situation === 6 || trigger.situation === 7;
          const severity = major && info.publicDoc && (gazetteer(s) || s.emptyFields.length > 0) ? 'error' : 'warning';
          const data = {
            situation: capitalise(SITUATIONS[trigger.situation] ?? 'A local issue'),
            issue: trigger.occasion ? '' : issueText(String(trigger.hit.entry.label ?? trigger.hit.text), SITUATIONS[trigger.situation] ?? ''),
            ...wardMessageData(s, info.area),
          };
          context.report({
            ...at(doc, trigger.hit),
            messageId: 'missing',
            data,
            severity,
            suggestion: `Tell the ${info.area} members${data.members}: a short e-mail or call is enough. Record it in the document: ${recordLine(s.affected.wards, info.area, 'informed')}. Consider the Leader, Deputy Leader or Lead Member too (para 36).`,
          });
        }
      },
    };
  },
};

interface Trigger {
  situation: number;
  hit: Hit;
  /** The wording is the occasion itself ("the NHS trust proposes to"), not a sensitive issue. */
  occasion?: boolean;
}

/** The para 35 situation the document is in, if any, and the wording that shows it. */
function findTrigger(sensitive: Hit[], occasions: Hit[], decisionRecord: boolean, mediaResponse: boolean): Trigger | undefined {
  const operational = sensitive.find((h) => h.entry.situation === 6 || h.entry.situation === 7);
  if (operational) return { situation: Number(operational.entry.situation), hit: operational };
  const para35 = sensitive.find((h) => h.entry.para35 === true);
  const occasion = (n: number) => occasions.find((o) => o.entry.situation === n);
  if (para35) {
    if (decisionRecord || occasion(1)) return { situation: 1, hit: para35 };
    if (mediaResponse) return { situation: 2, hit: para35 };
    if (occasion(4)) return { situation: 4, hit: para35 };
  }
  const standalone = occasion(3) ?? occasion(5);
  if (standalone) return { situation: Number(standalone.entry.situation), hit: standalone, occasion: true };
  return undefined;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** " (a road closure)", or "" when the situation already says it ("a major incident"). */
function issueText(label: string, situation: string): string {
  return label.toLowerCase() === situation.toLowerCase() ? '' : ` (${label})`;
}
