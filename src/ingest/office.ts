/**
 * What the .docx and .odt readers share: opening the zip safely, and turning every way that can fail into an
 * InputError whose message names the file and says what is wrong in plain words.
 */
import type { ReadLimits } from '../types.js';
import { InputError } from '../types.js';
import { isCfb, cfbKind } from './cfb.js';
import { describeContent } from './sniff.js';
import { looksLikeZip, ZipError, ZipReader, type ZipEntry } from './zip.js';
import { XmlStream, XmlSyntaxError, type XmlHandlers } from './xml.js';

const MiB = 1024 * 1024;

/** "a Word document" / "an OpenDocument text document": used in messages. */
export interface OfficeFormat {
  /** e.g. "Word document" */
  noun: string;
  /** e.g. ".docx" */
  ext: string;
  /** e.g. "Word" (the program to re-save it in) */
  program: string;
}

export function zipFailure(path: string, e: unknown, format: OfficeFormat, limits: ReadLimits): InputError {
  if (e instanceof InputError) return e;
  if (e instanceof ZipError) {
    switch (e.problem) {
      case 'too-large':
        return new InputError(`${path} expands to more than ${Math.round(limits.maxDecompressedBytes / MiB)} MiB; refusing to read it (it may be a "zip bomb")`);
      case 'too-many-entries':
        return new InputError(`${path} is not a normal ${format.noun}: ${e.message}; refusing to read it`);
      case 'encrypted':
        return new InputError(`${path} is password-protected; remove the password in ${format.program} (or save an unprotected copy) and check it again`);
      case 'unsupported-method':
        return new InputError(`${path} could not be read: ${e.message}. Re-save it in ${format.program} and check it again`, 'input/unsupported');
      default:
        return new InputError(`${path} is not a valid ${format.noun} (the zip archive is damaged: ${e.message})`);
    }
  }
  if (e instanceof XmlSyntaxError) {
    return new InputError(`${path} is not a valid ${format.noun} (its XML is damaged: ${e.message.split('\n')[0]})`);
  }
  return new InputError(`${path} could not be read as a ${format.noun} (${(e as Error)?.message?.split('\n')[0] ?? String(e)})`);
}

/** Open an Office zip, or throw an InputError that says what the file really is. */
export function openOfficeZip(path: string, bytes: Uint8Array, limits: ReadLimits, format: OfficeFormat): ZipReader {
  if (bytes.length === 0) throw new InputError(`${path}: the file is empty`);
  if (isCfb(bytes)) {
    const kind = cfbKind(bytes);
    if (kind === 'encrypted-office') {
      throw new InputError(`${path} is password-protected (an encrypted Office file); remove the password in ${format.program} (or save an unprotected copy) and check it again`);
    }
    const what = describeContent(bytes) ?? 'an OLE compound file';
    throw new InputError(`${path} is not a ${format.noun}: it is ${what}. Save it as ${format.ext} and check it again`, 'input/unsupported');
  }
  if (!looksLikeZip(bytes)) {
    const what = describeContent(bytes);
    if (what && what !== 'binary data') {
      throw new InputError(`${path} is not a ${format.noun}: it is ${what}. Save the document as ${format.ext} (or give the file its proper extension) and check it again`, 'input/unsupported');
    }
    throw new InputError(`${path} is not a ${format.noun}: it is ${what ?? 'plain text'}, not a ${format.ext} zip package`, 'input/unsupported');
  }
  try {
    return new ZipReader(bytes, limits.maxDecompressedBytes);
  } catch (e) {
    throw zipFailure(path, e, format, limits);
  }
}

/** Stream one zip entry through an XML parser. */
export function parseEntry(zip: ZipReader, entry: ZipEntry, handlers: XmlHandlers): void {
  const xml = new XmlStream(handlers);
  zip.readText(entry, (s) => xml.write(s));
  xml.close();
}

/** Resolve an OPC/ODF relative target against the folder of `base` ("word/document.xml" + "header1.xml"). */
export function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/');
  parts.pop();
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** Collapse runs of white space to one space and trim (for metadata values). */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
