import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY, pathToUriReference, sarif } from '../../src/report/sarif.js';
import { abs, allFindings, EMAIL_PATH, sampleContext, sampleResults, shifted } from './sample.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Log = any;

// RFC 3986 characters; a scheme-less reference must not have a ':' in its first segment.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/;
function isUriReference(s: string): boolean {
  if (!URI_CHARS.test(s) || s.split('#').length > 2) return false;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(s);
  return scheme ? true : !s.split(/[/?#]/)[0]!.includes(':');
}
function isUri(s: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) || !isUriReference(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

let validate: ValidateFunction;
beforeAll(() => {
  // The official OASIS SARIF 2.1.0 schema (draft-07); see test/schemas/README.md for where it comes from.
  const schema = JSON.parse(readFileSync(new URL('../schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', isUri);
  ajv.addFormat('uri-reference', isUriReference);
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  validate = ajv.compile(schema);
});

function run(results = sampleResults()): Log {
  return JSON.parse(sarif(results, sampleContext()));
}

function expectValid(log: Log): void {
  const ok = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

describe('sarif reporter', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    expectValid(run());
  });

  it('the schema check is real: it rejects a broken log', () => {
    const log = run();
    log.runs[0].results[0].level = 'fatal';
    delete log.runs[0].tool.driver.name;
    expect(validate(log)).toBe(false);
    const broken = run();
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(broken)).toBe(false);
  });

  it('validates with no results and with a clean file only', () => {
    expectValid(run([]));
    const clean = sampleResults().filter((r) => r.messages.length === 0);
    const log = run(clean);
    expectValid(log);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toEqual([]);
    expect(log.runs[0].artifacts).toHaveLength(1);
  });

  it('describes the tool and every rule that appears, and only those', () => {
    const log = run();
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('protocol-lint');
    expect(driver.version).toBe('0.1.0');
    expect(isUri(driver.informationUri)).toBe(true);
    const ids = driver.rules.map((r: Log) => r.id);
    expect(ids).toEqual([...new Set(allFindings(sampleResults()).map((f) => f.ruleId))].sort());
    expect(ids).not.toContain('publicity/unused-rule');
    expect(ids).toContain('input/unreadable');
    expect(ids).toContain('directive/unused');

    const derog = driver.rules.find((r: Log) => r.id === 'officer/derogatory-reference');
    expect(derog.shortDescription.text).toBe('Derogatory references to officers in public or external documents.');
    expect(derog.defaultConfiguration.level).toBe('error');
    expect(derog.properties.clause).toBe('Leicestershire Part 5C para 9');
    expect(derog.help.markdown).toContain('**derogatory**');
    expect(derog.help.text).toContain('Flags derogatory remarks');
    expect(derog.help.text).not.toContain('**');

    const ward = driver.rules.find((r: Log) => r.id === 'ward/notification-missing');
    expect(ward.defaultConfiguration.level).toBe('warning');
    expect(ward.help.markdown).toBeUndefined();
    expect(ward.help.text).toContain('Leicestershire Part 5C para 32');
  });

  it('reports every finding with ruleIndex, level, message and clause', () => {
    const log = run();
    const { results, tool } = log.runs[0];
    expect(results).toHaveLength(allFindings(sampleResults()).length);
    for (const r of results) expect(tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    const derog = results.find((r: Log) => r.ruleId === 'officer/derogatory-reference');
    expect(derog.level).toBe('error');
    expect(derog.message.text).toBe('A named officer (Yasmin Treloar, Head of Planning) is criticised in a public report. — Leicestershire Part 5C para 9');
    expect(results.find((r: Log) => r.ruleId === 'ward/notification-missing').level).toBe('warning');
    const input = results.find((r: Log) => r.ruleId === 'input/unreadable');
    expect(input.level).toBe('error');
    expect(input.message.text).toMatch(/zip archive is damaged\)\.$/);
  });

  it('uses URIs relative to the working folder, percent-encoded, that resolve to the file', () => {
    const log = run();
    const base = log.runs[0].originalUriBaseIds['%SRCROOT%'].uri;
    expect(base).toMatch(/^file:\/\/.*\/$/);
    expect(fileURLToPath(base)).toBe(sampleContext().cwd + '/');
    for (const r of log.runs[0].results) {
      const loc = r.locations[0].physicalLocation.artifactLocation;
      expect(loc.uriBaseId).toBe('%SRCROOT%');
      expect(loc.uri).not.toMatch(/^(\/|[a-z]+:)/i);
      expect(isUriReference(loc.uri)).toBe(true);
    }
    const email = log.runs[0].results.find((r: Log) => r.ruleId === 'publicity/party-reference');
    const uri = email.locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe('inbox/Re%3A%20press%2C%20%22quote%22%20%2342.eml');
    expect(fileURLToPath(new URL(uri, base))).toBe(abs(EMAIL_PATH));
    expect(pathToUriReference('reports/cabinet 2027-01-14.md')).toBe('reports/cabinet%202027-01-14.md');
  });

  it('gives regions, masked snippets, and page/attachment/clause/suggestion properties', () => {
    const log = run();
    const results = log.runs[0].results;
    const email = results.find((r: Log) => r.ruleId === 'publicity/party-reference');
    expect(email.locations[0].physicalLocation.region).toMatchObject({ startLine: 58, startColumn: 3, endLine: 58, endColumn: 40 });
    expect(email.properties).toMatchObject({
      page: 2,
      attachment: 'Briefing note, v2.pdf',
      clause: 'LGA 1986 s.2; Publicity Code 2011 para 15',
      suggestion: '-- remove the party slogan; keep to the facts of the decision.',
    });
    const personal = results.find((r: Log) => r.ruleId === 'confidential/personal-data');
    expect(personal.locations[0].physicalLocation.region.snippet).toEqual({ text: '[phone number]' });
    expect(personal.properties.context).toBe('Call Mr Okafor on [phone number] after 6pm.');
    const input = results.find((r: Log) => r.ruleId === 'input/unreadable');
    expect(input.locations[0].physicalLocation.region.snippet).toBeUndefined();
  });

  it('has partialFingerprints that are unique, and stable across runs, line moves and input order', () => {
    const a = run();
    const fps = a.runs[0].results.map((r: Log) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(fps.every((f: unknown) => typeof f === 'string' && (f as string).length >= 32)).toBe(true);
    expect(new Set(fps).size).toBe(fps.length); // the repeated sentence gets its own fingerprint
    expect(run()).toEqual(a);
    const moved = run(shifted(sampleResults(), 7));
    expect(moved.runs[0].results.map((r: Log) => r.partialFingerprints[FINGERPRINT_KEY])).toEqual(fps);
    expect(sarif([...sampleResults()].reverse(), sampleContext())).toBe(sarif(sampleResults(), sampleContext()));
  });

  it('gives the same finding in another file another fingerprint', () => {
    const [report] = sampleResults();
    const copy = { ...report!, filePath: abs('reports/copy.md') };
    const log = run([report!, copy]);
    const byFile = (name: string) =>
      log.runs[0].results
        .filter((r: Log) => r.locations[0].physicalLocation.artifactLocation.uri.startsWith(name))
        .map((r: Log) => r.partialFingerprints[FINGERPRINT_KEY]);
    const first = byFile('reports/cabinet');
    const second = byFile('reports/copy');
    expect(first).toHaveLength(5);
    expect(second).toHaveLength(5);
    expect(first.filter((f: string) => second.includes(f))).toEqual([]);
  });

  it('reports what a reader noticed as tool execution notifications at the file, valid against the schema', async () => {
    // real inputs that produce reader warnings: a legacy-encoded text file and an email with a .zip attachment
    const { lintFiles } = await import('../../src/api/lint.js');
    const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
    const { results: real } = await lintFiles(['ingest/bad/invalid-utf8.txt', 'ingest/email/mixed-attachments.eml'], {
      cwd: fixtures,
      configFile: fixtures + '.protocolrc.json',
      noIgnore: true,
    });
    const ctx = { ...sampleContext(), cwd: fixtures.replace(/\/$/, '') };
    const log: Log = JSON.parse(sarif(real, ctx));
    expectValid(log);
    const notes = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(notes.map((n: Log) => [n.level, n.message.text, n.locations[0].physicalLocation.artifactLocation.uri])).toEqual([
      ['warning', 'not valid UTF-8; read as Windows-1252', 'ingest/bad/invalid-utf8.txt'],
      ['warning', 'attachment photos.zip was not checked (.zip is not a format protocol-lint reads)', 'ingest/email/mixed-attachments.eml'],
    ]);
    for (const n of notes) {
      const loc = n.locations[0].physicalLocation.artifactLocation;
      expect(log.runs[0].artifacts[loc.index].location).toEqual({ uri: loc.uri, uriBaseId: '%SRCROOT%' });
    }
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(true);

    // hand-built notes on the sample (a hostile path, a note on a clean file) stay valid; without notes, no invocation
    const withNotes = sampleResults().map((r, i) => (i === 1 || i === 3 ? { ...r, warnings: ['attachment <x>\n"y".zip was not checked'] } : r));
    const sampleLog = run(withNotes);
    expectValid(sampleLog);
    expect(sampleLog.runs[0].invocations[0].toolExecutionNotifications).toHaveLength(2);
    expect(sampleLog.runs[0].results).toEqual(run().runs[0].results);
    expect(run().runs[0].invocations).toBeUndefined();
  });
});
