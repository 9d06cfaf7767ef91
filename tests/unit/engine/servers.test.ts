import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sshConfigHosts } from '../../../electron/engine/exec/ssh-destination';
import { recentServers } from '../../../electron/engine/service-deps';
import { createService, type ServiceDeps } from '../../../electron/engine/service';
import { createLocalExecutor } from '../../../electron/engine/exec/local';
import { openStore } from '../../../electron/engine/store/store';

/** Destinations offered in the SSH field: ~/.ssh/config aliases and servers used before. */
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'cd-servers-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('sshConfigHosts', () => {
  it('lists Host aliases in file order, without patterns, Match blocks or duplicates', async () => {
    const file = join(tmp(), 'config');
    writeFileSync(
      file,
      [
        'Host web db.internal *.corp !bad',
        '  HostName 10.0.0.5',
        'Host *',
        '  ServerAliveInterval 5',
        'Match host x',
        '  User y',
        'host jump web',
        'Host bad/name',
      ].join('\n'),
    );
    expect(await sshConfigHosts(file)).toEqual(['web', 'db.internal', 'jump']);
  });
  it('a missing or unreadable file offers nothing (never an error)', async () => {
    expect(await sshConfigHosts(join(tmp(), 'none'))).toEqual([]);
    expect(await sshConfigHosts('/dev/zero')).toEqual([]);
  });
});

describe('recent servers (profiles in the store)', () => {
  it('remembers destination and key file, most recent first, once each, never a secret', async () => {
    const dir = tmp();
    const recent = recentServers(openStore({ dir }));
    await recent.remember({ ssh: 'root@10.0.0.2', identity: '/home/u/.ssh/id_a' });
    await recent.remember({ ssh: 'admin@web' });
    await recent.remember({ ssh: 'root@10.0.0.2', identity: '/home/u/.ssh/id_b' });
    // A destination that is not one is not remembered.
    await recent.remember({ ssh: 'a b@@' });
    expect(await recent.list()).toEqual([
      { ssh: 'root@10.0.0.2', identity: '/home/u/.ssh/id_b' },
      { ssh: 'admin@web' },
    ]);
    const text = readFileSync(join(dir, 'profiles.json'), 'utf8');
    expect(text).not.toMatch(/password|passphrase/i);
  });

  it('servers.list answers both through the contract', async () => {
    const dir = tmp();
    const file = join(dir, 'ssh_config');
    writeFileSync(file, 'Host lab\n  HostName 127.0.0.1\n');
    const store = openStore({ dir });
    await recentServers(store).remember({ ssh: 'me@127.0.0.1' });
    const local = createLocalExecutor();
    const deps: ServiceDeps = {
      localExecutor: () => local,
      appInfo: { name: 'ConnDoctor', version: '0', mode: 'browser', platform: 'linux' },
      sshConfigHosts: () => sshConfigHosts(file),
      recentServers: recentServers(store),
    };
    const service = createService(deps, () => undefined);
    expect(await service.dispatch('servers.list', {})).toEqual({
      ok: true,
      value: { sshConfig: ['lab'], recent: [{ ssh: 'me@127.0.0.1' }] },
    });
    await service.close();
  });
});
