import { existsSync } from 'node:fs';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { browser, startUi, stopUi } from './fixtures';

/**
 * The language chosen in the switcher is remembered in the data directory's settings.json:
 * it survives a reload and a restart of `conndoctor ui` (a new port, so not the browser's
 * storage), while `?lang=` still overrides it for one page.
 */
test('the chosen language is remembered across a reload and a restart', async ({ page }) => {
  test.skip(browser === null, 'no Chromium found');
  const dataDir = await mkdtemp(join(tmpdir(), 'conndoctor-e2e-settings-'));
  try {
    let ui = await startUi(dataDir);
    try {
      await page.goto(ui.server.url);
      await expect(page.locator('[data-app-state]')).toHaveAttribute('data-app-state', 'ready');
      await page.getByRole('combobox', { name: /^(Language|언어)$/ }).selectOption('ko');
      await expect(page.getByRole('combobox', { name: '언어' })).toBeVisible();
      const file = join(dataDir, 'settings.json');
      await expect
        .poll(async () =>
          existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as unknown) : null,
        )
        .toMatchObject({ language: 'ko' });
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
      await expect(page.getByRole('button', { name: '진단', exact: true })).toBeVisible();
    } finally {
      await stopUi(ui.child);
    }
    ui = await startUi(dataDir);
    try {
      await page.goto(ui.server.url);
      await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
      // ?lang= overrides the remembered choice for that page.
      await page.goto(`${ui.server.url}&lang=en`);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    } finally {
      await stopUi(ui.child);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
