import { msg, type Message, type MessageParams } from '../../../shared/i18n/message';
import { english } from '../../../shared/i18n/translate';
import type { ExecErrorCode } from './executor';

/**
 * Typed SSH failures and the classification of what ssh2 and the remote shell report.
 * Messages are one human line and never contain a secret.
 */

/** Why an SSH session could not be opened or was lost. */
export type SshErrorCode =
  | 'refused'
  | 'timeout'
  | 'unreachable'
  | 'dns-failure'
  | 'auth-failed'
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'config'
  | 'connection-lost';

/** Extra facts an {@link SshError} can carry. */
export interface SshErrorDetails {
  /** SHA256 fingerprint of the key the server offered (OpenSSH format). */
  fingerprint?: string;
  /** SHA256 fingerprint of the key known_hosts holds for this host. */
  knownFingerprint?: string;
  /** Host key algorithm of the offered key, e.g. `ssh-ed25519`. */
  keyType?: string;
  /** The message as the catalogue has it (rendered in the user's language by the CLI). */
  msg?: Message;
}

/** An SSH session failure with a stable `code` and a one-line human `message`. */
export class SshError extends Error {
  readonly code: SshErrorCode;
  readonly fingerprint?: string;
  readonly knownFingerprint?: string;
  readonly keyType?: string;
  readonly msg?: Message;

  constructor(code: SshErrorCode, message: string, details: SshErrorDetails = {}) {
    super(message);
    this.name = 'SshError';
    this.code = code;
    if (details.fingerprint !== undefined) this.fingerprint = details.fingerprint;
    if (details.knownFingerprint !== undefined) this.knownFingerprint = details.knownFingerprint;
    if (details.keyType !== undefined) this.keyType = details.keyType;
    if (details.msg !== undefined) this.msg = details.msg;
  }
}

/** An {@link SshError} whose English message is rendered from a catalogue entry. */
export function sshError(
  code: SshErrorCode,
  id: string,
  params: MessageParams,
  details: Omit<SshErrorDetails, 'msg'> = {},
): SshError {
  const m = msg(id, params);
  return new SshError(code, english(m), { ...details, msg: m });
}

interface Ssh2LikeError {
  message?: unknown;
  code?: unknown;
  level?: unknown;
}

/** Maps an error ssh2 raised while connecting to an {@link SshError} for `label`. */
export function classifyConnectError(err: unknown, label: string): SshError {
  if (err instanceof SshError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as Ssh2LikeError;
  const code = typeof e.code === 'string' ? e.code : '';
  const level = typeof e.level === 'string' ? e.level : '';
  const text = typeof e.message === 'string' ? e.message : String(err);
  if (level === 'client-authentication') {
    return sshError('auth-failed', 'error.ssh.authFailed', { label });
  }
  if (level === 'client-timeout' || code === 'ETIMEDOUT') {
    return sshError('timeout', 'error.ssh.timeout', { label });
  }
  if (level === 'client-dns' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return sshError('dns-failure', 'error.ssh.dns', { label, code: code || text });
  }
  if (code === 'ECONNREFUSED') {
    return sshError('refused', 'error.ssh.refused', { label });
  }
  if (
    ['EHOSTUNREACH', 'ENETUNREACH', 'EACCES', 'EPERM', 'EINVAL', 'EADDRNOTAVAIL'].includes(code)
  ) {
    return sshError('unreachable', 'error.ssh.unreachable', { label, code });
  }
  return sshError('connection-lost', 'error.ssh.lost', { label, detail: oneLine(text) });
}

/** Maps a failed `forwardOut` (server-to-self connect) to an errno-style code. */
export function classifyForwardError(err: unknown): { code: string; message: string } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as Ssh2LikeError & {
    reason?: unknown;
  };
  const text = oneLine(typeof e.message === 'string' ? e.message : String(err));
  const t = text.toLowerCase();
  // RFC 4254 reason 1: the server refuses to forward at all (AllowTcpForwarding no, PermitOpen).
  if (e.reason === 1 || t.includes('administratively prohibited')) {
    return { code: 'ENOTSUP', message: `the SSH server does not allow TCP forwarding: ${text}` };
  }
  if (t.includes('connection refused')) return { code: 'ECONNREFUSED', message: text };
  if (t.includes('timed out')) return { code: 'ETIMEDOUT', message: text };
  if (t.includes('no route to host') || t.includes('host is unreachable')) {
    return { code: 'EHOSTUNREACH', message: text };
  }
  if (t.includes('network is unreachable')) return { code: 'ENETUNREACH', message: text };
  if (t.includes('permission denied')) return { code: 'EACCES', message: text };
  if (t.includes('name or service not known') || t.includes('not resolve')) {
    return { code: 'ENOTFOUND', message: text };
  }
  // OpenSSH sends "open failed" when connect() fails at once: an unreachable/prohibit
  // route or an unknown name (measured in tests/lab/ssh/README.md). A refusal is never
  // immediate: it arrives as "Connection refused".
  if (t.endsWith('open failed')) {
    return {
      code: 'EHOSTUNREACH',
      message: `${text} (the server could not start the connection: no route or unknown name)`,
    };
  }
  // ssh2-style servers send reason 2 (connect failed) without a description.
  if (e.reason === 2 && /failure:\s*$/.test(text)) return { code: 'ECONNREFUSED', message: text };
  return { code: 'EIO', message: text };
}

const SUDO_NOT_FOUND_RE = /^sudo: .*: command not found$/m;
const DENIED_RE =
  /(Permission denied|Operation not permitted|must be root|need to be root|are you root\?)/i;

/**
 * Classifies how a remote command ended from its exit code and stderr; null when it ran
 * (whatever its exit code). Commands run as `env LC_ALL=C PROGRAM…`, so 127 always means
 * "PROGRAM not found" (env's own code), and sudo reports a missing program itself.
 */
export function classifyExit(
  exitCode: number | null,
  stderr: string,
  program: string,
): { code: ExecErrorCode; message: string } | null {
  if (exitCode === 0 || exitCode === null) return null;
  if (exitCode === 127 || SUDO_NOT_FOUND_RE.test(stderr)) {
    return {
      code: 'not-installed',
      message: `${program} is not installed (not found on the PATH)`,
    };
  }
  if (DENIED_RE.test(stderr)) {
    return {
      code: 'permission-denied',
      message: `permission denied: ${oneLine(stderr).slice(0, 200)}`,
    };
  }
  return null;
}

/** First line of a message, trimmed: errors are shown on one line. */
export function oneLine(s: string): string {
  return (s.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim();
}
