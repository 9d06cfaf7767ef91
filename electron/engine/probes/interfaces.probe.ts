import type { ProbeRequest } from '../../../shared/probe-request';
import type { InterfacesData } from '../../../shared/probe-data';
import { isIPv4, isIPv6 } from '../../../shared/target';
import { defineProbe, inconclusiveParse, verdict, type Parsed, type RawOutput } from './define';
import { msg } from '../../../shared/i18n/message';
import type { ProbeRunner } from './registry';
import { runCommandProbe } from './run-command-probe';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';

type Iface = InterfacesData['interfaces'][number];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Operational states in which an interface cannot carry traffic. */
const DEAD_OPERSTATES = new Set(['DOWN', 'LOWERLAYERDOWN', 'NOTPRESENT']);

/** True when the interface can carry traffic: administratively up and not operationally dead. */
export function interfaceUsable(i: Iface): boolean {
  return i.up && !DEAD_OPERSTATES.has(i.operState);
}

/** Pure parser of `ip -j addr` (iproute2 JSON): interfaces, link flags, operstate, addresses. */
export function parseIpAddrJson(stdout: string): Iface[] | null {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return null;
  }
  if (!Array.isArray(json)) return null;
  const out: Iface[] = [];
  for (const item of json) {
    if (!isRecord(item) || typeof item.ifname !== 'string') continue;
    const flags = Array.isArray(item.flags) ? item.flags.filter((f) => typeof f === 'string') : [];
    const addresses: Iface['addresses'] = [];
    for (const a of Array.isArray(item.addr_info) ? item.addr_info : []) {
      if (!isRecord(a) || typeof a.local !== 'string' || typeof a.prefixlen !== 'number') continue;
      if (a.family !== 'inet' && a.family !== 'inet6') continue;
      addresses.push({
        address: a.local,
        prefix: a.prefixlen,
        family: a.family === 'inet6' ? 6 : 4,
      });
    }
    out.push({
      name: item.ifname,
      up: flags.includes('UP'),
      operState: typeof item.operstate === 'string' ? item.operstate : 'UNKNOWN',
      addresses,
    });
  }
  return out;
}

/** An interface's state: `up`, `down`, or `noCarrier` (set up, but its link is dead). */
function stateOf(i: Iface): 'up' | 'down' | 'noCarrier' {
  return i.up ? (DEAD_OPERSTATES.has(i.operState) ? 'noCarrier' : 'up') : 'down';
}

/**
 * The interfaces that are not usable as message params, grouped by why: administratively
 * down (`{{down}}`), or set up without a carrier (`{{noCarrier}}`); `notUsable` says which
 * groups there are (nested by the catalogue).
 */
function notUsable(ifaces: readonly Iface[]): {
  notUsable: 'down' | 'noCarrier' | 'both';
  down: string;
  noCarrier: string;
} {
  const names = (state: string) =>
    ifaces
      .filter((i) => stateOf(i) === state)
      .map((i) => i.name)
      .join(', ');
  const down = names('down');
  const noCarrier = names('noCarrier');
  return {
    notUsable: down && noCarrier ? 'both' : down ? 'down' : 'noCarrier',
    down,
    noCarrier,
  };
}

/**
 * Parses `ip -j addr` output; with an address, finds the interface that carries it and
 * fails when that interface is down or when no interface has the address.
 */
export function parseInterfaces(out: RawOutput, address?: string): Parsed<InterfacesData> {
  if (out.exitCode !== 0) {
    const why = out.stderr.trim().split('\n')[0] ?? '';
    return inconclusiveParse(
      why
        ? msg('evidence.command.failedWhy', { command: 'ip addr', error: why })
        : msg('evidence.command.failed', { command: 'ip addr' }),
    );
  }
  const interfaces = parseIpAddrJson(out.stdout);
  if (!interfaces)
    return inconclusiveParse(msg('evidence.command.noJson', { command: 'ip -j addr' }));
  const down = interfaces.filter((i) => !interfaceUsable(i));
  if (address === undefined) {
    return verdict(
      'pass',
      { interfaces },
      down.length
        ? msg('evidence.interfaces.someDown', { total: interfaces.length, ...notUsable(down) })
        : msg('evidence.interfaces.allUp', { total: interfaces.length }),
    );
  }
  const want = address.split('%')[0]?.toLowerCase() ?? address;
  const carrier = interfaces.find((i) => i.addresses.some((a) => a.address.toLowerCase() === want));
  if (!carrier) {
    return verdict(
      'fail',
      { interfaces, target: { address, interface: null, up: null } },
      msg('evidence.interfaces.noCarrier', { address }),
    );
  }
  const up = interfaceUsable(carrier);
  return verdict(
    up ? 'pass' : 'fail',
    { interfaces, target: { address, interface: carrier.name, up } },
    up
      ? msg('evidence.interfaces.onUp', { address, name: carrier.name })
      : msg('evidence.interfaces.onDown', {
          address,
          name: carrier.name,
          state: stateOf(carrier),
          operState: carrier.operState,
        }),
  );
}

/** The address whose interface the probe checks: `req.address`, else the target if it is an IP. */
export function interfacesAddress(req: ProbeRequest): string | undefined {
  const a = req.address ?? req.target?.host;
  return a !== undefined && (isIPv4(a) || isIPv6(a)) ? a : undefined;
}

/**
 * `interfaces` probe: the server's interfaces with their link state (IFF_UP, operstate)
 * and addresses, from `ip -j addr` (Linux iproute2). With the address the client reaches,
 * it names the interface carrying it and fails when that interface is down or when no
 * interface has the address. Needs no privilege.
 */
export const interfacesCommandProbe = defineProbe<ProbeRequest, InterfacesData>({
  id: 'interfaces',
  commands: () => [['ip', '-j', 'addr']],
  privileged: false,
  parse: (out, req) => parseInterfaces(out, interfacesAddress(req)),
});

/** Runs the interfaces probe on the server (or on this machine for the client vantage). */
export const interfacesProbe: ProbeRunner = async (req, ctx) => {
  const executor = req.vantage === 'server' ? ctx.server : ctx.client;
  if (!executor) {
    return inconclusiveEvidence('interfaces', req.vantage, [], msg('evidence.noServerAccess'));
  }
  return runCommandProbe(interfacesCommandProbe, req, executor, req.vantage, {
    signal: ctx.signal,
    timeoutMs: Math.max(req.timeoutMs, 5000),
  });
};
