import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirewallData } from '../../../shared/probe-data';
import { createLocalExecutor } from '../../../electron/engine/exec/local';
import { connectOnce } from '../../../electron/engine/probes/connect.probe';
import { firewallProbe } from '../../../electron/engine/probes/firewall.probe';
import { cleanupStale, createLab, labAvailable, nsExecutor, type Lab } from '../harness';

/**
 * A host whose rules live in the iptables-legacy tables (older distributions, old Docker),
 * beside a native nftables table: `iptables-save` (nf_tables) only warns that legacy
 * tables exist; the probe must read them with iptables-legacy-save and evaluate both.
 * Its own namespace, so the legacy tables never meet the other lab files.
 */

const avail = labAvailable();
if (!avail.ok) console.warn(`skipping iptables-legacy lab tests: ${avail.reason}`);

const LISTENER = `
import socket, select, sys
socks = []
for p in sys.argv[2:]:
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((sys.argv[1], int(p))); s.listen(16); socks.append(s)
while True:
    for s in select.select(socks, [], [])[0]:
        c, _ = s.accept(); c.close()
`;

describe.skipIf(!avail.ok)('firewall lab: iptables-legacy tables', () => {
  let lab: Lab;
  const client = createLocalExecutor();
  beforeAll(async () => {
    cleanupStale();
    lab = createLab({ name: 'fw-legacy', net: 234, mgmt: false });
    await lab.startService(
      ['/usr/bin/python3', '-c', LISTENER, lab.dataAddr ?? '', '8080', '8081', '9000'],
      {
        waitPort: 9000,
      },
    );
    const legacy = [
      '*filter',
      ':INPUT ACCEPT [0:0]',
      ':FORWARD ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      '-A INPUT -p tcp --dport 8080 -j REJECT --reject-with tcp-reset',
      'COMMIT',
      '',
    ].join('\n');
    const r = lab.exec(['iptables-legacy-restore'], { input: legacy });
    if (r.code !== 0) throw new Error(r.stderr);
    const n = lab.exec(['nft', '-f', '-'], {
      input:
        'table inet native {\n  chain input {\n    type filter hook input priority 10; policy accept;\n    tcp dport 8081 counter drop\n  }\n}\n',
    });
    if (n.code !== 0) throw new Error(n.stderr);
  });
  afterAll(async () => {
    await lab?.destroy();
  });

  const probe = async (port: number) => {
    const ev = await firewallProbe(
      {
        probe: 'firewall',
        vantage: 'server',
        target: { host: lab.dataAddr ?? '', port },
        address: lab.dataAddr ?? '',
        clientAddress: lab.hostDataAddr ?? '',
        timeoutMs: 400,
      },
      { client, server: nsExecutor(lab.ns) },
    );
    return { ev, data: ev.data as FirewallData };
  };

  it('reads and evaluates the legacy tables (REJECT), as the kernel does', async () => {
    const { ev, data } = await probe(8080);
    expect(data.verdict?.verdict, ev.summary).toBe('reject');
    expect(data.verdict?.rule?.text).toBe(
      '-A INPUT -p tcp -m tcp --dport 8080 -j REJECT --reject-with tcp-reset',
    );
    expect(data.verdict?.notes).toContain(
      'the deciding rule is in the legacy tables: change it with iptables-legacy',
    );
    expect(data.verdict?.counterProof).toMatchObject({ agrees: true, delta: 3 });
    expect(data.backends.find((b) => b.source === 'iptables')?.summary).toContain(
      'legacy tables too: INPUT policy ACCEPT',
    );
    expect((await connectOnce(lab.dataAddr ?? '', 8080, 300)).result).toBe('refused');
  });
  it('still evaluates the native nft table beside them (DROP)', async () => {
    const { data } = await probe(8081);
    expect(data.verdict).toMatchObject({
      verdict: 'drop',
      rule: { source: 'nftables', table: 'inet native' },
    });
    expect(data.verdict?.counterProof).toMatchObject({ agrees: true, delta: 3 });
    expect((await connectOnce(lab.dataAddr ?? '', 8081, 300)).result).toBe('timeout');
  });
  it('accepts what neither blocks', async () => {
    const { data } = await probe(9000);
    expect(data.verdict?.verdict).toBe('accept');
    expect((await connectOnce(lab.dataAddr ?? '', 9000, 300)).result).toBe('ok');
  });
});
