import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

/**
 * A sandboxed preload can require nothing but 'electron' (and a few Node polyfills we do
 * not use): the real build must produce ONE CommonJS file whose only require is electron.
 */
describe('app bundles', () => {
  it('preload is one CommonJS file that requires only electron; main loads ssh2 the Node way', () => {
    // A private output directory: the real config, without touching out/ under other tests.
    const outDir = mkdtempSync(join(tmpdir(), 'conndoctor-build-'));
    let code: string;
    let main: string;
    let page: string;
    try {
      execFileSync(
        join(root, 'node_modules', '.bin', 'electron-vite'),
        ['build', '--outDir', outDir, '--logLevel', 'error'],
        { cwd: root, stdio: 'pipe' },
      );
      code = readFileSync(join(outDir, 'preload', 'index.cjs'), 'utf8');
      page = readFileSync(join(outDir, 'renderer', 'index.html'), 'utf8');
      main = readdirSync(join(outDir, 'main'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.js'))
        .map((f) => readFileSync(join(outDir, 'main', f), 'utf8'))
        .join('\n');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
    const requires = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(requires.length).toBeGreaterThan(0);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/\bimport\(/);
    expect(code).toContain('exposeInMainWorld');
    expect(page).toMatch(
      /http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self';/,
    );
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    // Node's ESM loader cannot see ssh2's `utils` as a named export: main imports the default.
    expect(main).toMatch(/import \w+ from "ssh2"/);
    expect(main).not.toMatch(/import \{[^}]*\} from "ssh2"/);
  }, 120_000);
});
