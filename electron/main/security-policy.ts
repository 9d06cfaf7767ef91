/**
 * The desktop app's security settings as plain data and pure decisions, with no electron
 * import: `security.ts`, `window.ts` and `ipc.handlers.ts` apply exactly these objects,
 * and the security audit test (tests/unit/main/security-audit.test.ts) reads the very
 * same ones. DESIGN §4.
 */

/** Hosts whose https pages may be opened in the system browser. */
export const EXTERNAL_ALLOW_LIST: readonly string[] = ['github.com', 'www.rfc-editor.org'];

/** True for an https URL on the allow-list (exact host, default port, no credentials). */
export function isAllowedExternal(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    EXTERNAL_ALLOW_LIST.includes(url.hostname)
  );
}

/** The Content-Security-Policy of the app's pages (also in index.html as a meta tag). */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The main window's web preferences (the preload path is added by the glue): isolated,
 * sandboxed, no Node in the page or its workers, web security on, no webviews, no
 * experimental or extra Blink features, no insecure content, no middle-click windows.
 */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  // Middle-click opens new windows; the app has none to open.
  disableBlinkFeatures: 'Auxclick',
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const;

/** The app's page never navigates away (the SPA changes state, never its URL). */
export function allowNavigation(_url: string): false {
  return false;
}

/**
 * A request to open a window: always denied; an allow-listed https link is handed to the
 * system browser instead.
 */
export function windowOpenDecision(url: string): { action: 'deny'; openExternal: boolean } {
  return { action: 'deny', openExternal: isAllowedExternal(url) };
}

/** Permission requests and checks (camera, notifications, clipboard read…): all refused. */
export function allowPermission(_permission: string): false {
  return false;
}

/** The identity of a frame as Electron reports it (`WebFrameMain`). */
export interface FrameIdentity {
  processId: number;
  routingId: number;
  url: string;
}

/**
 * The sender check every IPC handler applies: the call must come from the window's main
 * frame (same renderer process and routing id) showing the app's page (scheme, host and
 * path compared: custom schemes have an opaque origin). Anything else is refused.
 */
export function isTrustedFrame(
  frame: FrameIdentity | null,
  mainFrame: FrameIdentity,
  pageUrl: string,
): boolean {
  if (!frame) return false;
  if (frame.processId !== mainFrame.processId || frame.routingId !== mainFrame.routingId) {
    return false;
  }
  let expected: URL;
  let actual: URL;
  try {
    expected = new URL(pageUrl);
    actual = new URL(frame.url);
  } catch {
    return false;
  }
  return (
    actual.protocol === expected.protocol &&
    actual.host === expected.host &&
    actual.pathname === expected.pathname
  );
}
