import { app, session, shell, type WebContents } from 'electron';
import {
  allowNavigation,
  allowPermission,
  CSP,
  isAllowedExternal,
  windowOpenDecision,
} from './security-policy';

/**
 * Window-level safety for every web contents the app creates, applying the decisions of
 * `security-policy.ts`: no navigation, no new windows, no webviews, no permissions; links
 * open in the system browser only when they are https URLs on the allow-list.
 */

export { CSP, EXTERNAL_ALLOW_LIST, isAllowedExternal } from './security-policy';

/** Opens an allow-listed URL in the system browser; anything else is refused. */
export function openExternalChecked(raw: string): void {
  // Only https URLs on EXTERNAL_ALLOW_LIST reach the shell (security-audit.test.ts).
  if (isAllowedExternal(raw)) void shell.openExternal(raw); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

function harden(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternal) openExternalChecked(url);
    return { action: decision.action };
  });
}

/** Applies the rules to every web contents, denies permissions and sets the CSP header. */
export function setupSecurity(): void {
  app.on('web-contents-created', (_event, contents) => harden(contents));
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(allowPermission(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission) =>
    allowPermission(permission),
  );
  // `npm run dev` serves the page from Vite, whose hot reload needs an inline script; the
  // built app's pages always carry the CSP (app scheme header and meta tag).
  if (process.env.ELECTRON_RENDERER_URL) return;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      // CSP is a constant the scanner cannot read; security-audit.test.ts evaluates it.
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] }, // eng-disable CSP_GLOBAL_CHECK
    });
  });
}
