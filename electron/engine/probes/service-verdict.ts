import type { ProbeRequest } from '../../../shared/probe-request';
import type { ServiceData } from '../../../shared/probe-data';
import { defineProbe, inconclusiveParse, verdict, type Parsed, type RawOutput } from './define';
import { embedMessage, msg, type Message, type MessageParams } from '../../../shared/i18n/message';
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

/**
 * The verdict on a service: pass when it runs; fail when it is stopped, failed, still
 * (re)starting or does not exist; inconclusive when its state cannot be known. `note` adds
 * the manager's own words to the summary; `port` (the target's) is compared with the ports
 * the service's processes listen on.
 */
export function serviceVerdict(
  found: ServiceData & { note?: string | Message; reasonMessage?: Message },
  port?: number,
): Parsed<ServiceData> {
  const { note, reasonMessage, ...data } = found;
  // A note as found (the manager's words) is a param; one of ours nests as a message.
  const noteParams: MessageParams & { noteKind: 'none' | 'text' | 'message' } =
    note === undefined
      ? { noteKind: 'none', note: '' }
      : typeof note === 'string'
        ? { noteKind: 'text', note }
        : { noteKind: 'message', ...embedMessage(note, 'noteId') };
  const lastLog = data.journal?.[data.journal.length - 1];
  // The sentence's parts: the unit and its manager (nested), its sub-state (data only) and
  // the optional tail (the manager's note, the last log line; nested fragments).
  const what = { name: data.name, manager: data.manager };
  const sub = data.subState ? ` (${data.subState})` : '';
  const tail = {
    ...noteParams,
    logKind: lastLog ? 'text' : 'none',
    lastLog: lastLog ?? '',
  };
  switch (data.state) {
    case 'active': {
      const portsKind = data.ports.length
        ? port !== undefined && !data.ports.includes(port)
          ? 'notOn'
          : 'on'
        : data.pids.length
          ? 'noTcp'
          : 'none';
      return verdict(
        'pass',
        data,
        msg('evidence.service.running', {
          ...what,
          sub,
          pidKind: data.mainPid ? 'pid' : 'none',
          mainPid: data.mainPid ?? null,
          portsKind,
          ports: data.ports.join(', '),
          port: port ?? null,
        }),
      );
    }
    case 'inactive':
      return verdict('fail', data, msg('evidence.service.stopped', { ...what, sub, ...tail }));
    case 'failed':
      return verdict('fail', data, msg('evidence.service.failed', { ...what, ...tail }));
    case 'activating':
      return verdict(
        'fail',
        data,
        msg('evidence.service.activating', {
          ...what,
          subState: data.subState || 'activating',
          ...tail,
        }),
      );
    case 'not-found':
      return verdict(
        'fail',
        data,
        noteParams.noteKind === 'none'
          ? msg('evidence.service.notFound', { name: data.name })
          : msg(`evidence.service.notFoundNote.${noteParams.noteKind}`, {
              name: data.name,
              ...noteParams,
            }),
      );
    default:
      return reasonMessage
        ? inconclusiveParse(reasonMessage, data)
        : data.reason
          ? { status: 'inconclusive', reason: data.reason, data }
          : inconclusiveParse(msg('evidence.service.unreadable', { name: data.name }), data);
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
  return inconclusiveParse(msg('evidence.paste.notService'));
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
      : inconclusiveParse(msg('evidence.service.pasteNeedsName')),
});
