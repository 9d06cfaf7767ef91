import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
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

export const browser = findChromium();
const root = join(import.meta.dirname, '..', '..');
const URL_LINE = /^ConnDoctor UI: (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)$/;

/** A running `conndoctor ui --no-open`. */
export interface UiServer {
  url: string;
  /** Everything the process printed on stdout (the contract: exactly one line). */
  stdout: () => string;
}

/** Starts the real CLI in browser mode and resolves with the URL from its one stdout line. */
export function startUi(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; server: UiServer }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'conndoctor.js'), 'ui', '--no-open'], {
    cwd: root,
    env: { ...process.env, ...env, CONNDOCTOR_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`conndoctor ui printed no URL within 20 s: ${err}`));
    }, 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const first = out.split('\n')[0] ?? '';
      const m = URL_LINE.exec(first);
      if (m?.[1] !== undefined && out.includes('\n')) {
        clearTimeout(timer);
        resolve({ child, server: { url: m[1], stdout: () => out } });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`conndoctor ui exited (${code}) before printing its URL: ${err}`));
    });
  });
}

/** Stops a `conndoctor ui` started by {@link startUi} (SIGINT, then SIGKILL after 5 s). */
export async function stopUi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** A `conndoctor ui` with a private HOME (so trusting a lab host key never touches the real known_hosts). */
export interface HomeUi {
  child: ChildProcess;
  server: UiServer;
  /** Stops the UI and removes its HOME. */
  stop(): Promise<void>;
}

/** Starts `conndoctor ui --no-open` with a fresh private HOME and data directory. */
export async function startUiAtHome(): Promise<HomeUi> {
  const home = await mkdtemp(join(tmpdir(), 'conndoctor-e2e-home-'));
  try {
    const { child, server } = await startUi(join(home, 'data'), { HOME: home });
    return {
      child,
      server,
      stop: async () => {
        try {
          await stopUi(child);
        } finally {
          await rm(home, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    await rm(home, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Fixtures: each test gets a fresh data directory and its own `conndoctor ui --no-open`
 * (the real CLI, serving the built renderer and bridging to the real engine), plus a real
 * open and a real closed port on 127.0.0.1.
 */
export const test = base.extend<{ server: UiServer; ports: Ports }>({
  // Playwright reads fixture dependencies from the destructuring pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use, testInfo) => {
    testInfo.skip(
      browser === null,
      'no Chromium found: set CONNDOCTOR_CHROMIUM or install chromium',
    );
    const dataDir = await mkdtemp(join(tmpdir(), 'conndoctor-e2e-'));
    try {
      const { child, server } = await startUi(dataDir);
      try {
        await use(server);
      } finally {
        await stopUi(child);
      }
    } finally {
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

/**
 * Where a screenshot goes: `docs/` (the README's pictures) when
 * `CONNDOCTOR_UPDATE_SCREENSHOTS=1`, else `test-results/`, so a test run leaves the
 * checkout unchanged.
 */
export function screenshotPath(name: string): string {
  return process.env.CONNDOCTOR_UPDATE_SCREENSHOTS === '1'
    ? join(root, 'docs', name)
    : join(root, 'test-results', name);
}
