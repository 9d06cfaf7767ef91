import type { Client, ClientChannel } from 'ssh2';
import { sanitizeOutput } from '../probes/run-command-probe';
import { withPidReport } from './ssh-quote';

/**
 * One command on an open SSH connection: an exec channel with a deadline, cancellation and
 * output caps. On timeout, abort or cap the remote process is signalled (TERM) and the
 * channel closed, so nothing keeps running on the server.
 */

/** What one exec channel produced. */
export interface RawExec {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** Signal name when the remote process was killed by one. */
  exitSignal: string | null;
  timedOut: boolean;
  aborted: boolean;
  truncated: boolean;
  /** The channel could not be opened (session limit, connection gone…). */
  openError: string | null;
  /** The pid line came: the server ran the command string we sent (not a forced command). */
  pidSeen: boolean;
}

/** Limits for one exec. */
export interface ExecLimits {
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  stdin?: string;
  /**
   * Stops a remote process by pid from outside its channel. Needed because OpenSSH's sshd
   * ignores signal requests for root logins ("session signalling requires privilege
   * separation"), and closing a channel does not end its process.
   */
  kill?: (pid: number) => void;
  /** Called once when the pid line arrives. */
  onPid?: () => void;
  /** Receives the command's stdout as it arrives (raw bytes, after the pid line). */
  onStdout?: (chunk: Buffer) => void;
  /** Receives the command's stderr as it arrives. */
  onStderr?: (chunk: Buffer) => void;
}

const PID_LINE_RE = /(^|\n)conndoctor-pid:(\d+)\r?\n/;
const PARTIAL_PID_RE = /(^|\n)conndoctor-pid:\d*\r?\n?/;
/** How much leading stdout may precede the pid line before we stop looking for it. */
const HEAD_MAX = 4096;

/** How long to wait for the server to confirm a close before giving up on the channel. */
const CLOSE_GRACE_MS = 2000;

/** The parts of ssh2's channel that `signal()` uses internally. */
interface ChannelInternals {
  outgoing?: { id?: unknown; state?: unknown };
  _client?: { _protocol?: { signal?: (id: number, name: string) => void } };
}

/**
 * Sends a signal request (RFC 4254 §6.9) to the remote process. ssh2's `signal()` only
 * sends while the channel is writable, but stdin is already closed (EOF) right after the
 * command starts, so the request is sent through the channel's protocol directly.
 */
function sendSignal(ch: ClientChannel, name: string): void {
  try {
    const c = ch as unknown as ChannelInternals;
    const id = c.outgoing?.id;
    const proto = c._client?._protocol;
    if (
      typeof id === 'number' &&
      (c.outgoing?.state === 'open' || c.outgoing?.state === 'eof') &&
      typeof proto?.signal === 'function'
    ) {
      proto.signal(id, name);
    } else {
      ch.signal(name);
    }
  } catch {
    // The channel may already be closing; closing it is what matters then.
  }
}

/**
 * Runs `command` (already quoted, starting with `exec`) on `client`. Never rejects. The
 * command is preceded by `echo conndoctor-pid:$$;` so a stopped command can be killed by pid.
 */
export function execOnce(client: Client, command: string, limits: ExecLimits): Promise<RawExec> {
  const result: RawExec = {
    stdout: '',
    stderr: '',
    exitCode: null,
    exitSignal: null,
    timedOut: false,
    aborted: false,
    truncated: false,
    openError: null,
    pidSeen: false,
  };
  if (limits.signal?.aborted) return Promise.resolve({ ...result, aborted: true });
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const size = { out: 0, err: 0 };
    let stream: ClientChannel | null = null;
    let done = false;
    let grace: NodeJS.Timeout | undefined;

    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(grace);
      limits.signal?.removeEventListener('abort', onAbort);
      if (head !== null) {
        // Ended before a complete pid line: keep the output, drop a partial marker.
        const text = head.toString('latin1').replace(PARTIAL_PID_RE, '$1');
        collect(out, 'out', Buffer.from(text, 'latin1'));
      }
      result.stdout = sanitizeOutput(Buffer.concat(out).toString('utf8'));
      result.stderr = sanitizeOutput(Buffer.concat(err).toString('utf8'));
      resolve(result);
    };
    let pid: number | null = null;
    let head: Buffer | null = Buffer.alloc(0);
    let stopping = false;
    const closeNow = () => {
      if (pid !== null) limits.kill?.(pid);
      stream?.close();
    };
    const stop = () => {
      if (!stream || stopping || done) return;
      stopping = true;
      sendSignal(stream, 'TERM');
      // Without the pid yet, wait for it (or the grace period) before closing.
      if (pid !== null || head === null) closeNow();
      grace ??= setTimeout(finish, CLOSE_GRACE_MS);
    };
    // The pid line normally comes first; a login shell's rc file may print before it.
    const onStdout = (d: Buffer) => {
      if (head === null) {
        collect(out, 'out', d);
        return;
      }
      head = Buffer.concat([head, d]);
      const m = PID_LINE_RE.exec(head.toString('latin1'));
      if (!m && head.length < HEAD_MAX) return;
      const whole = head;
      head = null;
      if (m) {
        pid = Number(m[2]);
        result.pidSeen = true;
        limits.onPid?.();
        const start = m.index + (m[1] ?? '').length;
        collect(out, 'out', whole.subarray(0, start));
        collect(out, 'out', whole.subarray(m.index + m[0].length));
      } else {
        collect(out, 'out', whole);
      }
      if (stopping) closeNow();
    };
    const onAbort = () => {
      result.aborted = true;
      if (stream) stop();
      else finish();
    };
    const collect = (chunks: Buffer[], key: 'out' | 'err', data: Buffer) => {
      const room = limits.maxBytes - size[key];
      if (room <= 0) return;
      const piece = data.length > room ? data.subarray(0, room) : data;
      chunks.push(piece);
      size[key] += piece.length;
      if (key === 'out') limits.onStdout?.(piece);
      else limits.onStderr?.(piece);
      if (data.length > room) {
        result.truncated = true;
        stop();
      }
    };

    const timer = setTimeout(() => {
      result.timedOut = true;
      if (stream) stop();
      else {
        result.openError = 'no answer from the SSH server while opening a channel';
        finish();
      }
    }, limits.timeoutMs);
    limits.signal?.addEventListener('abort', onAbort, { once: true });

    try {
      client.exec(withPidReport(command, limits.timeoutMs), (e, ch) => {
        if (e) {
          result.openError = e.message;
          finish();
          return;
        }
        stream = ch;
        if (done || result.aborted || result.timedOut) {
          stop();
          return;
        }
        ch.on('data', onStdout);
        ch.stderr.on('data', (d: Buffer) => collect(err, 'err', d));
        ch.on('exit', (code: number | null, sig?: string) => {
          if (typeof code === 'number') result.exitCode = code;
          if (typeof sig === 'string') result.exitSignal = sig;
        });
        ch.on('close', finish);
        ch.on('error', () => finish());
        ch.end(limits.stdin ?? '');
      });
    } catch (e) {
      result.openError = (e as Error).message;
      finish();
    }
  });
}
