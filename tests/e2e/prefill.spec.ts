import { AppPage } from './app.page';
import { expect, test } from './fixtures';

/**
 * The launch hand-off's page side, in browser mode: `?target=HOST:PORT&ssh=DEST` (what the
 * desktop app loads for `ConnDoctor --target … --ssh …`) fills in the form and runs nothing.
 */
test('?target and ?ssh prefill the form; nothing runs until Diagnose', async ({
  page,
  server,
  ports,
}) => {
  const app = new AppPage(page, 'en');
  const u = new URL(server.url);
  u.searchParams.set('target', `127.0.0.1:${ports.closed}`);
  u.searchParams.set('ssh', 'admin@db.example');
  await app.open(u.href);
  await expect(app.host).toHaveValue('127.0.0.1');
  await expect(app.port).toHaveValue(String(ports.closed));
  const ssh = page.getByRole('textbox', { name: app.strings.server.destination, exact: true });
  await expect(ssh).toHaveValue('admin@db.example');
  await expect(app.steps).toHaveCount(0);
  await expect(app.diagnosis).toHaveCount(0);
  await expect(app.root).toHaveAttribute('data-app-state', 'ready');
  // Without the (unreachable) example server, the prefilled target diagnoses as usual.
  await ssh.fill('');
  await app.diagnose.click();
  await expect(app.diagnosis).toHaveAttribute('data-cause', 'not-listening');
});
