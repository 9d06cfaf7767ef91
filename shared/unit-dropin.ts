import { splitQuotedWords } from './argv-text';

/**
 * A listen address given on a unit's command line (`ExecStart=… --bind 127.0.0.1`) is
 * changed the way an admin would: a systemd drop-in that resets `ExecStart` and sets the
 * same command line with the address replaced (DESIGN §2, issue 10). The drop-in is a new
 * file, shown as a unified diff against /dev/null; undo removes it. Pure: no I/O.
 */

/** Where drop-ins made by an admin live (they win over the unit file in /lib). */
export const DROP_IN_ROOT = '/etc/systemd/system';
/** The drop-in's name; `zz-` first when another drop-in would sort after it (and win). */
export const DROP_IN_NAMES = ['conndoctor-listen.conf', 'zz-conndoctor-listen.conf'] as const;

/**
 * A command-line word systemd reads back as itself in `ExecStart=`: no whitespace, quotes,
 * backslash, `;`, `$` (variable expansion) or `%` (specifiers), not empty.
 */
const PLAIN_WORD = /^[A-Za-z0-9_@+=:,./*[\]-]+$/;
/**
 * A whole word that is one environment variable (`$MYSQLD_OPTS`, `${OPTS}`), as Debian's
 * units pass options: written back as it was, systemd expands it as before.
 */
const VARIABLE_WORD = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})$/;

/** True when every word of `argv` can be written in `ExecStart=` unquoted and read back. */
export function plainArgv(argv: readonly string[]): boolean {
  return (
    argv.length > 0 &&
    argv.every((w) => PLAIN_WORD.test(w) || VARIABLE_WORD.test(w)) &&
    PLAIN_WORD.test(argv[0]!) &&
    !/^[-@+!:]/.test(argv[0]!)
  );
}

function isLoopback(word: string): boolean {
  const w = word.replace(/^-/, '');
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(w) || w === '::1' || w === 'localhost';
}

/**
 * redis-server's command line with its `--bind` addresses (the words after `--bind` up to
 * the next `--option`) replaced by every address (`* -::*`, as for `bind` in redis.conf):
 * only when one of them is a loopback address and none is already a wildcard. Null when the
 * command line binds no loopback address (the configuration file decides then). Redis
 * uses the last `--bind` given.
 */
export function redisArgvEverywhere(argv: readonly string[]): string[] | null {
  const at = argv.lastIndexOf('--bind');
  if (at < 0) return null;
  let end = at + 1;
  while (end < argv.length && !argv[end]!.startsWith('--')) end++;
  const values = argv.slice(at + 1, end);
  if (values.length === 0 || !values.some(isLoopback)) return null;
  if (values.some((v) => v.replace(/^-/, '').includes('*') || /^-?(0\.0\.0\.0|::)$/.test(v)))
    return null;
  return [...argv.slice(0, at + 1), '*', '-::*', ...argv.slice(end)];
}

const MYSQL_BIND_ARG = /^--bind[-_]address(?:=(.*))?$/;

/**
 * The loopback address mariadbd is given on its command line (`--bind-address=127.0.0.1`
 * or `--bind-address 127.0.0.1`; the last one wins, as for options in files), else null.
 */
export function mysqlArgvBind(argv: readonly string[]): string | null {
  let value: string | null = null;
  argv.forEach((w, i) => {
    const m = MYSQL_BIND_ARG.exec(w);
    if (m) value = m[1] ?? argv[i + 1] ?? null;
  });
  return value !== null && isLoopback(value) ? value : null;
}

/**
 * mariadbd's command line with its last `--bind-address` (a loopback address) set to every
 * address of the client's family (`0.0.0.0`, or `::` which takes IPv4 too). Null when the
 * command line binds no loopback address.
 */
export function mysqlArgvEverywhere(argv: readonly string[], v6: boolean): string[] | null {
  if (mysqlArgvBind(argv) === null) return null;
  const any = v6 ? '::' : '0.0.0.0';
  let at = -1;
  argv.forEach((w, i) => {
    if (MYSQL_BIND_ARG.test(w)) at = i;
  });
  const word = argv[at]!;
  const out = [...argv];
  if (word.includes('=')) out[at] = `${word.slice(0, word.indexOf('='))}=${any}`;
  else out[at + 1] = any;
  return out;
}

/** The drop-in's path for a unit, named to sort after every drop-in it already has. */
export function dropInPath(unit: string, existing: readonly string[]): string | null {
  const names = existing.map((p) => p.slice(p.lastIndexOf('/') + 1));
  const name = DROP_IN_NAMES.find((n) => names.every((x) => x < n || x === n));
  if (name === undefined) return null;
  // A drop-in of that name elsewhere (/run, /lib) would be shadowed, not added to.
  if (names.includes(name)) return null;
  return `${DROP_IN_ROOT}/${unit}.d/${name}`;
}

/** The drop-in's text: reset `ExecStart`, then the new command line. */
export function dropInText(argv: readonly string[]): string {
  return [
    '# Made by ConnDoctor: the same command line, listening on every address.',
    '# Remove this file (then systemctl daemon-reload) to undo.',
    '[Service]',
    'ExecStart=',
    `ExecStart=${argv.join(' ')}`,
    '',
  ].join('\n');
}

/** A variable name `Environment=` can set. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/**
 * A value written in `Environment="NAME=value"` and read back as itself: words of plain
 * characters and single spaces; no quotes, backslash, `$` or `%` (specifiers).
 */
const ENV_VALUE = /^[A-Za-z0-9_@+=:,./*[\]-]+(?: [A-Za-z0-9_@+=:,./*[\]-]+)*$/;

/** True when `Environment="NAME=value"` holds this variable as it is. */
export function plainEnvironment(name: string, value: string): boolean {
  return ENV_NAME.test(name) && ENV_VALUE.test(value) && value.length <= 4096;
}

/** The drop-in's text when the address comes from a variable: the variable set again. */
export function dropInEnvText(name: string, value: string): string {
  return [
    '# Made by ConnDoctor: the same options, listening on every address.',
    '# Remove this file (then systemctl daemon-reload) to undo.',
    '[Service]',
    `Environment="${name}=${value}"`,
    '',
  ].join('\n');
}

/**
 * `systemctl show -p Environment`: the assignments in the order systemd applies them
 * (values with spaces are double-quoted, with backslash escapes).
 */
export function parseShowEnvironment(stdout: string): { name: string; value: string }[] {
  const line = stdout.split('\n').find((l) => l.startsWith('Environment='));
  if (!line) return [];
  const words = splitQuotedWords(line.slice('Environment='.length)) ?? [];
  return words.flatMap((w) => {
    const eq = w.indexOf('=');
    return eq > 0 ? [{ name: w.slice(0, eq), value: w.slice(eq + 1) }] : [];
  });
}

/** The value systemd gives `name` (the last assignment wins), or null. */
export function environmentValue(stdout: string, name: string): string | null {
  return (
    parseShowEnvironment(stdout)
      .filter((a) => a.name === name)
      .at(-1)?.value ?? null
  );
}

/**
 * mariadbd's options in a variable (Debian's `MYSQLD_OPTS`, its unit's documented way)
 * with the loopback `--bind-address` set to every address; null when it binds none.
 */
export function mysqlOptsEverywhere(value: string, v6: boolean): string | null {
  const words = value.split(' ').filter((w) => w !== '');
  const out = mysqlArgvEverywhere(['mariadbd', ...words], v6);
  return out ? out.slice(1).join(' ') : null;
}

/** The unified diff that creates `path` with `text` (ending in a newline). */
export function newFileDiff(path: string, text: string): string {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return [
    '--- /dev/null',
    `+++ ${path}`,
    `@@ -0,0 +1,${lines.length} @@`,
    ...lines.map((l) => `+${l}`),
    '',
  ].join('\n');
}

/** The path of a drop-in made by ConnDoctor for `unit`, if `path` is one. */
export function isDropInPathOf(path: string, unit: string): boolean {
  return DROP_IN_NAMES.some((n) => path === `${DROP_IN_ROOT}/${unit}.d/${n}`);
}
