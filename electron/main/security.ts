import { app, session, shell, type WebContents } from 'electron';

/**
 * Window-level safety for every web contents the app creates: no navigation, no new
 * windows, no webviews, no permissions; links open in the system browser only when they
 * are https URLs on the allow-list.
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

/** Opens an allow-listed URL in the system browser; anything else is refused. */
export function openExternalChecked(raw: string): void {
  if (isAllowedExternal(raw)) void shell.openExternal(raw);
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

function harden(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalChecked(url);
    return { action: 'deny' };
  });
}

/** Applies the rules to every web contents, denies permissions and sets the CSP header. */
export function setupSecurity(): void {
  app.on('web-contents-created', (_event, contents) => harden(contents));
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  // `npm run dev` serves the page from Vite, whose hot reload needs an inline script; the
  // built app's pages always carry the CSP (app scheme header and meta tag).
  if (process.env.ELECTRON_RENDERER_URL) return;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] },
    });
  });
}
