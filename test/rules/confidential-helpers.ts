import type { Audience, FileResult, Kind } from '../../src/types.js';
import type { UserConfig } from '../../src/config/types.js';
import { defaultConfig } from '../../src/config/load.js';
import { lintText } from '../../src/api/lint.js';
import { rules as confidentialRules } from '../../rules/confidential/index.js';
import { fixtureConfig } from '../helpers/fixtures.js';

/**
 * Check a snippet with only the confidential/ rules and the fixture council (Wexcombe), resolved here so
 * that extra config keys (jurisdiction, rules) apply.
 */
export async function checkConf(
  text: string,
  opts: { kind?: Kind; audience?: Audience; filePath?: string; config?: Partial<UserConfig> } = {},
): Promise<FileResult> {
  const config = defaultConfig({ ...fixtureConfig(), ...(opts.config ?? {}) } as UserConfig, opts.filePath ?? 'snippet.txt');
  return lintText(text, { filePath: opts.filePath ?? 'snippet.txt', kind: opts.kind, audience: opts.audience, config, rules: confidentialRules });
}

export function hitsOf(result: FileResult, ruleId: string) {
  return result.messages.filter((m) => m.ruleId === ruleId);
}

/** A minimal RFC 822 email for snippets that need real headers. */
export function eml(headers: { from: string; to: string; cc?: string; subject: string; date?: string }, body: string): string {
  return [
    `From: ${headers.from}`,
    `To: ${headers.to}`,
    ...(headers.cc ? [`Cc: ${headers.cc}`] : []),
    `Date: ${headers.date ?? 'Tue, 09 Mar 2027 10:00:00 +0000'}`,
    `Subject: ${headers.subject}`,
    'Message-ID: <test@exch01.wexcombe.gov.uk>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="utf-8"',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
  ].join('\n');
}
