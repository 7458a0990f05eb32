import type { Address, Audience, Kind } from '../types.js';
import type { ResolvedConfig } from '../config/types.js';
import type { DocMeta } from './meta.js';

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
        const isMember = config.members.some((m) => r.name && sameName(r.name, m.name)) || /\bcllr\b|councillor/i.test(r.name ?? '');
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
    if (meta.classification === 'exempt') return { audience: 'members', reasons: [`${kind} is marked exempt`] };
    return { audience: 'public', reasons: [`${kind} for a public meeting`] };
  }
  if (kind === 'letter') return { audience: 'external', reasons: ['letter to a person outside the council'] };
  return { audience: 'external', reasons: ['no recipients or publication signals'] };
}

export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\b(?:cllr|councillor|mr|mrs|ms|dr)\.?\s+/g, '').replace(/[^a-z]+/g, ' ').trim();
  return norm(a) === norm(b);
}
