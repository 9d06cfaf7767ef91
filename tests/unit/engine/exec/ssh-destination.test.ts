import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseDestination,
  resolveDestination,
} from '../../../../electron/engine/exec/ssh-destination';
import { SshError } from '../../../../electron/engine/exec/ssh-errors';

describe('parseDestination', () => {
  it.each([
    ['10.0.0.2', { host: '10.0.0.2' }],
    ['root@10.0.0.2', { user: 'root', host: '10.0.0.2' }],
    ['admin@server.example:2222', { user: 'admin', host: 'server.example', port: 2222 }],
    ['[::1]:2222', { host: '::1', port: 2222 }],
    ['deploy@[fd00:1::2]', { user: 'deploy', host: 'fd00:1::2' }],
    ['::1', { host: '::1' }],
    ['fe80::1%eth0', { host: 'fe80::1%eth0' }],
    ['myalias', { host: 'myalias' }],
  ])('%s', (text, want) => {
    expect(parseDestination(text)).toEqual(want);
  });

  it.each([
    '',
    'root@',
    'a b',
    'host:0',
    'host:70000',
    'host:ssh',
    '[10.0.0.1]:22',
    'bad;user@h',
    '-oProxyCommand=x',
  ])('rejects %j as a config error', (text) => {
    expect(() => parseDestination(text)).toThrow(SshError);
    try {
      parseDestination(text);
    } catch (e) {
      expect((e as SshError).code).toBe('config');
    }
  });
});

describe('resolveDestination with an ssh config file', () => {
  let dir: string;
  let cfg: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cd-sshcfg-'));
    cfg = join(dir, 'config');
    writeFileSync(
      cfg,
      [
        'Host web',
        '  HostName 10.9.0.2',
        '  User deploy',
        '  Port 2222',
        '  IdentityFile ~/.ssh/web_key',
        '  IdentityFile %d/keys/%r@%h',
        'Host inner',
        '  HostName %h.lan',
        '  ProxyJump jump@10.9.0.1:2200',
        'Host chain',
        '  ProxyJump a,b',
        'Host evil',
        '  HostName bad host',
        'Match exec "touch ' + join(dir, 'pwned') + '"',
        '  User pwned',
        'Host hashed',
        '  HashKnownHosts yes',
        'Host *',
        '  User fallback',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies HostName, User, Port and IdentityFile (with tokens) to an alias', async () => {
    const d = await resolveDestination('web', cfg);
    expect(d).toEqual({
      host: '10.9.0.2',
      port: 2222,
      user: 'deploy',
      identityFiles: [join(homedir(), '.ssh/web_key'), join(homedir(), 'keys/deploy@10.9.0.2')],
      proxyJump: null,
      hashKnownHosts: false,
    });
  });

  it('lets the destination override user and port, as ssh does', async () => {
    const d = await resolveDestination('root@web:22', cfg);
    expect(d).toMatchObject({ host: '10.9.0.2', port: 22, user: 'root' });
  });

  it('expands %h in HostName and reads ProxyJump', async () => {
    const d = await resolveDestination('inner', cfg);
    expect(d).toMatchObject({
      host: 'inner.lan',
      port: 22,
      user: 'fallback',
      proxyJump: 'jump@10.9.0.1:2200',
    });
  });

  it('reads HashKnownHosts', async () => {
    expect((await resolveDestination('hashed', cfg)).hashKnownHosts).toBe(true);
    expect((await resolveDestination('web', cfg)).hashKnownHosts).toBe(false);
  });

  it('never runs Match exec commands', async () => {
    const d = await resolveDestination('10.9.0.7', cfg);
    expect(d.user).toBe('fallback');
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('refuses multi-hop ProxyJump, invalid HostName and a missing explicit config', async () => {
    await expect(resolveDestination('chain', cfg)).rejects.toMatchObject({ code: 'config' });
    await expect(resolveDestination('evil', cfg)).rejects.toMatchObject({ code: 'config' });
    await expect(resolveDestination('web', join(dir, 'missing'))).rejects.toMatchObject({
      code: 'config',
    });
  });

  it('defaults to the local user and port 22 without a config entry', async () => {
    const empty = join(dir, 'empty');
    writeFileSync(empty, '');
    const d = await resolveDestination('10.9.0.8', empty);
    expect(d).toEqual({
      host: '10.9.0.8',
      port: 22,
      user: userInfo().username,
      identityFiles: [],
      proxyJump: null,
      hashKnownHosts: false,
    });
  });
});
