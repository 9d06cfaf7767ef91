import { AppPage } from './app.page';
import { expect, test } from './fixtures';

/**
 * DESIGN §3: the only labelled controls whose accessible name begins with "Host" or "Port"
 * are the Host and Port inputs themselves (tests and scripts find them by name).
 */
test('only the target inputs have names beginning with Host or Port', async ({
  page,
  server,
  ports,
}) => {
  const app = new AppPage(page, 'en');
  await app.open(server.url);
  await page.getByText(app.strings.server.summary).click();
  await expect(page.getByRole('textbox', { name: 'SSH destination', exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'SSH key file', exact: true })).toBeVisible();
  await app.diagnoseTarget('127.0.0.1', ports.closed);
  await page.locator('.evidence summary').first().click();

  const snapshot = await page.locator('body').ariaSnapshot();
  const controls = [
    ...snapshot.matchAll(
      /- (textbox|button|checkbox|combobox|link|radio|spinbutton|switch|menuitem|tab|option|slider|searchbox) "([^"]*)"/g,
    ),
  ].map((m) => ({ role: m[1], name: m[2] ?? '' }));
  expect(controls.length).toBeGreaterThan(5);
  const hostOrPort = controls.filter((c) => /^(host|port)/i.test(c.name));
  expect(hostOrPort).toEqual([
    { role: 'textbox', name: 'Host' },
    { role: 'textbox', name: 'Port' },
  ]);
  await expect(page.getByRole('button', { name: 'Diagnose', exact: true })).toBeVisible();
});
