import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InProcessApi } from '../../../electron/engine/in-process-api';
import type { ServiceData } from '../../../shared/probe-data';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  labAvailable,
  startSystemd,
  systemdSshd,
  tcpListenerArgv,
  type KeyPair,
  type Lab,
  type LabSystemd,
} from '../harness';
import { brief, buildCli, cli, fixOverSsh, labService, sshArgs, type SshAccess } from './drive';
import { expectCause, scenario, type ScenarioEnv } from './scenario';
import type { Diagnosis } from '../../../shared/evidence';

/**
 * Service scenarios under real systemd as PID 1 in the server namespace (subnet
 * 10.235.0.0/16), with SSH sessions landing in that systemd's namespaces: a stopped unit,
 * a failed unit (with its journal), the expected unit on another port, and a REJECT in
 * front of a stopped unit.
 */
const avail = labAvailable();
if (!avail.ok) console.warn(`skipping service scenario lab tests: ${avail.reason}`);

let lab: Lab;
let sd: LabSystemd;
let key: KeyPair;
let knownHosts: string;
let service: InProcessApi;

const env: ScenarioEnv = {
  ssh: (): SshAccess => ({
    destination: `root@${lab.mgmtAddr!}`,
    identity: key.privateKeyPath,
    knownHosts,
  }),
  service: () => service,
  execOnServer: (argv) => sd.exec(argv),
  tmp: () => lab.dir,
};

const q = (argv: string[]) => argv.map((a) => JSON.stringify(a)).join(' ');
const data = (port: number) => `${lab.dataAddr!}:${port}`;
const serviceOf = (d: Diagnosis) =>
  d.evidence.find((e) => e.probe === 'service')?.data as ServiceData | undefined;

describe.skipIf(!avail.ok)('scenarios: services under real systemd', () => {
  beforeAll(async () => {
    cleanupStale();
    buildCli();
    lab = createLab({ name: 'scen-svc', net: 235 });
    key = generateKeyPair(lab.dir, 'id_scen');
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
    knownHosts = sshd.writeKnownHosts([lab.mgmtAddr!]);
    service = labService(knownHosts, lab.dir);
  }, 60_000);
  afterAll(async () => {
    try {
      await service?.close();
    } finally {
      await lab?.destroy();
    }
  });

  scenario(env, {
    name: 'the expected service is stopped',
    fixable: true,
    ask: () => ({ target: data(8091), service: 'stopped.service' }),
    check: (d) => {
      expectCause(d, 'service-not-running');
      expect(d.summary, brief(d)).toContain('stopped.service is inactive');
      expect(d.fix?.commands, brief(d)).toContainEqual(['systemctl', 'start', 'stopped.service']);
    },
  });

  scenario(env, {
    name: 'the expected service has failed (its journal is in the evidence)',
    ask: () => ({ target: data(8092), service: 'crash.service' }),
    check: (d, way) => {
      expectCause(d, 'service-not-running');
      expect(d.summary, brief(d)).toContain('crash.service is failed');
      // The journal is read over a live session; manual mode pastes only `systemctl show`.
      if (way !== 'manual') {
        expect(serviceOf(d)?.journal?.join('\n')).toContain('fatal: cannot read /etc/lab.conf');
      }
    },
  });

  it('a unit that cannot start: --fix --yes is not applied, shows its journal and does not retry', async () => {
    const r = await fixOverSsh(data(8092), env.ssh(), ['--service', 'crash.service'], 1000);
    const d = r.diagnosis;
    expect(d?.cause, r.stderr + brief(d)).toBe('service-not-running');
    // Not applied (the start was undone): no verification, exit 1, and the program's own
    // error line from the journal says why.
    expect(d?.verified, brief(d)).toBeNull();
    expect(r.code).toBe(1);
    expect([...(d?.warnings ?? []), r.stderr].join('\n')).toContain(
      'fatal: cannot read /etc/lab.conf',
    );
    expect(sd.systemctl(['is-active', 'crash.service']).stdout.trim()).not.toBe('active');
  }, 60_000);

  scenario(env, {
    name: 'the expected service listens on another port',
    ask: () => ({ target: data(8095), service: 'web.service' }),
    check: (d) => {
      expectCause(d, 'wrong-port');
      expect(d.summary, brief(d)).toContain('web.service runs and listens on port 8090');
      expect(d.summary).toContain(`${lab.dataAddr!}:8090`);
    },
  });

  scenario(env, {
    name: 'a REJECT in front of a stopped unit',
    ask: () => ({ target: data(8091), service: 'stopped.service' }),
    setup: () => {
      lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8091', '-j', 'REJECT']);
    },
    teardown: () => {
      lab.exec(['iptables', '-F']);
    },
    check: (d) => {
      expectCause(d, 'firewall-reject');
      expect(d.rule?.text, brief(d)).toMatch(/--dport 8091 .*-j REJECT/);
      expect(d.alsoFound.map((a) => a.cause)).toContain('service-not-running');
      expect(d.alsoFound.find((a) => a.cause === 'service-not-running')?.summary).toContain(
        'stopped.service',
      );
    },
  });
  describe('fixing a service for real', () => {
    const ssh = () => sshArgs(env.ssh());

    it('a unit that fails to start: not applied, its journal lines say why, exit 1', async () => {
      const r = await cli([
        'diagnose',
        data(8092),
        '--service',
        'crash.service',
        '--json',
        '--timeout',
        '1000',
        ...ssh(),
        '--fix',
        '--yes',
      ]);
      const d = r.diagnosis;
      expect(d?.cause, brief(d)).toBe('service-not-running');
      expect(d?.verified, brief(d)).toBeNull();
      expect(r.code).toBe(1);
      expect(d?.warnings?.join('\n'), brief(d)).toContain('fatal: cannot read /etc/lab.conf');
    }, 60_000);
  });
});
