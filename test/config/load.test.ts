import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigLoader } from '../../src/config/load.js';
import { ConfigError, validateConfig } from '../../src/config/schema.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'protocol-lint-config-'));
  writeFileSync(path.join(dir, 'package.json'), '{"name":"reports"}');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('config loading', () => {
  it('uses sensible defaults with no config at all', async () => {
    const dir = tree({ 'a/draft.txt': 'x' });
    const c = await new ConfigLoader({ cwd: dir }).resolve(path.join(dir, 'a/draft.txt'));
    expect(c.jurisdiction).toBe('england');
    expect(c.areaTerm).toBe('ward');
    expect(c.approvers).toContain('Monitoring Officer');
    expect(c.filepath).toBeUndefined();
  });

  it('finds the nearest config upward from each file', async () => {
    const dir = tree({
      '.protocolrc.json': JSON.stringify({ council: 'Wexcombe Borough Council' }),
      'press/.protocolrc.yaml': 'council: Wexcombe Press Office\nareaTerm: division\n',
      'press/2027/release.txt': 'x',
      'reports/r.txt': 'x',
    });
    const loader = new ConfigLoader({ cwd: dir });
    expect((await loader.resolve(path.join(dir, 'press/2027/release.txt'))).council).toBe('Wexcombe Press Office');
    expect((await loader.resolve(path.join(dir, 'reports/r.txt'))).council).toBe('Wexcombe Borough Council');
  });

  it('reads the "protocol" key of package.json', async () => {
    const dir = tree({ 'r.txt': 'x' });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', protocol: { council: 'From package.json' } }));
    expect((await new ConfigLoader({ cwd: dir }).resolve(path.join(dir, 'r.txt'))).council).toBe('From package.json');
  });

  it('follows "extends" and merges rules, child winning', async () => {
    const dir = tree({
      '.protocolrc.json': JSON.stringify({ council: 'Parent', rules: { 'officer/x': 'warning', 'ward/y': 'error' }, ignorePatterns: ['archive/**'] }),
      'sub/.protocolrc.json': JSON.stringify({ extends: '../.protocolrc.json', rules: { 'ward/y': 'off' } }),
      'sub/d.txt': 'x',
    });
    const loader = new ConfigLoader({ cwd: dir });
    const c = await loader.resolve(path.join(dir, 'sub/d.txt'));
    expect(c.council).toBe('Parent');
    expect(c.rules).toEqual({ 'officer/x': 'warning', 'ward/y': 'off' });
    const loaded = await loader.forFile(path.join(dir, 'sub/d.txt'));
    expect(loaded.ignores).toEqual([{ pattern: 'archive/**', baseDir: dir }]);
  });

  it('applies overrides by glob relative to the config file', async () => {
    const dir = tree({
      '.protocolrc.json': JSON.stringify({ overrides: [{ files: ['press/**'], kind: 'press-release', rules: { 'publicity/x': 'off' } }] }),
      'press/a.txt': 'x',
      'other/b.txt': 'x',
    });
    const loader = new ConfigLoader({ cwd: dir });
    const a = await loader.resolve(path.join(dir, 'press/a.txt'));
    expect(a.forcedKind).toBe('press-release');
    expect(a.rules['publicity/x']).toBe('off');
    expect((await loader.resolve(path.join(dir, 'other/b.txt'))).forcedKind).toBeUndefined();
  });

  it('detects extends cycles', () => {
    const dir = tree({
      'a.json': JSON.stringify({ extends: './b.json' }),
      'b.json': JSON.stringify({ extends: './a.json' }),
    });
    expect(() => new ConfigLoader({ cwd: dir, configFile: 'a.json' })).toThrow(/cycle/);
  });
});

describe('config validation', () => {
  const bad: Array<[unknown, string]> = [
    [[], '(top level)'],
    [{ jurisdiction: 'france' }, 'jurisdiction'],
    [{ councilDomains: 'x.gov.uk' }, 'councilDomains'],
    [{ officers: [{ role: 'Director' }] }, 'officers[0].name'],
    [{ officers: [{ name: 'A', title: 'B' }] }, 'officers[0].title'],
    [{ preElection: [{ start: '22/03/2027', pollingDay: '2027-05-06' }] }, 'preElection[0].start'],
    [{ preElection: [{ start: '2027-06-01', pollingDay: '2027-05-06' }] }, 'preElection[0].start'],
    [{ rules: { 'officer/x': 'loud' } }, 'rules.officer/x'],
    [{ rules: { officer: 'off' } }, 'rules.officer'],
    [{ overrides: [{ kind: 'report' }] }, 'overrides[0].files'],
    [{ overrides: [{ files: ['a'], kind: 'memo' }] }, 'overrides[0].kind'],
  ];
  it.each(bad)('rejects %j naming the key', (raw, key) => {
    try {
      validateConfig(raw, '/x/.protocolrc.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).key).toBe(key);
      expect((e as Error).message).toContain('/x/.protocolrc.json');
    }
  });

  it('rejects unknown rule ids when the registry is known, suggesting the family match', () => {
    expect(() => validateConfig({ rules: { 'officer/typo': 'off' } }, 'f', new Set(['officer/derogatory-reference']))).toThrow(/not a known rule/);
  });

  it('accepts the contract example', () => {
    const ok = validateConfig(
      {
        council: 'Northmoor District Council',
        jurisdiction: 'england',
        areaTerm: 'ward',
        councilDomains: ['northmoor.gov.uk'],
        pressDomains: ['northmoorherald.co.uk'],
        officers: [{ name: 'Helen Marsh', role: 'Director of Place', aliases: ['H Marsh', 'Ms Marsh'] }],
        approvers: ['Chief Executive', 'Director'],
        wards: [{ name: 'Castle', aliases: ['Castle ward'] }],
        members: [{ name: 'Ann Example', ward: 'Castle', party: 'Labour', roles: ['Cabinet Member for Housing'] }],
        parties: ['Northmoor Independents'],
        preElection: [{ start: '2027-03-22', pollingDay: '2027-05-06' }],
        rules: { 'publicity/party-reference': 'off' },
        ignorePatterns: ['archive/**'],
        overrides: [{ files: ['press/**'], kind: 'press-release' }],
      },
      'f',
    );
    expect(ok.council).toBe('Northmoor District Council');
  });
});
