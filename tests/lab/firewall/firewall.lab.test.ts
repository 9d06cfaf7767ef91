import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirewallData } from '../../../shared/probe-data';
import { createLocalExecutor } from '../../../electron/engine/exec/local';
import type { Executor } from '../../../electron/engine/exec/executor';
import { connectOnce } from '../../../electron/engine/probes/connect.probe';
import { firewallProbe } from '../../../electron/engine/probes/firewall.probe';
import { cleanupStale, createLab, labAvailable, nsExecutor, type Lab } from '../harness';
import { IPTABLES_CASES, type FirewallCase } from './cases-iptables';
import { NFT_CASES } from './cases-nft';
import { FRONT_END_CASES, type FrontEndCase } from './cases-front-ends';
import { MORE_CASES } from './cases-more';

/**
 * Every case loads a real ruleset into the lab's server namespace, asks the firewall probe
 * for its static verdict (with the counter proof from real probe SYNs), then connects from
 * this machine: the verdict must be what the kernel did.
 */

const avail = labAvailable();
if (!avail.ok) console.warn(`skipping firewall lab tests: ${avail.reason}`);

const PORTS = [22, 8080, 8081, 9000];
const LISTENER = `
import socket, select, sys
socks = []
fam = socket.AF_INET6 if ':' in sys.argv[1] else socket.AF_INET
for p in sys.argv[2:]:
    s = socket.socket(fam); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((sys.argv[1], int(p))); s.listen(64); socks.append(s)
while True:
    for s in select.select(socks, [], [])[0]:
        c, _ = s.accept(); c.close()
`;

type Kernel = 'accept' | 'reject' | 'drop' | 'other';

/**
 * Connects once from this machine. Measured here: over IPv6 an ICMPv6 reject reaches the
 * client only as a soft error, reported after the first SYN retransmit (~1 s), so IPv6
 * gets a longer timeout than the 300 ms that tells a DROP apart over IPv4.
 */
async function kernelSays(host: string, port: number): Promise<Kernel> {
  const a = await connectOnce(host, port, host.includes(':') ? 1500 : 300);
  if (a.result === 'ok') return 'accept';
  if (a.result === 'refused' || a.result === 'host-unreachable' || a.result === 'prohibited')
    return 'reject';
  return a.result === 'timeout' ? 'drop' : 'other';
}

describe.skipIf(!avail.ok)('firewall lab: static verdict = kernel behaviour', () => {
  let lab: Lab;
  let server: Executor;
  const client = createLocalExecutor();
  let S = '';
  let C = '';
  let S6 = '';
  let C6 = '';
  let v6 = false;
  const fill = (t: string) => t.replaceAll('{C}', v6 ? C6 : C).replaceAll('{S}', v6 ? S6 : S);

  beforeAll(async () => {
    cleanupStale();
    lab = createLab({ name: 'firewall', net: 234, mgmt: false, ipv6: true });
    server = nsExecutor(lab.ns);
    S = lab.dataAddr ?? '';
    C = lab.hostDataAddr ?? '';
    S6 = lab.data6Addr ?? '';
    C6 = lab.hostData6Addr ?? '';
    await lab.startService(['/usr/bin/python3', '-c', LISTENER, S, ...PORTS.map(String)], {
      waitPort: 9000,
    });
    await lab.startService(['/usr/bin/python3', '-c', LISTENER, S6, '8080']);
  });
  afterAll(async () => {
    await lab?.destroy();
  });

  const load = (c: FirewallCase) => {
    v6 = c.v6 ?? false;
    lab.execOk(['nft', 'flush', 'ruleset']);
    if (c.ip6tables) {
      const r = lab.exec(['ip6tables-restore'], { input: fill(c.ip6tables) });
      if (r.code !== 0) throw new Error(`ip6tables-restore: ${r.stderr}`);
    }
    if (c.iptables) {
      const r = lab.exec(['iptables-restore'], { input: fill(c.iptables) });
      if (r.code !== 0) throw new Error(`iptables-restore: ${r.stderr}`);
    }
    if (c.nft) {
      const r = lab.exec(['nft', '-f', '-'], { input: fill(c.nft) });
      if (r.code !== 0) throw new Error(`nft -f: ${r.stderr}`);
    }
  };

  const probe = async (port: number, on: Executor = server) => {
    const [srv, cli] = v6 ? [S6, C6] : [S, C];
    const ev = await firewallProbe(
      {
        probe: 'firewall',
        vantage: 'server',
        target: { host: srv, port },
        address: srv,
        clientAddress: cli,
        timeoutMs: 400,
      },
      { client, server: on },
    );
    return { ev, data: ev.data as FirewallData };
  };

  const check = async (c: FirewallCase | FrontEndCase) => {
    load(c);
    const { ev, data } = await probe(c.port);
    const v = data.verdict;
    expect(v, ev.summary).toBeDefined();
    if (!v) return;
    expect(v.verdict, `${c.name}\n${ev.summary}\n${JSON.stringify(v.path)}`).toBe(c.expect);
    const kernel = await kernelSays(v6 ? S6 : S, c.port);
    if (c.expect === 'unknown') {
      expect(v.undecidable?.text ?? '').toContain(c.rule ?? '');
      expect(ev.status).toBe('inconclusive');
      return;
    }
    expect(kernel, `${c.name}: the kernel disagrees with the static verdict`).toBe(c.expect);
    const decided = c.expect === 'accept' ? v.acceptedBy : v.rule;
    if (c.rule) expect(decided?.text ?? '', c.name).toContain(c.rule);
    if (c.expect !== 'accept') expect(v.rule?.verdict).toBe(c.expect);
    if (c.counted === false) {
      expect(v.counterProof ?? null).toBeNull();
    } else if (decided) {
      expect(v.counterProof, `${c.name}: counter proof`).toMatchObject({ agrees: true, probes: 3 });
      expect(v.counterProof?.rule).toBe(decided.text);
    }
    if ('frontEnd' in c && c.frontEnd?.source === 'fail2ban') {
      expect(v.ban).toEqual({ jail: 'sshd', address: v6 ? C6 : C });
    }
    if ('frontEnd' in c) {
      if (c.frontEnd === null) expect(v.rule?.frontEnd ?? null).toBeNull();
      else {
        expect(v.rule?.frontEnd?.source).toBe(c.frontEnd.source);
        expect(v.rule?.frontEnd?.text).toContain(c.frontEnd.text);
      }
    }
  };

  for (const c of [...IPTABLES_CASES, ...NFT_CASES, ...FRONT_END_CASES, ...MORE_CASES]) {
    it(c.name, () => check(c));
  }

  it('counters settle what the rules cannot: a recent list that holds the client', async () => {
    load({
      name: 'recent',
      port: 8080,
      expect: 'drop',
      iptables: [
        '*filter',
        ':INPUT ACCEPT [0:0]',
        ':FORWARD ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        '-A INPUT -p tcp --dport 8080 -m recent --set --name seen',
        '-A INPUT -p tcp --dport 8080 -m recent --rcheck --name seen -j DROP',
        'COMMIT',
        '',
      ].join('\n'),
    });
    const { data } = await probe(8080);
    const v = data.verdict;
    // Statically undecidable (list membership is not in the ruleset); the probe SYNs were
    // counted by the DROP rule, exactly one each: the kernel's answer wins.
    expect(v?.counterProof).toMatchObject({
      agrees: false,
      delta: 3,
      rule: expect.stringContaining('--rcheck') as string,
    });
    expect(v).toMatchObject({
      verdict: 'drop',
      rule: { chain: 'INPUT', position: 2, verdict: 'drop' },
    });
    expect(v?.reason).toMatch(/counters show the kernel dropped the probes/);
    expect(await kernelSays(S, 8080)).toBe('drop');
  });

  it('without privilege to read the rules the verdict is unknown, never "no rules"', async () => {
    load(IPTABLES_CASES[3] as FirewallCase);
    // The same namespace, but every command runs as nobody: iptables-save and nft refuse.
    const nobody: Executor = {
      ...server,
      run: (req) =>
        server.run({
          ...req,
          argv: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--', ...req.argv],
        }),
    };
    const { ev, data } = await probe(8080, nobody);
    expect(data.verdict).toMatchObject({ verdict: 'unknown', rule: null });
    expect(ev.status).toBe('inconclusive');
    const ipt = data.backends.find((b) => b.source === 'iptables');
    expect(ipt).toMatchObject({ present: true, readable: false });
    expect(ipt?.summary).toMatch(/cannot be read.*unknown, not absent/);
    expect(await kernelSays(S, 8080)).toBe('drop');
  });

  it('summarises every backend without a target', async () => {
    load(IPTABLES_CASES[4] as FirewallCase);
    const ev = await firewallProbe(
      { probe: 'firewall', vantage: 'server', timeoutMs: 3000 },
      { client, server },
    );
    const data = ev.data as FirewallData;
    expect(data.verdict).toBeUndefined();
    const ipt = data.backends.find((b) => b.source === 'iptables');
    expect(ipt).toMatchObject({ present: true, readable: true });
    expect(ipt?.summary).toContain('INPUT policy DROP');
    expect(ev.summary).toContain('nftables: only the iptables-nft tables');
    expect(ev.raw).toContain('-A INPUT -p tcp -m tcp --dport 22');
  });

  describe('ufw', () => {
    let backup = '';
    beforeAll(() => {
      v6 = false;
      backup = join(lab.dir, 'etc-ufw');
      cpSync('/etc/ufw', backup, { recursive: true });
      lab.execOk(['nft', 'flush', 'ruleset']);
      lab.execOk(['ufw', '--force', 'enable']);
      lab.execOk(['ufw', 'allow', '22/tcp']);
      lab.execOk(['ufw', 'reject', '8080/tcp']);
      lab.execOk([
        'ufw',
        'deny',
        'from',
        '10.234.0.0/16',
        'to',
        'any',
        'port',
        '8081',
        'proto',
        'tcp',
      ]);
      lab.execOk(['ufw', 'allow', 'from', C, 'to', 'any', 'port', '9000', 'proto', 'tcp']);
      lab.execOk(['ufw', 'deny', '9000/tcp']);
    });
    afterAll(() => {
      lab.exec(['ufw', '--force', 'disable']);
      if (backup) {
        rmSync('/etc/ufw', { recursive: true, force: true });
        cpSync(backup, '/etc/ufw', { recursive: true });
      }
    });
    const ufwCase = async (port: number, expectV: Kernel, frontEnd: string | null) => {
      const { ev, data } = await probe(port);
      const v = data.verdict;
      expect(v?.verdict, ev.summary).toBe(expectV);
      expect(await kernelSays(S, port)).toBe(expectV);
      if (frontEnd)
        expect(v?.rule?.frontEnd).toMatchObject({
          source: 'ufw',
          text: expect.stringContaining(frontEnd) as string,
        });
      const decided = expectV === 'accept' ? v?.acceptedBy : v?.rule;
      expect(v?.counterProof).toMatchObject({ agrees: true, rule: decided?.text });
    };
    it('ufw allow', () => ufwCase(22, 'accept', null));
    it('ufw reject names the numbered ufw rule', () =>
      ufwCase(8080, 'reject', '8080/tcp REJECT IN Anywhere'));
    it('ufw deny from a subnet', () => ufwCase(8081, 'drop', '8081/tcp DENY IN 10.234.0.0/16'));
    it('ufw allow before deny', () => ufwCase(9000, 'accept', null));
    it('ufw default deny (incoming)', () => ufwCase(7777, 'drop', 'Default: deny (incoming)'));
  });
});
