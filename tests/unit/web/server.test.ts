import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { Evidence } from '../../../shared/evidence';
import { createLocalExecutor } from '../../../electron/engine/exec/local';
import type { ServiceDeps } from '../../../electron/engine/service';
import { startWebServer, type WebServer } from '../../../electron/web/server';

/** Browser mode's gatekeeping, against the real server on 127.0.0.1 and a real socket. */

let server: WebServer;
let base: URL;
let dir: string;
const runProbe = vi.fn<NonNullable<ServiceDeps['runProbe']>>((req): Promise<Evidence> =>
  Promise.resolve({
    probe: req.probe,
    vantage: req.vantage,
    command: [],
    ok: true,
    status: 'pass',
    summary: 'stub',
    data: null,
    ms: 0,
  }),
);

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: Number(base.port),
        path,
        headers: { host: base.host, ...headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function connectWs(
  token: string | null,
  origin: string,
  host = base.host,
): Promise<{ ws: WebSocket } | { status: number }> {
  const q = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${base.port}/ws${q}`, {
      origin,
      headers: { host },
    });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.once('error', () => resolve({ status: -1 }));
  });
}

function call(ws: WebSocket, id: number, channel: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse((data as Buffer).toString('utf8')) as { kind: string; id?: number };
      if (msg.kind === 'answer' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, payload }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'conndoctor-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ConnDoctor</title>');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'conndoctor-web-secret.txt'), 'secret');
  const local = createLocalExecutor();
  server = await startWebServer({
    open: false,
    rendererDir: dir,
    deps: {
      localExecutor: () => local,
      runProbe,
      appInfo: { name: 'ConnDoctor', version: '0.0.0', mode: 'browser', platform: 'linux' },
    },
  });
  base = new URL(server.url);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'conndoctor-web-secret.txt'), { force: true });
});

describe('browser mode server', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{40,}$/);
  });

  it('serves the page with the token, with a strict CSP', async () => {
    const r = await get(`/${base.search}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('ConnDoctor');
    expect(String(r.headers['content-security-policy'])).toMatch(/^default-src 'none'/);
  });

  it('refuses the page without the token or with a wrong one', async () => {
    expect((await get('/')).status).toBe(403);
    const token = base.searchParams.get('token') ?? '';
    const wrong = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await get(`/?token=${wrong}`)).status).toBe(403);
    expect((await get(`/?token=${token}x`)).status).toBe(403);
  });

  it('refuses the page under any spelling of its path without the token', async () => {
    for (const path of [
      '/%69ndex.html',
      '/index%2ehtml',
      '//index.html',
      '/./index.html',
      '/assets/../index.html',
      '/assets/%2e%2e/index.html',
      '/INDEX.HTML',
      '/index.html/',
    ]) {
      const r = await get(path);
      expect(r.status, path).toBe(403);
      expect(r.body, path).not.toContain('<title>');
    }
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get(`/%69ndex.html${base.search}`)).status).toBe(200);
  });

  it('answers 403 to a wrong Host header (DNS rebinding)', async () => {
    const r = await get(`/${base.search}`, { host: `evil.example:${base.port}` });
    expect(r.status).toBe(403);
    const r2 = await get(`/${base.search}`, { host: '127.0.0.1' });
    expect(r2.status).toBe(403);
  });

  it('accepts localhost:PORT as Host', async () => {
    const r = await get(`/${base.search}`, { host: `localhost:${base.port}` });
    expect(r.status).toBe(200);
  });

  it('does not serve files outside the renderer directory', async () => {
    expect((await get('/../conndoctor-web-secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/conndoctor-web-secret.txt')).status).toBe(404);
    expect((await get('/assets/app.js')).status).toBe(200);
  });

  it('refuses a WebSocket upgrade from another Origin, without a token, or with a wrong Host', async () => {
    const token = base.searchParams.get('token');
    expect(await connectWs(token, 'http://evil.example')).toEqual({ status: 403 });
    expect(await connectWs(token, `http://127.0.0.1:${Number(base.port) + 1}`)).toEqual({
      status: 403,
    });
    expect(await connectWs(null, `http://${base.host}`)).toEqual({ status: 403 });
    expect(await connectWs('nope', `http://${base.host}`)).toEqual({ status: 403 });
    expect(await connectWs(token, `http://${base.host}`, `evil.example:${base.port}`)).toEqual({
      status: 403,
    });
  });

  it('bridges the contracts: a valid call runs, an invalid payload answers ok:false and runs nothing', async () => {
    const c = await connectWs(base.searchParams.get('token'), `http://${base.host}`);
    if (!('ws' in c)) throw new Error(`upgrade refused: ${c.status}`);
    const { ws } = c;
    try {
      runProbe.mockClear();
      const bad = await call(ws, 1, 'probe.run', {
        runId: 'run-abcdefgh',
        request: { probe: 'connect', vantage: 'client', target: { host: '$(reboot)', port: 22 } },
        sessionId: null,
      });
      expect(bad).toMatchObject({
        kind: 'answer',
        id: 1,
        result: { ok: false, error: { code: 'invalid-request' } },
      });
      expect(runProbe).not.toHaveBeenCalled();

      const unknown = await call(ws, 2, 'shell.exec', { argv: ['id'] });
      expect(unknown).toMatchObject({ result: { ok: false, error: { code: 'unknown-channel' } } });

      const events: unknown[] = [];
      ws.on('message', (d: WebSocket.RawData) => {
        const m = JSON.parse((d as Buffer).toString('utf8')) as { kind: string };
        if (m.kind === 'event') events.push(m);
      });
      const good = await call(ws, 3, 'probe.run', {
        runId: 'run-abcdefgh',
        request: { probe: 'dns', vantage: 'client', host: 'localhost' },
        sessionId: null,
      });
      expect(good).toMatchObject({ result: { ok: true, value: { probe: 'dns' } } });
      expect(runProbe).toHaveBeenCalledOnce();
      expect(events).toMatchObject([
        {
          kind: 'event',
          event: 'probe.progress',
          payload: { runId: 'run-abcdefgh', phase: 'started' },
        },
        {
          kind: 'event',
          event: 'probe.progress',
          payload: { runId: 'run-abcdefgh', phase: 'done' },
        },
      ]);

      const info = await call(ws, 4, 'app.info', {});
      expect(info).toMatchObject({ result: { ok: true, value: { mode: 'browser' } } });
    } finally {
      ws.close();
    }
  });

  it('answers every invalid frame with ok:false (with its id when it has one)', async () => {
    const c = await connectWs(base.searchParams.get('token'), `http://${base.host}`);
    if (!('ws' in c)) throw new Error(`upgrade refused: ${c.status}`);
    const { ws } = c;
    const next = () =>
      new Promise<unknown>((r) =>
        ws.once('message', (d: WebSocket.RawData) => r(JSON.parse((d as Buffer).toString('utf8')))),
      );
    const refused = { kind: 'answer', result: { ok: false, error: { code: 'invalid-request' } } };
    try {
      for (const frame of ['not json', '42', 'null', '{"channel":"app.info"}', '[]']) {
        const answer = next();
        ws.send(frame);
        expect(await answer, frame).toMatchObject({ ...refused, id: null });
      }
      const withId = next();
      ws.send(JSON.stringify({ id: 7, channel: 12, payload: {} }));
      expect(await withId).toMatchObject({ ...refused, id: 7 });
      const binary = next();
      ws.send(Buffer.from([1, 2, 3]), { binary: true });
      expect(await binary).toMatchObject({ ...refused, id: null });
    } finally {
      ws.close();
    }
  });

  it('drops a socket that sends an oversized message and keeps serving', async () => {
    const c = await connectWs(base.searchParams.get('token'), `http://${base.host}`);
    if (!('ws' in c)) throw new Error(`upgrade refused: ${c.status}`);
    const closed = new Promise<number>((r) => c.ws.once('close', (code) => r(code)));
    c.ws.on('error', () => undefined);
    c.ws.send('x'.repeat(9 * 1024 * 1024));
    expect(await closed).toBe(1009);
    const again = await connectWs(base.searchParams.get('token'), `http://${base.host}`);
    if (!('ws' in again)) throw new Error('server stopped serving');
    expect(await call(again.ws, 1, 'app.info', {})).toMatchObject({ result: { ok: true } });
    again.ws.close();
  });

  it('reuses one token per process', async () => {
    const other = await startWebServer({ open: false, rendererDir: dir });
    try {
      expect(new URL(other.url).searchParams.get('token')).toBe(base.searchParams.get('token'));
      expect(new URL(other.url).port).not.toBe(base.port);
    } finally {
      await other.close();
    }
  });
});
