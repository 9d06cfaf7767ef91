import type { Evidence } from '../../../shared/evidence';
import type { CaptureData } from '../../../shared/probe-data';
import { isIPv4, isIPv6 } from '../../../shared/target';
import type { Executor, ExecResult } from '../exec/executor';
import { connectOnce, lookupAll } from './connect.probe';
import { parseCapture, parsePacketSockets } from './capture-parse';
import type { Parsed } from './define';
import type { ProbeRunner } from './registry';
import { execFailureReason, sanitizeOutput, toEvidence } from './run-command-probe';

/** How long to wait for tcpdump to be capturing before giving up on proving it. */
const ARM_TIMEOUT_MS = 3000;
/** After the client's connect ends, how long the answer may take to show in the capture. */
const SETTLE_MS = 150;

/**
 * The BPF filter: handshake packets of the port (SYN, SYN-ACK, RST — so an SSH session
 * on the same port cannot fill the capture) and ICMP / ICMPv6 destination unreachable.
 */
export function captureFilter(port: number): string {
  return (
    `(tcp port ${port} and ((ip and tcp[13] & 6 != 0) or (ip6 and ip6[53] & 6 != 0)))` +
    ' or (icmp and icmp[0] == 3) or (icmp6 and ip6[40] == 1)'
  );
}

/**
 * The capture command: tcpdump on every interface, line-buffered, unbuffered capture
 * (`--immediate-mode`, or the first packets sit in the kernel ring until it fills), ending
 * after the SYN and its answer (`-c 2`), or after `seconds` at most.
 */
export function captureArgv(port: number, seconds: number): string[] {
  return [
    'timeout',
    '-s',
    'INT',
    String(seconds),
    'tcpdump',
    '-i',
    'any',
    '-nn',
    '-l',
    '--immediate-mode',
    '-c',
    '2',
    captureFilter(port),
  ];
}

/** The command that lists packet sockets with their filters (proof tcpdump is capturing). */
export const PACKET_SOCKETS_ARGV = ['ss', '-0', '-b', '-Hp'] as const;

async function tcpdumpPids(server: Executor, signal?: AbortSignal): Promise<Set<number> | null> {
  const r = await server.run({
    argv: PACKET_SOCKETS_ARGV,
    privileged: true,
    timeoutMs: 3000,
    signal,
  });
  if (r.exitCode !== 0) return null;
  const pids = parsePacketSockets(r.stdout)
    .filter((s) => s.process === 'tcpdump' && s.filterLength > 1 && s.pid !== null)
    .map((s) => s.pid ?? 0);
  return new Set(pids);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function tcpdumpFailure(r: ExecResult): string | null {
  const err = r.stderr;
  if (
    /failed to run command .?tcpdump|tcpdump: (?:command )?not found|No such file or directory/.test(
      err,
    )
  )
    return 'tcpdump is not installed on the server';
  if (/You don't have permission|Operation not permitted/.test(err))
    return 'tcpdump needs root or sudo on the server';
  if (
    r.error?.code === 'aborted' ||
    r.error?.code === 'timeout' ||
    r.exitCode === 0 ||
    r.exitCode === 124
  )
    return null;
  return (
    execFailureReason(r) ??
    (r.exitCode !== 0 ? `tcpdump failed: ${err.trim().split('\n').pop() ?? ''}` : null)
  );
}

/**
 * `capture` probe (server vantage, Linux tcpdump, needs root or sudo): captures on the
 * server while this machine connects once to the target, then says what the server saw —
 * the SYN or not, and its answer: SYN-ACK, RST, ICMP unreachable (type/code) or nothing.
 * This tells an empty port (RST) from a REJECT (ICMP) from a DROP (silence) from a filter
 * upstream (no SYN). The capture is proven running (its packet socket with the filter
 * attached, `ss -0 -b -p`) before the client connects; it lasts at most the connect timeout.
 */
export const captureProbe: ProbeRunner = async (req, ctx) => {
  const started = Date.now();
  const done = (
    parsed: Parsed<CaptureData>,
    argv: readonly string[] = [],
    raw?: string,
  ): Evidence => toEvidence('capture', 'server', argv, parsed, Date.now() - started, raw);
  if (!req.target) return done({ status: 'inconclusive', reason: 'capture needs HOST:PORT' });
  const server = ctx.server;
  if (!server) return done({ status: 'inconclusive', reason: 'no server access' });
  const { port } = req.target;
  let address = req.target.host;
  if (!isIPv4(address) && !isIPv6(address)) {
    const r = await lookupAll(address);
    if (!r.ok || !r.addresses[0]) {
      return done({
        status: 'inconclusive',
        reason: `${address} does not resolve (${r.ok ? 'no address' : r.code})`,
      });
    }
    address = r.addresses[0].address;
  }
  const seconds = Math.ceil((ARM_TIMEOUT_MS + req.timeoutMs + 1000) / 1000);
  const argv = captureArgv(port, seconds);
  const before = await tcpdumpPids(server, ctx.signal);

  const stop = new AbortController();
  const onAbort = () => stop.abort();
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  const running = server
    .run({
      argv,
      privileged: true,
      timeoutMs: seconds * 1000 + 5000,
      signal: stop.signal,
      alone: true,
    })
    .finally(() => {
      finished = true;
    });
  try {
    // Prove tcpdump is capturing: a new tcpdump packet socket with its filter attached.
    let armed = false;
    const deadline = Date.now() + ARM_TIMEOUT_MS;
    while (!armed && !finished && Date.now() < deadline && !ctx.signal?.aborted) {
      await sleep(25);
      const now = before ? await tcpdumpPids(server, ctx.signal) : null;
      if (!now) break;
      armed = [...now].some((pid) => !before?.has(pid));
    }
    if (!armed && !finished && !before) await sleep(500); // no proof possible: give it time
    if (finished) {
      const r = await running;
      const why = tcpdumpFailure(r) ?? 'tcpdump ended before the client connected';
      return done(
        { status: 'inconclusive', reason: why },
        argv,
        sanitizeOutput(r.stdout + r.stderr),
      );
    }
    const client = await connectOnce(address, port, req.timeoutMs, ctx.signal);
    const settle = Date.now() + SETTLE_MS;
    while (!finished && Date.now() < settle) await sleep(10);
    stop.abort();
    const r = await running;
    const failure = tcpdumpFailure(r);
    const raw = sanitizeOutput(r.stdout + r.stderr);
    if (failure) return done({ status: 'inconclusive', reason: failure }, argv, raw);
    const parsed = parseCapture(
      { stdout: sanitizeOutput(r.stdout), stderr: '', exitCode: 0 },
      port,
      armed,
    );
    if (parsed.data) parsed.data.client = client;
    return done(parsed, argv, raw);
  } finally {
    stop.abort();
    ctx.signal?.removeEventListener('abort', onAbort);
    await running.catch(() => undefined);
  }
};
