import {
  buildApi,
  type Api,
  type ContractKey,
  type EventKey,
  type Result,
  type WireMessage,
} from '../../../shared/ipc/contracts';

/**
 * Browser mode's `window.conndoctor`: the same API object as the preload's, carried over
 * one WebSocket to the local server (which validates each call exactly as main does).
 * Built by looping over the contract keys, like the preload.
 */

const CONNECT_TIMEOUT_MS = 10_000;

/** Creates the API over `ws://<this host>/ws?token=…`. Connects lazily, reconnects on demand. */
export function createWsApi(wsUrl: string): Api {
  let socket: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Map<EventKey, Set<(payload: unknown) => void>>();

  const failAll = (message: string) => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'connection-failed', message } });
    }
    pending.clear();
  };

  function connect(): Promise<WebSocket> {
    socket ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(wsUrl);
      const timer = setTimeout(() => {
        ws.close();
        reject(new Error('the ConnDoctor server did not answer'));
      }, CONNECT_TIMEOUT_MS);
      ws.onopen = () => {
        clearTimeout(timer);
        resolve(ws);
      };
      ws.onerror = () => {
        clearTimeout(timer);
        reject(new Error('cannot reach the ConnDoctor server; is `conndoctor ui` still running?'));
      };
      ws.onclose = () => {
        socket = null;
        failAll('the connection to the ConnDoctor server closed');
      };
      ws.onmessage = (e) => {
        const data: unknown = e.data;
        if (typeof data !== 'string') return;
        let msg: WireMessage;
        try {
          msg = JSON.parse(data) as WireMessage;
        } catch {
          return;
        }
        if (msg.kind === 'answer') {
          // An answer without an id refuses a frame that was not a call: nothing waits on it.
          if (msg.id === null) return;
          pending.get(msg.id)?.(msg.result);
          pending.delete(msg.id);
        } else {
          for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
        }
      };
    }).catch((e: unknown) => {
      socket = null;
      throw e;
    });
    return socket;
  }

  async function call(channel: ContractKey, request: unknown): Promise<Result<unknown>> {
    let ws: WebSocket;
    try {
      ws = await connect();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return { ok: false, error: { code: 'connection-failed', message } };
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, channel, payload: request }));
    });
  }

  function subscribe(event: EventKey, listener: (payload: unknown) => void): () => void {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  return buildApi(call, subscribe);
}
