import type { Evidence } from '../evidence';
import type { Message } from './message';

/**
 * An evidence summary in the user's language: its message and further lines, each rendered
 * by `say`, one per line; the English `summary` when the evidence has no message.
 */
export function evidenceSummaryText(
  e: Pick<Evidence, 'summary' | 'message' | 'details'>,
  say: (m: Message) => string,
): string {
  return e.message ? [e.message, ...(e.details ?? [])].map(say).join('\n') : e.summary;
}

/** Why an evidence is inconclusive, in the user's language (English when it has no message). */
export function evidenceReasonText(
  e: Pick<Evidence, 'reason' | 'reasonMessage'>,
  say: (m: Message) => string,
): string | undefined {
  return e.reasonMessage ? say(e.reasonMessage) : e.reason;
}
