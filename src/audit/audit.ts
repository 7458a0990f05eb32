import { readFileSync, statSync } from 'node:fs';
import type { Audience, Finding, IngestResult, Severity } from '../types.js';
import { DEFAULT_LIMITS, InputError } from '../types.js';
import { resolveConfig, type ConfigLoader, type LoadedConfig } from '../config/load.js';
import type { ResolvedConfig } from '../config/types.js';
import { checkTextSize, ingest } from '../ingest/index.js';
import { buildDocument } from '../document/build.js';
import { displayPath, inputFinding, lintDocument, readErrorMessage } from '../api/lint.js';
import path from 'node:path';
import { splitPack, type PackItem } from './split.js';
import type { Document } from '../document/document.js';
import { compareFindings, settingOf } from '../engine/verify.js';
import { fingerprintOf } from '../engine/fingerprint.js';
import type { AuditFile, AuditItem } from './types.js';
import { frontLines, markingText, messageData, packAudience, printsContent } from '../../rules/confidential/public-pack.js';
import { exemptItemInPublicPack } from '../../rules/confidential/exempt-item-in-public-pack.js';
import { formatMessage } from '../engine/rule.js';

function unreadable(filePath: string, e: unknown, shown: string): AuditFile {
  const finding = inputFinding(e instanceof InputError ? e : new InputError(readErrorMessage(e, shown)), shown);
  const message = finding.message;
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

// who reads a pack is part of the exempt-item decision, which `check` makes too (rules/confidential/public-pack.ts)
export { packAudience };

const MONTH_DATE = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b/;

/** Meeting name and date: the running header when it has a date, else the cover's committee and date lines. */
export function meetingOf(ingested: IngestResult): string | undefined {
  const header = ingested.blocks.find((b) => b.type === 'header' && MONTH_DATE.test(b.text) && !/^\s*page\s+\d/i.test(b.text));
  if (header) return header.text.replace(/\s+/g, ' ').trim();
  const lines = frontLines(ingested, 12);
  const dateLine = lines.find((l) => MONTH_DATE.test(l));
  if (!dateLine) return undefined;
  const d = MONTH_DATE.exec(dateLine)!;
  const committee = lines.find((l) => /^(?:the\s+)?(?:cabinet|council|full council|executive|[A-Z][\w&,' -]{2,60}\s+(?:committee|sub-committee|board|panel|forum))$/i.test(l) && !/\bcouncil\b.*\bcouncil\b/i.test(l) && !/borough|district|county|city|town|parish/i.test(l));
  const name = committee ? committee.replace(/\b([A-Z])([A-Z]+)\b/g, (_, a: string, b: string) => a + b.toLowerCase()) : undefined;
  return `${name ? `${name} - ` : ''}${Number(d[1])} ${d[2]} ${d[3]}`;
}

import { EXEMPT_IN_PUBLIC_PACK } from './report.js';
export { EXEMPT_IN_PUBLIC_PACK };

/** The rule's finding for an exempt item printed in a public pack, at the item's marking, in pack lines. */
function exemptFinding(part: PackItem, doc: Document, reason: string, lineOffset: number, severity: Severity): Finding {
  const { meta } = exemptItemInPublicPack;
  // point at the marking when it is in the item's text, else at the item's first line
  const marking = part.exemptReason ? markingText(part.exemptReason) : undefined;
  const at = marking ? doc.text.indexOf(marking) : -1;
  const before = at >= 0 ? doc.text.slice(0, at) : '';
  const line = (before.match(/\n/g)?.length ?? 0) + 1;
  const column = at >= 0 ? at - (before.lastIndexOf('\n') + 1) + 1 : 1;
  const excerpt = at >= 0 ? marking! : undefined;
  return {
    ruleId: EXEMPT_IN_PUBLIC_PACK,
    severity,
    message: formatMessage(meta.messages.printed!, messageData(part, reason, true)),
    line: line + lineOffset,
    column,
    endLine: line + lineOffset,
    endColumn: at >= 0 ? column + marking!.length : 1,
    clause: meta.clause,
    suggestion: meta.suggestion,
    page: part.firstPage,
    ...(excerpt ? { excerpt, fingerprint: fingerprintOf(EXEMPT_IN_PUBLIC_PACK, excerpt) } : {}),
  };
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Findings of an item: lines made pack lines (positions in the pack's checked text), pages filled in. */
function toPackFindings(messages: Finding[], part: PackItem, lineOffset: number): Finding[] {
  const localStarts = part.ingest.pageStarts ?? [0];
  const lineStarts: number[] = [0];
  const text = part.ingest.text;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return messages.map((m) => {
    const out: Finding = { ...m, line: m.line + lineOffset, endLine: m.endLine + lineOffset };
    // the engine's directive messages name the target line, in the item's own numbering
    if (m.ruleId.startsWith('directive/') && lineOffset) out.message = m.message.replace(/\bon line (\d+)\b/, (_, n: string) => `on line ${Number(n) + lineOffset}`);
    if (out.page === undefined && !m.attachment) {
      const offset = lineStarts[Math.min(m.line - 1, lineStarts.length - 1)] ?? 0;
      let k = 0;
      for (let i = 0; i < localStarts.length; i++) if (localStarts[i]! <= offset) k = i;
      out.page = part.firstPage + k;
    }
    return out;
  });
}

/** "paragraph 3 of Part 1 of Schedule 12A", "Schedule 12A, paragraph 3": a ground for exemption stated in the pack. */
const SCHEDULE_12A_GROUND = /\bparagraphs?\s+\d{1,2}[a-c]?\b[^\n]{0,80}\bschedule\s*12\s*a\b|\bschedule\s*12\s*a\b[^\n]{0,40}\bparagraphs?\s+\d/i;

/**
 * Findings that exist only because a part was checked without the rest of its pack, and that checking the
 * pack whole does not give:
 *  - on the frontsheet of a pack split into numbered items, ward/ findings about the items it lists (each item
 *    is checked for ward notification itself; the ward rules treat a pack's front pages the same way);
 *  - confidential/exempt-ground-missing on the frontsheet or on a notice that an exempt report was left out,
 *    when the pack states the Schedule 12A paragraph elsewhere (the motion to exclude the press and public).
 */
function packContextSettles(m: Finding, part: PackItem, parts: PackItem[], citesGround: boolean): boolean {
  const onFront = part.role === 'frontsheet';
  if (onFront && m.ruleId.startsWith('ward/') && parts.some((p) => p.item !== undefined)) return true;
  if ((onFront || part.withheld) && m.ruleId === 'confidential/exempt-ground-missing' && citesGround) return true;
  return false;
}

function counts(messages: Finding[]): { errorCount: number; warningCount: number } {
  return { errorCount: messages.filter((m) => m.severity === 2).length, warningCount: messages.filter((m) => m.severity !== 2).length };
}

const resolvedByLoaded = new WeakMap<LoadedConfig, ResolvedConfig>();

/**
 * The resolved config for a file. Without `overrides` every file under one config resolves the same, so the
 * same object is reused: rules and language helpers keep what they derive from a config (name patterns, ward
 * lists) per config object, and a new object per file would rebuild it for every document.
 */
async function configFor(loader: ConfigLoader, filePath: string): Promise<ResolvedConfig> {
  const loaded = await loader.forFile(filePath);
  if (loaded.config.overrides?.length) return resolveConfig(loaded, filePath);
  let resolved = resolvedByLoaded.get(loaded);
  if (!resolved) {
    resolved = resolveConfig(loaded, filePath);
    resolvedByLoaded.set(loaded, resolved);
  }
  return resolved;
}

/** Audit one file: split packs into items and check each item as its own document. */
export async function auditFile(filePath: string, loader: ConfigLoader): Promise<AuditFile> {
  const config = await configFor(loader, filePath);
  let ingested: IngestResult;
  const shown = displayPath(filePath);
  try {
    // synchronous reads: a worker thread has nothing else to do meanwhile, and waiting on the thread pool for
    // each small file leaves the worker idle between files
    const stat = statSync(filePath);
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (stat.size > DEFAULT_LIMITS.maxFileBytes) throw new InputError(`${shown}: the file is ${(stat.size / 1048576).toFixed(1)} MiB, over the ${(DEFAULT_LIMITS.maxFileBytes / 1048576).toFixed(0)} MiB limit`);
    const buffer = readFileSync(filePath);
    // a plain Uint8Array: some readers (pdfjs) refuse a Node Buffer
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    ingested = await ingest(shown, bytes, { extension: path.extname(filePath) });
    checkTextSize(ingested, shown, DEFAULT_LIMITS);
  } catch (e) {
    return unreadable(filePath, e, shown);
  }
  const isPack = ingested.format === 'pdf' && (ingested.pageStarts?.length ?? 1) > 1;
  const items: AuditItem[] = [];
  let warnings = [...new Set(ingested.warnings ?? [])];
  let structure: AuditFile['structure'] = 'single';
  let note: string | undefined;
  let listedNotIncluded: AuditFile['listedNotIncluded'] = [];
  let audienceOfPack: Audience | undefined;
  let packMeeting: string | undefined;
  if (isPack) {
    const split = splitPack(ingested);
    structure = split.structure;
    note = split.note;
    listedNotIncluded = split.listedNotIncluded;
    const audience = packAudience(ingested);
    audienceOfPack = audience;
    const exemptSetting = settingOf(config.rules[EXEMPT_IN_PUBLIC_PACK]).level;
    const citesGround = SCHEDULE_12A_GROUND.test(ingested.text);
    packMeeting = meetingOf(ingested);
    // a PDF checked whole (no agenda structure) may be a loose report rather than a pack: who reads it is
    // inferred from the document, and an exempt marking in it is not a finding about a public pack
    const splitPublic = split.structure === 'split' && audience === 'public';
    for (const part of split.items) {
      // the meeting the pack is for is a fact about every item in it (the ward rules weigh a Cabinet item
      // differently); it is passed the way structured metadata reaches a Document
      if (packMeeting && part.ingest !== ingested) part.ingest.meta = { ...part.ingest.meta, frontMatter: { meeting: packMeeting } };
      const doc = buildDocument(filePath, part.ingest, config, {
        kind: part.role === 'frontsheet' ? 'agenda' : undefined,
        // an item printed in the public pack is read by the public, whatever its own marking says
        audience: splitPublic ? 'public' : undefined,
      });
      const result = lintDocument(doc, config);
      const lineOffset = countNewlines(ingested.text, part.startOffset);
      // the pack's exempt items are judged here, against the whole pack: what the rule says of one item is dropped
      const messages = toPackFindings(result.messages, part, lineOffset).filter((m) => m.ruleId !== EXEMPT_IN_PUBLIC_PACK && !packContextSettles(m, part, split.items, citesGround));
      const exempt = part.exempt || (part.role === 'item' && !part.withheld && doc.meta.classification === 'exempt');
      if (exempt && !part.exempt) {
        part.exempt = true;
        part.exemptReason = doc.meta.fields?.find((f) => f.key === 'classification')?.value ?? 'classification: exempt';
      }
      // an item that is only its title, marking and listing lines prints nothing exempt (public-pack.ts)
      if (exempt && splitPublic && exemptSetting !== 'off' && printsContent(part)) {
        // confidential/unapproved-disclosure may already have said so about this item's marking
        const covered = messages.some((m) => m.ruleId === 'confidential/unapproved-disclosure' && /\bexempt|not for publication|schedule 12a/i.test(`${m.message} ${m.excerpt ?? ''}`));
        if (!covered) messages.push(exemptFinding(part, doc, part.exemptReason ?? 'exempt', lineOffset, exemptSetting === 'warning' ? 1 : 2));
        messages.sort(compareFindings);
      }
      const c = counts(messages);
      items.push({
        ...(part.item !== undefined ? { item: part.item } : {}),
        role: part.role,
        ...((part.title ?? doc.meta.title) ? { title: part.title ?? doc.meta.title } : {}),
        firstPage: part.firstPage,
        lastPage: part.lastPage,
        kind: doc.kind,
        ...(exempt ? { classification: 'exempt' } : doc.meta.classification ? { classification: doc.meta.classification } : part.withheld ? { classification: 'exempt (not in this pack)' } : {}),
        audience: doc.audience,
        status: messages.length > 0 ? 'needs attention' : 'clear',
        messages,
        ...c,
        boundary: part.boundary,
        ...(part.withheld ? { withheld: true } : {}),
      });
    }
  } else {
    const doc = buildDocument(filePath, ingested, config);
    const result = lintDocument(doc, config);
    warnings = result.warnings ?? [];
    items.push({
      role: 'document',
      ...(doc.meta.title ? { title: doc.meta.title } : {}),
      kind: doc.kind,
      ...(doc.meta.classification ? { classification: doc.meta.classification } : {}),
      audience: doc.audience,
      status: result.messages.length > 0 ? 'needs attention' : 'clear',
      messages: result.messages,
      errorCount: result.errorCount,
      warningCount: result.warningCount,
      ...(ingested.pageStarts ? { firstPage: 1, lastPage: ingested.pageStarts.length } : {}),
    });
  }
  const meeting = packMeeting;
  return {
    filePath,
    format: ingested.format,
    structure,
    ...(note ? { note } : {}),
    ...(meeting ? { meeting } : {}),
    ...(audienceOfPack ? { audience: audienceOfPack } : {}),
    ...(isPack ? { pages: ingested.pageStarts!.length } : {}),
    items,
    listedNotIncluded,
    ...(warnings.length > 0 ? { warnings } : {}),
    errorCount: items.reduce((n, i) => n + i.errorCount, 0),
    warningCount: items.reduce((n, i) => n + i.warningCount, 0),
  };
}

// the report functions live in a light module, so that the main thread of a run need not load the pipeline
export { makeReport, mergeReports, summarise } from './report.js';
