import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSshExecutor, type SshExecutor } from '../../../electron/engine/exec/ssh';
import {
  createLab,
  generateKeyPair,
  labAvailable,
  startSshd,
  tcpListenerArgv,
  type KeyPair,
  type Lab,
  type LabSshd,
} from '../harness';
import { createLabUsers, usersAvailable, type LabUsers } from './lab-users';

/**
 * Commands on a REAL sshd as real users: sudo without and with a password, fallback for
 * optional privilege, not-installed and permission-denied, timeouts that really stop the
 * remote process, and server-to-self connects (forwardOut) to open, closed, dropped and
 * unreachable destinations — recording what OpenSSH's sshd reports for each.
 */

const lab0 = labAvailable();
const users0 = lab0.ok ? usersAvailable() : lab0;
const avail = { ok: lab0.ok && users0.ok, reason: lab0.ok ? users0.reason : lab0.reason };
if (!avail.ok) console.warn(`skipping SSH remote-command lab tests: ${avail.reason}`);

let lab: Lab;
let sshd: LabSshd;
let key: KeyPair;
let users: LabUsers;
const open: SshExecutor[] = [];

async function as(
  user: string,
  extra: Partial<Parameters<typeof openSshExecutor>[0]> = {},
): Promise<SshExecutor> {
  const ex = await openSshExecutor({
    destination: `${user}@${lab.mgmtAddr!}`,
    identity: key.privateKeyPath,
    sshConfig: join(lab.dir, 'empty-config'),
    knownHosts: sshd.writeKnownHosts([lab.mgmtAddr!]),
    timeoutMs: 3000,
    ...extra,
  });
  open.push(ex);
  return ex;
}

function uidOf(name: string): string {
  return lab.execOk(['id', '-u', name]).trim();
}

describe.skipIf(!avail.ok)('SSH executor: privilege and commands on a real host', () => {
  beforeAll(async () => {
    lab = createLab({ name: 'ssh-remote', net: 232 });
    key = generateKeyPair(lab.dir, 'id_lab');
    writeFileSync(join(lab.dir, 'empty-config'), '');
    users = createLabUsers(lab.dir);
    lab.onDestroy(() => users.remove());
    // sshd reads authorized_keys as the logging-in user: let the lab users reach it.
    chmodSync(lab.dir, 0o711);
    sshd = await startSshd(lab, { authorizedKeys: [key.publicKey] });
    chmodSync(join(lab.dir, 'sshd-22'), 0o711);
    chmodSync(join(lab.dir, 'sshd-22', 'authorized_keys'), 0o644);
  });
  afterAll(async () => {
    try {
      await Promise.all(open.splice(0).map((e) => e.close()));
    } finally {
      users?.remove();
      await lab?.destroy();
    }
  });

  it('NOPASSWD sudo: privileged commands run as root through sudo -n', async () => {
    const ex = await as(users.nopass.name);
    const plain = await ex.run({ argv: ['id', '-u'] });
    expect(plain).toMatchObject({ stdout: `${uidOf(users.nopass.name)}\n`, elevated: false });
    const root = await ex.run({ argv: ['id', '-u'], privileged: true });
    expect(root).toMatchObject({ stdout: '0\n', exitCode: 0, elevated: true });
    expect(root.error).toBeUndefined();
    const missing = await ex.run({ argv: ['conndoctor-not-a-real-command'], privileged: true });
    expect(missing.error?.code).toBe('not-installed');
  });

  it('password sudo: needs the password, optional falls back, the password works and never reaches the command', async () => {
    const ex = await as(users.withPass.name);
    const uid = uidOf(users.withPass.name);
    const needs = await ex.run({ argv: ['id', '-u'], privileged: true });
    expect(needs.error?.code).toBe('sudo-password-required');
    expect(needs.elevated).toBe(false);
    const optional = await ex.run({ argv: ['id', '-u'], privileged: 'optional' });
    expect(optional).toMatchObject({ stdout: `${uid}\n`, elevated: false });
    expect(optional.error).toBeUndefined();

    const withPw = await as(users.withPass.name, { sudoPassword: users.withPass.password });
    const root = await withPw.run({ argv: ['id', '-u'], privileged: true });
    expect(root).toMatchObject({ stdout: '0\n', exitCode: 0, elevated: true });
    // stdin after the password line belongs to the command, and only that.
    const echo = await withPw.run({ argv: ['cat'], privileged: true, stdin: 'payload' });
    expect(echo.stdout).toBe('payload');
    expect(echo.stdout + echo.stderr).not.toContain(users.withPass.password);

    const wrong = await as(users.withPass.name, { sudoPassword: 'not-the-password' });
    const denied = await wrong.run({ argv: ['id', '-u'], privileged: true });
    expect(denied.error?.code).toBe('sudo-password-required');
    expect(denied.error?.message).not.toContain('not-the-password');
  });

  it('classifies permission-denied for an unprivileged user', async () => {
    const ex = await as(users.withPass.name);
    const r = await ex.run({ argv: ['cat', '/etc/shadow'] });
    expect(r.exitCode).toBe(1);
    expect(r.error?.code).toBe('permission-denied');
    const nft = await ex.run({ argv: ['iptables', '-S'] });
    expect(nft.error?.code === 'permission-denied' || nft.error?.code === 'not-installed').toBe(
      true,
    );
  });

  it('a timeout stops the remote process (login shell dash, and through sudo)', async () => {
    for (const [user, privileged] of [
      [users.nopass.name, false],
      [users.nopass.name, true],
    ] as const) {
      const ex = await as(user);
      const marker = privileged ? '31337' : '31336';
      const t0 = Date.now();
      const r = await ex.run({ argv: ['sleep', marker], timeoutMs: 400, privileged });
      expect(r.error?.code).toBe('timeout');
      expect(Date.now() - t0).toBeLessThan(3000);
      await expect
        .poll(() => lab.exec(['pgrep', '-f', `^sleep ${marker}$`]).code, { timeout: 3000 })
        .toBe(1);
    }
  });

  it('cancels a running command on abort', async () => {
    const ex = await as('root');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const r = await ex.run({ argv: ['sleep', '31338'], signal: ac.signal });
    expect(r.error?.code).toBe('aborted');
    await expect
      .poll(() => lab.exec(['pgrep', '-f', '^sleep 31338$']).code, { timeout: 3000 })
      .toBe(1);
  });

  it('server-to-self connect: open, closed, REJECTed, dropped and unreachable, as sshd reports them', async () => {
    const data = lab.dataAddr!;
    await lab.startService(tcpListenerArgv(data, 8080), { waitPort: 8080 });
    lab.execOk(['iptables', '-A', 'OUTPUT', '-p', 'tcp', '--dport', '9997', '-j', 'REJECT']);
    lab.execOk([
      'iptables',
      '-A',
      'OUTPUT',
      '-p',
      'tcp',
      '--dport',
      '9998',
      '-j',
      'REJECT',
      '--reject-with',
      'icmp-host-prohibited',
    ]);
    lab.execOk(['iptables', '-A', 'OUTPUT', '-p', 'tcp', '--dport', '9999', '-j', 'DROP']);
    lab.execOk(['ip', 'route', 'add', 'unreachable', '10.232.255.77/32']);
    lab.execOk(['ip', 'route', 'add', 'prohibit', '10.232.255.78/32']);
    const ex = await as('root');
    const c = (host: string, port: number) => ex.connect!(host, port, { timeoutMs: 800 });

    const results = {
      open: await c(data, 8080),
      closed: await c(data, 8081),
      rejected: await c(data, 9997),
      prohibited: await c(data, 9998),
      dropped: await c(data, 9999),
      unreachable: await c('10.232.255.77', 80),
      prohibitRoute: await c('10.232.255.78', 80),
    };
    console.info('forwardOut as reported by OpenSSH sshd:', JSON.stringify(results));
    writeFileSync('/tmp/ssh-forward-results.json', JSON.stringify(results, null, 1));
    expect(results.open).toMatchObject({ ok: true });
    expect(results.closed).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
    expect(results.closed.message).toMatch(/Connection refused/);
    expect(results.rejected).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
    expect(results.prohibited).toMatchObject({ ok: false, code: 'EHOSTUNREACH' });
    expect(results.dropped).toMatchObject({ ok: false, code: 'ETIMEDOUT' });
    expect(results.dropped.ms).toBeLessThan(1500);
    // sshd only says "open failed" when connect() fails at once (here: the route).
    for (const r of [results.unreachable, results.prohibitRoute]) {
      expect(r).toMatchObject({ ok: false, code: 'EHOSTUNREACH' });
      expect(r.message).toMatch(/open failed/);
    }
    // The session survives failed forwards.
    expect((await ex.run({ argv: ['true'] })).exitCode).toBe(0);
  });
});
