import { isIPv4, isIPv6 } from '../../../../shared/target';

/**
 * The packet the firewall analysis reasons about: a NEW inbound TCP SYN from the client to
 * the server. Unknown fields (null) make every rule that tests them "maybe".
 */
export interface SynPacket {
  family: 4 | 6;
  /** Client address as the server sees it; null when not known. */
  saddr: string | null;
  /** Server address the client reaches. */
  daddr: string;
  dport: number;
  /** Inbound interface on the server; null when not known. */
  iif: string | null;
  /**
   * Outbound interface, only for a packet forwarded after a DNAT (undefined on the way
   * to a local socket; null when the route is not known).
   */
  oif?: string | null;
  /**
   * True when `iif` is the server's route back to `saddr`: a reverse-path check
   * (`fib saddr . iif oif missing`) then finds a route by construction.
   */
  iifFromRoute?: boolean;
}

/** Three-valued match result: a rule that cannot be evaluated "maybe" matches. */
export type Tri = 'yes' | 'no' | 'maybe';

/** Logical AND over three-valued results. */
export function and(parts: Tri[]): Tri {
  if (parts.includes('no')) return 'no';
  return parts.includes('maybe') ? 'maybe' : 'yes';
}

/** Negates a three-valued result. */
export function not(t: Tri): Tri {
  return t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'maybe';
}

/** From a boolean. */
export function tri(b: boolean): Tri {
  return b ? 'yes' : 'no';
}

function v4ToBig(a: string): bigint {
  return a.split('.').reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function v6ToBig(a: string): bigint | null {
  const addr = a.split('%')[0] ?? '';
  let s = addr;
  const tail = s.slice(s.lastIndexOf(':') + 1);
  if (tail.includes('.')) {
    const v = v4ToBig(tail);
    s =
      s.slice(0, s.lastIndexOf(':') + 1) +
      ((v >> 16n) & 0xffffn).toString(16) +
      ':' +
      (v & 0xffffn).toString(16);
  }
  const halves = s.split('::');
  const head = halves[0] ? halves[0].split(':') : [];
  const back = halves.length > 1 && halves[1] ? halves[1].split(':') : [];
  const fill = 8 - head.length - back.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  const groups = [...head, ...Array<string>(fill).fill('0'), ...back];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Address as a 32/128-bit integer with its family, or null when not an address. */
export function parseAddress(a: string): { family: 4 | 6; value: bigint } | null {
  if (isIPv4(a)) return { family: 4, value: v4ToBig(a) };
  if (isIPv6(a)) {
    const v = v6ToBig(a);
    return v === null ? null : { family: 6, value: v };
  }
  return null;
}

/**
 * Whether `addr` lies in `cidr` ("10.0.0.0/8", "10.1.2.3", "::1/128"). Null when either is
 * not an address (a host name in a rule, a malformed prefix) — the caller says "maybe".
 */
export function inCidr(addr: string, cidr: string): boolean | null {
  const [net, lenText] = cidr.split('/');
  const a = parseAddress(addr);
  const n = parseAddress(net ?? '');
  if (!a || !n) return null;
  if (a.family !== n.family) return false;
  const bits = a.family === 4 ? 32 : 128;
  const len = lenText === undefined ? bits : Number(lenText);
  if (!Number.isInteger(len) || len < 0 || len > bits) return null;
  const shift = BigInt(bits - len);
  return a.value >> shift === n.value >> shift;
}

/** Interface name match with iptables' trailing "+" wildcard (also nft's "*"). */
export function ifaceMatches(actual: string, pattern: string): boolean {
  if (pattern.endsWith('+') || pattern.endsWith('*'))
    return actual.startsWith(pattern.slice(0, -1));
  return actual === pattern;
}
