import type { Fix } from '../../../shared/fix-plan';
import { argvToText } from '../../../shared/argv-text';
import type { ExecResult, Executor } from '../exec/executor';
import { quoteArgv } from '../exec/ssh-quote';

/**
 * Applies a fix plan the engine proposed (never argv from a caller): runs its commands in
 * order, elevated by the executor (`sudo -n`, or `sudo -S` with the password the engine
 * holds), stops at the first failure and undoes what already ran. A service that fails to
 * start shows its journal lines instead of being retried. Firewall and network changes
 * over SSH run under a dead-man switch (see {@link scheduleRollback}).
 */

/** What applying (or undoing) reports. */
export interface ApplyResult {
  applied: boolean;
  message?: string;
  /** sudo asked for a password before anything changed: give it (`privilege.password`) and retry. */
  needsPassword?: boolean;
}

/** A command longer than this is cut off (a fix never needs longer). */
const COMMAND_TIMEOUT_MS = 60_000;

function failure(r: ExecResult): string | null {
  if (r.error) return r.error.message;
  if (r.exitCode !== 0) {
    const err = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' ');
    return `exit ${r.exitCode ?? '?'}${err ? `: ${err}` : ''}`;
  }
  return null;
}

async function run(
  executor: Executor,
  argv: readonly string[],
  privileged: boolean,
  signal: AbortSignal,
): Promise<ExecResult> {
  return executor.run({ argv, privileged, timeoutMs: COMMAND_TIMEOUT_MS, signal });
}

/** The journal lines of a unit that failed to start (systemd), for the message. */
async function journalOf(executor: Executor, fix: Fix, signal: AbortSignal): Promise<string> {
  const p = fix.plan;
  if (
    (p.kind !== 'service.start' && p.kind !== 'service.enable' && p.kind !== 'service.restart') ||
    p.manager !== 'systemd'
  ) {
    return '';
  }
  const r = await run(
    executor,
    ['journalctl', '-u', p.unit, '-n', '10', '--no-pager', '-o', 'cat'],
    true,
    signal,
  );
  const lines = r.stdout.trim();
  return lines ? `\n${p.unit} says:\n${lines}` : '';
}

/** Applies a fix (`apply`) or reverts it (`undo`). */
export async function applyFix(
  fix: Fix,
  direction: 'apply' | 'undo',
  executor: Executor,
  signal: AbortSignal,
): Promise<ApplyResult> {
  const commands = direction === 'apply' ? fix.commands : fix.undo;
  if (commands.length === 0) {
    return direction === 'undo'
      ? { applied: false, message: `${fix.id} cannot be undone (nothing to revert)` }
      : { applied: false, message: `${fix.id} has no command to run` };
  }
  let ran = 0;
  for (const argv of commands) {
    const r = await run(executor, argv, fix.privileged, signal);
    const why = failure(r);
    if (why !== null && ran === 0 && r.error?.code === 'sudo-password-required') {
      return { applied: false, message: `${argvToText(argv)} failed: ${why}`, needsPassword: true };
    }
    if (why !== null) {
      let message = `${argvToText(argv)} failed: ${why}`;
      if (direction === 'apply') {
        message += await journalOf(executor, fix, signal);
        // Part of the fix ran: put things back as they were.
        if (ran > 0) {
          const back = await applyFix(fix, 'undo', executor, signal);
          message += back.applied ? ' (what ran was undone)' : ` (undo failed: ${back.message})`;
        }
      }
      return { applied: false, message };
    }
    ran++;
  }
  if (direction === 'apply') {
    const down = await unitFailed(executor, fix, signal);
    if (down !== null) {
      const back = await applyFix(fix, 'undo', executor, signal);
      return {
        applied: false,
        message: `${down}${await journalOf(executor, fix, signal)}${back.applied ? '' : ` (undo failed: ${back.message})`}`,
      };
    }
  }
  return { applied: true };
}

/**
 * After starting a systemd unit: is it still running? `systemctl start` of a simple unit
 * succeeds even when its program exits at once; a unit that failed is reported with its
 * journal instead of being retried. Null when it runs (or it is not a systemd start).
 */
async function unitFailed(
  executor: Executor,
  fix: Fix,
  signal: AbortSignal,
): Promise<string | null> {
  const p = fix.plan;
  if (
    (p.kind !== 'service.start' && p.kind !== 'service.enable' && p.kind !== 'service.restart') ||
    p.manager !== 'systemd'
  ) {
    return null;
  }
  let state = '';
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 500));
    if (signal.aborted) return null;
    const r = await run(executor, ['systemctl', 'is-active', p.unit], false, signal);
    state = r.stdout.trim();
    if (state === 'failed' || state === 'inactive') break;
    if (state === 'active' && i >= 1) return null;
  }
  return state === 'active' || state === 'activating' || state === 'reloading'
    ? null
    : `${p.unit} did not stay running after it was started (${state || 'unknown state'})`;
}

/** Fix kinds that could cut the path an SSH session uses: guarded by the dead-man switch. */
export function needsDeadMan(fix: Fix): boolean {
  return !fix.kind.startsWith('service.') && fix.kind !== 'config.edit';
}

/** A scheduled rollback on the server, cancelled once the change is verified. */
export interface ScheduledRollback {
  /** Stops the scheduled rollback (the change stays). */
  cancel(): Promise<boolean>;
  /** How it was scheduled. */
  via: 'systemd-run' | 'sleep';
  /** Seconds from scheduling until the rollback runs. */
  afterS: number;
}

/** Why no rollback could be scheduled (so the change is not made). */
export interface RollbackRefusal {
  refused: string;
  /** sudo asked for a password: give it (`privilege.password`) and apply again. */
  needsPassword: boolean;
}

/**
 * The dead-man switch (DESIGN §4): schedules the fix's undo on the server to run after
 * `afterS` seconds unless cancelled — `systemd-run --on-active` where systemd runs, else
 * a detached `sleep; undo`. Scheduled before the change, so a change that cuts the SSH
 * session is rolled back by the server itself.
 */
export async function scheduleRollback(
  fix: Fix,
  executor: Executor,
  afterS: number,
  name: string,
  signal: AbortSignal,
): Promise<ScheduledRollback | RollbackRefusal> {
  if (fix.undo.length === 0) {
    return { refused: `${fix.id} has no undo to schedule`, needsPassword: false };
  }
  const script = fix.undo.map((a) => quoteArgv(a)).join('; ');
  const unit = `conndoctor-rollback-${name}`;
  const viaSystemd = await run(
    executor,
    [
      'systemd-run',
      `--unit=${unit}`,
      `--on-active=${afterS}`,
      '--timer-property=AccuracySec=1s',
      '--description=ConnDoctor rollback of an unverified change',
      '/bin/sh',
      '-c',
      script,
    ],
    true,
    signal,
  );
  if (viaSystemd.error?.code === 'sudo-password-required') {
    return { refused: viaSystemd.error.message, needsPassword: true };
  }
  if (failure(viaSystemd) === null) {
    return {
      via: 'systemd-run',
      afterS,
      cancel: async () => {
        const r = await run(executor, ['systemctl', 'stop', `${unit}.timer`], true, signal);
        return failure(r) === null;
      },
    };
  }
  // No systemd: a detached sleep that runs the undo, its pid written first.
  const detached = await run(
    executor,
    [
      'setsid',
      '-f',
      '/bin/sh',
      '-c',
      `echo $$ > /run/${unit}.pid; exec >/dev/null 2>&1 </dev/null; sleep ${afterS}; ${script}; rm -f /run/${unit}.pid`,
    ],
    true,
    signal,
  );
  const why = failure(detached);
  if (why !== null) {
    return {
      refused: `cannot schedule the rollback: ${why}`,
      needsPassword: detached.error?.code === 'sudo-password-required',
    };
  }
  return {
    via: 'sleep',
    afterS,
    cancel: async () => {
      const r = await run(
        executor,
        ['/bin/sh', '-c', `kill "$(cat /run/${unit}.pid)" && rm -f /run/${unit}.pid`],
        true,
        signal,
      );
      return failure(r) === null;
    },
  };
}
