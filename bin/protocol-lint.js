#!/usr/bin/env node
// `--version` answers before the CLI and its dependencies load (they cost most of the start-up time).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // V8 flags, measured with `npm run bench` and `node --cpu-prof` (see DEVELOPING.md, "Build and start-up"):
  //  - regexp tier-up after 0 runs: V8 normally runs a new regex in its bytecode interpreter and compiles it to
  //    machine code once it has run once. The lexicons are large alternations run many times, so that is two
  //    compilations each; going straight to machine code cuts their first use from ~340 to ~100 ms a draft.
  //    (Not --no-regexp-tier-up, which does the same: switched at run time it made about 1 run in 150 end in
  //    SIGSEGV. 690 stress runs of audit and check with these flags had none.)
  //  - a larger interrupt budget: V8 waits longer before optimising a function. A run is short and touches a
  //    lot of code once: by default TurboFan compiled much of it for little gain, ~1 s of CPU on a background
  //    thread per 1,000 drafts, which competes with the second audit worker. Big files still get their hot
  //    loops optimised: CLI time went down on every bench workload (e.g. 300-page PDF 4.2 -> 3.5 s).
  (await import('node:v8')).setFlagsFromString('--regexp-tier-up-ticks=0 --interrupt-budget=1000000');
  // One bundle (dist/bundle, made by `npm run build`) loads several times faster than the ~300 modules behind it.
  const { main } = await import('../dist/bundle/cli.js');
  await main();
}
