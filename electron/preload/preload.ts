import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi, type EventKey, type Result } from '../../shared/ipc/contracts';

/**
 * The preload: exposes `window.conndoctor`, one typed method per contract and one
 * subscription per event, built by looping over the contract keys. There is no generic
 * invoke: the page can only make the calls the contracts name, and main validates each.
 */

function subscribe(event: EventKey, listener: (payload: unknown) => void): () => void {
  const handler = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(event, handler);
  return () => {
    ipcRenderer.removeListener(event, handler);
  };
}

const api = buildApi(
  (channel, request) => ipcRenderer.invoke(channel, request) as Promise<Result<unknown>>,
  subscribe,
);

contextBridge.exposeInMainWorld('conndoctor', api);
