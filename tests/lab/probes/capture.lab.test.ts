import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalExecutor } from '../../../electron/engine/exec/local';
import { captureProbe } from '../../../electron/engine/probes/capture.probe';
import type { CaptureData } from '../../../shared/probe-data';
import { ProbeRequestSchema } from '../../../shared/probe-request';
import { openSshExecutor } from '../../../electron/engine/exec/ssh';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  labAvailable,
  nsExecutor,
  run,
  startSshd,
  tcpListenerArgv,
  type Lab,
} from '../harness';

/** Pids of tcpdump processes still running in a namespace. */
function tcpdumpsIn(ns: string): string[] {
  return run(['ip', 'netns', 'pids', ns])
    .stdout.split('\n')
    .filter(Boolean)
    .filter((pid) => run(['cat', `/proc/${pid}/comm`]).stdout.trim() === 'tcpdump');
}

const avail = labAvailable();
if (!avail.ok) console.warn(`skipping capture lab tests: ${avail.reason}`);

describe.skipIf(!avail.ok)('capture probe against a real server (tcpdump in the lab)', () => {
  let lab: Lab;
  const client = createLocalExecutor();
  beforeAll(async () => {
    cleanupStale();
    lab = createLab({ name: 'capture', net: 233, router: true, ipv6: true });
    await lab.startService(tcpListenerArgv('0.0.0.0', 8080), { waitPort: 8080 });
    lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8081', '-j', 'REJECT']);
    lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8082', '-j', 'DROP']);
    lab.routerExec(['iptables', '-A', 'FORWARD', '-p', 'tcp', '--dport', '8083', '-j', 'DROP']);
  });
  afterAll(async () => {
    await lab?.destroy();
  });

  async function capture(port: number, host = lab.dataAddr!, timeoutMs = 1000) {
    const req = ProbeRequestSchema.parse({
      probe: 'capture',
      vantage: 'server',
      target: { host, port },
      timeoutMs,
    });
    const t0 = Date.now();
    const ev = await captureProbe(req, { client, server: nsExecutor(lab.ns) });
    return { ev, data: ev.data as CaptureData, ms: Date.now() - t0 };
  }

  it('open port: SYN then SYN-ACK, and the client connected', async () => {
    const { ev, data } = await capture(8080);
    expect(ev.status).toBe('pass');
    expect(data).toMatchObject({ synSeen: true, answer: 'syn-ack', armed: true });
    expect(data.client?.result).toBe('ok');
  });

  it('nothing listening: RST (client: refused)', async () => {
    const { ev, data } = await capture(9000);
    expect(ev.status).toBe('fail');
    expect(data).toMatchObject({ synSeen: true, answer: 'rst' });
    expect(data.client?.result).toBe('refused');
  });

  it('same over IPv6', async () => {
    // The first IPv6 packets through a fresh router namespace can take a retransmission.
    const { data } = await capture(9000, lab.data6Addr!, 3000);
    expect(data).toMatchObject({ synSeen: true, answer: 'rst' });
  });

  it('REJECT: ICMP port unreachable — the same ECONNREFUSED on the client, told apart here', async () => {
    const { data } = await capture(8081);
    expect(data).toMatchObject({ synSeen: true, answer: 'icmp', icmp: { type: 3, code: 3 } });
    expect(data.client?.result).toBe('refused');
  });

  it('DROP on the server: SYN seen, silence; done within the timeout + a little', async () => {
    const { data, ms } = await capture(8082, lab.dataAddr!, 1000);
    expect(data).toMatchObject({ synSeen: true, answer: 'none' });
    expect(data.client?.result).toBe('timeout');
    expect(ms).toBeLessThan(2500);
  });

  it('DROP upstream (router): the server never sees the SYN', async () => {
    const { ev, data } = await capture(8083, lab.dataAddr!, 1000);
    expect(data).toMatchObject({ synSeen: false, answer: 'none', armed: true });
    expect(ev.summary).toMatch(/never saw the SYN/);
  });

  it('leaves no tcpdump behind', () => {
    expect(tcpdumpsIn(lab.ns)).toEqual([]);
  });
});

describe.skipIf(!avail.ok)(
  'capture probe over SSH (tcpdump on the server, the client here)',
  () => {
    let lab: Lab;
    let ssh: Awaited<ReturnType<typeof openSshExecutor>> | null = null;
    beforeAll(async () => {
      lab = createLab({ name: 'capture-ssh', net: 233 });
      lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8081', '-j', 'REJECT']);
      const key = generateKeyPair(lab.dir);
      const sshd = await startSshd(lab, { authorizedKeys: [key.publicKey] });
      ssh = await openSshExecutor({
        destination: `root@${lab.mgmtAddr!}`,
        identity: key.privateKeyPath,
        knownHosts: sshd.writeKnownHosts([lab.mgmtAddr!]),
        sshConfig: '/dev/null',
      });
    });
    afterAll(async () => {
      await ssh?.close();
      await lab?.destroy();
    });

    it('RST for an empty port, ICMP for REJECT — the SSH session on port 22 does not disturb it', async () => {
      const client = createLocalExecutor();
      const run = (port: number) =>
        captureProbe(
          ProbeRequestSchema.parse({
            probe: 'capture',
            vantage: 'server',
            target: { host: lab.dataAddr!, port },
            timeoutMs: 1000,
          }),
          { client, server: ssh },
        );
      expect((await run(9000)).data).toMatchObject({ synSeen: true, answer: 'rst', armed: true });
      expect((await run(8081)).data).toMatchObject({ answer: 'icmp', icmp: { type: 3, code: 3 } });
      // a capture of the SSH port itself, while the session runs over it
      const ev22 = await run(22);
      expect(ev22.data).toMatchObject({ synSeen: true, answer: 'syn-ack' });
      expect(tcpdumpsIn(lab.ns)).toEqual([]);
    });
  },
);
