import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../../electron/engine/exec/executor';
import { openSshExecutor } from '../../../electron/engine/exec/ssh';
import { serviceProbe } from '../../../electron/engine/probes/service.probe';
import type { ServiceData } from '../../../shared/probe-data';
import { ProbeRequestSchema, type ProbeRequest } from '../../../shared/probe-request';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  labAvailable,
  nsExecutor,
  startSystemd,
  systemdSshd,
  tcpListenerArgv,
  type Lab,
  type LabSystemd,
} from '../harness';

const avail = labAvailable();
if (!avail.ok) console.warn(`skipping service lab tests: ${avail.reason}`);

const q = (argv: string[]) => argv.map((a) => JSON.stringify(a)).join(' ');

describe.skipIf(!avail.ok)('service probe under real systemd as PID 1', () => {
  let lab: Lab;
  let sd: LabSystemd;
  const executors: Record<string, Executor> = {};

  beforeAll(async () => {
    cleanupStale();
    lab = createLab({ name: 'service', net: 233 });
    const key = generateKeyPair(lab.dir);
    const sshd = systemdSshd(lab, { authorizedKeys: [key.publicKey] });
    sd = await startSystemd(lab, {
      units: {
        ...sshd.units,
        'web.service': `[Unit]\nDescription=Lab web\n[Service]\nExecStart=${q(tcpListenerArgv('0.0.0.0', 8090))}\n`,
        'stopped.service': `[Unit]\nDescription=Lab service the admin stopped\n[Service]\nExecStart=${q(tcpListenerArgv('0.0.0.0', 8091))}\n`,
        'crash.service':
          '[Unit]\nDescription=Lab service that cannot start\n[Service]\nExecStart=/bin/sh -c "echo \'fatal: cannot read /etc/lab.conf\' >&2; exit 1"\n',
      },
      files: sshd.files,
    });
    sd.systemctl(['stop', 'stopped.service']);
    executors.nsenter = nsExecutor(lab.ns, { enterPid: sd.pid1 });
    executors.ssh = await openSshExecutor({
      destination: `root@${lab.mgmtAddr!}`,
      identity: key.privateKeyPath,
      knownHosts: sshd.writeKnownHosts([lab.mgmtAddr!]),
      sshConfig: '/dev/null',
    });
  });
  afterAll(async () => {
    await executors.ssh?.close();
    await lab?.destroy();
  });

  async function probe(via: string, req: Partial<ProbeRequest>) {
    const ex = executors[via]!;
    const parsed = ProbeRequestSchema.parse({ probe: 'service', vantage: 'server', ...req });
    const ev = await serviceProbe(parsed, { client: ex, server: ex });
    return { ev, data: ev.data as ServiceData };
  }

  for (const via of ['nsenter', 'ssh']) {
    describe(`via ${via}`, () => {
      it('a running unit: active, with the port its process listens on', async () => {
        const { ev, data } = await probe(via, { service: 'web.service' });
        expect(ev.status).toBe('pass');
        expect(data).toMatchObject({ manager: 'systemd', state: 'active', ports: [8090] });
        expect(data.pids.length).toBeGreaterThan(0);
      });

      it('a stopped unit and a failed unit are told apart, each with its journal', async () => {
        const stopped = await probe(via, { service: 'stopped.service' });
        expect(stopped.ev.status).toBe('fail');
        expect(stopped.data).toMatchObject({ state: 'inactive', subState: 'dead' });
        expect(stopped.data.journal?.join('\n')).toMatch(/Stopped stopped\.service/);

        const failed = await probe(via, { service: 'crash.service' });
        expect(failed.ev.status).toBe('fail');
        expect(failed.data).toMatchObject({ state: 'failed', subState: 'failed' });
        expect(failed.data.journal?.join('\n')).toContain('fatal: cannot read /etc/lab.conf');
        expect(failed.ev.summary).toMatch(/has failed; result exit-code, exit status 1/);
      });

      it('given only a port: names the unit that owns its listener', async () => {
        const { ev, data } = await probe(via, { target: { host: lab.dataAddr!, port: 8090 } });
        expect(ev.status).toBe('pass');
        expect(data).toMatchObject({ manager: 'systemd', name: 'web.service', ports: [8090] });
      });

      it('a unit that does not exist', async () => {
        const { data } = await probe(via, { service: 'nosuch.service' });
        expect(data.state).toBe('not-found');
      });
    });
  }

  it('where systemd is not PID 1 (this machine seen from the bare namespace): unknown, never inactive', async () => {
    const ex = nsExecutor(lab.ns);
    const ev = await serviceProbe(
      ProbeRequestSchema.parse({ probe: 'service', vantage: 'server', service: 'web.service' }),
      { client: ex, server: ex },
    );
    expect(ev.status).toBe('inconclusive');
    expect((ev.data as ServiceData).state).toBe('unknown');
    expect(ev.reason).toMatch(/systemd/);
  });
});
