import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { junit } from '../../src/report/junit.js';
import { escapeXmlAttr, escapeXmlText } from '../../src/report/escape.js';
import { HOSTILE_MESSAGE, sampleContext, sampleResults } from './sample.js';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** Parse with saxes (already a dependency, for .docx/.odt): a strict, conformant XML 1.0 parser. */
function parse(xml: string): El {
  const parser = new SaxesParser();
  const root: El = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  parser.on('opentag', (node) => {
    const el: El = { name: node.name, attrs: node.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('text', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return root.children[0]!;
}

const all = (el: El, name: string): El[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];

describe('junit reporter', () => {
  const xml = junit(sampleResults(), sampleContext());
  const doc = parse(xml);

  it('is well-formed XML with an XML declaration', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(doc.name).toBe('testsuites');
  });

  it('has one testsuite per file, one testcase per finding, a passing testcase for a clean file', () => {
    const suites = all(doc, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual([
      'archive/old minutes.docx',
      'inbox/Re: press, "quote" #42.eml',
      'notes/clean note.txt',
      'reports/cabinet 2027-01-14.md',
    ]);
    const report = suites[3]!;
    expect(report.attrs).toMatchObject({ tests: '5', failures: '5', errors: '0' });
    expect(all(report, 'testcase')).toHaveLength(5);
    expect(all(report, 'failure').map((f) => f.attrs.type)).toEqual(['warning', 'error', 'error', 'error', 'warning']);

    const clean = suites[2]!;
    expect(clean.attrs).toMatchObject({ tests: '1', failures: '0', errors: '0' });
    const [pass] = all(clean, 'testcase');
    expect(pass!.children.filter((c) => c.name !== 'properties')).toEqual([]);

    const unreadable = suites[0]!;
    expect(unreadable.attrs).toMatchObject({ tests: '1', failures: '0', errors: '1' });
    expect(all(unreadable, 'error')[0]!.attrs.type).toBe('input/unreadable');

    expect(doc.attrs).toMatchObject({ tests: '9', failures: '7', errors: '1' });
  });

  it('carries rule, place, clause and suggestion for each finding', () => {
    const email = all(doc, 'testsuite')[1]!;
    const [pressure, party] = all(email, 'testcase');
    expect(pressure!.attrs).toMatchObject({ classname: 'inbox/Re: press, "quote" #42.eml', file: 'inbox/Re: press, "quote" #42.eml', line: '9' });
    const failure = party!.children.find((c) => c.name === 'failure')!;
    expect(party!.attrs.name).toBe('publicity/party-reference at Briefing note, v2.pdf p2 58:3');
    expect(failure.text).toContain('Where: attachment “Briefing note, v2.pdf”, page 2, line 58, column 3');
    expect(failure.text).toContain('Why: LGA 1986 s.2; Publicity Code 2011 para 15');
    expect(failure.text).toContain('What to do: -- remove the party slogan');
  });

  it('escapes markup and keeps newlines in attributes', () => {
    const party = all(doc, 'testcase').find((t) => t.attrs.name!.startsWith('publicity/'))!;
    const failure = party.children.find((c) => c.name === 'failure')!;
    // The parsed attribute is exactly the message: quotes, <script>, newline and all.
    expect(failure.attrs.message).toBe(HOSTILE_MESSAGE);
    expect(failure.text).toContain('<script>alert("x")</script>');
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).toContain('100% sure&#10;@planning-team');
  });

  it('replaces characters XML 1.0 forbids instead of writing them', () => {
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const pressure = all(doc, 'failure').find((f) => f.attrs.message!.startsWith('Pressure'))!;
    expect(pressure.attrs.message).toBe('Pressure on an officer\uFFFD to change advice\uFFFD before Friday.');
    expect(escapeXmlText('a\u0000b\uD800c\uFFFEd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(escapeXmlText('😀 & <')).toBe('😀 &amp; &lt;');
    expect(escapeXmlAttr(`"it's"\t<x>`)).toBe('&quot;it&apos;s&quot;&#9;&lt;x&gt;');
    // And the result of a hostile message parses back to the safe text.
    const hostile = junit([{ ...sampleResults()[3]!, messages: [{ ...sampleResults()[0]!.messages[0]!, message: ']]><!-- \u001b[31m & </failure>' }] }], sampleContext());
    expect(all(parse(hostile), 'failure')[0]!.attrs.message).toBe(']]><!-- \uFFFD[31m & </failure>');
  });

  it('is deterministic', () => {
    expect(junit([...sampleResults()].reverse(), sampleContext())).toBe(xml);
  });
});
