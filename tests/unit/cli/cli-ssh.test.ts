import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosisSchema } from '../../../shared/evidence';
import { keyPair, startTestServer, type TestServer } from '../engine/exec/ssh-server.helper';

/**
 * `diagnose --ssh` end to end: the built CLI as a child process, an ssh2 server on
 * 127.0.0.1 that really runs the commands it is sent, real sockets.
 */

const root = join(import.meta.dirname, '..', '..', '..');

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'conndoctor.js'), ...args],
      { cwd: root, timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) =>
        resolve({
          code: err && typeof err.code === 'number' ? err.code : err ? null : 0,
          stdout,
          stderr,
        }),
    ).stdin?.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = a !== null && typeof a === 'object' ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

let server: TestServer;
let dir: string;
let key: string;
let knownHosts: string;
let closedPort: number;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
  const user = keyPair('ed25519');
  server = await startTestServer({ authorizedKeys: [user.public] });
  dir = mkdtempSync(join(tmpdir(), 'conndoctor-cli-ssh-'));
  key = join(dir, 'id_ed25519');
  writeFileSync(key, user.private, { mode: 0o600 });
  knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${server.port} ${server.hostPublicKey}\n`);
  closedPort = await freePort();
}, 60_000);

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const dest = () => `root@127.0.0.1:${server.port}`;

describe('conndoctor diagnose --ssh', () => {
  it('runs the server-side probes over SSH and names the cause', async () => {
    const before = server.commands.length;
    const r = await cli([
      'diagnose',
      `127.0.0.1:${closedPort}`,
      '--ssh',
      dest(),
      '--identity',
      key,
      '--known-hosts',
      knownHosts,
      '--json',
      '--timeout',
      '1000',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const d = DiagnosisSchema.parse(JSON.parse(r.stdout));
    expect(d).toMatchObject({ outcome: 'refused', cause: 'not-listening', confidence: 'high' });
    const listeners = d.evidence.find((e) => e.probe === 'listeners');
    expect(listeners).toMatchObject({ vantage: 'server', status: 'fail' });
    // The commands really went over the SSH session.
    expect(
      server.commands.slice(before).some((c) => c.includes('ss') && c.includes('-Hltnp')),
    ).toBe(true);
  });

  it('an unknown host key: exit 3, one line with the SHA256 fingerprint, stdout empty', async () => {
    const empty = join(dir, 'empty_known_hosts');
    writeFileSync(empty, '');
    const r = await cli([
      'diagnose',
      `127.0.0.1:${closedPort}`,
      '--ssh',
      dest(),
      '--identity',
      key,
      '--known-hosts',
      empty,
      '--json',
    ]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/SHA256:/);
  });

  it('--accept-new trusts and records an unknown host key', async () => {
    const fresh = join(dir, 'fresh_known_hosts');
    writeFileSync(fresh, '');
    const r = await cli([
      'diagnose',
      `127.0.0.1:${closedPort}`,
      '--ssh',
      dest(),
      '--identity',
      key,
      '--known-hosts',
      fresh,
      '--accept-new',
      '--json',
      '--timeout',
      '1000',
    ]);
    expect(r.code).toBe(1);
    expect(readFileSync(fresh, 'utf8')).toContain(server.hostPublicKey.split(' ')[1]);
  });

  it('an ecdsa key known, ed25519 presented: changed, exit 3 even with --accept-new', async () => {
    const kh = join(dir, 'other_type_known_hosts');
    const ec = utils.generateKeyPairSync('ecdsa', { bits: 256 }).public.split(' ');
    const line = `[127.0.0.1]:${server.port} ${ec[0]} ${ec[1]}\n`;
    writeFileSync(kh, line);
    const r = await cli([
      'diagnose',
      `127.0.0.1:${closedPort}`,
      '--ssh',
      dest(),
      '--identity',
      key,
      '--known-hosts',
      kh,
      '--accept-new',
      '--json',
    ]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.match(/SHA256:/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(readFileSync(kh, 'utf8')).toBe(line);
  });

  it('probe route --ssh runs on the server (DESIGN §2), toward the client', async () => {
    const before = server.commands.length;
    const r = await cli([
      'probe',
      'route',
      `127.0.0.1:${closedPort}`,
      '--ssh',
      dest(),
      '--identity',
      key,
      '--known-hosts',
      knownHosts,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    const e = JSON.parse(r.stdout) as { probe: string; vantage: string; command: string[] };
    expect(e).toMatchObject({ probe: 'route', vantage: 'server' });
    expect(e.command.slice(0, 4)).toEqual(['ip', '-j', 'route', 'get']);
    expect(server.commands.slice(before).some((c) => c.includes('route'))).toBe(true);
  });

  it('SSH refused: exit 3, one line on stderr', async () => {
    const r = await cli([
      'diagnose',
      `127.0.0.1:${closedPort}`,
      '--ssh',
      `root@127.0.0.1:${closedPort}`,
      '--json',
    ]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a wrong key: exit 3 (authentication failed)', async () => {
    const other = join(dir, 'other_key');
    writeFileSync(other, keyPair('ed25519').private, { mode: 0o600 });
    const r = await cli([
      'diagnose',
      `127.0.0.1:${closedPort}`,
      '--ssh',
      dest(),
      '--identity',
      other,
      '--known-hosts',
      knownHosts,
    ]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
  });
});
