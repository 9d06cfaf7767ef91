import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * Main-process glue with a stubbed `electron`: the window's web preferences, the sender
 * check every IPC handler applies, navigation and window-open refusal, and the app scheme.
 */

const rec = vi.hoisted(() => ({
  windowOptions: [] as Record<string, unknown>[],
  handlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
  contentsHandlers: new Map<string, (...a: unknown[]) => void>(),
  openHandler: null as null | ((d: { url: string }) => { action: string }),
  opened: [] as string[],
  loaded: [] as string[],
}));

vi.mock('electron', () => {
  class FakeWindow {
    webContents = {
      mainFrame: { url: '', processId: 4, routingId: 1 },
      send: () => undefined,
    };
    constructor(opts: Record<string, unknown>) {
      rec.windowOptions.push(opts);
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      rec.loaded.push(url);
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (c: string, h: (event: unknown, payload: unknown) => Promise<unknown>) =>
        rec.handlers.set(c, h),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    app: {
      isPackaged: true,
      on: (name: string, cb: (e: unknown, contents: unknown) => void) => {
        if (name !== 'web-contents-created') return;
        cb(
          {},
          {
            on: (ev: string, h: (...a: unknown[]) => void) => rec.contentsHandlers.set(ev, h),
            setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) =>
              (rec.openHandler = h),
          },
        );
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        webRequest: { onHeadersReceived: () => undefined },
      },
    },
    shell: {
      openExternal: (u: string) => {
        rec.opened.push(u);
        return Promise.resolve();
      },
    },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
  };
});

import { createMainWindow, getMainWindow } from '../../../electron/main/window';
import { setupIpc } from '../../../electron/main/ipc.handlers';
import { setupSecurity } from '../../../electron/main/security';
import { APP_PAGE, serveAppRequest } from '../../../electron/main/app-protocol';

describe('main window', () => {
  beforeAll(() => {
    delete process.env.ELECTRON_RENDERER_URL;
    process.env.CONNDOCTOR_DATA_DIR = mkdtempSync(join(tmpdir(), 'conndoctor-data-'));
    setupSecurity();
    setupIpc();
    createMainWindow();
  });

  it('is isolated, sandboxed and without Node, and loads the app scheme', () => {
    const prefs = rec.windowOptions[0]?.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(rec.loaded).toEqual([APP_PAGE]);
  });

  it('answers calls from our main frame and refuses any other sender', async () => {
    const handler = rec.handlers.get('app.info');
    if (!handler) throw new Error('app.info not handled');
    const win = getMainWindow() as unknown as { webContents: { mainFrame: { url: string } } };
    const ours = { senderFrame: win.webContents.mainFrame };
    const otherProcess = { senderFrame: { url: APP_PAGE, processId: 5, routingId: 1 } };
    expect(await handler(otherProcess, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await handler(ours, {})).toMatchObject({ ok: true, value: { mode: 'electron' } });

    const otherFrame = { senderFrame: { url: APP_PAGE, processId: 4, routingId: 2 } };
    expect(await handler(otherFrame, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    win.webContents.mainFrame.url = 'https://evil.example/index.html';
    expect(await handler(ours, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    win.webContents.mainFrame.url = 'evil://app/index.html';
    expect(await handler(ours, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    win.webContents.mainFrame.url = APP_PAGE;
    expect(await handler(ours, { extra: 1 })).toMatchObject({ ok: true });
    expect(await handler(ours, 'junk')).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('prevents navigation and new windows; opens only allow-listed https links', () => {
    let prevented = false;
    rec.contentsHandlers.get('will-navigate')?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    const open = rec.openHandler;
    if (!open) throw new Error('no window open handler');
    expect(open({ url: 'https://github.com/conndoctor' })).toEqual({ action: 'deny' });
    expect(open({ url: 'http://github.com/x' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://github.com:444/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(rec.opened).toEqual(['https://github.com/conndoctor']);
  });
});

describe('app scheme', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'conndoctor-scheme-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ConnDoctor</title>');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the page with the CSP header and nothing outside the renderer', async () => {
    const page = await serveAppRequest('conndoctor://app/index.html', dir);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(await page.text()).toContain('ConnDoctor');
    expect((await serveAppRequest('conndoctor://app/../../etc/passwd', dir)).status).toBe(404);
    expect((await serveAppRequest('conndoctor://app/%2e%2e/%2e%2e/etc/passwd', dir)).status).toBe(
      404,
    );
    expect((await serveAppRequest('conndoctor://other/index.html', dir)).status).toBe(404);
  });
});
