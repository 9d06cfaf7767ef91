import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CONTRACT_KEYS,
  EVENT_KEYS,
  methodName,
  subscriptionName,
} from '../../../shared/ipc/contracts';

/**
 * The preload's API must be exactly the contracts: one method per channel main handles,
 * one subscription per event, nothing else (no generic invoke). Both modules are imported
 * with a stubbed `electron` that records what they register.
 */

const recorded = vi.hoisted(() => ({
  exposed: new Map<string, Record<string, unknown>>(),
  handled: new Set<string>(),
  invoked: [] as { channel: string; payload: unknown }[],
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: Record<string, unknown>) => {
      recorded.exposed.set(key, api);
    },
  },
  ipcRenderer: {
    invoke: (channel: string, payload: unknown) => {
      recorded.invoked.push({ channel, payload });
      return Promise.resolve({ ok: true, value: null });
    },
    on: () => undefined,
    removeListener: () => undefined,
  },
  ipcMain: {
    handle: (channel: string) => {
      recorded.handled.add(channel);
    },
  },
  BrowserWindow: class {},
  app: { on: () => undefined },
  session: {},
  shell: { openExternal: () => Promise.resolve() },
  Menu: { setApplicationMenu: () => undefined, buildFromTemplate: () => ({}) },
}));

describe('preload API surface = main handlers = contracts', () => {
  beforeAll(async () => {
    await import('../../../electron/preload/preload');
    const { setupIpc } = await import('../../../electron/main/ipc.handlers');
    setupIpc();
  });

  it('main registers one handler per contract key', () => {
    expect([...recorded.handled].sort()).toEqual([...CONTRACT_KEYS].sort());
  });

  it('the preload exposes window.conndoctor with one method per handler and one subscription per event', () => {
    const api = recorded.exposed.get('conndoctor');
    expect(api).toBeDefined();
    const expected = [
      ...[...recorded.handled].map((c) => methodName(c)),
      ...EVENT_KEYS.map((e) => subscriptionName(e)),
    ].sort();
    expect(Object.keys(api ?? {}).sort()).toEqual(expected);
    expect([...recorded.exposed.keys()]).toEqual(['conndoctor']);
    for (const v of Object.values(api ?? {})) expect(typeof v).toBe('function');
  });

  it('each preload method invokes exactly its own channel', async () => {
    const api = recorded.exposed.get('conndoctor') ?? {};
    for (const key of CONTRACT_KEYS) {
      const method = api[methodName(key)] as (p: unknown) => Promise<unknown>;
      await method({ probe: key });
      expect(recorded.invoked.at(-1)).toEqual({ channel: key, payload: { probe: key } });
    }
  });
});
