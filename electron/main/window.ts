import { BrowserWindow, type WebFrameMain } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_PAGE } from './app-protocol';

/** Where the built bundles live: out/main (this file, bundled), out/preload, out/renderer. */
const here = fileURLToPath(new URL('.', import.meta.url));
const PRELOAD = join(here, '..', 'preload', 'index.cjs');

/** The URL of the app's page: the dev server in `npm run dev`, else the app scheme. */
export function appPageUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return dev !== undefined && dev !== '' ? dev : APP_PAGE;
}

let mainWindow: BrowserWindow | null = null;

/** The app's only window, if open. */
export function getMainWindow(): BrowserWindow | null {
  return mainWindow;
}

/**
 * True only for our window's main frame showing our page: IPC from anything else (a
 * subframe, another window, a page that somehow navigated) is refused.
 */
export function isTrustedSender(frame: WebFrameMain | null): boolean {
  const win = mainWindow;
  if (!win || win.isDestroyed() || !frame) return false;
  // Same frame by identity of the renderer frame, not of the wrapper object.
  const main = win.webContents.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  const expected = new URL(appPageUrl());
  let actual: URL;
  try {
    actual = new URL(frame.url);
  } catch {
    return false;
  }
  // Compare scheme, host and path: WHATWG gives custom schemes an opaque ("null") origin.
  return (
    actual.protocol === expected.protocol &&
    actual.host === expected.host &&
    actual.pathname === expected.pathname
  );
}

/** Creates the window with the safe defaults (isolated, sandboxed, no Node in the page). */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 820,
    minWidth: 640,
    minHeight: 480,
    title: 'ConnDoctor',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(appPageUrl());
  return win;
}
