import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { ROOT } from './helpers/fixtures.js';

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'protocol-lint-cli-'));
}

const CLEAN = 'Dear resident,\n\nThe library will open at 9am on Monday. The report sets out the costs in section 3.\n\nKind regards,\nCustomer Services\n';

describe('protocol-lint CLI', () => {
  it('prints only its version for --version', () => {
    const r = runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(r.stderr).toBe('');
  });

  it('checks a clean draft: exit 0 and an OK-to-send verdict', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'draft.txt'), CLEAN);
    const r = runCli(['draft.txt'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No problems found — OK to send');
  });

  it('writes nothing but the report to stdout, and never reads a .env file', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'draft.txt'), CLEAN);
    // a .env in the working directory: loading it would set PROTOCOL_LINT_LEAK in the CLI's environment
    writeFileSync(path.join(dir, '.env'), 'PROTOCOL_LINT_LEAK=leaked\nNODE_DEBUG=fs\n');
    const spyLog = path.join(dir, 'spy.log');
    // a preloaded spy records every file the process opens and the environment at exit
    const spy = path.join(dir, 'spy.mjs');
    writeFileSync(
      spy,
      `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const log = (p) => { try { fs.appendFileSync(${JSON.stringify(spyLog)}, 'open ' + String(p) + '\\n'); } catch {} };
for (const name of ['readFileSync', 'openSync', 'readFile', 'open', 'createReadStream']) {
  const orig = fs[name];
  fs[name] = function (p, ...rest) { if (typeof p === 'string' || p instanceof URL) log(p); return orig.call(this, p, ...rest); };
}
for (const name of ['readFile', 'open']) {
  const orig = fs.promises[name];
  fs.promises[name] = function (p, ...rest) { if (typeof p === 'string' || p instanceof URL) log(p); return orig.call(this, p, ...rest); };
}
syncBuiltinESMExports();
process.on('exit', () => { fs.appendFileSync(${JSON.stringify(spyLog)}, 'env ' + (process.env.PROTOCOL_LINT_LEAK ?? '-') + '\\n'); });
`,
    );
    for (const args of [['-f', 'json', 'draft.txt'], ['draft.txt'], ['rules'], ['explain', 'input/unreadable']]) {
      const r = runCli(args, { cwd: dir, env: { NODE_OPTIONS: `--import=${spy}` } });
      expect(r.stderr).toBe('');
      if (args[0] === '-f') {
        const parsed = JSON.parse(r.stdout) as Array<{ filePath: string }>;
        expect(parsed).toHaveLength(1);
        expect(parsed[0]!.filePath).toBe(path.join(dir, 'draft.txt'));
      } else if (args[0] === 'draft.txt') {
        expect(r.stdout.trim().split('\n')).toEqual(['✔ No problems found — OK to send']);
      }
    }
    const log = readFileSync(spyLog, 'utf8');
    expect(log).toContain('draft.txt'); // the spy works: it saw the draft being read
    expect(log.split('\n').filter((l) => /(^|[\\/])\.env$/.test(l.replace(/^open /, '')))).toEqual([]);
    expect(log).not.toContain('env leaked');
  });

  it('never imports the natural package root (it prints and loads .env)', async () => {
    const { execSync } = await import('node:child_process');
    // the sources, and the bundle the bin runs (npm test builds it first), where esbuild could have inlined one
    expect(existsSync(path.join(ROOT, 'dist', 'bundle', 'cli.js'))).toBe(true);
    const hits = execSync(`grep -rnE "from ['\\"]natural['\\"]|require\\(['\\"]natural['\\"]\\)|import\\(['\\"]natural['\\"]\\)" src rules scripts dist/bundle || true`, { cwd: ROOT, encoding: 'utf8' });
    expect(hits.trim()).toBe('');
  });

  it('exits 2 with a readable message for a bad config (no stack trace)', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'draft.txt'), CLEAN);
    writeFileSync(path.join(dir, '.protocolrc.json'), JSON.stringify({ officers: [{ name: 'Jane Example', role: 7 }] }));
    const r = runCli(['draft.txt'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('.protocolrc.json');
    expect(r.stderr).toContain('officers[0].role');
    expect(r.stderr).toContain('must be a non-empty string');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for invalid JSON in a config and names the file', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'draft.txt'), CLEAN);
    writeFileSync(path.join(dir, '.protocolrc.json'), '{ "council": "Wexcombe", }');
    const r = runCli(['draft.txt'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\.protocolrc\.json.*not valid JSON/);
  });

  it('exits 2 for a misspelt config key and suggests the right one', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'draft.txt'), CLEAN);
    writeFileSync(path.join(dir, '.protocolrc.json'), JSON.stringify({ councilDomain: ['wexcombe.gov.uk'] }));
    const r = runCli(['draft.txt'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"councilDomain" is not a known key (did you mean "councilDomains"?)');
  });

  it('exits 2 for an unknown format and an unknown rule to explain', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'draft.txt'), CLEAN);
    expect(runCli(['-f', 'yaml', 'draft.txt'], { cwd: dir }).status).toBe(2);
    const r = runCli(['explain', 'officer/no-such-rule'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('No rule "officer/no-such-rule"');
  });

  it('reads stdin with --stdin-filename, which sets the format', () => {
    const dir = tmp();
    const md = '---\nkind: press-release\ndate: 2026-10-01\n---\n\n# Library opening hours\n\nThe library opens at 9am.\n';
    const r = runCli(['--stdin', '--stdin-filename', 'draft.md', '-f', 'json'], { cwd: dir, input: md });
    expect(r.status).toBe(0);
    const [res] = JSON.parse(r.stdout) as Array<{ kind: string; format: string; filePath: string }>;
    expect(res!.kind).toBe('press-release');
    expect(res!.format).toBe('markdown');
    expect(res!.filePath).toBe(path.join(dir, 'draft.md'));
    const dash = runCli(['-', '-f', 'json'], { cwd: dir, input: 'Plain words only.\n' });
    expect(JSON.parse(dash.stdout)[0].format).toBe('text');
  });

  it('writes the report to --output and says where on stderr', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'draft.txt'), CLEAN);
    const r = runCli(['-f', 'json', '-o', 'out/report.json', 'draft.txt'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('out/report.json');
    expect(JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8'))).toHaveLength(1);
  });

  it('init writes a starter config that validates, and refuses to overwrite it', () => {
    const dir = tmp();
    const r = runCli(['init'], { cwd: dir });
    expect(r.status).toBe(0);
    const file = path.join(dir, '.protocolrc.json');
    expect(existsSync(file)).toBe(true);
    writeFileSync(path.join(dir, 'draft.txt'), CLEAN);
    expect(runCli(['draft.txt'], { cwd: dir }).status).toBe(0); // the starter config is valid
    const again = runCli(['init'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('reports a missing path and exits 2 when nothing was checked', () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'empty'));
    writeFileSync(path.join(dir, 'empty', 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const r = runCli(['empty'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no documents found for "empty"');
  });

  it('honours --kind', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'draft.txt'), CLEAN);
    const r = runCli(['--kind', 'newsletter', '-f', 'json', 'draft.txt'], { cwd: dir });
    expect(JSON.parse(r.stdout)[0].kind).toBe('newsletter');
    expect(runCli(['--kind', 'memo', 'draft.txt'], { cwd: dir }).status).toBe(2);
  });
});
