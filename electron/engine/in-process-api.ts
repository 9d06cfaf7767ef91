import type { Api, EventKey } from '../../shared/ipc/contracts';
import { buildApi } from '../../shared/ipc/contracts';
import { createService, type ServiceDeps } from './service';

/**
 * The contracts API in this process: the same service (and zod checks) the desktop app
 * and browser mode call over IPC or a WebSocket, for the CLI and the tests. The flowchart
 * machine runs on it through `apiActors`, exactly as in the renderer.
 */
export interface InProcessApi {
  api: Api;
  /** Cancels every run and closes every session. */
  close: () => Promise<void>;
}

/** Creates an in-process API over a new service. */
export function inProcessApi(deps: ServiceDeps): InProcessApi {
  const listeners = new Map<EventKey, Set<(payload: unknown) => void>>();
  const service = createService(deps, (event, payload) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  });
  const api = buildApi(
    (channel, request) => service.dispatch(channel, request),
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  );
  return { api, close: () => service.close() };
}
