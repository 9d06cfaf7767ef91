import { AppPage } from './app.page';
import { expect, test } from './fixtures';

/** The Host field takes host:port, [v6]:port and pasted URLs; ?target= prefills the form. */
test('Host accepts host:port and a pasted URL and fills in Port; ?target= prefills', async ({
  page,
  server,
  ports,
}) => {
  const app = new AppPage(page, 'en');
  await app.open(server.url);
  await app.host.fill(`localhost:${ports.open}`);
  await app.host.blur();
  await expect(app.host).toHaveValue('localhost');
  await expect(app.port).toHaveValue(String(ports.open));

  await app.host.fill(`http://127.0.0.1:${ports.closed}/some/path?x=1`);
  await app.port.fill('');
  await app.host.press('Enter');
  await expect(app.diagnosis).toHaveAttribute('data-cause', /.+/);
  await expect(app.host).toHaveValue('127.0.0.1');
  await expect(app.port).toHaveValue(String(ports.closed));

  await app.host.fill('[::1]:22');
  await app.host.blur();
  await expect(app.host).toHaveValue('[::1]');
  await expect(app.port).toHaveValue('22');

  const u = new URL(server.url);
  u.searchParams.set('target', `127.0.0.1:${ports.open}`);
  await app.open(u.href);
  await expect(app.host).toHaveValue('127.0.0.1');
  await expect(app.port).toHaveValue(String(ports.open));
});
