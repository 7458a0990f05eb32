import type { Rule } from '../../src/engine/rule.js';
import type { Block } from '../../src/types.js';
import {
  bannerPositions,
  category,
  exclusionHits,
  exemptDeclarations,
  frontMatterLine,
  liftedSignal,
  linesOf,
  markingInLine,
  matchAll,
} from './common.js';
import { findCitations, findOtherGrounds, findPlaceholders } from './schedule12a.js';

/**
 * confidential/exempt-ground-missing: a report, agenda item, decision record or exclusion resolution withheld
 * as exempt (or Part 2 / Private / not for publication) that cites no Schedule 12A paragraph. See
 * exempt-ground-missing.md.
 *
 * Option `requirePublicInterest` (default false): also warn when an exempt report cites a paragraph but says
 * nothing about the public interest test (Sch 12A para 10; the Maldon and Brighton & Hove templates state it).
 */

const CLAUSE = 'LGA 1972 s.100A(5) and s.100B(5), Sch 12A';
const PUBLIC_INTEREST = category('exempt-ground', 'public-interest', 'g');
/** Banner markings that mean the paper is withheld from the public (not CONFIDENTIAL or OFFICIAL-SENSITIVE alone). */
const EXEMPT_LABEL = /\b(?:EXEMPT|NOT FOR PUBLICATION|PART (?:2|II|B)|PINK PAPERS?)\b|^PRIVATE$/i;
/** Agenda items labelled exempt in brackets: "(exempt report, not included in the public pack)". */
const AGENDA_LABEL = /\((?:exempt|exempt (?:report|item|appendix)|part (?:2|ii|b)|private|not for publication)\b[^)]{0,60}\)/gi;

interface Mark {
  block: Block;
  start: number;
  end: number;
  how: 'declaration' | 'banner' | 'agenda-label' | 'classification';
}

export const exemptGroundMissing: Rule = {
  meta: {
    id: 'confidential/exempt-ground-missing',
    family: 'confidential',
    description: 'A report, agenda item or exclusion resolution withheld as exempt cites no Schedule 12A paragraph.',
    clause: CLAUSE,
    grounding: [
      'LGA 1972 s.100A(4)-(5): the resolution excluding the public must describe the information "in terms of Schedule 12A" (verify)',
      'Fylde Part 5c para 16.2 (items designated exempt "subject to the public interest tests being considered")',
      'Brighton & Hove template: "NOT FOR PUBLICATION ... paragraph (X)" must be filled in',
    ],
    defaultSeverity: 'error',
    kinds: ['report', 'agenda', 'minutes', 'other'],
    messages: {
      missing:
        'This {{kind}} withholds exempt material ({{how}}) but cites no paragraph of Schedule 12A. Exempt information is identified by the Schedule 12A paragraph that describes it (LGA 1972 s.100A(5), s.100B(5)); Fylde para 16.2: items are designated exempt "subject to the public interest tests being considered".',
      placeholder: 'The Schedule 12A citation is an unfilled template ("{{text}}"): it names no paragraph, so the {{kind}} cites no ground for withholding it.',
      agendaItem:
        'An agenda item is marked exempt ({{how}}) but the agenda cites no paragraph of Schedule 12A for taking it in private. Exempt information is identified by the Schedule 12A paragraph that describes it (LGA 1972 s.100A(4)-(5)).',
      exclusion:
        'This resolution excludes the public for exempt business but cites no paragraph of Schedule 12A: the resolution must say which paragraph of Schedule 12A describes the exempt information (LGA 1972 s.100A(4)-(5)).',
      publicInterest:
        'This exempt {{kind}} cites Schedule 12A but does not state the public interest test: paragraphs 1-7 information is exempt only "if and so long, as in all the circumstances of the case, the public interest in maintaining the exemption outweighs the public interest in disclosing the information" (Sch 12A para 10).',
    },
    suggestion: 'State the Schedule 12A paragraph(s) relied on, e.g. "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972", and the public interest reasoning; or publish the report if nothing in it is exempt.',
  },
  create(context) {
    const { doc, options } = context;
    const marks: Mark[] = [];
    const placeholders: Array<{ block: Block; start: number; end: number; text: string }> = [];
    let cited = (doc.meta.exemptParagraphs ?? []).length > 0;
    let publicInterest = false;
    const banners = bannerPositions(doc);
    const checkDeclarations = doc.kind !== 'minutes';
    const exclusions: Array<{ block: Block; start: number; end: number; cited: boolean; placeholder?: string }> = [];

    return {
      block(block, index) {
        const citations = findCitations(block.text, { anyContext: true });
        const other = findOtherGrounds(block.text);
        const ph = findPlaceholders(block.text);
        if (citations.length || other.length) cited = true;
        for (const p of ph) placeholders.push({ block, start: p.index, end: p.index + p.length, text: p.text });
        if (matchAll(PUBLIC_INTEREST, block.text).length) publicInterest = true;
        if (doc.kind !== 'minutes' || doc.meta.classification === 'exempt') {
          for (const l of linesOf(block.text)) {
            const m = markingInLine(l.text, banners.has(`${index}:${l.start}`));
            // only committee-paper labels withhold a paper; "CONFIDENTIAL - DRAFT" on a draft report does not
            if (m && EXEMPT_LABEL.test(m.text)) marks.push({ block, start: l.start + m.start, end: l.start + m.end, how: 'banner' });
          }
        }
        if (doc.kind === 'agenda') {
          AGENDA_LABEL.lastIndex = 0;
          for (let m = AGENDA_LABEL.exec(block.text); m; m = AGENDA_LABEL.exec(block.text)) marks.push({ block, start: m.index, end: m.index + m[0].length, how: 'agenda-label' });
        }
        // exclusion resolutions: the citation must be in the same paragraph (or the next one, for a heading)
        for (const h of exclusionHits(block.text)) {
          if (block.type === 'heading' || /^[^a-z]*$/.test(block.text.trim())) continue; // "EXCLUSION OF THE PRESS AND PUBLIC"
          if (!/\bexempt\b/i.test(block.text)) continue;
          exclusions.push({ block, start: h.index, end: h.index + h.length, cited: citations.length + other.length > 0, placeholder: ph[0]?.text });
        }
      },
      sentence(s, block) {
        if (!checkDeclarations) return;
        for (const h of exemptDeclarations(s.text)) marks.push({ block, start: s.start + h.index, end: s.start + h.index + h.length, how: 'declaration' });
      },
      'document:exit'() {
        if (liftedSignal(doc)) return;
        const kind = doc.kind === 'other' ? 'document' : doc.kind;
        for (const x of exclusions) {
          if (x.cited) continue;
          if (x.placeholder) context.report({ block: x.block, start: x.start, end: x.end, messageId: 'placeholder', data: { text: x.placeholder, kind: 'resolution' } });
          else context.report({ block: x.block, start: x.start, end: x.end, messageId: 'exclusion' });
        }
        if (doc.meta.classification === 'exempt') {
          const fm = frontMatterLine(doc, 'classification');
          const any = fm ?? (doc.blocks[0] ? { block: doc.blocks[0], start: 0, end: 0 } : undefined);
          if (any) marks.push({ ...any, how: 'classification' });
        }
        if (marks.length === 0) return;
        if (!cited) {
          if (placeholders.length) {
            const p = placeholders[0]!;
            context.report({ block: p.block, start: p.start, end: p.end, messageId: 'placeholder', data: { text: p.text, kind } });
            return;
          }
          const order: Mark['how'][] = ['declaration', 'agenda-label', 'banner', 'classification'];
          const best = [...marks].sort((a, b) => order.indexOf(a.how) - order.indexOf(b.how))[0]!;
          const how =
            best.how === 'classification'
              ? 'classification: exempt'
              : `"${best.block.text.slice(best.start, best.end).replace(/\s+/g, ' ').trim().slice(0, 60)}"`;
          context.report({ block: best.block, start: best.start, end: best.end, messageId: best.how === 'agenda-label' ? 'agendaItem' : 'missing', data: { kind, how } });
          return;
        }
        if (options.requirePublicInterest === true && !publicInterest && doc.kind !== 'minutes') {
          const best = marks[0]!;
          context.report({ block: best.block, start: best.start, end: best.end, messageId: 'publicInterest', data: { kind }, severity: 'warning', suggestion: 'Add the public interest reasoning: why maintaining the exemption outweighs disclosure at this stage, and when the information can be published.' });
        }
      },
    };
  },
};
