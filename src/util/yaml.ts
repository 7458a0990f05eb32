import { createRequire } from 'node:module';

let yamlModule: typeof import('yaml') | undefined;

/** The YAML parser, loaded on first use: most runs read only JSON, and loading it costs ~100 ms of start-up. */
export function yaml(): typeof import('yaml') {
  return (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
}
