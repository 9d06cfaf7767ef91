import type { ExecErrorCode, ExecRequest, ExecResult } from './executor';
import type { RawExec } from './ssh-exec';
import { classifyExit, oneLine } from './ssh-errors';
import { quoteArgv } from './ssh-quote';

/**
 * Privilege over SSH: a remote user that is not root elevates with `sudo -n` (never
 * prompts), or `sudo -S -p ''` with the sudo password written to stdin (held in memory only,
 * never part of a command line or a message). `privileged: 'optional'` falls back to running
 * unprivileged when sudo is not available to this user.
 */

/** Runs a quoted command string with optional stdin; supplied by the SSH executor. */
export type RunQuoted = (command: string, stdin: string | undefined) => Promise<RawExec>;

/** What the privilege layer needs to know about the session. */
export interface PrivilegeContext {
  /** Resolves whether the remote login user is root (uid 0). */
  isRoot: () => Promise<boolean>;
  /** The sudo password held for this session, if any (read when a command needs it). */
  sudoPassword?: () => string | undefined;
  label: string;
}

/**
 * The command string for an argv: `exec env LC_ALL=C …`. `exec` replaces the login shell, so
 * a signal sent on timeout reaches the program itself (dash does not forward it); LC_ALL=C
 * keeps output and messages in the form the parsers know.
 */
export function buildCommand(
  argv: readonly string[],
  sudo: 'none' | 'nopass' | 'password',
): string {
  const prefix =
    sudo === 'nopass'
      ? ['exec', 'env', 'LC_ALL=C', 'sudo', '-n', '--']
      : sudo === 'password'
        ? ['exec', 'env', 'LC_ALL=C', 'sudo', '-k', '-S', '-p', '', '--']
        : ['exec', 'env', 'LC_ALL=C'];
  return quoteArgv([...prefix, ...argv]);
}

const SUDO_NEEDS_PASSWORD_RE = /^sudo: (a password is required|a terminal is required)/m;
const SUDO_BAD_PASSWORD_RE =
  /^(Sorry, try again\.|sudo: (\d+ )?incorrect password|sudo: no password was provided)/m;
const SUDO_NOT_ALLOWED_RE =
  /^(sudo: )?\S+ is not (in the sudoers file|allowed to run sudo)|may not run sudo/m;
/** Harmless sudo warnings that would otherwise reach the parsers' stderr. */
const SUDO_NOISE_RE = /^sudo: unable to resolve host .*\n?/gm;

type SudoFailure = { code: ExecErrorCode; message: string } | null;

function sudoFailure(raw: RawExec, label: string, withPassword: boolean): SudoFailure {
  if (raw.exitCode === 0) return null;
  if (raw.exitCode === 127) {
    return {
      code: 'permission-denied',
      message: `this needs root, and sudo is not installed on ${label}`,
    };
  }
  if (withPassword && SUDO_BAD_PASSWORD_RE.test(raw.stderr)) {
    return {
      code: 'sudo-password-required',
      message: `sudo on ${label} did not accept the password`,
    };
  }
  if (SUDO_NEEDS_PASSWORD_RE.test(raw.stderr)) {
    return { code: 'sudo-password-required', message: `sudo on ${label} needs a password` };
  }
  if (SUDO_NOT_ALLOWED_RE.test(raw.stderr)) {
    return { code: 'permission-denied', message: `the SSH user may not use sudo on ${label}` };
  }
  return null;
}

/** Turns a raw exec into the executor's result, classifying how it ended. */
export function toExecResult(
  req: ExecRequest,
  raw: RawExec,
  elevated: boolean,
  ms: number,
): ExecResult {
  const base: ExecResult = {
    argv: req.argv,
    stdout: raw.stdout,
    stderr: raw.stderr.replace(SUDO_NOISE_RE, ''),
    exitCode: raw.exitCode,
    truncated: raw.truncated,
    elevated,
    ms,
  };
  const program = req.argv[0] ?? '';
  if (raw.openError !== null) {
    return {
      ...base,
      error: {
        code: 'connection-lost',
        message: `cannot run ${program}: ${oneLine(raw.openError)}`,
      },
    };
  }
  if (raw.aborted)
    return {
      ...base,
      exitCode: null,
      error: { code: 'aborted', message: `${program} was cancelled` },
    };
  if (raw.timedOut) {
    return {
      ...base,
      exitCode: null,
      error: {
        code: 'timeout',
        message: `${program} timed out after ${req.timeoutMs ?? 10_000} ms`,
      },
    };
  }
  if (raw.truncated) return { ...base, exitCode: null };
  if (raw.exitCode === null && raw.exitSignal === null) {
    return {
      ...base,
      error: { code: 'connection-lost', message: `the SSH connection closed while ${program} ran` },
    };
  }
  if (raw.exitCode === null && raw.exitSignal !== null) {
    const message = `${program} was killed by signal ${raw.exitSignal}`;
    return { ...base, error: { code: 'failed', message } };
  }
  const classified = classifyExit(raw.exitCode, base.stderr, program);
  return classified ? { ...base, error: classified } : base;
}

/**
 * Runs a request with the privilege it asks for. `elevated` in the result is true when the
 * command ran with root rights because privilege was asked for (as root, or through sudo).
 */
export async function runWithPrivilege(
  run: RunQuoted,
  req: ExecRequest,
  ctx: PrivilegeContext,
): Promise<ExecResult> {
  const started = Date.now();
  const wants = req.privileged ?? false;
  const plain = async (elevated: boolean) =>
    toExecResult(
      req,
      await run(buildCommand(req.argv, 'none'), req.stdin),
      elevated,
      Date.now() - started,
    );
  if (wants === false) return plain(false);
  if (await ctx.isRoot()) return plain(true);

  // `sudo -n` first: the password is only ever written to a sudo that asked for one (with
  // -k, so a cached credential cannot make sudo pass the password on to the command).
  let raw = await run(buildCommand(req.argv, 'nopass'), req.stdin);
  let failure =
    raw.openError || raw.aborted || raw.timedOut ? null : sudoFailure(raw, ctx.label, false);
  const password = failure?.code === 'sudo-password-required' ? ctx.sudoPassword?.() : undefined;
  if (password !== undefined) {
    raw = await run(buildCommand(req.argv, 'password'), `${password}\n${req.stdin ?? ''}`);
    failure =
      raw.openError || raw.aborted || raw.timedOut ? null : sudoFailure(raw, ctx.label, true);
  }
  if (!failure) return toExecResult(req, raw, true, Date.now() - started);
  if (wants === 'optional') return plain(false);
  return {
    ...toExecResult(req, raw, false, Date.now() - started),
    exitCode: raw.exitCode,
    error: failure,
  };
}
