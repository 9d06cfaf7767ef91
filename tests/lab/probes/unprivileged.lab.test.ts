import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalExecutor } from '../../../electron/engine/exec/local';
import { openSshExecutor, type SshExecutor } from '../../../electron/engine/exec/ssh';
import { runProbe } from '../../../electron/engine/engine';
import type { ListenersData } from '../../../shared/probe-data';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  labAvailable,
  startSshd,
  tcpListenerArgv,
  type Lab,
} from '../harness';
import { createLabUsers, usersAvailable, type LabUsers } from '../ssh/lab-users';

const avail = labAvailable();
const users = usersAvailable();
const ok = avail.ok && users.ok;
if (!ok) console.warn(`skipping unprivileged probe lab tests: ${avail.reason || users.reason}`);

describe.skipIf(!ok)('server probes as a user whose sudo needs a password', () => {
  let lab: Lab;
  let labUsers: LabUsers;
  let ssh: SshExecutor;
  const client = createLocalExecutor();

  beforeAll(async () => {
    cleanupStale();
    lab = createLab({ name: 'unprivileged', net: 233 });
    labUsers = createLabUsers(lab.dir);
    await lab.startService(tcpListenerArgv('127.0.0.1', 8080), { waitPort: 8080 });
    const key = generateKeyPair(lab.dir);
    const sshd = await startSshd(lab, { authorizedKeys: [key.publicKey], listen: [lab.mgmtAddr!] });
    ssh = await openSshExecutor({
      destination: `${labUsers.withPass.name}@${lab.mgmtAddr!}`,
      identity: key.privateKeyPath,
      knownHosts: sshd.writeKnownHosts([lab.mgmtAddr!]),
      sshConfig: '/dev/null',
    });
  });
  afterAll(async () => {
    await ssh?.close();
    labUsers?.remove();
    await lab?.destroy();
  });

  it('listeners: the socket is there, its owner is hidden — processesVisible false, not "no process"', async () => {
    const ev = await runProbe(
      { probe: 'listeners', vantage: 'server', target: { host: lab.dataAddr!, port: 8080 } },
      { client, server: ssh },
    );
    expect(ev.status).toBe('pass');
    const data = ev.data as ListenersData;
    expect(data.processesVisible).toBe(false);
    expect(data.listeners.find((l) => l.port === 8080)).toMatchObject({
      address: '127.0.0.1',
      process: null,
      pid: null,
    });
    expect(ev.summary).toMatch(/not visible without root/);
  });

  it('capture: needs root — inconclusive with the reason, never a verdict', async () => {
    const ev = await runProbe(
      {
        probe: 'capture',
        vantage: 'server',
        target: { host: lab.dataAddr!, port: 9000 },
        timeoutMs: 1000,
      },
      { client, server: ssh },
    );
    expect(ev.status).toBe('inconclusive');
    expect(ev.reason).toMatch(/sudo|root|permission/i);
  });

  it('service by port: the owner cannot be seen, so it is inconclusive', async () => {
    const ev = await runProbe(
      { probe: 'service', vantage: 'server', target: { host: lab.dataAddr!, port: 8080 } },
      { client, server: ssh },
    );
    expect(ev.status).toBe('inconclusive');
    expect(ev.reason).toMatch(/not visible without root/);
  });
});
