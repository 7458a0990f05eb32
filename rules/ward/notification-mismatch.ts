import type { Rule } from '../../src/engine/rule.js';
import type { MemberEntry } from '../../src/config/types.js';
import { listText, wardOfMember } from '../../src/language/wards.js';
import type { NotificationRecord } from './analysis.js';
import { analyse, at, memberName, recordLine, wardsText, where } from './analysis.js';

/**
 * The document names the members who were told, and they are not the affected wards' members: one is missing,
 * or a named "ward member" represents another ward (members from config `members[].ward`).
 */
export const notificationMismatch: Rule = {
  meta: {
    id: 'ward/notification-mismatch',
    family: 'ward',
    description: 'The members recorded as told are not (all) the members for the affected wards.',
    clause: 'Leicestershire Part 5C para 32',
    grounding: [
      'Leicestershire Part 5C para 29 ("all the members representing the electoral division(s) affected")',
      'Blackburn with Darwen Section 3 paras C 3.3-3.4',
      'North Northamptonshire Part 8.4 para 7.1',
    ],
    defaultSeverity: 'warning',
    kinds: ['report', 'agenda', 'press-release', 'newsletter', 'social-post', 'letter', 'email', 'other'],
    messages: {
      missing: '{{where}}The notification names {{named}} but not {{missing}}, also {{memberWord}} for {{wards}}.',
      wrong: '{{where}}{{wrong}} {{isAre}} recorded as told, but {{pronoun}} {{represents}} {{otherWards}}, not {{wards}}{{members}}.',
      unknown: '{{where}}{{unknown}} {{isAre}} recorded as told, but the config has no such member for {{wards}}{{members}}.',
    },
    suggestion: 'Tell every member for the affected wards and list them: "Ward members consulted: Cllr A, Cllr B (date)".',
  },
  create(context) {
    return {
      'document:exit'() {
        const doc = context.doc;
        const config = context.config;
        const info = analyse(doc, config);
        if (!info.memberWards || doc.kind === 'minutes') return;
        for (const s of info.sections) {
          if (s.section.preamble || s.affected.all) continue;
          const wards = s.affected.wards.filter((w) => w.configured && w.members.length > 0);
          if (wards.length === 0) continue;
          const records = s.records.filter((r) => r.via !== 'recipient');
          if (records.length === 0 || records.some((r) => r.collective)) continue;
          const wardNames = new Set(wards.map((w) => w.name));
          const named = new Set<MemberEntry>(records.flatMap((r) => r.members));
          const first = records.find((r) => r.labelled && r.span) ?? records.find((r) => r.span);
          if (!first?.span) continue;
          const base = { where: where(s, info), wards: wardsText(wards, info.area) };
          const suggestion = `Tell every ${info.area} member for ${base.wards} and list them: ${recordLine(wards, info.area)}.`;
          const reported = new Set<NotificationRecord>();

          // a named "ward member" who represents another ward
          for (const r of records.filter((x) => x.labelled)) {
            const wrong = r.members.filter((m) => !r.inOtherRoles.includes(m) && !wardNames.has(wardOfMember(m, config) ?? ''));
            if (wrong.length === 0 || !r.span) continue;
            const others = [...new Set(wrong.map((m) => wardOfMember(m, config) ?? 'no ward'))];
            context.report({
              ...at(doc, r.span),
              messageId: 'wrong',
              data: {
                ...base,
                wrong: listText(wrong.map(memberName)),
                isAre: wrong.length > 1 ? 'are' : 'is',
                pronoun: wrong.length > 1 ? 'they' : 'that member',
                represents: wrong.length > 1 ? 'represent' : 'represents',
                otherWards: `${listText(others)} ${info.area}${others.length > 1 ? 's' : ''}`,
                members: ` (the members for ${base.wards}: ${listText(wards.flatMap((w) => w.members).map(memberName))})`,
              },
              suggestion,
            });
            reported.add(r);
          }

          // councillors named in a notification field or front matter whom the config does not know
          for (const r of records.filter((x) => x.labelled && x.unknown.length > 0 && x.span && !reported.has(x))) {
            context.report({
              ...at(doc, r.span!),
              messageId: 'unknown',
              data: { ...base, unknown: listText(r.unknown), isAre: r.unknown.length > 1 ? 'are' : 'is', members: ` (the members for ${base.wards}: ${listText(wards.flatMap((w) => w.members).map(memberName))})` },
              suggestion,
            });
          }

          // a member for an affected ward who is not recorded as told
          const namedHere = [...named].filter((m) => wardNames.has(wardOfMember(m, config) ?? ''));
          if (namedHere.length === 0) continue; // nobody from these wards named: the wrong-member finding says it
          const missing = wards.flatMap((w) => w.members).filter((m) => !named.has(m));
          if (missing.length === 0) continue;
          context.report({
            ...at(doc, first.span),
            messageId: 'missing',
            data: {
              ...base,
              named: listText(namedHere.map(memberName)),
              missing: listText(missing.map(memberName)),
              memberWord: missing.length > 1 ? 'members' : 'a member',
            },
            suggestion,
          });
        }
      },
    };
  },
};
