import { createHash } from 'node:crypto';
import { configBackupPath, dropInTextOf, type Fix } from '../../../shared/fix-plan';
import { applyDiff } from '../../../shared/config-diff';
import { argvToText } from '../../../shared/argv-text';
import type { ExecResult, Executor } from '../exec/executor';
import { quoteArgv } from '../exec/ssh-quote';
import { environmentValue } from '../../../shared/unit-dropin';
import { parseExecStart } from '../probes/config-parse';

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

/** The systemd unit a fix starts or restarts, if any. */
function systemdUnitOf(fix: Fix): string | null {
  const p = fix.plan;
  if (p.kind === 'config.edit') return p.restart;
  if (p.kind === 'unit.drop-in') return p.unit;
  if (
    (p.kind === 'service.start' || p.kind === 'service.enable' || p.kind === 'service.restart') &&
    p.manager === 'systemd'
  ) {
    return p.unit;
  }
  return null;
}

/** The journal lines of a unit that failed to start (systemd), for the message. */
async function journalOf(executor: Executor, fix: Fix, signal: AbortSignal): Promise<string> {
  const unit = systemdUnitOf(fix);
  if (unit === null) return '';
  const r = await run(
    executor,
    ['journalctl', '-u', unit, '-n', '10', '--no-pager', '-o', 'cat'],
    true,
    signal,
  );
  const lines = r.stdout.trim();
  return lines ? `\n${unit} says:\n${lines}` : '';
}

/** Applies a fix (`apply`) or reverts it (`undo`). */
export async function applyFix(
  fix: Fix,
  direction: 'apply' | 'undo',
  executor: Executor,
  signal: AbortSignal,
): Promise<ApplyResult> {
  if (direction === 'apply' && fix.plan.kind === 'config.edit') {
    return applyConfigEdit(fix, fix.plan, executor, signal);
  }
  if (direction === 'apply' && fix.plan.kind === 'unit.drop-in') {
    return applyDropIn(fix, fix.plan, executor, signal);
  }
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

type ConfigEdit = Extract<Fix['plan'], { kind: 'config.edit' }>;

/** Writes `text` to `path` as root (`tee`, the text on stdin); why it failed, or null. */
async function writeAsRoot(
  executor: Executor,
  path: string,
  text: string,
  signal: AbortSignal,
): Promise<string | null> {
  const write = await executor.run({
    argv: ['tee', '--', path],
    privileged: true,
    stdin: text,
    timeoutMs: COMMAND_TIMEOUT_MS,
    signal,
  });
  return failure(write);
}

/**
 * What a check read back, to compare with the plan's `expect`: for `--name=value` the last
 * output line setting that option (`-` and `_` alike), else the last line of the output.
 */
export function readBack(stdout: string, expect: string | null): string {
  const lines = stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const key = expect !== null ? /^(--[^=]+)=/.exec(expect)?.[1] : undefined;
  if (key === undefined) return lines.at(-1) ?? '';
  const norm = (k: string) => k.toLowerCase().replaceAll('_', '-');
  return (
    lines
      .filter((l) => {
        const k = /^(--[^=]+)=/.exec(l)?.[1];
        return k !== undefined && norm(k) === norm(key);
      })
      .at(-1) ?? ''
  );
}

/**
 * Applies a `config.edit` plan exactly as approved: reads the file again and refuses if its
 * SHA-256 is not the one the diff was made from; applies the diff (every context line must
 * match); keeps a backup; writes the edited text; runs the program's own check; restarts
 * the unit (a reload does not move a listener) and makes sure it stays running. A failed
 * check or restart puts the backup back (and restarts on it): nothing is left half done.
 */
async function applyConfigEdit(
  fix: Fix,
  plan: ConfigEdit,
  executor: Executor,
  signal: AbortSignal,
): Promise<ApplyResult> {
  const read = await run(executor, ['cat', '--', plan.path], true, signal);
  const readWhy = failure(read);
  if (readWhy !== null) return { applied: false, message: `cannot read ${plan.path}: ${readWhy}` };
  const now = createHash('sha256').update(read.stdout, 'utf8').digest('hex');
  if (read.truncated || now !== plan.sha256) {
    return {
      applied: false,
      message: `${plan.path} changed since it was read (SHA-256 ${now.slice(0, 12)}…, the diff was made from ${plan.sha256.slice(0, 12)}…): nothing was written; diagnose again`,
    };
  }
  const edited = applyDiff(read.stdout, plan.diff);
  if ('error' in edited) {
    return { applied: false, message: `the diff does not apply to ${plan.path}: ${edited.error}` };
  }
  const backup = configBackupPath(plan.path, plan.sha256);
  const restart = ['systemctl', 'restart', plan.restart];
  const steps: { argv: string[]; stdin?: string }[] = [
    { argv: ['mkdir', '-p', '-m', '0700', backup.slice(0, backup.lastIndexOf('/'))] },
    { argv: ['cp', '-p', '--', plan.path, backup] },
  ];
  for (const step of steps) {
    const why = failure(await run(executor, step.argv, true, signal));
    if (why !== null) {
      return {
        applied: false,
        message: `${argvToText(step.argv)} failed: ${why}; nothing was written`,
      };
    }
  }
  const restore = async (andRestart: boolean): Promise<string> => {
    const back = await run(executor, ['cp', '--', backup, plan.path], true, signal);
    const why = failure(back);
    if (why !== null) return ` (restoring ${plan.path} from ${backup} failed: ${why})`;
    if (!andRestart) return ` (${plan.path} was put back as it was)`;
    const again = failure(await run(executor, restart, true, signal));
    return again === null
      ? ` (${plan.path} was put back as it was and ${plan.restart} restarted)`
      : ` (${plan.path} was put back; restarting ${plan.restart} failed: ${again})`;
  };
  const writeWhy = await writeAsRoot(executor, plan.path, edited.text, signal);
  if (writeWhy !== null) {
    return {
      applied: false,
      message: `writing ${plan.path} failed: ${writeWhy}${await restore(false)}`,
    };
  }
  if (plan.check) {
    const check = await run(executor, plan.check, true, signal);
    if (failure(check) !== null) {
      const said = (check.stderr.trim() || check.stdout.trim()).split('\n').slice(-3).join('\n');
      return {
        applied: false,
        message: `${argvToText(plan.check)} rejects the edited configuration, nothing was restarted:\n${said}${await restore(false)}`,
      };
    }
    const got = readBack(check.stdout, plan.expect ?? null);
    if (plan.expect != null && got !== plan.expect) {
      return {
        applied: false,
        message: `${argvToText(plan.check)} reads ${JSON.stringify(got.slice(0, 200))} back, not ${JSON.stringify(plan.expect)} (another setting wins over the edited line), nothing was restarted${await restore(false)}`,
      };
    }
  }
  return restartOrUndo(executor, fix, restart, restore, signal);
}

/**
 * The last step of a file change: restart the unit (a reload does not move a listener) and
 * check it stays up; if not, its journal and `undo(true)` (put the file back, restart).
 */
async function restartOrUndo(
  executor: Executor,
  fix: Fix,
  restart: string[],
  undo: (restartAfter: boolean) => Promise<string>,
  signal: AbortSignal,
): Promise<ApplyResult> {
  const restarted = failure(await run(executor, restart, true, signal));
  const down =
    restarted !== null
      ? `${argvToText(restart)} failed: ${restarted}`
      : await unitFailed(executor, fix, signal);
  if (down !== null) {
    return {
      applied: false,
      message: `${down}${await journalOf(executor, fix, signal)}${await undo(true)}`,
    };
  }
  return { applied: true };
}

type DropIn = Extract<Fix['plan'], { kind: 'unit.drop-in' }>;

/**
 * After daemon-reload: does systemd read the drop-in's command line (or variable) back as
 * the unit's own? Null when it does, else what it reads instead.
 */
async function dropInWins(
  executor: Executor,
  plan: DropIn,
  signal: AbortSignal,
): Promise<string | null> {
  if (plan.environment) {
    const { name, value } = plan.environment;
    const show = await run(
      executor,
      ['systemctl', 'show', '-p', 'Environment', plan.unit],
      true,
      signal,
    );
    const got = environmentValue(show.stdout, name);
    return got === value
      ? null
      : `systemd reads ${plan.unit}'s ${name} back as ${JSON.stringify((got ?? '').slice(0, 300))}, not the drop-in's`;
  }
  const show = await run(
    executor,
    ['systemctl', 'show', '-p', 'ExecStart', plan.unit],
    true,
    signal,
  );
  const got = parseExecStart(show.stdout);
  return got !== null && got.join(' ') === (plan.execStart ?? []).join(' ')
    ? null
    : `systemd reads ${plan.unit}'s command line back as ${JSON.stringify((got ?? []).join(' ').slice(0, 300))}, not the drop-in's`;
}

/**
 * Applies a `unit.drop-in` plan exactly as approved: refuses if the drop-in already exists
 * (the plan was made from its absence); writes the text the diff adds; reloads systemd and
 * makes sure it reads the new command line back as the unit's `ExecStart` (a later drop-in
 * would win); restarts the unit and makes sure it stays running. A failed step removes the
 * drop-in again (and restarts on the old command line): nothing is left half done.
 */
async function applyDropIn(
  fix: Fix,
  plan: DropIn,
  executor: Executor,
  signal: AbortSignal,
): Promise<ApplyResult> {
  const exists = await run(executor, ['test', '-e', plan.path], true, signal);
  if (exists.error) {
    return {
      applied: false,
      message: `cannot check ${plan.path}: ${exists.error.message}`,
      ...(exists.error.code === 'sudo-password-required' ? { needsPassword: true } : {}),
    };
  }
  if (exists.exitCode === 0) {
    return {
      applied: false,
      message: `${plan.path} exists already (it did not when the fix was proposed): nothing was written; diagnose again`,
    };
  }
  const dir = plan.path.slice(0, plan.path.lastIndexOf('/'));
  const reload = ['systemctl', 'daemon-reload'];
  const restart = ['systemctl', 'restart', plan.unit];
  const remove = async (andRestart: boolean): Promise<string> => {
    const why =
      failure(await run(executor, ['rm', '-f', '--', plan.path], true, signal)) ??
      failure(await run(executor, reload, true, signal));
    if (why !== null) return ` (removing ${plan.path} failed: ${why})`;
    if (!andRestart) return ` (${plan.path} was removed again)`;
    const again = failure(await run(executor, restart, true, signal));
    return again === null
      ? ` (${plan.path} was removed again and ${plan.unit} restarted)`
      : ` (${plan.path} was removed again; restarting ${plan.unit} failed: ${again})`;
  };
  const mkdir = ['mkdir', '-p', '--', dir];
  const made = failure(await run(executor, mkdir, true, signal));
  if (made !== null) {
    return { applied: false, message: `${argvToText(mkdir)} failed: ${made}; nothing was written` };
  }
  const writeWhy = await writeAsRoot(executor, plan.path, dropInTextOf(plan), signal);
  if (writeWhy !== null) {
    return {
      applied: false,
      message: `writing ${plan.path} failed: ${writeWhy}${await remove(false)}`,
    };
  }
  const reloaded = failure(await run(executor, reload, true, signal));
  if (reloaded !== null) {
    return {
      applied: false,
      message: `systemctl daemon-reload failed: ${reloaded}${await remove(false)}`,
    };
  }
  const wins = await dropInWins(executor, plan, signal);
  if (wins !== null) {
    return {
      applied: false,
      message: `${wins} (another drop-in wins), nothing was restarted${await remove(false)}`,
    };
  }
  return restartOrUndo(executor, fix, restart, remove, signal);
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
  const unit = systemdUnitOf(fix);
  if (unit === null) return null;
  let state = '';
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 500));
    if (signal.aborted) return null;
    const r = await run(executor, ['systemctl', 'is-active', unit], false, signal);
    state = r.stdout.trim();
    if (state === 'failed' || state === 'inactive') break;
    if (state === 'active' && i >= 1) return null;
  }
  return state === 'active' || state === 'activating' || state === 'reloading'
    ? null
    : `${unit} did not stay running after it was started (${state || 'unknown state'})`;
}

/**
 * Fixes that could cut the path an SSH session uses, or sshd itself: guarded by the dead-man
 * switch.
 */
export function needsDeadMan(fix: Fix): boolean {
  // sshd's own configuration decides whether the next SSH session gets in (DESIGN §2).
  if (fix.plan.kind === 'config.edit' || fix.plan.kind === 'unit.drop-in')
    return fix.plan.program === 'sshd';
  return !fix.kind.startsWith('service.');
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
