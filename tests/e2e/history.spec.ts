import { AppPage } from './app.page';
import { expect, screenshotPath, test } from './fixtures';

/**
 * History in the UI: every diagnosis is recorded in the data directory; a recorded one
 * reopens read-only (nothing to apply from it) with "Diagnose again", and can be deleted.
 */
test('history: recorded, reopened read-only, diagnosed again, deleted', async ({
  page,
  server,
  ports,
}) => {
  const app = new AppPage(page, 'en');
  const h = app.strings.history.ui;
  await app.open(server.url);
  await app.diagnoseTarget('127.0.0.1', ports.closed);
  await expect(app.diagnosis).toHaveAttribute('data-cause', 'not-listening');

  await page.getByRole('button', { name: h.button, exact: true }).click();
  const row = page.locator('[data-history] [data-session-id]').first();
  await expect(row).toContainText(`127.0.0.1:${ports.closed}`);
  await expect(row).toContainText(app.strings.history.report.causes['not-listening']);

  await row
    .getByRole('button', { name: h.openLabel.replace('{{target}}', `127.0.0.1:${ports.closed}`) })
    .click();
  const reopened = page.locator('[data-reopened]');
  await expect(reopened).toContainText('This is a saved result');
  await expect(reopened.locator('[data-cause]')).toHaveAttribute('data-cause', 'not-listening');
  // Read-only: nothing can be applied from a record.
  await expect(
    reopened.getByRole('button', { name: app.strings.wizard.answer.applyFix }),
  ).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('history-reopened-en.png'), fullPage: true });

  // Diagnose again: a live diagnosis of the same target replaces the record on screen.
  await reopened.getByRole('button', { name: h.again }).click();
  await expect(page.locator('[data-reopened]')).toHaveCount(0);
  await expect(app.diagnosis).toHaveAttribute('data-cause', 'not-listening');
  await expect(app.host).toHaveValue('127.0.0.1');

  // Two records now; deleting one leaves one.
  await page.getByRole('button', { name: h.button, exact: true }).click();
  const rows = page.locator('[data-history] [data-session-id]');
  await expect(rows).toHaveCount(2);
  await rows
    .first()
    .getByRole('button', { name: h.deleteLabel.replace('{{target}}', `127.0.0.1:${ports.closed}`) })
    .click();
  await expect(rows).toHaveCount(1);
  await expect(page.locator('[data-history] [role="status"]')).toContainText('was deleted');
});
