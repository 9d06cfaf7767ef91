import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSshExecutor, SshError, type SshExecutor } from '../../../electron/engine/exec/ssh';
import {
  createLab,
  generateKeyPair,
  labAvailable,
  run,
  startSshd,
  type KeyPair,
  type Lab,
  type LabSshd,
} from '../harness';

/**
 * The SSH executor against a REAL OpenSSH sshd in a network namespace: host key trust
 * (unknown, accept-new, hashed, changed), key auth, config aliases, ProxyJump, and what
 * refused and dropped SSH ports look like.
 */

const avail = labAvailable();
if (!avail.ok) console.warn(`skipping SSH session lab tests: ${avail.reason}`);

let lab: Lab;
let sshd: LabSshd;
let sshd2222: LabSshd;
let key: KeyPair;
let wrongKey: KeyPair;
let addr: string;
const open: SshExecutor[] = [];

/** `SHA256:…` of a public key file, as OpenSSH's ssh-keygen prints it. */
function keygenFingerprint(pubFile: string): string {
  const r = run(['ssh-keygen', '-l', '-E', 'sha256', '-f', pubFile]);
  return r.stdout.split(' ')[1] ?? '';
}

async function connect(opts: Partial<Parameters<typeof openSshExecutor>[0]>): Promise<SshExecutor> {
  const ex = await openSshExecutor({
    destination: `root@${addr}`,
    identity: key.privateKeyPath,
    sshConfig: join(lab.dir, 'empty-config'),
    knownHosts: sshd.writeKnownHosts([addr]),
    timeoutMs: 3000,
    ...opts,
  });
  open.push(ex);
  return ex;
}

async function failure(p: Promise<unknown>): Promise<SshError> {
  const e: unknown = await p.then(
    () => new Error('connected, but a failure was expected'),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SshError);
  return e as SshError;
}

describe.skipIf(!avail.ok)('SSH executor against a real sshd', () => {
  beforeAll(async () => {
    lab = createLab({ name: 'ssh-session', net: 232, data: false });
    addr = lab.mgmtAddr!;
    key = generateKeyPair(lab.dir, 'id_lab');
    wrongKey = generateKeyPair(lab.dir, 'id_wrong');
    writeFileSync(join(lab.dir, 'empty-config'), '');
    sshd = await startSshd(lab, { authorizedKeys: [key.publicKey] });
    sshd2222 = await startSshd(lab, { authorizedKeys: [key.publicKey], port: 2222 });
  });
  afterAll(async () => {
    await Promise.all(open.splice(0).map((e) => e.close()));
    await lab?.destroy();
  });

  it('logs in with a key and runs commands over one session', async () => {
    const ex = await connect({});
    expect(ex.label).toBe(`root@${addr}`);
    const t0 = Date.now();
    const rs = await Promise.all(['a', 'b', 'c'].map((x) => ex.run({ argv: ['echo', x] })));
    expect(rs.map((r) => r.stdout)).toEqual(['a\n', 'b\n', 'c\n']);
    expect(Date.now() - t0).toBeLessThan(2000);
    const who = await ex.run({ argv: ['id', '-u'], privileged: true });
    expect(who).toMatchObject({ stdout: '0\n', exitCode: 0, elevated: true });
    const missing = await ex.run({ argv: ['conndoctor-not-a-real-command'] });
    expect(missing.error?.code).toBe('not-installed');
  });

  it('runs more parallel commands than sshd allows sessions (MaxSessions 10)', async () => {
    const ex = await connect({});
    const n = 25;
    const rs = await Promise.all(
      Array.from({ length: n }, (_, i) => ex.run({ argv: ['echo', String(i)], timeoutMs: 20_000 })),
    );
    expect(rs.map((r) => r.error)).toEqual(Array.from({ length: n }, () => undefined));
    expect(rs.map((r) => r.stdout.trim())).toEqual(Array.from({ length: n }, (_, i) => String(i)));
  });

  it('refuses a wrong key as auth-failed', async () => {
    const e = await failure(connect({ identity: wrongKey.privateKeyPath }));
    expect(e.code).toBe('auth-failed');
  });

  it('unknown host key: refused, then recorded with acceptNew (OpenSSH reads it), then trusted', async () => {
    const kh = join(lab.dir, 'trust', 'known_hosts');
    const fp = keygenFingerprint(`${sshd.hostKeyPath}.pub`);
    const e = await failure(connect({ knownHosts: kh }));
    expect(e.code).toBe('host-key-unknown');
    expect(e.fingerprint).toBe(fp);
    expect(e.message).toContain(fp);
    await connect({ knownHosts: kh, acceptNew: true });
    expect(readFileSync(kh, 'utf8').trim()).toBe(sshd.knownHostsLine(addr));
    // OpenSSH's own client trusts the line we wrote, with strict checking.
    const ssh = run([
      'ssh',
      '-F',
      '/dev/null',
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      `UserKnownHostsFile=${kh}`,
      '-o',
      'ConnectTimeout=3',
      '-i',
      key.privateKeyPath,
      `root@${addr}`,
      'true',
    ]);
    expect(ssh.code, ssh.stderr).toBe(0);
    const ex = await connect({ knownHosts: kh });
    expect((await ex.run({ argv: ['hostname'] })).exitCode).toBe(0);
    // Hashed by ssh-keygen -H: still trusted.
    expect(run(['ssh-keygen', '-H', '-f', kh]).code).toBe(0);
    expect(readFileSync(kh, 'utf8')).toMatch(/^\|1\|/);
    await connect({ knownHosts: kh });
  });

  it('changed host key: refused even with acceptNew, both fingerprints shown', async () => {
    const imposter = generateKeyPair(lab.dir, 'imposter_host');
    const kh = join(lab.dir, 'kh-changed');
    const line = `${addr} ${imposter.publicKey.split(' ').slice(0, 2).join(' ')}\n`;
    writeFileSync(kh, line);
    const e = await failure(connect({ knownHosts: kh, acceptNew: true }));
    expect(e.code).toBe('host-key-changed');
    const real = keygenFingerprint(`${sshd.hostKeyPath}.pub`);
    const old = keygenFingerprint(imposter.publicKeyPath);
    expect(e).toMatchObject({ fingerprint: real, knownFingerprint: old });
    expect(e.message).toContain(real);
    expect(e.message).toContain(old);
    expect(readFileSync(kh, 'utf8')).toBe(line);
  });

  it('known ecdsa key, real sshd presents ed25519: changed (any type), refused even with acceptNew', async () => {
    const ecPath = join(lab.dir, 'other_type_ecdsa');
    expect(run(['ssh-keygen', '-q', '-t', 'ecdsa', '-b', '256', '-N', '', '-f', ecPath]).code).toBe(
      0,
    );
    const kh = join(lab.dir, 'kh-other-type');
    const ecLine = readFileSync(`${ecPath}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    const line = `${addr} ${ecLine}\n`;
    writeFileSync(kh, line);
    const e = await failure(connect({ knownHosts: kh, acceptNew: true }));
    expect(e.code).toBe('host-key-changed');
    const real = keygenFingerprint(`${sshd.hostKeyPath}.pub`);
    const known = keygenFingerprint(`${ecPath}.pub`);
    expect(e).toMatchObject({ fingerprint: real, knownFingerprint: known });
    expect(e.message).toContain(real);
    expect(e.message).toContain(known);
    expect(readFileSync(kh, 'utf8')).toBe(line);
  });

  it('resolves a ~/.ssh/config alias (HostName, User, Port, IdentityFile)', async () => {
    const cfg = join(lab.dir, 'ssh_config');
    writeFileSync(
      cfg,
      `Host labalias\n  HostName ${addr}\n  User root\n  Port 2222\n  IdentityFile ${key.privateKeyPath}\n`,
    );
    const kh = join(lab.dir, 'kh-2222');
    writeFileSync(kh, `${sshd2222.knownHostsLine(addr)}\n`);
    const ex = await connect({
      destination: 'labalias',
      identity: undefined,
      sshConfig: cfg,
      knownHosts: kh,
    });
    expect(ex).toMatchObject({ host: addr, port: 2222, user: 'root', label: `root@${addr}:2222` });
    // The session really is on port 2222: sshd reports the connection's server port.
    const conn = await ex.run({ argv: ['sh', '-c', 'echo "$SSH_CONNECTION"'] });
    expect(conn.stdout.trim().split(' ')[3]).toBe('2222');
  });

  it('goes through one ProxyJump hop', async () => {
    const cfg = join(lab.dir, 'ssh_config_jump');
    writeFileSync(
      cfg,
      [
        'Host labjump',
        `  HostName ${addr}`,
        '  User root',
        `  IdentityFile ${key.privateKeyPath}`,
        'Host behind',
        '  HostName 127.0.0.1',
        '  Port 2222',
        '  User root',
        `  IdentityFile ${key.privateKeyPath}`,
        '  ProxyJump labjump',
        '',
      ].join('\n'),
    );
    const kh = join(lab.dir, 'kh-jump');
    writeFileSync(kh, `${sshd.knownHostsLine(addr)}\n${sshd2222.knownHostsLine('127.0.0.1')}\n`);
    const ex = await connect({
      destination: 'behind',
      identity: undefined,
      sshConfig: cfg,
      knownHosts: kh,
    });
    // Seen from the target, the client is the jump host itself (loopback).
    const conn = await ex.run({ argv: ['sh', '-c', 'echo "$SSH_CONNECTION"'] });
    expect(conn.stdout.trim().split(' ')[0]).toBe('127.0.0.1');
  });

  it('reports a closed SSH port as refused and a dropped one as timeout', async () => {
    expect((await failure(connect({ destination: `root@${addr}:2` }))).code).toBe('refused');
    lab.execOk(['iptables', '-I', 'INPUT', '-p', 'tcp', '--dport', '2200', '-j', 'DROP']);
    const t0 = Date.now();
    const e = await failure(connect({ destination: `root@${addr}:2200`, timeoutMs: 700 }));
    expect(e.code).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(2500);
  });
});
