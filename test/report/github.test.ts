import { describe, expect, it } from 'vitest';
import { github } from '../../src/report/github.js';
import { allFindings, EMAIL_PATH, HOSTILE_MESSAGE, sampleContext, sampleResults } from './sample.js';

/** What the Actions runner does with a command line (toolkit/packages/core command.ts, reversed). */
const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

function parseCommand(line: string) {
  const m = /^::(error|warning) ([^:]*)::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const props = Object.fromEntries(
    m[2]!.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i), unescapeProperty(p.slice(i + 1))];
    }),
  );
  return { command: m[1], props, message: unescapeData(m[3]!) };
}

describe('github reporter', () => {
  const out = github(sampleResults(), sampleContext());
  const lines = out.trimEnd().split('\n');

  it('writes one workflow command per finding, one line each', () => {
    expect(lines).toHaveLength(allFindings(sampleResults()).length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=[^:,]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:,]*::/);
    expect(out.endsWith('\n')).toBe(true);
    expect(out).not.toContain('\r');
  });

  it('uses error for severity 2 and warning for severity 1, with relative paths', () => {
    const cmds = lines.map(parseCommand);
    expect(cmds.filter((c) => c.command === 'error')).toHaveLength(5);
    expect(cmds.filter((c) => c.command === 'warning')).toHaveLength(3);
    expect(cmds.map((c) => c.props.file)).toContain('reports/cabinet 2027-01-14.md');
    for (const c of cmds) expect(c.props.file!.startsWith('/')).toBe(false);
  });

  it('escapes properties (%, CR, LF, colon, comma) and data (%, CR, LF)', () => {
    const party = lines.find((l) => l.includes('publicity%2Fparty') || l.includes('publicity/party'))!;
    expect(party).toContain('file=inbox/Re%3A press%2C "quote" #42.eml,');
    expect(party).toContain('100%25 sure%0A@planning-team');
    const cmd = parseCommand(party);
    expect(cmd.props).toMatchObject({ file: EMAIL_PATH, line: '58', col: '3', endLine: '58', endColumn: '40', title: 'protocol-lint publicity/party-reference' });
    expect(cmd.message.startsWith(HOSTILE_MESSAGE + '\n')).toBe(true);
    expect(cmd.message).toContain('In attachment “Briefing note, v2.pdf”, page 2.');
    expect(cmd.message).toContain('Why: LGA 1986 s.2; Publicity Code 2011 para 15');
    expect(cmd.message).toContain('What to do: -- remove the party slogan');
  });

  it('cannot be tricked into a second command or a coloured log line', () => {
    const [report] = sampleResults();
    const evil = { ...report!, messages: [{ ...report!.messages[0]!, message: 'ok\r\n::error file=x::forged\u001b[31m', clause: 'a, b: c' }] };
    const text = github([evil], sampleContext());
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).toContain('ok%0D%0A::error file=x::forged\uFFFD[31m');
    expect(text).not.toContain('\u001b');
  });

  it('prints nothing when there is nothing to report', () => {
    expect(github(sampleResults().filter((r) => r.messages.length === 0), sampleContext())).toBe('');
  });
});
