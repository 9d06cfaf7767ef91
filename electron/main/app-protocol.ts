import { protocol } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readStatic } from '../web/static-files';
import { CSP } from './security-policy';

/**
 * The app's pages are served from `conndoctor://app/`, a privileged standard scheme backed
 * by the built renderer, instead of file://: the page gets a real origin (checked on every
 * IPC call), the CSP arrives as a header, and the file protocol's extra privileges can be
 * switched off by a fuse when packaging.
 */

/** The scheme of the app's pages. */
export const APP_SCHEME = 'conndoctor';
/** The origin of the app's pages. */
export const APP_ORIGIN = `${APP_SCHEME}://app`;
/** The page the window loads. */
export const APP_PAGE = `${APP_ORIGIN}/index.html`;

const here = fileURLToPath(new URL('.', import.meta.url));
/** out/renderer, next to out/main where this module is bundled. */
export const RENDERER_DIR = join(here, '..', 'renderer');

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

/** Answers one request for an app page or asset; anything else is a 404. */
export async function serveAppRequest(rawUrl: string, rendererDir: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return new Response('bad request', { status: 400 });
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'app') {
    return new Response('not found', { status: 404 });
  }
  const path = url.pathname === '/' ? '/index.html' : url.pathname;
  const file = await readStatic(rendererDir, path);
  if (!file) return new Response('not found', { status: 404 });
  return new Response(new Uint8Array(file.body), {
    status: 200,
    headers: {
      'Content-Type': file.type,
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** Serves the built renderer on the app scheme. */
export function setupAppProtocol(): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, RENDERER_DIR));
}
