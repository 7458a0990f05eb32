/** The public API of protocol-lint. */
export { lintFiles, lintText, lintBytes, lintDocument, lintPath } from './api/lint.js';
export type { LintOptions, LintRun } from './api/lint.js';
export { ConfigLoader, defaultConfig, resolveConfig } from './config/load.js';
export { ConfigError, validateConfig } from './config/schema.js';
export type { UserConfig, ResolvedConfig } from './config/types.js';
export { Document } from './document/document.js';
export { buildDocument } from './document/build.js';
export { ingest } from './ingest/index.js';
export { verify } from './engine/verify.js';
export type { Rule, RuleMeta, RuleContext, ReportDescriptor } from './engine/rule.js';
export { allRules, ruleIds, findRule } from '../rules/index.js';
export { loadFormatter } from './report/index.js';
export * from './types.js';
