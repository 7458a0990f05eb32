/**
 * Comparing people's names. Rules compare every address and name in a document with every councillor and
 * officer in the config, so the normalised form of each name is worked out once and remembered.
 */

const keys = new Map<string, string>();
const MAX_KEYS = 20_000;

/** A name without titles, case or punctuation: "Cllr A. Example" → "a example". */
export function nameKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    key = name
      .toLowerCase()
      .replace(/\b(?:cllrs?|councillors?|county councillor|mr|mrs|ms|miss|mx|dr)\.?\s+/g, '')
      .replace(/\s+cc$/, '')
      .replace(/[^a-z]+/g, ' ')
      .trim();
    if (keys.size >= MAX_KEYS) keys.clear();
    keys.set(name, key);
  }
  return key;
}

/** Same person, ignoring titles, case and punctuation ("Cllr A. Example" = "A Example"). */
export function sameName(a: string, b: string): boolean {
  const key = nameKey(a);
  return key !== '' && key === nameKey(b);
}
