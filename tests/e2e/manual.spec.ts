import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppPage } from './app.page';
import { expect, screenshotPath, test } from './fixtures';

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

  // One check at a time, its command exactly as typed (sudo where it needs root).
  const box = page.locator('[data-paste="listeners"]');
  await expect(page.locator('[data-paste]')).toHaveCount(1);
  await expect(box.locator('code').first()).toContainText('sudo ss ');
  await expect(page.getByText(/^Check 1 of \d+$/)).toBeVisible();
  // Waiting for a paste is not work in flight.
  await expect(app.root).toHaveAttribute('data-app-state', 'ready');
  await page.getByRole('textbox', { name: 'Output of listeners' }).fill(ssRoot);
  await box.getByRole('button', { name: app.strings.manual.submit }).click();
  // It says what it read, then asks for the next check.
  const read = page.locator('[data-paste-read="listeners"]');
  await expect(read).toContainText(app.strings.manual.recognised.replace('{{probe}}', 'listeners'));
  await expect(read).not.toHaveAttribute('data-status', 'inconclusive');
  await expect(page.getByText(/^Check 2 of \d+$/)).toBeVisible();
  // Text that is not the command's output is said to be unreadable, not taken silently.
  const next = page.locator('[data-paste]');
  const probe = (await next.getAttribute('data-paste'))!;
  await next.getByRole('textbox').fill('hello, this is not command output');
  await next.getByRole('button', { name: app.strings.manual.submit }).click();
  await expect(page.locator(`[data-paste-read="${probe}"]`)).toHaveAttribute(
    'data-status',
    'inconclusive',
  );
  await page.screenshot({ path: screenshotPath('manual-walk-en.png'), fullPage: true });
  // Skipping one check leaves it unknown; then the rest are left out.
  const third = page.locator('[data-paste]');
  // Several commands for one check can be copied at once.
  const many = (await third.locator('code').count()) > 1;
  await expect(third.getByRole('button', { name: /^Copy all \d+ commands$/ })).toHaveCount(
    many ? 1 : 0,
  );
  await third.getByRole('button', { name: app.strings.manual.skip }).click();
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
