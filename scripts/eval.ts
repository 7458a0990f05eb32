/**
 * npm run eval -- <corpus-dir> [--family f] [--min-recall x] [--min-precision x] [--max-false-alarms n]
 *                               [--json file] [--rules module.js]
 *
 * Scores detection on a labelled corpus (see ../shared/corpus/README.md). Only the report goes to stdout;
 * notices go to stderr. Exit 0 ok, 1 a threshold failed, 2 usage or corpus error.
 */
import { parseArgs } from 'node:util';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Nothing but the report may reach stdout: anything a library logs goes to stderr.
for (const name of ['log', 'info', 'debug', 'trace'] as const) console[name] = (...args: unknown[]) => console.error(...args);

const USAGE = `Usage: npm run eval -- <corpus-dir> [options]

Checks every document listed in <corpus-dir>/labels.jsonl with <corpus-dir>/.protocolrc.json and scores
the findings against the labels, per family (officer, confidential, ward, publicity).

Options:
  --family <f>             score only this family (repeat, or a comma-separated list)
  --min-recall <x>         exit 1 when overall recall is below x (0-1)
  --min-precision <x>      exit 1 when overall precision is below x (0-1)
  --max-false-alarms <n>   exit 1 when there are more than n false alarms
  --json <file>            also write the figures as JSON to <file>
  --rules <module.js>      score the rules exported as \`rules\` by this ES module instead of the registry
  -h, --help               show this help

Exit codes: 0 scored (and every threshold met), 1 a threshold failed, 2 usage or corpus error.`;

class UsageError extends Error {}

function fraction(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--${name} must be a number from 0 to 1 (got "${value}")`);
  return n;
}

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, 0 or more (got "${value}")`);
  return n;
}

async function loadRules(file: string): Promise<import('../src/engine/rule.js').Rule[]> {
  const abs = path.resolve(file);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`--rules ${file}: could not be loaded (${(e as Error).message.split('\n')[0]})`);
  }
  const rules = mod.rules ?? (mod.default as Record<string, unknown> | undefined)?.rules ?? mod.default;
  if (!Array.isArray(rules) || rules.some((r) => typeof r?.meta?.id !== 'string' || typeof r?.create !== 'function')) {
    throw new UsageError(`--rules ${file}: must export \`rules\`, an array of rules ({ meta: { id, ... }, create })`);
  }
  return rules as import('../src/engine/rule.js').Rule[];
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        family: { type: 'string', multiple: true },
        'min-recall': { type: 'string' },
        'min-precision': { type: 'string' },
        'max-false-alarms': { type: 'string' },
        json: { type: 'string' },
        rules: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the corpus folder, e.g. npm run eval -- ../shared/corpus' : `give one corpus folder (got ${positionals.length}: ${positionals.join(' ')})`);

  const { FAMILIES, isFamily } = await import('../src/eval/labels.js');
  const families = (values.family ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
  for (const f of families) if (!isFamily(f)) throw new UsageError(`--family must be one of ${FAMILIES.join(', ')} (got "${f}")`);
  const thresholds = {
    minRecall: fraction('min-recall', values['min-recall']),
    minPrecision: fraction('min-precision', values['min-precision']),
    maxFalseAlarms: count('max-false-alarms', values['max-false-alarms']),
  };
  const rules = values.rules ? await loadRules(values.rules) : undefined;

  const { loadCorpus, runCorpus } = await import('../src/eval/run.js');
  const { score, failedThresholds } = await import('../src/eval/score.js');
  const { formatReport, toJson } = await import('../src/eval/format.js');

  const corpus = await loadCorpus(positionals[0]!);
  for (const w of corpus.warnings) process.stderr.write(`eval: ${w}\n`);
  const run = await runCorpus(corpus, { rules });
  for (const f of run.ignored) process.stderr.write(`eval: ${f} is labelled but the config's ignorePatterns skip it; it counts as not read\n`);
  const figures = score({
    labels: corpus.labels,
    results: run.results,
    evidence: run.evidence,
    families: families.length ? families.filter(isFamily) : undefined,
  });
  const info = {
    corpus: path.relative(process.cwd(), corpus.dir) || '.',
    configFile: path.relative(process.cwd(), corpus.configFile),
    familiesLimited: families.length > 0,
    rulesFrom: values.rules,
  };
  process.stdout.write(formatReport(figures, info));
  if (values.json) {
    await mkdir(path.dirname(path.resolve(values.json)), { recursive: true });
    await writeFile(values.json, JSON.stringify(toJson(figures, info), null, 2) + '\n');
    process.stderr.write(`eval: figures written to ${values.json}\n`);
  }
  const failed = failedThresholds(figures, thresholds);
  for (const f of failed) process.stderr.write(`eval: threshold failed: ${f}\n`);
  return failed.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const err = e as Error;
    const known = e instanceof UsageError || ['CorpusError', 'ConfigError', 'LabelError'].includes(err?.name);
    process.stderr.write(`eval: ${known ? err.message : (err?.stack ?? String(e))}\n`);
    if (e instanceof UsageError) process.stderr.write('Run `npm run eval -- --help` for usage.\n');
    process.exitCode = 2;
  },
);
