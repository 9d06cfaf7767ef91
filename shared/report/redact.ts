import { isIPv4, isIPv6 } from '../target';

/**
 * `--redact`: hides host names and addresses in a report. Every string in the diagnosis is
 * rewritten: the target's name, every name and address the diagnosis itself names (target
 * addresses, SSH server), and every IPv4/IPv6 address found in any text (commands, rule
 * text, raw output) become stable placeholders (`host-1`, `address-1`, `loopback-1` …; the
 * same value always maps to the same placeholder within one report, so the proof still
 * reads). The unspecified addresses `0.0.0.0` and `::` ("any address") say nothing about a
 * host and stay. Linear in the input: a split into tokens, no backtracking patterns.
 */

const KEEP = new Set(['0.0.0.0', '::', '0:0:0:0:0:0:0:0']);

/** A consistent value → placeholder mapping for one report. */
export class Redactor {
  private readonly names = new Map<string, string>();
  private readonly addresses = new Map<string, string>();
  private hostCount = 0;
  private addrCount = 0;
  private loopCount = 0;

  /** Registers a host name or address known to identify a host (the target, the server). */
  addKnown(value: string): void {
    const v = value.trim().replace(/^\[|\]$/g, '');
    if (v === '' || KEEP.has(v)) return;
    if (isIPv4(v) || isIPv6(v)) this.address(v);
    else if (!this.names.has(v.toLowerCase())) {
      this.names.set(v.toLowerCase(), `host-${++this.hostCount}`);
    }
  }

  private address(v: string): string {
    let p = this.addresses.get(v.toLowerCase());
    if (p === undefined) {
      const loop = v.startsWith('127.') || v === '::1' || v.toLowerCase() === '::ffff:127.0.0.1';
      p = loop ? `loopback-${++this.loopCount}` : `address-${++this.addrCount}`;
      this.addresses.set(v.toLowerCase(), p);
    }
    return p;
  }

  /** Replaces one token when it is (or wraps) an address or a known name. */
  private token(tok: string): string {
    if (tok === '') return tok;
    // Trailing punctuation and ports (`10.0.0.5:22`, `[::1]:80`, `host.`) stay outside.
    const bracket = /^\[([0-9A-Fa-f:.%\w]+)\](.*)$/.exec(tok);
    if (bracket) {
      const inner = bracket[1] ?? '';
      return isIPv6(inner) && !KEEP.has(inner)
        ? `[${this.address(inner)}]${bracket[2] ?? ''}`
        : tok;
    }
    const core = tok.replace(/[.,;:)]+$/, '');
    const tail = tok.slice(core.length);
    const lower = core.toLowerCase();
    const name = this.names.get(lower);
    if (name !== undefined) return name + tail;
    const slash = core.indexOf('/'); // CIDR: 10.0.0.0/24
    const addr = slash >= 0 ? core.slice(0, slash) : core;
    const rest = slash >= 0 ? core.slice(slash) : '';
    if (!KEEP.has(addr) && (isIPv4(addr) || (addr.includes(':') && isIPv6(addr)))) {
      return this.address(addr) + rest + tail;
    }
    const dot = core.lastIndexOf('.'); // tcpdump's address.port: 10.0.0.5.22, ::1.22
    if (dot > 0 && /^\d{1,5}$/.test(core.slice(dot + 1))) {
      const a = core.slice(0, dot);
      if (!KEEP.has(a) && (isIPv4(a) || (a.includes(':') && isIPv6(a)))) {
        return `${this.address(a)}${core.slice(dot)}${tail}`;
      }
    }
    const colon = core.lastIndexOf(':'); // host:port / v4:port
    if (colon > 0 && /^\d{1,5}$/.test(core.slice(colon + 1))) {
      const h = core.slice(0, colon);
      const hn = this.names.get(h.toLowerCase());
      if (hn !== undefined) return `${hn}${core.slice(colon)}${tail}`;
      if (isIPv4(h) && !KEEP.has(h)) return `${this.address(h)}${core.slice(colon)}${tail}`;
    }
    return tok;
  }

  /** Rewrites one text. */
  text(s: string): string {
    let out = '';
    let start = 0;
    const isSep = (c: string) => /[\s"'`=,<>(){}|]/.test(c);
    for (let i = 0; i <= s.length; i++) {
      if (i === s.length || isSep(s.charAt(i))) {
        out += this.token(s.slice(start, i));
        if (i < s.length) out += s.charAt(i);
        start = i + 1;
      }
    }
    return out;
  }

  /** Rewrites every string in a JSON-like value (object keys included). */
  value<T>(v: T): T {
    if (typeof v === 'string') return this.text(v) as T;
    if (Array.isArray(v)) return v.map((x: unknown) => this.value(x)) as T;
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [this.text(k), this.value(x)]),
      ) as T;
    }
    return v;
  }
}

/** A diagnosis with its host names and addresses replaced by placeholders. */
export function redactDiagnosis<
  D extends { target: { host: string; addresses: readonly string[] } },
>(d: D, alsoKnown: readonly string[] = []): D {
  const r = new Redactor();
  r.addKnown(d.target.host);
  for (const a of d.target.addresses) r.addKnown(a);
  for (const k of alsoKnown) r.addKnown(k);
  return r.value(d);
}
