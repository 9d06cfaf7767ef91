import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSshExecutor, SshError, type SshExecutor } from '../../../../electron/engine/exec/ssh';
import { fingerprintSha256 } from '../../../../electron/engine/exec/ssh-known-hosts';
import { UserFileError } from '../../../../electron/engine/fs/user-file';
import { keyPair, startTestServer, type TestServer } from './ssh-server.helper';

let dir: string;
let server: TestServer;
let keyFile: string;
let goodPub: string;
let otherKeyFile: string;
let encKeyFile: string;
let knownHosts: string;
const open: SshExecutor[] = [];

function writeKey(name: string, passphrase?: string): { file: string; pub: string } {
  const k = keyPair('ed25519', passphrase);
  const file = join(dir, name);
  writeFileSync(file, k.private, { mode: 0o600 });
  return { file, pub: k.public };
}

function hostFingerprint(): string {
  return fingerprintSha256(Buffer.from(server.hostPublicKey.split(' ')[1] ?? '', 'base64'));
}

async function openExec(
  extra: Partial<Parameters<typeof openSshExecutor>[0]> = {},
): Promise<SshExecutor> {
  const ex = await openSshExecutor({
    destination: `tester@127.0.0.1:${server.port}`,
    identity: keyFile,
    knownHosts,
    sshConfig: join(dir, 'no-config'),
    timeoutMs: 3000,
    ...extra,
  });
  open.push(ex);
  return ex;
}

async function sshError(p: Promise<unknown>): Promise<SshError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SshError);
    return e as SshError;
  }
  throw new Error('expected an SshError');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cd-ssh-unit-'));
  writeFileSync(join(dir, 'no-config'), '');
  const good = writeKey('id_good');
  const enc = writeKey('id_enc', 'open sesame');
  keyFile = good.file;
  goodPub = good.pub;
  encKeyFile = enc.file;
  otherKeyFile = writeKey('id_other').file;
  server = await startTestServer({ authorizedKeys: [good.pub, enc.pub], password: 's3cret pass' });
  knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${server.port} ${server.hostPublicKey}\n`);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('host keys', () => {
  it('refuses an unknown key with its fingerprint, records it with acceptNew, then trusts it', async () => {
    const kh = join(dir, 'kh-new', 'known_hosts');
    const e = await sshError(openExec({ knownHosts: kh }));
    expect(e.code).toBe('host-key-unknown');
    expect(e.fingerprint).toBe(hostFingerprint());
    expect(e.message).toContain(hostFingerprint());
    await openExec({ knownHosts: kh, acceptNew: true });
    expect(readFileSync(kh, 'utf8')).toBe(`[127.0.0.1]:${server.port} ${server.hostPublicKey}\n`);
    const ex = await openExec({ knownHosts: kh });
    expect((await ex.run({ argv: ['echo', 'hi'] })).stdout).toBe('hi\n');
  });

  it('asks onUnknownHostKey and follows the answer', async () => {
    const kh = join(dir, 'kh-ask');
    const asked: string[] = [];
    const e = await sshError(
      openExec({
        knownHosts: kh,
        onUnknownHostKey: (i) => (asked.push(i.fingerprint), Promise.resolve(false)),
      }),
    );
    expect(e.code).toBe('host-key-unknown');
    await openExec({
      knownHosts: kh,
      onUnknownHostKey: (i) => (asked.push(i.fingerprint), Promise.resolve(true)),
    });
    expect(asked).toEqual([hostFingerprint(), hostFingerprint()]);
    await openExec({ knownHosts: kh });
  });

  it('waits for a slow answer longer than the handshake timeout, then records the key', async () => {
    const kh = join(dir, 'kh-slow');
    const slow = () => new Promise<boolean>((r) => setTimeout(() => r(true), 1200));
    const ex = await openExec({ knownHosts: kh, timeoutMs: 500, onUnknownHostKey: slow });
    expect((await ex.run({ argv: ['echo', 'ok'] })).stdout).toBe('ok\n');
    expect(readFileSync(kh, 'utf8')).toBe(`[127.0.0.1]:${server.port} ${server.hostPublicKey}\n`);
  });

  it('refuses a changed key even with acceptNew, showing both fingerprints', async () => {
    const kh = join(dir, 'kh-changed');
    const other = utils.generateKeyPairSync('ed25519').public.split(' ').slice(0, 2).join(' ');
    writeFileSync(kh, `[127.0.0.1]:${server.port} ${other}\n`);
    const oldFp = fingerprintSha256(Buffer.from(other.split(' ')[1] ?? '', 'base64'));
    const e = await sshError(openExec({ knownHosts: kh, acceptNew: true }));
    expect(e.code).toBe('host-key-changed');
    expect(e.fingerprint).toBe(hostFingerprint());
    expect(e.knownFingerprint).toBe(oldFp);
    expect(e.message).toContain(hostFingerprint());
    expect(e.message).toContain(oldFp);
    expect(readFileSync(kh, 'utf8')).toBe(`[127.0.0.1]:${server.port} ${other}\n`);
  });
});

describe('host keys of another type (OpenSSH semantics)', () => {
  it('refuses an ed25519 key when only an ecdsa key is known, even with acceptNew', async () => {
    const kh = join(dir, 'kh-other-type');
    const ec = utils.generateKeyPairSync('ecdsa', { bits: 256 }).public;
    const ecLine = ec.split(' ').slice(0, 2).join(' ');
    writeFileSync(kh, `[127.0.0.1]:${server.port} ${ecLine}\n`);
    const ecFp = fingerprintSha256(Buffer.from(ec.split(' ')[1] ?? '', 'base64'));
    const e = await sshError(openExec({ knownHosts: kh, acceptNew: true }));
    expect(e.code).toBe('host-key-changed');
    expect(e.fingerprint).toBe(hostFingerprint());
    expect(e.knownFingerprint).toBe(ecFp);
    expect(e.message).toContain(hostFingerprint());
    expect(e.message).toContain(ecFp);
    expect(readFileSync(kh, 'utf8')).toBe(`[127.0.0.1]:${server.port} ${ecLine}\n`);
  });

  it('prefers the known algorithm when the server has keys of both types', async () => {
    const both = await startTestServer({
      authorizedKeys: [goodPub],
      hostKeyTypes: ['ed25519', 'ecdsa'],
    });
    try {
      const kh = join(dir, 'kh-both');
      const line = `[127.0.0.1]:${both.port} ${both.hostPublicKeys.ecdsa}\n`;
      writeFileSync(kh, line);
      const ex = await openExec({ destination: `tester@127.0.0.1:${both.port}`, knownHosts: kh });
      expect((await ex.run({ argv: ['echo', 'ec'] })).stdout).toBe('ec\n');
      expect(readFileSync(kh, 'utf8')).toBe(line);
    } finally {
      await Promise.all(open.splice(0).map((e) => e.close()));
      await both.close();
    }
  });
});

describe('authentication and connection errors', () => {
  it('accepts a key with its passphrase and a password; never puts secrets in messages', async () => {
    await openExec({ identity: encKeyFile, passphrase: 'open sesame' });
    await openExec({ identity: undefined, password: 's3cret pass' });
    const e1 = await sshError(openExec({ identity: encKeyFile }));
    expect(e1.code).toBe('auth-failed');
    const e2 = await sshError(openExec({ identity: encKeyFile, passphrase: 'wrong one' }));
    expect(e2.code).toBe('auth-failed');
    expect(e2.message).not.toContain('wrong one');
    const e3 = await sshError(openExec({ identity: undefined, password: 'not it' }));
    expect(e3.code).toBe('auth-failed');
    expect(e3.message).not.toContain('not it');
  });

  it('authenticates through a real ssh-agent (SSH_AUTH_SOCK)', async () => {
    const sock = join(dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    const saved = process.env.SSH_AUTH_SOCK;
    try {
      await expect.poll(() => existsSync(sock), { timeout: 3000 }).toBe(true);
      const add = spawnSync('ssh-add', [keyFile], { env: { ...process.env, SSH_AUTH_SOCK: sock } });
      expect(add.status, add.stderr.toString()).toBe(0);
      process.env.SSH_AUTH_SOCK = sock;
      const ex = await openExec({ identity: undefined });
      expect((await ex.run({ argv: ['echo', 'via agent'] })).stdout).toBe('via agent\n');
    } finally {
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
      agent.kill();
    }
  });

  it('connects to an IPv6 destination written [addr]:port', async () => {
    const v6 = await startTestServer({
      authorizedKeys: [goodPub],
      host: '::1',
    });
    try {
      const kh = join(dir, 'kh-v6');
      writeFileSync(kh, `[::1]:${v6.port} ${v6.hostPublicKey}\n`);
      const ex = await openExec({ destination: `tester@[::1]:${v6.port}`, knownHosts: kh });
      expect(ex.label).toBe(`tester@[::1]:${v6.port}`);
      expect((await ex.run({ argv: ['echo', 'v6'] })).stdout).toBe('v6\n');
    } finally {
      await v6.close();
    }
  });

  it('reports a wrong key as auth-failed and a missing or odd key file as bad input', async () => {
    expect((await sshError(openExec({ identity: otherKeyFile }))).code).toBe('auth-failed');
    for (const [identity, problem] of [
      [join(dir, 'nope'), 'missing'],
      ['/dev/zero', 'not-regular'],
    ] as const) {
      const e: unknown = await openExec({ identity }).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(UserFileError);
      expect((e as UserFileError).problem).toBe(problem);
    }
  });

  it('reports a closed port as refused and a silent one as timeout', async () => {
    const silent: NetServer = createServer((s) => s.resume());
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const t0 = Date.now();
    const e = await sshError(openExec({ destination: `tester@127.0.0.1:${port}`, timeoutMs: 400 }));
    expect(e.code).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(2000);
    await new Promise<void>((r) => silent.close(() => r()));
    expect((await sshError(openExec({ destination: `tester@127.0.0.1:${port}` }))).code).toBe(
      'refused',
    );
  });

  it('reports an unresolvable name as dns-failure', async () => {
    const e = await sshError(openExec({ destination: 'tester@no-such-host.invalid' }));
    expect(e.code).toBe('dns-failure');
  });
});

describe('running commands over one connection', () => {
  it('passes hostile arguments through the remote shell unchanged', async () => {
    const ex = await openExec();
    const args = ["it's", '$HOME', '`id`', 'a b', '', 'x\ny', '한국어 🚀', '; rm -rf /'];
    const py = 'import json, sys; print(json.dumps(sys.argv[1:]))';
    const r = await ex.run({ argv: ['python3', '-c', py, ...args] });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(args);
    expect(server.commands.at(-1)).toMatch(
      /^echo conndoctor-pid:\$\$; T=; timeout --version >\/dev\/null 2>&1 && T='timeout -k 2 \d+'; exec \$T env LC_ALL=C python3 -c /,
    );
  });

  it('returns exit codes and stderr, feeds stdin, and classifies not-installed', async () => {
    const ex = await openExec();
    const fail = await ex.run({ argv: ['sh', '-c', 'echo oops >&2; exit 3'] });
    expect(fail).toMatchObject({ exitCode: 3, stderr: 'oops\n', elevated: false });
    expect(fail.error).toBeUndefined();
    expect((await ex.run({ argv: ['cat'], stdin: 'from stdin' })).stdout).toBe('from stdin');
    const missing = await ex.run({ argv: ['conndoctor-no-such-program'] });
    expect(missing.exitCode).toBe(127);
    expect(missing.error?.code).toBe('not-installed');
  });

  it('reuses one connection for many parallel commands', async () => {
    const ex = await openExec();
    const rs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ex.run({ argv: ['echo', String(i)] })),
    );
    expect(rs.map((r) => r.stdout.trim())).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
  });

  it('times out: signals the remote process and closes the channel', async () => {
    const ex = await openExec();
    const t0 = Date.now();
    const r = await ex.run({ argv: ['sleep', '30'], timeoutMs: 300 });
    expect(r.error?.code).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(3000);
    await expect.poll(() => server.running.size, { timeout: 3000 }).toBe(0);
    expect((await ex.run({ argv: ['echo', 'still usable'] })).stdout).toBe('still usable\n');
  });

  it('cancels on abort, before and during the command', async () => {
    const ex = await openExec();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const r = await ex.run({ argv: ['sleep', '30'], signal: ac.signal });
    expect(r.error?.code).toBe('aborted');
    expect((await ex.run({ argv: ['echo', 'x'], signal: ac.signal })).error?.code).toBe('aborted');
    await expect.poll(() => server.running.size, { timeout: 3000 }).toBe(0);
  });

  it('caps output and stops the producer; strips control characters', async () => {
    const ex = await openExec();
    const r = await ex.run({ argv: ['yes', 'y'], maxBytes: 1000, timeoutMs: 5000 });
    expect(r.truncated).toBe(true);
    expect(r.stdout.length).toBe(1000);
    expect(r.error).toBeUndefined();
    const ctl = await ex.run({ argv: ['printf', 'a\\033[31mred\\033[0m\\007b\\tc\\n'] });
    expect(ctl.stdout).toBe('aredb\tc\n');
  });

  it('keeps output a login shell prints first, and still stops the command by pid', async () => {
    const chatty = await startTestServer({
      authorizedKeys: [goodPub],
      banner: 'Welcome to the lab\n',
    });
    try {
      const kh = join(dir, 'kh-chatty');
      writeFileSync(kh, `[127.0.0.1]:${chatty.port} ${chatty.hostPublicKey}\n`);
      const ex = await openExec({ destination: `tester@127.0.0.1:${chatty.port}`, knownHosts: kh });
      expect((await ex.run({ argv: ['echo', 'hi'] })).stdout).toBe('Welcome to the lab\nhi\n');
      const r = await ex.run({ argv: ['sleep', '30'], timeoutMs: 300 });
      expect(r.error?.code).toBe('timeout');
      await expect.poll(() => chatty.running.size, { timeout: 3000 }).toBe(0);
    } finally {
      await chatty.close();
    }
  });

  it('privileged commands run as is for a root login (no sudo)', async () => {
    const ex = await openExec();
    const r = await ex.run({ argv: ['id', '-u'], privileged: true });
    // The in-process server runs commands as this test's user; sudo is only used when not root.
    if (process.getuid?.() === 0) {
      expect(r).toMatchObject({ stdout: '0\n', elevated: true });
      expect(server.commands.some((c) => c.includes('sudo'))).toBe(false);
    } else {
      expect(server.commands.at(-1)).toContain('sudo -n --');
    }
  });

  it('reports connection-lost once the server drops the session', async () => {
    const ex = await openExec();
    server.dropClients();
    await expect
      .poll(async () => (await ex.run({ argv: ['echo', 'x'] })).error?.code, { timeout: 3000 })
      .toBe('connection-lost');
  });
});

describe('server-to-self connect (forwardOut)', () => {
  it('connects to an open port and reports a closed one as refused', async () => {
    const listener = createServer((s) => s.end());
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    const port = (listener.address() as AddressInfo).port;
    const ex = await openExec();
    expect(await ex.connect!('127.0.0.1', port, { timeoutMs: 1000 })).toMatchObject({ ok: true });
    await new Promise<void>((r) => listener.close(() => r()));
    expect(await ex.connect!('127.0.0.1', port, { timeoutMs: 1000 })).toMatchObject({
      ok: false,
      code: 'ECONNREFUSED',
    });
  });
});
