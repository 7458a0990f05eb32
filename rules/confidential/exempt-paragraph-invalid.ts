import type { Rule } from '../../src/engine/rule.js';
import type { Block } from '../../src/types.js';
import { frontMatterLine } from './common.js';
import { findCitations, groundFromDescription, validateCitation, type Citation } from './schedule12a.js';

/**
 * confidential/exempt-paragraph-invalid: a Schedule 12A citation whose paragraph is not a ground for the
 * configured jurisdiction (England: Part 1 paras 1-7, 7A-7C standards-only, 8-9 never, 10 only beside 1-7;
 * Wales: Part 4 paras 12-18), or that mixes the English and Welsh lists. See exempt-paragraph-invalid.md.
 */

const CLAUSE = 'LGA 1972 Sch 12A Part 1 paras 1-7';
const STANDARDS = /\bstandards (?:committee|sub-committee|hearing|panel)\b|\bcode of conduct complaint\b|\bmonitoring officer['’]s investigation\b/i;

export const exemptParagraphInvalid: Rule = {
  meta: {
    id: 'confidential/exempt-paragraph-invalid',
    family: 'confidential',
    description: 'A Schedule 12A citation names a paragraph that is not an exemption ground (e.g. para 9 in England), or mixes English and Welsh numbering.',
    clause: CLAUSE,
    grounding: [
      'LGA 1972 Sch 12A Part 1 (England, SI 2006/88): grounds are paras 1-7; Part 2 paras 8-9 are qualifications; para 10 is the public interest test',
      'LGA 1972 Sch 12A Part 4 (Wales, SI 2007/969): grounds are paras 12-18',
      'Paras 7A-7C (Wales 18A-18C): standards committees only (verify)',
    ],
    defaultSeverity: 'error',
    messages: {
      invalid: '{{problem}}',
    },
    suggestion: 'Cite the paragraph of Schedule 12A that describes the information, e.g. "paragraph 3 of Part 1 of Schedule 12A" for financial or business affairs.',
  },
  create(context) {
    const { doc, config } = context;
    const jurisdiction = config.jurisdiction;
    const found: Array<{ block: Block; c: Citation; sentence: string }> = [];
    let standards = false;
    const allParas = new Set<string>((doc.meta.exemptParagraphs ?? []).map((p) => String(p).toUpperCase()));

    const clauseFor = (p: { code: string; paragraph?: string }) =>
      p.code === 'qualification' || p.code === 'public-interest-alone'
        ? `LGA 1972 Sch 12A Part 2 para ${p.paragraph}`
        : jurisdiction === 'wales'
          ? 'LGA 1972 Sch 12A Part 4 paras 12-18'
          : CLAUSE;

    return {
      block(block) {
        if (STANDARDS.test(block.text)) standards = true;
        for (const c of findCitations(block.text)) {
          // a bare "paragraph N" counts only where the block itself says exempt (not "paragraph 4 of the protocol")
          if (c.form === 'bare' && !/\bexempt\b|\bexclu(?:de|ded|sion)\b|\bnot for publication\b/i.test(block.text)) continue;
          const from = Math.max(0, block.text.lastIndexOf('.', c.index) + 1);
          const to = block.text.indexOf('.', c.index + c.length);
          found.push({ block, c, sentence: block.text.slice(from, to < 0 ? block.text.length : Math.min(block.text.length, to + 200)) });
          for (const p of c.paras) allParas.add(p);
        }
      },
      'document:exit'() {
        if (doc.meta.title && STANDARDS.test(doc.meta.title)) standards = true;
        if (doc.meta.meeting && /standards/i.test(doc.meta.meeting)) standards = true;
        for (const { block, c, sentence } of found) {
          const description = groundFromDescription(sentence.slice(Math.max(0, sentence.indexOf(c.text))), jurisdiction);
          for (const p of validateCitation(c, jurisdiction, { allParas: [...allParas], standards, description })) {
            context.report({
              block,
              start: c.index,
              end: c.index + c.length,
              messageId: 'invalid',
              data: { problem: p.message },
              severity: p.severity,
              clause: clauseFor(p),
              suggestion: p.hint ? `Cite the ground that applies, e.g. paragraph ${p.hint} of Part ${jurisdiction === 'wales' ? 4 : 1} of Schedule 12A, and check the front sheet, agenda and exclusion resolution say the same.` : undefined,
              notes: p.code === 'standards-only' ? ['Paragraphs 7A-7C (Wales 18A-18C) apply to standards committees only; verify against the statute before relying on them.'] : undefined,
            });
          }
        }
        const fmParas = (doc.meta.exemptParagraphs ?? []).map((p) => String(p).toUpperCase());
        if (fmParas.length) {
          const at = frontMatterLine(doc, 'exemptParagraphs');
          if (!at) return;
          const problems = validateCitation({ paras: fmParas }, jurisdiction, { allParas: [...allParas], standards });
          for (const p of problems) {
            context.report({ block: at.block, start: at.start, end: at.end, messageId: 'invalid', data: { problem: `Front matter exemptParagraphs: ${p.message}` }, severity: p.severity, clause: clauseFor(p) });
          }
        }
      },
    };
  },
};
