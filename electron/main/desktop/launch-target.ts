import { parseHostPort, type Target } from '../../../shared/target';
import { parseDestination } from '../../engine/exec/ssh-destination';

/**
 * `ConnDoctor --target HOST:PORT [--ssh DEST]`: what a launch (or a second launch, handed
 * over by the single-instance lock) asks the window to prefill. It only prefills the
 * wizard: nothing is diagnosed or fixed until the user presses Diagnose. Pure (no
 * electron import), so it is tested in Node.
 */
export interface LaunchTarget {
  target: Target;
  /** `[user@]host[:port]`, validated like `diagnose --ssh`; null without one. */
  ssh: string | null;
}

/** Why the arguments asked for nothing (shown on stderr; the app still opens). */
export type LaunchParse = { ok: true; value: LaunchTarget | null } | { ok: false; error: string };

function optionValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === name) value = argv[i + 1];
    else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
  }
  return value;
}

/**
 * Reads `--target` and `--ssh` (either `--opt value` or `--opt=value`; the last one wins)
 * from a full command line: the executable, Chromium switches and the app path may be
 * anywhere in it. No `--target` → nothing to prefill; `--ssh` alone is refused.
 */
export function parseLaunchArgs(argv: readonly string[]): LaunchParse {
  const rawTarget = optionValue(argv, '--target');
  const rawSsh = optionValue(argv, '--ssh');
  if (rawTarget === undefined) {
    return rawSsh === undefined
      ? { ok: true, value: null }
      : { ok: false, error: '--ssh needs --target HOST:PORT' };
  }
  const target = parseHostPort(rawTarget);
  if (!target.ok) return { ok: false, error: `--target: ${target.error}` };
  let ssh: string | null = null;
  if (rawSsh !== undefined) {
    try {
      parseDestination(rawSsh);
    } catch (e) {
      return { ok: false, error: `--ssh: ${e instanceof Error ? e.message : String(e)}` };
    }
    ssh = rawSsh.trim();
  }
  return { ok: true, value: { target: target.value, ssh } };
}

/**
 * The page query that prefills the form on the first launch (`?target=HOST:PORT&ssh=…`,
 * the same query browser mode understands); '' without a target.
 */
export function launchQuery(launch: LaunchTarget | null): string {
  if (launch === null) return '';
  const q = new URLSearchParams();
  const { host, port } = launch.target;
  q.set('target', host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
  if (launch.ssh !== null) q.set('ssh', launch.ssh);
  return `?${q.toString()}`;
}
