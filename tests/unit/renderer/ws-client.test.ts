import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventOf } from '../../../shared/ipc/contracts';
import { createLocalExecutor } from '../../../electron/engine/exec/local';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { createWsApi } from '../../../renderer/src/api/ws-client';

/**
 * Browser mode's API object against the real server: same methods as the preload's,
 * answers and events over one socket, and a clean failure when the server goes away.
 */
let server: WebServer;
let dir: string;
let wsUrl: string;
let origin: string;

class PageSocket extends WebSocket {
  // The page's socket sends its own Origin, as a browser does.
  constructor(url: string) {
    super(url, { origin });
  }
}

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = PageSocket;
  dir = mkdtempSync(join(tmpdir(), 'conndoctor-wsapi-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  const local = createLocalExecutor();
  server = await startWebServer({
    open: false,
    rendererDir: dir,
    deps: {
      localExecutor: () => local,
      appInfo: { name: 'ConnDoctor', version: '0.0.0', mode: 'browser', platform: 'linux' },
    },
  });
  const u = new URL(server.url);
  origin = `http://${u.host}`;
  wsUrl = `ws://${u.host}/ws?token=${u.searchParams.get('token') ?? ''}`;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('browser-mode API client', () => {
  it('calls contracts and receives progress events', async () => {
    const api = createWsApi(wsUrl);
    expect(await api.appInfo({})).toMatchObject({ ok: true, value: { mode: 'browser' } });
    const events: EventOf<'probe.progress'>[] = [];
    const off = api.onProbeProgress((e) => events.push(e));
    const r = await api.probeRun({
      runId: 'ws-client-run-1',
      request: { probe: 'dns', vantage: 'client', host: 'localhost' },
      sessionId: null,
    });
    expect(r).toMatchObject({ ok: true, value: { probe: 'dns', vantage: 'client' } });
    expect(events.map((e) => e.phase)).toEqual(['started', 'done']);
    off();
    const bad = await api.probeRun({
      runId: 'x',
      request: { probe: 'dns', vantage: 'client', host: 'localhost' },
      sessionId: null,
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(events).toHaveLength(2);
  });

  it('answers connection-failed once the server is gone', async () => {
    const api = createWsApi(wsUrl);
    expect((await api.appInfo({})).ok).toBe(true);
    await server.close();
    const r = await api.appInfo({});
    expect(r).toMatchObject({ ok: false, error: { code: 'connection-failed' } });
  });
});
