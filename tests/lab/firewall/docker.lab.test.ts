import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirewallData } from '../../../shared/probe-data';
import { createLocalExecutor } from '../../../electron/engine/exec/local';
import { connectOnce } from '../../../electron/engine/probes/connect.probe';
import { firewallProbe } from '../../../electron/engine/probes/firewall.probe';
import {
  cleanupStale,
  createLab,
  labAvailable,
  must,
  nsExecutor,
  run,
  sleep,
  stopChild,
  type Lab,
} from '../harness';

/**
 * A published port as Docker builds it, without Docker: a "container" namespace behind a
 * bridge-side veth (dock0) of the server, Docker's nat DOCKER chain (DNAT 8080 → :80) and
 * its FORWARD chains with DOCKER-USER. The analysis must follow the DNAT onto the forward
 * path and name a DOCKER-USER rule that blocks it.
 */

const avail = labAvailable();
if (!avail.ok) console.warn(`skipping Docker-style firewall lab tests: ${avail.reason}`);

const CTR_ADDR = '10.234.250.2';
const BRIDGE_ADDR = '10.234.250.1';

const dockerRules = (user: string) =>
  [
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ':DOCKER - [0:0]',
    '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
    '-A DOCKER -i dock0 -j RETURN',
    `-A DOCKER ! -i dock0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination ${CTR_ADDR}:80`,
    'COMMIT',
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':DOCKER - [0:0]',
    ':DOCKER-USER - [0:0]',
    '-A FORWARD -j DOCKER-USER',
    '-A FORWARD -o dock0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '-A FORWARD -o dock0 -j DOCKER',
    '-A FORWARD -i dock0 ! -o dock0 -j ACCEPT',
    `-A DOCKER -d ${CTR_ADDR}/32 ! -i dock0 -o dock0 -p tcp -m tcp --dport 80 -j ACCEPT`,
    user,
    '-A DOCKER-USER -j RETURN',
    'COMMIT',
    '',
  ].join('\n');

const LISTENER = `
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('${CTR_ADDR}', 80)); s.listen(16)
while True:
    c, _ = s.accept(); c.close()
`;

describe.skipIf(!avail.ok)('firewall lab: Docker-style published port', () => {
  let lab: Lab;
  let ctr = '';
  const client = createLocalExecutor();

  beforeAll(async () => {
    cleanupStale();
    lab = createLab({ name: 'fw-docker', net: 234, mgmt: false });
    ctr = `${lab.ns}-c`;
    must(['ip', 'netns', 'add', ctr]);
    lab.onDestroy(() => {
      run(['ip', 'netns', 'del', ctr]);
    });
    must([
      'ip',
      '-n',
      lab.ns,
      'link',
      'add',
      'dock0',
      'type',
      'veth',
      'peer',
      'name',
      'eth0',
      'netns',
      ctr,
    ]);
    must(['ip', '-n', lab.ns, 'addr', 'add', `${BRIDGE_ADDR}/24`, 'dev', 'dock0']);
    must(['ip', '-n', lab.ns, 'link', 'set', 'dock0', 'up']);
    must(['ip', '-n', ctr, 'addr', 'add', `${CTR_ADDR}/24`, 'dev', 'eth0']);
    must(['ip', '-n', ctr, 'link', 'set', 'eth0', 'up']);
    must(['ip', '-n', ctr, 'link', 'set', 'lo', 'up']);
    must(['ip', '-n', ctr, 'route', 'add', 'default', 'via', BRIDGE_ADDR]);
    // Forwarding inside the server namespace only (as Docker's host has it).
    lab.execOk(['sysctl', '-qw', 'net.ipv4.ip_forward=1']);
    const child = spawn('ip', ['netns', 'exec', ctr, '/usr/bin/python3', '-c', LISTENER], {
      stdio: 'ignore',
    });
    lab.onDestroy(() => stopChild(child));
    for (let i = 0; i < 50; i++) {
      if (run(['ip', 'netns', 'exec', ctr, 'ss', '-Hltn', 'sport = :80']).stdout.trim()) break;
      await sleep(50);
    }
  });
  afterAll(async () => {
    await lab?.destroy();
  });

  const probe = async () => {
    const S = lab.dataAddr ?? '';
    const ev = await firewallProbe(
      {
        probe: 'firewall',
        vantage: 'server',
        target: { host: S, port: 8080 },
        address: S,
        clientAddress: lab.hostDataAddr ?? '',
        timeoutMs: 400,
      },
      { client, server: nsExecutor(lab.ns) },
    );
    return { ev, v: (ev.data as FirewallData).verdict };
  };
  const load = (user: string) => {
    lab.execOk(['nft', 'flush', 'ruleset']);
    const r = lab.exec(['iptables-restore'], { input: dockerRules(user) });
    if (r.code !== 0) throw new Error(r.stderr);
  };

  it('follows the DNAT to the container and accepts, as the kernel does', async () => {
    load('-A DOCKER-USER -s 10.99.0.0/16 -j DROP');
    const { ev, v } = await probe();
    expect(v?.verdict, ev.summary).toBe('accept');
    expect(v?.acceptedBy?.text).toBe(
      `-A DOCKER -d ${CTR_ADDR}/32 ! -i dock0 -o dock0 -p tcp -m tcp --dport 80 -j ACCEPT`,
    );
    expect(v?.reason).toContain(`sent it to ${CTR_ADDR}:80`);
    expect(v?.counterProof).toMatchObject({ agrees: true, rule: v?.acceptedBy?.text });
    expect((await connectOnce(lab.dataAddr ?? '', 8080, 300)).result).toBe('ok');
  });

  it('names the DOCKER-USER rule that drops the published port', async () => {
    load(`-A DOCKER-USER -s ${lab.hostDataAddr ?? ''}/32 -j DROP`);
    const { ev, v } = await probe();
    expect(v?.verdict, ev.summary).toBe('drop');
    expect(v?.rule).toMatchObject({
      table: 'filter',
      chain: 'DOCKER-USER',
      position: 1,
      verdict: 'drop',
    });
    expect(v?.rule?.frontEnd).toEqual({
      source: 'docker',
      text: `published port 8080 → ${CTR_ADDR}:80; your DOCKER-USER rule 1: -A DOCKER-USER -s ${lab.hostDataAddr ?? ''}/32 -j DROP`,
    });
    expect(v?.counterProof).toMatchObject({ agrees: true, delta: 3 });
    expect((await connectOnce(lab.dataAddr ?? '', 8080, 300)).result).toBe('timeout');
  });
});
