import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  labAvailable,
  nsExecutor,
  run,
  startCapture,
  startSshd,
  startSystemd,
  tcpListenerArgv,
  type Lab,
} from './index';

const avail = labAvailable();
if (!avail.ok) console.warn(`skipping lab harness tests: ${avail.reason}`);

/** Connects from this machine (the client) and reports how it ended. */
function tryConnect(host: string, port: number, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.setTimeout(timeoutMs, () => {
      s.destroy();
      resolve('timeout');
    });
    s.on('connect', () => {
      s.destroy();
      resolve('ok');
    });
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });
}

/** Connects until it works or `ms` pass (a unit is active before its program has bound). */
async function connectWithin(host: string, port: number, ms: number): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const r = await tryConnect(host, port);
    if (r === 'ok' || Date.now() > end) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
}

describe.skipIf(!avail.ok)('lab harness', () => {
  let lab: Lab;
  beforeAll(() => {
    cleanupStale();
    lab = createLab({ name: 'harness', net: 233, ipv6: true });
  });
  afterAll(async () => {
    await lab?.destroy();
  });

  it('joins the namespace to this machine on a management and a data link', async () => {
    expect(lab.dataAddr).toMatch(/^10\.233\.\d+\.2$/);
    expect(lab.mgmtAddr).toMatch(/^10\.233\.\d+\.2$/);
    expect(lab.exec(['ip', '-br', 'link']).stdout).toMatch(/data0@\S+\s+UP/);
    // nothing listens yet: the kernel in the namespace answers RST
    expect(await tryConnect(lab.dataAddr!, 8080)).toBe('ECONNREFUSED');
    expect(await tryConnect(lab.data6Addr!, 8080)).toBe('ECONNREFUSED');
  });

  it('runs a real service the client reaches on the data address', async () => {
    const svc = await lab.startService(tcpListenerArgv(lab.dataAddr!, 8080), {
      waitPort: 8080,
    });
    expect(await tryConnect(lab.dataAddr!, 8080)).toBe('ok');
    expect(lab.exec(['ss', '-Hltnp']).stdout).toContain(`pid=${svc.pid},`);
    await svc.stop();
    expect(await tryConnect(lab.dataAddr!, 8080)).toBe('ECONNREFUSED');
  });

  it('keeps the management link working while the data link is down', async () => {
    const ssh = await startSshd(lab, {
      authorizedKeys: [generateKeyPair(lab.dir).publicKey],
    });
    lab.execOk(['ip', 'link', 'set', 'data0', 'down']);
    try {
      expect(await tryConnect(lab.mgmtAddr!, ssh.port)).toBe('ok');
      const t0 = Date.now();
      expect(await tryConnect(lab.dataAddr!, ssh.port, 3000)).toBe('EHOSTUNREACH');
      expect(Date.now() - t0).toBeLessThan(2500);
    } finally {
      lab.execOk(['ip', 'link', 'set', 'data0', 'up']);
    }
    await ssh.stop();
  });

  it('gives tests an executor that runs inside the namespace', async () => {
    const ex = nsExecutor(lab.ns);
    const r = await ex.run({ argv: ['ip', '-j', 'addr', 'show', 'dev', 'data0'] });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(lab.dataAddr!);
    const missing = await ex.run({ argv: ['no-such-program-here'] });
    expect(missing.error?.code).toBe('not-installed');
    const self = await ex.connect!(lab.dataAddr!, 9, { timeoutMs: 1000 });
    expect(self).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
  });

  it('destroy() removes the namespace and is idempotent', async () => {
    const extra = createLab({ name: 'extra', net: 233, mgmt: false, router: true });
    expect(extra.routerNs).not.toBeNull();
    const svc = await extra.startService(tcpListenerArgv('0.0.0.0', 8081), { waitPort: 8081 });
    expect(await tryConnect(extra.dataAddr!, 8081)).toBe('ok');
    // an upstream DROP: the server never sees the SYN
    extra.routerExec(['iptables', '-A', 'FORWARD', '-p', 'tcp', '--dport', '8081', '-j', 'DROP']);
    expect(await tryConnect(extra.dataAddr!, 8081, 500)).toBe('timeout');
    await extra.destroy();
    await extra.destroy();
    expect(svc.child.exitCode !== null || svc.child.signalCode !== null).toBe(true);
    expect(run(['ip', 'netns', 'list']).stdout).not.toContain(extra.ns);
  });
});

describe.skipIf(!avail.ok)('lab harness: systemd as PID 1 and capture', () => {
  let lab: Lab;
  beforeAll(() => {
    lab = createLab({ name: 'harness-systemd', net: 233, mgmt: false });
  });
  afterAll(async () => {
    await lab?.destroy();
  });

  it('boots real systemd with the units under test, apart from this machine', async () => {
    const t0 = Date.now();
    const sd = await startSystemd(lab, {
      units: {
        'web.service': `[Unit]\nDescription=lab web\n[Service]\nExecStart=${tcpListenerArgv(
          '0.0.0.0',
          8090,
        )
          .map((a) => JSON.stringify(a))
          .join(' ')}\n`,
        'broken.service':
          '[Unit]\nDescription=lab broken\n[Service]\nExecStart=/bin/sh -c "echo config error on line 3; exit 3"\n',
      },
    });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(sd.systemctl(['is-active', 'web.service']).stdout.trim()).toBe('active');
    expect(sd.systemctl(['is-active', 'broken.service']).stdout.trim()).toBe('failed');
    const journal = sd.exec(['journalctl', '-u', 'broken.service', '--no-pager']).stdout;
    expect(journal).toContain('config error on line 3');
    expect(await connectWithin(lab.dataAddr!, 8090, 3000)).toBe('ok');
    // PID 1 of its own pid namespace, with /tmp private (tmpfiles never touched ours)
    expect(sd.exec(['cat', '/proc/1/comm']).stdout.trim()).toBe('systemd');
    expect(sd.exec(['ls', '-A', '/tmp']).stdout.trim()).toBe('');
    await sd.stop();
    expect(await tryConnect(lab.dataAddr!, 8090)).toBe('ECONNREFUSED');
  });

  it('captures what the server sees: RST for a closed port, ICMP for REJECT', async () => {
    const cap = await startCapture(lab, { filter: ['tcp', 'port', '8091', 'or', 'icmp'] });
    expect(await tryConnect(lab.dataAddr!, 8091)).toBe('ECONNREFUSED');
    lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8091', '-j', 'REJECT']);
    expect(await tryConnect(lab.dataAddr!, 8091)).toBe('ECONNREFUSED');
    const text = await cap.stop();
    expect(text).toMatch(/> 10\.233\.\d+\.2\.8091: Flags \[S\]/);
    expect(text).toMatch(/10\.233\.\d+\.2\.8091 > .*Flags \[R\.\]/);
    expect(text).toMatch(/ICMP 10\.233\.\d+\.2 tcp port 8091 unreachable/);
  });
});

describe.skipIf(!avail.ok)('lab harness: cleanup of crashed runs', () => {
  it('cleanupStale removes cdlab namespaces (and their processes) whose owner is gone', async () => {
    let dead = 4_000_000;
    while (run(['kill', '-0', String(dead)]).code === 0 && dead > 3_990_000) dead--;
    const ns = `cdlab-${dead}-1`;
    run(['ip', 'netns', 'add', ns]);
    const mine = createLab({ name: 'alive', net: 233, mgmt: false });
    try {
      expect(run(['ip', 'netns', 'list']).stdout).toContain(ns);
      const removed = cleanupStale();
      expect(removed).toContain(ns);
      expect(removed).not.toContain(mine.ns);
      const list = run(['ip', 'netns', 'list']).stdout;
      expect(list).not.toContain(ns);
      expect(list).toContain(mine.ns);
    } finally {
      run(['ip', 'netns', 'del', ns]);
      await mine.destroy();
    }
  });
});
