/**
 * Secrets never reach the data directory (DESIGN §4): passwords, passphrases, tokens and
 * private keys stay in the main process. Every record the store writes goes through
 * `stripSecrets` first, so a field that carries one is dropped even if a caller passes it
 * by mistake; key material found in any text is replaced.
 */

/** Object keys that name a secret (`password`, `sudoPassword`, `passphrase`, `privateKey`, …). */
const SECRET_KEY = /passw(or)?d|passphrase|secret|private_?key|token|credential/i;

const PEM_BEGIN = '-----BEGIN ';
const PEM_PRIVATE = 'PRIVATE KEY-----';

/** What stands in for key material found in a text. */
export const REMOVED_KEY = '[private key removed]';

/** True when the key names a secret. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** True when the text holds private key material (a PEM or OpenSSH private key block). */
export function containsPrivateKey(text: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(PEM_BEGIN, from);
    if (at < 0) return false;
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    if (line.includes(PEM_PRIVATE)) return true;
    from = at + PEM_BEGIN.length;
  }
}

/** A deep copy of a JSON-like value without secret-named keys and without key material. */
export function stripSecrets<T>(value: T): T {
  return strip(value) as T;
}

function strip(v: unknown): unknown {
  if (typeof v === 'string') return containsPrivateKey(v) ? REMOVED_KEY : v;
  if (Array.isArray(v)) return v.map(strip);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (!isSecretKey(k) && x !== undefined) out[k] = strip(x);
    }
    return out;
  }
  return v;
}
