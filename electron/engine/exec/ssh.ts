import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import type { ExecRequest, ExecResult, Executor, ExecutorConnectResult } from './executor';
import { buildAuthMethods } from './ssh-auth';
import { connectClient, type UnknownHostKeyInfo } from './ssh-connect';
import { resolveDestination, type ResolvedDestination } from './ssh-destination';
import { classifyConnectError, classifyForwardError, sshError } from './ssh-errors';
import { forwardOut, selfConnect } from './ssh-forward';
import { quoteArgv } from './ssh-quote';
import { execOnce, type RawExec } from './ssh-exec';
import { createBatcher } from './ssh-batcher';
import { runWithPrivilege } from './ssh-privilege';
import { countChannel, countHandshake } from './ssh-stats';

export { SshError } from './ssh-errors';
export type { SshErrorCode } from './ssh-errors';
export type { UnknownHostKeyInfo } from './ssh-connect';

/**
 * The SSH executor: one ssh2 connection per session, reused for every command and for
 * server-to-self connects (`forwardOut`). Opening it resolves ~/.ssh/config, verifies the
 * host key against known_hosts and authenticates; failures are {@link SshError}s.
 */

/** The sudo password as a getter, whether it was given as a value or a getter. */
function sudoPasswordOf(opts: Pick<SshExecutorOptions, 'sudoPassword'>): () => string | undefined {
  const p = opts.sudoPassword;
  return typeof p === 'function' ? p : () => p;
}

/** How to reach and trust the server. Secrets stay in memory and are never logged. */
export interface SshExecutorOptions {
  /** `[user@]host[:port]`, `[v6]:port`, or a ~/.ssh/config Host alias. */
  destination: string;
  /** Private key file. */
  identity?: string;
  password?: string;
  /** Passphrase for encrypted keys. */
  passphrase?: string;
  /** Default ~/.ssh/known_hosts. */
  knownHosts?: string;
  /** Trust and record an unknown host key (never a changed one). */
  acceptNew?: boolean;
  /** Default ~/.ssh/config (a missing default is fine). */
  sshConfig?: string;
  /** Handshake timeout (ssh2 readyTimeout); default 10 s. */
  timeoutMs?: number;
  /**
   * The sudo password, or where to read it when a command needs it (the engine session
   * holds it in memory and clears it); never part of a command line or a message.
   */
  sudoPassword?: string | (() => string | undefined);
  /** Asked about an unknown host key (GUI); true trusts and records it. */
  onUnknownHostKey?: (info: UnknownHostKeyInfo) => Promise<boolean>;
}

/** An executor over SSH. */
export type SshExecutor = Executor & {
  readonly kind: 'ssh';
  readonly user: string;
  readonly host: string;
  readonly port: number;
};

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RUN_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
const CLOSE_TIMEOUT_MS = 2000;
/**
 * Below OpenSSH's default MaxSessions (10): the gather phase runs probes in parallel, and a
 * few sessions stay free for killing stopped commands.
 */
const MAX_CHANNELS = 6;
/**
 * Commands asked for together run as one remote script (ssh-batch.ts). Measured by `npm run
 * bench` against one channel per command (CONNDOCTOR_SSH_BATCH=0, kept for that comparison).
 */
const BATCHING = process.env.CONNDOCTOR_SSH_BATCH !== '0';

function labelOf(d: { user: string; host: string; port: number }): string {
  const h = d.host.includes(':') ? `[${d.host}]` : d.host;
  return `${d.user}@${h}${d.port === 22 ? '' : `:${d.port}`}`;
}

async function openClient(
  d: ResolvedDestination,
  opts: SshExecutorOptions,
  extra: { password?: string; openSock?: () => Promise<Duplex> },
): Promise<Client> {
  const auth = await buildAuthMethods({
    username: d.user,
    identityFiles: d.identityFiles,
    ...(opts.identity !== undefined ? { identity: opts.identity } : {}),
    ...(opts.passphrase !== undefined ? { passphrase: opts.passphrase } : {}),
    ...(extra.password !== undefined ? { password: extra.password } : {}),
  });
  return connectClient({
    host: d.host,
    port: d.port,
    username: d.user,
    label: labelOf(d),
    auth,
    knownHosts: opts.knownHosts ?? join(homedir(), '.ssh', 'known_hosts'),
    acceptNew: opts.acceptNew ?? false,
    hashKnownHosts: d.hashKnownHosts,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(opts.onUnknownHostKey ? { onUnknownHostKey: opts.onUnknownHostKey } : {}),
    ...(extra.openSock ? { openSock: extra.openSock } : {}),
  });
}

/** Opens the session (through one ProxyJump hop when the config names one). */
async function openSession(
  opts: SshExecutorOptions,
): Promise<{ client: Client; jump: Client | null; dest: ResolvedDestination }> {
  const dest = await resolveDestination(opts.destination, opts.sshConfig);
  if (!dest.proxyJump) {
    const client = await openClient(dest, opts, {
      ...(opts.password !== undefined ? { password: opts.password } : {}),
    });
    return { client, jump: null, dest };
  }
  const jumpDest = await resolveDestination(dest.proxyJump, opts.sshConfig);
  if (jumpDest.proxyJump)
    throw sshError('config', 'error.ssh.proxyJumpChain', { jump: dest.proxyJump });
  // The target's password is never offered to the jump host.
  const jump = await openClient(jumpDest, opts, {});
  const via = `${labelOf(dest)} via ${labelOf(jumpDest)}`;
  const openSock = async (): Promise<Duplex> => {
    try {
      return await forwardOut(jump, dest.host, dest.port);
    } catch (e) {
      const f = classifyForwardError(e);
      throw classifyConnectError({ code: f.code, message: f.message }, via);
    }
  };
  try {
    const client = await openClient(dest, opts, {
      openSock,
      ...(opts.password !== undefined ? { password: opts.password } : {}),
    });
    return { client, jump, dest };
  } catch (e) {
    jump.end();
    throw e;
  }
}

/**
 * Opens an SSH executor. Rejects with an {@link SshError} (code says why), or a
 * `UserFileError` when a named key, known_hosts or config file is not a small regular file.
 */
export async function openSshExecutor(opts: SshExecutorOptions): Promise<SshExecutor> {
  const opening = Date.now();
  const { client, jump, dest } = await openSession(opts);
  countHandshake(Date.now() - opening);
  const label = labelOf(dest);
  let lost: string | null = null;
  const markLost = (why: string) => {
    lost ??= why;
  };
  client.on('error', (e: Error) => markLost(e.message));
  client.on('close', () => {
    markLost('the SSH connection closed');
    jump?.end();
  });
  jump?.on('error', (e: Error) => markLost(`jump host: ${e.message}`));

  let active = 0;
  const waiting: (() => void)[] = [];
  const withChannel = async <T>(fn: () => Promise<T>, commands = 1): Promise<T> => {
    while (active >= MAX_CHANNELS) await new Promise<void>((r) => waiting.push(r));
    active++;
    const ended = countChannel(commands);
    try {
      return await fn();
    } finally {
      ended();
      active--;
      waiting.shift()?.();
    }
  };

  const kill = (pid: number) => {
    try {
      client.exec(quoteArgv(['kill', '-TERM', String(pid)]), (err, ch) => {
        if (err) return;
        ch.on('error', () => undefined);
        ch.resume();
        ch.stderr.resume();
        ch.end();
      });
    } catch {
      // The connection is gone: so is the process's session.
    }
  };

  // Whether the server runs the command strings we send. A forced command (ForceCommand,
  // `command=` in authorized_keys) runs instead, ignores the pid report and cannot be
  // stopped by us (sshd refuses signals to forced sessions; a closed channel does not end
  // it): so the first command on the session must show its pid line before any other is
  // sent (batched or not), and once a forced command is seen nothing more is sent — one
  // leftover at most.
  let ours: Promise<boolean> | null = null;
  let hungShell = false;
  const forcedResult = (): RawExec => ({
    stdout: '',
    stderr: '',
    exitCode: null,
    exitSignal: null,
    timedOut: false,
    aborted: false,
    truncated: false,
    pidSeen: false,
    openError: hungShell
      ? `${label} did not start the commands sent in time: a forced command (ForceCommand or command= in authorized_keys) or a login shell that hangs (its ~/.bashrc) stops them; nothing more is run there`
      : `${label} runs its own forced command (ForceCommand or command= in authorized_keys) instead of the commands sent; nothing more is run there`,
  });
  const batcher = createBatcher({
    exec: (command, limits, commands) =>
      withChannel(() => execOnce(client, command, { ...limits, kill }), commands),
  });
  const runRaw =
    (req: ExecRequest) =>
    async (command: string, stdin: string | undefined): Promise<RawExec> => {
      const limits = {
        timeoutMs: req.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS,
        maxBytes: req.maxBytes ?? DEFAULT_MAX_BYTES,
        ...(req.signal ? { signal: req.signal } : {}),
      };
      const watch = req.onOutput;
      // Input (a sudo password), long-running and watched commands, and the session's first
      // command (the forced-command check) get a channel of their own.
      const single = (onPid?: () => void) =>
        withChannel(() =>
          execOnce(client, command, {
            ...limits,
            kill,
            ...(stdin !== undefined ? { stdin } : {}),
            ...(onPid ? { onPid } : {}),
            ...(watch
              ? {
                  onStdout: (c: Buffer) => watch('stdout', c.toString('utf8')),
                  onStderr: (c: Buffer) => watch('stderr', c.toString('utf8')),
                }
              : {}),
          }),
        );
      if (ours === null) {
        let settle: (v: boolean) => void = () => undefined;
        ours = new Promise<boolean>((r) => (settle = r));
        const r = await single(() => settle(true));
        if (r.pidSeen) return r;
        if (r.openError !== null || r.aborted) {
          // Nothing was learnt: the next command tries again.
          ours = null;
          settle(true);
        } else {
          // No pid line before the end or the deadline. A login shell that hangs (its rc
          // file) looks the same as a forced command that does: either way, sending more
          // would only leave more processes behind.
          if (r.timedOut) hungShell = true;
          settle(false);
        }
        return r;
      }
      if (!(await ours)) return forcedResult();
      if (stdin !== undefined || req.alone === true || watch || !BATCHING) return single();
      return batcher.run(command, limits);
    };

  let rootCheck: Promise<boolean> | null = null;
  const isRoot = (): Promise<boolean> => {
    rootCheck ??=
      dest.user === 'root'
        ? Promise.resolve(true)
        : runWithPrivilege(
            runRaw({ argv: ['id', '-u'] }),
            { argv: ['id', '-u'] },
            { isRoot: () => Promise.resolve(false), label },
          ).then((r) => r.exitCode === 0 && r.stdout.trim() === '0');
    return rootCheck;
  };

  const lostResult = (req: ExecRequest): ExecResult => ({
    argv: req.argv,
    stdout: '',
    stderr: '',
    exitCode: null,
    truncated: false,
    elevated: false,
    ms: 0,
    error: {
      code: 'connection-lost',
      message: `SSH connection to ${label} lost: ${lost ?? 'closed'}`,
    },
  });

  return {
    kind: 'ssh',
    label,
    user: dest.user,
    host: dest.host,
    port: dest.port,
    async run(req: ExecRequest): Promise<ExecResult> {
      if (lost !== null) return lostResult(req);
      if (req.argv.length === 0) {
        return { ...lostResult(req), error: { code: 'failed', message: 'empty command' } };
      }
      const r = await runWithPrivilege(runRaw(req), req, {
        isRoot,
        label,
        sudoPassword: sudoPasswordOf(opts),
      });
      return lost !== null && r.error?.code === 'connection-lost' ? lostResult(req) : r;
    },
    connect(
      host: string,
      port: number,
      o: { timeoutMs: number; signal?: AbortSignal },
    ): Promise<ExecutorConnectResult> {
      return selfConnect(client, host, port, o, () => lost);
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(force);
          jump?.end();
          resolve();
        };
        // A server that never answers the disconnect must not hold the caller.
        const force = setTimeout(() => {
          client.destroy();
          done();
        }, CLOSE_TIMEOUT_MS);
        if (lost !== null) {
          client.destroy();
          done();
          return;
        }
        client.once('close', done);
        client.end();
      });
    },
  };
}
