import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { menuTemplate, rolesOf } from '../../../electron/main/desktop/menu-template';
import {
  allowNavigation,
  allowPermission,
  CSP,
  isAllowedExternal,
  isTrustedFrame,
  WEB_PREFERENCES,
  windowOpenDecision,
} from '../../../electron/main/security-policy';
import { APP_PAGE } from '../../../electron/main/app-protocol';

/**
 * The Electron security checklist (electronjs.org/docs/latest/tutorial/security), item by
 * item where it applies, asserted on the very objects the app uses: security-policy.ts
 * (what window.ts, security.ts and ipc.handlers.ts apply), the packaging fuses, and —
 * through a recording stub of `electron` — what the glue actually passes to Electron.
 */

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);

const rec = vi.hoisted(() => ({
  windowOptions: [] as { webPreferences?: Record<string, unknown> }[],
  permissionRequest: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
  permissionCheck: null as null | ((wc: unknown, p: string) => boolean),
  contents: new Map<string, (event: { preventDefault: () => void }, url?: string) => void>(),
  openHandler: null as null | ((d: { url: string }) => { action: string }),
  opened: [] as string[],
}));

vi.mock('electron', () => ({
  BrowserWindow: class {
    webContents = { mainFrame: { url: '', processId: 1, routingId: 1 } };
    constructor(o: { webPreferences?: Record<string, unknown> }) {
      rec.windowOptions.push(o);
    }
    once() {}
    on() {}
    loadURL() {
      return Promise.resolve();
    }
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1280, height: 800 } }] },
  app: {
    isPackaged: true,
    on: (name: string, cb: (e: unknown, c: unknown) => void) => {
      if (name !== 'web-contents-created') return;
      cb(
        {},
        {
          on: (ev: string, h: (e: { preventDefault: () => void }, url?: string) => void) =>
            rec.contents.set(ev, h),
          setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) =>
            (rec.openHandler = h),
        },
      );
    },
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: typeof rec.permissionRequest) => (rec.permissionRequest = h),
      setPermissionCheckHandler: (h: typeof rec.permissionCheck) => (rec.permissionCheck = h),
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
}));

const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'geolocation',
  'media',
  'midi',
  'notifications',
  'openExternal',
  'pointerLock',
  'storage-access',
  'window-management',
];

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((p) => p[0] !== '')
      .map(([name = '', ...values]) => [name, values]),
  );
}

describe('Electron security checklist', () => {
  beforeAll(async () => {
    process.env.CONNDOCTOR_DATA_DIR = mkdtempSync(join(tmpdir(), 'conndoctor-audit-'));
    delete process.env.ELECTRON_RENDERER_URL;
    const { setupSecurity } = await import('../../../electron/main/security');
    const { createMainWindow } = await import('../../../electron/main/window');
    setupSecurity();
    createMainWindow();
  });

  it('1. only secure content: the page comes from the privileged conndoctor:// scheme', () => {
    expect(new URL(APP_PAGE).protocol).toBe('conndoctor:');
    expect(CSP).not.toMatch(/https?:|ws:|\*/);
  });

  it('2-4. no Node in the page, context isolation, the sandbox — and the window gets exactly these', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      contextIsolation: true,
      sandbox: true,
    });
    const given = rec.windowOptions[0]?.webPreferences;
    expect(given).toMatchObject({ ...WEB_PREFERENCES, devTools: false });
    expect(String(given?.preload)).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('5. every permission request and check is refused', () => {
    for (const p of PERMISSIONS) {
      expect(allowPermission(p)).toBe(false);
      let granted: boolean | null = null;
      rec.permissionRequest?.({}, p, (ok) => (granted = ok));
      expect(granted).toBe(false);
      expect(rec.permissionCheck?.({}, p)).toBe(false);
    }
  });

  it('6, 8-10. web security on; no insecure content, experimental or extra Blink features', () => {
    expect(WEB_PREFERENCES.webSecurity).toBe(true);
    expect(WEB_PREFERENCES.allowRunningInsecureContent).toBe(false);
    expect(WEB_PREFERENCES.experimentalFeatures).toBe(false);
    expect(WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
    expect(WEB_PREFERENCES.disableBlinkFeatures).toBe('Auxclick');
  });

  it('7. a strict Content-Security-Policy, the same in the header and the built page', () => {
    const d = directives(CSP);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src') ?? d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|data:.*script/);
    const vite = readFileSync(join(root, 'electron.vite.config.ts'), 'utf8');
    const meta = /Content-Security-Policy\\" content=\\"([^"\\]+)\\"/.exec(vite)?.[1];
    // A meta tag cannot carry frame-ancestors; everything else is the same policy.
    expect(meta).toBe(CSP.replace("; frame-ancestors 'none'", ''));
  });

  it('11. no webviews', () => {
    expect(WEB_PREFERENCES.webviewTag).toBe(false);
    let prevented = false;
    rec.contents.get('will-attach-webview')?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('12-13. no navigation, no new windows', () => {
    for (const url of [APP_PAGE, 'https://github.com/', 'file:///etc/passwd']) {
      expect(allowNavigation(url)).toBe(false);
      for (const ev of ['will-navigate', 'will-redirect']) {
        let prevented = false;
        rec.contents.get(ev)?.({ preventDefault: () => (prevented = true) }, url);
        expect(prevented).toBe(true);
      }
      expect(windowOpenDecision(url).action).toBe('deny');
      expect(rec.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('14. openExternal only for allow-listed https URLs', () => {
    expect(isAllowedExternal('https://github.com/conndoctor/conndoctor')).toBe(true);
    for (const bad of [
      'http://github.com/',
      'https://github.com.evil.example/',
      'https://user:pw@github.com/',
      'https://github.com:8443/',
      'file:///etc/passwd',
      'smb://share/x',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedExternal(bad)).toBe(false);
    }
  });

  it('16. IPC: only our window main frame showing our page is answered', () => {
    const main = { processId: 3, routingId: 7, url: APP_PAGE };
    expect(isTrustedFrame({ ...main, url: `${APP_PAGE}?target=h%3A1` }, main, APP_PAGE)).toBe(true);
    expect(isTrustedFrame(null, main, APP_PAGE)).toBe(false);
    expect(isTrustedFrame({ ...main, routingId: 8 }, main, APP_PAGE)).toBe(false);
    expect(isTrustedFrame({ ...main, processId: 4 }, main, APP_PAGE)).toBe(false);
    expect(
      isTrustedFrame({ ...main, url: 'https://evil.example/index.html' }, main, APP_PAGE),
    ).toBe(false);
    expect(isTrustedFrame({ ...main, url: 'conndoctor://app/other.html' }, main, APP_PAGE)).toBe(
      false,
    );
  });

  it('18-19. a custom protocol, no file:// privileges; fuses locked when packaging', () => {
    const { load } = require('js-yaml') as { load: (t: string) => unknown };
    const c = load(readFileSync(join(root, 'build', 'electron-builder.yml'), 'utf8')) as {
      electronFuses: Record<string, boolean>;
      asar: boolean;
    };
    expect(c.asar).toBe(true);
    expect(c.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('20. a current Electron; no DevTools or reload in production builds', () => {
    const v = (require('electron/package.json') as { version: string }).version;
    expect(Number(v.split('.')[0])).toBeGreaterThanOrEqual(38);
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const roles = rolesOf(menuTemplate({ platform, dev: false }));
      expect(roles.filter((r) => /devtools|reload/i.test(r))).toEqual([]);
    }
  });
});
