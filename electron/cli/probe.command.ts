import { PROBE_IDS, type ProbeId, type Vantage } from '../../shared/evidence';
import type { ProbeRequest } from '../../shared/probe-request';
import { isIPv4, isIPv6, parseHostPort, type Target } from '../../shared/target';
import { runProbe } from '../engine/engine';
import { createLocalExecutor } from '../engine/exec/local';
import type { Executor } from '../engine/exec/executor';
import { msg } from '../../shared/i18n/message';
import { CliError, usageError } from './cli-error';
import {
  hostArg,
  portsOpt,
  serviceOpt,
  sshOpt,
  targetArg,
  timeoutOpt,
  type AccessOptions,
} from './options';
import { painter, renderEvidence } from './render';
import { envLang } from './report-file';
import { openSsh } from './server-access';

/** Options of `conndoctor probe`. */
export interface ProbeCliOptions extends AccessOptions {
  ports?: string;
  /** firewall: the client address the rules are evaluated for. */
  source?: string;
}

const USAGE = 'conndoctor probe';

/**
 * Where each probe looks from without --ssh: the client side, or the server (this machine).
 * With --ssh, DESIGN §2's table: route runs on the server too (see {@link vantageOf}).
 */
const VANTAGE: Record<ProbeId, Vantage> = {
  connect: 'client',
  dns: 'client',
  route: 'client',
  sweep: 'client',
  listeners: 'server',
  service: 'server',
  interfaces: 'server',
  firewall: 'server',
  capture: 'server',
  config: 'server',
};

/**
 * DESIGN §2: with --ssh, listeners, service, interfaces, route, firewall and capture run
 * on the server; connect, dns and sweep from here. Without it every probe runs here.
 */
export function vantageOf(probe: ProbeId, ssh: boolean): Vantage {
  return ssh && probe === 'route' ? 'server' : VANTAGE[probe];
}

/** Builds the probe request from NAME, HOST:PORT and the options (exit 2 on bad input). */
export function probeRequest(
  name: string,
  arg: string | undefined,
  o: ProbeCliOptions,
): ProbeRequest {
  if (!(PROBE_IDS as readonly string[]).includes(name)) {
    throw usageError(msg('cli.error.unknownProbe', { name, names: PROBE_IDS.join(', ') }), USAGE);
  }
  const probe = name as ProbeId;
  const vantage = vantageOf(probe, o.ssh !== undefined);
  const timeoutMs = timeoutOpt(o.timeout, USAGE);
  const service = serviceOpt(o.service, USAGE);
  const base = { probe, vantage, timeoutMs };
  const optionalTarget = (): Target | undefined =>
    arg === undefined ? undefined : targetArg(arg, USAGE);
  if (o.ports !== undefined && probe !== 'sweep')
    throw usageError(msg('cli.error.portsOnlySweep'), USAGE);
  if (o.source !== undefined && probe !== 'firewall')
    throw usageError(msg('cli.error.sourceOnlyFirewall'), USAGE);
  switch (probe) {
    case 'connect':
    case 'route':
    case 'capture':
    case 'config':
      return { ...base, target: targetArg(arg, USAGE) };
    case 'firewall': {
      const target = optionalTarget();
      const source = sourceOpt(o.source);
      if (!target) {
        if (source) throw usageError(msg('cli.error.sourceNeedsTarget'), USAGE);
        return base;
      }
      const literal = isIPv4(target.host) || isIPv6(target.host);
      return {
        ...base,
        target,
        ...(literal ? { address: target.host } : {}),
        ...(source ? { clientAddress: source, clientAddressFrom: 'given' as const } : {}),
      };
    }
    case 'dns': {
      if (arg === undefined) throw usageError(msg('cli.error.dnsNeedsHost'), USAGE);
      const hp = parseHostPort(arg);
      return { ...base, host: hp.ok ? hp.value.host : hostArg(arg, USAGE) };
    }
    case 'sweep': {
      if (arg === undefined) throw usageError(msg('cli.error.sweepNeedsHost'), USAGE);
      const hp = parseHostPort(arg);
      const host = hp.ok ? hp.value.host : hostArg(arg, USAGE);
      const ports = portsOpt(o.ports ?? '1-1024', USAGE);
      return 'list' in ports ? { ...base, host, portList: ports.list } : { ...base, host, ports };
    }
    case 'service': {
      const target = optionalTarget();
      if (!service && !target) throw usageError(msg('cli.error.serviceNeedsTarget'), USAGE);
      return { ...base, ...(target ? { target } : {}), ...(service ? { service } : {}) };
    }
    case 'listeners':
    case 'interfaces': {
      const target = optionalTarget();
      return target ? { ...base, target } : base;
    }
  }
}

/** `--source ADDR`: an IPv4 or IPv6 address (zone id allowed), else exit 2. */
function sourceOpt(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const s = text.trim();
  if (!isIPv4(s) && !isIPv6(s))
    throw usageError(msg('cli.error.sourceInvalid', { value: text }), USAGE);
  return s;
}

/** `conndoctor probe NAME [HOST:PORT]`: one probe, one evidence object; returns the exit status. */
export async function probeCommand(
  name: string,
  arg: string | undefined,
  o: ProbeCliOptions,
): Promise<number> {
  const req = probeRequest(name, arg, o);
  await sshOpt(o.ssh, USAGE);
  const client = createLocalExecutor();
  let server: Executor = client;
  if (o.ssh) server = await openSsh(o, req.timeoutMs ?? 3000);
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    const evidence = await runProbe(await withClientSource(req, client), {
      client,
      server,
      signal: ac.signal,
    });
    if (ac.signal.aborted)
      throw new CliError(3, msg('cli.error.probeInterrupted', { probe: req.probe }));
    if (o.json) process.stdout.write(JSON.stringify(evidence, null, 2) + '\n');
    else process.stdout.write(renderEvidence(evidence, painter(process.stdout), envLang()));
    return evidence.status === 'pass' ? 0 : 1;
  } finally {
    process.removeListener('SIGINT', onSigint);
    if (server !== client) await server.close();
    await client.close();
  }
}

/**
 * The source address this machine uses to reach the target, from its own route: the
 * server's route is looked up toward it (the return path), and the firewall rules are
 * evaluated for it (unless `--source` named another). Without it the route probe falls
 * back to the target address, and rules on the source stay undecidable.
 */
export async function withClientSource(req: ProbeRequest, client: Executor): Promise<ProbeRequest> {
  const wants =
    (req.probe === 'route' && req.vantage === 'server') ||
    (req.probe === 'firewall' && req.clientAddress === undefined);
  if (!wants || !req.target) return req;
  const mine = await runProbe(
    { probe: 'route', vantage: 'client', target: req.target, timeoutMs: req.timeoutMs },
    { client, server: null },
  );
  const route = mine.data as { src?: unknown; destination?: unknown } | null;
  const ip = (a: unknown): a is string => typeof a === 'string' && (isIPv4(a) || isIPv6(a));
  if (!ip(route?.src)) return req;
  if (req.probe === 'route') return { ...req, clientAddress: route.src };
  // A name target: the firewall evaluates the address the client's route was looked up for.
  const address = req.address ?? (ip(route.destination) ? route.destination : undefined);
  return {
    ...req,
    ...(address ? { address } : {}),
    clientAddress: route.src,
    clientAddressFrom: 'client-route',
  };
}
