import { expect, type Locator, type Page } from '@playwright/test';
import { en, ko } from '../../shared/i18n/resources';

const STRINGS = { en, ko } as const;
/** UI language of a page under test. */
export type Lang = keyof typeof STRINGS;

/** Locators of the ConnDoctor page, by accessible name in the page's language. */
export class AppPage {
  readonly strings: (typeof STRINGS)[Lang];
  readonly root: Locator;
  readonly host: Locator;
  readonly port: Locator;
  readonly diagnose: Locator;
  readonly diagnosis: Locator;
  readonly steps: Locator;

  constructor(
    readonly page: Page,
    readonly lang: Lang,
  ) {
    this.strings = STRINGS[lang];
    this.root = page.locator('[data-app-state]');
    this.host = page.getByRole('textbox', { name: this.strings.form.host, exact: true });
    this.port = page.getByRole('textbox', { name: this.strings.form.port, exact: true });
    this.diagnose = page.getByRole('button', { name: this.strings.form.diagnose, exact: true });
    this.diagnosis = page.locator('[data-cause]');
    this.steps = page.locator('[data-flow-step]');
  }

  /** Opens the app at `url` in this page's language and waits until it takes input. */
  async open(url: string): Promise<void> {
    const u = new URL(url);
    u.searchParams.set('lang', this.lang);
    await this.page.goto(u.href);
    await expect(this.root).toHaveAttribute('data-app-state', 'ready');
  }

  /** Types a target and submits with Enter, then waits for the final diagnosis. */
  async diagnoseTarget(host: string, port: number): Promise<void> {
    await this.host.fill(host);
    await this.port.fill(String(port));
    await this.port.press('Enter');
    await expect(this.diagnosis).toBeVisible();
    await expect(this.root).toHaveAttribute('data-app-state', 'ready');
    await this.showProof();
  }

  /** Opens the proof behind the answer (evidence, handshake, raw output): one click. */
  async showProof(): Promise<void> {
    const proof = this.diagnosis.locator('details.wz-proof');
    if ((await proof.getAttribute('open')) === null) {
      await proof.locator('summary').first().click();
    }
    await expect(proof).toHaveAttribute('open', '');
  }
}
