/**
 * Session ids (DESIGN §2 store, §3 `sessionId`): UTC time to the second plus six random
 * hex digits, e.g. `20261203T081500Z-3fa9c1`. The id names the history file of the
 * session, so it is checked against this form wherever one comes from the user.
 */
export const SESSION_ID_RE = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

/** True when `id` has the session-id form. */
export function isSessionId(id: string): boolean {
  return SESSION_ID_RE.test(id);
}

/** A new session id for the time `now` (ms since the epoch). */
export function newSessionId(now: number = Date.now()): string {
  const stamp = new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  const bytes = new Uint8Array(3);
  globalThis.crypto.getRandomValues(bytes);
  return `${stamp}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
