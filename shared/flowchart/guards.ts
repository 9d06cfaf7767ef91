import type { Evidence } from '../evidence';
import type { FirewallVerdict, Listener } from '../probe-data';
import { isIPv6, type Target } from '../target';
import {
  captureData,
  connectData,
  dnsData,
  firewallData,
  interfacesData,
  isLoopback,
  listenerCovers,
  listenersData,
  listenersOnPort,
  normalizeAddress,
  reachedAddress,
  routeData,
  serviceData,
} from '../diagnosis/evidence-view';

/**
 * The flowchart's guards: pure functions of the evidence gathered so far (no I/O, no
 * clock). The machine wires them by name; the diagnosis builder calls them directly; the
 * tests call them as plain functions.
 */

/** What every guard reads. */
export interface GuardInput {
  target: Target;
  evidence: readonly Evidence[];
  /** The service the user expects on the port (`--service`), if any. */
  service?: string;
}

/** The client's connect succeeded (on at least one address). */
export function connectOk({ evidence }: GuardInput): boolean {
  return connectData(evidence)?.outcome === 'ok';
}

/** The client got ECONNREFUSED (RST or ICMP port-unreachable). */
export function refused({ evidence }: GuardInput): boolean {
  return connectData(evidence)?.outcome === 'refused';
}

/** Nothing answered the client's SYN before its timeout. */
export function timedOut({ evidence }: GuardInput): boolean {
  return connectData(evidence)?.outcome === 'timeout';
}

/** The name did not resolve (connect reported a resolver error, or dns found nothing). */
export function dnsFailed({ evidence }: GuardInput): boolean {
  const c = connectData(evidence);
  if (c?.outcome === 'dns-failure' || c?.dnsError) return true;
  const d = dnsData(evidence);
  return !c && d !== undefined && d.addresses.length === 0;
}

/** The client has no usable route: `ip route get` says unreachable/none, or ENETUNREACH. */
export function noClientRoute({ evidence }: GuardInput): boolean {
  const r = routeData(evidence, 'client');
  if (r && ['unreachable', 'prohibit', 'blackhole', 'none'].includes(r.type)) return true;
  const c = connectData(evidence);
  return c?.attempts.some((a) => a.result === 'net-unreachable') === true;
}

/** The client got EHOSTUNREACH / EACCES: nothing at layer 2–3 answered, or ICMP said no. */
export function hostUnreachable({ evidence }: GuardInput): boolean {
  const c = connectData(evidence);
  if (c?.outcome !== 'unreachable') return false;
  return c.attempts.some((a) => a.result === 'host-unreachable' || a.result === 'prohibited');
}

/** Listeners on the target port, or null when the listeners could not be read. */
export function listenersOnTargetPort({ evidence, target }: GuardInput): Listener[] | null {
  const d = listenersData(evidence);
  return d ? listenersOnPort(d, target.port) : null;
}

/** The server's listeners are known and none is on the target port. */
export function noListener(input: GuardInput): boolean {
  return listenersOnTargetPort(input)?.length === 0;
}

/** The client was refused and nothing listens on the port (the classic case). */
export function refusedAndNoListener(input: GuardInput): boolean {
  return refused(input) && noListener(input);
}

/**
 * Listeners on the port that do not accept the address the client reaches, when every
 * listener on the port is such a one (else null): the bound-to-other-address case.
 */
export function listenersOnOtherAddress(input: GuardInput): Listener[] | null {
  const on = listenersOnTargetPort(input);
  const address = reachedAddress(input.target, input.evidence);
  if (!on || on.length === 0 || address === null) return null;
  if (on.some((l) => listenerCovers(l, address))) return null;
  // Behind a NAT the reached address is not the server's own; a listener on one of the
  // server's non-loopback addresses may then be exactly right, so only loopback binds and
  // addresses the server really has (or a family mismatch) count as "other".
  const own = serverAddresses(input);
  const reachedIsOwn = own === null || own.has(address) || isLoopback(address);
  if (!reachedIsOwn && on.some((l) => !isLoopback(l.address))) return null;
  return on;
}

/** Something listens on the port, but only on addresses the client does not reach. */
export function boundToOtherAddress(input: GuardInput): boolean {
  return listenersOnOtherAddress(input) !== null;
}

/** The expected service is stopped or failed. */
export function serviceStopped({ evidence }: GuardInput): boolean {
  const s = serviceData(evidence);
  return s !== undefined && (s.state === 'inactive' || s.state === 'failed');
}

/**
 * The ports the expected service listens on: as its evidence says, else the listeners its
 * processes own (manual mode pastes `systemctl show` and `ss` separately, so the service's
 * own evidence has its pids but no ports).
 */
export function servicePorts({ evidence }: GuardInput): number[] {
  const s = serviceData(evidence);
  if (!s) return [];
  if (s.ports.length > 0) return s.ports;
  const pids = new Set([...s.pids, ...(s.mainPid ? [s.mainPid] : [])]);
  const l = listenersData(evidence);
  if (!l || pids.size === 0) return [];
  const owned = l.listeners.filter((x) =>
    [...(x.pid !== null ? [x.pid] : []), ...(x.pids ?? [])].some((p) => pids.has(p)),
  );
  return [...new Set(owned.map((x) => x.port))].sort((a, b) => a - b);
}

/** The expected service runs and listens, but not on the target port. */
export function serviceOnOtherPort(input: GuardInput): boolean {
  const s = serviceData(input.evidence);
  const ports = servicePorts(input);
  return (
    s !== undefined &&
    s.state === 'active' &&
    ports.length > 0 &&
    !ports.includes(input.target.port)
  );
}

/** The firewall verdict for the SYN, when the firewall probe evaluated one. */
export function firewallVerdict({ evidence }: GuardInput): FirewallVerdict | undefined {
  return firewallData(evidence)?.verdict;
}

/** A server rule REJECTs the SYN. */
export function ruleRejects(input: GuardInput): boolean {
  return firewallVerdict(input)?.verdict === 'reject';
}

/** A server rule DROPs the SYN. */
export function ruleDrops(input: GuardInput): boolean {
  return firewallVerdict(input)?.verdict === 'drop';
}

/** The server's firewall accepts the SYN. */
export function firewallAccepts(input: GuardInput): boolean {
  return firewallVerdict(input)?.verdict === 'accept';
}

/**
 * The firewall verdict turns on the client's source address, that address came from the
 * client's own route, a NAT may change it on the way, and neither the counter proof nor
 * the server's capture (the SYN's source as it arrived) confirmed what the server really
 * saw: the verdict stands, with less confidence.
 */
export function firewallSourceUnconfirmed(input: GuardInput): boolean {
  const v = firewallVerdict(input);
  if (v?.source?.decisive !== true || !v.source.natPossible) return false;
  if (v.counterProof?.agrees === true) return false;
  // The server's capture saw the SYN arrive from that very address: no NAT rewrote it.
  const seen = captureData(input.evidence)?.synSources ?? [];
  return v.source.address === null || !seen.includes(v.source.address);
}

/** The firewall could not be evaluated (unreadable ruleset or an undecidable rule). */
export function firewallUndecided(input: GuardInput): boolean {
  const e = input.evidence.find((x) => x.probe === 'firewall' && x.vantage === 'server');
  if (!e) return false;
  return e.status === 'inconclusive' || firewallVerdict(input)?.verdict === 'unknown';
}

/** Every IPv4/IPv6 address configured on the server, or null when unknown. */
export function serverAddresses({ evidence }: GuardInput): Set<string> | null {
  const d = interfacesData(evidence);
  if (!d) return null;
  return new Set(d.interfaces.flatMap((i) => i.addresses.map((a) => normalizeAddress(a.address))));
}

/** Why the server's interface does not carry the target: down, or the address is missing. */
export type InterfaceProblem =
  | { kind: 'down'; name: string; address: string; operState: string }
  | { kind: 'address-missing'; address: string; name: string | null };

/** The interface problem in the way of the reached address, if any. */
export function interfaceProblem(input: GuardInput): InterfaceProblem | null {
  const d = interfacesData(input.evidence);
  const address = reachedAddress(input.target, input.evidence);
  if (!d || address === null || isLoopback(address)) return null;
  const carrier = d.interfaces.find((i) =>
    i.addresses.some((a) => normalizeAddress(a.address) === address),
  );
  const outcome = connectData(input.evidence)?.outcome;
  const answered = outcome === 'refused' || outcome === 'reset' || outcome === 'ok';
  if (carrier) {
    const state = carrier.operState.toUpperCase();
    // An interface set up a moment ago reports its operstate late (the kernel's link watch
    // runs up to a second after the carrier): if it is up and the client got an answer,
    // the answer is the better evidence.
    if (carrier.up && answered) return null;
    if (!carrier.up || state === 'DOWN' || state === 'LOWERLAYERDOWN') {
      return { kind: 'down', name: carrier.name, address, operState: carrier.operState };
    }
    return null;
  }
  if (d.interfaces.length === 0) return null;
  // Something answered (RST) or connected: the address exists somewhere — behind a NAT the
  // client's address for the server is simply not the server's own.
  if (answered) return null;
  return { kind: 'address-missing', address, name: addressHome(input, d, address) };
}

/** An IPv4 address as a 32-bit number, or null. */
function ipv4Number(a: string): number | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (!m) return null;
  return m.slice(1).reduce((n, o) => n * 256 + Number(o), 0);
}

/** True when `address` lies in `net/prefix` (IPv4 only). */
function inSubnet(address: string, net: string, prefix: number): boolean {
  const a = ipv4Number(address);
  const n = ipv4Number(net);
  if (a === null || n === null || prefix < 1 || prefix > 32) return false;
  const size = 2 ** (32 - prefix);
  return Math.floor(a / size) === Math.floor(n / size);
}

/**
 * The interface that should carry a missing address, only when the evidence says so: one
 * with an address in the same subnet; else the link the client's SYN arrived on; else the
 * one up link (not loopback, not the server's route elsewhere) with no address of that
 * family. Null when it cannot be told (no fix is proposed then).
 */
function addressHome(
  input: GuardInput,
  d: NonNullable<ReturnType<typeof interfacesData>>,
  address: string,
): string | null {
  const links = d.interfaces.filter((i) => i.name !== 'lo');
  const sameNet = links.find((i) =>
    i.addresses.some((a) => a.family === 4 && inSubnet(address, a.address, a.prefix)),
  );
  if (sameNet) return sameNet.name;
  const syn = synInterface(input);
  if (syn) return syn;
  const family = isIPv6(address) ? 6 : 4;
  const routeDev = routeData(input.evidence, 'server')?.dev ?? null;
  const bare = links.filter(
    (i) =>
      i.up &&
      i.name !== routeDev &&
      !i.addresses.some((a) => a.family === family && !a.address.toLowerCase().startsWith('fe80')),
  );
  return bare.length === 1 ? (bare[0]?.name ?? null) : null;
}

/** The interface the capture saw the client's SYN arrive on (`data0 In IP …`), if any. */
function synInterface({ evidence }: GuardInput): string | null {
  const c = captureData(evidence);
  if (!c?.synSeen) return null;
  for (const line of c.packets) {
    const m = /^\S+ (\S+) In +IP6? .*Flags \[S\]/.exec(line);
    if (m?.[1]) return m[1];
  }
  return null;
}

/** The server interface that carries the target is down, or the address is missing. */
export function interfaceDown(input: GuardInput): boolean {
  return interfaceProblem(input) !== null;
}

/** The capture on the server never saw the client's SYN. */
export function synNeverSeen({ evidence }: GuardInput): boolean {
  return captureData(evidence)?.synSeen === false;
}

/**
 * The SYN never reached the server although its own firewall accepts it. Never for a
 * loopback target: nothing lies between a host and itself, so a capture that missed the
 * SYN there missed it, it was not filtered.
 */
export function upstreamFiltered(input: GuardInput): boolean {
  const address = reachedAddress(input.target, input.evidence) ?? input.target.host;
  if (isLoopback(address)) return false;
  return synNeverSeen(input) && firewallAccepts(input);
}

/** The server connected to itself on the port (the service works locally). */
export function selfConnectOk({ evidence }: GuardInput): boolean {
  return connectData(evidence, 'server')?.outcome === 'ok';
}
