import type { Audience, IngestResult, Kind } from '../types.js';
import type { ResolvedConfig } from '../config/types.js';
import { Document } from './document.js';
import { buildMeta } from './meta.js';
import { detectKind } from './kind.js';
import { decideAudience } from './audience.js';

export interface BuildOptions {
  kind?: Kind;
  audience?: Audience;
}

/** Turn what a reader found into the Document every rule sees. */
export function buildDocument(path: string, ingest: IngestResult, config: ResolvedConfig, options: BuildOptions = {}): Document {
  const meta = buildMeta(ingest);
  const kind = detectKind(ingest, meta, options.kind ?? config.forcedKind);
  const audience = decideAudience(kind.kind, meta, config, options.audience ?? config.forcedAudience);
  return new Document({
    path,
    ingest,
    kind: kind.kind,
    kindReason: kind.reason,
    audience: audience.audience,
    audienceReasons: audience.reasons,
    meta,
  });
}
