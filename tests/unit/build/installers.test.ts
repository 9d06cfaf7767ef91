import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../e2e/electron-runtime';

/**
 * The installers' configuration, checked by electron-builder's own validator (its
 * scheme.json), the icons generated from the one SVG, and the dist scripts' early stop.
 */

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
const configFile = join(root, 'build', 'electron-builder.yml');

type Validate = (config: unknown, logger: unknown) => Promise<void>;
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: Validate;
};
// electron-builder's own YAML reader (a dependency of it), as it loads this file.
const { load } = require('js-yaml') as { load: (text: string) => unknown };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown };

function config(): Record<string, unknown> {
  return load(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config(), new DebugLogger(false))).resolves.toBe(undefined);
  });

  it('the validator is real: a misspelt option is refused', async () => {
    const bad = { ...config(), linux: { ...(config().linux as object), targt: ['rpm'] } };
    await expect(validateConfiguration(bad, new DebugLogger(false))).rejects.toThrow(
      /configuration\.linux/,
    );
  });

  it('builds AppImage, deb, rpm, dmg, zip and nsis, in asar, with the fuses locked', () => {
    const c = config() as {
      asar: boolean;
      linux: { target: string[]; category: string; desktop: { entry: { Categories: string } } };
      mac: { target: string[]; category: string };
      win: { target: string };
      electronFuses: Record<string, boolean>;
    };
    expect(c.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(c.mac.target).toEqual(['dmg', 'zip']);
    expect(c.win.target).toBe('nsis');
    expect(c.asar).toBe(true);
    expect(c.linux.category).toBe('Network');
    expect(c.linux.desktop.entry.Categories).toMatch(/^Network;/);
    expect(c.mac.category).toBe('public.app-category.developer-tools');
    expect(c.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('icons from build/icon.svg', () => {
  const out = mkdtempSync(join(tmpdir(), 'conndoctor-icons-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('scripts/icons.mjs writes every PNG size, an .ico and an .icns', async () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'icons.mjs'), out]);
    for (const size of [16, 32, 48, 128, 256, 512, 1024]) {
      const meta = await sharp(join(out, 'icons', `${size}x${size}.png`)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size]);
    }
    const ico = readFileSync(join(out, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // ICONDIR, type icon
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(4);
    const icns = readFileSync(join(out, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });
});

describe('dist scripts', () => {
  const dist = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'scripts', 'dist.mjs'), ...args], {
      cwd: root,
      encoding: 'utf8',
    });

  it('dist:mac and dist:win stop at once, in one line, on another OS', () => {
    for (const [name, os] of [
      ['mac', 'darwin'],
      ['win', 'win32'],
    ] as const) {
      if (process.platform === os) continue;
      const r = dist(name, '--dry-run');
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`dist:${name} .* runs on (macOS|Windows) only`));
    }
  });

  it('without the Electron runtime, stops in one line saying why and what to do', () => {
    const r = dist('dir', '--dry-run');
    if (electronBinary(root) !== null) {
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/electron-builder.*--config build\/electron-builder\.yml --dir/);
      return;
    }
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^ConnDoctor dist: no Electron runtime .* run `npm ci`, then retry\.$/),
    ]);
  });
});
