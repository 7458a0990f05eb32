import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csv } from '../../src/report/csv.js';
import { csvField } from '../../src/report/escape.js';
import { allFindings, EMAIL_PATH, FORMULA_EXCERPT, HOSTILE_MESSAGE, sampleContext, sampleResults } from './sample.js';

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. Throws on anything else. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (row.length) throw new Error('last record has no CRLF');
  return rows;
}

describe('csv reporter', () => {
  const text = csv(sampleResults(), sampleContext());
  const rows = parseCsv(text);
  const records = rows.slice(1).map((r) => Object.fromEntries(CSV_HEADER.map((h, i) => [h, r[i]])));

  it('has the header row and one record per finding, all the same width', () => {
    expect(rows[0]).toEqual(['file', 'kind', 'line', 'column', 'page', 'attachment', 'severity', 'ruleId', 'message', 'clause', 'suggestion', 'excerpt']);
    expect(rows).toHaveLength(allFindings(sampleResults()).length + 1);
    for (const r of rows) expect(r).toHaveLength(12);
  });

  it('round-trips quotes, commas and newlines', () => {
    const party = records.find((r) => r.ruleId === 'publicity/party-reference')!;
    expect(party).toMatchObject({
      file: EMAIL_PATH,
      kind: 'email',
      line: '58',
      column: '3',
      page: '2',
      attachment: 'Briefing note, v2.pdf',
      severity: 'warning',
      message: HOSTILE_MESSAGE,
      clause: 'LGA 1986 s.2; Publicity Code 2011 para 15',
    });
    const derog = records.find((r) => r.ruleId === 'officer/derogatory-reference')!;
    expect(derog.message).toBe('A named officer (Yasmin Treloar, Head of Planning) is criticised in a public report.');
    expect(derog.severity).toBe('error');
    expect(records.find((r) => r.ruleId === 'input/unreadable')).toMatchObject({ page: '', attachment: '', clause: '', excerpt: '' });
  });

  it('neutralises formulas: =, +, -, @, tab and CR at the start of a cell get an apostrophe', () => {
    const party = records.find((r) => r.ruleId === 'publicity/party-reference')!;
    expect(party.excerpt).toBe(`'${FORMULA_EXCERPT}`);
    expect(party.suggestion!.startsWith("'-- remove")).toBe(true);
    const pressure = records.find((r) => r.ruleId === 'officer/pressure-on-officer')!;
    expect(pressure.excerpt).toBe("'@Yasmin I expect this sorted by Friday");
    expect(pressure.suggestion).toBe("'+ Put the request through the Director of Place.");
    for (const r of rows.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('a = b')).toBe('a = b');
    expect(csvField(12)).toBe('12');
  });

  it('writes only the header when there are no findings', () => {
    expect(csv(sampleResults().filter((r) => r.messages.length === 0), sampleContext())).toBe(CSV_HEADER.join(',') + '\r\n');
  });

  it('is deterministic', () => {
    expect(csv([...sampleResults()].reverse(), sampleContext())).toBe(text);
  });
});
