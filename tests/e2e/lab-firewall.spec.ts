import { expect, test } from '@playwright/test';
import { labAvailable, type KeyPair, type Lab } from '../lab/harness';
import { createLabUsers } from '../lab/ssh/lab-users';
import { AppPage } from './app.page';
import { browser, screenshotPath, type UiServer } from './fixtures';
import {
  diagnoseOverSsh,
  startFirewalledServer,
  type FirewalledServer,
} from './lab-firewall-server';

/**
 * The whole product from the browser: a real server host in a network namespace
 * (subnet 10.239.0.0/16) with sshd, a real service and an iptables DROP rule in front of
 * it; the user connects over SSH in the UI (trusting the unknown host key) and diagnoses.
 */
const avail = labAvailable();
const PORT = 8080;

test.describe('diagnose a real firewalled server over SSH in the UI', () => {
  test.skip(!avail.ok, `lab unavailable: ${avail.reason}`);
  test.skip(browser === null, 'no Chromium found');
  if (!avail.ok) console.warn(`e2e: lab test skipped: ${avail.reason}`);

  let server: FirewalledServer | undefined;
  let lab: Lab | undefined;
  let key: KeyPair;
  let ui: { server: UiServer } | undefined;

  test.beforeAll(async () => {
    server = await startFirewalledServer({ name: 'ui-e2e', net: 239, port: PORT });
    ({ lab, key, ui } = server);
  });

  test.afterAll(async () => {
    await server?.destroy();
  });

  test('firewall-drop, with the DROP rule named', async ({ page }) => {
    const app = new AppPage(page, 'en');
    await app.open(ui!.server.url);
    await page.getByText(app.strings.server.summary).click();
    await page
      .getByRole('textbox', { name: 'SSH destination', exact: true })
      .fill(`root@${lab!.mgmtAddr!}`);
    await page.getByRole('textbox', { name: 'SSH key file', exact: true }).fill(key.privateKeyPath);
    // Diagnose opens the server access itself: the unknown host key is shown with its
    // fingerprint, nothing runs until Trust, then the diagnosis goes on by itself.
    await app.host.fill(lab!.dataAddr!);
    await app.port.fill(String(PORT));
    await app.port.press('Enter');
    await expect(page.getByText(/SHA256:/)).toBeVisible();
    await expect(app.diagnosis).toHaveCount(0);
    await page.getByRole('button', { name: app.strings.server.trust }).click();
    await expect(page.locator('.session-status')).toContainText(`root@${lab!.mgmtAddr!}`);
    await expect(app.diagnosis).toHaveAttribute('data-cause', 'firewall-drop', { timeout: 30_000 });
    await expect(app.diagnosis).toContainText(app.strings.outcome.timeout);
    await expect(app.diagnosis).toContainText('DROP');
    await app.showProof();
    await expect(page.locator('[data-reply="none"]')).toBeVisible();
    await page.screenshot({ path: screenshotPath('screenshot-firewall.png'), fullPage: true });
  });

  test('the fix: Apply fix shows the exact command, cancelling changes nothing, consenting fixes and verifies', async ({
    page,
  }) => {
    const app = new AppPage(page, 'en');
    await app.open(ui!.server.url);
    await page.getByText(app.strings.server.summary).click();
    // The server connected to in the previous test is offered; picking it fills in the
    // destination and the key file used then.
    await page
      .getByRole('combobox', { name: app.strings.server.known })
      .selectOption(`root@${lab!.mgmtAddr!}`);
    await expect(page.getByRole('textbox', { name: 'SSH destination', exact: true })).toHaveValue(
      `root@${lab!.mgmtAddr!}`,
    );
    await expect(page.getByRole('textbox', { name: 'SSH key file', exact: true })).toHaveValue(
      key.privateKeyPath,
    );
    // No Connect press: with server access filled in, Diagnose opens it by itself.
    await app.host.fill(lab!.dataAddr!);
    await app.port.fill(String(PORT));
    await app.port.press('Enter');
    // Trusted by the previous test (recorded in this UI's known_hosts) unless it did not run;
    // after Trust the diagnosis goes on by itself.
    const trust = page.getByRole('button', { name: app.strings.server.trust });
    await expect(app.diagnosis.or(trust)).toBeVisible({ timeout: 30_000 });
    if (await trust.isVisible()) await trust.click();
    await expect(page.getByText(`Connected to root@${lab!.mgmtAddr!}`)).toBeVisible();
    await expect(app.diagnosis).toHaveAttribute('data-cause', 'firewall-drop', { timeout: 30_000 });
    const fix = app.diagnosis.locator('[data-fix-id]');
    await expect(fix).toHaveAttribute('data-fix-id', 'firewall.delete-rule');
    const command = `iptables -t filter -D INPUT -p tcp -m tcp --dport ${PORT} -j DROP`;
    await expect(fix.locator('code').first()).toContainText(command);

    // Apply fix opens the consent dialog with the exact command; cancelling changes nothing.
    const w = app.strings.wizard;
    await fix.getByRole('button', { name: w.answer.applyFix }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(command);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(lab!.execOk(['iptables', '-S', 'INPUT'])).toContain(`--dport ${PORT} -j DROP`);

    // Consent: the rule goes, the connection is verified from here, and the answer says so.
    await fix.getByRole('button', { name: w.answer.applyFix }).click();
    await dialog.getByRole('button', { name: w.consent.apply, exact: true }).click();
    await expect(dialog.locator('[data-verified]')).toHaveAttribute('data-verified', 'true', {
      timeout: 30_000,
    });
    await expect(app.diagnosis.locator('[data-verified]')).toHaveAttribute('data-verified', 'true');
    expect(lab!.execOk(['iptables', '-S', 'INPUT'])).not.toContain(`--dport ${PORT} -j DROP`);
    await page.screenshot({ path: screenshotPath('screenshot-fixed.png'), fullPage: true });

    // The change log lists it; Undo puts the DROP rule back exactly.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: app.strings.changes.open }).click();
    const row = page.locator('[data-change-id]').first();
    await expect(row).toContainText('firewall.delete-rule');
    await expect(row).toContainText(`${lab!.dataAddr!}:${PORT}`);
    await expect(row).toHaveAttribute('data-undone', 'false');
    await page.screenshot({ path: screenshotPath('screenshot-changes.png'), fullPage: true });
    await row.getByRole('button', { name: /^Undo firewall\.delete-rule/ }).click();
    await expect(row).toHaveAttribute('data-undone', 'true', { timeout: 30_000 });
    await expect(page.locator('[data-changes] [role="status"]')).toContainText('was undone');
    expect(lab!.execOk(['iptables', '-S', 'INPUT'])).toContain(`--dport ${PORT} -j DROP`);
  });
  test('a user whose sudo asks for a password: given with the server access, the firewall is read as root', async ({
    page,
  }) => {
    const users = createLabUsers(lab!.dir);
    server!.letUsersLogIn();
    try {
      const u = users.withPass;
      const app = new AppPage(page, 'en');
      await app.open(ui!.server.url);
      await diagnoseOverSsh(app, server!, { user: u.name, sudoPassword: u.password });
      const sudo = page.getByLabel(app.strings.server.sudoPassword, { exact: true });
      // The ruleset is readable only as root: the rule is named, so sudo took the password.
      await expect(app.diagnosis).toHaveAttribute('data-cause', 'firewall-drop');
      await expect(app.diagnosis).toContainText(`--dport ${PORT} -j DROP`);
      // The password left the page's fields and is nowhere in it.
      await expect(sudo).toHaveValue('');
      expect(await page.content()).not.toContain(u.password);
    } finally {
      users.remove();
    }
  });
});
