import type { ProbeRequest } from '../../../shared/probe-request';
import type { RouteData } from '../../../shared/probe-data';
import { isIPv4, isIPv6 } from '../../../shared/target';
import { lookupAll } from './connect.probe';
import { defineProbe, type Parsed, type RawOutput } from './define';
import type { ProbeRunner } from './registry';
import { runCommandProbe } from './run-command-probe';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** What the kernel's route lookup errors mean (the route types `ip route get` cannot print). */
const RTNETLINK_ERRORS: { re: RegExp; type: RouteData['type']; what: string }[] = [
  { re: /No route to host/i, type: 'unreachable', what: 'an "unreachable" route covers it' },
  { re: /Permission denied/i, type: 'prohibit', what: 'a "prohibit" route covers it' },
  { re: /Invalid argument/i, type: 'blackhole', what: 'a "blackhole" route covers it' },
  { re: /Network is unreachable/i, type: 'none', what: 'no route matches it' },
];

/**
 * Pure parser of `ip -j route get ADDR` (iproute2). Routes of type unreachable,
 * prohibit and blackhole make the lookup fail with an RTNETLINK error; those are reported
 * as such, never as inconclusive.
 */
export function parseRouteGet(out: RawOutput, destination: string): Parsed<RouteData> {
  const err = out.stderr.trim();
  if (out.exitCode !== 0 || (out.stdout.trim() === '' && err !== '')) {
    const known = RTNETLINK_ERRORS.find((e) => e.re.test(err));
    if (known) {
      return {
        status: 'fail',
        data: { destination, type: known.type, error: err.split('\n')[0] ?? err },
        summary: `no usable route to ${destination}: ${known.what} (${err.replace(/^RTNETLINK answers:\s*/, '')})`,
      };
    }
    return {
      status: 'inconclusive',
      reason: `ip route get failed${err ? `: ${err.split('\n')[0] ?? ''}` : ''}`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(out.stdout);
  } catch {
    return { status: 'inconclusive', reason: 'ip -j route get printed no JSON it could read' };
  }
  const r: unknown = Array.isArray(json) ? json[0] : undefined;
  if (!isRecord(r)) return { status: 'inconclusive', reason: 'ip -j route get printed no route' };
  const rawType = str(r.type) ?? 'unicast';
  const type: RouteData['type'] =
    rawType === 'local' ||
    rawType === 'unreachable' ||
    rawType === 'prohibit' ||
    rawType === 'blackhole'
      ? rawType
      : 'unicast';
  const data: RouteData = {
    destination,
    type,
    ...(str(r.dev) ? { dev: str(r.dev) } : {}),
    ...(str(r.gateway) ? { via: str(r.gateway) } : {}),
    ...(str(r.prefsrc) ? { src: str(r.prefsrc) } : {}),
  };
  if (type !== 'unicast' && type !== 'local') {
    return { status: 'fail', data, summary: `the route to ${destination} is of type ${type}` };
  }
  const how =
    type === 'local'
      ? `${destination} is an address of this host (dev ${data.dev ?? 'lo'})`
      : `${destination} is reached ${data.via ? `via ${data.via} ` : 'directly '}on ${data.dev ?? '?'}${data.src ? ` from ${data.src}` : ''}`;
  return { status: 'pass', data, summary: how };
}

/** `ip -j route get` argv for an address (a zone id becomes `oif IFACE`). */
export function routeArgv(address: string): string[] {
  const [addr, zone] = address.split('%');
  return ['ip', '-j', 'route', 'get', addr ?? address, ...(zone ? ['oif', zone] : [])];
}

/**
 * The destination of the lookup. Client: the target (resolved by the runner when a
 * name). Server: the client's address when known (the return path), else the address
 * the client reaches.
 */
export function routeDestination(req: ProbeRequest): string | undefined {
  const candidates =
    req.vantage === 'server'
      ? [req.clientAddress, req.address, req.target?.host]
      : [req.address, req.target?.host];
  return candidates.find((a) => a !== undefined && (isIPv4(a) || isIPv6(a)));
}

/**
 * `route` probe: the kernel's route to the destination (`ip -j route get`, Linux
 * iproute2) from the client or the server vantage — gateway, interface, source address,
 * or that an unreachable / prohibit / blackhole route, or no route at all, covers it.
 */
export const routeCommandProbe = defineProbe<ProbeRequest, RouteData>({
  id: 'route',
  commands: (req) => {
    const d = routeDestination(req);
    return d ? [routeArgv(d)] : [];
  },
  privileged: false,
  parse: (out, req) => {
    const d = routeDestination(req);
    return d
      ? parseRouteGet(out, d)
      : { status: 'inconclusive', reason: 'the route check needs an IP address' };
  },
});

/** Runs the route probe; a client-side host name is resolved first (first address). */
export const routeProbe: ProbeRunner = async (req, ctx) => {
  const started = Date.now();
  const executor = req.vantage === 'server' ? ctx.server : ctx.client;
  if (!executor) {
    return inconclusiveEvidence('route', req.vantage, [], 'no server access');
  }
  let request: ProbeRequest = req;
  if (!routeDestination(req) && req.vantage === 'client' && req.target) {
    const r = await lookupAll(req.target.host);
    if (!r.ok || !r.addresses[0]) {
      return inconclusiveEvidence(
        'route',
        'client',
        [],
        `${req.target.host} does not resolve, so there is no route to look up`,
        { ms: Date.now() - started },
      );
    }
    request = { ...req, address: r.addresses[0].address };
  }
  if (!routeDestination(request)) {
    return inconclusiveEvidence(
      'route',
      req.vantage,
      [],
      'the route check needs HOST:PORT or an address',
      { ms: Date.now() - started },
    );
  }
  return runCommandProbe(routeCommandProbe, request, executor, req.vantage, {
    signal: ctx.signal,
    timeoutMs: Math.max(req.timeoutMs, 5000),
  });
};
