import type { ServiceData } from '../../../shared/probe-data';
import type { RawOutput } from './define';
import { msg, type Message } from '../../../shared/i18n/message';
import { english } from '../../../shared/i18n/translate';

/**
 * Pure parsers for the service probe: systemd (`systemctl show`, `journalctl`, cgroup
 * files), SysV `service NAME status`, runit `sv status`, supervisor `supervisorctl status`,
 * and `pgrep -a`. Each returns what it could read, or why it could not.
 */

/** The properties the probe asks `systemctl show` for. */
export const SYSTEMCTL_PROPS =
  'Id,LoadState,ActiveState,SubState,MainPID,ExecMainStatus,Result,ControlGroup';

/** What systemd said about one unit. */
export interface SystemdUnit {
  id: string;
  loadState: string;
  state: ServiceData['state'];
  activeState: string;
  subState: string;
  mainPid: number | null;
  execMainStatus: number | null;
  result: string;
  controlGroup: string | null;
}

/** systemctl's words for "there is no systemd to ask here" (containers, WSL1, SysV hosts). */
const NO_SYSTEMD_RE =
  /has not been booted with systemd|Failed to connect to bus|System has not been booted|Host is down|Launch helper exited/i;

/** Maps systemd's ActiveState to the probe's state vocabulary. */
export function systemdState(loadState: string, activeState: string): ServiceData['state'] {
  if (loadState === 'not-found') return 'not-found';
  switch (activeState) {
    case 'active':
    case 'reloading':
      return 'active';
    case 'failed':
      return 'failed';
    case 'activating':
      return 'activating';
    case 'inactive':
    case 'deactivating':
      return 'inactive';
    default:
      return 'unknown';
  }
}

/**
 * Parses `systemctl show UNIT -p … --no-pager`. `no-systemd` when systemd is not the
 * init system here — that is "unknown", never "inactive".
 */
export function parseSystemctlShow(
  out: RawOutput,
):
  | { kind: 'unit'; unit: SystemdUnit }
  | { kind: 'no-systemd'; reason: string }
  | { kind: 'error'; reason: string; message: Message } {
  const err = out.stderr.trim();
  // Pasted output (manual mode) arrives as stdout: look for systemctl's complaint in both.
  const complaint = NO_SYSTEMD_RE.test(err)
    ? err
    : NO_SYSTEMD_RE.test(out.stdout)
      ? out.stdout.trim()
      : null;
  if (complaint !== null) {
    return { kind: 'no-systemd', reason: complaint.split('\n')[0] ?? complaint };
  }
  const props: Record<string, string> = {};
  for (const line of out.stdout.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) props[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  const loadState = props.LoadState;
  const activeState = props.ActiveState;
  if (out.exitCode !== 0 || loadState === undefined || activeState === undefined) {
    const first = err.split('\n')[0] ?? '';
    const message = err
      ? msg('evidence.service.showNoStateWhy', { error: first })
      : msg('evidence.service.showNoState');
    return { kind: 'error', reason: english(message), message };
  }
  const num = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : null);
  const mainPid = num(props.MainPID);
  return {
    kind: 'unit',
    unit: {
      id: props.Id ?? '',
      loadState,
      state: systemdState(loadState, activeState),
      activeState,
      subState: props.SubState ?? '',
      mainPid: mainPid === 0 ? null : mainPid,
      execMainStatus: num(props.ExecMainStatus),
      result: props.Result ?? '',
      controlGroup: props.ControlGroup ? props.ControlGroup : null,
    },
  };
}

/** Journal lines from `journalctl -u UNIT -n N --no-pager` (its own "-- … --" notes dropped). */
export function parseJournal(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '' && !/^-- .* --$/.test(l));
}

/** Pids from a `cgroup.procs` file. */
export function parseCgroupProcs(stdout: string): number[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^\d+$/.test(l))
    .map(Number);
}

/** A cgroup path systemd reported, safe to put into a file path (no `..`, no odd characters). */
export function isSafeCgroupPath(p: string): boolean {
  return /^\/[A-Za-z0-9_.@:\\/-]*$/.test(p) && !p.split('/').includes('..');
}

/**
 * The systemd unit a process belongs to, from `/proc/PID/cgroup` (v2 `0::` line, or the
 * v1 `name=systemd` line): the last `.service` (or `.scope`) path element, or null.
 */
export function unitFromProcCgroup(stdout: string): string | null {
  const lines = stdout.split('\n');
  const pick =
    lines.find((l) => l.startsWith('0::')) ?? lines.find((l) => l.includes(':name=systemd:'));
  if (!pick) return null;
  const path = pick.slice(pick.indexOf(':', pick.indexOf(':') + 1) + 1);
  const parts = path.split('/').filter(Boolean);
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i] ?? '';
    if (p.endsWith('.service') || p.endsWith('.scope')) return p;
  }
  return null;
}

/** What a non-systemd manager said. `unknown-name` = this manager does not know the service. */
export type ManagerAnswer =
  | { kind: 'state'; state: ServiceData['state']; pids: number[]; detail: string }
  | { kind: 'unknown-name'; detail: string }
  | { kind: 'unavailable'; detail: string };

/** `service NAME status` (SysV/LSB): exit 0 running, 3 stopped, 4 / "unrecognized" unknown name. */
export function parseSysvStatus(out: RawOutput): ManagerAnswer {
  const text = (out.stdout + '\n' + out.stderr).trim();
  const detail = text.split('\n')[0] ?? '';
  if (/unrecognized service|No such file or directory|not found/i.test(text))
    return { kind: 'unknown-name', detail };
  if (NO_SYSTEMD_RE.test(text)) return { kind: 'unavailable', detail };
  // No words at all is no answer (an empty paste carries exit 0): the other managers are asked.
  if (text === '') return { kind: 'unavailable', detail };
  if (out.exitCode === 0) return { kind: 'state', state: 'active', pids: [], detail };
  if (out.exitCode === 3 || /is not running|stopped|dead/i.test(text))
    return { kind: 'state', state: 'inactive', pids: [], detail };
  if (out.exitCode === 1 || out.exitCode === 2)
    return { kind: 'state', state: 'failed', pids: [], detail };
  if (out.exitCode === 4) return { kind: 'unknown-name', detail };
  return { kind: 'state', state: 'unknown', pids: [], detail };
}

/** `sv status NAME` (runit): `run: NAME: (pid N) 5s`, `down: NAME: 7s, normally up`, `fail: …`. */
export function parseSvStatus(out: RawOutput): ManagerAnswer {
  const text = (out.stdout + '\n' + out.stderr).trim();
  const detail = text.split('\n')[0] ?? '';
  if (/^fail: .*(does not exist|unable to change to service directory)/m.test(text))
    return { kind: 'unknown-name', detail };
  if (/^warning: .*supervise\/ok/m.test(text) || /runsv not running/.test(text))
    return { kind: 'unavailable', detail };
  const run = /^run: [^:]+: \(pid (\d+)\)/m.exec(text);
  if (run) return { kind: 'state', state: 'active', pids: [Number(run[1])], detail };
  if (/^down: /m.test(text)) return { kind: 'state', state: 'inactive', pids: [], detail };
  if (/^finish: /m.test(text)) return { kind: 'state', state: 'activating', pids: [], detail };
  return { kind: 'unavailable', detail: detail || 'unrecognised sv output' };
}

/** `supervisorctl status NAME`: `NAME  RUNNING  pid 123, uptime 0:01:02`, STOPPED, FATAL… */
export function parseSupervisorStatus(out: RawOutput): ManagerAnswer {
  const text = (out.stdout + '\n' + out.stderr).trim();
  const detail = text.split('\n')[0] ?? '';
  if (/ERROR \(no such process\)|no such process/i.test(text))
    return { kind: 'unknown-name', detail };
  if (/refused connection|no such file|SHUTDOWN_STATE|unix:\/\/.*sock/i.test(text))
    return { kind: 'unavailable', detail };
  const m = /^\S+\s+(RUNNING|STARTING|BACKOFF|STOPPING|STOPPED|EXITED|FATAL|UNKNOWN)\b(.*)$/m.exec(
    text,
  );
  if (!m) return { kind: 'unavailable', detail: detail || 'unrecognised supervisorctl output' };
  const pid = /pid (\d+)/.exec(m[2] ?? '');
  const state: Record<string, ServiceData['state']> = {
    RUNNING: 'active',
    STARTING: 'activating',
    BACKOFF: 'activating',
    STOPPING: 'inactive',
    STOPPED: 'inactive',
    EXITED: 'failed',
    FATAL: 'failed',
    UNKNOWN: 'unknown',
  };
  return {
    kind: 'state',
    state: state[m[1] ?? 'UNKNOWN'] ?? 'unknown',
    pids: pid ? [Number(pid[1])] : [],
    detail,
  };
}

/** `pgrep -a -x NAME`: `PID command line` per process; exit 1 = none. */
export function parsePgrep(out: RawOutput): { pids: number[]; lines: string[] } | null {
  if (out.exitCode !== 0 && out.exitCode !== 1) return null;
  const lines = out.stdout.split('\n').filter((l) => /^\d+\s/.test(l));
  return { pids: lines.map((l) => Number(l.split(/\s/)[0])), lines };
}
