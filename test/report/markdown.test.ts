import { describe, expect, it } from 'vitest';
import { escapeMarkdownCell } from '../../src/report/escape.js';
import { markdown } from '../../src/report/markdown.js';
import { sampleContext, sampleResults } from './sample.js';

/** Cells of a GFM table row: split on pipes that are not backslash-escaped. */
const cells = (row: string) => row.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);

describe('markdown reporter', () => {
  const md = markdown(sampleResults(), sampleContext());
  const lines = md.split('\n');

  it('starts with the verdict and the counts', () => {
    expect(lines[0]).toBe('### protocol-lint report');
    expect(md).toContain('❌ **8 problems to fix before sending in 3 files (5 errors, 3 warnings)**');
    expect(md).toContain('4 files checked · 3 need attention · 1 clear · 1 finding suppressed by directives');
  });

  it('has one table per file that needs attention, six cells in every row', () => {
    const headers = lines.filter((l) => l.startsWith('| Where |'));
    expect(headers).toHaveLength(3);
    expect(headers[0]).toBe('| Where | Severity | Rule | Problem | Why (clause) | What to do |');
    const rows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| Where') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(8);
    for (const r of rows) expect(cells(r)).toHaveLength(6);
    const derog = rows.find((r) => r.includes('officer/derogatory-reference'))!;
    expect(cells(derog).map((c) => c.trim())).toEqual([
      '12:5',
      '**Error**',
      '`officer/derogatory-reference`',
      'A named officer (Yasmin Treloar, Head of Planning) is criticised in a public report.<br>“Frankly, Yasmin Treloar has made a complete hash of the Local Plan.”',
      'Leicestershire Part 5C para 9',
      "Raise concerns about an officer's performance privately with the Chief Executive.",
    ]);
    const party = rows.find((r) => r.includes('publicity/party-reference'))!;
    expect(cells(party)[0]!.trim()).toBe('Briefing note, v2.pdf<br>p2 58:3');
  });

  it('escapes pipes, HTML and mentions, and keeps the table on one line per finding', () => {
    const party = lines.find((l) => l.includes('publicity/party-reference'))!;
    expect(party).toContain('Cllr Dunmore \\| 100% sure<br>@\u200Bplanning-team &lt;script&gt;alert("x")&lt;/script&gt;');
    expect(md).not.toContain('<script>');
    expect(md).toContain('“@\u200BYasmin I expect');
    expect(escapeMarkdownCell('a|b *c* _d_ `e` [f](g) ~h~ \\ & <i> #12 me@example.org')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\~h\\~ \\\\ &amp; &lt;i&gt; #\u200B12 me@example.org',
    );
  });

  it('lists clean files as clear', () => {
    expect(md).toContain('#### Clear\n\n- notes/clean note.txt (letter)');
    const clean = markdown(sampleResults().filter((r) => r.messages.length === 0), sampleContext());
    expect(clean).toContain('✅ **No problems found — OK to send**');
    expect(clean).not.toContain('| Where |');
  });

  it('is deterministic', () => {
    expect(markdown([...sampleResults()].reverse(), sampleContext())).toBe(md);
  });
});
