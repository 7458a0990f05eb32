#!/usr/bin/env node
// `--version` answers before the CLI and its dependencies load (they cost most of the start-up time).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // V8 normally runs a new regex in its bytecode interpreter, then compiles it again to machine code once it
  // is used twice. The lexicons are large alternations used many times each, so that is two compilations per
  // pattern; compiling once, straight to machine code, halves the start-up cost of the rules (~80 ms on a draft).
  (await import('node:v8')).setFlagsFromString('--no-regexp-tier-up');
  // One bundle (dist/bundle, made by `npm run build`) loads several times faster than the ~300 modules behind it.
  const { main } = await import('../dist/bundle/cli.js');
  await main();
}
