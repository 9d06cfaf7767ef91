import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../../electron/engine/exec/executor';
import { createLocalExecutor } from '../../../electron/engine/exec/local';
import { openSshExecutor } from '../../../electron/engine/exec/ssh';
import { runProbe } from '../../../electron/engine/engine';
import type { InterfacesData, ListenersData, RouteData } from '../../../shared/probe-data';
import type { ProbeRequest } from '../../../shared/probe-request';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  labAvailable,
  nsExecutor,
  startSshd,
  tcpListenerArgv,
  type Lab,
  type LabProcess,
} from '../harness';

const avail = labAvailable();
if (!avail.ok) console.warn(`skipping network probe lab tests: ${avail.reason}`);

describe.skipIf(!avail.ok)('listeners, interfaces and route probes on a real server', () => {
  let lab: Lab;
  let v4: LabProcess;
  let v6: LabProcess;
  const client = createLocalExecutor();
  const servers: Record<string, Executor> = {};

  beforeAll(async () => {
    cleanupStale();
    lab = createLab({ name: 'network', net: 233, ipv6: true });
    v4 = await lab.startService(tcpListenerArgv('127.0.0.1', 8080), { waitPort: 8080 });
    v6 = await lab.startService(tcpListenerArgv('::1', 8081, { v6only: true }), { waitPort: 8081 });
    const key = generateKeyPair(lab.dir);
    const sshd = await startSshd(lab, { authorizedKeys: [key.publicKey], listen: [lab.mgmtAddr!] });
    servers.netns = nsExecutor(lab.ns);
    servers.ssh = await openSshExecutor({
      destination: `root@${lab.mgmtAddr!}`,
      identity: key.privateKeyPath,
      knownHosts: sshd.writeKnownHosts([lab.mgmtAddr!]),
      sshConfig: '/dev/null',
    });
  });
  afterAll(async () => {
    await servers.ssh?.close();
    await lab?.destroy();
  });

  const run = (via: string, req: ProbeRequest) => runProbe(req, { client, server: servers[via]! });

  for (const via of ['netns', 'ssh']) {
    describe(`server reached via ${via}`, () => {
      it('listeners: a service on 127.0.0.1 and one on ::1, each with its process', async () => {
        const ev = await run(via, {
          probe: 'listeners',
          vantage: 'server',
          target: { host: lab.dataAddr!, port: 8080 },
        });
        expect(ev.status).toBe('pass');
        const data = ev.data as ListenersData;
        expect(data.processesVisible).toBe(true);
        expect(data.listeners).toContainEqual({
          address: '127.0.0.1',
          port: 8080,
          family: 4,
          process: 'python3',
          pid: v4.pid,
        });
        expect(data.listeners).toContainEqual({
          address: '::1',
          port: 8081,
          family: 6,
          process: 'python3',
          pid: v6.pid,
        });
      });

      it('interfaces: the data interface down is seen while the management link carries the session', async () => {
        lab.execOk(['ip', 'link', 'set', lab.dataIf, 'down']);
        try {
          const ev = await run(via, {
            probe: 'interfaces',
            vantage: 'server',
            target: { host: lab.dataAddr!, port: 8080 },
          });
          expect(ev.status).toBe('fail');
          const data = ev.data as InterfacesData;
          expect(data.target).toEqual({ address: lab.dataAddr, interface: 'data0', up: false });
          expect(data.interfaces.find((i) => i.name === 'mgmt0')).toMatchObject({ up: true });
          expect(ev.summary).toMatch(/data0 \(down\)/);
        } finally {
          lab.execOk(['ip', 'link', 'set', lab.dataIf, 'up']);
        }
        const back = await run(via, {
          probe: 'interfaces',
          vantage: 'server',
          address: lab.dataAddr!,
        });
        expect(back.status).toBe('pass');
      });

      it('route from the server back to the client', async () => {
        const ev = await run(via, {
          probe: 'route',
          vantage: 'server',
          target: { host: lab.dataAddr!, port: 8080 },
          clientAddress: lab.hostDataAddr!,
        });
        expect(ev.status).toBe('pass');
        expect(ev.data).toMatchObject({
          destination: lab.hostDataAddr,
          type: 'unicast',
          dev: 'data0',
        });
      });

      it('an unreachable route on the server is reported as such', async () => {
        lab.execOk(['ip', 'route', 'add', 'unreachable', '10.233.254.0/24']);
        try {
          const ev = await run(via, {
            probe: 'route',
            vantage: 'server',
            target: { host: lab.dataAddr!, port: 8080 },
            clientAddress: '10.233.254.9',
          });
          expect(ev.status).toBe('fail');
          expect((ev.data as RouteData).type).toBe('unreachable');
        } finally {
          lab.execOk(['ip', 'route', 'del', 'unreachable', '10.233.254.0/24']);
        }
      });
    });
  }

  it('route from the client: the data address is reached on the lab link; IPv6 too', async () => {
    const ev = await runProbe(
      { probe: 'route', vantage: 'client', target: { host: lab.dataAddr!, port: 8080 } },
      { client, server: null },
    );
    expect(ev.status).toBe('pass');
    expect(ev.data).toMatchObject({ type: 'unicast', dev: lab.hostDataIf, src: lab.hostDataAddr });
    const ev6 = await runProbe(
      { probe: 'route', vantage: 'client', target: { host: lab.data6Addr!, port: 8080 } },
      { client, server: null },
    );
    expect(ev6.data).toMatchObject({ type: 'unicast', dev: lab.hostDataIf });
  });

  it('route from the client when the link is gone: the lab guard route answers unreachable', async () => {
    // Another lab's address, once its namespace is gone (this lab keeps the guard route).
    const gone = createLab({ name: 'network-gone', net: 233, mgmt: false });
    const addr = gone.dataAddr!;
    await gone.destroy();
    const ev = await runProbe(
      { probe: 'route', vantage: 'client', target: { host: addr, port: 8080 } },
      { client, server: null },
    );
    expect(ev.status).toBe('fail');
    expect((ev.data as RouteData).type).toBe('unreachable');
  });
});
