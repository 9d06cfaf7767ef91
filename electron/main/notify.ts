import { app, Notification, type BrowserWindow } from 'electron';
import type { ParsedRequestOf } from '../../shared/ipc/contracts';
import { translator } from '../../shared/i18n/translate';
import { formatTarget } from '../../shared/target';
import { notificationMessage, shouldNotify } from './desktop/notify';

/** Raises the "diagnosis finished" notification when `desktop/notify.ts` says so. */
export function notifyFinished(win: BrowserWindow, run: ParsedRequestOf<'app.finished'>): boolean {
  if (win.isDestroyed()) return false;
  const notify = shouldNotify({
    durationMs: run.durationMs,
    windowFocused: win.isFocused(),
    windowVisible: win.isVisible(),
    windowMinimized: win.isMinimized(),
    supported: Notification.isSupported(),
  });
  if (!notify) return false;
  const t = translator(app.getLocale().toLowerCase().startsWith('ko') ? 'ko' : 'en');
  const m = notificationMessage(run.cause, formatTarget(run.target));
  const n = new Notification({ title: t(m.title), body: t(m.body) });
  n.on('click', () => {
    if (win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  n.show();
  return true;
}
