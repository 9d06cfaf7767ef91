import { spawn } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { posix } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  WireCallSchema,
  type EventKey,
  type EventOf,
  type WireMessage,
} from '../../shared/ipc/contracts';
import { createService, type ServiceDeps } from '../engine/service';
import { defaultServiceDeps } from '../engine/service-deps';
import { findRendererDir, readStatic } from './static-files';

/**
 * Browser mode (`conndoctor ui`): serves the built renderer on 127.0.0.1 only and bridges
 * the IPC contracts over a WebSocket, through the same service (same validation) as the
 * desktop app. A random token guards the page and the socket; Host and Origin are checked
 * so that other sites and DNS-rebinding pages cannot reach the engine.
 */

/** Options of {@link startWebServer}. */
export interface WebServerOptions {
  /** Port on 127.0.0.1; default: a free one. */
  port?: number;
  /** Open the system browser on the URL. */
  open: boolean;
  /** Prefills the form (`?target=HOST:PORT`); nothing runs until Diagnose. */
  target?: string;
  /** The built renderer; default: `out/renderer` found next to this code. */
  rendererDir?: string;
  /** Engine dependencies (tests pass their own). */
  deps?: ServiceDeps;
}

/** A running browser-mode server. */
export interface WebServer {
  /** `http://127.0.0.1:N/?token=…` */
  url: string;
  close(): Promise<void>;
}

let processToken: string | null = null;
/** One token per process, reused by every server it starts. */
function token(): string {
  processToken ??= randomBytes(32).toString('base64url');
  return processToken;
}

/** Constant-time comparison of a presented token with ours. */
export function tokenMatches(presented: string | null | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token());
  return a.length === b.length && timingSafeEqual(a, b);
}

function cspFor(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ws://127.0.0.1:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/**
 * Whether a request path names the page (which needs the token): decided on the path as
 * the file lookup will see it — percent-decoded once and normalised — so `/%69ndex.html`,
 * `//index.html` or `/x/../INDEX.HTML` are the page too. Null when it cannot be decoded.
 */
export function isPagePath(pathname: string): boolean | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const p = posix.normalize(decoded).toLowerCase();
  return p === '/' || p.endsWith('/') || p.endsWith('.html') || p.endsWith('.htm');
}

function deny(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(`${text}\n`);
}

/** Opens the system browser on a URL (argv only, no shell). */
export function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser launcher: the URL line printed by the CLI is the way in.
  }
}

/** Starts browser mode and resolves once it listens. */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const rendererDir = opts.rendererDir ?? findRendererDir();
  if (rendererDir === null) {
    throw new Error('the UI is not built yet: run `npm run build` first');
  }
  const root: string = rendererDir;
  const deps = opts.deps ?? defaultServiceDeps('browser');
  let port = 0;

  const server = createServer((req, res) => {
    void handleHttp(req, res);
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) return deny(res, 403, 'forbidden: unexpected Host header');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'method not allowed');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const isPage = isPagePath(url.pathname);
    if (isPage === null) return deny(res, 400, 'bad request: malformed path');
    if (isPage && !tokenMatches(url.searchParams.get('token'))) {
      return deny(res, 403, 'forbidden: open the URL ConnDoctor printed (it carries the token)');
    }
    const page = url.pathname === '/' || posix.normalize(url.pathname) === '/';
    const file = await readStatic(root, page ? '/index.html' : url.pathname);
    if (!file) return deny(res, 404, 'not found');
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': file.body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      ...(isPage ? { 'Content-Security-Policy': cspFor(port), 'X-Frame-Options': 'DENY' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const ok =
      hostAllowed(req, port) &&
      originAllowed(req, port) &&
      url.pathname === '/ws' &&
      tokenMatches(url.searchParams.get('token'));
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => bridge(ws));
  });

  function bridge(ws: WebSocket): void {
    const send = (m: WireMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    const emit = <E extends EventKey>(event: E, payload: EventOf<E>) =>
      send({ kind: 'event', event, payload });
    const service = createService(deps, emit);
    // Every frame gets an answer: an invalid one is told so (with its id when it has one).
    const invalid = (id: number | null, message: string) =>
      send({
        kind: 'answer',
        id,
        result: { ok: false, error: { code: 'invalid-request', message } },
      });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      void (async () => {
        if (isBinary) return invalid(null, 'binary frames are not calls');
        let json: unknown;
        try {
          json = JSON.parse(rawToString(data));
        } catch {
          return invalid(null, 'a call must be JSON');
        }
        const call = WireCallSchema.safeParse(json);
        if (!call.success) {
          const id = (json as { id?: unknown } | null)?.id;
          return invalid(
            typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null,
            'a call is { id, channel, payload }',
          );
        }
        const result = await service.dispatch(call.data.channel, call.data.payload);
        send({ kind: 'answer', id: call.data.id, result });
      })();
    });
    // A bad frame or an oversized message ends this socket, never the server.
    ws.on('error', () => ws.terminate());
    ws.on('close', () => void service.close());
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen({ host: '127.0.0.1', port: opts.port ?? 0 }, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const prefill = opts.target !== undefined ? `&target=${encodeURIComponent(opts.target)}` : '';
  const url = `http://127.0.0.1:${port}/?token=${token()}${prefill}`;
  if (opts.open) openBrowser(url);

  return {
    url,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
