import { AppPage } from './app.page';
import { expect, test } from './fixtures';

/** Secrets typed into the server-access form do not stay in the page after an attempt. */
test('a failed SSH attempt clears the password and the key passphrase', async ({
  page,
  server,
  ports,
}) => {
  const app = new AppPage(page, 'en');
  await app.open(server.url);
  const s = app.strings.server;
  await page.getByText(s.summary).click();
  await page
    .getByRole('textbox', { name: s.destination, exact: true })
    .fill(`root@127.0.0.1:${ports.closed}`);
  const passphrase = page.getByLabel(s.passphrase, { exact: true });
  const password = page.getByLabel(s.password, { exact: true });
  const sudo = page.getByLabel(s.sudoPassword, { exact: true });
  await passphrase.fill('key secret');
  await password.fill('login secret');
  await sudo.fill('sudo secret');
  await page.getByRole('button', { name: s.connect, exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Could not connect');
  await expect(password).toHaveValue('');
  await expect(passphrase).toHaveValue('');
  await expect(sudo).toHaveValue('');
});

test('a key file that is not a regular file is refused on that field, at once', async ({
  page,
  server,
  ports,
}) => {
  const app = new AppPage(page, 'en');
  await app.open(server.url);
  const s = app.strings.server;
  await page.getByText(s.summary).click();
  await page
    .getByRole('textbox', { name: s.destination, exact: true })
    .fill(`root@127.0.0.1:${ports.closed}`);
  await page.getByRole('textbox', { name: s.keyFile, exact: true }).fill('/dev/zero');
  await page.getByRole('button', { name: s.connect, exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'SSH key file: /dev/zero: not a regular file (give a private key file)',
  );
  await expect(app.root).toHaveAttribute('data-app-state', 'ready');
});
