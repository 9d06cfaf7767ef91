import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { AppPage } from './app.page';
import { electronBinary } from './electron-runtime';

const root = join(import.meta.dirname, '..', '..');
const bin = electronBinary(root);
const built = existsSync(join(root, 'out', 'main', 'index.js'));

test.describe('desktop app (Electron)', () => {
  test.skip(bin === null, 'Electron runtime not installed (node_modules/electron/dist missing)');
  test.skip(!built, 'app not built: run `npm run build` first');
  if (bin === null)
    console.warn('e2e: Electron test skipped: the Electron runtime is not installed');

  test('opens sandboxed and diagnoses a real closed port', async () => {
    const app = await electron.launch({
      executablePath: bin ?? undefined,
      args: [root, '--no-sandbox', '--disable-gpu'],
      env: { ...process.env, CONNDOCTOR_DATA_DIR: join(root, 'test-results', 'electron-data') },
    });
    try {
      const page = await app.firstWindow();
      const ui = new AppPage(page, 'en');
      await expect(ui.root).toHaveAttribute('data-app-state', 'ready');
      const seen = await page.evaluate(() => {
        const g = globalThis as unknown as {
          require?: unknown;
          conndoctor?: { probeRun?: unknown };
        };
        return { require: typeof g.require, probeRun: typeof g.conndoctor?.probeRun };
      });
      expect(seen).toEqual({ require: 'undefined', probeRun: 'function' });
      const spare = createServer();
      await new Promise<void>((r) => spare.listen(0, '127.0.0.1', r));
      const addr = spare.address();
      await new Promise<void>((r) => spare.close(() => r()));
      if (addr === null || typeof addr === 'string') throw new Error('no port');
      await ui.diagnoseTarget('127.0.0.1', addr.port);
      await expect(ui.diagnosis).toHaveAttribute('data-cause', 'not-listening');
    } finally {
      await app.close();
    }
  });
});
