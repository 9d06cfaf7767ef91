import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Evidence } from '../../../shared/evidence';
import type { SweepData } from '../../../shared/probe-data';
import { isLoopbackAddress } from '../local-host';
import { resolveAll } from './resolve';
import { sweepLane, type LaneParams, type LaneResult, type TcpWrapBinding } from './sweep-lane';
import type { ProbeRunner } from './registry';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';
import { msg, type Message } from '../../../shared/i18n/message';
import { english } from '../../../shared/i18n/translate';

/** Default range when the request names none (DESIGN §3: `--ports` default 1-1024). */
const DEFAULT_RANGE = { from: 1, to: 1024 };
/** Sockets in flight off loopback, where answers take a round trip. */
const REMOTE_CONCURRENCY = 1024;
/**
 * Sockets in flight on loopback: refusals come back within microseconds, so more in flight
 * only adds bookkeeping (measured: 32–64 beats 256 and more).
 */
const LOOPBACK_CONCURRENCY = 64;
/** Per-port bound off loopback: a DROP must not hold a lane for the whole connect timeout. */
const REMOTE_PORT_TIMEOUT_MS = 500;

/** Options of a sweep. */
export interface SweepOptions {
  /** Sockets in flight (default: 64 on loopback, 1024 elsewhere). */
  concurrency?: number;
  /** Per-port connect timeout. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** What a sweep found on one address. */
export interface SweepResult {
  open: number[];
  /** Ports that neither accepted nor refused within the timeout (filtered). */
  timedOut: number;
  scanned: number;
  aborted: boolean;
}

/** The raw TCP binding when this runtime exposes it; null falls back to `net.Socket`. */
function tcpBinding(): TcpWrapBinding | null {
  try {
    const binding = (process as unknown as { binding(name: string): unknown }).binding(
      'tcp_wrap',
    ) as Partial<TcpWrapBinding> | undefined;
    if (typeof binding?.TCP === 'function' && typeof binding.TCPConnectWrap === 'function') {
      return binding as TcpWrapBinding;
    }
  } catch {
    // Not exposed here: the net.Socket path does the same work, more slowly.
  }
  return null;
}

/**
 * Runs the sweep in this thread. Worker threads were measured and dropped: on a 2-CPU
 * machine two workers (or two processes) were no faster for 65,535 loopback ports — the
 * kernel's work per connect is the cost, and it does not scale out here.
 */
function runLane(params: LaneParams, signal?: AbortSignal): Promise<LaneResult | null> {
  return new Promise((resolve) => {
    const onAbort = (): void => {
      abort();
      resolve(null);
    };
    const abort = sweepLane(params, tcpBinding(), (r) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(r);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * TCP connect sweep of `ports` on one address literal with bounded concurrency and a
 * bounded per-port timeout. Never rejects.
 */
export async function sweepPorts(
  address: string,
  ports: ArrayLike<number>,
  opts: SweepOptions,
): Promise<SweepResult> {
  if (opts.signal?.aborted) return { open: [], timedOut: 0, scanned: 0, aborted: true };
  const loopback = isLoopbackAddress(address);
  const r = await runLane(
    {
      address,
      family: isIP(address) === 6 ? 6 : 4,
      ports,
      concurrency: opts.concurrency ?? (loopback ? LOOPBACK_CONCURRENCY : REMOTE_CONCURRENCY),
      timeoutMs: opts.timeoutMs,
    },
    opts.signal,
  );
  if (!r) return { open: [], timedOut: 0, scanned: 0, aborted: true };
  return {
    open: r.open.sort((x, y) => x - y),
    timedOut: r.timedOut,
    scanned: r.scanned,
    aborted: false,
  };
}

/** The ports a request asks for: `portList`, else `ports` (from-to), else 1-1024. */
export function portsOf(req: {
  ports?: { from: number; to: number };
  portList?: number[];
}): Uint16Array {
  if (req.portList && req.portList.length > 0) {
    return Uint16Array.from(new Set(req.portList));
  }
  const { from, to } = req.ports ?? DEFAULT_RANGE;
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const out = new Uint16Array(hi - lo + 1);
  for (let i = 0; i < out.length; i++) out[i] = lo + i;
  return out;
}

function inconclusive(reason: Message, ms: number, data: SweepData | null = null): Evidence {
  return inconclusiveEvidence('sweep', 'client', [], reason, { ms, data });
}

/** One sentence about a sweep. */
export function summarizeSweep(data: SweepData, address: string, timedOut: number): string {
  return english(sweepMessage(data, address, timedOut));
}

/** {@link summarizeSweep} as a message. */
export function sweepMessage(data: SweepData, address: string, timedOut: number): Message {
  const where = data.host === address ? address : `${data.host} (${address})`;
  const filtered = timedOut > 0 ? 'some' : 'none';
  if (data.open.length === 0)
    return msg('evidence.sweep.none', { where, scanned: data.scanned, filtered, timedOut });
  const list =
    data.open.length > 20 ? `${data.open.slice(0, 20).join(', ')}, …` : data.open.join(', ');
  return msg('evidence.sweep.open', {
    count: data.open.length,
    where,
    scanned: data.scanned,
    list,
    filtered,
    timedOut,
  });
}

/**
 * `sweep` probe (client vantage, any OS): a TCP connect sweep of `req.ports` (default
 * 1-1024) or `req.portList` on `req.host` — the "which port IS open?" hint after a
 * refused connect. Per-port timeout is the request's, capped at 500 ms off loopback.
 * Passes when at least one port is open.
 */
export const sweepProbe: ProbeRunner = async (req, ctx) => {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const host = req.host ?? req.target?.host;
  if (!host) return inconclusive(msg('evidence.needsHost', { probe: 'sweep' }), 0);
  if (req.vantage !== 'client') return inconclusive(msg('evidence.sweep.clientOnly'), 0);
  const resolved = await resolveAll(host);
  if (!resolved.ok)
    return inconclusive(
      msg('evidence.dns.notResolving', { name: host, error: resolved.code, hosts: '' }),
      elapsed(),
    );
  const first = resolved.addresses[0];
  if (!first) return inconclusive(msg('evidence.sweep.noAddress', { host }), elapsed());
  const address = first.address;
  const timeoutMs = isLoopbackAddress(address)
    ? req.timeoutMs
    : Math.min(req.timeoutMs, REMOTE_PORT_TIMEOUT_MS);
  const ports = portsOf(req);
  const r = await sweepPorts(address, ports, { timeoutMs, signal: ctx.signal });
  if (r.aborted) return inconclusive(msg('evidence.cancelled', { probe: 'sweep' }), elapsed());
  const data: SweepData = { host, open: r.open, scanned: r.scanned };
  const ok = r.open.length > 0;
  return {
    probe: 'sweep',
    vantage: 'client',
    command: [],
    ok,
    status: ok ? 'pass' : 'fail',
    summary: summarizeSweep(data, address, r.timedOut),
    message: sweepMessage(data, address, r.timedOut),
    data,
    ms: elapsed(),
  };
};
