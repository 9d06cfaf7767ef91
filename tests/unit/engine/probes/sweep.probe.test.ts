import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepData } from '../../../../shared/probe-data';
import { runProbe } from '../../../../electron/engine/engine';
import { createLocalExecutor } from '../../../../electron/engine/exec/local';
import { sweepLane, type LaneResult } from '../../../../electron/engine/probes/sweep-lane';
import { portsOf, sweepPorts } from '../../../../electron/engine/probes/sweep.probe';

function listen(host: string, port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer((c) => c.destroy());
    s.once('error', reject);
    s.listen(port, host, () => resolve(s));
  });
}
const portOf = (s: Server): number => {
  const a = s.address();
  return typeof a === 'object' && a ? a.port : 0;
};
const close = (s: Server): Promise<void> => new Promise((r) => s.close(() => r()));

describe('sweep: real connects on loopback', () => {
  const servers: Server[] = [];
  let open: number[] = [];
  let closed: number[] = [];
  let list: number[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) servers.push(await listen('127.0.0.1'));
    open = servers.map(portOf).sort((a, b) => a - b);
    // Free ports: bound for a moment, then closed.
    const spare = await Promise.all(Array.from({ length: 200 }, () => listen('::')));
    closed = spare.map(portOf);
    await Promise.all(spare.map(close));
    list = [...closed.slice(0, 100), ...open, ...closed.slice(100)];
  });
  afterAll(async () => {
    await Promise.all(servers.map(close));
  });

  it('finds the open ports among closed ones', async () => {
    const r = await sweepPorts('127.0.0.1', list, { timeoutMs: 1000 });
    expect(r).toEqual({ open, timedOut: 0, scanned: list.length, aborted: false });
  });

  it('on ::1 only the ::1 listener is open (the others listen on 127.0.0.1 only)', async () => {
    const six = await listen('::1');
    try {
      // The ::1 listener may get the same number as a 127.0.0.1 one: list each port once.
      const ports = [...new Set([...list, portOf(six)])];
      const r = await sweepPorts('::1', ports, { timeoutMs: 1000 });
      expect(r.open).toEqual([portOf(six)]);
      expect(r.scanned).toBe(ports.length);
    } finally {
      await close(six);
    }
  });

  it('finds the same through net.Socket where raw TCP handles are not available', async () => {
    const r = await new Promise<LaneResult>((resolve) => {
      sweepLane(
        { address: '127.0.0.1', family: 4, ports: list, concurrency: 16, timeoutMs: 1000 },
        null,
        resolve,
      );
    });
    expect([...r.open].sort((a, b) => a - b)).toEqual(open);
    expect(r).toMatchObject({ timedOut: 0, scanned: list.length });
  });

  it('sweeps a whole range through the engine', async () => {
    const first = open[0] ?? 0;
    const lo = Math.max(1, first - 300);
    const hi = Math.min(65535, first + 300);
    const ev = await runProbe(
      { probe: 'sweep', vantage: 'client', host: 'localhost', ports: { from: lo, to: hi } },
      { client: createLocalExecutor(), server: null },
    );
    const data = ev.data as SweepData;
    expect(data.scanned).toBe(hi - lo + 1);
    // Other processes may listen in the range too; ours must be there.
    expect(data.open).toContain(first);
    expect(ev.ok).toBe(true);
    expect(ev.summary).toMatch(/open TCP ports? on localhost \(127\.0\.0\.1\)/);
  });

  it('an explicit port list wins over the range', async () => {
    const ev = await runProbe(
      { probe: 'sweep', vantage: 'client', host: '127.0.0.1', portList: closed.slice(0, 20) },
      { client: createLocalExecutor(), server: null },
    );
    expect(ev).toMatchObject({ ok: false, status: 'fail' });
    expect(ev.data).toEqual({ host: '127.0.0.1', open: [], scanned: 20 });
  });

  it('cancel stops the sweep', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const r = await sweepPorts('127.0.0.1', portsOf({ ports: { from: 1, to: 65535 } }), {
      timeoutMs: 1000,
      signal: ac.signal,
    });
    expect(r.aborted).toBe(true);
  });
});

describe('sweep: ports of a request', () => {
  it('defaults to 1-1024, takes a range or a de-duplicated list', () => {
    const d = portsOf({});
    expect(d.length).toBe(1024);
    expect([d[0], d[1023]]).toEqual([1, 1024]);
    expect(Array.from(portsOf({ ports: { from: 80, to: 82 } }))).toEqual([80, 81, 82]);
    expect(Array.from(portsOf({ portList: [22, 22, 80] }))).toEqual([22, 80]);
  });
});
