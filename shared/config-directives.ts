/**
 * The directives that decide where nginx and Redis listen, read and rewritten one line at a
 * time so that everything else on the line (options, indentation) stays as it was. Pure.
 */

/** A `listen` directive of nginx on one line: where its address token is. */
export interface NginxListen {
  /** The host part (`127.0.0.1`, `::1`, `localhost`), or null for a bare port / `*`. */
  host: string | null;
  port: number;
  /** Offset and length of the address token in the line. */
  at: number;
  length: number;
}

const NGINX_LISTEN = /^(\s*listen\s+)([^\s;#]+)/;

/** Reads an nginx `listen` line (comments and unix sockets are not listen addresses). */
export function parseNginxListen(line: string): NginxListen | null {
  const m = NGINX_LISTEN.exec(line);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const token = m[2];
  let host: string | null;
  let portText: string;
  if (token.startsWith('unix:')) return null;
  if (token.startsWith('[')) {
    const end = token.indexOf(']');
    if (end < 0) return null;
    host = token.slice(1, end);
    portText = token.slice(end + 1).startsWith(':') ? token.slice(end + 2) : '80';
  } else if (/^\d+$/.test(token)) {
    host = null;
    portText = token;
  } else {
    const colon = token.lastIndexOf(':');
    host = colon < 0 ? token : token.slice(0, colon);
    portText = colon < 0 ? '80' : token.slice(colon + 1);
  }
  if (!/^\d{1,5}$/.test(portText)) return null;
  const port = Number(portText);
  if (port < 1 || port > 65535) return null;
  if (host === '*' || host === '') host = null;
  return { host, port, at: m[1].length, length: token.length };
}

/**
 * True when the line is an nginx `listen` on `port` bound to one address only, of the
 * family the client reaches (IPv6 listens for an IPv6 address, the others for IPv4).
 */
export function nginxListenBinds(line: string, port: number, v6: boolean): boolean {
  const l = parseNginxListen(line);
  if (!l || l.port !== port || l.host === null || l.host === '::') return false;
  return l.host.includes(':') === v6;
}

/**
 * The listen line bound to every address instead (`listen 8080 …` for IPv4,
 * `listen [::]:8080 …` for IPv6); the options after the address stay.
 */
export function nginxListenEverywhere(line: string, v6: boolean): string | null {
  const l = parseNginxListen(line);
  if (!l) return null;
  const token = v6 ? `[::]:${l.port}` : String(l.port);
  return line.slice(0, l.at) + token + line.slice(l.at + l.length);
}

/** True when the line is an nginx `listen` on `port`, whatever its address. */
export function nginxListenOnPort(line: string, port: number): boolean {
  return parseNginxListen(line)?.port === port;
}

/**
 * The listen line moved to port `to`: the address (if any) and the options after it stay
 * (`listen 127.0.0.1:8090 default_server;` → `listen 127.0.0.1:8080 default_server;`).
 */
export function nginxListenMoved(line: string, to: number): string | null {
  const l = parseNginxListen(line);
  if (!l) return null;
  const token = line.slice(l.at, l.at + l.length);
  let host: string | null;
  if (/^\d+$/.test(token)) host = null;
  else if (token.startsWith('[')) host = token.slice(0, token.indexOf(']') + 1);
  else {
    const colon = token.lastIndexOf(':');
    host = colon < 0 ? token : token.slice(0, colon);
  }
  const moved = host === null ? String(to) : `${host}:${to}`;
  return line.slice(0, l.at) + moved + line.slice(l.at + l.length);
}

const REDIS_BIND = /^(\s*)bind(\s+)\S/i;

/** True for a Redis `bind` directive line. */
export function isRedisBind(line: string): boolean {
  return REDIS_BIND.test(line);
}

/**
 * The Redis `bind` line bound to every address (`bind * -::*`, as redis.conf's own comment
 * shows): IPv4 everywhere, and IPv6 everywhere where the host has it.
 */
export function redisBindEverywhere(line: string): string | null {
  const m = REDIS_BIND.exec(line);
  if (!m) return null;
  return `${m[1] ?? ''}bind${m[2] ?? ' '}* -::*`;
}

/** The last Redis `bind` line of a file (Redis uses the last one), 1-based, or null. */
export function lastRedisBind(lines: readonly string[]): number | null {
  for (let i = lines.length - 1; i >= 0; i--) if (isRedisBind(lines[i] ?? '')) return i + 1;
  return null;
}

const REDIS_PORT = /^(\s*)port(\s+)(\d+)(.*)$/i;

/** The last Redis `port` line of a file (Redis uses the last one), 1-based, or null. */
export function lastRedisPort(lines: readonly string[]): number | null {
  for (let i = lines.length - 1; i >= 0; i--) if (REDIS_PORT.test(lines[i] ?? '')) return i + 1;
  return null;
}

/** The Redis `port` line set to `to`; spacing and anything after the number stay. */
export function redisPortMoved(line: string, to: number): string | null {
  const m = REDIS_PORT.exec(line);
  if (!m) return null;
  return `${m[1] ?? ''}port${m[2] ?? ' '}${to}${m[4] ?? ''}`;
}

const SSHD_KEYWORD = /^\s*(\S+)/;

/** The keyword of an sshd_config line (lower case), or null for a blank line or comment. */
function sshdKeyword(line: string): string | null {
  const m = SSHD_KEYWORD.exec(line);
  const word = m?.[1];
  if (!word || word.startsWith('#')) return null;
  // `Keyword=value` is allowed too.
  return (word.split('=')[0] ?? '').toLowerCase();
}

/**
 * The `ListenAddress` lines of an sshd_config file (1-based), before its first `Match`
 * block (sshd allows no ListenAddress inside one).
 */
export function sshdListenLines(lines: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const k = sshdKeyword(lines[i] ?? '');
    if (k === 'match') break;
    if (k === 'listenaddress') out.push(i + 1);
  }
  return out;
}

/** The paths and patterns of an sshd_config file's `Include` lines (before any `Match`). */
export function sshdIncludes(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const k = sshdKeyword(line);
    if (k === 'match') break;
    if (k !== 'include') continue;
    const words = line
      .trim()
      .replace(/^\S+?(=|\s+)/, '')
      .split(/\s+/);
    out.push(...words.filter((w) => w !== '' && !w.startsWith('#')));
  }
  return out;
}

/**
 * The `ListenAddress` line added after `directive` (same indentation and keyword spelling)
 * so sshd also listens on `address` (IPv6 in brackets) on `port`: sshd edits only add a
 * listener, the existing ones stay.
 */
export function sshdListenAdded(directive: string, address: string, port: number): string {
  const m = /^(\s*)(\S+?)(=|\s+)/.exec(directive);
  const indent = m?.[1] ?? '';
  const keyword = m?.[2] && m[2].toLowerCase() === 'listenaddress' ? m[2] : 'ListenAddress';
  const host = address.includes(':') ? `[${address}]` : address;
  return `${indent}${keyword} ${host}:${port}`;
}

/** A postgresql.conf setting line, set or commented out (`#name = value`). */
function pgSetting(name: 'listen_addresses' | 'port'): RegExp {
  return new RegExp(`^(\\s*)(#\\s*)?(${name})\\b(\\s*=?\\s*)('(?:[^']|'')*'|[^\\s#]+)`);
}

const PG_LISTEN = pgSetting('listen_addresses');
const PG_PORT = pgSetting('port');

/**
 * The line of postgresql.conf that decides a setting (1-based): the last one set, else the
 * commented default (`#listen_addresses = 'localhost'`), which the edit uncomments. Null
 * when the file has neither.
 */
function pgSettingLine(lines: readonly string[], re: RegExp): number | null {
  let commented: number | null = null;
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = re.exec(lines[i] ?? '');
    if (!m) continue;
    if (m[2] === undefined) return i + 1;
    commented ??= i + 1;
  }
  return commented;
}

/** The line that decides `listen_addresses` (PostgreSQL's and Debian's default is commented). */
export function pgListenLine(lines: readonly string[]): number | null {
  return pgSettingLine(lines, PG_LISTEN);
}

/** The line that decides `port` (Debian sets `port = 5432`, one per cluster). */
export function pgPortLine(lines: readonly string[]): number | null {
  return pgSettingLine(lines, PG_PORT);
}

/** The setting line with a new value, uncommented; the comment after it and the layout stay. */
function pgSet(line: string, re: RegExp, value: string): string | null {
  const m = re.exec(line);
  if (!m || m[5] === undefined) return null;
  const head = `${m[1] ?? ''}${m[3] ?? ''}${m[4] ?? ' = '}`;
  return `${head}${value}${line.slice(m[0].length)}`;
}

/**
 * The postgresql.conf line set to listen on every address (`listen_addresses = '*'`),
 * uncommented; the comment after the value and the layout stay.
 */
export function pgListenEverywhere(line: string): string | null {
  return pgSet(line, PG_LISTEN, "'*'");
}

/** The postgresql.conf `port` line set to `to`, uncommented. */
export function pgPortMoved(line: string, to: number): string | null {
  return pgSet(line, PG_PORT, String(to));
}

/** An `!include FILE` or `!includedir DIR` line of a MariaDB/MySQL option file. */
export interface OptionInclude {
  kind: 'file' | 'dir';
  path: string;
}

function mysqlInclude(line: string): OptionInclude | null {
  const m = /^\s*!(includedir|include)\s+(\S.*?)\s*$/.exec(line);
  if (!m?.[1] || !m[2]) return null;
  return { kind: m[1] === 'includedir' ? 'dir' : 'file', path: m[2] };
}

/** The `!include` / `!includedir` lines of an option file, in order. */
export function mysqlIncludes(lines: readonly string[]): OptionInclude[] {
  return lines.map(mysqlInclude).filter((i): i is OptionInclude => i !== null);
}

/** The groups of option files that mariadbd reads (`my_print_defaults --mysqld`). */
function isServerGroup(group: string): boolean {
  return /^(mysqld|server|mariadb|mariadbd|client-server)(-[\d.]+)?$/.test(group);
}

const MYSQL_BIND = /^(\s*bind[-_]address\s*=\s*)(\S+)(.*)$/i;
const MYSQL_PORT = /^(\s*port\s*=\s*)(\S+)(.*)$/i;

/** The mariadbd options ConnDoctor edits. */
export type MysqlOption = 'bind-address' | 'port';

/**
 * Where mariadbd's `bind-address` (or `port`) is set: option files are read from `root`
 * on, each `!include` / `!includedir` where it stands (a directory's `*.cnf` files in
 * sorted order, as `dirs` lists them); the last one in a server group wins. Null when none.
 */
export function mysqlBindLocation(
  root: string,
  files: ReadonlyMap<string, readonly string[]>,
  dirs: ReadonlyMap<string, readonly string[]>,
  option: MysqlOption = 'bind-address',
): { path: string; line: number } | null {
  const re = option === 'port' ? MYSQL_PORT : MYSQL_BIND;
  let found: { path: string; line: number } | null = null;
  const seen = new Set<string>();
  const visit = (path: string, depth: number): void => {
    const lines = files.get(path);
    if (!lines || depth > 8 || seen.has(path)) return;
    seen.add(path);
    let group: string | null = null;
    lines.forEach((line, i) => {
      const inc = mysqlInclude(line);
      if (inc) {
        const list =
          inc.kind === 'dir'
            ? [...(dirs.get(inc.path.replace(/\/+$/, '')) ?? [])].sort()
            : [inc.path];
        for (const f of list) visit(f, depth + 1);
        return;
      }
      const g = /^\s*\[([^\]]+)\]/.exec(line);
      if (g?.[1]) group = g[1].trim().toLowerCase();
      else if (group !== null && isServerGroup(group) && re.test(line)) {
        found = { path, line: i + 1 };
      }
    });
  };
  visit(root, 0);
  return found;
}

/**
 * The `bind-address` line set to every address of the client's family (`0.0.0.0`, or `::`
 * which takes IPv4 too); spacing and anything after the value stay.
 */
export function mysqlBindEverywhere(line: string, v6: boolean): string | null {
  const m = MYSQL_BIND.exec(line);
  if (!m) return null;
  return `${m[1] ?? ''}${v6 ? '::' : '0.0.0.0'}${m[3] ?? ''}`;
}

/** The `port` line set to `to`; spacing and anything after the value stay. */
export function mysqlPortMoved(line: string, to: number): string | null {
  const m = MYSQL_PORT.exec(line);
  if (!m) return null;
  return `${m[1] ?? ''}${to}${m[3] ?? ''}`;
}

/** The option as `my_print_defaults` prints it (`--bind-address=0.0.0.0`). */
export function mysqlOptionText(line: string): string | null {
  const m = /^\s*([A-Za-z0-9_-]+)\s*=\s*(\S+)/.exec(line);
  return m?.[1] && m[2] ? `--${m[1]}=${m[2]}` : null;
}

/** An Apache `Listen` directive on one line: where its address token is. */
export interface ApacheListen {
  /** The address (`127.0.0.1`, `::1`), or null for a port alone. */
  host: string | null;
  port: number;
  at: number;
  length: number;
}

const APACHE_LISTEN = /^(\s*listen\s+)(\S+)/i;

/** Reads an Apache `Listen [address:]port [protocol]` line. */
export function parseApacheListen(line: string): ApacheListen | null {
  const m = APACHE_LISTEN.exec(line);
  if (!m?.[1] || !m[2]) return null;
  const token = m[2];
  let host: string | null = null;
  let portText = token;
  if (token.startsWith('[')) {
    const end = token.indexOf(']:');
    if (end < 0) return null;
    host = token.slice(1, end);
    portText = token.slice(end + 2);
  } else if (token.includes(':')) {
    const colon = token.lastIndexOf(':');
    host = token.slice(0, colon);
    portText = token.slice(colon + 1);
  }
  if (!/^\d{1,5}$/.test(portText)) return null;
  const port = Number(portText);
  if (port < 1 || port > 65535) return null;
  if (host === '0.0.0.0' || host === '::' || host === '*') host = host === '::' ? '::' : null;
  return { host, port, at: m[1].length, length: token.length };
}

/** True when the line is an Apache `Listen` on `port` bound to one address of the family. */
export function apacheListenBinds(line: string, port: number, v6: boolean): boolean {
  const l = parseApacheListen(line);
  if (!l || l.port !== port || l.host === null || l.host === '::') return false;
  return l.host.includes(':') === v6;
}

/** The `Listen` line on every address (`Listen 8089`); a protocol after it stays. */
export function apacheListenEverywhere(line: string): string | null {
  const l = parseApacheListen(line);
  if (!l) return null;
  return line.slice(0, l.at) + String(l.port) + line.slice(l.at + l.length);
}
