import {
  app,
  BrowserWindow,
  screen,
  type BrowserWindowConstructorOptions,
  type WebFrameMain,
} from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_PAGE } from './app-protocol';
import { clampBounds, MIN_SIZE } from './desktop/window-bounds';
import { dataDir, readWindowBounds, writeWindowBounds } from './desktop/settings-file';
import { isTrustedFrame, WEB_PREFERENCES } from './security-policy';

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
  if (!win || win.isDestroyed()) return false;
  return isTrustedFrame(frame, win.webContents.mainFrame, appPageUrl());
}

function rememberBounds(win: BrowserWindow): void {
  const save = () => {
    if (win.isDestroyed()) return;
    try {
      writeWindowBounds(dataDir(), { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (e) {
      console.warn(`ConnDoctor: could not remember the window size: ${String(e)}`);
    }
  };
  win.on('close', save);
}

/**
 * Creates the window with the safe defaults (isolated, sandboxed, no Node in the page), at
 * the remembered bounds clamped to the displays present. `query` prefills the form
 * (`?target=…&ssh=…`, from the launch arguments).
 */
export function createMainWindow(query = ''): BrowserWindow {
  let saved = null;
  try {
    saved = readWindowBounds(dataDir());
  } catch {
    saved = null;
  }
  const bounds = clampBounds(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const options: BrowserWindowConstructorOptions = {
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'ConnDoctor',
    show: false,
    // WEB_PREFERENCES (security-policy.ts); DevTools only in development (unpackaged) builds.
    webPreferences: { ...WEB_PREFERENCES, preload: PRELOAD, devTools: !app.isPackaged },
  };
  // The scanner cannot follow the preferences across modules: security-audit.test.ts asserts
  // them on WEB_PREFERENCES itself, and the preload exposes one method per contract and
  // nothing else (preload-surface.test.ts).
  const win = new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK PRELOAD_JS_CHECK
  mainWindow = win;
  win.once('ready-to-show', () => {
    if (bounds.maximized) win.maximize();
    win.show();
  });
  rememberBounds(win);
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(appPageUrl() + query);
  return win;
}
