import { expect, test } from '@playwright/test';
import { labAvailable } from '../lab/harness';
import { createLabUsers, type LabUser, type LabUsers } from '../lab/ssh/lab-users';
import { AppPage } from './app.page';
import { browser, screenshotPath } from './fixtures';
import {
  diagnoseOverSsh,
  startFirewalledServer,
  tcpConnects,
  type FirewalledServer,
} from './lab-firewall-server';

/**
 * A real user whose sudo asks for a password answers it inside the fix's consent dialog
 * and inside the change log: a real server host in a network namespace (sshd, a service on
 * 8080 behind an iptables DROP rule), `conndoctor ui` in Chromium. The engine holds a sudo
 * password until a fix ends or the session closes, so the dialog asks when the session the
 * fix runs on has none: here, the user reconnected (the password field is always emptied).
 */
const avail = labAvailable();
const PORT = 8080;

test.describe('the sudo password asked for inside the consent dialog and the change log', () => {
  test.skip(!avail.ok, `lab unavailable: ${avail.reason}`);
  test.skip(browser === null, 'no Chromium found');

  let server: FirewalledServer | undefined;
  let users: LabUsers | undefined;
  let user: LabUser;

  test.beforeAll(async () => {
    server = await startFirewalledServer({ name: 'ui-sudo', net: 239, port: PORT });
    users = createLabUsers(server.lab.dir);
    user = users.withPass;
    server.letUsersLogIn();
  });

  test.afterAll(async () => {
    try {
      users?.remove();
    } finally {
      await server?.destroy();
    }
  });

  test('without the sudo password the ruleset cannot be read: no fix is guessed; given on the open session, Diagnose again names the DROP rule', async ({
    page,
  }) => {
    const app = new AppPage(page, 'en');
    await app.open(server!.ui.server.url);
    await diagnoseOverSsh(app, server!, { user: user.name });
    await expect(app.diagnosis).toHaveAttribute('data-cause', 'unknown');
    await expect(app.diagnosis).toContainText('firewall could not be evaluated');
    await expect(app.diagnosis.locator('[data-fix-id]')).toHaveCount(0);
    // Server access was given: the answer says what it lacks — the sudo password — not "give access".
    await expect(app.diagnosis).toContainText(app.strings.wizard.answer.confidence.lowWithAccess);
    await expect(app.diagnosis.locator('[data-next-steps]')).toContainText(
      'sudo on the server asks for a password, so the firewall could not be read',
    );
    expect(server!.dropped()).toBe(true);

    // As the next step says: the sudo password given now, on the open session, then Diagnose
    // again reads the ruleset as root and names the DROP rule.
    const sudoField = page.getByLabel(app.strings.server.sudoPassword, { exact: true });
    await expect(sudoField).toBeEnabled();
    await sudoField.fill('not-the-password');
    await page.getByRole('button', { name: app.strings.server.sudoGive }).click();
    await expect(page.locator('.server-access [role="alert"]')).toContainText(
      'sudo did not accept the password',
    );
    await expect(sudoField).toHaveValue('');
    await sudoField.fill(user.password);
    await sudoField.press('Enter');
    await expect(page.getByText(app.strings.server.sudoAccepted)).toBeVisible();
    await expect(sudoField).toHaveValue('');
    await app.diagnose.click();
    await expect(app.diagnosis).toHaveAttribute('data-cause', 'firewall-drop', { timeout: 30_000 });
    expect(await page.content()).not.toContain(user.password);
  });

  test('Apply fix asks for the password: a wrong one is refused, the right one fixes and verifies; Undo asks again', async ({
    page,
  }) => {
    const { lab } = server!;
    const app = new AppPage(page, 'en');
    const w = app.strings.wizard;
    await app.open(server!.ui.server.url);
    // Given at connect, the password lets the diagnosis read the ruleset as root.
    await diagnoseOverSsh(app, server!, { user: user.name, sudoPassword: user.password });
    await expect(app.diagnosis).toHaveAttribute('data-cause', 'firewall-drop');
    const fix = app.diagnosis.locator('[data-fix-id]');
    await expect(fix).toHaveAttribute('data-fix-id', 'firewall.delete-rule');

    // Reconnect: the session the engine held the password for is closed, and the password
    // field is empty (it is emptied on every connect), so the new session has none.
    const destination = `${user.name}@${lab.mgmtAddr!}`;
    await page.getByRole('button', { name: app.strings.server.disconnect }).click();
    await expect(page.locator('.session-status')).not.toContainText(destination);
    const sudoField = page.getByLabel(app.strings.server.sudoPassword, { exact: true });
    await expect(sudoField).toHaveValue('');
    await page.getByRole('button', { name: app.strings.server.connect, exact: true }).click();
    await expect(page.locator('.session-status')).toContainText(destination);

    // Apply fix → consent → sudo asks before anything changes (the dead-man switch on the
    // server needs root first).
    await fix.getByRole('button', { name: w.answer.applyFix }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: w.consent.apply, exact: true }).click();
    const ask = dialog.locator('[data-sudo-ask]');
    const password = ask.getByLabel(w.consent.sudoPassword, { exact: true });
    await expect(password).toBeFocused({ timeout: 30_000 });
    // It says whose sudo asks, so which password it wants.
    await expect(ask).toContainText(`sudo on ${destination} asks for a password`);
    await expect(ask.getByRole('button', { name: w.consent.sudoContinue })).toBeDisabled();
    // Tall enough for the whole dialog (it scrolls inside a smaller window).
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.screenshot({ path: screenshotPath('screenshot-sudo-dialog.png'), fullPage: true });

    // A wrong password: refused inside the dialog, with sudo's reason; nothing applied.
    const wrong = `${user.password}-wrong`;
    await password.fill(wrong);
    await password.press('Enter');
    const refused = ask.getByRole('alert');
    await expect(refused).toContainText(w.consent.sudoRefused, { timeout: 30_000 });
    await expect(refused).toContainText(`sudo said: sudo on ${destination} did not accept`);
    await expect(password).toHaveValue('');
    await expect(password).toBeFocused();
    await page.screenshot({
      path: screenshotPath('screenshot-sudo-refused.png'),
      fullPage: true,
    });
    expect(server!.dropped()).toBe(true);
    expect(await tcpConnects(lab.dataAddr!, PORT, 1_000)).toBe(false);
    await expect(dialog.locator('[data-verified]')).toHaveCount(0);

    // The right password: the rule goes, the connection is verified from here.
    await password.fill(user.password);
    await ask.getByRole('button', { name: w.consent.sudoContinue }).click();
    await expect(dialog.locator('[data-verified]')).toHaveAttribute('data-verified', 'true', {
      timeout: 30_000,
    });
    await expect(ask).toHaveCount(0);
    expect(server!.dropped()).toBe(false);
    expect(await tcpConnects(lab.dataAddr!, PORT)).toBe(true);
    let html = await page.content();
    expect(html).not.toContain(user.password);
    expect(html).not.toContain(wrong);

    // Undo from the change log: the engine forgot the password when the fix was verified,
    // so it is asked for again here.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: app.strings.changes.open }).click();
    const row = page.locator('[data-change-id]').first();
    await expect(row).toContainText('firewall.delete-rule');
    await row.getByRole('button', { name: /^Undo firewall\.delete-rule/ }).click();
    const again = page.locator('[data-changes] [data-sudo-ask]');
    const againField = again.getByLabel(w.consent.sudoPassword, { exact: true });
    await expect(againField).toBeFocused({ timeout: 30_000 });
    await expect(again).toContainText(
      `sudo on ${destination} asks for a password before it undoes firewall.delete-rule`,
    );
    await page.screenshot({ path: screenshotPath('screenshot-sudo-undo.png'), fullPage: true });
    expect(server!.dropped()).toBe(false);
    await againField.fill(user.password);
    await againField.press('Enter');
    await expect(row).toHaveAttribute('data-undone', 'true', { timeout: 30_000 });
    await expect(page.locator('[data-changes] [role="status"]')).toContainText('was undone');
    await expect(again).toHaveCount(0);
    expect(server!.dropped()).toBe(true);
    html = await page.content();
    expect(html).not.toContain(user.password);
  });
});
