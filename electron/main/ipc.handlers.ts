import { ipcMain, type BrowserWindow } from 'electron';
import {
  CONTRACT_KEYS,
  events,
  type EventKey,
  type EventOf,
  type Result,
} from '../../shared/ipc/contracts';
import { createService, type Service } from '../engine/service';
import { defaultServiceDeps } from '../engine/service-deps';
import { notifyFinished } from './notify';
import { exportReport } from './report-export';
import { getMainWindow, isTrustedSender } from './window';

/**
 * Registers one `ipcMain.handle` per contract. Each handler refuses senders other than our
 * window's main frame, then hands the payload to the window's service, which validates it
 * with the contract's schema. Secrets in payloads stay in this process and are not logged.
 */

let service: Service | null = null;
let serviceWindow: BrowserWindow | null = null;

function serviceFor(win: BrowserWindow): Service {
  if (service && serviceWindow === win) return service;
  const emit = <E extends EventKey>(event: E, payload: EventOf<E>) => {
    if (!win.isDestroyed()) win.webContents.send(event, events[event].parse(payload));
  };
  const fresh = createService(
    {
      ...defaultServiceDeps('electron'),
      onFinished: (run) => notifyFinished(win, run),
      exportReport: (req) => exportReport(win, req),
    },
    emit,
  );
  service = fresh;
  serviceWindow = win;
  win.on('closed', () => {
    void fresh.close();
    if (service === fresh) service = null;
  });
  return fresh;
}

/** Sends an event to the window (validated by its schema); dropped when there is none. */
export function sendToWindow<E extends EventKey>(event: E, payload: EventOf<E>): void {
  const win = getMainWindow();
  if (win && !win.isDestroyed()) win.webContents.send(event, events[event].parse(payload));
}

/** Registers the handler of every contract channel. */
export function setupIpc(): void {
  for (const channel of CONTRACT_KEYS) {
    ipcMain.handle(channel, (event, payload: unknown): Promise<Result<unknown>> => {
      const win = getMainWindow();
      if (!win || !isTrustedSender(event.senderFrame)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'forbidden', message: 'refused: the call did not come from the app page' },
        });
      }
      return serviceFor(win).dispatch(channel, payload);
    });
  }
}
