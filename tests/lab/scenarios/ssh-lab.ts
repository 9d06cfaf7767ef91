import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { InProcessApi } from '../../../electron/engine/in-process-api';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  startSshd,
  tcpListenerArgv,
  type KeyPair,
  type Lab,
  type LabProcess,
} from '../harness';
import { buildCli, inNamespace, labService } from './drive';
import type { ScenarioEnv } from './scenario';

/**
 * A scenario lab in 10.235.0.0/16: a server namespace with a real sshd reachable on its
 * management link, listeners started on request, and the contracts service trusting its
 * host key. Use `up()` in beforeAll and `down()` in afterAll.
 */
export interface SshScenarioLab {
  env: ScenarioEnv;
  lab: () => Lab;
  /** `DATAADDR:PORT`. */
  data: (port: number) => string;
  up: () => Promise<void>;
  down: () => Promise<void>;
  /** Starts a minimal real listener in the server namespace (stopped by `down`). */
  listen: (host: string, port: number, opts?: { v6only?: boolean }) => Promise<void>;
}

/** Creates (lazily) the lab of one scenario file. */
export function sshScenarioLab(opts: { name: string; router?: boolean }): SshScenarioLab {
  let lab: Lab | undefined;
  let key: KeyPair | undefined;
  let knownHosts = '';
  let service: InProcessApi | undefined;
  const procs: LabProcess[] = [];
  const get = (): Lab => {
    if (!lab) throw new Error('the scenario lab is not up');
    return lab;
  };
  const env: ScenarioEnv = {
    ssh: () => ({
      destination: `root@${get().mgmtAddr!}`,
      identity: key!.privateKeyPath,
      knownHosts,
    }),
    service: () => service!,
    execOnServer: (argv) => inNamespace(get().ns)(argv),
    tmp: () => get().dir,
  };
  return {
    env,
    lab: get,
    data: (port) => `${get().dataAddr!}:${port}`,
    up: async () => {
      cleanupStale();
      buildCli();
      lab = createLab({ name: opts.name, net: 235, router: opts.router ?? false });
      key = generateKeyPair(lab.dir, 'id_scen');
      const sshd = await startSshd(lab, { authorizedKeys: [key.publicKey] });
      knownHosts = sshd.writeKnownHosts([lab.mgmtAddr!]);
      service = labService(knownHosts, lab.dir);
    },
    down: async () => {
      try {
        await service?.close();
        for (const p of procs) await p.stop();
      } finally {
        await lab?.destroy();
      }
    },
    listen: async (host, port, o = {}) => {
      procs.push(await get().startService(tcpListenerArgv(host, port, o), { waitPort: port }));
    },
  };
}

/**
 * ufw in the server namespace for one describe block: SSH allowed, ufw enabled, then
 * `rules` (e.g. `['reject', '8080/tcp']`); afterwards ufw disabled, `reset()` run and
 * /etc/ufw (shared with this machine) put back as it was.
 */
export function withUfw(lab: () => Lab, rules: string[][], reset: () => void): void {
  let backup = '';
  beforeAll(() => {
    reset();
    backup = join(lab().dir, `etc-ufw-${process.pid}`);
    cpSync('/etc/ufw', backup, { recursive: true });
    lab().execOk(['ufw', 'allow', '22/tcp']);
    lab().execOk(['ufw', '--force', 'enable']);
    for (const r of rules) lab().execOk(['ufw', ...r]);
  });
  afterAll(() => {
    try {
      lab().exec(['ufw', '--force', 'disable']);
      reset();
    } finally {
      rmSync('/etc/ufw', { recursive: true, force: true });
      cpSync(backup, '/etc/ufw', { recursive: true });
    }
  });
}
