import { ifaceMatches, inCidr, type SynPacket } from './packet';

/**
 * What an nftables expression reads from the SYN (payload, meta, ct, fib, bitwise and),
 * and how a value compares with a right-hand element (value, range, prefix, set member).
 */

/** "Not applicable": the field does not exist in this packet (ip saddr of an IPv6 SYN). */
export const NA = Symbol('n/a');
/** A packet value: number, string, flag list; null = unknown; NA = not in this packet. */
export type Val = number | string | string[] | null | typeof NA;

/** True for a plain JSON object. */
export function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The packet's value for an nft left-hand expression; null = unknown. */
export function valueOf(left: unknown, p: SynPacket, notrack?: 'yes' | 'maybe'): Val {
  if (!isObj(left)) return null;
  const payload = left.payload;
  if (isObj(payload)) {
    const proto = String(payload.protocol);
    const field = String(payload.field);
    if (proto === 'ip' || proto === 'ip6') {
      if ((proto === 'ip' ? 4 : 6) !== p.family) return NA;
      if (field === 'saddr') return p.saddr;
      if (field === 'daddr') return p.daddr;
      if (field === 'protocol' || field === 'nexthdr') return 'tcp';
      return null;
    }
    if (proto === 'tcp' || proto === 'th') {
      if (field === 'dport') return p.dport;
      if (field === 'flags') return ['syn'];
      return null;
    }
    return NA; // udp, icmp, sctp…: not this packet
  }
  const meta = left.meta;
  if (isObj(meta)) {
    switch (meta.key) {
      case 'l4proto':
        return 'tcp';
      case 'nfproto':
        return p.family === 4 ? 'ipv4' : 'ipv6';
      case 'protocol':
        return p.family === 4 ? 'ip' : 'ip6';
      case 'iifname':
      case 'iif':
        return p.iif;
      case 'oifname':
      case 'oif':
        return p.oif ?? null;
      case 'pkttype':
        return 'host';
      default:
        return null;
    }
  }
  const ct = left.ct;
  if (isObj(ct)) {
    if (ct.key === 'state')
      return notrack === 'maybe' ? null : [notrack === 'yes' ? 'untracked' : 'new'];
    if (ct.key === 'direction') return 'original';
    // A NEW SYN has no status bits yet; a DNAT before input would have been reported as
    // undecidable already (see the dnat/redirect statements below).
    if (ct.key === 'status') return [];
    return null;
  }
  const fib = left.fib;
  if (isObj(fib) && Array.isArray(fib.flags)) {
    if (fib.result === 'type' && fib.flags.includes('daddr')) return 'local';
    // Reverse-path filter: the route to the client leaves by the inbound interface.
    if (fib.result === 'oif' && fib.flags.includes('saddr') && fib.flags.includes('iif')) {
      return p.iifFromRoute && p.iif ? 'present' : null;
    }
  }
  const amp = left['&'];
  if (Array.isArray(amp) && amp.length === 2) {
    const v = valueOf(amp[0] as unknown, p, notrack);
    const mask: unknown = amp[1];
    if (Array.isArray(v) && (Array.isArray(mask) || typeof mask === 'string')) {
      const m = Array.isArray(mask) ? mask.map(String) : [mask];
      return v.filter((f) => m.includes(f));
    }
    return v === NA ? NA : null;
  }
  return null;
}

/** Unwraps set elements written with timeouts/comments: {"elem": {"val": …}}. */
export function unwrap(e: unknown): unknown {
  if (isObj(e) && isObj(e.elem) && 'val' in e.elem) return e.elem.val;
  return e;
}

/** Whether the value equals/lies in one right-hand element; null = cannot tell. */
export function elemMatches(v: Exclude<Val, null | typeof NA>, right: unknown): boolean | null {
  const r = unwrap(right);
  // `fib … oif missing` compares with false: a found route is "present".
  if (typeof r === 'boolean') return v === 'present' ? r : null;
  if (typeof r === 'number') {
    if (v === 'tcp') return r === 6;
    return typeof v === 'number' ? v === r : null;
  }
  if (typeof r === 'string') {
    if (Array.isArray(v)) return v.length === 1 && v[0] === r;
    if (typeof v === 'number') return /^\d+$/.test(r) ? v === Number(r) : null;
    if (r.includes('/') || /^[\d.]+$/.test(r) || r.includes(':')) {
      const c = inCidr(v, r);
      if (c !== null) return c;
    }
    return ifaceMatches(v, r);
  }
  if (isObj(r)) {
    if (Array.isArray(r.range) && r.range.length === 2) {
      const [lo, hi] = r.range as unknown[];
      if (typeof v === 'number' && typeof lo === 'number' && typeof hi === 'number')
        return v >= lo && v <= hi;
      if (typeof v === 'string' && typeof lo === 'string' && typeof hi === 'string') return null;
      return null;
    }
    if (isObj(r.prefix) && typeof v === 'string') {
      return inCidr(v, `${String(r.prefix.addr)}/${String(r.prefix.len)}`);
    }
  }
  return null;
}
