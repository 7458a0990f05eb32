import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileResult, Finding, Kind } from '../../src/types.js';
import type { Rule } from '../../src/engine/rule.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EVAL_CORPUS = path.join(ROOT, 'fixtures', 'eval-corpus');

/** A hand-made finding. */
export function finding(ruleId: string, line: number, extra: Partial<Finding> = {}): Finding {
  return { ruleId, severity: 2, message: `${ruleId} at ${line}`, line, column: 1, endLine: line, endColumn: 10, ...extra };
}

/** A hand-made file result. */
export function result(filePath: string, kind: Kind, messages: Finding[]): FileResult {
  return { filePath, kind, messages, errorCount: messages.length, warningCount: 0 };
}

/**
 * Throwaway rules for end-to-end runs, independent of the real registry. They fire on Markdown and plain
 * text only, so their results do not change as other readers land.
 *  - officer/eval-probe: the word "incompetent", reported on the word itself;
 *  - ward/eval-probe: a document mentioning "closure", reported on its first own block (its title).
 */
export const PROBE_RULES_SOURCE = `
const own = (doc) => doc.format === 'markdown' || doc.format === 'text';
export const rules = [
  {
    meta: { id: 'officer/eval-probe', family: 'officer', description: 'probe', clause: 'test only', defaultSeverity: 'error',
            messages: { hit: 'calls an officer "incompetent"' }, suggestion: 'test only' },
    create(context) {
      return {
        block(block) {
          if (!own(context.doc)) return;
          const i = block.text.indexOf('incompetent');
          if (i >= 0) context.report({ block, start: i, end: i + 11, messageId: 'hit' });
        },
      };
    },
  },
  {
    meta: { id: 'ward/eval-probe', family: 'ward', description: 'probe', clause: 'test only', defaultSeverity: 'warning',
            messages: { hit: 'a closure with no ward members told' }, suggestion: 'test only' },
    create(context) {
      return {
        'document:exit'() {
          const first = context.doc.ownBlocks[0];
          if (own(context.doc) && first && context.doc.text.includes('closure')) context.report({ block: first, messageId: 'hit' });
        },
      };
    },
  },
];
`;

/** Write the probe rules as an ES module (for `--rules`) and return its path. */
export function writeProbeModule(dir: string): string {
  const file = path.join(dir, 'probe-rules.mjs');
  writeFileSync(file, PROBE_RULES_SOURCE);
  return file;
}

/** Load the probe rules in-process from the module `writeProbeModule` wrote. */
export async function loadProbeRules(dir: string): Promise<Rule[]> {
  const mod = (await import(pathToFileURL(writeProbeModule(dir)).href)) as { rules: Rule[] };
  return mod.rules;
}
