import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListenersData } from '../../../shared/probe-data';
import { createService, type Service } from '../../../electron/engine/service';
import { defaultServiceDeps, openSsh } from '../../../electron/engine/service-deps';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  labAvailable,
  startSshd,
  type KeyPair,
  type Lab,
  type LabSshd,
} from '../harness';

/**
 * Server access as the UI uses it, through the contracts service, against a real sshd in
 * a network namespace (subnet 10.238.0.0/16): unknown host key answered with its
 * fingerprint, trusted on request, then probes run on the server over the session.
 */
const avail = labAvailable();
if (!avail.ok) console.warn(`skipping UI session lab tests: ${avail.reason}`);

let lab: Lab;
let sshd: LabSshd;
let key: KeyPair;
let service: Service;
let knownHosts: string;

describe.skipIf(!avail.ok)('session.open / probe.run over a real SSH server', () => {
  beforeAll(async () => {
    cleanupStale();
    lab = createLab({ name: 'ui-session', net: 238, data: false });
    key = generateKeyPair(lab.dir, 'id_ui');
    sshd = await startSshd(lab, { authorizedKeys: [key.publicKey] });
    knownHosts = join(lab.dir, 'known_hosts');
    writeFileSync(knownHosts, '');
    const sshConfig = join(lab.dir, 'empty-config');
    writeFileSync(sshConfig, '');
    service = createService(
      {
        ...defaultServiceDeps('browser'),
        openSession: (req) => openSsh(req, { knownHosts, sshConfig }),
      },
      () => undefined,
    );
  });
  afterAll(async () => {
    try {
      await service?.close();
    } finally {
      await lab?.destroy();
    }
  });

  it('asks about an unknown host key with its fingerprint, then trusts it on request', async () => {
    const destination = `root@${lab.mgmtAddr!}`;
    const expected = execFileSync('ssh-keygen', ['-lf', '-'], {
      input: sshd.hostPublicKey,
      encoding: 'utf8',
    }).split(' ')[1];

    const first = await service.dispatch('session.open', {
      destination,
      identity: key.privateKeyPath,
    });
    expect(first).toMatchObject({ ok: false, error: { code: 'host-key-unknown' } });
    if (first.ok) return;
    expect(first.error.fingerprint).toBe(expected);

    const trusted = await service.dispatch('session.open', {
      destination,
      identity: key.privateKeyPath,
      acceptNew: true,
    });
    expect(trusted.ok).toBe(true);
    if (!trusted.ok) return;
    const { sessionId, label } = trusted.value as { sessionId: string; label: string };
    expect(label).toContain(`root@${lab.mgmtAddr!}`);

    const listeners = await service.dispatch('probe.run', {
      runId: 'lab-listeners-1',
      request: {
        probe: 'listeners',
        vantage: 'server',
        target: { host: lab.mgmtAddr!, port: sshd.port },
      },
      sessionId,
    });
    expect(listeners).toMatchObject({ ok: true, value: { probe: 'listeners', vantage: 'server' } });
    if (!listeners.ok) return;
    const data = (listeners.value as { data: ListenersData }).data;
    expect(data.listeners.some((l) => l.port === sshd.port && l.process === 'sshd')).toBe(true);

    const self = await service.dispatch('probe.run', {
      runId: 'lab-self-connect-1',
      request: {
        probe: 'connect',
        vantage: 'server',
        target: { host: lab.mgmtAddr!, port: sshd.port },
      },
      sessionId,
    });
    expect(self).toMatchObject({ ok: true, value: { ok: true, data: { from: 'server' } } });

    expect(await service.dispatch('session.close', { sessionId })).toEqual({
      ok: true,
      value: { closed: true },
    });
    expect(
      await service.dispatch('probe.run', {
        runId: 'lab-after-close-1',
        request: { probe: 'interfaces', vantage: 'server' },
        sessionId,
      }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses a wrong key as an authentication failure', async () => {
    const other = generateKeyPair(lab.dir, 'id_other');
    const r = await service.dispatch('session.open', {
      destination: `root@${lab.mgmtAddr!}`,
      identity: other.privateKeyPath,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'auth-failed' } });
  });
});
