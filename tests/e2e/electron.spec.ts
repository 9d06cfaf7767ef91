import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import {
  CONTRACT_KEYS,
  EVENT_KEYS,
  methodName,
  subscriptionName,
} from '../../shared/ipc/contracts';
import { AppPage } from './app.page';
import { electronBinary } from './electron-runtime';

/**
 * The desktop app itself, with Chromium's sandbox ON (no --no-sandbox): the preload
 * surface, real diagnoses of a closed and an open port, and the single-instance hand-off.
 * Runs where the Electron runtime is installed; elsewhere it skips and prints why.
 */

const root = join(import.meta.dirname, '..', '..');
const bin = electronBinary(root);
const built = existsSync(join(root, 'out', 'main', 'index.js'));
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const skipReason =
  bin === null
    ? 'the Electron runtime is not installed (node_modules/electron/dist missing; it could not be downloaded)'
    : !built
      ? 'the app is not built: run `npm run build` first'
      : asRoot
        ? "running as root: Chromium's sandbox refuses root, and this test keeps the sandbox on"
        : null;
if (skipReason !== null) console.warn(`e2e: Electron tests skipped: ${skipReason}`);

function launch(dataDir: string, extra: string[] = []): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: bin ?? undefined,
    args: [root, ...extra],
    env: { ...process.env, CONNDOCTOR_DATA_DIR: dataDir },
  });
}

async function listen(): Promise<Server> {
  const s = createServer((c) => c.end());
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return s;
}
function portOf(s: Server): number {
  const a = s.address();
  if (a === null || typeof a === 'string') throw new Error('no port');
  return a.port;
}

test.describe('desktop app (Electron, sandboxed)', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  let dataDir: string;
  test.beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'conndoctor-electron-'));
  });

  test('exposes exactly the contract API and diagnoses a real closed and a real open port', async () => {
    const app = await launch(dataDir);
    const open = await listen();
    const spare = await listen();
    const closed = portOf(spare);
    await new Promise<void>((r) => spare.close(() => r()));
    try {
      const page = await app.firstWindow();
      const ui = new AppPage(page, 'en');
      await expect(ui.root).toHaveAttribute('data-app-state', 'ready');
      const seen = await page.evaluate(() => {
        const g = globalThis as unknown as {
          require?: unknown;
          process?: unknown;
          conndoctor?: Record<string, unknown>;
        };
        return {
          require: typeof g.require,
          process: typeof g.process,
          api: Object.keys(g.conndoctor ?? {}).sort(),
          allFunctions: Object.values(g.conndoctor ?? {}).every((v) => typeof v === 'function'),
        };
      });
      expect(seen).toEqual({
        require: 'undefined',
        process: 'undefined',
        api: [...CONTRACT_KEYS.map(methodName), ...EVENT_KEYS.map(subscriptionName)].sort(),
        allFunctions: true,
      });
      const noSandbox = await app.evaluate(
        ({ app: a }) =>
          a.commandLine.hasSwitch('no-sandbox') || a.commandLine.hasSwitch('disable-sandbox'),
      );
      expect(noSandbox).toBe(false);

      await ui.diagnoseTarget('127.0.0.1', closed);
      await expect(ui.diagnosis).toHaveAttribute('data-cause', 'not-listening');
      await ui.diagnoseTarget('127.0.0.1', portOf(open));
      await expect(ui.diagnosis).toHaveAttribute('data-cause', 'ok');
    } finally {
      open.close();
      await app.close();
    }
  });

  test('--target prefills; a second launch focuses the window and hands its target over', async () => {
    const app = await launch(dataDir, ['--target', '127.0.0.1:7001']);
    try {
      const page = await app.firstWindow();
      const ui = new AppPage(page, 'en');
      await expect(ui.root).toHaveAttribute('data-app-state', 'ready');
      await expect(ui.host).toHaveValue('127.0.0.1');
      await expect(ui.port).toHaveValue('7001');
      await expect(ui.diagnosis).toHaveCount(0);

      const second = spawn(
        bin ?? '',
        [root, '--target', '[::1]:7002', '--ssh', 'admin@db.example'],
        {
          env: { ...process.env, CONNDOCTOR_DATA_DIR: dataDir },
          stdio: 'ignore',
        },
      );
      const code = await new Promise<number | null>((r) => second.on('exit', r));
      expect(code).toBe(0); // the second instance quits at once
      await expect(ui.host).toHaveValue('::1');
      await expect(ui.port).toHaveValue('7002');
      await expect(
        page.getByRole('textbox', { name: ui.strings.server.destination, exact: true }),
      ).toHaveValue('admin@db.example');
      await expect(ui.diagnosis).toHaveCount(0);
      await expect(ui.steps).toHaveCount(0);
    } finally {
      await app.close();
    }
  });

  test('reopens a session from history', () => {
    test.skip(
      true,
      'history arrives with the session store (electron/engine/store), not merged yet',
    );
  });
});
