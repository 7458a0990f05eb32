import type { Rule } from '../../src/engine/rule.js';
import { analyse, at, fieldSpan, gazetteer, recordLine, wardMessageData, where } from './analysis.js';

/**
 * A report to Cabinet, Scrutiny, a regulatory committee or Council that raises a sensitive issue in named wards
 * and records no notification of those wards' members (Leicestershire Part 5C para 32).
 */
export const notificationMissing: Rule = {
  meta: {
    id: 'ward/notification-missing',
    family: 'ward',
    description: 'A committee report raises a sensitive issue in named wards but records no notification of their members.',
    clause: 'Leicestershire Part 5C para 32',
    grounding: [
      'Blackburn with Darwen Section 3 para C 3.1-3.2',
      'North Northamptonshire Part 8.4 para 7.3',
      'Leicestershire Part 5C para 26',
    ],
    defaultSeverity: 'error',
    kinds: ['report', 'agenda'],
    messages: {
      missing:
        '{{where}}This {{body}} report raises {{issue}} in {{wards}} but records no notification of the {{area}} {{memberWord}}{{members}}.',
      empty:
        '{{where}}"{{label}}: {{value}}" is not a record of telling the {{area}} {{memberWord}}{{members}}; this {{body}} report raises {{issue}} in {{wards}}.',
      others:
        '{{where}}"{{label}}" lists only other consultees ({{value}}), not the {{area}} {{memberWord}}{{members}}; this {{body}} report raises {{issue}} in {{wards}}.',
    },
    suggestion:
      'Bring the sensitive issue to the local members before the report is published, whether or not they sit on the committee, and record it on the cover sheet: "Ward members consulted: Cllr A, Cllr B (date)".',
  },
  create(context) {
    return {
      'document:exit'() {
        const doc = context.doc;
        const info = analyse(doc, context.config);
        if (info.decisionRecord) return; // ward/local-issue-alert (para 35, delegated decisions)
        for (const s of info.sections) {
          if (s.section.preamble) continue;
          if (s.body.role === 'exempt' || s.body.role === 'other') continue;
          if (s.affected.all || s.affected.wards.length === 0) continue;
          // an agenda's list of item titles is not a report: only items that carry a report's cover sheet
          if (doc.kind === 'agenda' && s.affected.source === 'text' && !s.section.fields.some((f) => f.key === 'reportOf' || f.key === 'notified')) continue;
          const hit = s.sensitive[0];
          if (!hit || s.records.length > 0) continue;
          const selfEvident = s.emptyFields.length > 0 || s.othersFields.length > 0;
          const certain = s.body.role === 'target' && (gazetteer(s) || selfEvident);
          const data = {
            where: where(s, info),
            body: s.body.role === 'target' && s.body.name ? shortBody(s.body.name) : 'committee',
            issue: String(hit.entry.label ?? hit.text),
            ...wardMessageData(s, info.area),
          };
          const suggestion = `Bring this to the ${data.area} members${data.members} before the report is published, whether or not they sit on the ${data.body === 'committee' ? 'committee' : data.body}, and record it on the cover sheet: ${recordLine(s.affected.wards, info.area)}.`;
          const empty = s.emptyFields[0] ?? s.othersFields[0];
          const notes = s.body.role === 'unknown' ? ['The meeting this report goes to could not be read; para 32 covers Cabinet, Scrutiny and regulatory committees, not informal panels or working parties.'] : undefined;
          const severity = certain ? 'error' : 'warning';
          if (empty) {
            context.report({
              ...fieldSpan(doc, empty),
              messageId: s.emptyFields[0] ? 'empty' : 'others',
              data: { ...data, label: empty.label, value: empty.value },
              suggestion,
              severity,
              notes,
            });
          } else {
            context.report({ ...at(doc, hit), messageId: 'missing', data, suggestion, severity, notes });
          }
        }
      },
    };
  },
};

/** "Cabinet - 14 January 2027 - Agenda item 7" → "Cabinet". */
function shortBody(name: string): string {
  const cut = name.split(/\s+[-–—|]\s+|\s*[:,(–—]\s*|\s+\d/)[0]!.trim();
  return /^[A-Z\s]+$/.test(cut) ? cut.charAt(0) + cut.slice(1).toLowerCase() : cut;
}
