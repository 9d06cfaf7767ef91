import { describe, expect, it } from 'vitest';
import type { Executor, ExecRequest, ExecResult } from '../../../../electron/engine/exec/executor';
import {
  parseCgroupProcs,
  parseJournal,
  parsePgrep,
  parseSupervisorStatus,
  parseSvStatus,
  parseSysvStatus,
  parseSystemctlShow,
  unitFromProcCgroup,
} from '../../../../electron/engine/probes/service-parse';
import {
  serviceCommandProbe,
  serviceVerdict,
} from '../../../../electron/engine/probes/service-verdict';
import { english, translator } from '../../../../shared/i18n/translate';
import { msg } from '../../../../shared/i18n/message';
import { serviceProbe } from '../../../../electron/engine/probes/service.probe';
import type { ServiceData } from '../../../../shared/probe-data';
import { ProbeRequestSchema } from '../../../../shared/probe-request';
import { loadFixture, type Fixture } from '../../../lab/harness/fixtures';
import { expectKorean } from '../../shared/i18n/korean-text';

const fx = (name: string) => loadFixture('service', name);
const SHOW =
  'systemctl show {} -p Id,LoadState,ActiveState,SubState,MainPID,ExecMainStatus,Result,ControlGroup --no-pager';

describe('systemd parsers (systemd 252 as PID 1 in the lab)', () => {
  it('reads active, stopped, failed, auto-restart and unknown units', () => {
    const unit = (n: string) => {
      const p = parseSystemctlShow(fx(`debian12-systemctl-show-${n}`));
      if (p.kind !== 'unit') throw new Error(p.reason);
      return p.unit;
    };
    expect(unit('active')).toMatchObject({
      id: 'web.service',
      state: 'active',
      subState: 'running',
      mainPid: 94,
      controlGroup: '/system.slice/web.service',
    });
    expect(unit('inactive')).toMatchObject({ state: 'inactive', subState: 'dead', mainPid: null });
    expect(unit('failed')).toMatchObject({
      state: 'failed',
      result: 'exit-code',
      execMainStatus: 1,
    });
    expect(unit('auto-restart')).toMatchObject({ state: 'activating', subState: 'auto-restart' });
    expect(unit('not-found')).toMatchObject({ state: 'not-found', loadState: 'not-found' });
    expect(unit('active-short-name').id).toBe('web.service');
  });

  it('"not booted with systemd" is no-systemd (unknown), never inactive', () => {
    const p = parseSystemctlShow(fx('debian12-systemctl-show-no-systemd'));
    expect(p.kind).toBe('no-systemd');
  });

  it('journal lines, cgroup pids, the unit of a process', () => {
    expect(parseJournal(fx('debian12-journalctl-failed').stdout)).toHaveLength(4);
    expect(parseJournal(fx('debian12-journalctl-failed').stdout)[1]).toContain(
      'Address already in use',
    );
    expect(parseJournal(fx('debian12-journalctl-not-found').stdout)).toEqual([]);
    expect(parseCgroupProcs(fx('debian12-cgroup-procs-unified').stdout)).toEqual([92, 96]);
    expect(unitFromProcCgroup(fx('debian12-proc-cgroup-unit').stdout)).toBe('web.service');
    expect(unitFromProcCgroup(fx('debian12-proc-cgroup-init').stdout)).toBe('init.scope');
  });
});

describe('other managers', () => {
  it('SysV service status (Debian, captured): running / stopped / unknown name', () => {
    expect(parseSysvStatus(fx('debian12-sysv-status-running'))).toMatchObject({
      kind: 'state',
      state: 'active',
    });
    expect(parseSysvStatus(fx('debian12-sysv-status-stopped'))).toMatchObject({
      kind: 'state',
      state: 'inactive',
    });
    expect(parseSysvStatus(fx('debian12-sysv-status-not-found')).kind).toBe('unknown-name');
  });

  it('SysV service status with no output at all is no answer (an empty paste reads as exit 0)', () => {
    expect(parseSysvStatus({ stdout: '', stderr: '', exitCode: 0 }).kind).toBe('unavailable');
    expect(parseSysvStatus({ stdout: '\n', stderr: '', exitCode: 0 }).kind).toBe('unavailable');
  });

  it('runit sv status (public docs)', () => {
    expect(parseSvStatus(fx('chef-docs-sv-status-run'))).toMatchObject({
      state: 'active',
      pids: [1486],
    });
    expect(parseSvStatus(fx('chef-docs-sv-status-down'))).toMatchObject({ state: 'inactive' });
  });

  it('supervisorctl status (public docs)', () => {
    expect(parseSupervisorStatus(fx('csdn-supervisorctl-status-running'))).toMatchObject({
      state: 'active',
      pids: [27176],
    });
    expect(parseSupervisorStatus(fx('csdn-supervisorctl-status-fatal'))).toMatchObject({
      state: 'failed',
    });
    expect(parseSupervisorStatus(fx('csdn-supervisorctl-status-backoff'))).toMatchObject({
      state: 'activating',
    });
  });

  it('pgrep -a -x', () => {
    expect(parsePgrep(fx('debian12-pgrep-found'))?.pids).toEqual([32302]);
    expect(parsePgrep(fx('debian12-pgrep-none'))?.pids).toEqual([]);
  });
});

/** An executor that answers each argv from a captured fixture; anything else is "not installed". */
function replay(map: Record<string, Fixture>): Executor & { seen: string[] } {
  const seen: string[] = [];
  return {
    kind: 'ssh',
    label: 'replay',
    seen,
    run: (req: ExecRequest): Promise<ExecResult> => {
      const key = req.argv.join(' ');
      seen.push(key);
      const f = map[key];
      const base = { argv: req.argv, truncated: false, elevated: false, ms: 1 };
      if (!f) {
        return Promise.resolve({
          ...base,
          stdout: '',
          stderr: '',
          exitCode: null,
          error: { code: 'not-installed', message: 'missing' },
        });
      }
      return Promise.resolve({
        ...base,
        ...f,
        ...(f.exitCode !== 0 ? { error: { code: 'failed' as const, message: 'exit' } } : {}),
      });
    },
    close: () => Promise.resolve(),
  };
}

async function probe(ex: Executor, req: Record<string, unknown>) {
  const ev = await serviceProbe(
    ProbeRequestSchema.parse({ probe: 'service', vantage: 'server', ...req }),
    {
      client: ex,
      server: ex,
    },
  );
  return { ev, data: ev.data as ServiceData };
}

describe('service probe runner (replaying captured output)', () => {
  it('a failed unit: fail, with its journal', async () => {
    const ex = replay({
      [SHOW.replace('{}', 'crash.service')]: fx('debian12-systemctl-show-failed'),
      'journalctl -u crash.service -n 50 --no-pager': fx('debian12-journalctl-failed'),
    });
    const { ev, data } = await probe(ex, { service: 'crash.service' });
    expect(ev.status).toBe('fail');
    expect(data).toMatchObject({ manager: 'systemd', state: 'failed', name: 'crash.service' });
    expect(data.journal?.join('\n')).toContain('Address already in use');
    expect(ev.summary).toMatch(/has failed; result exit-code, exit status 1; last log/);
    // The unit's result and exit status are a message too: Korean around systemd's own words.
    const text = translator('ko')(ev.message ?? { id: 'x.y' });
    expect(text).toContain('실패함; 결과 exit-code, 종료 상태 1; 마지막 로그: ');
    expectKorean(text.split('; 마지막 로그: ')[0] ?? '', ['crash.service', 'systemd', 'exit-code']);
  });

  it('systemctl show without a unit state: the reason is a message, nested in the unknown', async () => {
    const broken = { stdout: '', stderr: 'Access denied', exitCode: 1 };
    const p = parseSystemctlShow(broken);
    expect(p).toMatchObject({
      kind: 'error',
      reason: 'systemctl show gave no unit state: Access denied',
      message: { id: 'evidence.service.showNoStateWhy' },
    });
    const ex = replay({
      [SHOW.replace('{}', 'nosuch')]: broken,
      'pgrep -a -x nosuch': fx('debian12-pgrep-none'),
    });
    const { ev } = await probe(ex, { service: 'nosuch' });
    expect(ev.status).toBe('inconclusive');
    expect(ev.reason).toBe(
      'systemctl show gave no unit state: Access denied; no SysV script, runit or supervisor service and no running process is named nosuch',
    );
    const text = translator('ko')(ev.reasonMessage ?? { id: 'x.y' });
    expect(text).toMatch(/^systemctl show가 유닛 상태를 알려 주지 않았습니다: Access denied/);
    // systemctl's own complaint stays as it printed it.
    expectKorean(text, [
      'systemctl show',
      'Access denied',
      'nosuch',
      'SysV',
      'runit',
      'supervisor',
    ]);
  });

  it('a running unit: its cgroup pids joined with the listeners give its ports', async () => {
    const ex = replay({
      [SHOW.replace('{}', 'forker.service')]: fx('debian12-systemctl-show-forked'),
      'cat /sys/fs/cgroup/system.slice/forker.service/cgroup.procs': fx(
        'debian12-cgroup-procs-cgroup',
      ),
      'cat /sys/fs/cgroup/unified/system.slice/forker.service/cgroup.procs': fx(
        'debian12-cgroup-procs-unified',
      ),
      'ss -Hltnp': fx('debian12-ss-systemd-lab'),
    });
    const { ev, data } = await probe(ex, {
      service: 'forker.service',
      target: { host: '127.0.0.1', port: 8090 },
    });
    expect(ev.status).toBe('pass');
    expect(data).toMatchObject({ state: 'active', pids: [92, 96], ports: [8093], mainPid: 92 });
    expect(ev.summary).toMatch(/listens on 8093, not on 8090/);
  });

  it('by port only: the unit owning the listener, found through /proc/PID/cgroup', async () => {
    const ex = replay({
      'ss -Hltnp': fx('debian12-ss-systemd-lab'),
      'cat /proc/94/cgroup': fx('debian12-proc-cgroup-unit'),
      [SHOW.replace('{}', 'web.service')]: fx('debian12-systemctl-show-active'),
      'cat /sys/fs/cgroup/system.slice/web.service/cgroup.procs': fx(
        'debian12-cgroup-procs-cgroup',
      ),
    });
    const { ev, data } = await probe(ex, { target: { host: '10.0.0.2', port: 8090 } });
    expect(ev.status).toBe('pass');
    // cgroup.procs unreadable everywhere here: falls back to MainPID
    expect(data).toMatchObject({
      manager: 'systemd',
      name: 'web.service',
      pids: [94],
      ports: [8090],
    });
  });

  it('no systemd: asks SysV, and reads a stopped service as stopped', async () => {
    const ex = replay({
      [SHOW.replace('{}', 'ssh')]: fx('debian12-systemctl-show-no-systemd'),
      'service ssh status': fx('debian12-sysv-status-stopped'),
    });
    const { ev, data } = await probe(ex, { service: 'ssh' });
    expect(data).toMatchObject({ manager: 'sysv', state: 'inactive' });
    expect(ev.status).toBe('fail');
  });

  it('no systemd and nobody knows the name: unknown (inconclusive), never inactive', async () => {
    const ex = replay({
      [SHOW.replace('{}', 'nosuch')]: fx('debian12-systemctl-show-no-systemd'),
      'service nosuch status': fx('debian12-sysv-status-not-found'),
      'pgrep -a -x nosuch': fx('debian12-pgrep-none'),
    });
    const { ev, data } = await probe(ex, { service: 'nosuch' });
    expect(ev.status).toBe('inconclusive');
    expect(data.state).toBe('unknown');
    expect(ev.reason).toMatch(/not been booted with systemd/);
  });

  it('systemd without such a unit, but a process of that name runs', async () => {
    const ex = replay({
      [SHOW.replace('{}', 'h5lab-sleeper')]: fx('debian12-systemctl-show-not-found'),
      'pgrep -a -x h5lab-sleeper': fx('debian12-pgrep-found'),
    });
    const { data } = await probe(ex, { service: 'h5lab-sleeper' });
    expect(data).toMatchObject({ manager: 'process', state: 'active', pids: [32302] });
  });

  it('systemd without such a unit and no process: not-found', async () => {
    const ex = replay({
      [SHOW.replace('{}', 'nosuch.service')]: fx('debian12-systemctl-show-not-found'),
      'pgrep -a -x nosuch.service': fx('debian12-pgrep-none'),
    });
    const { ev, data } = await probe(ex, { service: 'nosuch.service' });
    expect(data.state).toBe('not-found');
    expect(ev.status).toBe('fail');
  });
});

describe('service in manual mode (pasted output)', () => {
  const req = { probe: 'service', vantage: 'server', service: 'web.service' } as const;
  it('lists the commands and reads whichever output was pasted', () => {
    expect(serviceCommandProbe.commands(req)[0]).toEqual(
      SHOW.replace('{}', 'web.service').split(' '),
    );
    expect(serviceCommandProbe.parse(fx('debian12-systemctl-show-failed'), req)).toMatchObject({
      status: 'fail',
      data: { state: 'failed' },
    });
    expect(serviceCommandProbe.parse(fx('debian12-sysv-status-running'), req)).toMatchObject({
      status: 'pass',
      data: { manager: 'sysv' },
    });
    expect(serviceCommandProbe.parse(fx('chef-docs-sv-status-down'), req).data?.manager).toBe(
      'runit',
    );
    expect(
      serviceCommandProbe.parse({ stdout: 'hello', stderr: '', exitCode: 0 }, req).status,
    ).toBe('inconclusive');
  });
});

describe('service: pasted systemctl complaint (manual mode hands stderr over as stdout)', () => {
  it('is still no-systemd', () => {
    const f = fx('debian12-systemctl-show-no-systemd');
    expect(parseSystemctlShow({ stdout: f.stderr, stderr: '', exitCode: 0 }).kind).toBe(
      'no-systemd',
    );
  });
});

describe('service summaries as messages', () => {
  const ko = translator('ko');
  const running: ServiceData = {
    manager: 'systemd',
    name: 'web.service',
    state: 'active',
    subState: 'running',
    mainPid: 94,
    pids: [94],
    ports: [8093],
  };

  it('a running unit on another port: nested manager, pid and ports fragments', () => {
    const p = serviceVerdict(running, 8090);
    expect(p.status).toBe('pass');
    if (p.status === 'inconclusive') return;
    expect(p.message).toEqual({
      id: 'evidence.service.running',
      params: {
        name: 'web.service',
        manager: 'systemd',
        sub: ' (running)',
        pidKind: 'pid',
        mainPid: 94,
        portsKind: 'notOn',
        ports: '8093',
        port: 8090,
      },
    });
    expect(p.summary).toBe(
      'web.service (systemd unit) is running (running), main pid 94; listens on 8093, not on 8090',
    );
    expect(ko(p.message ?? { id: 'x.y' })).toBe(
      'web.service(systemd 유닛) 실행 중 (running), 주 PID 94; 수신 대기 포트 8093, 8090은(는) 아님',
    );
  });

  it('a failed unit with its last log line; no optional fragment leaves a trace when absent', () => {
    const failed = serviceVerdict({
      ...running,
      state: 'failed',
      subState: 'failed',
      mainPid: null,
      pids: [],
      ports: [],
      journal: ['web: bind: Address already in use'],
    });
    expect(failed.status).toBe('fail');
    if (failed.status === 'inconclusive') return;
    expect(failed.message?.id).toBe('evidence.service.failed');
    expect(failed.summary).toBe(
      'web.service (systemd unit) has failed; last log: web: bind: Address already in use',
    );
    expect(ko(failed.message ?? { id: 'x.y' })).toBe(
      'web.service(systemd 유닛) 실패함; 마지막 로그: web: bind: Address already in use',
    );
    const stopped = serviceVerdict({
      ...running,
      state: 'inactive',
      subState: undefined,
      mainPid: null,
      pids: [],
      ports: [],
    });
    expect(stopped.status === 'fail' && stopped.summary).toBe(
      'web.service (systemd unit) is stopped',
    );
  });
});

describe('service notes of our own as messages', () => {
  it('a unit systemd does not know: the note nests as a message, in both languages', () => {
    const p = serviceVerdict({
      manager: 'systemd',
      name: 'nosuch.service',
      state: 'not-found',
      pids: [],
      ports: [],
      note: msg('evidence.service.noteNoUnit'),
    });
    expect(p.status).toBe('fail');
    if (p.status === 'inconclusive') return;
    expect(p.message).toEqual({
      id: 'evidence.service.notFoundNote.message',
      params: {
        name: 'nosuch.service',
        noteKind: 'message',
        noteId: 'evidence.service.noteNoUnit',
      },
    });
    expect(p.summary).toBe(
      'there is no service named nosuch.service (systemd has no such unit and no process has that name)',
    );
    expect(translator('ko')(p.message ?? { id: 'x.y' })).toBe(
      'nosuch.service(이)라는 서비스가 없습니다(systemd에 그런 유닛이 없고 그 이름의 프로세스도 없습니다)',
    );
  });

  it("the manager's own words stay as found", () => {
    const p = serviceVerdict({
      manager: 'sysv',
      name: 'web',
      state: 'inactive',
      pids: [],
      ports: [],
      note: 'web is not running',
    });
    expect(p.status === 'fail' && p.summary).toBe(
      'web (SysV service) is stopped; web is not running',
    );
  });

  it('a state that cannot be known says why with a message', () => {
    const m = msg('evidence.service.nowhere', { name: 'web' });
    const p = serviceVerdict({
      manager: 'none',
      name: 'web',
      state: 'unknown',
      pids: [],
      ports: [],
      reason: english(m),
      reasonMessage: m,
    });
    expect(p).toMatchObject({ status: 'inconclusive', message: m });
    expect(p.status === 'inconclusive' && p.reason).toBe(
      'systemd is not available; no SysV script, runit or supervisor service and no running process is named web',
    );
  });
});
