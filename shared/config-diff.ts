/**
 * One-line config edits as unified diffs (DESIGN §2 `config.edit`): the diff a plan shows
 * is built from the lines around the directive that decides the address, and applying a
 * plan means applying exactly that diff to the file as it is read again — every context
 * line must still match, or nothing is written. Pure: no I/O.
 */

/** Lines of context around the changed line (as `diff -u`). */
export const DIFF_CONTEXT = 3;

/** The lines around one line of a file (1-based `start`). */
export interface LineWindow {
  /** Line number of `lines[0]`. */
  start: number;
  lines: string[];
}

/**
 * Splits text into lines without their `\n`; `endsWithNewline` says whether the last line
 * had one (a file without a final newline keeps none after an edit).
 */
export function splitLines(text: string): { lines: string[]; endsWithNewline: boolean } {
  if (text === '') return { lines: [], endsWithNewline: true };
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, endsWithNewline };
}

/**
 * The window of `DIFF_CONTEXT` lines either side of line `n` (1-based), or of lines `n`
 * to `last`.
 */
export function windowAround(lines: readonly string[], n: number, last = n): LineWindow {
  const start = Math.max(1, n - DIFF_CONTEXT);
  const end = Math.min(lines.length, last + DIFF_CONTEXT);
  return { start, lines: lines.slice(start - 1, end) };
}

/**
 * The unified diff that replaces line `n` (1-based, inside `window`) by `replacement`.
 * Null when the line is not in the window or nothing changes.
 */
export function lineDiff(
  path: string,
  window: LineWindow,
  n: number,
  replacement: string,
): string | null {
  return linesDiff(path, window, new Map([[n, replacement]]));
}

/**
 * The unified diff that replaces each line `n` of `replacements` (1-based, all inside
 * `window`) by its new text, in one hunk. Null when a line is not in the window, a new
 * text has a line break, or nothing changes.
 */
export function linesDiff(
  path: string,
  window: LineWindow,
  replacements: ReadonlyMap<number, string>,
): string | null {
  if (replacements.size === 0) return null;
  for (const [n, text] of replacements) {
    const old = window.lines[n - window.start];
    if (old === undefined || old === text || text.includes('\n')) return null;
  }
  const count = window.lines.length;
  const out = [
    `--- ${path}`,
    `+++ ${path}`,
    `@@ -${window.start},${count} +${window.start},${count} @@`,
  ];
  // Adjacent changed lines show as one block, removals first (as `diff -u` prints them).
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  window.lines.forEach((l, k) => {
    const replacement = replacements.get(window.start + k);
    if (replacement !== undefined) {
      removed.push(`-${l}`);
      added.push(`+${replacement}`);
    } else {
      flush();
      out.push(` ${l}`);
    }
  });
  flush();
  return `${out.join('\n')}\n`;
}

/**
 * The unified diff that inserts `added` after line `n` (1-based, inside `window`): the
 * lines around stay as context. Null when the line is not in the window.
 */
export function insertDiff(
  path: string,
  window: LineWindow,
  n: number,
  added: string,
): string | null {
  const i = n - window.start;
  if (window.lines[i] === undefined || added.includes('\n')) return null;
  const count = window.lines.length;
  const out = [
    `--- ${path}`,
    `+++ ${path}`,
    `@@ -${window.start},${count} +${window.start},${count + 1} @@`,
  ];
  window.lines.forEach((l, k) => {
    out.push(` ${l}`);
    if (k === i) out.push(`+${added}`);
  });
  return `${out.join('\n')}\n`;
}

/** One hunk of a unified diff. */
interface Hunk {
  oldStart: number;
  oldLines: string[];
  newLines: string[];
}

function parseHunks(diff: string): Hunk[] | string {
  const lines = splitLines(diff).lines;
  const hunks: Hunk[] = [];
  let cur: Hunk | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of lines) {
    if (cur === null || (oldLeft === 0 && newLeft === 0)) {
      if (line.startsWith('--- ') || line.startsWith('+++ ')) continue;
      const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) return `not a unified diff line: ${line.slice(0, 80)}`;
      cur = { oldStart: Number(m[1]), oldLines: [], newLines: [] };
      oldLeft = m[2] === undefined ? 1 : Number(m[2]);
      newLeft = m[4] === undefined ? 1 : Number(m[4]);
      hunks.push(cur);
      continue;
    }
    const tag = line[0];
    const body = line.slice(1);
    if (tag === ' ') {
      cur.oldLines.push(body);
      cur.newLines.push(body);
      oldLeft--;
      newLeft--;
    } else if (tag === '-') {
      cur.oldLines.push(body);
      oldLeft--;
    } else if (tag === '+') {
      cur.newLines.push(body);
      newLeft--;
    } else if (tag === '\\') {
      continue;
    } else {
      return `not a unified diff line: ${line.slice(0, 80)}`;
    }
    if (oldLeft < 0 || newLeft < 0) return 'a hunk is longer than its header says';
  }
  if (oldLeft !== 0 || newLeft !== 0) return 'the diff ends inside a hunk';
  if (hunks.length === 0) return 'the diff has no hunk';
  return hunks;
}

/**
 * Applies a unified diff to `text` exactly: each hunk's old lines must be at its place,
 * unchanged; otherwise the reason is returned and nothing is applied. The final newline
 * (or its absence) is kept.
 */
export function applyDiff(text: string, diff: string): { text: string } | { error: string } {
  const hunks = parseHunks(diff);
  if (typeof hunks === 'string') return { error: hunks };
  const { lines, endsWithNewline } = splitLines(text);
  const out: string[] = [];
  let at = 0;
  for (const h of hunks) {
    const from = h.oldStart - 1;
    if (from < at) return { error: 'hunks overlap or are out of order' };
    for (let k = 0; k < h.oldLines.length; k++) {
      if (lines[from + k] !== h.oldLines[k]) {
        return { error: `line ${from + k + 1} is not what the diff expects` };
      }
    }
    out.push(...lines.slice(at, from), ...h.newLines);
    at = from + h.oldLines.length;
  }
  out.push(...lines.slice(at));
  const body = out.join('\n');
  return { text: out.length === 0 ? '' : endsWithNewline ? `${body}\n` : body };
}
