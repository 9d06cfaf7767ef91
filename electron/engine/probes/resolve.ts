import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Name resolution as a client does it: getaddrinfo through `dns.lookup`, every address,
 * resolver order kept (DESIGN §3: all addresses are tried, the first failing one decides).
 */

/** One address a name resolved to, in resolver order. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Result of resolving a name: every address, or the resolver's error code. */
export type ResolveResult =
  { ok: true; addresses: ResolvedAddress[] } | { ok: false; code: string; message: string };

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.', 'localhost.localdomain']);

/** 6 for an IPv6 literal (zone id allowed), else 4. */
export function familyOf(address: string): 4 | 6 {
  return isIP(address) === 6 ? 6 : 4;
}

/**
 * The resolver's answer for `host` (getaddrinfo through `dns.lookup`, A and AAAA), every
 * address in resolver order, duplicates dropped. IP literals (zone ids included) come back
 * as they are without a lookup.
 */
export async function lookupAll(host: string): Promise<ResolveResult> {
  if (isIP(host) !== 0) return { ok: true, addresses: [{ address: host, family: familyOf(host) }] };
  try {
    const found = await lookup(host, { all: true, order: 'verbatim' });
    const seen = new Set<string>();
    const addresses: ResolvedAddress[] = [];
    for (const a of found) {
      if (seen.has(a.address)) continue;
      seen.add(a.address);
      addresses.push({ address: a.address, family: a.family === 6 ? 6 : 4 });
    }
    if (addresses.length === 0) {
      return { ok: false, code: 'ENOTFOUND', message: `${host} has no address` };
    }
    return { ok: true, addresses };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { ok: false, code: e.code ?? 'EAI_FAIL', message: e.message };
  }
}

/**
 * Resolves a host to EVERY address a client could try (see {@link lookupAll}).
 * `localhost` always yields both 127.0.0.1 and ::1, because clients try either one
 * (the localhost→::1 trap).
 */
export async function resolveAll(host: string): Promise<ResolveResult> {
  const answer = await lookupAll(host);
  if (!LOOPBACK_NAMES.has(host.toLowerCase())) return answer;
  const addresses = answer.ok ? [...answer.addresses] : [];
  for (const address of ['127.0.0.1', '::1']) {
    if (!addresses.some((a) => a.address === address)) {
      addresses.push({ address, family: familyOf(address) });
    }
  }
  return { ok: true, addresses };
}
