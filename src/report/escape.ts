/**
 * Escaping for every report format, in one place. Findings carry text written by people (and, through
 * excerpts, text from the documents checked), so every reporter treats them as data, never as markup.
 */

/** Characters XML 1.0 does not allow at all: C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** C0 controls other than tab, LF and CR, and DEL: never meaningful in a report, and ESC could forge terminal colours in a CI log. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function withoutControls(text: string): string {
  return text.replace(CONTROLS, '\uFFFD');
}

/** Replace what XML cannot carry with U+FFFD, so the reader sees that something was there. */
export function xmlSafe(text: string): string {
  return text.replace(XML_FORBIDDEN, '\uFFFD');
}

/** Escape for XML element content. */
export function escapeXmlText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape for a double-quoted XML attribute; tab, CR and LF are kept as character references (attribute normalisation would turn them into spaces). */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** Escape for HTML text and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return withoutControls(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Escape user text for Markdown inline content, including a table cell (GitHub-flavoured). Only what could
 * change the rendering is escaped, so the text stays readable when pasted into an email: emphasis, code,
 * link brackets, strikethrough and pipes are backslash-escaped, `&`, `<` and `>` become entities (no raw
 * HTML), newlines become `<br>`. A zero-width space after `@` or `#` (when they start a word) stops a
 * pull-request comment from mentioning people or linking issues; GitHub links those after rendering, so a
 * backslash would not be enough.
 */
export function escapeMarkdownCell(text: string): string {
  return withoutControls(text)
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/(^|[^\w])([@#])(?=\w)/g, '$1$2\u200B')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** GitHub Actions workflow command data (the message): `%`, CR and LF. */
export function escapeGithubData(text: string): string {
  return withoutControls(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub Actions workflow command property values (file, title, ...): also `:` and `,`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, quotes doubled. A text cell that
 * starts with `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe so that a spreadsheet does not run it
 * as a formula (CSV/formula injection: a finding's excerpt is text from the document checked).
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Markdown (rule docs) to plain text for places that only show text: headings, emphasis, code and links unwrapped. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .replace(/^```[^\n]*\n?/gm, '')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^>\s?/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
