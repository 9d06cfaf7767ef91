import type { Evidence, Vantage } from '../../../shared/evidence';
import type { ServiceData } from '../../../shared/probe-data';
import { isValidUnit } from '../../../shared/target';
import type { ExecResult, Executor } from '../exec/executor';
import { inconclusiveParse, verdict, type Parsed, type RawOutput } from './define';
import { embedMessage, msg, type Message } from '../../../shared/i18n/message';
import { english } from '../../../shared/i18n/translate';
import { readListeners } from './listeners.probe';
import type { ProbeRunner } from './registry';
import { sanitizeOutput, toEvidence } from './run-command-probe';
import {
  isSafeCgroupPath,
  parseCgroupProcs,
  parseJournal,
  parsePgrep,
  parseSystemctlShow,
  unitFromProcCgroup,
  type SystemdUnit,
} from './service-parse';
import { otherManagerCommands, serviceVerdict, systemctlShowArgv } from './service-verdict';
import { argvToText } from '../../../shared/argv-text';

/** One command the probe ran, for the evidence's command and raw fields. */
interface Step {
  argv: readonly string[];
  out: RawOutput;
  missing: boolean;
}

class Session {
  readonly steps: Step[] = [];
  constructor(
    private readonly executor: Executor,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async run(argv: readonly string[], privileged: false | 'optional' = false): Promise<Step> {
    const r: ExecResult = await this.executor.run({
      argv,
      privileged,
      signal: this.signal,
      timeoutMs: 8000,
    });
    const step: Step = {
      argv,
      out: {
        stdout: sanitizeOutput(r.stdout),
        stderr: sanitizeOutput(r.stderr),
        exitCode: r.exitCode,
      },
      missing: r.error?.code === 'not-installed',
    };
    this.steps.push(step);
    return step;
  }

  raw(): string {
    return this.steps
      .map((s) => `$ ${argvToText(s.argv)}\n${s.out.stdout}${s.out.stderr}`)
      .join('\n')
      .slice(0, 64 * 1024);
  }
}

/** The cgroup.procs files a unit's control group may live in (v2, hybrid, v1). */
function cgroupProcsPaths(cg: string): string[] {
  return ['/sys/fs/cgroup', '/sys/fs/cgroup/unified', '/sys/fs/cgroup/systemd'].map(
    (root) => `${root}${cg}/cgroup.procs`,
  );
}

async function systemdPids(s: Session, unit: SystemdUnit): Promise<number[]> {
  if (unit.controlGroup && isSafeCgroupPath(unit.controlGroup)) {
    for (const path of cgroupProcsPaths(unit.controlGroup)) {
      const r = await s.run(['cat', path]);
      if (r.out.exitCode === 0) return parseCgroupProcs(r.out.stdout);
    }
  }
  return unit.mainPid !== null ? [unit.mainPid] : [];
}

/** Everything the probe learns about a named service, before ports are joined in. */
type Found = Omit<ServiceData, 'ports'> & {
  note?: string | Message;
  /** Why the state is unknown, as a message (`reason` is its English text). */
  reasonMessage?: Message;
};

async function describeByName(s: Session, name: string): Promise<Found> {
  const show = await s.run(systemctlShowArgv(name));
  // Why systemd cannot say: ours as a message, systemctl's own complaint as found.
  let noSystemd: Message | null = show.missing
    ? msg('evidence.exec.notInstalled', { command: 'systemctl' })
    : null;
  let notFoundInSystemd = false;
  if (!show.missing) {
    const p = parseSystemctlShow(show.out);
    if (p.kind === 'no-systemd') noSystemd = msg('evidence.text', { text: p.reason });
    else if (p.kind === 'error') noSystemd = p.message;
    else if (p.unit.state === 'not-found') notFoundInSystemd = true;
    else {
      const u = p.unit;
      const pids = u.state === 'active' || u.state === 'activating' ? await systemdPids(s, u) : [];
      let journal: string[] | undefined;
      if (u.state !== 'active') {
        const j = await s.run(
          ['journalctl', '-u', u.id || name, '-n', '50', '--no-pager'],
          'optional',
        );
        if (!j.missing && j.out.exitCode === 0) journal = parseJournal(j.out.stdout);
      }
      return {
        manager: 'systemd',
        name: u.id || name,
        state: u.state,
        subState: u.subState,
        mainPid: u.mainPid,
        pids,
        ...(journal ? { journal } : {}),
        ...(u.state === 'failed'
          ? {
              note:
                u.execMainStatus !== null
                  ? msg('evidence.service.noteResultExit', {
                      unitResult: u.result,
                      exitStatus: u.execMainStatus,
                    })
                  : msg('evidence.service.noteResult', { unitResult: u.result }),
            }
          : {}),
      };
    }
  }
  for (const c of otherManagerCommands(name)) {
    const r = await s.run(c.argv);
    if (r.missing) continue;
    const a = c.parse(r.out);
    if (a.kind === 'state') {
      return {
        manager: c.manager,
        name,
        state: a.state,
        pids: a.pids,
        mainPid: a.pids[0] ?? null,
        note: a.detail,
      };
    }
  }
  const pg = await s.run(['pgrep', '-a', '-x', name]);
  const procs = pg.missing ? null : parsePgrep(pg.out);
  if (procs && procs.pids.length > 0) {
    return {
      manager: 'process',
      name,
      state: 'active',
      pids: procs.pids,
      mainPid: procs.pids[0] ?? null,
    };
  }
  if (notFoundInSystemd) {
    return {
      manager: 'systemd',
      name,
      state: 'not-found',
      pids: [],
      note: msg('evidence.service.noteNoUnit'),
    };
  }
  return {
    manager: 'none',
    name,
    state: 'unknown',
    pids: [],
    ...(() => {
      const m = noSystemd
        ? msg('evidence.service.nowhereWhy', { ...embedMessage(noSystemd, 'whyId'), name })
        : msg('evidence.service.nowhere', { name });
      return { reason: english(m), reasonMessage: m };
    })(),
  };
}

/** Which unit (or bare process) owns the listener on `port`. */
async function describeByPort(
  s: Session,
  executor: Executor,
  port: number,
  signal?: AbortSignal,
): Promise<Found | Parsed<ServiceData>> {
  const read = await readListeners(executor, { port, signal });
  s.steps.push({
    argv: read.argv,
    out: { stdout: read.raw, stderr: '', exitCode: 0 },
    missing: false,
  });
  if (read.evidence.status === 'inconclusive') {
    const { reason, message } = read.evidence;
    return { status: 'inconclusive', reason, ...(message ? { message } : {}) };
  }
  const owner = read.evidence.data.listeners.find((l) => l.port === port);
  if (!owner) {
    return verdict(
      'fail',
      {
        manager: 'none',
        name: '',
        state: 'unknown',
        pids: [],
        ports: [],
        reason: `nothing listens on port ${port}`,
      },
      msg('evidence.service.noListener', { port }),
    );
  }
  if (owner.pid === null) {
    return inconclusiveParse(msg('evidence.service.ownerHidden', { port }));
  }
  const cg = await s.run(['cat', `/proc/${owner.pid}/cgroup`]);
  const unit = cg.out.exitCode === 0 ? unitFromProcCgroup(cg.out.stdout) : null;
  if (unit && unit.endsWith('.service') && isValidUnit(unit)) return describeByName(s, unit);
  return {
    manager: 'process',
    name: owner.process ?? `pid ${owner.pid}`,
    state: 'active',
    pids: owner.pids ?? [owner.pid],
    mainPid: owner.pid,
    note: unit
      ? msg('evidence.service.noteOutsideUnit', { unit })
      : msg('evidence.service.noteNoManager'),
  };
}

/**
 * `service` probe (Linux; runs where the service runs): the state of the expected service
 * — systemd (`systemctl show`, journal when not active), SysV `service`, runit `sv`,
 * supervisor, or a plain process (`pgrep`) — and the ports its processes listen on; or,
 * given only a port, which unit owns that port's listener (`/proc/PID/cgroup`). Where
 * systemd is not the init system, its state is "unknown", never "inactive".
 */
export const serviceProbe: ProbeRunner = async (req, ctx) => {
  const started = Date.now();
  const vantage: Vantage = req.vantage;
  const executor = vantage === 'server' ? ctx.server : ctx.client;
  const finish = (parsed: Parsed<ServiceData>, s?: Session): Evidence =>
    toEvidence('service', vantage, s?.steps[0]?.argv ?? [], parsed, Date.now() - started, s?.raw());
  if (!executor) return finish(inconclusiveParse(msg('evidence.noServerAccess')));
  const s = new Session(executor, ctx.signal);
  let found: Found | Parsed<ServiceData>;
  if (req.service) found = await describeByName(s, req.service);
  else if (req.target) found = await describeByPort(s, executor, req.target.port, ctx.signal);
  else return finish(inconclusiveParse(msg('evidence.service.needsInput')));
  if ('status' in found) return finish(found, s);
  let ports: number[] = [];
  if (found.pids.length > 0) {
    const read = await readListeners(executor, { signal: ctx.signal });
    if (read.evidence.data) {
      const mine = new Set(found.pids);
      ports = [
        ...new Set(
          read.evidence.data.listeners
            .filter((l) => [l.pid, ...(l.pids ?? [])].some((p) => p !== null && mine.has(p)))
            .map((l) => l.port),
        ),
      ].sort((a, b) => a - b);
    }
  }
  return finish(serviceVerdict({ ...found, ports }, req.target?.port), s);
};
