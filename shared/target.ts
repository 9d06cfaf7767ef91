import { z } from 'zod';
import { msg, type Message, type MessageParams } from './i18n/message';
import { english } from './i18n/translate';

/**
 * Validation of everything that ever reaches a command line: hosts, ports, unit and
 * interface names. Nothing is built into a command before it passes here (DESIGN §4).
 */

/** A DNS name (RFC 1123 labels, optional trailing dot). */
const HOSTNAME_RE =
  /^(?=.{1,253}\.?$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** Interface names as Linux accepts them (no slash, no whitespace, at most 15 bytes). */
const IFNAME_RE = /^[A-Za-z0-9_.:@-]{1,15}$/;
/** systemd unit / init script / process names. */
const UNIT_RE = /^[A-Za-z0-9][A-Za-z0-9_.@:\\-]{0,254}$/;

/** True for a dotted-quad IPv4 address. */
export function isIPv4(s: string): boolean {
  return IPV4_RE.test(s);
}

/** True for an IPv6 address (without brackets), zone id allowed (`fe80::1%eth0`). */
export function isIPv6(s: string): boolean {
  const [addr, zone, ...rest] = s.split('%');
  if (rest.length > 0 || addr === undefined) return false;
  if (zone !== undefined && !IFNAME_RE.test(zone)) return false;
  if (!/^[0-9A-Fa-f:.]+$/.test(addr) || !addr.includes(':')) return false;
  // Allow an embedded IPv4 tail.
  let a = addr;
  const lastColon = a.lastIndexOf(':');
  const tail = a.slice(lastColon + 1);
  let groupsFromV4 = 0;
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return false;
    a = a.slice(0, lastColon + 1) + '0:0';
    groupsFromV4 = 0;
  }
  const dbl = a.split('::');
  if (dbl.length > 2) return false;
  const parts = (x: string) => (x === '' ? [] : x.split(':'));
  const head = parts(dbl[0] ?? '');
  const back = dbl.length === 2 ? parts(dbl[1] ?? '') : [];
  const all = [...head, ...back];
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const n = all.length + groupsFromV4;
  return dbl.length === 2 ? n <= 7 : n === 8;
}

/** True for a host name, IPv4 or IPv6 address (unbracketed). */
export function isValidHost(s: string): boolean {
  return isIPv4(s) || isIPv6(s) || (HOSTNAME_RE.test(s) && !/^[\d.]+$/.test(s));
}

/** True for a safe interface name. */
export function isValidInterface(s: string): boolean {
  return IFNAME_RE.test(s) && s !== '.' && s !== '..';
}

/** True for a safe service/unit/process name. */
export function isValidUnit(s: string): boolean {
  return UNIT_RE.test(s);
}

/** Port schema: integer 1..65535. */
export const PortSchema = z.number().int().min(1).max(65535);

/** Host schema (unbracketed). */
export const HostSchema = z
  .string()
  .min(1)
  .max(253)
  .refine(isValidHost, { message: 'not a valid host name or IP address' });

/** Target as carried in contracts. */
export const TargetSchema = z.object({ host: HostSchema, port: PortSchema });
/** A validated host and port. */
export type Target = z.infer<typeof TargetSchema>;

/** Result of parsing user input; never throws. */
type ParseResult<T> = { ok: true; value: T } | ParseFailure;

/** Why input did not parse: the English line, and the message to show in other languages. */
interface ParseFailure {
  ok: false;
  error: string;
  message: Message;
}

function fail(id: string, params?: MessageParams): ParseFailure {
  const message = msg(id, params);
  return { ok: false, error: english(message), message };
}

/** Parses a port given as text: digits only, 1..65535. */
export function parsePort(text: string): ParseResult<number> {
  if (!/^\d{1,5}$/.test(text.trim())) return fail('error.target.portInvalid', { text });
  const n = Number(text.trim());
  if (n < 1 || n > 65535) return fail('error.target.portRange', { port: n });
  return { ok: true, value: n };
}

/** Parses a host given as text: strips IPv6 brackets; rejects anything unsafe. */
export function parseHost(text: string): ParseResult<string> {
  let h = text.trim();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (!isValidHost(h)) return fail('error.target.hostInvalid', { text });
  return { ok: true, value: h };
}

/**
 * Parses `HOST:PORT` (DESIGN §3): name or IPv4 and port; IPv6 as `[addr]:port` with an
 * optional zone id. A bare IPv6 without brackets is bad input.
 */
export function parseHostPort(text: string): ParseResult<Target> {
  const s = text.trim();
  if (s === '') return fail('error.target.missing');
  let hostPart: string;
  let portPart: string | undefined;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) return fail('error.target.bracket', { text });
    hostPart = s.slice(1, end);
    const rest = s.slice(end + 1);
    if (rest === '') return fail('error.target.missingPortV6', { text });
    if (!rest.startsWith(':')) return fail('error.target.invalid', { text });
    portPart = rest.slice(1);
    if (!isIPv6(hostPart)) return fail('error.target.ipv6Invalid', { text: hostPart });
  } else {
    const colons = s.split(':').length - 1;
    if (colons > 1) return fail('error.target.bareIpv6', { text });
    if (colons === 0) return fail('error.target.missingPortHost', { text });
    const i = s.lastIndexOf(':');
    hostPart = s.slice(0, i);
    portPart = s.slice(i + 1);
    if (!isValidHost(hostPart)) return fail('error.target.hostInvalid', { text: hostPart });
  }
  if (portPart === '') return fail('error.target.missingPort', { text });
  const port = parsePort(portPart);
  if (!port.ok) return port;
  return { ok: true, value: { host: hostPart, port: port.value } };
}

/** Formats a target for display (`[::1]:22`, `host:80`). */
export function formatTarget(t: Target): string {
  return t.host.includes(':') ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;
}

/** Default ports of the URL schemes a user may paste into the Host field. */
const SCHEME_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ssh: 22 };

/** What the Host field understood: a host, and the port when the text named one. */
interface HostInput {
  host: string;
  /** The port written in the text (or implied by a URL scheme), else null. */
  port: number | null;
}

/**
 * Reads what a user typed or pasted into a Host field (DESIGN §3): a bare name or address,
 * `host:port`, `[v6]:port`, a bare IPv6 address, or a URL (`http://example.com:8080/x`;
 * `http`, `https` and `ssh` imply 80, 443 and 22 when no port is written; `user@` is
 * dropped). Pure; never throws. The host is validated like every host (unbracketed).
 */
export function parseHostInput(text: string): ParseResult<HostInput> {
  let s = text.trim();
  if (s === '') return fail('error.target.missingHost');
  let schemePort: number | null = null;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(s);
  if (scheme?.[1] !== undefined) {
    const name = scheme[1].toLowerCase();
    schemePort = SCHEME_PORTS[name] ?? null;
    s = s.slice(scheme[0].length);
    // The authority ends at the first path, query or fragment character.
    const end = s.search(/[/?#]/);
    if (end >= 0) s = s.slice(0, end);
    const at = s.lastIndexOf('@');
    if (at >= 0) s = s.slice(at + 1);
    if (s === '') return fail('error.target.noHost', { text });
  }
  // A bare IPv6 address (more than one colon, no brackets) names no port.
  if (!s.startsWith('[') && s.split(':').length > 2) {
    const h = parseHost(s);
    return h.ok ? { ok: true, value: { host: h.value, port: schemePort } } : h;
  }
  const hasPort = s.startsWith('[') ? /\]:[^\]]*$/.test(s) : s.includes(':');
  if (!hasPort) {
    const h = parseHost(s);
    return h.ok ? { ok: true, value: { host: h.value, port: schemePort } } : h;
  }
  const hp = parseHostPort(s);
  return hp.ok ? { ok: true, value: { host: hp.value.host, port: hp.value.port } } : hp;
}
