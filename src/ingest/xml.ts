/**
 * Streaming XML for Office parts, on top of saxes (namespace-aware, no DTD entity expansion, so no
 * "billion laughs"). Element and attribute names are reported with a *canonical* prefix chosen by namespace
 * URI (`w:p`, `text:p`, `table:table-cell`, ...), whatever prefix the file happens to use; names in unknown
 * namespaces are reported as `{uri}local`, names in no namespace as `local`.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';

const PREFIXES: Record<string, string> = {
  // OOXML (transitional and strict)
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'cp',
  'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties': 'op',
  'http://purl.oclc.org/ooxml/officeDocument/customProperties': 'op',
  'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes': 'vt',
  'http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes': 'vt',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'urn:schemas-microsoft-com:vml': 'v',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  // ODF
  'urn:oasis:names:tc:opendocument:xmlns:office:1.0': 'office',
  'urn:oasis:names:tc:opendocument:xmlns:text:1.0': 'text',
  'urn:oasis:names:tc:opendocument:xmlns:table:1.0': 'table',
  'urn:oasis:names:tc:opendocument:xmlns:style:1.0': 'style',
  'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0': 'draw',
  'urn:oasis:names:tc:opendocument:xmlns:meta:1.0': 'meta',
  'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0': 'manifest',
  'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0': 'svg',
  'http://www.w3.org/2000/svg': 'svg',
  'http://www.w3.org/1998/Math/MathML': 'math',
};

export interface XmlElement {
  /** Canonical name, e.g. `w:p`. */
  name: string;
  /** Attributes by canonical name, e.g. `w:val`. */
  attrs: Record<string, string>;
}

export interface XmlHandlers {
  open?(el: XmlElement): void;
  close?(name: string): void;
  text?(text: string): void;
}

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

function canonical(uri: string, local: string): string {
  if (!uri) return local;
  const prefix = PREFIXES[uri];
  return prefix ? `${prefix}:${local}` : `{${uri}}${local}`;
}

/** A push parser: `write()` pieces of a document as they are decompressed, then `close()`. */
export class XmlStream {
  private readonly parser: SaxesParser<{ xmlns: true; position: false }>;

  constructor(handlers: XmlHandlers) {
    const parser = new SaxesParser({ xmlns: true, position: false });
    parser.on('error', (e: Error) => {
      throw new XmlSyntaxError(e.message);
    });
    if (handlers.open) {
      const open = handlers.open;
      parser.on('opentag', (tag: SaxesTagNS) => {
        const attrs: Record<string, string> = {};
        for (const a of Object.values(tag.attributes) as SaxesAttributeNS[]) attrs[canonical(a.uri, a.local)] = a.value;
        open({ name: canonical(tag.uri, tag.local), attrs });
      });
    }
    if (handlers.close) {
      const close = handlers.close;
      // saxes reports a close for self-closing tags too
      parser.on('closetag', (tag: SaxesTagNS) => close(canonical(tag.uri, tag.local)));
    }
    if (handlers.text) {
      const text = handlers.text;
      parser.on('text', text);
      parser.on('cdata', text);
    }
    this.parser = parser;
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  close(): void {
    this.parser.close();
  }
}

/** Parse a whole XML string. */
export function parseXml(xml: string, handlers: XmlHandlers): void {
  const s = new XmlStream(handlers);
  s.write(xml);
  s.close();
}
