import { expect, test } from '@playwright/test';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  labAvailable,
  startSystemd,
  systemdSshd,
  tcpListenerArgv,
  type KeyPair,
  type Lab,
  type LabSystemd,
} from '../lab/harness';
import { AppPage } from './app.page';
import { browser, screenshotPath, startUiAtHome, type HomeUi } from './fixtures';

/**
 * A stopped systemd service fixed from the browser, keyboard only: real systemd as PID 1
 * in a server namespace (subnet 10.238.0.0/16) with sshd and a stopped web.service; the
 * user fills in the server and the expected service, diagnoses, trusts the host key,
 * applies the proposed `systemctl start` in the consent dialog and sees it verified.
 */
const avail = labAvailable();
const PORT = 8090;
const q = (argv: string[]) => argv.map((a) => JSON.stringify(a)).join(' ');

test.describe('a stopped systemd service, started from the UI and verified', () => {
  test.skip(!avail.ok, `lab unavailable: ${avail.reason}`);
  test.skip(browser === null, 'no Chromium found');

  let lab: Lab | undefined;
  let sd: LabSystemd | undefined;
  let key: KeyPair;
  let ui: HomeUi | undefined;

  test.beforeAll(async () => {
    cleanupStale();
    lab = createLab({ name: 'ui-svc', net: 238 });
    key = generateKeyPair(lab.dir, 'id_ui');
    const sshd = systemdSshd(lab, { authorizedKeys: [key.publicKey] });
    sd = await startSystemd(lab, {
      units: {
        ...sshd.units,
        'web.service': `[Unit]\nDescription=Lab web\n[Service]\nExecStart=${q(tcpListenerArgv('0.0.0.0', PORT))}\n`,
      },
      files: sshd.files,
    });
    sd.systemctl(['stop', 'web.service']);
    ui = await startUiAtHome();
  });

  test.afterAll(async () => {
    try {
      await ui?.stop();
    } finally {
      await lab?.destroy();
    }
  });

  test('service-not-running → Apply fix → systemctl start → verified (keyboard only)', async ({
    page,
  }) => {
    const app = new AppPage(page, 'en');
    const s = app.strings;
    await app.open(ui!.server.url);
    // Keyboard only: open server access, fill every field by typing, submit with Enter.
    await page.getByText(s.server.summary).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'SSH destination', exact: true }).focus();
    await page.keyboard.type(`root@${lab!.mgmtAddr!}`);
    await page.getByRole('textbox', { name: 'SSH key file', exact: true }).focus();
    await page.keyboard.type(key.privateKeyPath);
    await page.getByRole('textbox', { name: s.options.service, exact: true }).focus();
    await page.keyboard.type('web.service');
    await app.host.focus();
    await page.keyboard.type(lab!.dataAddr!);
    await app.port.focus();
    await page.keyboard.type(String(PORT));
    await page.keyboard.press('Enter');
    const trust = page.getByRole('button', { name: s.server.trust });
    await expect(trust).toBeVisible({ timeout: 20_000 });
    await trust.focus();
    await page.keyboard.press('Enter');

    await expect(app.diagnosis).toHaveAttribute('data-cause', 'service-not-running', {
      timeout: 30_000,
    });
    // The answer receives focus; the fix is the exact systemctl command.
    await expect(app.diagnosis).toBeFocused();
    const fix = app.diagnosis.locator('[data-fix-id]');
    await expect(fix).toHaveAttribute('data-fix-id', 'service.start');
    await expect(fix.locator('code').first()).toContainText('systemctl start web.service');
    await fix.getByRole('button', { name: s.wizard.answer.applyFix }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('systemctl start web.service');
    await dialog.getByRole('button', { name: s.wizard.consent.apply, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(dialog.locator('[data-verified]')).toHaveAttribute('data-verified', 'true', {
      timeout: 30_000,
    });
    expect(sd!.systemctl(['is-active', 'web.service']).stdout.trim()).toBe('active');
    await page.screenshot({ path: screenshotPath('screenshot-service-fixed.png'), fullPage: true });
  });
});
