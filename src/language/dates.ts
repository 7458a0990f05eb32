/**
 * Dates as UK council documents write them: "3 March 2027", "3rd Mar 2027", "03/03/2027", "2027-03-03",
 * RFC 2822 email dates. Returns ISO yyyy-mm-dd, or undefined when no full date can be read.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

const MONTH_NAMES = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';

export const DATE_PATTERN = new RegExp(
  String.raw`\b(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH_NAMES})\.?,?\s+(\d{4})|(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2}))\b`,
  'i',
);

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first full date in `text`, as ISO yyyy-mm-dd. */
export function parseDate(text: string): string | undefined {
  const m = DATE_PATTERN.exec(text);
  if (m) return matchToIso(m);
  // RFC 2822 / anything Date can read with a 4-digit year
  if (/\b\d{4}\b/.test(text) && /[A-Za-z]{3}/.test(text)) {
    const t = Date.parse(text);
    if (!isNaN(t)) return new Date(t).toISOString().slice(0, 10);
  }
  return undefined;
}

export function matchToIso(m: RegExpExecArray): string | undefined {
  if (m[1]) return iso(+m[1], +m[2]!, +m[3]!);
  if (m[4]) return iso(+m[6]!, MONTHS[m[5]!.toLowerCase().replace(/\.$/, '')] ?? 0, +m[4]);
  if (m[7]) return iso(+m[9]!, MONTHS[m[7]!.toLowerCase()] ?? 0, +m[8]!);
  if (m[10]) {
    let y = +m[12]!;
    if (y < 100) y += 2000;
    return iso(y, +m[11]!, +m[10]); // UK order: day/month/year
  }
  return undefined;
}

/** Every full date in `text`, with its index. */
export function findDates(text: string): Array<{ iso: string; index: number; length: number }> {
  const re = new RegExp(DATE_PATTERN.source, 'gi');
  const out: Array<{ iso: string; index: number; length: number }> = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const v = matchToIso(m);
    if (v) out.push({ iso: v, index: m.index, length: m[0].length });
  }
  return out;
}
