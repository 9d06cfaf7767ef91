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
