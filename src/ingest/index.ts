import path from 'node:path';
import type { IngestResult, ReadLimits, Reader } from '../types.js';
import { DEFAULT_LIMITS, InputError } from '../types.js';

/**
 * One reader per format, loaded on first use so that a run over Markdown never loads the PDF or mail stack.
 */
const READERS: Record<string, () => Promise<Reader>> = {
  '.md': async () => (await import('./markdown.js')).readMarkdown,
  '.markdown': async () => (await import('./markdown.js')).readMarkdown,
  '.txt': async () => (await import('./text.js')).readText,
  '.text': async () => (await import('./text.js')).readText,
  '.html': async () => (await import('./html.js')).readHtml,
  '.htm': async () => (await import('./html.js')).readHtml,
  '.eml': async () => (await import('./email.js')).readEml,
  '.msg': async () => (await import('./msg.js')).readMsg,
  '.docx': async () => (await import('./docx.js')).readDocx,
  '.odt': async () => (await import('./odt.js')).readOdt,
  '.pdf': async () => (await import('./pdf.js')).readPdf,
};

export const SUPPORTED_EXTENSIONS = Object.keys(READERS);

export function isSupportedExtension(file: string): boolean {
  return path.extname(file).toLowerCase() in READERS;
}

/**
 * Read one file's bytes into an IngestResult. Unknown extensions are sniffed by content.
 * Throws InputError (input/unreadable or input/unsupported) with a message naming the file.
 */
export async function ingest(
  filePath: string,
  bytes: Uint8Array,
  options: { limits?: ReadLimits; depth?: number; extension?: string } = {},
): Promise<IngestResult> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  if (bytes.length > limits.maxFileBytes) {
    throw new InputError(`${filePath}: the file is ${(bytes.length / 1048576).toFixed(1)} MiB, over the ${(limits.maxFileBytes / 1048576).toFixed(0)} MiB limit`);
  }
  let ext = (options.extension ?? path.extname(filePath)).toLowerCase();
  if (!(ext in READERS)) {
    if (bytes.length === 0) throw new InputError(`${filePath}: the file is empty`);
    const { sniffExtension } = await import('./sniff.js'); // loads the zip reader: only for unknown extensions
    const sniffed = sniffExtension(bytes);
    if (!sniffed) throw new InputError(`${filePath}: not a supported document format (expected ${SUPPORTED_EXTENSIONS.join(' ')})`, 'input/unsupported');
    ext = sniffed;
  }
  const reader = await READERS[ext]!();
  let result: IngestResult;
  try {
    result = await reader({ path: filePath, bytes, limits, depth: options.depth ?? 0 });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${filePath}: could not be read as ${ext.slice(1)} (${(e as Error).message?.split('\n')[0] ?? String(e)})`);
  }
  return result;
}

/** Characters of text in a document and its attachments. */
export function textSize(result: IngestResult): number {
  let n = result.text.length;
  for (const a of result.attachments ?? []) if (a.document) n += textSize(a.document);
  return n;
}

/** Refuse documents with more text than protocol-lint checks in one go, with a message a person can act on. */
export function checkTextSize(result: IngestResult, filePath: string, limits: ReadLimits): void {
  const n = textSize(result);
  if (n > limits.maxTextChars) {
    const mib = (x: number) => (x / 1048576).toFixed(1);
    throw new InputError(`${filePath}: has ${mib(n)} MiB of text, more than the ${mib(limits.maxTextChars)} MiB protocol-lint checks in one document; split it into smaller files`);
  }
}
