import { spawn } from 'node:child_process';
import type {
  ExecRequest,
  ExecResult,
  Executor,
  ExecutorConnectResult,
} from '../../../electron/engine/exec/executor';

/**
 * A real "server executor" for lab tests: runs argv inside a lab namespace with
 * `ip netns exec NS` (network only), or with `nsenter` into every namespace of a lab's
 * systemd (mount, pid, net, uts, cgroup) so systemctl and journalctl talk to it.
 */
export interface NsExecutorOptions {
  /** Enter all namespaces of this process (a lab systemd's PID 1) instead of the netns only. */
  enterPid?: number;
  label?: string;
}

const DEFAULT_TIMEOUT = 10_000;
const DEFAULT_CAP = 4 * 1024 * 1024;

// `ip netns exec` and `nsenter` both report a missing program on stderr, then exit non-zero.
const NOT_FOUND_RE = /(exec of "[^"]*" failed|failed to execute [^:]*): No such file or directory/;

const CONNECT_SCRIPT = `
const net = require('node:net');
const [host, port, timeout] = process.argv.slice(1);
const t0 = Date.now();
const s = net.connect({ host, port: Number(port) });
const done = (r) => { process.stdout.write(JSON.stringify({ ...r, ms: Date.now() - t0 })); s.destroy(); process.exit(0); };
s.setTimeout(Number(timeout), () => done({ ok: false, code: 'ETIMEDOUT', message: 'timed out' }));
s.on('connect', () => done({ ok: true }));
s.on('error', (e) => done({ ok: false, code: e.code, message: e.message }));
`;

/** Creates an executor that runs commands inside the lab namespace `ns`. */
export function nsExecutor(ns: string, opts: NsExecutorOptions = {}): Executor {
  const prefix =
    opts.enterPid !== undefined
      ? ['nsenter', '-t', String(opts.enterPid), '-m', '-p', '-n', '-u', '-C', '--']
      : ['ip', 'netns', 'exec', ns];
  const run = (req: ExecRequest): Promise<ExecResult> => {
    const started = Date.now();
    const cap = req.maxBytes ?? DEFAULT_CAP;
    const [cmd, ...args] = [...prefix, ...req.argv];
    return new Promise((resolve) => {
      if (req.signal?.aborted) {
        resolve({
          argv: req.argv,
          stdout: '',
          stderr: '',
          exitCode: null,
          error: { code: 'aborted', message: 'cancelled' },
          truncated: false,
          elevated: false,
          ms: 0,
        });
        return;
      }
      // Own process group, so a timeout or an abort reaches the command's children too.
      const child = spawn(cmd ?? 'true', args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
      const killGroup = (sig: NodeJS.Signals) => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, sig);
        } catch {
          // already gone
        }
      };
      let hardKill: NodeJS.Timeout | undefined;
      const stop = () => {
        killGroup('SIGTERM');
        hardKill = setTimeout(() => killGroup('SIGKILL'), 1000);
      };
      let stdout = '';
      let stderr = '';
      let truncated = false;
      let error: ExecResult['error'];
      const take = (cur: string, b: Buffer) => {
        if (cur.length + b.length > cap) {
          truncated = true;
          return cur + b.toString('utf8').slice(0, Math.max(0, cap - cur.length));
        }
        return cur + b.toString('utf8');
      };
      child.stdout.on('data', (b: Buffer) => {
        stdout = take(stdout, b);
        req.onOutput?.('stdout', b.toString('utf8'));
      });
      child.stderr.on('data', (b: Buffer) => {
        stderr = take(stderr, b);
        req.onOutput?.('stderr', b.toString('utf8'));
      });
      const timer = setTimeout(() => {
        error = {
          code: 'timeout',
          message: `timed out after ${req.timeoutMs ?? DEFAULT_TIMEOUT} ms`,
        };
        stop();
      }, req.timeoutMs ?? DEFAULT_TIMEOUT);
      const onAbort = () => {
        error = { code: 'aborted', message: 'cancelled' };
        stop();
      };
      req.signal?.addEventListener('abort', onAbort, { once: true });
      child.on('error', (e) => {
        error = { code: 'failed', message: e.message };
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (hardKill) clearTimeout(hardKill);
        req.signal?.removeEventListener('abort', onAbort);
        if (!error && NOT_FOUND_RE.test(stderr) && code !== 0) {
          error = { code: 'not-installed', message: `${req.argv[0] ?? ''} is not installed` };
        } else if (!error && code !== 0) {
          error = {
            code: 'failed',
            message: `${req.argv[0] ?? ''} exited with ${code ?? 'a signal'}`,
          };
        }
        resolve({
          argv: req.argv,
          stdout,
          stderr,
          exitCode: error?.code === 'timeout' || error?.code === 'aborted' ? null : code,
          ...(error ? { error } : {}),
          truncated,
          elevated: false,
          ms: Date.now() - started,
        });
      });
      // A program that exits at once (or is missing) closes its stdin: not an error here.
      child.stdin.on('error', () => undefined);
      child.stdin.end(req.stdin ?? '');
    });
  };
  const connect = async (
    host: string,
    port: number,
    o: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<ExecutorConnectResult> => {
    const r = await run({
      argv: [process.execPath, '-e', CONNECT_SCRIPT, host, String(port), String(o.timeoutMs)],
      timeoutMs: o.timeoutMs + 5000,
      signal: o.signal,
    });
    try {
      return JSON.parse(r.stdout) as ExecutorConnectResult;
    } catch {
      return {
        ok: false,
        code: 'EUNKNOWN',
        message: r.stderr.trim() || 'connect helper failed',
        ms: r.ms,
      };
    }
  };
  return {
    kind: 'local',
    label: opts.label ?? `lab namespace ${ns}`,
    run,
    connect,
    close: () => Promise.resolve(),
  };
}
