import type { Api } from '../../../shared/ipc/contracts';
import { createWsApi } from './ws-client';

declare global {
  interface Window {
    /** Set by the preload in the desktop app; absent in browser mode. */
    conndoctor?: Api;
  }
}

/**
 * The API the UI talks to: the preload's in the desktop app, a WebSocket client in browser
 * mode. Same shape in both, so nothing else in the renderer knows which mode it runs in.
 */
export function getApi(): Api {
  if (window.conndoctor) return window.conndoctor;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const wsUrl = `ws://${window.location.host}/ws?token=${encodeURIComponent(token)}`;
  const api = createWsApi(wsUrl);
  window.conndoctor = api;
  return api;
}

/** A fresh run id (crypto-random, URL-safe). */
export function newRunId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
