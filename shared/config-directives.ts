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

const PG_LISTEN = /^(\s*)(#\s*)?(listen_addresses)(\s*=?\s*)('(?:[^']|'')*'|[^\s#]+)/;

/**
 * The line of postgresql.conf that decides `listen_addresses` (1-based): the last one set,
 * else the commented default (`#listen_addresses = 'localhost'`, PostgreSQL's and Debian's
 * default), which the edit uncomments. Null when the file has neither.
 */
export function pgListenLine(lines: readonly string[]): number | null {
  let commented: number | null = null;
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = PG_LISTEN.exec(lines[i] ?? '');
    if (!m) continue;
    if (m[2] === undefined) return i + 1;
    commented ??= i + 1;
  }
  return commented;
}

/**
 * The postgresql.conf line set to listen on every address (`listen_addresses = '*'`),
 * uncommented; the comment after the value and the layout stay.
 */
export function pgListenEverywhere(line: string): string | null {
  const m = PG_LISTEN.exec(line);
  if (!m || m[5] === undefined) return null;
  const head = `${m[1] ?? ''}${m[3] ?? ''}${m[4] ?? ' = '}`;
  return `${head}'*'${line.slice(m[0].length)}`;
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

/**
 * Where mariadbd's `bind-address` is set: option files are read from `root` on, each
 * `!include` / `!includedir` where it stands (a directory's `*.cnf` files in sorted order,
 * as `dirs` lists them); the last `bind-address` in a server group wins. Null when none.
 */
export function mysqlBindLocation(
  root: string,
  files: ReadonlyMap<string, readonly string[]>,
  dirs: ReadonlyMap<string, readonly string[]>,
): { path: string; line: number } | null {
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
      else if (group !== null && isServerGroup(group) && MYSQL_BIND.test(line)) {
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
