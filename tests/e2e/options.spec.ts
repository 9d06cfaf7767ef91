import { AppPage } from './app.page';
import { expect, test } from './fixtures';

test('diagnosis options: a bad timeout is refused and nothing runs; a good one is used', async ({
  page,
  server,
  ports,
}) => {
  const app = new AppPage(page, 'en');
  await app.open(server.url);
  const timeout = page.getByRole('textbox', { name: app.strings.options.timeout, exact: true });
  const service = page.getByRole('textbox', { name: app.strings.options.service, exact: true });
  await timeout.fill('soon');
  await expect(page.getByRole('alert')).toHaveText(app.strings.options.invalidTimeout);
  await app.host.fill('127.0.0.1');
  await app.port.fill(String(ports.closed));
  await app.port.press('Enter');
  await expect(app.root).toHaveAttribute('data-app-state', 'ready');
  await expect(app.steps).toHaveCount(0);
  await expect(app.diagnosis).toHaveCount(0);

  await service.fill('bad name;');
  await expect(page.getByRole('alert')).toHaveText(app.strings.options.invalidService);
  await service.fill('');
  await timeout.fill('1000');
  await app.diagnoseTarget('127.0.0.1', ports.closed);
  await expect(app.diagnosis).toHaveAttribute('data-cause', 'not-listening');
});
