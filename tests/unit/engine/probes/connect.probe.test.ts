import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectAttempt, ConnectData } from '../../../../shared/probe-data';
import { english, translator } from '../../../../shared/i18n/translate';
import { expectKorean } from '../../shared/i18n/korean-text';
import { runProbe } from '../../../../electron/engine/engine';
import type { Executor } from '../../../../electron/engine/exec/executor';
import { createLocalExecutor } from '../../../../electron/engine/exec/local';
import {
  classifyConnectError,
  connectAll,
  connectMessage,
  connectOnce,
  decideOutcome,
  resolveAll,
} from '../../../../electron/engine/probes/connect.probe';

function listen(host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer((c) => c.destroy());
    s.once('error', reject);
    s.listen(0, host, () => resolve(s));
  });
}
function portOf(s: Server): number {
  const a = s.address();
  return typeof a === 'object' && a ? a.port : 0;
}
function close(s: Server): Promise<void> {
  return new Promise((resolve) => s.close(() => resolve()));
}
/** A port that was just free on both loopbacks: listen on it, then close. */
async function closedPort(): Promise<number> {
  const s = await listen('::');
  const p = portOf(s);
  await close(s);
  return p;
}

describe('connect: real sockets on loopback', () => {
  let v4: Server;
  let v6: Server;
  let dual: Server;
  let closed = 0;
  beforeAll(async () => {
    v4 = await listen('127.0.0.1');
    v6 = await listen('::1');
    dual = await listen('::');
    closed = await closedPort();
  });
  afterAll(async () => {
    await Promise.all([close(v4), close(v6), close(dual)]);
  });

  it('connects to a listening port on 127.0.0.1 and ::1', async () => {
    const a = await connectOnce('127.0.0.1', portOf(v4), 1000);
    expect(a).toMatchObject({ address: '127.0.0.1', family: 4, result: 'ok' });
    expect(a.errno).toBeUndefined();
    const b = await connectOnce('::1', portOf(v6), 1000);
    expect(b).toMatchObject({ address: '::1', family: 6, result: 'ok' });
  });

  it('classifies a closed port as refused with its errno, fast', async () => {
    const a = await connectOnce('127.0.0.1', closed, 1000);
    expect(a).toMatchObject({ result: 'refused', errno: 'ECONNREFUSED' });
    expect(a.ms).toBeLessThan(200);
    const b = await connectOnce('::1', closed, 1000);
    expect(b).toMatchObject({ result: 'refused', errno: 'ECONNREFUSED', family: 6 });
  });

  it('resolves localhost to both loopbacks', async () => {
    const r = await resolveAll('localhost');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const list = r.addresses.map((a) => a.address);
    expect(list).toContain('127.0.0.1');
    expect(list).toContain('::1');
  });

  it('localhost trap: ok overall with a warning that names the refused ::1', async () => {
    const data = await connectAll('localhost', portOf(v4), 1000);
    expect(data.outcome).toBe('ok');
    const six = data.attempts.find((a) => a.address === '::1');
    expect(six?.result).toBe('refused');
    const ev = await runProbe(
      { probe: 'connect', vantage: 'client', target: { host: 'localhost', port: portOf(v4) } },
      { client: createLocalExecutor(), server: null },
    );
    expect(ev.ok).toBe(true);
    expect(ev.summary).toMatch(/warning/);
    expect(ev.summary).toContain(`[::1]:${portOf(v4)} refused`);
  });

  it('a name whose every address refuses is refused', async () => {
    const data = await connectAll('localhost', closed, 1000);
    expect(data.outcome).toBe('refused');
    expect(data.attempts.every((a) => a.result === 'refused')).toBe(true);
  });

  it('an unresolvable name is a dns-failure', async () => {
    const data = await connectAll('conndoctor-test.invalid', 80, 1000);
    expect(data.outcome).toBe('dns-failure');
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(data.dnsError);
    expect(data.attempts).toEqual([]);
  });

  it('runs through the engine: refused evidence with data and a quick result', async () => {
    const ev = await runProbe(
      { probe: 'connect', vantage: 'client', target: { host: '127.0.0.1', port: closed } },
      { client: createLocalExecutor(), server: null },
    );
    expect(ev).toMatchObject({ probe: 'connect', vantage: 'client', ok: false, status: 'fail' });
    const data = ev.data as ConnectData;
    expect(data).toMatchObject({ host: '127.0.0.1', port: closed, outcome: 'refused' });
    expect(data.addresses).toEqual(['127.0.0.1']);
    expect(ev.summary).toContain('refused');
    // The budget (DESIGN §6) is < 20 ms for a client-only refused diagnosis.
    expect(ev.ms).toBeLessThan(200);
  });

  it('server vantage connects from the server to itself', async () => {
    const exec = createLocalExecutor();
    const ev = await runProbe(
      {
        probe: 'connect',
        vantage: 'server',
        target: { host: 'localhost', port: portOf(v6) },
        address: '::1',
      },
      { client: exec, server: exec },
    );
    expect(ev.vantage).toBe('server');
    expect(ev.ok).toBe(true);
    expect((ev.data as ConnectData).from).toBe('server');
  });

  it('cancel destroys the socket and yields inconclusive evidence', async () => {
    const ac = new AbortController();
    ac.abort();
    const ev = await runProbe(
      { probe: 'connect', vantage: 'client', target: { host: '127.0.0.1', port: portOf(v4) } },
      { client: createLocalExecutor(), server: null, signal: ac.signal },
    );
    expect(ev.status).toBe('inconclusive');
  });
});

describe('connect: server vantage answers that are not the network', () => {
  // A stand-in server executor: the SSH executor reports these codes for forwardOut failures.
  const serverSaying = (code: string, message: string): Executor => ({
    kind: 'ssh',
    label: 'stub',
    run: () => Promise.reject(new Error('not used')),
    connect: () => Promise.resolve({ ok: false, code, message, ms: 1 }),
    close: () => Promise.resolve(),
  });
  const ask = (server: Executor) =>
    runProbe(
      { probe: 'connect', vantage: 'server', target: { host: 'db.lab.test', port: 5432 } },
      { client: createLocalExecutor(), server },
    );

  it('a server that refuses to forward gives no verdict', async () => {
    const ev = await ask(serverSaying('ENOTSUP', 'the SSH server does not allow TCP forwarding'));
    expect(ev.status).toBe('inconclusive');
    expect(ev.summary).toContain('does not allow TCP forwarding');
  });

  it('a name the server cannot resolve is a dns-failure', async () => {
    const ev = await ask(serverSaying('ENOTFOUND', 'name or service not known'));
    expect(ev.status).toBe('fail');
    expect(ev.data).toMatchObject({
      outcome: 'dns-failure',
      dnsError: 'ENOTFOUND',
      from: 'server',
    });
  });

  it('a refusal seen from the server is refused', async () => {
    const ev = await ask(serverSaying('ECONNREFUSED', 'Connection refused'));
    expect(ev.data).toMatchObject({ outcome: 'refused', from: 'server' });
  });
});

describe('connect: classification', () => {
  it('maps errno codes to results', () => {
    expect(classifyConnectError('ECONNREFUSED')).toBe('refused');
    expect(classifyConnectError('EHOSTUNREACH')).toBe('host-unreachable');
    expect(classifyConnectError('ENETUNREACH')).toBe('net-unreachable');
    expect(classifyConnectError('EACCES')).toBe('prohibited');
    expect(classifyConnectError('EPERM')).toBe('prohibited');
    expect(classifyConnectError('EINVAL')).toBe('prohibited');
    expect(classifyConnectError('ECONNRESET')).toBe('reset');
    expect(classifyConnectError('ETIMEDOUT')).toBe('timeout');
    expect(classifyConnectError('EWHATEVER')).toBe('error');
  });

  it('ok if any address connects, else the first in resolver order decides', () => {
    const a = (address: string, result: 'ok' | 'refused' | 'timeout' | 'prohibited') => ({
      address,
      family: 4 as const,
      result,
      ms: 1,
    });
    expect(decideOutcome([a('1', 'refused'), a('2', 'ok')])).toBe('ok');
    expect(decideOutcome([a('1', 'timeout'), a('2', 'refused')])).toBe('timeout');
    expect(decideOutcome([a('1', 'prohibited'), a('2', 'refused')])).toBe('unreachable');
  });
});

describe('connect: the addresses that failed, grouped by result, in English and Korean', () => {
  const attempt = (
    address: string,
    result: ConnectAttempt['result'],
    errno?: string,
  ): ConnectAttempt => ({
    address,
    family: address.includes(':') ? 6 : 4,
    result,
    ...(errno ? { errno } : {}),
    ms: result === 'timeout' ? 800.4 : 0.3,
  });
  const data = (attempts: ConnectAttempt[]): ConnectData => ({
    host: 'localhost',
    port: 8080,
    addresses: attempts.map((a) => a.address),
    attempts,
    outcome: decideOutcome(attempts),
    from: 'client',
  });
  const ko = translator('ko');

  it('every address failed: one group per result, in a fixed order', () => {
    const d = data([
      attempt('::1', 'timeout'),
      attempt('127.0.0.1', 'refused', 'ECONNREFUSED'),
      attempt('127.0.0.2', 'refused', 'ECONNREFUSED'),
      attempt('127.0.0.3', 'error', 'EPIPE'),
    ]);
    expect(english(connectMessage(d))).toBe(
      'localhost:8080: 127.0.0.1:8080, 127.0.0.2:8080 refused (ECONNREFUSED); [::1]:8080 no answer within 800 ms (timeout); 127.0.0.3:8080 failed (EPIPE)',
    );
    const text = ko(connectMessage(d));
    expect(text).toBe(
      'localhost:8080: 127.0.0.1:8080, 127.0.0.2:8080 거부됨(ECONNREFUSED); [::1]:8080 800ms 안에 응답 없음(시간 초과); 127.0.0.3:8080 실패(EPIPE)',
    );
    expectKorean(text, ['localhost', 'ECONNREFUSED', 'EPIPE']);
  });

  it('one address connected: the others are the warning', () => {
    const d = data([attempt('::1', 'prohibited'), attempt('127.0.0.1', 'ok')]);
    expect(english(connectMessage(d))).toBe(
      'localhost:8080 accepts connections (via 127.0.0.1:8080); warning: [::1]:8080 prohibited by a local route or firewall (EACCES)',
    );
    expectKorean(ko(connectMessage(d)), ['localhost', 'EACCES']);
  });
});
