import type { Rule } from '../../src/engine/rule.js';
import type { Block } from '../../src/types.js';
import { describeAddress, recipientsOf } from '../../src/document/audience.js';
import { memberParty, partyByName, partyMentions } from '../../src/language/parties.js';
import { category, matchAll, senderOf } from './common.js';

/**
 * confidential/group-briefing-relayed: an officer passing on what was said at a party group meeting or a
 * private briefing to another group, other members or the public. See group-briefing-relayed.md.
 */

const CLAUSE = 'North Northamptonshire Part 8.4 para 6.6';
const CONTEXT = category('group-briefing', 'context', 'g');
const RELAY = category('group-briefing', 'relay', 'g');

interface Found {
  block: Block;
  index: number;
  context: { start: number; end: number; text: string };
  relay?: { start: number; end: number; text: string };
  /** Party names mentioned with the context, lower case. */
  parties: Set<string>;
  privateBriefing: boolean;
}

export const groupBriefingRelayed: Rule = {
  meta: {
    id: 'confidential/group-briefing-relayed',
    family: 'confidential',
    description: "An officer relays what was said at a party group meeting or a private briefing to another group, other members or the public.",
    clause: CLAUSE,
    grounding: [
      'Blackburn with Darwen Section 3 para C 2.11 ("Officers will respect confidentiality in respect of issues discussed at Group meetings") and C 2.13 (private briefings from a Director)',
      'Leicestershire Part 5C paras 12 and 15-17 (party political confidentiality, honoured by any officer the information reaches, and across a change of administration)',
      'Leicestershire Part 5C para 14 (a briefing offered to one group is offered to the others: offering it is not a relay)',
    ],
    defaultSeverity: 'warning',
    kinds: ['email', 'letter', 'other'],
    messages: {
      privateBriefing:
        'This passes on what was said at a private briefing to {{who}}. Blackburn with Darwen C 2.12-2.13: members are entitled to "private and confidential briefings from a Director", and "Officers will respect confidentiality in respect of issues discussed at such meetings."',
      relayed:
        'This passes on what was said at {{where}} to {{who}}. North Northamptonshire para 6.6: officers "will not relay the content of such discussions to another party group or to any other Members"; Blackburn with Darwen C 2.11: "Officers will respect confidentiality in respect of issues discussed at Group meetings."',
    },
    suggestion: "Remove what the group (or the member at the private briefing) said or decided; offer the other group the same factual briefing instead (Leicestershire para 14). Feedback to senior officers on a need-to-know basis is allowed.",
  },
  create(context) {
    const { doc, config } = context;
    const sender = doc.kind === 'email' ? senderOf(doc, config) : { kind: 'unknown' as const };
    // councillors talk about their own group as they wish; the duty is the officers'
    if (sender.kind === 'member' || sender.kind === 'outside') return {};
    const recipients = recipientsOf(doc.meta).map((a) => describeAddress(a, config));
    // feedback to other officers on a need-to-know basis is allowed (North Northamptonshire para 6.6)
    if (doc.kind === 'email' && recipients.length > 0 && recipients.every((r) => r.cls === 'council' && !r.isMember)) return {};
    const found: Found[] = [];
    let pending: Found | undefined;

    return {
      block(block, index) {
        const contexts = matchAll(CONTEXT, block.text);
        const relays = matchAll(RELAY, block.text, { skipNegated: false });
        if (pending && !pending.relay && index === pending.index + 1 && relays[0]) {
          const r = relays[0];
          pending.relay = { start: r.index, end: r.index + r.length, text: r.text };
        }
        if (contexts.length === 0) return;
        const c = contexts[0]!;
        const parties = new Set(partyMentions(block.text, config).map((p) => p.party.name.toLowerCase()));
        // "I briefed the Northmoor Independents group": the name before "group"
        const named = /\b(?:the|their)\s+((?:[A-Z][\w'’&-]*\s+){1,4})group\b/.exec(c.text);
        if (named) {
          const raw = named[1]!.trim();
          const party = partyByName(raw, config)?.name ?? (partyMentions(raw, config)[0]?.party.name);
          // "the Friends of Castle Park group" is a community group, not a political group
          if (!party && !/\b(?:Party|Group|Independents?|Alliance|Coalition|Opposition|Administration)\b/.test(raw)) return;
          parties.add((party ?? raw).toLowerCase());
        }
        const relay = relays.find((r) => r.index >= c.index);
        const f: Found = {
          block,
          index,
          context: { start: c.index, end: c.index + c.length, text: c.text },
          relay: relay ? { start: relay.index, end: relay.index + relay.length, text: relay.text } : undefined,
          parties,
          privateBriefing: /private|confidential/i.test(c.text),
        };
        found.push(f);
        pending = f;
      },
      'document:exit'() {
        const hit = found.find((f) => f.relay);
        if (!hit) return;
        const outsideAny = recipients.some((r) => r.cls !== 'council');
        const members = recipients.filter((r) => r.isMember);
        const partyOf = (r: (typeof recipients)[number]) => memberParty(r.member, config)?.name.toLowerCase() ?? r.member?.party?.toLowerCase();
        if (doc.kind === 'email' && recipients.length > 0 && !outsideAny) {
          if (hit.parties.size > 0) {
            // relaying a group's discussion back to that group's own members is not a breach
            if (members.every((r) => {
              const p = partyOf(r);
              return p !== undefined && hit.parties.has(p);
            })) return;
          } else if (!hit.privateBriefing && !/\b(?:their|other)\b/i.test(hit.context.text)) return;
        }
        const outside = recipients.filter((r) => r.cls !== 'council');
        const otherGroup = members.find((r) => {
          const p = partyOf(r);
          return !p || !hit.parties.has(p);
        });
        const who = outside.length
          ? `${outside[0]!.name ?? outside[0]!.address} outside the council`
          : otherGroup
            ? `${otherGroup.name ?? otherGroup.address}${otherGroup.member?.party ? ` (${otherGroup.member.party})` : ''}`
            : 'readers outside that group';
        const where = hit.privateBriefing ? 'a private briefing' : [...hit.parties].length ? `the ${[...hit.parties][0]!.replace(/\b\w/g, (x) => x.toUpperCase())} group's meeting` : 'a party group meeting';
        const relayBlock = hit.relay && doc.blocks[hit.index]?.text.slice(hit.relay.start, hit.relay.end) === hit.relay.text ? hit.block : (doc.blocks[hit.index + 1] ?? hit.block);
        context.report({
          block: hit.block,
          start: hit.context.start,
          end: hit.context.end,
          messageId: hit.privateBriefing ? 'privateBriefing' : 'relayed',
          data: { where, who },
          clause: hit.privateBriefing ? 'Blackburn with Darwen Section 3 para C 2.13' : CLAUSE,
          notes: hit.relay ? [`What was said: "${hit.relay.text}"${relayBlock !== hit.block ? ' (next paragraph)' : ''}.`] : undefined,
        });
      },
    };
  },
};
