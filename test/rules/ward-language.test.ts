import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load.js';
import { ordinaryWardNames, parseWardList, resolveWard, wardMentions, membersForWard } from '../../src/language/wards.js';
import { buildMeta, isNegativeNotification, readFields } from '../../src/document/meta.js';
import { textResult } from '../../src/ingest/text.js';
import { markdownResult } from '../../src/ingest/markdown.js';
import { fixtureConfig } from '../helpers/fixtures.js';

/** src/language/wards.ts and the ward parts of src/document/meta.ts, on the fixture council (Wexcombe). */
const config = defaultConfig(fixtureConfig(), 'snippet.txt');
const noConfig = defaultConfig({}, 'snippet.txt');
const names = (text: string, c = config) => wardMentions(text, c).map((m) => `${m.name}:${m.strength}`);

describe('wardMentions', () => {
  it('finds "X ward" and lists ending in "wards"', () => {
    expect(names('Parking in Market ward and in Castle, Quayside and Thornby wards.')).toEqual([
      'Market:explicit',
      'Castle:explicit',
      'Quayside:explicit',
      'Thornby:explicit',
    ]);
  });

  it('accepts an ordinary-word ward name only in a ward context (T-W5)', () => {
    expect(names('The library in Castle will close.')).toEqual(['Castle:context']);
    expect(names('Residents of the Castle area were written to.')).toEqual(['Castle:context']);
    expect(names('Castle Street car park and the Market Hall will close.')).toEqual([]);
    expect(names('The car park in Castle Street will close.')).toEqual([]);
    expect(names('A footbridge by the market stalls in Abbey Fields Road.')).toEqual([]);
  });

  it('accepts a distinctive ward name on its own', () => {
    expect(names('Thornby Road will be closed.')).toEqual(['Thornby:bare']);
  });

  it('treats a distinctive name the document also writes in lower case as ordinary, but not in a link', () => {
    const doc = 'The quayside cafe is open. Quayside Harbour Office will close.';
    expect(wardMentions('Quayside Harbour Office will close.', config, { ordinary: ordinaryWardNames(config, doc) })).toEqual([]);
    expect(ordinaryWardNames(config, 'See wexcombe.gov.uk/thornby for details.').has('Thornby')).toBe(false);
    expect(ordinaryWardNames(config, 'See wexcombe.gov.uk/thornby for details.').has('Castle')).toBe(true);
  });

  it('carries a ward context along a list ("in Castle, Quayside and Abbey Fields")', () => {
    expect(names('Drop-ins will be held in Castle, Quayside and Abbey Fields.')).toEqual(['Castle:context', 'Quayside:context', 'Abbey Fields:context']);
  });

  it('ignores hospital wards, wards of court and "toward" (T-W4)', () => {
    expect(names('Patients on Castle Ward at Wexcombe General Hospital will move.')).toEqual([]);
    expect(names('Ward 7 at the General Hospital; wards of court; work toward reopening.')).toEqual([]);
    expect(names('Patients on Larkspur Ward at the General Hospital; Ward 14 (elderly care).', noConfig)).toEqual([]);
  });

  it('falls back to "X ward" wording with no config', () => {
    expect(names('Residents of Millbrook ward and the Moor division were told.', noConfig)).toEqual(['Millbrook:explicit', 'Moor:explicit']);
    expect(names('Every ward has a polling station; each Ward Member was told.', noConfig)).toEqual([]);
  });
});

describe('parseWardList', () => {
  it('reads All / Borough-wide / Not ward specific as all wards (T-W1)', () => {
    for (const v of ['All', 'All wards', 'Borough-wide', 'District wide', 'Not ward specific', '(All Wards);']) expect(parseWardList(v, config).all, v).toBe(true);
    expect(parseWardList('Castle; Quayside; Market; Thornby; Abbey Fields', config).all).toBe(true);
  });

  it('reads N/A and None as no wards', () => {
    expect(parseWardList('N/A', config).none).toBe(true);
    expect(parseWardList('None', config).none).toBe(true);
  });

  it('splits lists, drops "ward" and brackets, and maps members to their ward', () => {
    expect(parseWardList('Castle and Quayside wards', config).wards).toEqual(['Castle', 'Quayside']);
    expect(parseWardList('Thornby (part); Abbey Fields', config).wards).toEqual(['Thornby', 'Abbey Fields']);
    expect(parseWardList('Cllr Ivy Castellane', config).wards).toEqual(['Thornby']);
    expect(parseWardList('Millbrook', noConfig)).toMatchObject({ wards: ['Millbrook'], unknown: ['Millbrook'] });
    expect(parseWardList('Mr A Example CC', noConfig).none).toBe(true);
  });

  it('resolves aliases and finds members by ward', () => {
    expect(resolveWard('castle ward', config)?.name).toBe('Castle');
    expect(membersForWard('Castle', config).map((m) => m.name)).toEqual(['Philippa Dunstable', 'Oswin Carraway']);
  });
});

describe('meta: ward and notification fields', () => {
  it('joins a field value that wraps onto the next line', () => {
    const ingest = textResult(
      'Wards affected: Quayside\nWard members consulted: Cllr Greta Lindqvist-Hale and Cllr Ambrose\nPettifer (7 December 2026)\nClassification: Public\n',
    );
    const f = readFields(ingest.blocks).find((x) => x.key === 'notified')!;
    expect(f.value).toBe('Cllr Greta Lindqvist-Hale and Cllr Ambrose Pettifer (7 December 2026)');
    const text = ingest.blocks[f.block]!.text;
    expect(text.slice(f.start, f.end)).toBe('Ward members consulted: Cllr Greta Lindqvist-Hale and Cllr Ambrose\nPettifer (7 December 2026)');
  });

  it('gives the span of a field line and of a table cell', () => {
    const md = markdownResult('| | |\n|---|---|\n| Wards affected | Castle |\n| Ward members consulted | N/A |\n', 'x.md');
    const f = readFields(md.blocks).find((x) => x.key === 'notified')!;
    expect(md.blocks[f.block]!.text.slice(f.start, f.end)).toBe('N/A');
  });

  it('keeps empty and negative notifications out of meta.notified', () => {
    for (const v of ['N/A', 'None', 'No', 'TBC', 'Not yet', 'To follow', 'Not required']) {
      const meta = buildMeta(textResult(`Wards affected: Castle\nWard members consulted: ${v}\n`));
      expect(meta.notified, v).toEqual([]);
    }
    expect(isNegativeNotification('Notified 3 March 2027')).toBe(false);
    const meta = buildMeta(textResult('Wards affected: Castle\nLocal members informed: Cllr A Example (3 March 2027)\n'));
    expect(meta.notified).toMatchObject([{ members: ['A Example'], date: '2027-03-03', from: 'text' }]);
    expect(meta.wards).toEqual(['Castle']);
  });

  it('reads All wards from front matter and cover sheets, and Published/Issued as the date', () => {
    expect(buildMeta(markdownResult('---\nwards: [All]\n---\n\nText\n', 'x.md')).allWards).toBe(true);
    expect(buildMeta(textResult('Ward(s) affected: Borough-wide\n')).allWards).toBe(true);
    expect(buildMeta(textResult('Published: 1 April 2027\n')).date).toBe('2027-04-01');
    expect(buildMeta(textResult('Issued: 12 April 2027\n')).date).toBe('2027-04-12');
  });

  it('reads front matter notified entries with wards and method', () => {
    const meta = buildMeta(markdownResult('---\nnotified: [ { members: [Ann Example], date: 2027-01-03, wards: [Castle], method: email } ]\n---\n\nText\n', 'x.md'));
    expect(meta.notified).toEqual([{ members: ['Ann Example'], date: '2027-01-03', wards: ['Castle'], method: 'email', from: 'front-matter' }]);
  });
});
