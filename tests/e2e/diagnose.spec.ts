import { AppPage } from './app.page';
import { expect, screenshotPath, test } from './fixtures';

test.describe('diagnose a real local port in the browser UI', () => {
  test('closed port, English: refused, nothing listening', async ({ page, server, ports }) => {
    const app = new AppPage(page, 'en');
    await app.open(server.url);
    await app.diagnoseTarget('127.0.0.1', ports.closed);
    await expect(app.diagnosis).toHaveAttribute('data-cause', 'not-listening');
    await expect(app.diagnosis).toContainText(app.strings.outcome.refused);
    await expect(app.diagnosis).toContainText(app.strings.cause['not-listening']);
    await expect(page.locator('[data-reply="rst"]')).toBeVisible();
    await expect(page.locator('ul.evidence')).toContainText(
      `127.0.0.1:${ports.closed}: refused (ECONNREFUSED)`,
    );
    await page.screenshot({ path: screenshotPath('screenshot.png'), fullPage: true });
  });

  test('conndoctor ui printed exactly one line, the URL', ({ server }) => {
    expect(server.stdout()).toBe(`ConnDoctor UI: ${server.url}\n`);
  });

  test('open port, English: the connection works', async ({ page, server, ports }) => {
    const app = new AppPage(page, 'en');
    await app.open(server.url);
    await app.diagnoseTarget('127.0.0.1', ports.open);
    await expect(app.diagnosis).toHaveAttribute('data-cause', 'ok');
    await expect(app.diagnosis).toContainText(app.strings.outcome.ok);
    await expect(page.locator('[data-reply="syn-ack"]')).toBeVisible();
  });

  test('closed port, Korean: 연결 거부', async ({ page, server, ports }) => {
    const app = new AppPage(page, 'ko');
    await app.open(server.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await app.diagnoseTarget('127.0.0.1', ports.closed);
    await expect(app.diagnosis).toHaveAttribute('data-cause', 'not-listening');
    await expect(app.diagnosis).toContainText(app.strings.outcome.refused);
    await expect(app.diagnosis).toContainText(app.strings.cause['not-listening']);
    // The evidence behind the answer speaks Korean too (the commands stay as they ran).
    const evidence = page.locator('ul.evidence');
    await expect(evidence).toContainText(`127.0.0.1:${ports.closed}: 거부됨(ECONNREFUSED)`);
    await expect(evidence).toContainText(
      `TCP 포트 ${ports.closed}에서 수신 대기하는 것이 없습니다`,
    );
    await expect(evidence).not.toContainText('refused (ECONNREFUSED)');
    await page.screenshot({ path: screenshotPath('screenshot-ko.png'), fullPage: true });
  });

  test('open port, Korean: 연결 정상', async ({ page, server, ports }) => {
    const app = new AppPage(page, 'ko');
    await app.open(server.url);
    await app.diagnoseTarget('127.0.0.1', ports.open);
    await expect(app.diagnosis).toHaveAttribute('data-cause', 'ok');
    await expect(app.diagnosis).toContainText(app.strings.outcome.ok);
  });
});
