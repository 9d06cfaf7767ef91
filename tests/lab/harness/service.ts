import { spawn, type ChildProcess } from 'node:child_process';
import type { Lab } from './lab';
import { sleep, waitFor } from './proc';

/** Options of {@link startService}. */
export interface ServiceOptions {
  /** Wait until something listens on this TCP port in the namespace. */
  waitPort?: number;
  /** Give up waiting after this long (default 5 s). */
  readyTimeoutMs?: number;
}

/** A process running inside a lab namespace. */
export interface LabProcess {
  /** Its pid (the same inside the namespace: only the network is separate). */
  pid: number;
  child: ChildProcess;
  /** What it printed so far (stdout and stderr, capped). */
  output: () => string;
  /** SIGTERM, then SIGKILL; resolves when it has exited. Idempotent. */
  stop: () => Promise<void>;
}

const OUTPUT_CAP = 256 * 1024;

/** Stops a child process: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const first = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (first) return;
  child.kill('SIGKILL');
  await Promise.race([exited, sleep(2000)]);
}

// A minimal TCP listener: accepts and closes. (python3 -m http.server would do a reverse
// DNS lookup of its bind address before listening, which stalls inside a namespace.)
const LISTENER_PY = `
import socket, sys
host, port, v6only, dev = sys.argv[1], int(sys.argv[2]), sys.argv[3] == '1', sys.argv[4]
fam = socket.AF_INET6 if ':' in host else socket.AF_INET
s = socket.socket(fam, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
if fam == socket.AF_INET6:
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if v6only else 0)
if dev:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, dev.encode())
s.bind(socket.getaddrinfo(host, port, fam, socket.SOCK_STREAM)[0][4])
s.listen(64)
while True:
    c, _ = s.accept()
    c.close()
`;

/**
 * argv of a minimal real TCP server listening on host:port (IPv6 if host has a colon;
 * \`::\` is dual-stack unless \`v6only\`; \`device\` binds to one interface, shown as \`%dev\`).
 */
export function tcpListenerArgv(
  host: string,
  port: number,
  opts: { v6only?: boolean; device?: string } = {},
): string[] {
  return [
    '/usr/bin/python3',
    '-c',
    LISTENER_PY,
    host,
    String(port),
    opts.v6only ? '1' : '0',
    opts.device ?? '',
  ];
}

/** True when something listens on TCP `port` inside the lab namespace. */
export function listening(lab: Lab, port: number): boolean {
  const r = lab.exec(['ss', '-Hltn', `sport = :${port}`]);
  return r.code === 0 && r.stdout.trim() !== '';
}

/**
 * Starts `argv` inside the lab's server namespace (`ip netns exec` execs it, so the pid is
 * the program's own), e.g. `['python3', '-m', 'http.server', '8080', '--bind', addr]`.
 * It is stopped by `stop()` or when the lab is destroyed.
 */
export async function startService(
  lab: Lab,
  argv: readonly string[],
  opts: ServiceOptions = {},
): Promise<LabProcess> {
  const child = spawn('ip', ['netns', 'exec', lab.ns, ...argv], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (b: Buffer) => {
    if (out.length < OUTPUT_CAP) out += b.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const spawned = await new Promise<boolean>((resolve) => {
    child.once('spawn', () => resolve(true));
    child.once('error', () => resolve(false));
  });
  if (!spawned || child.pid === undefined) throw new Error(`could not start ${argv.join(' ')}`);
  const proc: LabProcess = {
    pid: child.pid,
    child,
    output: () => out,
    stop: () => stopChild(child),
  };
  lab.onDestroy(proc.stop);
  if (opts.waitPort !== undefined) {
    const port = opts.waitPort;
    try {
      await waitFor(
        `${argv[0] ?? '?'} to listen on ${port}`,
        () => {
          if (child.exitCode !== null) throw new Error(`${argv.join(' ')} exited: ${out.trim()}`);
          return listening(lab, port);
        },
        opts.readyTimeoutMs ?? 5000,
      );
    } catch (e) {
      await proc.stop();
      throw e;
    }
  }
  return proc;
}
