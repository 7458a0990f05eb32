import type { Rule } from '../../src/engine/rule.js';

/** The `publicity/` family. Each rule lives in its own file beside this one. */
export const rules: Rule[] = [];
