import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allRules, BUILTIN_RULES, findRule } from '../rules/index.js';
import { packageRoot } from './language/lexicon.js';

/** The rule's documentation (rules/<family>/<name>.md), or undefined. */
export function ruleHelp(ruleId: string): string | undefined {
  const [family, name] = ruleId.split('/');
  if (!family || !name) return undefined;
  const file = path.join(packageRoot(), 'rules', family, `${name}.md`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

const FAMILY_TITLES: Record<string, string> = {
  officer: 'Officers: derogatory references, conduct or capability raised in public, pressure on officers',
  confidential: 'Confidential and exempt information, exempt-paragraph citations, personal data',
  ward: 'Ward and division members not told about sensitive local items',
  publicity: 'Party politics in council publicity, the pre-election period',
};

/** `protocol-lint rules`: every rule, grouped by family, with its level and clause. */
export function listRules(asJson = false): string {
  const rules = allRules();
  if (asJson) {
    return JSON.stringify(
      rules.map((r) => ({ id: r.meta.id, family: r.meta.family, severity: r.meta.defaultSeverity, clause: r.meta.clause, description: r.meta.description, kinds: r.meta.kinds ?? 'all', audiences: r.meta.audiences ?? 'all' })),
      null,
      2,
    ) + '\n';
  }
  const out: string[] = [];
  for (const family of ['officer', 'confidential', 'ward', 'publicity']) {
    out.push(`${FAMILY_TITLES[family]}`);
    for (const r of rules.filter((x) => x.meta.family === family)) {
      out.push(`  ${r.meta.id.padEnd(44)} ${r.meta.defaultSeverity.padEnd(8)} ${r.meta.description}`);
      out.push(`  ${''.padEnd(44)} ${''.padEnd(8)} Clause: ${r.meta.clause}`);
    }
    out.push('');
  }
  out.push('Reported by protocol-lint itself');
  for (const b of BUILTIN_RULES) out.push(`  ${b.id.padEnd(44)} ${b.defaultSeverity.padEnd(8)} ${b.description}`);
  out.push('', 'Turn a rule off or change its level in .protocolrc.json: "rules": { "publicity/party-reference": "off" }.');
  out.push('Run `protocol-lint explain <rule>` for what a rule checks, why, and how to fix it.');
  return out.join('\n') + '\n';
}

/** `protocol-lint explain <ruleId>`: ground, examples and how to fix, from the rule's docs. */
export function explainRule(ruleId: string): string | undefined {
  const rule = findRule(ruleId);
  if (!rule) {
    const b = BUILTIN_RULES.find((x) => x.id === ruleId);
    if (!b) return undefined;
    return `${b.id} (${b.defaultSeverity})\n\n${b.description}\n\nWhat to do: ${b.suggestion}\n`;
  }
  const m = rule.meta;
  const head = [
    `${m.id}`,
    `${'='.repeat(m.id.length)}`,
    '',
    m.description,
    '',
    `Default level:  ${m.defaultSeverity}`,
    `Applies to:     ${m.kinds ? m.kinds.join(', ') : 'every kind of document'}${m.audiences ? ` (audience: ${m.audiences.join(', ')})` : ''}`,
    `Rests on:       ${m.clause}`,
    ...(m.grounding?.length ? [`Also:           ${m.grounding.join('; ')}`] : []),
    `What to do:     ${m.suggestion}`,
    '',
  ];
  const help = ruleHelp(ruleId);
  return head.join('\n') + (help ? `\n${help.replace(/^#\s.*\n+/, '')}` : '') + (help?.endsWith('\n') ? '' : '\n');
}
