/**
 * The eval's I/O: read a labelled corpus, lint every labelled document through the same code path as the
 * CLI (`lintFiles` with the corpus's `.protocolrc.json`), and read each document's checked text with the
 * same readers (`ingest`) to locate its evidence. Scoring is `score()` in ./score.ts.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileResult } from '../types.js';
import { DEFAULT_LIMITS } from '../types.js';
import type { Rule } from '../engine/rule.js';
import { lintFiles } from '../api/lint.js';
import { ingest } from '../ingest/index.js';
import { parseLabels, type Label } from './labels.js';
import { locateEvidence, unreadEvidence, type LocatedEvidence } from './locate.js';

/** A corpus that cannot be scored (missing folder, labels or config; malformed labels). Exit code 2. */
export class CorpusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusError';
  }
}

export interface Corpus {
  dir: string;
  labelsFile: string;
  configFile: string;
  labels: Label[];
  warnings: string[];
}

export const LABELS_FILE = 'labels.jsonl';
export const CONFIG_FILE = '.protocolrc.json';

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Read and check `<dir>/labels.jsonl`; every labelled file must exist. Throws CorpusError. */
export async function loadCorpus(dirArg: string, options: { configFile?: string } = {}): Promise<Corpus> {
  const dir = path.resolve(dirArg);
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch {
    throw new CorpusError(`${dirArg}: no such corpus folder`);
  }
  if (!stat.isDirectory()) throw new CorpusError(`${dirArg}: is not a folder (give the corpus folder that holds ${LABELS_FILE})`);
  const labelsFile = path.join(dir, LABELS_FILE);
  let text: string;
  try {
    text = await fs.readFile(labelsFile, 'utf8');
  } catch {
    throw new CorpusError(`${labelsFile}: not found; a corpus folder needs ${LABELS_FILE} (one JSON object per line)`);
  }
  let parsed;
  try {
    parsed = parseLabels(text, labelsFile);
  } catch (e) {
    throw new CorpusError((e as Error).message);
  }
  if (parsed.labels.length === 0) throw new CorpusError(`${labelsFile}: holds no labels`);
  for (const label of parsed.labels) {
    if (!(await isFile(path.join(dir, label.file)))) {
      throw new CorpusError(`${labelsFile} line ${label.line}: "${label.file}" does not exist in ${dir}`);
    }
  }
  const configFile = path.resolve(dir, options.configFile ?? CONFIG_FILE);
  if (!(await isFile(configFile))) throw new CorpusError(`${configFile}: not found; the corpus's council config is needed to check its documents`);
  return { dir, labelsFile, configFile, labels: parsed.labels, warnings: parsed.warnings };
}

export interface CorpusRun {
  /** Keyed by Label.file. */
  results: Map<string, FileResult>;
  /** Keyed by Label.file. */
  evidence: Map<string, LocatedEvidence[]>;
  /** Labelled files the config's ignore patterns skipped. */
  ignored: string[];
}

function relKey(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

/** Lint every labelled document and locate its evidence. Config errors are thrown as they are. */
export async function runCorpus(corpus: Corpus, options: { rules?: readonly Rule[] } = {}): Promise<CorpusRun> {
  const files = corpus.labels.map((l) => path.join(corpus.dir, l.file));
  const run = await lintFiles(files, { cwd: corpus.dir, configFile: corpus.configFile, rules: options.rules });
  const results = new Map<string, FileResult>();
  for (const r of run.results) results.set(relKey(corpus.dir, r.filePath), r);
  const evidence = new Map<string, LocatedEvidence[]>();
  for (const label of corpus.labels) {
    const file = path.join(corpus.dir, label.file);
    try {
      const bytes = await fs.readFile(file);
      const checked = await ingest(file, bytes, { limits: DEFAULT_LIMITS });
      evidence.set(label.file, locateEvidence(checked, label.evidence));
    } catch {
      evidence.set(label.file, unreadEvidence(label.evidence));
    }
  }
  return { results, evidence, ignored: run.ignored.map((f) => relKey(corpus.dir, f)) };
}
