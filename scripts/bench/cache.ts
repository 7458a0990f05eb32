import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Issue 8's cache benchmark: a 200-file repository of reports checked once with --cache (cold), then again
 * unchanged (warm). The warm run must be at least 5× faster.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin', 'protocol-lint.js');

const PARAS = [
  'The Cabinet is asked to approve the revised opening hours of the leisure centre following the consultation.',
  'The Director of Place will report back on the results of the traffic survey in the spring.',
  'Ward members were briefed on the proposals on 3 March 2027 and their comments are set out in section 5.',
  'The scheme will be funded from the capital programme and the UK Shared Prosperity Fund.',
  'Officers met representatives of the residents association and the parish council during February.',
  'The report fails to address the impact on rural bus users, and the committee asked for more detail.',
  'A petition of 318 signatures asked that the green be kept as public open space.',
  'The council will write to every household in the affected streets before the works begin.',
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function makeRepo(dir: string, files = 200): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = rng(42);
  for (let i = 0; i < files; i++) {
    const paras = Array.from({ length: 12 + Math.floor(r() * 20) }, () => PARAS[Math.floor(r() * PARAS.length)]!);
    const sub = path.join(dir, `meeting-${String(i % 20).padStart(2, '0')}`);
    mkdirSync(sub, { recursive: true });
    if (i % 3 === 0) {
      writeFileSync(path.join(sub, `report-${i}.md`), `---\nkind: report\nmeeting: Cabinet\ndate: 2027-01-14\nwards: [Castle]\n---\n\n# Report ${i}\n\nWard(s) affected: Castle\n\n${paras.join('\n\n')}\n`);
    } else if (i % 3 === 1) {
      writeFileSync(path.join(sub, `letter-${i}.txt`), `Dear Resident,\n\n${paras.join('\n\n')}\n\nYours faithfully,\nCustomer Services\n`);
    } else {
      writeFileSync(
        path.join(sub, `email-${i}.eml`),
        `From: Officer <officer@wexcombe.gov.uk>\r\nTo: Cllr Example <cllr.example@wexcombe.gov.uk>\r\nDate: Mon, 1 Feb 2027 09:00:00 +0000\r\nSubject: Update ${i}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${paras.join('\r\n\r\n')}\r\n`,
      );
    }
  }
}

function timeCli(args: string[], cwd: string): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`protocol-lint failed (${r.status}): ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export interface CacheBenchResult {
  files: number;
  coldMs: number;
  warmMs: number;
  speedup: number;
}

export function runCacheBench(workDir: string, files = 200): CacheBenchResult {
  const repo = path.join(workDir, 'cache-repo');
  makeRepo(repo, files);
  const cacheFile = path.join(workDir, 'bench-cache.json');
  rmSync(cacheFile, { force: true });
  const args = ['--cache-location', cacheFile, '-f', 'json', '-o', path.join(workDir, 'cache-out.json'), '.'];
  const coldMs = timeCli(args, repo);
  const warm = [timeCli(args, repo), timeCli(args, repo), timeCli(args, repo)].sort((a, b) => a - b);
  const warmMs = warm[1]!;
  return { files, coldMs, warmMs, speedup: coldMs / warmMs };
}
