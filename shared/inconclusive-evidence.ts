import type { Evidence, ProbeId, Vantage } from './evidence';
import type { Message } from './i18n/message';
import { english } from './i18n/translate';

/** What an inconclusive result may carry besides its reason. */
interface InconclusiveExtras {
  /** The sentence shown; the reason itself when absent. */
  summary?: string;
  /** `summary` as a message (when the summary is not the reason). */
  message?: Message;
  /** How long the probe ran (0 when it never started). */
  ms?: number;
  /** What could be read before it stopped (null when nothing). */
  data?: unknown;
  /** Raw output, already sanitized and capped by the caller. */
  raw?: string;
}

/**
 * The one constructor for evidence whose check could not conclude: the output could not be
 * read, the command could not run, there was no access or the input was not enough. Never
 * "nothing found": `ok` is false and `reason` says why. A reason given as a message is
 * kept in English as `reason` (and `summary`, unless the extras name one) and as `message`.
 */
export function inconclusiveEvidence(
  probe: ProbeId,
  vantage: Vantage,
  command: readonly string[],
  reason: string | Message,
  extras: InconclusiveExtras = {},
): Evidence {
  const reasonText = typeof reason === 'string' ? reason : english(reason);
  const message =
    extras.summary !== undefined ? extras.message : typeof reason === 'string' ? undefined : reason;
  return {
    probe,
    vantage,
    command: [...command],
    ok: false,
    status: 'inconclusive',
    summary: extras.summary ?? reasonText,
    ...(message !== undefined ? { message } : {}),
    reason: reasonText,
    ...(typeof reason === 'string' ? {} : { reasonMessage: reason }),
    data: extras.data ?? null,
    ms: extras.ms ?? 0,
    ...(extras.raw !== undefined ? { raw: extras.raw } : {}),
  };
}
