/// <reference lib="dom" />
import type { PreviewServer } from 'vite';
import { expect, test } from '@playwright/test';
import { browser, screenshotPath } from './fixtures';
import { serveWizardPreview } from './wizard-preview';

/**
 * The wizard components in real Chromium, fed with diagnoses captured from real probes
 * (tests/fixtures/wizard), before they are wired into the app.
 */
let base = '';
let server: PreviewServer | null = null;

test.beforeAll(async () => {
  test.skip(browser === null, 'no Chromium found');
  const s = await serveWizardPreview();
  base = s.url;
  server = s.server;
});
test.afterAll(async () => {
  await server?.close();
});

test('answer card: plain sentence, focused, cause and fix hooks, proof one click away', async ({
  page,
}) => {
  await page.goto(`${base}?case=loopback&lang=en&fix=1`);
  const card = page.locator('[data-cause]');
  await expect(card).toHaveAttribute('data-cause', 'bound-to-other-address');
  await expect(card).toBeFocused();
  await expect(card.getByRole('status')).toContainText('only on another address');
  await expect(card.locator('[data-fix-id="service.start"]')).toContainText(
    'systemctl start nginx',
  );
  await expect(page.getByRole('button', { name: 'Apply fix' })).toHaveCount(1);
  await card.getByText('Show the proof').click();
  await expect(card.locator('[data-handshake-side="client"] svg')).toBeVisible();
  await page.screenshot({ path: screenshotPath('wizard-answer-en.png'), fullPage: true });
});

test('step by step, keyboard only: map, Next through every step, Back, listeners evidence', async ({
  page,
}) => {
  await page.goto(`${base}?case=loopback&lang=en`);
  // Focus starts on the answer; the proof, then Step by step, are the next stops.
  await expect(page.locator('[data-cause]')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByText('Show the proof')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Step by step' })).toBeFocused();
  await page.keyboard.press('Enter');
  const map = page.getByRole('navigation', { name: /Flowchart/ });
  await expect(map.locator('[data-map-step]')).toHaveCount(7);
  const order = await map
    .locator('[data-map-step]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-map-step')));
  expect(order).toEqual(['dns', 'route', 'network', 'path', 'firewall', 'listening', 'service']);
  await expect(page.locator('[data-step]')).toHaveCount(1);
  await expect(page.locator('[data-step]')).toHaveAttribute('data-step', 'dns');
  for (const step of order.slice(1)) {
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page.locator('[data-step]')).toHaveAttribute('data-step', step ?? '');
    await expect(map.locator(`[data-map-step="${step}"]`)).toHaveAttribute('aria-current', 'step');
  }
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  const listening = page.locator('[data-step="listening"]');
  await expect(listening).toHaveAttribute('data-step-verdict', 'fail');
  await expect(listening.locator('tr[data-target-port="true"]')).toContainText('127.0.0.1');
  await expect(listening.locator('[data-loopback-only]')).toBeVisible();
  await expect(map.locator('[data-map-step="listening"]')).toHaveAttribute(
    'data-map-verdict',
    'fail',
  );
  await map.locator('[data-map-step="network"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-step]')).toHaveAttribute('data-step', 'network');
  await page.screenshot({ path: screenshotPath('wizard-steps-en.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('wizard-steps-en-dark.png'), fullPage: true });
});

test('consent dialog: role dialog, exact commands, alternative chosen inside, password cleared', async ({
  page,
}) => {
  await page.goto(`${base}?case=closed&lang=en&fix=1&sudo=1`);
  await page.getByRole('button', { name: 'Apply fix' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('systemctl start nginx');
  await expect(dialog).toContainText('Lasts until the next reboot.');
  await dialog.getByRole('radio', { name: /every boot/ }).check();
  await expect(dialog).toContainText('systemctl enable --now nginx');
  await expect(dialog).toContainText('Survives a reboot.');
  // No password field before anything runs: sudo is asked first, and asks only if it must.
  await expect(dialog.getByLabel('sudo password')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('wizard-consent-en.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Apply this fix' }).click();
  const pw = dialog.getByLabel('sudo password');
  await expect(pw).toBeFocused();
  // Whose sudo asks (so which password), and nothing said to be running while it waits.
  await expect(dialog).toContainText('sudo on this computer asks for a password');
  await expect(dialog.getByRole('progressbar')).toHaveCount(0);
  await expect(pw).toHaveAttribute('type', 'password');
  await expect(dialog.getByRole('button', { name: 'Continue' })).toBeDisabled();
  await pw.fill('secret');
  await page.screenshot({ path: screenshotPath('wizard-sudo-en.png'), fullPage: true });
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('sudo password')).toHaveCount(0);
  await expect(dialog.getByRole('progressbar')).toBeVisible();
});

test('Korean: answer, step walk and dialog without English sentences', async ({ page }) => {
  await page.goto(`${base}?case=closed&lang=ko&fix=1&walk=1`);
  const card = page.locator('[data-cause]');
  await expect(card).toHaveAttribute('data-cause', 'not-listening');
  await expect(card.getByRole('status')).toContainText('기다리는 프로그램이 없습니다');
  await page.getByRole('button', { name: '다음', exact: true }).click();
  await expect(page.locator('[data-step]')).toHaveAttribute('data-step', 'route');
  await page.screenshot({ path: screenshotPath('wizard-steps-ko.png'), fullPage: true });
  // Every text node outside code/raw output is Korean (or a number/symbol).
  const english = await page
    .locator('[data-step], [data-cause] [role="status"]')
    .evaluateAll((roots) => {
      const out: string[] = [];
      for (const r of roots) {
        const walker = document.createTreeWalker(r, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
          const el = n.parentElement;
          if (el?.closest('code, pre, kbd, samp, [data-raw], details') != null) continue;
          const s = (n.textContent ?? '').trim();
          if (/[A-Za-z]{4,}/.test(s) && !/[\uac00-\ud7a3]/.test(s)) out.push(s);
        }
      }
      return out;
    });
  expect(english).toEqual([]);
  await page.getByRole('button', { name: '해결책 적용' }).click();
  await expect(page.getByRole('dialog')).toContainText('이 변경을 그대로 적용할까요?');
  await page.screenshot({ path: screenshotPath('wizard-consent-ko.png'), fullPage: true });
});
