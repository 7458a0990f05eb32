import type { Formatter } from './types.js';

/** ESLint-compatible JSON, with protocol-lint's extra keys (clause, suggestion, page, ...). */
export const json: Formatter = (results) => JSON.stringify(results, null, 2) + '\n';
