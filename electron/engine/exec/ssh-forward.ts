import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import type { ExecutorConnectResult } from './executor';
import { classifyForwardError } from './ssh-errors';

/**
 * TCP connects made by the SSH server on our behalf (RFC 4254 direct-tcpip, ssh2
 * `forwardOut`): the server-to-self check, and the stream a ProxyJump hop rides on.
 */

/** Opens a direct-tcpip stream from the server to host:port. */
export function forwardOut(client: Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (err, stream) =>
      err ? reject(err) : resolve(stream),
    );
  });
}

/** Server-to-self TCP connect through the SSH server (`direct-tcpip`), classified like a client connect. */
export function selfConnect(
  client: Client,
  host: string,
  port: number,
  o: { timeoutMs: number; signal?: AbortSignal },
  lost: () => string | null,
): Promise<ExecutorConnectResult> {
  const started = Date.now();
  const gone = lost();
  if (gone !== null)
    return Promise.resolve({
      ok: false,
      code: 'ECONNRESET',
      message: `SSH connection lost: ${gone}`,
      ms: 0,
    });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (r: Omit<ExecutorConnectResult, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      resolve({ ...r, ms: Date.now() - started });
    };
    // sshd waits for the kernel's own connect timeout (~2 min): a dropped SYN ends here.
    const timer = setTimeout(
      () =>
        settle({
          ok: false,
          code: 'ETIMEDOUT',
          message: `no answer from ${host}:${port} within ${o.timeoutMs} ms`,
        }),
      o.timeoutMs,
    );
    const onAbort = () => settle({ ok: false, code: 'ABORTED', message: 'cancelled' });
    if (o.signal?.aborted) {
      onAbort();
      return;
    }
    o.signal?.addEventListener('abort', onAbort, { once: true });
    client.forwardOut('127.0.0.1', 0, host, port, (err, stream) => {
      if (err) {
        settle({ ok: false, ...classifyForwardError(err) });
        return;
      }
      stream.on('error', () => undefined);
      stream.close();
      settle({ ok: true });
    });
  });
}
