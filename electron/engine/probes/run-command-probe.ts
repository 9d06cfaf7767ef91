import type { Evidence, Vantage } from '../../../shared/evidence';
import { RAW_CAP, stripControls } from '../../../shared/text';
import type { ExecResult, Executor } from '../exec/executor';
import { inconclusiveParse, type CommandProbe, type Parsed } from './define';
import { msg, type Message } from '../../../shared/i18n/message';
import { english } from '../../../shared/i18n/translate';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';

/**
 * Where a command ran, as message params: `{{host}}` is the executor's label and
 * `$t(evidence.host.{{hostKind}})` renders it ("this machine" in the user's language for
 * the local executor, the SSH destination as it is otherwise).
 */
export function hostParams(executor: Pick<Executor, 'kind' | 'label'>): {
  host: string;
  hostKind: 'local' | 'remote';
} {
  return { host: executor.label, hostKind: executor.kind === 'local' ? 'local' : 'remote' };
}

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
    return inconclusiveEvidence(probe, vantage, command, parsed.message ?? parsed.reason, {
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
    ...(parsed.message !== undefined ? { message: parsed.message } : {}),
    data: parsed.data,
  };
}

/** Why a command could not run, as a message (null when it ran). */
export function execFailureMessage(r: ExecResult): Message | null {
  if (!r.error) return null;
  const command = r.argv[0] ?? '';
  switch (r.error.code) {
    case 'not-installed':
      return msg('evidence.exec.notInstalled', { command });
    case 'permission-denied':
      return msg('evidence.exec.permissionDenied', { command });
    case 'sudo-password-required':
      return msg('evidence.exec.sudoPassword', { command });
    case 'timeout':
      return msg('evidence.exec.timeout', { command });
    case 'aborted':
      return msg('evidence.exec.aborted', { command });
    default:
      return msg('evidence.exec.error', { error: r.error.message });
  }
}

/** A human reason for a command that could not run (English, see {@link execFailureMessage}). */
export function execFailureReason(r: ExecResult): string | null {
  const m = execFailureMessage(r);
  return m && english(m);
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
    const failure = execFailureMessage(r);
    const stdout = sanitizeOutput(r.stdout);
    const stderr = sanitizeOutput(r.stderr);
    if (failure && r.error?.code !== 'failed') {
      return toEvidence(
        probe.id,
        vantage,
        argv,
        inconclusiveParse(failure),
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
    msg('evidence.exec.noneInstalled', { commands: names, ...hostParams(executor) }),
    { ms: Date.now() - started },
  );
}
