import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir } from '../../../../electron/engine/store/data-dir';
import {
  profilesFile,
  readProfiles,
  saveProfiles,
  SecretInProfile,
} from '../../../../electron/engine/store/profiles';
import {
  readSettings,
  settingsFile,
  updateSettings,
} from '../../../../electron/engine/store/settings';
import { openStore } from '../../../../electron/engine/store/store';
import { tempStore } from './store-fixture';

/** Data directory, settings and saved servers against a real temporary directory. */

const s = tempStore();

describe('data directory', () => {
  it('CONNDOCTOR_DATA_DIR wins; else the platform data directory for "conndoctor"', () => {
    expect(dataDir({ CONNDOCTOR_DATA_DIR: '/tmp/cd-data' })).toBe('/tmp/cd-data');
    if (process.platform !== 'linux') return;
    const saved = process.env.XDG_DATA_HOME;
    process.env.XDG_DATA_HOME = '/tmp/xdg-data';
    try {
      expect(dataDir({ CONNDOCTOR_DATA_DIR: '' })).toBe('/tmp/xdg-data/conndoctor');
    } finally {
      if (saved === undefined) delete process.env.XDG_DATA_HOME;
      else process.env.XDG_DATA_HOME = saved;
    }
  });

  it('every test file runs with its own temporary data directory (never the real home)', () => {
    const d = process.env.CONNDOCTOR_DATA_DIR ?? '';
    expect(d).toMatch(/conndoctor-data-/);
    expect(openStore().dir).toBe(d);
  });
});

describe('settings', () => {
  it('none yet: {}; updates merge and keep keys owned by other parts', async () => {
    expect(await readSettings(s.dir(), s.warn)).toEqual({});
    writeFileSync(settingsFile(s.dir()), JSON.stringify({ window: { x: 1, y: 2 } }));
    await updateSettings(s.dir(), { language: 'ko' }, s.warn);
    await updateSettings(s.dir(), { theme: 'dark' }, s.warn);
    expect(await readSettings(s.dir(), s.warn)).toEqual({
      window: { x: 1, y: 2 },
      language: 'ko',
      theme: 'dark',
    });
    await updateSettings(s.dir(), { theme: undefined }, s.warn);
    expect((await readSettings(s.dir(), s.warn)).theme).toBeUndefined();
  });

  it('a bad value is refused before anything is written', async () => {
    await updateSettings(s.dir(), { language: 'en' }, s.warn);
    await expect(updateSettings(s.dir(), { language: 'fr' as 'en' }, s.warn)).rejects.toThrow();
    expect((await readSettings(s.dir(), s.warn)).language).toBe('en');
  });

  it('a corrupt settings file is set aside with a warning and reads as {}', async () => {
    writeFileSync(settingsFile(s.dir()), JSON.stringify({ language: 'xx' }));
    expect(await readSettings(s.dir(), s.warn)).toEqual({});
    expect(s.warnings.map((w) => w.id)).toEqual(['history.store.setAside']);
    expect(existsSync(settingsFile(s.dir()))).toBe(false);
    expect(readdirSync(s.dir()).some((n) => n.startsWith('settings.json.corrupt-'))).toBe(true);
  });
});

describe('saved servers', () => {
  it('keeps how to reach a server and drops every secret field', async () => {
    const saved = await saveProfiles(s.dir(), [
      {
        name: 'web',
        host: '10.61.0.2',
        port: 8080,
        ssh: 'root@10.61.0.2',
        identity: '/home/u/.ssh/id_ed25519',
        password: 'hunter2',
        passphrase: 'key-pass',
        sudoPassword: 'sudo-pass',
        privateKey: 'AAAAB3NzaC1yc2E',
      },
    ]);
    expect(saved).toEqual([
      {
        name: 'web',
        host: '10.61.0.2',
        port: 8080,
        ssh: 'root@10.61.0.2',
        identity: '/home/u/.ssh/id_ed25519',
      },
    ]);
    const text = readFileSync(profilesFile(s.dir()), 'utf8');
    for (const secret of ['hunter2', 'key-pass', 'sudo-pass', 'AAAAB3NzaC1yc2E']) {
      expect(text).not.toContain(secret);
    }
    expect(await readProfiles(s.dir(), s.warn)).toEqual(saved);
  });

  it('refuses key material in any field, and a bad host; nothing is written', async () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n';
    await expect(
      saveProfiles(s.dir(), [{ name: 'x', host: 'example.org', identity: pem }]),
    ).rejects.toBeInstanceOf(SecretInProfile);
    await expect(saveProfiles(s.dir(), [{ name: 'x', host: 'a b;rm -rf /' }])).rejects.toThrow();
    expect(existsSync(profilesFile(s.dir()))).toBe(false);
  });

  it('a secret written into the file by hand is not read back', async () => {
    writeFileSync(
      profilesFile(s.dir()),
      JSON.stringify({
        version: 1,
        profiles: [{ name: 'a', host: 'example.org', password: 'pw' }],
      }),
    );
    expect(await readProfiles(s.dir(), s.warn)).toEqual([{ name: 'a', host: 'example.org' }]);
  });

  it('a corrupt profiles file is set aside and reads as no profiles', async () => {
    writeFileSync(join(s.dir(), 'profiles.json'), '[1, 2');
    expect(await readProfiles(s.dir(), s.warn)).toEqual([]);
    expect(s.warnings.map((w) => w.id)).toEqual(['history.store.setAside']);
  });
});
