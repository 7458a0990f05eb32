import { promises as fs } from 'node:fs';
import type { Audience, Finding, IngestResult } from '../types.js';
import { DEFAULT_LIMITS, InputError } from '../types.js';
import type { ConfigLoader } from '../config/load.js';
import { ingest } from '../ingest/index.js';
import { buildDocument } from '../document/build.js';
import { displayPath, lintDocument } from '../api/lint.js';
import path from 'node:path';
import { splitPack } from './split.js';
import type { AuditFile, AuditItem, AuditReport, AuditSummary } from './types.js';

function unreadable(filePath: string, e: unknown, shown: string): AuditFile {
  const message = e instanceof InputError ? e.message : `${shown}: ${(e as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'the file disappeared before it could be read' : ((e as Error)?.message ?? String(e))}`;
  const ruleId = e instanceof InputError ? e.ruleId : 'input/unreadable';
  const finding: Finding = { ruleId, severity: 2, message, line: 1, column: 1, endLine: 1, endColumn: 1, suggestion: 'Re-save or re-export the file (with a text layer, for PDFs) and audit it again.' };
  return {
    filePath,
    structure: 'unreadable',
    note: message,
    items: [{ role: 'document', kind: 'other', audience: 'public', status: 'needs attention', messages: [finding], errorCount: 1, warningCount: 0 }],
    listedNotIncluded: [],
    errorCount: 1,
    warningCount: 0,
  };
}

/** Who reads the pack: a public reports pack is public; a pack marked Part 2 / exempt goes to members. */
function packAudience(ingested: IngestResult): Audience {
  const head = ingested.text.slice(0, 2500);
  if (/\b(?:part\s*(?:2|ii|b)|exempt|private|confidential)\s+(?:reports?\s+)?pack\b|\bnot for publication\b/i.test(head) && !/\bpublic (?:document|reports?) pack\b/i.test(head)) return 'members';
  return 'public';
}

function meetingOf(ingested: IngestResult): string | undefined {
  const header = ingested.blocks.find((b) => b.type === 'header' && /\b\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\b/.test(b.text));
  return header?.text.trim();
}

/** Audit one file: split packs into items and check each item as its own document. */
export async function auditFile(filePath: string, loader: ConfigLoader): Promise<AuditFile> {
  const config = await loader.resolve(filePath);
  let ingested: IngestResult;
  const shown = displayPath(filePath);
  try {
    const stat = await fs.stat(filePath);
    if (stat.size > DEFAULT_LIMITS.maxFileBytes) throw new InputError(`${shown}: the file is ${(stat.size / 1048576).toFixed(1)} MiB, over the ${(DEFAULT_LIMITS.maxFileBytes / 1048576).toFixed(0)} MiB limit`);
    ingested = await ingest(shown, await fs.readFile(filePath), { extension: path.extname(filePath) });
  } catch (e) {
    return unreadable(filePath, e, shown);
  }
  const isPack = ingested.format === 'pdf' && (ingested.pageStarts?.length ?? 1) > 1;
  const items: AuditItem[] = [];
  let structure: AuditFile['structure'] = 'single';
  let note: string | undefined;
  let listedNotIncluded: AuditFile['listedNotIncluded'] = [];
  if (isPack) {
    const split = splitPack(ingested);
    structure = split.structure;
    note = split.note;
    listedNotIncluded = split.listedNotIncluded;
    const audience = packAudience(ingested);
    for (const part of split.items) {
      const doc = buildDocument(filePath, part.ingest, config, {
        kind: part.role === 'frontsheet' ? 'agenda' : undefined,
        // an item printed in the public pack is read by the public, whatever its own marking says
        audience: audience === 'public' ? 'public' : undefined,
      });
      const result = lintDocument(doc, config);
      items.push({
        item: part.item,
        role: part.role,
        title: part.title ?? doc.meta.title,
        firstPage: part.firstPage,
        lastPage: part.lastPage,
        kind: doc.kind,
        classification: part.exempt ? 'exempt' : (doc.meta.classification ?? undefined),
        audience: doc.audience,
        status: result.messages.length > 0 ? 'needs attention' : 'clear',
        messages: result.messages,
        errorCount: result.errorCount,
        warningCount: result.warningCount,
      });
    }
  } else {
    const doc = buildDocument(filePath, ingested, config);
    const result = lintDocument(doc, config);
    items.push({
      role: 'document',
      title: doc.meta.title,
      kind: doc.kind,
      classification: doc.meta.classification,
      audience: doc.audience,
      status: result.messages.length > 0 ? 'needs attention' : 'clear',
      messages: result.messages,
      errorCount: result.errorCount,
      warningCount: result.warningCount,
      ...(ingested.pageStarts ? { firstPage: 1, lastPage: ingested.pageStarts.length } : {}),
    });
  }
  return {
    filePath,
    format: ingested.format,
    structure,
    note,
    meeting: isPack ? meetingOf(ingested) : undefined,
    items,
    listedNotIncluded,
    errorCount: items.reduce((n, i) => n + i.errorCount, 0),
    warningCount: items.reduce((n, i) => n + i.warningCount, 0),
  };
}

export function summarise(files: AuditFile[]): AuditSummary {
  const s: AuditSummary = { files: files.length, unreadable: 0, items: 0, itemsNeedingAttention: 0, errors: 0, warnings: 0, byFamily: {}, byRule: {} };
  for (const f of files) {
    if (f.structure === 'unreadable') s.unreadable++;
    for (const it of f.items) {
      s.items++;
      if (it.status !== 'clear') s.itemsNeedingAttention++;
      for (const m of it.messages) {
        const family = m.ruleId.split('/')[0]!;
        const fam = (s.byFamily[family] ??= { errors: 0, warnings: 0 });
        if (m.severity === 2) {
          s.errors++;
          fam.errors++;
        } else {
          s.warnings++;
          fam.warnings++;
        }
        s.byRule[m.ruleId] = (s.byRule[m.ruleId] ?? 0) + 1;
      }
    }
  }
  return s;
}

export function makeReport(files: AuditFile[], version: string): AuditReport {
  const sorted = [...files].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  return { tool: 'protocol-lint', version, kind: 'audit', files: sorted, summary: summarise(sorted) };
}

/** Combine audit JSON reports (from shards) into one. Files audited twice keep the later report's entry. */
export function mergeReports(reports: AuditReport[], version: string): AuditReport {
  const byPath = new Map<string, AuditFile>();
  for (const r of reports) for (const f of r.files) byPath.set(f.filePath, f);
  return makeReport([...byPath.values()], version);
}
