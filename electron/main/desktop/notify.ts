import type { Cause } from '../../../shared/causes';

/**
 * Whether a finished diagnosis deserves a native notification: only when it took a while
 * and the user is not looking at the window (unfocused, minimized or hidden) — a quick
 * answer or one in front of the user needs no interruption. Pure (no electron import).
 */

/** A diagnosis shorter than this is "quick": never notified. */
export const LONG_DIAGNOSIS_MS = 5_000;

/** What the glue knows when a diagnosis finishes. */
export interface FinishedRun {
  durationMs: number;
  windowFocused: boolean;
  windowVisible: boolean;
  windowMinimized: boolean;
  /** Whether the OS supports notifications (Electron `Notification.isSupported()`). */
  supported: boolean;
}

/** True when the finished diagnosis should raise a notification. */
export function shouldNotify(run: FinishedRun): boolean {
  if (!run.supported || run.durationMs < LONG_DIAGNOSIS_MS) return false;
  return !run.windowFocused || !run.windowVisible || run.windowMinimized;
}

/** The notification's messages (domain `history`): the target, and the cause in words. */
export function notificationMessage(
  cause: Cause,
  target: string,
): {
  title: { id: string; params: { target: string } };
  body: { id: string };
} {
  return {
    title: { id: 'history.notify.title', params: { target } },
    body: { id: `history.report.causes.${cause}` },
  };
}
