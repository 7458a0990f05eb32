/**
 * Part of `npm run build`: validates every lexicon (rules/<family>/data/*.yml) and writes a JSON copy to
 * dist/lexicons/, which the CLI reads at start-up instead of parsing YAML. A broken lexicon fails the build
 * with the file and key named.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { compiledLexiconPath, lexiconFromData, listLexicons } from '../src/language/lexicon.js';

let count = 0;
for (const { family, name, file } of listLexicons()) {
  const data: unknown = YAML.parse(readFileSync(file, 'utf8'));
  lexiconFromData(data, file); // throws a LexiconError naming the file and key
  const out = compiledLexiconPath(family, name);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(data));
  count++;
}
process.stderr.write(`build: ${count} lexicons compiled to dist/lexicons\n`);
