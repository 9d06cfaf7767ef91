import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalExecutor } from '../../../../electron/engine/exec/local';

const isRoot = process.getuid?.() === 0;

/** True when the process is gone or a zombie (reparented children may linger unreaped). */
async function isDead(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return / Z /.test(stat.slice(stat.lastIndexOf(')')));
  } catch {
    return true;
  }
}

describe('local executor: real processes', () => {
  const exec = createLocalExecutor();

  it('runs an argv without a shell and reports the exit code', async () => {
    const r = await exec.run({ argv: ['sh', '-c', 'echo out; echo err >&2; exit 3'] });
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toBe('err\n');
    expect(r.exitCode).toBe(3);
    expect(r.error).toBeUndefined();
    expect(r.truncated).toBe(false);
  });

  it('passes metacharacters as plain arguments', async () => {
    const r = await exec.run({ argv: ['echo', '$(id -u); rm -rf / | cat'] });
    expect(r.stdout).toBe('$(id -u); rm -rf / | cat\n');
  });

  it('reports a missing program as not-installed', async () => {
    const r = await exec.run({ argv: ['conndoctor-no-such-program-here', '--version'] });
    expect(r.error?.code).toBe('not-installed');
    expect(r.exitCode).toBeNull();
  });

  it('kills the whole process group on timeout', async () => {
    const started = Date.now();
    const r = await exec.run({
      argv: ['sh', '-c', 'sleep 30 & echo $!; wait'],
      timeoutMs: 300,
    });
    expect(r.error?.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    const grandchild = Number(r.stdout.trim());
    expect(grandchild).toBeGreaterThan(1);
    expect(await isDead(grandchild)).toBe(true);
  });

  it('caps output and marks it truncated', async () => {
    const r = await exec.run({ argv: ['head', '-c', '100000', '/dev/zero'], maxBytes: 1000 });
    expect(r.truncated).toBe(true);
    expect(r.stdout.length).toBe(1000);
    expect(r.exitCode).toBe(0);
  });

  it('stops on abort, and does not start when already aborted', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const started = Date.now();
    const r = await exec.run({ argv: ['sleep', '30'], signal: ac.signal });
    expect(r.error?.code).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(3000);
    const again = await exec.run({ argv: ['sleep', '30'], signal: ac.signal });
    expect(again.error?.code).toBe('aborted');
    expect(again.ms).toBeLessThan(100);
  });

  it('feeds stdin', async () => {
    const r = await exec.run({ argv: ['cat'], stdin: 'line one\nline two\n' });
    expect(r.stdout).toBe('line one\nline two\n');
  });

  it.skipIf(!isRoot)(
    'reports a real EACCES of an unprivileged command as permission-denied',
    async () => {
      const r = await exec.run({
        argv: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'cat', '/etc/shadow'],
      });
      expect(r.exitCode).toBe(1);
      expect(r.error?.code).toBe('permission-denied');
    },
  );

  it.skipIf(!isRoot)('as root runs privileged commands without sudo', async () => {
    const r = await exec.run({ argv: ['id', '-u'], privileged: true });
    expect(r.stdout.trim()).toBe('0');
    expect(r.elevated).toBe(true);
  });

  it.skipIf(!isRoot)('without root elevates with sudo -n (real sudo, run as root)', async () => {
    const notRoot = createLocalExecutor({ isRoot: false });
    const r = await notRoot.run({ argv: ['id', '-u'], privileged: true });
    expect(r.stdout.trim()).toBe('0');
    expect(r.elevated).toBe(true);
    const missing = await notRoot.run({ argv: ['conndoctor-no-such-program'], privileged: true });
    expect(missing.error?.code).toBe('not-installed');
  });
});

describe('local executor: sudo asking for a password', () => {
  let dir = '';
  let savedPath: string | undefined;
  beforeAll(async () => {
    // A stand-in sudo that answers as sudo does when a password is needed.
    dir = await mkdtemp(join(tmpdir(), 'cdeng-sudo-'));
    const fake = join(dir, 'sudo');
    // With -S it reads the password from stdin and accepts only "secret".
    await writeFile(
      fake,
      [
        '#!/bin/sh',
        'if [ "$1" = "-n" ]; then echo "sudo: a password is required" >&2; exit 1; fi',
        'read -r pw',
        'if [ "$pw" != "secret" ]; then',
        '  echo "Sorry, try again." >&2',
        '  echo "sudo: 1 incorrect password attempt" >&2',
        '  exit 1',
        'fi',
        'shift 4',
        'exec "$@"',
        '',
      ].join('\n'),
    );
    await chmod(fake, 0o755);
    savedPath = process.env.PATH;
    process.env.PATH = `${dir}:${savedPath ?? ''}`;
  });
  afterAll(async () => {
    process.env.PATH = savedPath;
    await rm(dir, { recursive: true, force: true });
  });

  it('reports sudo-password-required for a required privilege', async () => {
    const exec = createLocalExecutor({ isRoot: false });
    const r = await exec.run({ argv: ['id', '-u'], privileged: true });
    expect(r.error?.code).toBe('sudo-password-required');
    expect(r.elevated).toBe(false);
  });

  it('uses sudo -S with a supplied password, stdin after it; a wrong one is reported', async () => {
    const good = createLocalExecutor({ isRoot: false, sudoPassword: () => 'secret' });
    const r = await good.run({ argv: ['cat'], privileged: true, stdin: 'payload' });
    expect(r.error).toBeUndefined();
    expect(r.stdout).toBe('payload');
    expect(r.elevated).toBe(true);
    const bad = createLocalExecutor({ isRoot: false, sudoPassword: () => 'wrong' });
    const denied = await bad.run({ argv: ['cat'], privileged: true });
    expect(denied.error?.code).toBe('sudo-password-required');
    expect(denied.stdout).toBe('');
  });

  it('falls back to running unprivileged for an optional privilege', async () => {
    const exec = createLocalExecutor({ isRoot: false });
    const r = await exec.run({ argv: ['echo', 'plain'], privileged: 'optional' });
    expect(r.error).toBeUndefined();
    expect(r.stdout).toBe('plain\n');
    expect(r.elevated).toBe(false);
  });
});

describe('local executor: connect', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((s) => s.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    port = typeof addr === 'object' && addr ? addr.port : 0;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('connects from this machine to itself and reports refusals with their errno', async () => {
    const exec = createLocalExecutor();
    const connect = exec.connect?.bind(exec);
    expect(connect).toBeDefined();
    if (!connect) return;
    const ok = await connect('127.0.0.1', port, { timeoutMs: 1000 });
    expect(ok.ok).toBe(true);
    const byName = await connect('localhost', port, { timeoutMs: 1000 });
    expect(byName.ok).toBe(true);
    const refused = await connect('::1', port, { timeoutMs: 1000 });
    expect(refused).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
  });
});
