import type { ProbeRequest } from '../../../shared/probe-request';
import type { ServiceData } from '../../../shared/probe-data';
import { defineProbe, type Parsed, type RawOutput } from './define';
import {
  parseSupervisorStatus,
  parseSvStatus,
  parseSysvStatus,
  parseSystemctlShow,
  SYSTEMCTL_PROPS,
  type ManagerAnswer,
} from './service-parse';

/** `systemctl show NAME -p … --no-pager`. */
export function systemctlShowArgv(name: string): string[] {
  return ['systemctl', 'show', name, '-p', SYSTEMCTL_PROPS, '--no-pager'];
}

/** The non-systemd service managers, asked in this order when systemd cannot answer. */
export function otherManagerCommands(name: string): {
  manager: 'sysv' | 'runit' | 'supervisor';
  argv: string[];
  parse: (out: RawOutput) => ManagerAnswer;
}[] {
  return [
    { manager: 'sysv', argv: ['service', name, 'status'], parse: parseSysvStatus },
    { manager: 'runit', argv: ['sv', 'status', name], parse: parseSvStatus },
    {
      manager: 'supervisor',
      argv: ['supervisorctl', 'status', name],
      parse: parseSupervisorStatus,
    },
  ];
}

const MANAGER_WORD: Record<ServiceData['manager'], string> = {
  systemd: 'systemd unit',
  sysv: 'SysV service',
  runit: 'runit service',
  supervisor: 'supervisor program',
  process: 'process',
  none: 'service',
};

/**
 * The verdict on a service: pass when it runs; fail when it is stopped, failed, still
 * (re)starting or does not exist; inconclusive when its state cannot be known. `note` adds
 * the manager's own words to the summary; `port` (the target's) is compared with the ports
 * the service's processes listen on.
 */
export function serviceVerdict(
  found: ServiceData & { note?: string },
  port?: number,
): Parsed<ServiceData> {
  const { note, ...data } = found;
  const what = `${data.name} (${MANAGER_WORD[data.manager]})`;
  const lastLog = data.journal?.[data.journal.length - 1];
  const tail = `${note ? `; ${note}` : ''}${lastLog ? `; last log: ${lastLog}` : ''}`;
  switch (data.state) {
    case 'active': {
      const pid = data.mainPid ? `, main pid ${data.mainPid}` : '';
      const ports = data.ports.length
        ? `; listens on ${data.ports.join(', ')}${port !== undefined && !data.ports.includes(port) ? `, not on ${port}` : ''}`
        : data.pids.length
          ? '; listens on no TCP port'
          : '';
      return {
        status: 'pass',
        data,
        summary: `${what} is running${data.subState ? ` (${data.subState})` : ''}${pid}${ports}`,
      };
    }
    case 'inactive':
      return {
        status: 'fail',
        data,
        summary: `${what} is stopped${data.subState ? ` (${data.subState})` : ''}${tail}`,
      };
    case 'failed':
      return { status: 'fail', data, summary: `${what} has failed${tail}` };
    case 'activating':
      return {
        status: 'fail',
        data,
        summary: `${what} is not up yet (${data.subState || 'activating'})${tail}`,
      };
    case 'not-found':
      return {
        status: 'fail',
        data,
        summary: `there is no service named ${data.name}${note ? ` (${note})` : ''}`,
      };
    default:
      return {
        status: 'inconclusive',
        reason: data.reason ?? `the state of ${data.name} cannot be read`,
        data,
      };
  }
}

/** Reads one pasted output of any of the service commands (manual mode). */
export function parsePastedService(out: RawOutput, name: string): Parsed<ServiceData> {
  const text = out.stdout;
  if (/^(ActiveState|LoadState)=/m.test(text)) {
    const p = parseSystemctlShow(out);
    if (p.kind === 'unit') {
      const u = p.unit;
      return serviceVerdict({
        manager: 'systemd',
        name: u.id || name,
        state: u.state,
        subState: u.subState,
        mainPid: u.mainPid,
        pids: u.mainPid ? [u.mainPid] : [],
        ports: [],
      });
    }
  }
  // Pasted text carries no exit status: recognise each manager by its own words.
  const sysv = /\bis (not )?running\b/.exec(text);
  const attempts: [ServiceData['manager'], ManagerAnswer][] = [
    ['runit', parseSvStatus(out)],
    ['supervisor', parseSupervisorStatus(out)],
  ];
  if (sysv) {
    const detail = text.trim().split('\n')[0] ?? '';
    attempts.push([
      'sysv',
      { kind: 'state', state: sysv[1] ? 'inactive' : 'active', pids: [], detail },
    ]);
  }
  for (const [manager, a] of attempts) {
    if (a.kind === 'state') {
      return serviceVerdict({
        manager,
        name,
        state: a.state,
        pids: a.pids,
        mainPid: a.pids[0] ?? null,
        ports: [],
        note: a.detail,
      });
    }
  }
  return { status: 'inconclusive', reason: 'the pasted output is not one of the service commands' };
}

/**
 * The service probe as commands for manual mode: the systemd query first, then SysV,
 * runit and supervisor; the pasted output of any of them is understood. Needs a name.
 */
export const serviceCommandProbe = defineProbe<ProbeRequest, ServiceData>({
  id: 'service',
  commands: (req) =>
    req.service
      ? [systemctlShowArgv(req.service), ...otherManagerCommands(req.service).map((c) => c.argv)]
      : [],
  privileged: false,
  parse: (out, req) =>
    req.service
      ? parsePastedService(out, req.service)
      : {
          status: 'inconclusive',
          reason: 'without server access the service check needs --service NAME',
        },
});
