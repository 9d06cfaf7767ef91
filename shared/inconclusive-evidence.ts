import type { Evidence, ProbeId, Vantage } from './evidence';

/** What an inconclusive result may carry besides its reason. */
interface InconclusiveExtras {
  /** The sentence shown; the reason itself when absent. */
  summary?: string;
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
 * "nothing found": `ok` is false and `reason` says why.
 */
export function inconclusiveEvidence(
  probe: ProbeId,
  vantage: Vantage,
  command: readonly string[],
  reason: string,
  extras: InconclusiveExtras = {},
): Evidence {
  return {
    probe,
    vantage,
    command: [...command],
    ok: false,
    status: 'inconclusive',
    summary: extras.summary ?? reason,
    reason,
    data: extras.data ?? null,
    ms: extras.ms ?? 0,
    ...(extras.raw !== undefined ? { raw: extras.raw } : {}),
  };
}
