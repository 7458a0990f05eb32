import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { auditHtml } from '../../src/report/audit-html.js';
import { makeReport } from '../../src/audit/audit.js';
import type { AuditFile } from '../../src/audit/types.js';
import type { Finding } from '../../src/types.js';

const EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';

function finding(over: Partial<Finding>): Finding {
  return { ruleId: 'officer/derogatory-reference', severity: 2, message: 'm', line: 1, column: 1, endLine: 1, endColumn: 2, ...over };
}

function files(): AuditFile[] {
  return [
    {
      filePath: '/work/packs/cabinet.pdf',
      format: 'pdf',
      structure: 'split',
      note: `Split into 2 parts using "Agenda Item N" page headers. ${EVIL}`,
      meeting: `Cabinet ${EVIL}`,
      audience: 'public',
      pages: 4,
      items: [
        { role: 'frontsheet', title: 'Agenda frontsheet', firstPage: 1, lastPage: 1, kind: 'agenda', audience: 'public', status: 'clear', messages: [], errorCount: 0, warningCount: 0 },
        {
          item: '3',
          role: 'item',
          title: `Depot ${EVIL}`,
          firstPage: 2,
          lastPage: 4,
          kind: 'report',
          classification: 'exempt',
          audience: 'public',
          status: 'needs attention',
          messages: [
            finding({ ruleId: 'confidential/exempt-item-in-public-pack', page: 2, line: 30, excerpt: EVIL, context: EVIL, message: `Item 3 ${EVIL}`, clause: 'LGA 1972 Sch 12A', suggestion: EVIL }),
            finding({ ruleId: 'directive/unused', severity: 1, page: 4, line: 80, notes: [EVIL] }),
          ],
          errorCount: 1,
          warningCount: 1,
        },
      ],
      listedNotIncluded: [{ item: '4', title: `Lease ${EVIL}` }],
      errorCount: 1,
      warningCount: 1,
    },
    {
      filePath: `/work/docs/${EVIL}.md`,
      format: 'markdown',
      structure: 'single',
      items: [{ role: 'document', title: EVIL, kind: 'letter', audience: 'external', status: 'clear', messages: [], errorCount: 0, warningCount: 0 }],
      listedNotIncluded: [],
      errorCount: 0,
      warningCount: 0,
    },
    {
      filePath: '/work/docs/broken.pdf',
      structure: 'unreadable',
      note: 'docs/broken.pdf is not a valid PDF',
      items: [{ role: 'document', kind: 'other', audience: 'public', status: 'needs attention', messages: [finding({ ruleId: 'input/unreadable', message: 'docs/broken.pdf is not a valid PDF' })], errorCount: 1, warningCount: 0 }],
      listedNotIncluded: [],
      errorCount: 1,
      warningCount: 0,
    },
  ];
}

describe('auditHtml', () => {
  const html = auditHtml(makeReport(files(), '1.2.3'), { cwd: '/work', rules: new Map([['directive/unused', { description: `Unused ${EVIL}` }]]) });

  it('is one self-contained page: no external assets, nothing fetched, only its own script may run', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<link\b|<iframe\b|<object\b|<embed\b|\bsrc\s*=\s*["']?(?!x\b)|url\(|@import|https?:\/\//i);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!).digest('base64');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(html.match(/href="([^"]*)"/g)!.every((a) => /^href="#/.test(a))).toBe(true);
  });

  it('escapes every piece of text from the report', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;');
  });

  it('shows the totals, a section per pack with its items and their status, loose documents and unreadable files', () => {
    const stat = (id: string) => new RegExp(`<div id="stat-${id}"><dt>[^<]+</dt><dd>(\\d+)</dd>`).exec(html)![1];
    expect([stat('files'), stat('packs'), stat('items'), stat('attention'), stat('errors'), stat('warnings'), stat('unreadable')]).toEqual(['3', '1', '4', '2', '2', '1', '1']);
    expect(html).toContain('<h3>Cabinet &lt;script&gt;');
    expect(html).toMatch(/<tr data-status="clear"><td data-sort="0000">Frontsheet<\/td>/);
    expect(html).toMatch(/<tr data-status="needs attention"><td data-sort="0003">3<\/td><td>Depot [^<]*<\/td><td class="num">2–4<\/td><td>report<\/td><td><span class="badge exempt">exempt<\/span><\/td><td><span class="badge attention">needs attention<\/span>/);
    expect(html).toContain('Listed on the frontsheet but not in this pack: item 4 (Lease &lt;script&gt;');
    expect(html).toMatch(/<ul id="unreadable">\n<li><span class="path">docs\/broken\.pdf<\/span>: docs\/broken\.pdf is not a valid PDF<\/li>/);
    expect(html).toContain('<table id="documents">');
  });

  it('has a row per finding with its pack, item, page, severity, rule and clause', () => {
    const rows = [...html.matchAll(/<tr data-index="(\d+)" data-severity="(\w+)" data-family="([\w-]+)" data-pack="(\d+)">/g)].map((m) => m.slice(2).join(' '));
    expect(rows).toEqual(['error input 1', 'error confidential 2', 'warning directive 2']);
    expect(html).toMatch(/<td class="num" data-sort="2000030" title="line 30, column 1">2<\/td>/);
    expect(html).toContain('<td><code>confidential/exempt-item-in-public-pack</code></td><td>LGA 1972 Sch 12A</td>');
  });

  it('says when everything is clear', () => {
    const clear = auditHtml(makeReport([files()[1]!], '1.2.3'), { cwd: '/work' });
    expect(clear).toMatch(/<p class="verdict ok" id="verdict">All 1 item in 1 file clear<\/p>/);
    expect(clear).toContain('<p id="none" class="dim">No findings.</p>');
  });
});
