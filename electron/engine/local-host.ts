import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { resolveAll } from './probes/resolve';

/**
 * Is a target this machine? Then, without `--ssh`, the server-side probes run locally
 * (DESIGN §2 "Two vantages").
 */

/** Drops an IPv6 zone id and lower-cases, so addresses compare as the kernel sees them. */
function normalize(address: string): string {
  const bare = address.split('%')[0] ?? address;
  const lower = bare.toLowerCase();
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  return mapped?.[1] ?? lower;
}

/** True for 127.0.0.0/8, ::1, their IPv4-mapped forms, and the unspecified addresses. */
export function isLoopbackAddress(address: string): boolean {
  const a = normalize(address);
  if (isIP(a) === 4) return a.startsWith('127.') || a === '0.0.0.0';
  if (isIP(a) === 6) {
    // Linux delivers a connect to the unspecified address to the machine itself.
    return a === '::1' || a === '::' || /^(0{1,4}:){7}0{0,3}1$/.test(a);
  }
  return false;
}

/** Every address configured on this machine's interfaces, normalized. */
export function localAddresses(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) out.add(normalize(info.address));
  }
  return out;
}

/** True when an address literal is loopback or one of this machine's own addresses. */
export function isLocalAddress(address: string, own: Set<string> = localAddresses()): boolean {
  return isLoopbackAddress(address) || own.has(normalize(address));
}

/**
 * True when `host` (a name or address literal) is this machine: loopback, or any address
 * of its interfaces, after resolving the name. A name that does not resolve is not local.
 */
export async function isLocalTarget(host: string): Promise<boolean> {
  const h = host.trim().replace(/^\[(.*)\]$/, '$1');
  if (h === '') return false;
  const resolved = await resolveAll(h);
  if (!resolved.ok) return false;
  const own = localAddresses();
  return resolved.addresses.some((a) => isLocalAddress(a.address, own));
}
