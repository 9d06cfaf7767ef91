import type { ProbeRequest } from '../../../shared/probe-request';
import type { RouteData } from '../../../shared/probe-data';
import { isIPv4, isIPv6 } from '../../../shared/target';
import { lookupAll } from './connect.probe';
import { defineProbe, inconclusiveParse, verdict, type Parsed, type RawOutput } from './define';
import { msg } from '../../../shared/i18n/message';
import type { ProbeRunner } from './registry';
import { runCommandProbe } from './run-command-probe';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** What the kernel's route lookup errors mean (the route types `ip route get` cannot print). */
const RTNETLINK_ERRORS: { re: RegExp; type: RouteData['type'] }[] = [
  { re: /No route to host/i, type: 'unreachable' },
  { re: /Permission denied/i, type: 'prohibit' },
  { re: /Invalid argument/i, type: 'blackhole' },
  { re: /Network is unreachable/i, type: 'none' },
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
      return verdict(
        'fail',
        { destination, type: known.type, error: err.split('\n')[0] ?? err },
        msg('evidence.route.noUsableRoute', {
          destination,
          type: known.type,
          error: err.replace(/^RTNETLINK answers:\s*/, ''),
        }),
      );
    }
    return inconclusiveParse(
      err
        ? msg('evidence.command.failedWhy', {
            command: 'ip route get',
            error: err.split('\n')[0] ?? '',
          })
        : msg('evidence.command.failed', { command: 'ip route get' }),
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(out.stdout);
  } catch {
    return inconclusiveParse(msg('evidence.command.noJson', { command: 'ip -j route get' }));
  }
  const r: unknown = Array.isArray(json) ? json[0] : undefined;
  if (!isRecord(r))
    return inconclusiveParse(msg('evidence.route.noRoutePrinted', { command: 'ip -j route get' }));
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
    return verdict('fail', data, msg('evidence.route.ofType', { destination, type }));
  }
  const how =
    type === 'local'
      ? msg('evidence.route.local', { destination, dev: data.dev ?? 'lo' })
      : msg(data.via ? 'evidence.route.via' : 'evidence.route.direct', {
          destination,
          dev: data.dev ?? '?',
          ...(data.via ? { via: data.via } : {}),
          fromKind: data.src ? 'src' : 'none',
          ...(data.src ? { src: data.src } : {}),
        });
  return verdict('pass', data, how);
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
    return d ? parseRouteGet(out, d) : inconclusiveParse(msg('evidence.route.needsIp'));
  },
});

/** Runs the route probe; a client-side host name is resolved first (first address). */
export const routeProbe: ProbeRunner = async (req, ctx) => {
  const started = Date.now();
  const executor = req.vantage === 'server' ? ctx.server : ctx.client;
  if (!executor) {
    return inconclusiveEvidence('route', req.vantage, [], msg('evidence.noServerAccess'));
  }
  let request: ProbeRequest = req;
  if (!routeDestination(req) && req.vantage === 'client' && req.target) {
    const r = await lookupAll(req.target.host);
    if (!r.ok || !r.addresses[0]) {
      return inconclusiveEvidence(
        'route',
        'client',
        [],
        msg('evidence.route.notResolvable', { host: req.target.host }),
        { ms: Date.now() - started },
      );
    }
    request = { ...req, address: r.addresses[0].address };
  }
  if (!routeDestination(request)) {
    return inconclusiveEvidence('route', req.vantage, [], msg('evidence.route.needsTarget'), {
      ms: Date.now() - started,
    });
  }
  return runCommandProbe(routeCommandProbe, request, executor, req.vantage, {
    signal: ctx.signal,
    timeoutMs: Math.max(req.timeoutMs, 5000),
  });
};
