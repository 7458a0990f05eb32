import type { Audience, Kind, SeverityName } from '../types.js';

export type Jurisdiction = 'england' | 'wales' | 'scotland';
export type AreaTerm = 'ward' | 'division';

export interface OfficerEntry {
  name: string;
  role?: string;
  aliases?: string[];
}

export interface MemberEntry {
  name: string;
  ward?: string;
  party?: string;
  roles?: string[];
  aliases?: string[];
}

export interface WardEntry {
  name: string;
  aliases?: string[];
}

export interface PreElectionWindow {
  start: string; // ISO date: notice of election
  pollingDay: string; // ISO date
  /** Optional: a by-election limited to these wards. */
  wards?: string[];
}

/** A rule setting: a level, or [level, options]. */
export type RuleSetting = SeverityName | [SeverityName, Record<string, unknown>?];

export interface Override {
  files: string[];
  excludedFiles?: string[];
  kind?: Kind;
  audience?: Audience;
  rules?: Record<string, RuleSetting>;
}

/** The configuration as written by a user (every key optional). */
export interface UserConfig {
  extends?: string | string[];
  root?: boolean;
  council?: string;
  jurisdiction?: Jurisdiction;
  areaTerm?: AreaTerm;
  councilDomains?: string[];
  pressDomains?: string[];
  officers?: OfficerEntry[];
  approvers?: string[];
  wards?: WardEntry[];
  members?: MemberEntry[];
  parties?: string[];
  preElection?: PreElectionWindow[];
  rules?: Record<string, RuleSetting>;
  ignorePatterns?: string[];
  overrides?: Override[];
}

/** The configuration after defaults are applied, for one file. */
export interface ResolvedConfig {
  council?: string;
  jurisdiction: Jurisdiction;
  areaTerm: AreaTerm;
  councilDomains: string[];
  pressDomains: string[];
  officers: OfficerEntry[];
  approvers: string[];
  wards: WardEntry[];
  members: MemberEntry[];
  parties: string[];
  preElection: PreElectionWindow[];
  rules: Record<string, RuleSetting>;
  ignorePatterns: string[];
  overrides: Override[];
  /** Set by overrides matching the file. */
  forcedKind?: Kind;
  forcedAudience?: Audience;
  /** Where the config came from (for messages); undefined means built-in defaults. */
  filepath?: string;
}

export const DEFAULT_APPROVERS = [
  'Chief Executive',
  'Director',
  'Assistant Director',
  'Head of Service',
  'Monitoring Officer',
  'Chief Officer',
];
