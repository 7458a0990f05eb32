import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A starter config for a fictional council; every key is optional. */
export const STARTER_CONFIG = {
  council: 'Example District Council',
  jurisdiction: 'england',
  areaTerm: 'ward',
  councilDomains: ['example.gov.uk'],
  pressDomains: ['examplegazette.co.uk'],
  officers: [{ name: 'Jane Example', role: 'Director of Place', aliases: ['J Example', 'Ms Example'] }],
  approvers: ['Chief Executive', 'Director', 'Assistant Director', 'Head of Service', 'Monitoring Officer'],
  wards: [{ name: 'Castle', aliases: ['Castle ward'] }],
  members: [{ name: 'Ann Example', ward: 'Castle', party: 'Labour', roles: ['Cabinet Member for Housing'] }],
  parties: [],
  preElection: [{ start: '2027-03-22', pollingDay: '2027-05-06' }],
  rules: {},
  ignorePatterns: [],
  overrides: [{ files: ['press/**'], kind: 'press-release' }],
};

export class InitError extends Error {}

export async function init(dir: string, force: boolean): Promise<string> {
  const file = path.join(dir, '.protocolrc.json');
  if (existsSync(file) && !force) {
    const { UsageError } = await import('./cli.js');
    throw new UsageError(`${file} already exists; use --force to overwrite it.`);
  }
  await writeFile(file, JSON.stringify(STARTER_CONFIG, null, 2) + '\n');
  return file;
}
