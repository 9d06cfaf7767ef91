import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Service } from '../../../electron/engine/service';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  labAvailable,
  startSshd,
  tcpListenerArgv,
  type KeyPair,
  type Lab,
  type LabProcess,
} from '../harness';
import { brief, buildCli, inNamespace, labService, type SshAccess } from './drive';
import { expectCause, scenario, type ScenarioEnv } from './scenario';

/**
 * The network path (subnet 10.235.0.0/16): the server's data interface down or its address
 * missing while SSH keeps working on the management link, and the client-side causes (no
 * route, unreachable host, a name that does not resolve) without server access.
 */
const avail = labAvailable();
if (!avail.ok) console.warn(`skipping path scenario lab tests: ${avail.reason}`);

let lab: Lab;
let key: KeyPair;
let knownHosts: string;
let service: Service;
let listener: LabProcess | null = null;

const env: ScenarioEnv = {
  ssh: (): SshAccess => ({
    destination: `root@${lab.mgmtAddr!}`,
    identity: key.privateKeyPath,
    knownHosts,
  }),
  service: () => service,
  execOnServer: (argv) => inNamespace(lab.ns)(argv),
  tmp: () => lab.dir,
};

const data = (port: number) => `${lab.dataAddr!}:${port}`;

/** Brings the data link back as the lab built it: up, with its address. */
function restoreDataLink(): void {
  lab.exec(['ip', 'link', 'set', lab.dataIf, 'up']);
  lab.exec(['ip', 'addr', 'replace', `${lab.dataAddr!}/24`, 'dev', lab.dataIf]);
}

describe.skipIf(!avail.ok)('scenarios: interfaces and the client side', () => {
  beforeAll(async () => {
    cleanupStale();
    buildCli();
    lab = createLab({ name: 'scen-path', net: 235 });
    key = generateKeyPair(lab.dir, 'id_scen');
    const sshd = await startSshd(lab, { authorizedKeys: [key.publicKey] });
    knownHosts = sshd.writeKnownHosts([lab.mgmtAddr!]);
    service = labService(knownHosts, lab.dir);
    listener = await lab.startService(tcpListenerArgv('0.0.0.0', 8080), { waitPort: 8080 });
  }, 30_000);
  afterAll(async () => {
    try {
      await service?.close();
      await listener?.stop();
    } finally {
      await lab?.destroy();
    }
  });

  scenario(env, {
    name: 'data interface down, SSH on the management interface',
    ask: () => ({ target: data(8080) }),
    setup: () => {
      lab.execOk(['ip', 'link', 'set', lab.dataIf, 'down']);
    },
    teardown: restoreDataLink,
    check: (d) => {
      expectCause(d, 'interface-down');
      expect(d.summary, brief(d)).toContain(lab.dataIf);
      expect(d.summary).toContain(lab.dataAddr!);
    },
  });

  scenario(env, {
    name: 'the address is missing from the data interface',
    ask: () => ({ target: data(8080) }),
    setup: () => {
      lab.execOk(['ip', 'addr', 'del', `${lab.dataAddr!}/24`, 'dev', lab.dataIf]);
    },
    teardown: restoreDataLink,
    check: (d) => {
      expectCause(d, 'interface-down');
      expect(d.summary, brief(d)).toContain(`address ${lab.dataAddr!} is not configured`);
    },
  });

  // 10.235.(4s+3).0/24 is never assigned by the lab plan: only the lab's guard route
  // (`unreachable 10.235.0.0/16`) covers it.
  const unrouted = () => `10.235.${4 * lab.plan.slot + 3}.9`;
  scenario(env, {
    name: 'no route (client side)',
    clientOnly: true,
    ask: () => ({ target: `${unrouted()}:8080` }),
    check: (d) => {
      expectCause(d, 'no-route');
      expect(d.outcome).toBe('unreachable');
      expect(d.summary, brief(d)).toContain(unrouted());
      expect(d.summary).toMatch(/route type unreachable/);
    },
  });

  // An unused address on the data link: the client's ARP gets no answer.
  const absent = () => lab.dataAddr!.replace(/\.\d+$/, '.77');
  scenario(env, {
    name: 'unreachable host (client side)',
    clientOnly: true,
    ask: () => ({ target: `${absent()}:8080` }),
    check: (d) => {
      expectCause(d, 'host-unreachable');
      expect(d.outcome).toBe('unreachable');
      expect(d.summary, brief(d)).toContain(absent());
    },
  });

  scenario(env, {
    name: 'DNS failure (a .invalid name)',
    clientOnly: true,
    ask: () => ({ target: 'conndoctor-lab.invalid:8080' }),
    check: (d) => {
      expectCause(d, 'dns-failure');
      expect(d.outcome).toBe('dns-failure');
      expect(d.summary, brief(d)).toContain('conndoctor-lab.invalid');
    },
  });
});
