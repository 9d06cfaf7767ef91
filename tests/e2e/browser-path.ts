import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * The Chromium the e2e tests drive: `CONNDOCTOR_CHROMIUM`, then
 * `PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH`, then Playwright's own download, then the system's
 * `/usr/bin/chromium`. Null when none exists (the tests then skip and say why).
 */
export function findChromium(): string | null {
  const candidates = [
    process.env.CONNDOCTOR_CHROMIUM,
    process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH,
    safePlaywrightPath(),
    '/usr/bin/chromium',
  ];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return null;
}

function safePlaywrightPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Flags for a headless Chromium in CI containers. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
