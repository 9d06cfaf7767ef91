import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Outcome } from '../../../shared/causes';
import type { Evidence } from '../../../shared/evidence';
import type { ConnectAttempt, ConnectData, ConnectResult } from '../../../shared/probe-data';
import { formatTarget } from '../../../shared/target';
import type { ExecutorConnectResult } from '../exec/executor';
import type { ProbeRunner } from './registry';
import { familyOf, resolveAll } from './resolve';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';
import { msg, type Message, type MessageParams } from '../../../shared/i18n/message';
import { english } from '../../../shared/i18n/translate';

export { lookupAll, resolveAll, type ResolvedAddress, type ResolveResult } from './resolve';

/** Maps a Node/errno code of a failed connect to the finer {@link ConnectResult}. */
export function classifyConnectError(code: string | undefined): ConnectResult {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'EHOSTUNREACH':
      return 'host-unreachable';
    case 'ENETUNREACH':
      return 'net-unreachable';
    // prohibit routes give EACCES, blackhole routes EINVAL, a local firewall EPERM.
    case 'EACCES':
    case 'EPERM':
    case 'EINVAL':
      return 'prohibited';
    case 'ECONNRESET':
      return 'reset';
    default:
      return 'error';
  }
}

/** Maps one attempt's result to what the client saw (DESIGN §3 `outcome`). */
export function outcomeOf(result: ConnectResult): Outcome {
  switch (result) {
    case 'ok':
      return 'ok';
    case 'refused':
      return 'refused';
    case 'timeout':
      return 'timeout';
    case 'reset':
      return 'reset';
    default:
      return 'unreachable';
  }
}

/**
 * One TCP connect to one address literal (no lookup), ended by our own timeout, a
 * network error or `signal`. Never rejects. The socket is destroyed as soon as the
 * outcome is known.
 */
export function connectOnce(
  address: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ConnectAttempt> {
  const family = familyOf(address);
  const started = performance.now();
  if (signal?.aborted) {
    return Promise.resolve({ address, family, result: 'error', errno: 'ABORT_ERR', ms: 0 });
  }
  return new Promise((resolve) => {
    const socket = new Socket();
    const timer = setTimeout(() => finish('timeout', 'ETIMEDOUT'), timeoutMs);
    const finish = (result: ConnectResult, errno?: string): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      const ms = Math.round((performance.now() - started) * 100) / 100;
      resolve(
        errno === undefined
          ? { address, family, result, ms }
          : { address, family, result, errno, ms },
      );
    };
    const onAbort = (): void => finish('error', 'ABORT_ERR');
    socket.once('connect', () => finish('ok'));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      finish(classifyConnectError(err.code), err.code ?? 'UNKNOWN'),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.connect({ host: address, port, family });
  });
}

/** The message slot of each failed result (`evidence.connect.failed.SLOT`), in order. */
const FAILED_SLOTS = [
  ['refused', 'refused'],
  ['timeout', 'timeout'],
  ['host-unreachable', 'hostUnreachable'],
  ['net-unreachable', 'netUnreachable'],
  ['prohibited', 'prohibited'],
  ['reset', 'reset'],
  ['error', 'error'],
] as const;

/** An attempt's errno as shown (`EACCES` for a prohibited one without its own). */
const errnoOf = (a: ConnectAttempt) =>
  a.errno ?? (a.result === 'prohibited' ? 'EACCES' : 'unknown error');

/**
 * The failed attempts as message params, grouped by result: for each slot `SLOT` is
 * `some` or `none`, `SLOTAt` the addresses, `SLOTSep` "; " before all but the first group;
 * a timeout shows the longest wait, prohibited and other errors their errnos.
 */
function failedParams(failed: readonly ConnectAttempt[], port: number): MessageParams {
  const params: MessageParams = {};
  let first = true;
  for (const [result, slot] of FAILED_SLOTS) {
    const group = failed.filter((a) => a.result === result);
    if (group.length === 0) {
      params[slot] = 'none';
      continue;
    }
    params[slot] = 'some';
    params[`${slot}Sep`] = first ? '' : '; ';
    params[`${slot}At`] = group.map((a) => endpoint(a.address, port)).join(', ');
    if (slot === 'timeout') params.timeoutMs = Math.max(...group.map((a) => Math.round(a.ms)));
    if (slot === 'prohibited' || slot === 'error')
      params[`${slot}Errno`] = [...new Set(group.map(errnoOf))].join(', ');
    first = false;
  }
  return params;
}

function endpoint(address: string, port: number): string {
  return formatTarget({ host: address, port });
}

/** Decides the outcome of all attempts: ok if any connected, else the first in resolver order. */
export function decideOutcome(attempts: readonly ConnectAttempt[]): Outcome {
  if (attempts.some((a) => a.result === 'ok')) return 'ok';
  const first = attempts[0];
  return first ? outcomeOf(first.result) : 'unreachable';
}

/** One sentence about the attempts, naming the failed addresses when some connected. */
export function summarizeConnect(data: ConnectData): string {
  return english(connectMessage(data));
}

/** {@link summarizeConnect} as a message. */
export function connectMessage(data: ConnectData): Message {
  const where = formatTarget({ host: data.host, port: data.port });
  const from = data.from === 'server' ? 'server' : 'client';
  if (data.dnsError) {
    return msg('evidence.dns.notResolving', { name: data.host, error: data.dnsError, hosts: '' });
  }
  const ok = data.attempts.filter((a) => a.result === 'ok');
  const failed = data.attempts.filter((a) => a.result !== 'ok');
  const failedText = failedParams(failed, data.port);
  if (ok.length > 0) {
    const via = ok.map((a) => endpoint(a.address, data.port)).join(', ');
    return failed.length > 0
      ? msg('evidence.connect.acceptsWarning', { where, from, via, ...failedText })
      : msg('evidence.connect.accepts', { where, from, via });
  }
  const first = data.attempts[0];
  if (!first) return msg('evidence.connect.nothing', { where });
  if (data.attempts.length === 1 && first.address === data.host) {
    return msg('evidence.connect.one', {
      where,
      from,
      result: first.result,
      ms: Math.round(first.ms),
      errno: errnoOf(first),
    });
  }
  return msg('evidence.connect.many', { where, from, ...failedText });
}

/**
 * Connects to every address of `host` in parallel, each within `timeoutMs`, and returns
 * the attempts in resolver order with the decided outcome.
 */
export async function connectAll(
  host: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ConnectData> {
  const resolved = await resolveAll(host);
  if (!resolved.ok) {
    return {
      host,
      port,
      addresses: [],
      attempts: [],
      outcome: 'dns-failure',
      dnsError: resolved.code,
      from: 'client',
    };
  }
  const attempts = await Promise.all(
    resolved.addresses.map((a) => connectOnce(a.address, port, timeoutMs, signal)),
  );
  return {
    host,
    port,
    addresses: resolved.addresses.map((a) => a.address),
    attempts,
    outcome: decideOutcome(attempts),
    from: 'client',
  };
}

/** Turns an executor's self-connect answer into one attempt. */
export function attemptFromExecutor(address: string, r: ExecutorConnectResult): ConnectAttempt {
  const family = familyOf(address);
  if (r.ok) return { address, family, result: 'ok', ms: r.ms };
  return {
    address,
    family,
    result: classifyConnectError(r.code),
    errno: r.code ?? 'UNKNOWN',
    ms: r.ms,
  };
}

function toConnectEvidence(data: ConnectData, ms: number): Evidence {
  return {
    probe: 'connect',
    vantage: data.from,
    command: [],
    ok: data.outcome === 'ok',
    status: data.outcome === 'ok' ? 'pass' : 'fail',
    summary: summarizeConnect(data),
    message: connectMessage(data),
    data,
    ms,
  };
}

function inconclusive(vantage: 'client' | 'server', reason: Message, ms: number): Evidence {
  return inconclusiveEvidence('connect', vantage, [], reason, { ms });
}

/**
 * `connect` probe: the TCP handshake, the ground truth (any OS). Client vantage connects
 * from this machine to every address of the target in parallel and classifies each
 * attempt (refused / timeout / host or net unreachable / prohibited / reset / ok).
 * Server vantage asks the server's executor to connect to itself (`req.address`, else the
 * target host), which separates "the service is broken" from "the path is blocked".
 */
export const connectProbe: ProbeRunner = async (req, ctx) => {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  if (!req.target)
    return inconclusive(req.vantage, msg('evidence.needsTarget', { probe: 'connect' }), 0);
  const { host, port } = req.target;
  if (req.vantage === 'client') {
    const data = await connectAll(host, port, req.timeoutMs, ctx.signal);
    if (ctx.signal?.aborted)
      return inconclusive('client', msg('evidence.cancelled', { probe: 'connect' }), elapsed());
    return toConnectEvidence(data, elapsed());
  }
  const server = ctx.server;
  if (!server?.connect) {
    return inconclusive('server', msg('evidence.connect.serverCannot'), elapsed());
  }
  const address = req.address ?? host;
  const r = await server.connect(address, port, { timeoutMs: req.timeoutMs, signal: ctx.signal });
  if (ctx.signal?.aborted)
    return inconclusive('server', msg('evidence.cancelled', { probe: 'connect' }), elapsed());
  const attempt = attemptFromExecutor(address, r);
  if (attempt.result === 'error' && (r.code === 'ENOTFOUND' || r.code === 'EAI_AGAIN')) {
    const data: ConnectData = {
      host: address,
      port,
      addresses: [],
      attempts: [],
      outcome: 'dns-failure',
      dnsError: r.code,
      from: 'server',
    };
    return toConnectEvidence(data, elapsed());
  }
  if (attempt.result === 'error') {
    // Not an answer from the network (e.g. the SSH server refuses to forward): no verdict.
    const why = r.message ?? r.code ?? 'unknown error';
    return inconclusive('server', msg('evidence.connect.serverFailed', { error: why }), elapsed());
  }
  const data: ConnectData = {
    host: address,
    port,
    addresses: [address],
    attempts: [attempt],
    outcome: decideOutcome([attempt]),
    from: 'server',
  };
  return toConnectEvidence(data, elapsed());
};
