import type { Evidence, ProbeId, Vantage } from '../evidence';
import {
  probeData,
  type CaptureData,
  type ConfigData,
  type ConnectData,
  type DnsData,
  type FirewallData,
  type InterfacesData,
  type Listener,
  type ListenersData,
  type ProbeDataOf,
  type RouteData,
  type ServiceData,
  type SweepData,
} from '../probe-data';
import { isIPv4, isIPv6, type Target } from '../target';

/**
 * Typed, defensive views over a list of evidence. Evidence `data` arrives as `unknown`
 * (it may have crossed IPC or come from pasted output); each view validates it with its
 * probe's schema (`probe-data.ts`) before handing it out, so a malformed object reads as
 * "no evidence" rather than as a wrong answer.
 */

/** The latest evidence of one probe from one vantage, or undefined. */
export function findEvidence(
  evidence: readonly Evidence[],
  probe: ProbeId,
  vantage: Vantage,
): Evidence | undefined {
  for (let i = evidence.length - 1; i >= 0; i--) {
    const e = evidence[i];
    if (e && e.probe === probe && e.vantage === vantage) return e;
  }
  return undefined;
}

/** The validated data of the latest evidence of `probe` from `vantage`. */
function dataOf<P extends ProbeId>(
  evidence: readonly Evidence[],
  probe: P,
  vantage: Vantage,
  opts: { usable?: boolean } = {},
): ProbeDataOf<P> | undefined {
  const e = findEvidence(evidence, probe, vantage);
  if (!e || (opts.usable === true && e.status === 'inconclusive')) return undefined;
  return probeData(probe, e.data);
}

/** The client's connect result (or the server's connect to itself with `vantage: 'server'`). */
export function connectData(
  evidence: readonly Evidence[],
  vantage: Vantage = 'client',
): ConnectData | undefined {
  // A failed connect is status "fail", not "inconclusive": any data with an outcome counts.
  return dataOf(evidence, 'connect', vantage);
}

/** Where the listening program's address is configured (server side), when it was read. */
export function configData(evidence: readonly Evidence[]): ConfigData | undefined {
  return dataOf(evidence, 'config', 'server');
}

/** The client's resolver answer. */
export function dnsData(evidence: readonly Evidence[]): DnsData | undefined {
  return dataOf(evidence, 'dns', 'client');
}

/** The route towards the target from one vantage. */
export function routeData(evidence: readonly Evidence[], vantage: Vantage): RouteData | undefined {
  return dataOf(evidence, 'route', vantage);
}

/** The server's listening sockets (only when the probe could read them). */
export function listenersData(evidence: readonly Evidence[]): ListenersData | undefined {
  return dataOf(evidence, 'listeners', 'server', { usable: true });
}

/** The expected service's state on the server. */
export function serviceData(evidence: readonly Evidence[]): ServiceData | undefined {
  return dataOf(evidence, 'service', 'server');
}

/** The server's firewall evidence (backends and, when asked, the verdict for the port). */
export function firewallData(evidence: readonly Evidence[]): FirewallData | undefined {
  return dataOf(evidence, 'firewall', 'server');
}

/** The server's interfaces. */
export function interfacesData(evidence: readonly Evidence[]): InterfacesData | undefined {
  return dataOf(evidence, 'interfaces', 'server', { usable: true });
}

/** What the server saw on the wire while the client connected. */
export function captureData(evidence: readonly Evidence[]): CaptureData | undefined {
  return dataOf(evidence, 'capture', 'server', { usable: true });
}

/** The client's sweep of nearby ports (the hint after a refusal). */
export function sweepData(evidence: readonly Evidence[]): SweepData | undefined {
  return dataOf(evidence, 'sweep', 'client');
}

/** True when any server-side probe produced usable evidence. */
export function hasServerEvidence(evidence: readonly Evidence[]): boolean {
  return evidence.some((e) => e.vantage === 'server' && e.status !== 'inconclusive');
}

/** Strips a zone id (`fe80::1%eth0`) and lower-cases an IPv6 address for comparison. */
export function normalizeAddress(a: string): string {
  const noZone = a.split('%')[0] ?? a;
  const lower = noZone.toLowerCase();
  // ::ffff:10.0.0.2 is the same endpoint as 10.0.0.2 for a dual-stack socket.
  return lower.startsWith('::ffff:') && isIPv4(lower.slice(7)) ? lower.slice(7) : lower;
}

/**
 * The address the client actually tried: the first failing attempt in resolver order
 * (that one decides, DESIGN §3), else the first resolved address, else the host itself
 * when it is an IP literal.
 */
export function reachedAddress(target: Target, evidence: readonly Evidence[]): string | null {
  const c = connectData(evidence, 'client');
  const failing = c?.attempts.find((a) => a.result !== 'ok');
  if (failing) return normalizeAddress(failing.address);
  const first =
    c?.attempts[0]?.address ?? c?.addresses[0] ?? dnsData(evidence)?.addresses[0]?.address;
  if (first) return normalizeAddress(first);
  if (isIPv4(target.host) || isIPv6(target.host)) return normalizeAddress(target.host);
  return null;
}

/** True for loopback addresses (127.0.0.0/8, ::1). */
export function isLoopback(address: string): boolean {
  const a = normalizeAddress(address);
  return a === '::1' || /^127\./.test(a);
}

/** True when a listening socket accepts connections addressed to `address`. */
export function listenerCovers(l: Listener, address: string): boolean {
  const la = normalizeAddress(l.address);
  const a = normalizeAddress(address);
  const v4 = isIPv4(a);
  if (la === '*') return true;
  // `::` accepts IPv4 too unless the socket is IPv6-only (ss says so; netstat cannot).
  if (la === '::') return !v4 || l.v6only !== true;
  if (la === '0.0.0.0') return v4;
  return la === a;
}

/** Listeners on one port. */
export function listenersOnPort(d: ListenersData, port: number): Listener[] {
  return d.listeners.filter((l) => l.port === port);
}

/** Formats a listener for humans: `127.0.0.1:8080 (python3, pid 42)`. */
export function describeListener(l: Listener): string {
  const addr = l.address.includes(':') ? `[${l.address}]` : l.address;
  const owner = l.process ? ` (${l.process}${l.pid !== null ? `, pid ${l.pid}` : ''})` : '';
  return `${addr}:${l.port}${owner}`;
}
