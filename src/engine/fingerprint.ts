import { sha256 } from '../util/hash.js';

/** Normalise text for fingerprints: case, spacing and punctuation do not matter. */
export function normaliseForFingerprint(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * A finding's fingerprint: the rule plus the normalised text of its span. It does not depend on the line,
 * so it survives lines moving (baselines, SARIF partialFingerprints); reporters add the file.
 */
export function fingerprintOf(ruleId: string, spanText: string): string {
  return sha256(`${ruleId}\0${normaliseForFingerprint(spanText)}`).slice(0, 32);
}
