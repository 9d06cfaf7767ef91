import { parseHost, parseHostPort, parsePort, isValidUnit, type Target } from '../../shared/target';
import { msg } from '../../shared/i18n/message';
import { usageError } from './cli-error';

/** Options shared by `diagnose`, `probe` and `undo` (as commander hands them over). */
export interface AccessOptions {
  ssh?: string;
  identity?: string;
  knownHosts?: string;
  acceptNew?: boolean;
  timeout?: string;
  json?: boolean;
  service?: string;
}

/** Parses HOST:PORT or fails with exit 2. */
export function targetArg(text: string | undefined, command: string): Target {
  if (text === undefined) throw usageError(msg('error.target.missing'), command);
  const r = parseHostPort(text);
  if (!r.ok) throw usageError(r.message, command);
  return r.value;
}

/** Parses a bare HOST (brackets allowed for IPv6) or fails with exit 2. */
export function hostArg(text: string, command: string): string {
  const r = parseHost(text);
  if (!r.ok) throw usageError(r.message, command);
  return r.value;
}

/** `--timeout MS`: integer milliseconds the engine accepts (50..120000); default 3000. */
export function timeoutOpt(text: string | undefined, command: string): number {
  if (text === undefined) return 3000;
  if (!/^\d{1,6}$/.test(text.trim()))
    throw usageError(msg('cli.error.timeoutInvalid', { value: text }), command);
  const n = Number(text.trim());
  if (n < 50 || n > 120_000) throw usageError(msg('cli.error.timeoutRange', { value: n }), command);
  return n;
}

/** `--service NAME`, validated before it can reach a command line. */
export function serviceOpt(text: string | undefined, command: string): string | undefined {
  if (text === undefined) return undefined;
  if (!isValidUnit(text))
    throw usageError(msg('cli.error.serviceInvalid', { value: text }), command);
  return text;
}

/** `--ports` as a range (`1-1024`, `80`) or a list (`22,80,443`). */
export type PortsSpec = { from: number; to: number } | { list: number[] };

/** Parses `--ports` or fails with exit 2. */
export function portsOpt(text: string, command: string): PortsSpec {
  const bad = () => usageError(msg('cli.error.portsInvalid', { value: text }), command);
  const s = text.trim();
  const range = /^(\d+)-(\d+)$/.exec(s);
  if (range) {
    const from = parsePort(range[1] ?? '');
    const to = parsePort(range[2] ?? '');
    if (!from.ok || !to.ok || from.value > to.value) throw bad();
    return { from: from.value, to: to.value };
  }
  const parts = s.split(',');
  const list: number[] = [];
  for (const p of parts) {
    const r = parsePort(p);
    if (!r.ok) throw bad();
    list.push(r.value);
  }
  if (list.length === 1 && list[0] !== undefined) return { from: list[0], to: list[0] };
  return { list };
}

/**
 * `--ssh [USER@]HOST[:PORT]` checked before anything connects: `@`, `user@`, `host:99999`
 * and an empty value are bad input (exit 2), not a failed session (exit 3).
 */
export async function sshOpt(text: string | undefined, command: string): Promise<void> {
  if (text === undefined) return;
  if (text.trim() === '') throw usageError(msg('cli.error.sshEmpty'), command);
  // Loaded only with --ssh (it pulls the SSH config parser), like the rest of SSH support.
  const { parseDestination } = await import('../engine/exec/ssh-destination');
  const { SshError } = await import('../engine/exec/ssh-errors');
  try {
    parseDestination(text);
  } catch (e) {
    const inner = e instanceof SshError ? e.msg : undefined;
    const detail = e instanceof Error ? e.message : String(e);
    throw usageError(
      (t) => t(msg('cli.error.sshInvalid', { detail: inner ? t(inner) : detail })),
      command,
    );
  }
}
