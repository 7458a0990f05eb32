import type { Rule } from '../../src/engine/rule.js';
import type { Document } from '../../src/document/document.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { loadLexicon } from '../../src/language/lexicon.js';
import { isMemberName, memberMentions } from '../../src/language/people.js';
import { GROUND, analyse, excerpt, isCouncilAddress, publicityScope, quoteAt, sentenceAt, type BlockInfo } from './shared.js';
import { politicalHits } from './political.js';

/**
 * publicity/officer-political-comment (RULES.md §7.4 PUB-010): an officer's public statement that says what members
 * ought to decide ("Cabinet has to approve this", "councillors must back ..."), imputes political motives to
 * councillors, or takes a party line (Blackburn C 7.3). Read in an officer's e-mail or letter to the press or
 * public, an officer's quote or the council's own voice in its publicity, and the body of an officer's public
 * report. Professional advice is not political comment: a report's Recommendation section ("That Cabinet
 * approves ..."), recommendations anywhere, and statements of legal or procedural requirement are left alone.
 */

type Voice = 'whole' | 'council-voice';

const CLAUSE = `${GROUND.c73}; ${GROUND.l5}; ${GROUND.l7}; ${GROUND.nn12}`;
const PUBLIC_AUDIENCES = new Set(['public', 'press', 'external']);
/** A sentence that states a requirement of law or procedure, or is itself a recommendation. */
const PROCEDURAL =
  /\b(?:by law|legally|legal (?:duty|requirement|obligation)|statutory|statute|required (?:by|under)|requirement|under (?:section|s\.|the (?:local government|constitution|scheme|financial|contract))|constitution|procedure rules|scheme of delegation|in accordance with|deadline|recommend\w*|before (?:it|they|the|any|work|works|a|an)\b|(?:can|could|may) (?:go ahead|proceed|start|begin|take effect)|(?:go|goes) ahead|by \d{1,2}(?:st|nd|rd|th)? (?:January|February|March|April|May|June|July|August|September|October|November|December))\b/i;
const RECOMMENDATION_FORM = /^\s*(?:\(?[a-z0-9]{1,3}[.)]\s*)?(?:\d+(?:\.\d+)*\s+)?That\s/;
const REC_HEADING = /\b(?:recommendations?|decisions? (?:required|sought|requested)|proposed (?:decision|resolution)s?|resolution)\b/i;

export const officerPoliticalComment: Rule = {
  meta: {
    id: 'publicity/officer-political-comment',
    family: 'publicity',
    description: 'An officer\'s public statement that says what members ought to decide, imputes political motives, or takes a party line.',
    clause: GROUND.c73,
    grounding: [
      'Blackburn with Darwen Section 3 para C 7.3: officers\' public statements are made without political bias; officers should not normally express a view in public as to decisions which members ought to take (professional advice to decision-making bodies is unaffected)',
      'Leicestershire Part 5C paras 5 and 7: officers should not get involved in politics; advice is politically neutral',
      'North Northamptonshire Part 8.4 para 1.2: officers are impartial and apolitical',
      'Fylde Part 5c para 3.2: officers do not embrace the political priorities or electoral aspirations of any group',
    ],
    kinds: ['email', 'letter', 'report', 'agenda', 'press-release', 'newsletter', 'social-post', 'other'],
    audiences: ['public', 'press', 'external'],
    defaultSeverity: 'warning',
    messages: {
      pressure: 'An officer says in public what members should decide ("{{text}}").',
      motive: 'An officer comments on councillors\' political or electoral motives ("{{text}}").',
      bias: 'An officer\'s public statement takes a party-political line ("{{text}}").',
    },
    suggestion: 'Give the facts and the professional advice ("Cabinet will decide on 11 February; the report sets out the options and the officers\' recommendation"), and leave the decision and its politics to members.',
  },
  create(context) {
    const { doc, config } = context;
    return {
      'document:exit'() {
        if (!PUBLIC_AUDIENCES.has(doc.audience)) return;
        const voice = officerVoice(doc, config);
        if (!voice) return;
        const lex = loadLexicon('publicity', 'officer-political-comment');
        const isReport = doc.kind === 'report' || doc.kind === 'agenda';
        const skip = isReport ? recommendationBlocks(doc) : new Set<number>();
        const infos = analyse(doc, config).blocks;
        const officerText = (info: BlockInfo, at: number): boolean => {
          const q = quoteAt(info, at);
          if (voice === 'whole') return !q || q.speaker === 'none' || q.speaker === 'officer' || q.speaker === 'author';
          return q ? q.speaker === 'officer' || q.speaker === 'none' : true;
        };
        for (const info of infos) {
          if (skip.has(info.index)) continue;
          const text = info.block.text;
          for (const m of lex.matchAll(text)) {
            if (!officerText(info, m.index)) continue;
            if (isReport && m.entry.scope === 'statement') continue;
            const s = sentenceAt(info, m.index);
            const sentence = text.slice(s.start, s.end);
            const category = m.entry.category === 'motive' ? 'motive' : 'pressure';
            if (category === 'pressure' && (PROCEDURAL.test(sentence) || RECOMMENDATION_FORM.test(sentence) || /\?\s*$/.test(sentence))) continue;
            context.report({
              block: info.block,
              start: m.index,
              end: m.index + m.length,
              messageId: category,
              data: { text: excerpt(text.slice(m.index, m.index + m.length)) },
              clause: CLAUSE,
              suggestion:
                category === 'motive'
                  ? 'Remove it: officers do not comment on councillors\' motives, votes or re-election. Keep public statements politically neutral.'
                  : undefined,
            });
          }
        }
        // party credit or attack in an officer's own e-mail, letter or report (council publicity is
        // publicity/party-political's)
        if (voice === 'whole' && !publicityScope(doc, config).publicity) {
          for (const h of politicalHits(doc, config)) {
            if (skip.has(h.info.index) || !officerText(h.info, h.start)) continue;
            context.report({
              block: h.info.block,
              start: h.start,
              end: h.end,
              messageId: 'bias',
              data: { text: excerpt(h.text) },
              clause: `${GROUND.c73}; ${GROUND.s2a}`,
              suggestion: 'Officers\' public statements must be politically neutral: remove the party credit, criticism or campaigning.',
            });
          }
        }
      },
    };
  },
};

/** Who is speaking in the document: an officer throughout, the council (officers) outside quotes, or nobody we check. */
function officerVoice(doc: Document, config: ResolvedConfig): Voice | undefined {
  switch (doc.kind) {
    case 'email': {
      const from = doc.meta.from?.[0];
      if (from) {
        if (!isCouncilAddress(from.address, config)) return undefined;
        if (isMemberSender(from.name ?? '', from.address, config)) return undefined;
      }
      return 'whole';
    }
    case 'letter': {
      const tail = doc.text.slice(-600);
      const head = doc.text.slice(0, 600);
      if (/^\s*from\s*:.*\b(?:cllr|councillor)\b/im.test(head) || /\b(?:cllr|councillor)\b[^\n]*\s*$/i.test(tail.trim().split('\n').slice(-4).join('\n'))) return undefined;
      if (memberMentions(tail, config).some((m) => m.kind === 'member-name' && m.member)) return undefined;
      return 'whole';
    }
    case 'report':
    case 'agenda': {
      const by = `${doc.meta.reportOf ?? ''} ${doc.meta.author ?? ''}`;
      if (/\b(?:cllr|councillor|cabinet member|portfolio holder|leader of|chair of (?:the )?[\w ]*(?:group|panel|task))\b/i.test(by)) return undefined;
      return 'whole';
    }
    case 'press-release':
    case 'newsletter':
    case 'social-post':
    case 'other': {
      const scope = publicityScope(doc, config);
      if (!scope.publicity || scope.own) return undefined;
      return 'council-voice';
    }
    default:
      return undefined;
  }
}

function isMemberSender(name: string, address: string, config: ResolvedConfig): boolean {
  if (/\b(?:cllr|councillor)\b/i.test(name) || /^cllr[._-]/i.test(address)) return true;
  return name ? isMemberName(name, config) : false;
}

/** Blocks inside a "Recommendation(s)" section of a report (up to the next heading), and their table cells. */
function recommendationBlocks(doc: Document): Set<number> {
  const out = new Set<number>();
  let inRec = false;
  doc.blocks.forEach((b, i) => {
    const t = b.text.trim();
    const headingLike = b.type === 'heading' || (t.length > 0 && t.length < 90 && !t.includes('\n') && !/[.;:,]$/.test(t) && /^(?:#+\s*)?(?:\d+(?:\.\d+)*\.?\s+)?[A-Z][^.!?]*$/.test(t) && !/^\d+\.\d+\s/.test(t));
    if (b.type === 'table-cell' && b.table?.cell === 0) {
      if (REC_HEADING.test(t) && t.length < 60) out.add(i + 1);
      return;
    }
    if (headingLike) inRec = REC_HEADING.test(t);
    else if (/^(?:recommendations?|resolved)\s*:/i.test(t)) {
      out.add(i);
      return;
    }
    if (inRec) out.add(i);
  });
  return out;
}
