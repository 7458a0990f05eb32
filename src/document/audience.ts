import type { Address, Audience, Kind } from '../types.js';
import type { MemberEntry, OfficerEntry, ResolvedConfig } from '../config/types.js';
import type { DocMeta } from './meta.js';
import { sameName } from '../language/names.js';

export interface AudienceDecision {
  audience: Audience;
  reasons: string[];
}

const RANK: Record<Audience, number> = { internal: 0, members: 1, external: 2, press: 3, public: 4 };

/** Domains of public bodies that are not this council (parish councils, NHS, police). */
const PUBLIC_BODY = /(?:\.gov\.uk|\.nhs\.uk|\.nhs\.net|\.police\.uk|\.parliament\.uk|\.gov\.wales|\.gov\.scot|\.llyw\.cymru)$/i;

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase().replace(/[>\s]+$/, '');
}

function inDomains(domain: string, list: string[]): boolean {
  return list.some((d) => {
    const x = d.toLowerCase().replace(/^@/, '');
    return domain === x || domain.endsWith('.' + x);
  });
}

export type RecipientClass = 'council' | 'press' | 'public-body' | 'public';

/** Classify one email address against the council's and the press's domains. */
export function classifyAddress(address: string, config: ResolvedConfig): RecipientClass {
  const domain = domainOf(address);
  if (inDomains(domain, config.pressDomains)) return 'press';
  if (config.councilDomains.length > 0 && inDomains(domain, config.councilDomains)) return 'council';
  if (PUBLIC_BODY.test(domain)) return config.councilDomains.length === 0 ? 'council' : 'public-body';
  return 'public';
}

export function recipientsOf(meta: DocMeta): Address[] {
  return [...(meta.to ?? []), ...(meta.cc ?? []), ...(meta.bcc ?? [])];
}

/**
 * Parish and town councils (Leicestershire Part 5C para 11 names them beside the press and the public):
 * a .gov.uk address that is not the council's, whose domain or display name says parish/town council or clerk.
 */
const PARISH_DOMAIN = /(?:^|[.-])(?:pc|tc|parish(?:council)?|towncouncil|parishcouncil)(?:[.-]|$)|parish|towncouncil/i;
const PARISH_NAME = /\b(?:parish|town|community|neighbourhood|village)\s+council\b|\b(?:parish|town)\s+clerk\b|\bclerk to the (?:parish|town)\b/i;

export function isParishCouncil(address: Address): boolean {
  const domain = domainOf(address.address);
  return (/\.gov\.uk$/i.test(domain) && PARISH_DOMAIN.test(domain.replace(/\.gov\.uk$/i, ''))) || PARISH_NAME.test(address.name ?? '');
}

/** A recipient or sender, with what the config knows about them. */
export interface Party {
  address: string;
  name?: string;
  cls: RecipientClass;
  /** A parish or town council (an external public body Leicestershire para 11 names). */
  parish: boolean;
  member?: MemberEntry;
  officer?: OfficerEntry;
  /** A councillor: a config member, "Cllr"/"Councillor" in the name, or a member-style address. */
  isMember: boolean;
}

/** Describe one address: where it is (council, press, public body, public), and who it is when the config knows. */
export function describeAddress(a: Address, config: ResolvedConfig): Party {
  const cls = classifyAddress(a.address, config);
  const name = a.name?.trim();
  const member = config.members.find((m) => (name && (sameName(name, m.name) || (m.aliases ?? []).some((x) => sameName(name, x)))) || localPartMatches(a.address, m.name));
  const officer = cls === 'council' ? config.officers.find((o) => (name && (sameName(name, o.name) || (o.aliases ?? []).some((x) => sameName(name, x)))) || localPartMatches(a.address, o.name)) : undefined;
  const isMember = cls === 'council' && (Boolean(member) || /\b(?:cllrs?|councillors?)\b/i.test(name ?? '') || /^(?:cllr|councillor)[.-]/i.test(a.address) || /\b(?:all )?members\b/i.test(name ?? ''));
  return { address: a.address, name, cls, parish: cls !== 'council' && cls !== 'press' && isParishCouncil(a), member, officer, isMember };
}

function localPartMatches(address: string, name: string): boolean {
  const local = localPart(address);
  return local !== '' && local === localPart(name, true);
}

const localParts = new Map<string, string>();

/**
 * An address's local part as words ("cllr.ann-example@…" → "ann example"), or a name of two or more words the
 * same way ("Ann Example" → "ann example"; a one-word name → ""): worked out once per address or name.
 */
function localPart(s: string, isName = false): string {
  const key = `${isName ? 'n' : 'a'}${s}`;
  let out = localParts.get(key);
  if (out === undefined) {
    if (isName) out = s.trim().split(/\s+/).length > 1 ? s.toLowerCase().replace(/[^a-z]+/g, ' ').trim() : '';
    else out = s.slice(0, s.lastIndexOf('@')).toLowerCase().replace(/^(?:cllr|councillor)[.-]/, '').replace(/[^a-z]+/g, ' ').trim();
    if (localParts.size >= 20_000) localParts.clear();
    localParts.set(key, out);
  }
  return out;
}

/** Who will read the document: derived from kind, recipients and classification. */
export function decideAudience(kind: Kind, meta: DocMeta, config: ResolvedConfig, forced?: Audience): AudienceDecision {
  if (forced) return { audience: forced, reasons: ['forced by config overrides'] };
  if (kind === 'email') {
    const recipients = recipientsOf(meta);
    if (recipients.length === 0) return { audience: 'internal', reasons: ['email with no recipients'] };
    let audience: Audience = 'internal';
    const reasons: string[] = [];
    let allMembers = true;
    for (const r of recipients) {
      const cls = classifyAddress(r.address, config);
      let a: Audience;
      if (cls === 'press') a = 'press';
      else if (cls === 'public') a = 'public';
      else if (cls === 'public-body') a = 'external';
      else {
        const isMember = describeAddress(r, config).isMember;
        a = isMember ? 'members' : 'internal';
        if (!isMember) allMembers = false;
      }
      if (a !== 'internal' && a !== 'members') {
        allMembers = false;
        reasons.push(`${r.address} is ${a === 'press' ? 'the press' : a === 'external' ? 'another public body' : 'outside the council'}`);
      }
      if (RANK[a] > RANK[audience]) audience = a;
    }
    if (audience === 'internal' && allMembers) audience = 'members';
    if (audience === 'members' || audience === 'internal') reasons.push('every recipient is at the council');
    return { audience, reasons };
  }
  if (kind === 'press-release' || kind === 'newsletter' || kind === 'social-post') return { audience: 'public', reasons: [`${kind} is council publicity`] };
  if (kind === 'report' || kind === 'minutes' || kind === 'agenda') {
    const lifted = meta.exemptionLifted === true || meta.published === true;
    if (!lifted && meta.classification === 'exempt') return { audience: 'members', reasons: [`${kind} is marked exempt`] };
    if (!lifted && (meta.exemptParagraphs?.length ?? 0) > 0 && meta.classification !== 'public') {
      return { audience: 'members', reasons: [`${kind} cites exempt paragraphs ${meta.exemptParagraphs!.join(', ')}`] };
    }
    return { audience: 'public', reasons: [lifted ? `${kind} published or its exemption lifted` : `${kind} for a public meeting`] };
  }
  if (kind === 'letter') return { audience: 'external', reasons: ['letter to a person outside the council'] };
  return { audience: 'external', reasons: ['no recipients or publication signals'] };
}

export { sameName } from '../language/names.js';
