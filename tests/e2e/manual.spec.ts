import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppPage } from './app.page';
import { expect, test } from './fixtures';

const ssRoot = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'listeners', 'debian12-ss-root.txt'),
  'utf8',
);

test('manual mode: shows the server command, reads pasted real ss output', async ({
  page,
  server,
  ports,
}) => {
  const app = new AppPage(page, 'en');
  await app.open(server.url);
  await page.getByRole('checkbox', { name: app.strings.manual.toggle }).check();
  await app.host.fill('127.0.0.1');
  await app.port.fill(String(ports.closed));
  await app.diagnose.click();

  const box = page.locator('[data-paste="listeners"]');
  await expect(box.locator('code').first()).toContainText('ss ');
  // Waiting for a paste is not work in flight.
  await expect(app.root).toHaveAttribute('data-app-state', 'ready');
  await page.getByRole('textbox', { name: 'Output of listeners' }).fill(ssRoot);
  await box.getByRole('button', { name: app.strings.manual.submit }).click();
  await page.getByRole('button', { name: app.strings.manual.done }).click();

  await expect(app.diagnosis).toHaveAttribute('data-cause', 'not-listening');
  await expect(app.root).toHaveAttribute('data-app-state', 'ready');
  await app.showProof();
  await expect(
    app.diagnosis.locator('li:not([data-status="inconclusive"])', {
      hasText: 'listeners · server',
    }),
  ).toBeVisible();
});
