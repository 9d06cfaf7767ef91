import { spawn } from 'node:child_process';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { connectAll, connectOnce } from '../probes/connect.probe';
import type {
  ExecErrorCode,
  ExecRequest,
  ExecResult,
  Executor,
  ExecutorConnectResult,
} from './executor';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
/** Time a process group gets between SIGTERM and SIGKILL (sudo relays SIGTERM). */
const KILL_GRACE_MS = 250;
/** How long to wait for pipes to close after the process exited (a daemonized child may hold them). */
const CLOSE_GRACE_MS = 200;

const SUDO_PASSWORD_RE = /a password is required|a terminal is required|no askpass program/i;
/** sudo -S with a wrong password. */
const SUDO_BAD_PASSWORD_RE = /incorrect password attempt|Sorry, try again/i;
const SUDO_REFUSED_RE = /is not in the sudoers file|may not run sudo|not allowed to execute/i;
const SUDO_NOT_FOUND_RE = /^sudo: [^\n]*: command not found/m;
const PERMISSION_RE = /Operation not permitted|Permission denied|must be root|you must be root/i;

/** Options of the local executor. */
export interface LocalExecutorOptions {
  /** Overrides root detection (tests; a process with capabilities). */
  isRoot?: boolean;
  /**
   * Supplies the sudo password, kept in the main process only: used with `sudo -S` when
   * `sudo -n` says a password is required. Never logged.
   */
  sudoPassword?: () => string | undefined;
}

interface RawRun {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  truncated: boolean;
  spawnError?: NodeJS.ErrnoException;
  stopped?: 'timeout' | 'aborted';
}

/** Runs one argv (no shell) in its own process group, with a timeout, an abort signal and caps. */
function runRaw(
  argv: readonly string[],
  opts: {
    timeoutMs: number;
    maxBytes: number;
    signal?: AbortSignal;
    stdin?: string;
    onOutput?: ExecRequest['onOutput'];
  },
): Promise<RawRun> {
  const [program, ...args] = argv;
  if (program === undefined) {
    const err: NodeJS.ErrnoException = new Error('empty command');
    err.code = 'EINVAL';
    return Promise.resolve({ ...emptyRun(), spawnError: err });
  }
  if (opts.signal?.aborted) return Promise.resolve({ ...emptyRun(), stopped: 'aborted' });
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      // Own process group, so a timeout or an abort kills the command and its children.
      detached: true,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const sizes = { out: 0, err: 0 };
    let truncated = false;
    let stopped: RawRun['stopped'];
    let spawnError: NodeJS.ErrnoException | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let done = false;
    const timers: NodeJS.Timeout[] = [];

    const collect = (which: 'out' | 'err', chunks: Buffer[]) => (chunk: Buffer) => {
      const room = opts.maxBytes - sizes[which];
      if (room <= 0) {
        truncated = true;
        return;
      }
      if (chunk.length > room) truncated = true;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(kept);
      sizes[which] += kept.length;
      opts.onOutput?.(which === 'out' ? 'stdout' : 'stderr', kept.toString('utf8'));
    };
    child.stdout.on('data', collect('out', out));
    child.stderr.on('data', collect('err', err));

    const killGroup = (sig: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // The group is already gone.
      }
    };
    const stop = (why: 'timeout' | 'aborted'): void => {
      if (done || exit) return;
      stopped ??= why;
      killGroup('SIGTERM');
      timers.push(setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS));
    };
    const onAbort = (): void => stop('aborted');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    timers.push(setTimeout(() => stop('timeout'), opts.timeoutMs));

    const finish = (): void => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      opts.signal?.removeEventListener('abort', onAbort);
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        truncated,
        ...(spawnError ? { spawnError } : {}),
        ...(stopped ? { stopped } : {}),
      });
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError = e;
      finish();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Stray children of a timed-out command still die with their group.
      if (stopped) killGroup('SIGKILL');
      timers.push(setTimeout(finish, CLOSE_GRACE_MS));
    });
    child.on('close', finish);
    child.stdin.on('error', () => undefined);
    if (opts.stdin !== undefined) child.stdin.end(opts.stdin);
    else child.stdin.end();
  });
}

function emptyRun(): RawRun {
  return { stdout: '', stderr: '', exitCode: null, signal: null, truncated: false };
}

function errorOf(raw: RawRun, argv: readonly string[]): ExecResult['error'] {
  const cmd = argv[0] ?? '';
  const make = (code: ExecErrorCode, message: string) => ({ code, message });
  if (raw.stopped === 'aborted') return make('aborted', `${cmd} was cancelled`);
  if (raw.stopped === 'timeout') return make('timeout', `${cmd} timed out`);
  if (raw.spawnError) {
    const code = raw.spawnError.code;
    if (code === 'ENOENT') return make('not-installed', `${cmd} is not installed`);
    if (code === 'EACCES' || code === 'EPERM') {
      return make('permission-denied', `${cmd}: permission denied`);
    }
    return make('failed', `${cmd} could not start: ${raw.spawnError.message}`);
  }
  if (raw.exitCode === null && raw.signal)
    return make('failed', `${cmd} was killed by ${raw.signal}`);
  if (raw.exitCode !== 0 && PERMISSION_RE.test(raw.stderr)) {
    return make('permission-denied', `${cmd}: ${firstLine(raw.stderr)}`);
  }
  return undefined;
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}

function toResult(
  raw: RawRun,
  argv: readonly string[],
  elevated: boolean,
  started: number,
): ExecResult {
  const error = errorOf(raw, argv);
  return {
    argv: [...argv],
    stdout: raw.stdout,
    stderr: raw.stderr,
    exitCode: raw.exitCode,
    ...(error ? { error } : {}),
    truncated: raw.truncated,
    elevated,
    ms: Math.round(performance.now() - started),
  };
}

/** True when this process runs as root. */
function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Creates the executor for this machine: `child_process.spawn` with an argv (never a
 * shell), its own process group (killed on timeout or abort), capped output, typed
 * errors, and privilege through `sudo -n` (or `sudo -S` with a supplied password) when
 * not already root. `elevated` is true when the command ran as root.
 */
export function createLocalExecutor(options: LocalExecutorOptions = {}): Executor {
  const isRoot = options.isRoot ?? runningAsRoot();

  async function run(req: ExecRequest): Promise<ExecResult> {
    const started = performance.now();
    const base = {
      timeoutMs: req.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: req.maxBytes ?? DEFAULT_MAX_BYTES,
      signal: req.signal,
      onOutput: req.onOutput,
    };
    const plain = async (): Promise<ExecResult> =>
      toResult(await runRaw(req.argv, { ...base, stdin: req.stdin }), req.argv, isRoot, started);
    const privilege = req.privileged ?? false;
    if (privilege === false || isRoot) return plain();

    const sudoArgv = ['sudo', '-n', '--', ...req.argv];
    let raw = await runRaw(sudoArgv, { ...base, stdin: req.stdin });
    const password = options.sudoPassword?.();
    if (SUDO_PASSWORD_RE.test(raw.stderr) && raw.exitCode !== 0 && password !== undefined) {
      // -p '' keeps the prompt out of stderr; the password is the first line of stdin.
      const stdin = `${password}\n${req.stdin ?? ''}`;
      raw = await runRaw(['sudo', '-S', '-p', '', '--', ...req.argv], { ...base, stdin });
    }
    const sudoMissing = raw.spawnError?.code === 'ENOENT';
    const needsPassword =
      raw.exitCode !== 0 &&
      (SUDO_PASSWORD_RE.test(raw.stderr) || SUDO_BAD_PASSWORD_RE.test(raw.stderr));
    const refused = raw.exitCode !== 0 && SUDO_REFUSED_RE.test(raw.stderr);
    if (sudoMissing || needsPassword || refused) {
      if (privilege === 'optional') return plain();
      const result = toResult(raw, req.argv, false, started);
      const message = sudoMissing
        ? `${req.argv[0] ?? ''} needs root and sudo is not installed`
        : firstLine(raw.stderr);
      return {
        ...result,
        error: {
          code: needsPassword ? 'sudo-password-required' : 'permission-denied',
          message,
        },
      };
    }
    if (raw.exitCode !== 0 && SUDO_NOT_FOUND_RE.test(raw.stderr)) {
      const result = toResult(raw, req.argv, true, started);
      return {
        ...result,
        error: { code: 'not-installed', message: `${req.argv[0] ?? ''} is not installed` },
      };
    }
    return toResult(raw, req.argv, true, started);
  }

  async function connect(
    host: string,
    port: number,
    opts: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<ExecutorConnectResult> {
    const started = performance.now();
    if (isIP(host) !== 0) {
      const a = await connectOnce(host, port, opts.timeoutMs, opts.signal);
      return a.result === 'ok'
        ? { ok: true, ms: a.ms }
        : { ok: false, code: a.errno, message: a.result, ms: a.ms };
    }
    const data = await connectAll(host, port, opts.timeoutMs, opts.signal);
    const ms = Math.round(performance.now() - started);
    if (data.outcome === 'ok') return { ok: true, ms };
    if (data.dnsError) return { ok: false, code: data.dnsError, message: 'dns-failure', ms };
    const first = data.attempts[0];
    return { ok: false, code: first?.errno, message: first?.result, ms };
  }

  return {
    kind: 'local',
    label: 'this machine',
    run,
    connect,
    close: () => Promise.resolve(),
  };
}
