import type { Evidence, Vantage } from '../../../shared/evidence';
import { RAW_CAP, stripControls } from '../../../shared/text';
import type { ExecResult, Executor } from '../exec/executor';
import type { CommandProbe, Parsed } from './define';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';

/**
 * Strips ANSI escapes, C0/C1 controls (keeps \n and \t) and bidi overrides: remote output
 * is untrusted. The one sanitizer is `stripControls` in shared/text.
 */
export function sanitizeOutput(s: string): string {
  return stripControls(s);
}

/** Turns a parser result into evidence. */
export function toEvidence<T>(
  probe: CommandProbe<unknown, T>['id'],
  vantage: Vantage,
  command: readonly string[],
  parsed: Parsed<T>,
  ms: number,
  raw?: string,
): Evidence {
  const capped = raw !== undefined && raw.length > RAW_CAP ? raw.slice(0, RAW_CAP) : raw;
  if (parsed.status === 'inconclusive') {
    return inconclusiveEvidence(probe, vantage, command, parsed.reason, {
      ms,
      data: parsed.data,
      ...(parsed.summary !== undefined ? { summary: parsed.summary } : {}),
      ...(capped !== undefined ? { raw: capped } : {}),
    });
  }
  const base = {
    probe,
    vantage,
    command: [...command],
    ms,
    ...(capped !== undefined ? { raw: capped } : {}),
  };
  return {
    ...base,
    ok: parsed.status === 'pass',
    status: parsed.status,
    summary: parsed.summary,
    data: parsed.data,
  };
}

/** A human reason for a command that could not run. */
export function execFailureReason(r: ExecResult): string | null {
  if (!r.error) return null;
  const cmd = r.argv[0] ?? '';
  switch (r.error.code) {
    case 'not-installed':
      return `${cmd} is not installed`;
    case 'permission-denied':
      return `permission denied running ${cmd} (needs root or sudo)`;
    case 'sudo-password-required':
      return `sudo needs a password to run ${cmd}`;
    case 'timeout':
      return `${cmd} timed out`;
    case 'aborted':
      return `${cmd} was cancelled`;
    default:
      return r.error.message;
  }
}

/**
 * Runs a command probe on an executor: tries each alternative command until one is
 * installed, hands its output to the pure parser and wraps the result as evidence.
 */
export async function runCommandProbe<I, T>(
  probe: CommandProbe<I, T>,
  input: I,
  executor: Executor,
  vantage: Vantage,
  opts: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<Evidence> {
  const started = Date.now();
  const alternatives = probe.commands(input);
  let last: ExecResult | null = null;
  for (const argv of alternatives) {
    const r = await executor.run({
      argv,
      privileged: probe.privileged,
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
    });
    last = r;
    if (r.error?.code === 'not-installed') continue;
    const failure = execFailureReason(r);
    const stdout = sanitizeOutput(r.stdout);
    const stderr = sanitizeOutput(r.stderr);
    if (failure && r.error?.code !== 'failed') {
      return toEvidence(
        probe.id,
        vantage,
        argv,
        { status: 'inconclusive', reason: failure },
        Date.now() - started,
        stdout + stderr,
      );
    }
    const parsed = probe.parse({ stdout, stderr, exitCode: r.exitCode }, input);
    return toEvidence(probe.id, vantage, argv, parsed, Date.now() - started, stdout + stderr);
  }
  const names = alternatives.map((a) => a[0]).join(', ');
  return inconclusiveEvidence(
    probe.id,
    vantage,
    last?.argv ?? alternatives[0] ?? [],
    `none of ${names} is installed on ${executor.label}`,
    { ms: Date.now() - started },
  );
}
