/**
 * Untrusted text (remote output, pasted output, argv echoed back) made safe to show
 * (DESIGN §4): escape sequences and control characters removed, length capped with a
 * visible marker. One implementation for the engine, the CLI and the renderer.
 */

/** Appended where text was cut. */
export const CUT_MARK = '… (cut)';

/** Default cap of one text built from remote output (a summary, a finding, a rule). */
export const TEXT_CAP = 4096;

/** Cap of raw output kept with evidence. */
export const RAW_CAP = 64 * 1024;

/** Whether a UTF-16 code unit must not reach a terminal or the page. */
function isUnsafe(c: number): boolean {
  return (
    (c < 0x20 && c !== 0x0a && c !== 0x09) || // C0 except \n and \t
    (c >= 0x7f && c <= 0x9f) || // DEL and C1 (U+0080–U+009F, 8-bit CSI included)
    (c >= 0x202a && c <= 0x202e) || // bidi embeddings and overrides
    (c >= 0x2066 && c <= 0x2069) // bidi isolates
  );
}

/**
 * Removes ANSI CSI sequences (`ESC [ … final`), then every C0 control except `\n` and
 * `\t`, DEL, C1 controls (U+0080–U+009F) and bidi overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069). Linear: one pass, no regex.
 */
export function stripControls(s: string): string {
  let out = '';
  let from = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (!isUnsafe(c)) {
      i++;
      continue;
    }
    out += s.slice(from, i);
    i++;
    if (c === 0x1b && s.charCodeAt(i) === 0x5b) {
      // CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E.
      let j = i + 1;
      while (j < n && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x3f) j++;
      while (j < n && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
      if (j < n && s.charCodeAt(j) >= 0x40 && s.charCodeAt(j) <= 0x7e) i = j + 1;
    }
    from = i;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Cuts `s` to at most `max` characters (marker included), never inside a surrogate pair. */
export function capText(s: string, max: number = TEXT_CAP): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - CUT_MARK.length);
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return s.slice(0, end) + CUT_MARK;
}

/** {@link stripControls} then {@link capText}: what any untrusted text goes through. */
export function safeText(s: string, max: number = TEXT_CAP): string {
  return capText(stripControls(s), max);
}

/**
 * Every string inside a JSON-like value made safe with {@link safeText} (`raw` keys get
 * {@link RAW_CAP}); other values are kept. Returns a new value; the input is not changed.
 */
export function safeDeep<T>(value: T, max: number = TEXT_CAP): T {
  const walk = (v: unknown, cap: number): unknown => {
    if (typeof v === 'string') return safeText(v, cap);
    if (Array.isArray(v)) return v.map((x) => walk(x, cap));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k === 'raw' ? RAW_CAP : cap);
      return out;
    }
    return v;
  };
  return walk(value, max) as T;
}
