import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { findChromium } from './browser-path';

/** A real TCP listener on 127.0.0.1 and a real closed port next to it. */
export interface Ports {
  open: number;
  closed: number;
}

async function listen(): Promise<Server> {
  const s = createServer((sock) => sock.end());
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return s;
}

function portOf(s: Server): number {
  const a = s.address();
  if (a === null || typeof a === 'string') throw new Error('no port');
  return a.port;
}

const browser = findChromium();

/**
 * Fixtures: each test gets a fresh data directory and its own browser-mode server (the
 * real one, serving the built renderer and bridging to the real engine), plus a real open
 * and a real closed port on 127.0.0.1.
 */
export const test = base.extend<{ server: WebServer; ports: Ports }>({
  // Playwright reads fixture dependencies from the destructuring pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use, testInfo) => {
    testInfo.skip(
      browser === null,
      'no Chromium found: set CONNDOCTOR_CHROMIUM or install chromium',
    );
    const dataDir = await mkdtemp(join(tmpdir(), 'conndoctor-e2e-'));
    process.env.CONNDOCTOR_DATA_DIR = dataDir;
    const server = await startWebServer({ open: false });
    try {
      await use(server);
    } finally {
      await server.close();
      delete process.env.CONNDOCTOR_DATA_DIR;
      await rm(dataDir, { recursive: true, force: true });
    }
  },
  // eslint-disable-next-line no-empty-pattern
  ports: async ({}, use) => {
    const open = await listen();
    // Bind, note the port, release it: nothing listens there afterwards.
    const probe = await listen();
    const closed = portOf(probe);
    await new Promise<void>((r) => probe.close(() => r()));
    try {
      await use({ open: portOf(open), closed });
    } finally {
      await new Promise<void>((r) => open.close(() => r()));
    }
  },
});

if (browser === null) {
  console.warn(
    'e2e: skipping, no Chromium found (CONNDOCTOR_CHROMIUM, Playwright, /usr/bin/chromium)',
  );
}

export { expect } from '@playwright/test';
