import type { Block, Finding, Severity, SeverityName } from '../types.js';
import { SKIPPED_BLOCK_TYPES } from '../types.js';
import type { Document, Sentence } from '../document/document.js';
import type { ResolvedConfig, RuleSetting } from '../config/types.js';
import type { ReportDescriptor, Rule, RuleContext, RuleVisitors } from './rule.js';
import { formatMessage } from './rule.js';
import { applyDirectives } from './directives.js';
import { fingerprintOf } from './fingerprint.js';
import { compareText } from '../util/compare.js';

export interface VerifyResult {
  findings: Finding[];
  suppressedCount: number;
}

export function settingOf(setting: RuleSetting | undefined): { level?: SeverityName; options: Record<string, unknown> } {
  if (setting === undefined) return { options: {} };
  if (Array.isArray(setting)) return { level: setting[0], options: (setting[1] as Record<string, unknown>) ?? {} };
  return { level: setting, options: {} };
}

function toSeverity(level: SeverityName): Severity {
  return level === 'error' ? 2 : 1;
}


/** Mask a span inside a longer text with the kind of data it is. */
function maskIn(text: string, span: string, label: string): string {
  return span ? text.split(span).join(`[${label}]`) : text;
}

/**
 * Run the rules over one Document. Pure: no I/O, no printing.
 * Findings come back sorted by position, with suppression directives applied.
 */
export function verify(doc: Document, config: ResolvedConfig, rules: readonly Rule[]): VerifyResult {
  const findings: Finding[] = [];
  const active: Array<{ rule: Rule; visitors: RuleVisitors }> = [];
  /** Personal data found by any rule: masked in every finding's context, not only its own. */
  const masked: Array<{ text: string; label: string }> = [];
  const sentencesOf = sentenceIndex(doc);

  for (const rule of rules) {
    const { level: configured, options } = settingOf(config.rules[rule.meta.id]);
    const level = configured ?? rule.meta.defaultSeverity;
    if (level === 'off') continue;
    if (rule.meta.kinds && !rule.meta.kinds.includes(doc.kind)) continue;
    if (rule.meta.audiences && !rule.meta.audiences.includes(doc.audience)) continue;
    const seen = new Set<string>();
    const context: RuleContext = {
      doc,
      config,
      options,
      ruleId: rule.meta.id,
      report: (d: ReportDescriptor) => {
        const finding = toFinding(doc, rule, d, configured, sentencesOf);
        if (d.mask) {
          const span = d.block.text.slice(d.start ?? 0, d.end ?? d.block.text.length);
          if (span.trim()) masked.push({ text: span, label: d.mask });
        }
        const key = `${finding.line}:${finding.column}:${finding.endLine}:${finding.endColumn}:${finding.attachment ?? ''}:${finding.message}`;
        if (seen.has(key)) return; // the same finding reported twice by one rule
        seen.add(key);
        findings.push(finding);
      },
    };
    active.push({ rule, visitors: rule.create(context) });
  }

  const sentences = doc.sentences;
  let si = 0;
  doc.blocks.forEach((block, index) => {
    const skipped = SKIPPED_BLOCK_TYPES.has(block.type);
    const blockSentences = [];
    while (si < sentences.length && sentences[si]!.block === index) blockSentences.push(sentences[si++]!);
    for (const { rule, visitors } of active) {
      if (skipped && !rule.meta.includeBlockTypes?.includes(block.type)) continue;
      visitors.block?.(block, index);
      if (visitors.sentence) for (const s of blockSentences) visitors.sentence(s, block);
    }
  });
  for (const { visitors } of active) visitors['document:exit']?.();

  if (masked.length > 0) {
    for (const f of findings) {
      for (const m of masked) {
        if (f.context?.includes(m.text)) f.context = maskIn(f.context, m.text, m.label);
        if (f.excerpt?.includes(m.text)) f.excerpt = maskIn(f.excerpt, m.text, m.label);
      }
    }
  }
  findings.sort(compareFindings);
  return applyDirectives(doc, findings, new Set(rules.map((r) => r.meta.id)));
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.attachment ?? '', b.attachment ?? '') ||
    (a.page ?? 0) - (b.page ?? 0) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.ruleId, b.ruleId)
  );
}

/** Sentences grouped by block, so a finding finds its sentence without scanning the whole document. */
function sentenceIndex(doc: Document): (block: Block) => Sentence[] {
  let byBlock: Map<Block, Sentence[]> | undefined;
  return (block) => {
    if (!byBlock) {
      byBlock = new Map();
      for (const s of doc.sentences) {
        const b = doc.blocks[s.block]!;
        let list = byBlock.get(b);
        if (!list) byBlock.set(b, (list = []));
        list.push(s);
      }
    }
    return byBlock.get(block) ?? [];
  };
}

function toFinding(doc: Document, rule: Rule, d: ReportDescriptor, configured: SeverityName | undefined, sentencesOf: (block: Block) => Sentence[]): Finding {
  const block: Block = d.block;
  const start = Math.max(0, Math.min(d.start ?? 0, block.text.length));
  const end = Math.max(start, Math.min(d.end ?? block.text.length, block.text.length));
  const from = doc.locate(block, start);
  // the end is just after the last character (which may sit before markup that is not in the text)
  const last = end > start ? doc.locate(block, end - 1) : from;
  const to = end > start ? { ...last, column: last.column + 1 } : from;
  const template = rule.meta.messages[d.messageId] ?? d.messageId;
  const level: SeverityName = configured && configured !== 'off' ? configured : (d.severity ?? rule.meta.defaultSeverity);
  const span = block.text.slice(start, end);
  const sentence = sentencesOf(block).find((s) => s.start <= start && s.end >= start);
  let excerpt = span.length > 300 ? span.slice(0, 297) + '...' : span;
  let context = sentence ? sentence.text : undefined;
  if (d.mask) {
    excerpt = `[${d.mask}]`;
    if (context) context = maskIn(context, span, d.mask);
  }
  if (context && context.length > 400) context = context.slice(0, 397) + '...';
  const finding: Finding = {
    ruleId: rule.meta.id,
    severity: toSeverity(level === 'off' ? 'warning' : level),
    message: formatMessage(template, d.data),
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    clause: d.clause ?? rule.meta.clause,
    suggestion: d.suggestion ?? rule.meta.suggestion,
    excerpt: excerpt.replace(/\s+/g, ' ').trim(),
    fingerprint: fingerprintOf(rule.meta.id, span),
  };
  if (context) finding.context = context.replace(/\s+/g, ' ').trim();
  if (from.page !== undefined) finding.page = from.page;
  if (from.attachment) finding.attachment = from.attachment;
  if (d.notes?.length) finding.notes = d.notes;
  return finding;
}
