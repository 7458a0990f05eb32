import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/engine/rule.js';
import { lintText } from '../../src/api/lint.js';

/** A small rule for exercising the engine: flags the word "muppet" in the writer's own text. */
const muppet: Rule = {
  meta: {
    id: 'officer/test-muppet',
    family: 'officer',
    description: 'test rule',
    clause: 'Test clause 1',
    defaultSeverity: 'error',
    messages: { found: 'Found “{{word}}”' },
    suggestion: 'Do not.',
  },
  create(context) {
    return {
      sentence(s, block) {
        const re = /muppet/gi;
        for (const m of s.text.matchAll(re)) {
          const start = s.start + m.index!;
          context.report({ block, start, end: start + m[0].length, messageId: 'found', data: { word: m[0] } });
        }
      },
    };
  },
};

const pressOnly: Rule = {
  ...muppet,
  meta: { ...muppet.meta, id: 'officer/test-press-only', kinds: ['press-release'] },
};

const personal: Rule = {
  meta: { ...muppet.meta, id: 'confidential/test-mask', messages: { found: 'NI number' } },
  create(context) {
    return {
      block(block) {
        const m = /AB ?12 ?34 ?56 ?C/.exec(block.text);
        if (m) context.report({ block, start: m.index, end: m.index + m[0].length, messageId: 'found', mask: 'National Insurance number' });
      },
    };
  },
};

describe('engine', () => {
  it('reports 1-based line and column positions in plain text', async () => {
    const r = await lintText('First line.\n\nSecond para with a muppet in it.\n', { rules: [muppet] });
    expect(r.messages).toHaveLength(1);
    const f = r.messages[0]!;
    expect([f.line, f.column, f.endLine, f.endColumn]).toEqual([3, 20, 3, 26]);
    expect(f.message).toBe('Found “muppet”');
    expect(f.clause).toBe('Test clause 1');
    expect(f.suggestion).toBe('Do not.');
    expect(f.severity).toBe(2);
    expect(f.context).toBe('Second para with a muppet in it.');
  });

  it('maps positions through Markdown markup (emphasis, links, front matter)', async () => {
    const md = '---\ntitle: x\n---\n\n# Heading\n\nSome **bold** text and a [link](http://x) to a *muppet*.\n';
    const r = await lintText(md, { filePath: 'd.md', rules: [muppet] });
    expect(r.messages).toHaveLength(1);
    const f = r.messages[0]!;
    const line = md.split('\n')[f.line - 1]!;
    expect(line.slice(f.column - 1, f.endColumn - 1)).toBe('muppet');
  });

  it('ignores struck-through Markdown text', async () => {
    const r = await lintText('The officer is ~~a muppet~~ very helpful.\n', { filePath: 'd.md', rules: [muppet] });
    expect(r.messages).toEqual([]);
  });

  it('config levels override the default and "off" silences a rule', async () => {
    const warn = await lintText('a muppet', { rules: [muppet], config: { rules: { 'officer/test-muppet': 'warning' } } });
    expect(warn.messages[0]!.severity).toBe(1);
    expect(warn.warningCount).toBe(1);
    const off = await lintText('a muppet', { rules: [muppet], config: { rules: { 'officer/test-muppet': 'off' } } });
    expect(off.messages).toEqual([]);
  });

  it('runs rules only on the kinds they declare', async () => {
    const email = await lintText('a muppet', { rules: [pressOnly], kind: 'email' });
    expect(email.messages).toEqual([]);
    const press = await lintText('a muppet', { rules: [pressOnly], kind: 'press-release' });
    expect(press.messages).toHaveLength(1);
  });

  it('masks personal data in excerpt and context', async () => {
    const r = await lintText('Her NI number is AB 12 34 56 C, please update.', { rules: [personal] });
    const f = r.messages[0]!;
    expect(f.excerpt).toBe('[National Insurance number]');
    expect(f.context).toBe('Her NI number is [National Insurance number], please update.');
    expect(JSON.stringify(r)).not.toContain('34 56');
  });

  it('masks personal data in the context of every finding, not only its own', async () => {
    const r = await lintText('The muppet gave her NI number AB 12 34 56 C to the press.', { rules: [muppet, personal] });
    expect(r.messages.map((m) => m.ruleId).sort()).toEqual(['confidential/test-mask', 'officer/test-muppet']);
    for (const m of r.messages) expect(m.context).toContain('[National Insurance number]');
    expect(JSON.stringify(r)).not.toMatch(/AB 12|34 56/);
  });

  it('skips quoted replies and signatures by default', async () => {
    const text = 'Thanks for this.\n\nOn Mon, 3 Mar 2027 at 10:00, A Person <a@example.org> wrote:\n> you muppet\n';
    const r = await lintText(text, { rules: [muppet] });
    expect(r.messages).toEqual([]);
  });
});

describe('suppression directives', () => {
  it('suppresses the next line with a reason, and counts it', async () => {
    const text = 'protocol-lint-disable-next-line officer/test-muppet -- quoted from the complaint under investigation\nHe called her a muppet.\n';
    const r = await lintText(text, { rules: [muppet] });
    expect(r.messages).toEqual([]);
    expect(r.suppressedCount).toBe(1);
  });

  it('works as an HTML comment in Markdown and accepts a family', async () => {
    const md = 'Intro.\n\n<!-- protocol-lint-disable-next-line officer -- verbatim quote in the standards decision -->\nHe called her a muppet.\n';
    const r = await lintText(md, { filePath: 'd.md', rules: [muppet] });
    expect(r.messages).toEqual([]);
  });

  it('requires a reason: without one it suppresses nothing and is reported', async () => {
    const r = await lintText('protocol-lint-disable-next-line officer/test-muppet\nHe called her a muppet.\n', { rules: [muppet] });
    expect(r.messages.map((m) => m.ruleId).sort()).toEqual(['directive/missing-reason', 'officer/test-muppet']);
    expect(r.messages.find((m) => m.ruleId === 'directive/missing-reason')!.line).toBe(1);
  });

  it('reports a directive that suppresses nothing', async () => {
    const r = await lintText('protocol-lint-disable-next-line officer/test-muppet -- just in case\nA kind word.\n', { rules: [muppet] });
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]!.ruleId).toBe('directive/unused');
    expect(r.messages[0]!.severity).toBe(1);
  });

  it('does not suppress other rules on the same line', async () => {
    const r = await lintText('protocol-lint-disable-next-line confidential/test-mask -- x\nHe called her a muppet.\n', { rules: [muppet, personal] });
    expect(r.messages.map((m) => m.ruleId).sort()).toEqual(['directive/unused', 'officer/test-muppet']);
  });

  it('does not judge a directive for a rule outside the run, but does judge one for a rule turned off', async () => {
    const text = 'protocol-lint-disable-next-line confidential/test-mask -- quoted\nA kind word.\n';
    const outside = await lintText(text, { rules: [muppet] });
    expect(outside.messages).toEqual([]);
    const off = await lintText(text, { rules: [muppet, personal], config: { rules: { 'confidential/test-mask': 'off' } } });
    expect(off.messages.map((m) => m.ruleId)).toEqual(['directive/unused']);
  });
});
