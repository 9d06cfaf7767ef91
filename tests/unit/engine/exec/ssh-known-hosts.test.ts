import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendKnownHost,
  checkHostKey,
  entryMatches,
  fingerprintSha256,
  keyTypeOf,
  knownHostName,
  knownKeyTypes,
  parseKnownHosts,
} from '../../../../electron/engine/exec/ssh-known-hosts';

/** A real key made by ssh-keygen: its public line, blob and ssh-keygen's own fingerprint. */
interface RealKey {
  line: string;
  type: string;
  blob: Buffer;
  fingerprint: string;
}

let dir: string;
const keys: Record<string, RealKey> = {};

function keygen(name: string, type: string, bits?: string): RealKey {
  const f = join(dir, name);
  const args = ['-q', '-t', type, '-N', '', '-C', name, '-f', f, ...(bits ? ['-b', bits] : [])];
  expect(spawnSync('ssh-keygen', args).status).toBe(0);
  const line = readFileSync(`${f}.pub`, 'utf8').trim();
  const [t, b64] = line.split(' ') as [string, string];
  const fp = spawnSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${f}.pub`], {
    encoding: 'utf8',
  });
  return {
    line,
    type: t,
    blob: Buffer.from(b64, 'base64'),
    fingerprint: fp.stdout.split(' ')[1] ?? '',
  };
}

function entry(k: RealKey): string {
  return k.line.split(' ').slice(0, 2).join(' ');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-kh-'));
  keys.ed = keygen('ed', 'ed25519');
  keys.ed2 = keygen('ed2', 'ed25519');
  keys.ec = keygen('ec', 'ecdsa', '256');
  keys.rsa = keygen('rsa', 'rsa', '2048');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fingerprints and key types', () => {
  it('match ssh-keygen -l for ed25519, ecdsa and rsa', () => {
    for (const k of [keys.ed!, keys.ec!, keys.rsa!]) {
      expect(fingerprintSha256(k.blob)).toBe(k.fingerprint);
      expect(keyTypeOf(k.blob)).toBe(k.type);
    }
    expect(keys.ec!.type).toBe('ecdsa-sha2-nistp256');
  });
});

describe('known_hosts matching', () => {
  it('names non-22 ports as [host]:port', () => {
    expect(knownHostName('Server.Example', 22)).toBe('server.example');
    expect(knownHostName('10.0.0.1', 2222)).toBe('[10.0.0.1]:2222');
    expect(knownHostName('::1', 2222)).toBe('[::1]:2222');
  });

  it('handles plain names, comma lists, wildcards and negation', () => {
    expect(entryMatches('a.example,10.0.0.1', '10.0.0.1')).toBe(true);
    expect(entryMatches('a.example,10.0.0.1', '10.0.0.2')).toBe(false);
    expect(entryMatches('*.example', 'a.example')).toBe(true);
    expect(entryMatches('10.0.0.?', '10.0.0.7')).toBe(true);
    expect(entryMatches('*.example,!bad.example', 'bad.example')).toBe(false);
    expect(entryMatches('[10.0.0.1]:2222', '[10.0.0.1]:2222')).toBe(true);
    expect(entryMatches('[10.0.0.1]:2222', '10.0.0.1')).toBe(false);
    expect(entryMatches('10.0.0.1', '[10.0.0.1]:2222')).toBe(false);
  });

  it('finds hashed entries written by ssh-keygen -H', () => {
    const file = join(dir, 'hashed');
    writeFileSync(
      file,
      [
        `10.9.0.2 ${entry(keys.ed!)}`,
        `[10.9.0.2]:2222 ${entry(keys.ec!)}`,
        `web.example,10.9.0.3 ${entry(keys.rsa!)}`,
      ].join('\n') + '\n',
    );
    expect(spawnSync('ssh-keygen', ['-H', '-f', file]).status).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('10.9.0.2');
    const entries = parseKnownHosts(text);
    expect(entries.every((e) => e.hosts.startsWith('|1|'))).toBe(true);
    expect(checkHostKey(entries, '10.9.0.2', 22, keys.ed!.blob).status).toBe('known');
    expect(checkHostKey(entries, '10.9.0.2', 2222, keys.ec!.blob).status).toBe('known');
    expect(checkHostKey(entries, 'web.example', 22, keys.rsa!.blob).status).toBe('known');
    expect(checkHostKey(entries, '10.9.0.3', 22, keys.rsa!.blob).status).toBe('known');
    expect(checkHostKey(entries, '10.9.0.4', 22, keys.rsa!.blob).status).toBe('unknown');
    const changed = checkHostKey(entries, '10.9.0.2', 22, keys.ed2!.blob);
    expect(changed).toMatchObject({ status: 'changed', knownFingerprint: keys.ed!.fingerprint });
  });

  it('tells known, unknown and changed (any type) apart', () => {
    const entries = parseKnownHosts(
      `# comment\n\n10.9.0.2 ${entry(keys.ed!)}\n10.9.0.2 ${entry(keys.rsa!)}\ngarbage line\n`,
    );
    expect(entries).toHaveLength(2);
    expect(checkHostKey(entries, '10.9.0.2', 22, keys.rsa!.blob)).toEqual({
      status: 'known',
      line: 4,
    });
    // Keys known for the host, the one offered matches none: CHANGED, whatever its type
    // (OpenSSH: "REMOTE HOST IDENTIFICATION HAS CHANGED").
    const known = [`ssh-ed25519 ${keys.ed!.fingerprint}`, `ssh-rsa ${keys.rsa!.fingerprint}`];
    expect(checkHostKey(entries, '10.9.0.2', 22, keys.ec!.blob)).toEqual({
      status: 'changed',
      line: 3,
      knownFingerprint: keys.ed!.fingerprint,
      knownKeys: known,
    });
    expect(checkHostKey(entries, '10.9.0.2', 22, keys.ed2!.blob)).toEqual({
      status: 'changed',
      line: 3,
      knownFingerprint: keys.ed!.fingerprint,
      knownKeys: known,
    });
    expect(checkHostKey(entries, '10.9.0.3', 22, keys.ec!.blob)).toEqual({ status: 'unknown' });
    expect(checkHostKey(entries, '10.9.0.2', 2222, keys.ed!.blob).status).toBe('unknown');
    expect(knownKeyTypes(entries, '10.9.0.2', 22)).toEqual(['ssh-ed25519', 'ssh-rsa']);
  });

  it('refuses @revoked keys and ignores @cert-authority lines', () => {
    const entries = parseKnownHosts(
      [
        `@revoked * ${entry(keys.ed2!)}`,
        `@cert-authority *.example ${entry(keys.ed!)}`,
        `@unknown-marker host ${entry(keys.ec!)}`,
      ].join('\n'),
    );
    expect(entries).toHaveLength(2);
    expect(checkHostKey(entries, 'any.host', 22, keys.ed2!.blob).status).toBe('revoked');
    // A CA key is not a host key: the host stays unknown.
    expect(checkHostKey(entries, 'a.example', 22, keys.ed!.blob).status).toBe('unknown');
  });
});

describe('appendKnownHost', () => {
  it('creates the folder 0700 and file 0600, and ssh-keygen -F finds the entry', async () => {
    const file = join(dir, 'new', 'sub', 'known_hosts');
    await appendKnownHost(file, '10.9.0.2', 2222, keys.ed!.blob);
    await appendKnownHost(file, '10.9.0.5', 22, keys.rsa!.blob);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'new', 'sub')).mode & 0o777).toBe(0o700);
    const found = spawnSync('ssh-keygen', ['-F', '[10.9.0.2]:2222', '-f', file], {
      encoding: 'utf8',
    });
    expect(found.status).toBe(0);
    expect(found.stdout).toContain(entry(keys.ed!));
    const entries = parseKnownHosts(readFileSync(file, 'utf8'));
    expect(checkHostKey(entries, '10.9.0.5', 22, keys.rsa!.blob).status).toBe('known');
  });

  it('writes hashed entries (HashKnownHosts) that ssh-keygen -F finds', async () => {
    const file = join(dir, 'hashed-new');
    await appendKnownHost(file, '10.9.0.2', 2222, keys.ed!.blob, { hash: true });
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\|1\|[A-Za-z0-9+/]{27}=\|[A-Za-z0-9+/]{27}= ssh-ed25519 /);
    expect(text).not.toContain('10.9.0.2');
    const found = spawnSync('ssh-keygen', ['-F', '[10.9.0.2]:2222', '-f', file], {
      encoding: 'utf8',
    });
    expect(found.status).toBe(0);
    expect(checkHostKey(parseKnownHosts(text), '10.9.0.2', 2222, keys.ed!.blob).status).toBe(
      'known',
    );
  });

  it('starts a new line when the file does not end with one', async () => {
    const file = join(dir, 'no-newline');
    writeFileSync(file, `10.9.0.9 ${entry(keys.ec!)}`);
    await appendKnownHost(file, '10.9.0.2', 22, keys.ed!.blob);
    const entries = parseKnownHosts(readFileSync(file, 'utf8'));
    expect(entries.map((e) => e.hosts)).toEqual(['10.9.0.9', '10.9.0.2']);
  });
});
