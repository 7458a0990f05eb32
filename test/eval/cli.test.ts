import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, runCorpus, CorpusError } from '../../src/eval/run.js';
import { score, summaryLine } from '../../src/eval/score.js';
import { EVAL_CORPUS, ROOT, loadProbeRules, writeProbeModule } from './helpers.js';

/**
 * End to end on fixtures/eval-corpus with two throwaway probe rules (see helpers.ts) instead of the real
 * registry: officer/eval-probe fires on "incompetent" in the letter (line 9, on the evidence) and in the
 * standards minutes (a false alarm on a hard negative); ward/eval-probe fires on the library report's title
 * (line 9, 7 lines from the evidence on line 16). Nothing fires on the PDF or the e-mail.
 * Expected: 5 expected pairs, 2 caught, 1 false alarm, 1 of 2 caught located.
 */
const SUMMARY = 'eval: recall 0.40 precision 0.67 located 0.50 (7 docs)';

const made: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'protocol-lint-eval-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('eval end to end, in-process (lintFiles + ingest + score)', () => {
  it('scores the fixture corpus through the CLI code path', async () => {
    const corpus = await loadCorpus(EVAL_CORPUS);
    const run = await runCorpus(corpus, { rules: await loadProbeRules(tmp()) });
    const s = score({ labels: corpus.labels, results: run.results, evidence: run.evidence });
    expect(summaryLine(s)).toBe(SUMMARY);
    expect(s.byFamily.officer).toMatchObject({ expected: 1, caught: 1, falseAlarms: 1, located: 1 });
    expect(s.byFamily.ward).toMatchObject({ expected: 2, caught: 1, missed: 1, located: 0 });
    expect(s.falseAlarms).toEqual([expect.objectContaining({ file: 'docs/standards-sub-committee-minutes.md', family: 'officer', hardNegative: true, first: expect.objectContaining({ line: 12 }) })]);
    expect(s.notLocated).toEqual([expect.objectContaining({ file: 'docs/quayside-library-report.md', family: 'ward', findings: [expect.objectContaining({ line: 9 })], evidence: [expect.objectContaining({ line: 16 })] })]);
    // the evidence was located with the real readers
    expect(run.evidence.get('docs/letter-to-the-echo.txt')).toEqual([expect.objectContaining({ match: 'exact', spans: [expect.objectContaining({ line: 9 })] })]);
  });

  it('every evidence string is found in the checked text of every document a reader could read', async () => {
    const corpus = await loadCorpus(EVAL_CORPUS);
    const run = await runCorpus(corpus, { rules: [] });
    for (const label of corpus.labels) {
      const located = run.evidence.get(label.file)!;
      const unread = located.some((e) => e.match === 'unread');
      const reported = run.results.get(label.file)!.messages.some((m) => m.ruleId.startsWith('input/'));
      // a file the eval could not read must also be reported as unreadable by the linter, and vice versa
      expect(unread, label.file).toBe(reported);
      for (const e of located) if (!unread) expect(e.match, `${label.file}: ${e.text}`).toBe('exact');
    }
  });

  it('refuses a missing folder, missing labels and a labelled file that does not exist', async () => {
    await expect(loadCorpus(path.join(tmp(), 'nope'))).rejects.toThrow(/no such corpus folder/);
    await expect(loadCorpus(tmp())).rejects.toThrow(CorpusError);
    const dir = tmp();
    writeFileSync(path.join(dir, 'labels.jsonl'), '{"file": "docs/gone.md", "kind": "report", "expect": []}\n');
    writeFileSync(path.join(dir, '.protocolrc.json'), '{}');
    await expect(loadCorpus(dir)).rejects.toThrow(/labels\.jsonl line 1: "docs\/gone\.md" does not exist/);
  });
});

/** True when every .ts under src/, rules/ and scripts/ has a built .js in dist/ at least as new. */
function distIsFresh(): boolean {
  const stale = (dir: string): boolean =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true }).some((e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) return stale(rel);
      if (!e.name.endsWith('.ts') || e.name.endsWith('.d.ts')) return false;
      const out = path.join(ROOT, 'dist', rel.replace(/\.ts$/, '.js'));
      return !existsSync(out) || statSync(out).mtimeMs < statSync(path.join(ROOT, rel)).mtimeMs;
    });
  return !['src', 'rules', 'scripts'].some(stale);
}

describe('npm run eval as a child process', () => {
  // `npm test` builds dist/ first; when dist/ is out of date (vitest run on its own) the project is built into
  // dist/.eval-test instead, so that other tests running the main dist/ never see half-written files.
  let EVAL = path.join(ROOT, 'dist', 'scripts', 'eval.js');
  let probe: string;

  beforeAll(() => {
    probe = writeProbeModule(tmp());
    if (distIsFresh()) return;
    const out = path.join(ROOT, 'dist', '.eval-test');
    EVAL = path.join(out, 'scripts', 'eval.js');
    const tsc = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--outDir', out, '--incremental', '--tsBuildInfoFile', path.join(out, '.tsbuildinfo')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    // type errors elsewhere in the tree do not stop tsc emitting; a missing script does
    if (!existsSync(EVAL)) throw new Error(`tsc did not build ${EVAL}:\n${tsc.stdout}${tsc.stderr}`);
  }, 180_000);

  function evalCli(args: string[], cwd = ROOT) {
    const r = spawnSync(process.execPath, [EVAL, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  const corpus = () => path.relative(ROOT, EVAL_CORPUS);

  it('prints only the report on stdout, ending with the summary line; exit 0 when every threshold is met', () => {
    const r = evalCli([corpus(), '--rules', probe, '--min-recall', '0.4', '--min-precision', '0.6', '--max-false-alarms', '1']);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('threshold');
    expect(r.stdout.startsWith('protocol-lint eval: fixtures/eval-corpus\n')).toBe(true);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(SUMMARY);
    expect(r.stdout).toMatch(/^ {2}officer +docs\/standards-sub-committee-minutes\.md:12 {2}officer\/eval-probe: "calls an officer "incompetent""/m);
  });

  it('exits 1 below --min-recall / --min-precision or above --max-false-alarms, and says which on stderr', () => {
    const recall = evalCli([corpus(), '--rules', probe, '--min-recall', '0.5']);
    expect(recall.status).toBe(1);
    expect(recall.stderr).toContain('eval: threshold failed: recall 0.400 is below --min-recall 0.5');
    expect(recall.stdout.trimEnd().split('\n').at(-1)).toBe(SUMMARY); // the report is still printed
    const both = evalCli([corpus(), '--rules', probe, '--min-precision', '0.9', '--max-false-alarms', '0']);
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('eval: threshold failed: precision 0.667 is below --min-precision 0.9');
    expect(both.stderr).toContain('eval: threshold failed: 1 false alarms is more than --max-false-alarms 0');
    expect(both.stderr).not.toContain('recall');
  });

  it('--family limits the figures; --json writes them for tools', () => {
    const dir = tmp();
    const json = path.join(dir, 'out', 'eval.json');
    const r = evalCli([corpus(), '--rules', probe, '--family', 'officer', '--json', json]);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('eval: recall 1.00 precision 0.50 located 1.00 (7 docs)');
    expect(r.stdout).not.toMatch(/^ward /m);
    const figures = JSON.parse(readFileSync(json, 'utf8'));
    expect(figures.families).toEqual(['officer']);
    expect(figures.overall).toMatchObject({ expected: 1, caught: 1, falseAlarms: 1, recall: 1, precision: 0.5 });
    expect(figures.falseAlarms).toHaveLength(1);
    expect(figures.summary).toBe('eval: recall 1.00 precision 0.50 located 1.00 (7 docs)');
    expect(figures.pairs).toContainEqual({ file: 'docs/letter-to-the-echo.txt', family: 'officer', expected: true, flagged: true, located: true, findings: 1 });
  });

  it('exits 2 with a readable message for a missing corpus, malformed labels or a bad option', () => {
    const missing = evalCli(['no/such/corpus']);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('eval: no/such/corpus: no such corpus folder');

    const dir = tmp();
    cpSync(EVAL_CORPUS, dir, { recursive: true });
    const lines = readFileSync(path.join(dir, 'labels.jsonl'), 'utf8').split('\n');
    lines[2] = lines[2]!.replace('"kind": "newsletter"', '"kind": "leaflet"');
    writeFileSync(path.join(dir, 'labels.jsonl'), lines.join('\n'));
    const malformed = evalCli([dir]);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toMatch(/labels\.jsonl line 3: "kind" must be one of .* \(got "leaflet"\)/);

    writeFileSync(path.join(dir, 'labels.jsonl'), readFileSync(path.join(EVAL_CORPUS, 'labels.jsonl')));
    writeFileSync(path.join(dir, '.protocolrc.json'), '{ "jurisdiction": "mars" }');
    const config = evalCli([dir]);
    expect(config.status).toBe(2);
    expect(config.stderr).toMatch(/\.protocolrc\.json: "jurisdiction"/);

    const bad = evalCli([corpus(), '--min-recall', '80']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--min-recall must be a number from 0 to 1 (got "80")');
    expect(evalCli([corpus(), '--family', 'wards']).status).toBe(2);
    expect(evalCli([]).status).toBe(2);
  });
});
