import type { Evidence } from '../../../shared/evidence';
import type { CaptureData } from '../../../shared/probe-data';
import { isIPv4, isIPv6 } from '../../../shared/target';
import type { ExecResult } from '../exec/executor';
import { connectOnce, lookupAll } from './connect.probe';
import { parseCapture } from './capture-parse';
import { inconclusiveParse, type Parsed } from './define';
import { msg, type Message } from '../../../shared/i18n/message';
import type { ProbeRunner } from './registry';
import { execFailureMessage, sanitizeOutput, toEvidence } from './run-command-probe';

/** How long to wait for tcpdump to be capturing before giving up on proving it. */
const ARM_TIMEOUT_MS = 3000;
/** The capture's own connect waits at least this long for an answer. */
const MIN_LISTEN_MS = 300;
/**
 * After the client's connect was answered, the longest tcpdump may take to print the SYN and
 * that answer (it exits as soon as it has both, so this is spent only when it shows less:
 * an answer from upstream, or a busy server slow to print — 150 ms once missed one there).
 */
const SETTLE_MS = 600;

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

function tcpdumpFailure(r: ExecResult): Message | null {
  const err = r.stderr;
  if (
    /failed to run command .?tcpdump|tcpdump: (?:command )?not found|No such file or directory/.test(
      err,
    )
  )
    return msg('evidence.capture.tcpdumpMissing');
  if (/You don't have permission|Operation not permitted/.test(err))
    return msg('evidence.capture.tcpdumpNeedsRoot');
  if (
    r.error?.code === 'aborted' ||
    r.error?.code === 'timeout' ||
    r.exitCode === 0 ||
    r.exitCode === 124
  )
    return null;
  return (
    execFailureMessage(r) ??
    (r.exitCode !== 0
      ? msg('evidence.command.failedWhy', {
          command: 'tcpdump',
          error: err.trim().split('\n').pop() ?? '',
        })
      : null)
  );
}

/**
 * `capture` probe (server vantage, Linux tcpdump, needs root or sudo): captures on the
 * server while this machine connects once to the target, then says what the server saw —
 * the SYN or not, and its answer: SYN-ACK, RST, ICMP unreachable (type/code) or nothing.
 * This tells an empty port (RST) from a REJECT (ICMP) from a DROP (silence) from a filter
 * upstream (no SYN). The capture is proven running (tcpdump's own "listening on", printed
 * once its filter is attached) before the client connects, and ends as soon as the answer
 * is seen.
 */
export const captureProbe: ProbeRunner = async (req, ctx) => {
  const started = Date.now();
  const done = (
    parsed: Parsed<CaptureData>,
    argv: readonly string[] = [],
    raw?: string,
  ): Evidence => toEvidence('capture', 'server', argv, parsed, Date.now() - started, raw);
  if (!req.target)
    return done(inconclusiveParse(msg('evidence.needsTarget', { probe: 'capture' })));
  const server = ctx.server;
  if (!server) return done(inconclusiveParse(msg('evidence.noServerAccess')));
  const { port } = req.target;
  let address = req.target.host;
  if (!isIPv4(address) && !isIPv6(address)) {
    const r = await lookupAll(address);
    if (!r.ok || !r.addresses[0]) {
      return done(
        inconclusiveParse(
          msg('evidence.dns.notResolving', {
            name: address,
            error: r.ok ? 'no address' : r.code,
            hosts: '',
          }),
        ),
      );
    }
    address = r.addresses[0].address;
  }
  const seconds = Math.ceil((ARM_TIMEOUT_MS + req.timeoutMs + 1000) / 1000);
  const argv = captureArgv(port, seconds);

  // tcpdump says "listening on …" once its socket is open with the filter attached: that
  // line is the proof it is armed — no fixed settle delay, no polling of the socket table.
  let stdout = '';
  let stderr = '';
  let finished = false;
  const wake = new Set<() => void>();
  const notify = () => {
    for (const w of wake) w();
  };
  const until = (cond: () => boolean, ms: number) =>
    new Promise<void>((resolve) => {
      if (cond()) return resolve();
      const check = () => {
        if (!cond()) return;
        clearTimeout(t);
        wake.delete(check);
        resolve();
      };
      const t = setTimeout(() => {
        wake.delete(check);
        resolve();
      }, ms);
      wake.add(check);
    });
  const armedNow = () => /(^|\n)(tcpdump: )?listening on /.test(stderr);

  const stop = new AbortController();
  const onAbort = () => {
    stop.abort();
    notify();
  };
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  const running = server
    .run({
      argv,
      privileged: true,
      timeoutMs: seconds * 1000 + 5000,
      signal: stop.signal,
      onOutput: (stream, chunk) => {
        if (stream === 'stdout') stdout += chunk;
        else stderr += chunk;
        notify();
      },
    })
    .finally(() => {
      finished = true;
      notify();
    });
  try {
    await until(() => finished || armedNow() || stop.signal.aborted, ARM_TIMEOUT_MS);
    const armed = armedNow();
    if (finished) {
      const r = await running;
      const why = tcpdumpFailure(r) ?? msg('evidence.capture.endedEarly');
      return done(inconclusiveParse(why), argv, sanitizeOutput(r.stdout + r.stderr));
    }
    // The capture's connect ends when the client's own (started with the diagnosis) does:
    // the time spent arming comes off its timeout, so a DROP is done within the timeout.
    // An answer takes a round trip; MIN_LISTEN_MS leaves room for one however long arming took.
    const listenMs = Math.max(
      Math.min(MIN_LISTEN_MS, req.timeoutMs),
      started + req.timeoutMs - Date.now(),
    );
    const client = await connectOnce(address, port, listenMs, ctx.signal);
    // Stop as soon as the capture holds what it waits for: the SYN and its answer (tcpdump
    // exits by itself after those two packets), or — the connect having timed out — the
    // SYN with no answer, or nothing at all: waiting longer would not change either.
    const seen = () => parseCapture({ stdout, stderr: '', exitCode: 0 }, port, armed).data;
    const answered = () => {
      const d = seen();
      return d !== undefined && d.synSeen && d.answer !== 'none';
    };
    if (client.result !== 'timeout') await until(() => finished || answered(), SETTLE_MS);
    stop.abort();
    const r = await running;
    const failure = tcpdumpFailure(r);
    const raw = sanitizeOutput(r.stdout + r.stderr);
    if (failure) return done(inconclusiveParse(failure), argv, raw);
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
