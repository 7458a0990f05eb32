/**
 * SHA-256 hex digest of a string. node:crypto is loaded on the first call, not at start-up: it costs ~10 ms to
 * load, and a run with no findings never needs it.
 */
export function sha256(text: string): string {
  const crypto = process.getBuiltinModule('node:crypto');
  return crypto.createHash('sha256').update(text).digest('hex');
}
