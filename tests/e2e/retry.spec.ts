import { createServer } from 'node:net';
import { AppPage } from './app.page';
import { expect, test } from './fixtures';

test('run a probe again after starting the service: the flowchart decides again', async ({
  page,
  server,
  ports,
}) => {
  const app = new AppPage(page, 'en');
  await app.open(server.url);
  await app.diagnoseTarget('127.0.0.1', ports.closed);
  await expect(app.diagnosis).toHaveAttribute('data-cause', 'not-listening');

  // The user starts the service on the port that was refused…
  const listener = createServer((s) => s.end());
  await new Promise<void>((r) => listener.listen(ports.closed, '127.0.0.1', r));
  try {
    // …and re-runs the client's connect from its evidence entry.
    const entry = app.diagnosis.locator('.evidence li', { hasText: 'connect · client' });
    await entry.locator('summary').click();
    await entry.getByRole('button', { name: app.strings.result.retry }).click();
    await expect(app.diagnosis).toHaveAttribute('data-cause', 'ok');
    await expect(app.root).toHaveAttribute('data-app-state', 'ready');
    await expect(app.diagnosis).toContainText(app.strings.outcome.ok);
  } finally {
    await new Promise<void>((r) => listener.close(() => r()));
  }
});
