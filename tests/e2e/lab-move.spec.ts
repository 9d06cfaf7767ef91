import { readFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { expect, test } from '@playwright/test';
import { cleanupStale, labAvailable } from '../lab/harness';
import {
  nginxInstalled,
  siteOnPort,
  startNginxLab,
  type NginxLab,
} from '../lab/scenarios/nginx-lab';
import { AppPage } from './app.page';
import { browser, screenshotPath, startUiAtHome, type HomeUi } from './fixtures';

/**
 * wrong-port from the browser: Debian's nginx under real systemd in a server namespace
 * (subnet 10.241.0.0/16), its default site on port 8090; the user asks for 8080 with
 * nginx.service as the expected service. The answer names the right port (no fix), shows
 * moving nginx as the change ConnDoctor could make instead, with its diff; the user
 * reviews it in the consent dialog, applies it, and it is verified by connecting to 8080.
 */
const avail = labAvailable();
const ASKED = 8080;
const RUNS_ON = 8090;

/** True when an HTTP server answers a GET on the lab's data address within 1.5 s. */
function http(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = tcpConnect({ host, port, timeout: 1500 });
    const end = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.once('connect', () => sock.write('GET / HTTP/1.0\r\n\r\n'));
    sock.once('data', (b: Buffer) => end(b.toString('latin1').startsWith('HTTP/1.1 ')));
    sock.once('error', () => end(false));
    sock.once('timeout', () => end(false));
  });
}

test.describe('wrong-port: moving the service from the UI', () => {
  test.skip(!avail.ok, `lab unavailable: ${avail.reason}`);
  test.skip(!nginxInstalled(), 'nginx is not installed (apt-get install nginx)');
  test.skip(browser === null, 'no Chromium found');

  let nx: NginxLab | undefined;
  let ui: HomeUi | undefined;

  test.beforeAll(async () => {
    cleanupStale();
    nx = await startNginxLab({
      name: 'ui-move',
      net: 241,
      edit: siteOnPort(RUNS_ON),
      port: RUNS_ON,
    });
    ui = await startUiAtHome();
  });

  test.afterAll(async () => {
    try {
      await ui?.stop();
    } finally {
      await nx?.lab.destroy();
    }
  });

  for (const lang of ['ko', 'en'] as const) {
    test(`${lang}: the right port first, the move reviewed as a diff${lang === 'en' ? ', applied and verified' : ''}`, async ({
      page,
    }) => {
      const app = new AppPage(page, lang);
      const s = app.strings;
      const data = nx!.lab.dataAddr!;
      await app.open(ui!.server.url);
      await page.getByText(s.server.summary).click();
      await page
        .getByRole('textbox', { name: s.server.destination, exact: true })
        .fill(nx!.ssh.destination);
      await page
        .getByRole('textbox', { name: s.server.keyFile, exact: true })
        .fill(nx!.ssh.identity);
      await page
        .getByRole('textbox', { name: s.options.service, exact: true })
        .fill('nginx.service');
      await app.host.fill(data);
      await app.port.fill(String(ASKED));
      await app.port.press('Enter');
      // The host key is unknown the first time (the UI keeps its own known_hosts): Trust.
      const trust = page.getByRole('button', { name: s.server.trust });
      await expect(trust.or(app.diagnosis)).toBeVisible({ timeout: 20_000 });
      if (await trust.isVisible()) await trust.click();
      await expect(app.diagnosis).toHaveAttribute('data-cause', 'wrong-port', {
        timeout: 30_000,
      });
      // No fix: what to do next names the port nginx really listens on.
      await expect(app.diagnosis.locator('[data-fix-id]')).toHaveCount(0);
      const next = app.diagnosis.locator('[data-next-steps]');
      await expect(next).toContainText(`${data}:${RUNS_ON}`);
      // What ConnDoctor could change instead, with its diff, one button away.
      const instead = app.diagnosis.locator('.wz-instead');
      await expect(instead).toContainText(s.wizard.answer.insteadHeading);
      await expect(instead.locator('pre')).toContainText(`+\tlisten ${ASKED} default_server;`);
      await expect(instead.locator('pre')).toContainText(
        `-\tlisten [::]:${RUNS_ON} default_server;`,
      );
      await page.screenshot({
        path: screenshotPath(`screenshot-move-${lang}.png`),
        fullPage: true,
      });
      await instead.getByRole('button', { name: s.wizard.answer.reviewInstead }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toHaveAttribute('data-fix-id', 'config.edit');
      await expect(dialog.locator('pre')).toContainText(`+\tlisten ${ASKED} default_server;`);
      await expect(dialog).toContainText('nginx -t');
      await page.screenshot({
        path: screenshotPath(`screenshot-move-dialog-${lang}.png`),
        fullPage: true,
      });
      if (lang === 'ko') {
        await page.keyboard.press('Escape');
        await expect(dialog).toHaveCount(0);
        return;
      }
      const before = readFileSync(nx!.site);
      await dialog.getByRole('button', { name: s.wizard.consent.apply, exact: true }).click();
      await expect(dialog.locator('[data-verified]')).toHaveAttribute('data-verified', 'true', {
        timeout: 30_000,
      });
      expect(await http(data, ASKED)).toBe(true);
      expect(await http(data, RUNS_ON)).toBe(false);
      const after = readFileSync(nx!.site, 'utf8');
      expect(after).toBe(
        before
          .toString('utf8')
          .replace(`\tlisten ${RUNS_ON} `, `\tlisten ${ASKED} `)
          .replace(`[::]:${RUNS_ON} `, `[::]:${ASKED} `),
      );
    });
  }
});
