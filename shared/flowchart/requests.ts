import type { Evidence, ProbeId, Vantage } from '../evidence';
import { listenersData, serviceData } from '../diagnosis/evidence-view';
import { listenersOnOtherAddress, noListener, serviceOnOtherPort, servicePorts } from './guards';
import type { ProbeRequest } from '../probe-request';
import { isIPv4, isIPv6, type Target } from '../target';

/** The gather phase's parallel checks (one region of the machine each). */
export const GATHER_KEYS = [
  'connect',
  'dns',
  'clientRoute',
  'listeners',
  'service',
  'firewall',
  'interfaces',
  'serverRoute',
  'serverConnect',
  'capture',
] as const;
/** One gather check. */
export type GatherKey = (typeof GATHER_KEYS)[number];

/** Probe and vantage of each gather check. */
export const GATHER_PROBES: Record<GatherKey, { probe: ProbeId; vantage: Vantage }> = {
  connect: { probe: 'connect', vantage: 'client' },
  dns: { probe: 'dns', vantage: 'client' },
  clientRoute: { probe: 'route', vantage: 'client' },
  listeners: { probe: 'listeners', vantage: 'server' },
  service: { probe: 'service', vantage: 'server' },
  firewall: { probe: 'firewall', vantage: 'server' },
  interfaces: { probe: 'interfaces', vantage: 'server' },
  serverRoute: { probe: 'route', vantage: 'server' },
  serverConnect: { probe: 'connect', vantage: 'server' },
  capture: { probe: 'capture', vantage: 'server' },
};

/**
 * Server-side probes whose output a user can paste in manual mode (DESIGN §3 `--outputs`:
 * listeners, service, firewall, interfaces, route). A self-connect and a capture need a
 * live session, so manual mode skips them.
 */
export const PASTEABLE_PROBES = [
  'listeners',
  'service',
  'firewall',
  'interfaces',
  'route',
] as const;
/** A probe whose output can be pasted. */
export type PasteableProbe = (typeof PASTEABLE_PROBES)[number];

/** True when a probe's server-side output can be pasted. */
export function isPasteable(probe: ProbeId): probe is PasteableProbe {
  return (PASTEABLE_PROBES as readonly string[]).includes(probe);
}

/** What the requests are built from. */
export interface RequestParams {
  target: Target;
  timeoutMs: number;
  service?: string;
  /** The address the client reaches, when the target is a name and it has resolved. */
  address?: string;
  /**
   * The client's own source address towards the target (its route's `src`), when known:
   * the firewall rules are evaluated for it.
   */
  clientAddress?: string;
}

/** The request for one probe from one vantage, for this target. */
export function requestFor(probe: ProbeId, vantage: Vantage, p: RequestParams): ProbeRequest {
  const { target, timeoutMs } = p;
  const literal = isIPv4(target.host) || isIPv6(target.host) ? target.host : undefined;
  const address = literal ?? p.address;
  const withAddress = address !== undefined ? { address } : {};
  switch (probe) {
    case 'dns':
      return { probe, vantage, host: target.host, timeoutMs };
    case 'interfaces':
      return { probe, vantage, timeoutMs };
    case 'service':
      return { probe, vantage, target, ...(p.service ? { service: p.service } : {}), timeoutMs };
    case 'sweep':
      return { probe, vantage, host: target.host, timeoutMs };
    case 'firewall': {
      const source =
        p.clientAddress !== undefined
          ? { clientAddress: p.clientAddress, clientAddressFrom: 'client-route' as const }
          : {};
      return { probe, vantage, target, ...withAddress, ...source, timeoutMs };
    }
    default:
      return { probe, vantage, target, ...withAddress, timeoutMs };
  }
}

/** The request of one gather check. */
export function gatherRequest(key: GatherKey, p: RequestParams): ProbeRequest {
  const { probe, vantage } = GATHER_PROBES[key];
  return requestFor(probe, vantage, p);
}

/** Ports commonly used instead of one another (dev servers, proxies, TLS). */
const COMMON_PORTS = [22, 80, 443, 3000, 5000, 8000, 8080, 8443, 8888, 9000];

/**
 * The ports the sweep hint tries after a client-only refusal: the neighbours of the port
 * (±5) and the common alternates — a few dozen at most, never the port itself.
 */
export function sweepHintPorts(port: number): number[] {
  const near = Array.from({ length: 11 }, (_, i) => port - 5 + i);
  const all = new Set([...near, ...COMMON_PORTS]);
  return [...all].filter((p) => p >= 1 && p <= 65535 && p !== port).sort((a, b) => a - b);
}

/**
 * The process whose configuration the `config` probe reads: the owner of the listener bound
 * to another address — the service's main process when it shares the socket (nginx's
 * master, not a worker). Null when no owner is visible.
 */
export function configPid(evidence: readonly Evidence[], target: Target | null): number | null {
  if (!target) return null;
  const on = listenersOnOtherAddress({ target, evidence }) ?? [];
  const main = serviceData(evidence)?.mainPid ?? null;
  for (const l of on) {
    const pids = [...(l.pid !== null ? [l.pid] : []), ...(l.pids ?? [])];
    if (main !== null && pids.includes(main)) return main;
  }
  return on.find((l) => l.pid !== null)?.pid ?? null;
}

/**
 * Moving the service (wrong-port): the one port the expected service listens on instead,
 * and the process that owns that listener (its main pid first). Null when the service
 * listens on several ports, the target port is taken, or no listener names a process.
 */
export function moveFrom(
  evidence: readonly Evidence[],
  target: Target | null,
): { port: number; pid: number } | null {
  if (!target) return null;
  const input = { target, evidence };
  if (!serviceOnOtherPort(input) || !noListener(input)) return null;
  const [port, ...more] = servicePorts(input);
  if (port === undefined || more.length > 0) return null;
  const main = serviceData(evidence)?.mainPid ?? null;
  const on = (listenersData(evidence)?.listeners ?? []).filter((l) => l.port === port);
  const pidsOf = (l: (typeof on)[number]) => [
    ...(l.pid !== null ? [l.pid] : []),
    ...(l.pids ?? []),
  ];
  if (main !== null && on.some((l) => pidsOf(l).includes(main))) return { port, pid: main };
  const pid = on.find((l) => l.pid !== null)?.pid ?? null;
  return pid !== null ? { port, pid } : null;
}
