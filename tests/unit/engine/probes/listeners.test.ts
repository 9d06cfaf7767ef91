import { describe, expect, it } from 'vitest';
import {
  parseNetstatOutput,
  parseSsOutput,
} from '../../../../electron/engine/probes/listeners-parse';
import {
  listenersCommandProbe,
  listenersProbe,
} from '../../../../electron/engine/probes/listeners.probe';
import type { Executor, ExecRequest, ExecResult } from '../../../../electron/engine/exec/executor';
import type { ListenersData } from '../../../../shared/probe-data';
import { ProbeRequestSchema } from '../../../../shared/probe-request';
import { english, translator } from '../../../../shared/i18n/translate';
import { loadFixture } from '../../../lab/harness/fixtures';

const fx = (name: string) => loadFixture('listeners', name);

function dataOf(p: ReturnType<typeof parseSsOutput>): ListenersData {
  if (!p.data) throw new Error(`no data: ${p.status === 'inconclusive' ? p.reason : ''}`);
  return p.data;
}

describe('listeners parser — ss -Hltnp (Debian 12, captured in the lab)', () => {
  const root = dataOf(parseSsOutput(fx('debian12-ss-root')));

  it('reads every listener with address, port, family and owner', () => {
    expect(root.listeners).toHaveLength(12);
    expect(root.processesVisible).toBe(true);
    expect(root.listeners).toContainEqual({
      address: '127.0.0.1',
      port: 8080,
      family: 4,
      process: 'python3',
      pid: 23564,
    });
    expect(root.listeners).toContainEqual({
      address: '::1',
      port: 8081,
      family: 6,
      process: 'python3',
      pid: 23565,
    });
    expect(root.listeners).toContainEqual(
      expect.objectContaining({ address: '10.233.200.2', port: 8087, family: 4 }),
    );
    expect(root.listeners).toContainEqual(
      expect.objectContaining({ address: 'fd00:233::c8:2', port: 8089, family: 6 }),
    );
  });

  it('tells dual-stack `*` from IPv6-only `[::]` and keeps %iface scopes apart', () => {
    expect(root.listeners.find((l) => l.port === 8083)).toMatchObject({
      address: '*',
      family: 6,
      v6only: false,
    });
    expect(root.listeners.find((l) => l.port === 8084)).toMatchObject({
      address: '::',
      family: 6,
      v6only: true,
    });
    expect(root.listeners.find((l) => l.port === 8085)).toMatchObject({
      address: '0.0.0.0',
      iface: 'data0',
      family: 4,
    });
    expect(root.listeners.find((l) => l.port === 8086)).toMatchObject({
      address: '::',
      iface: 'data0',
      family: 6,
    });
  });

  it('keeps every pid of a socket shared by forked processes', () => {
    expect(root.listeners.find((l) => l.port === 8088)).toMatchObject({
      pid: 23588,
      pids: [23588, 23572],
    });
    expect(root.listeners.filter((l) => l.port === 22).map((l) => l.process)).toEqual([
      'sshd',
      'sshd',
    ]);
  });

  it('without root: owners hidden, so processesVisible is false (never "no process")', () => {
    const p = parseSsOutput(fx('debian12-ss-nonroot'), 8080);
    const d = dataOf(p);
    expect(d.processesVisible).toBe(false);
    expect(d.listeners).toHaveLength(12);
    expect(d.listeners.find((l) => l.port === 8080)?.process).toBeNull();
    // the caller's own socket is still shown with its owner
    expect(d.listeners.find((l) => l.port === 8089)?.process).toBe('python3');
    expect(p.status).toBe('pass');
    expect(p.status === 'pass' && p.summary).toMatch(/not visible without root/);
  });

  it('passes for a listening port and fails for a closed one, naming what does listen', () => {
    const open = parseSsOutput(fx('debian12-ss-root'), 8080);
    expect(open.status).toBe('pass');
    expect(open.status === 'pass' && open.summary).toContain('127.0.0.1:8080 (python3, pid 23564)');
    const closed = parseSsOutput(fx('debian12-ss-root'), 9999);
    expect(closed.status).toBe('fail');
    expect(closed.status === 'fail' && closed.summary).toMatch(
      /nothing listens on TCP port 9999.*8080/,
    );
  });

  it('an empty table is a fact, not an error', () => {
    const p = parseSsOutput(fx('debian12-ss-empty'), 80);
    expect(p.status).toBe('fail');
    expect(dataOf(p).listeners).toEqual([]);
  });

  it('unknown output is inconclusive, never a crash', () => {
    expect(parseSsOutput({ stdout: 'garbage here\n', stderr: '', exitCode: 0 }).status).toBe(
      'inconclusive',
    );
    const bad = parseSsOutput({ stdout: '', stderr: "ss: invalid option -- 'H'", exitCode: 255 });
    expect(bad.status).toBe('inconclusive');
    expect(bad.status === 'inconclusive' && bad.reason).toMatch(/invalid option/);
  });
});

describe('listeners parser — netstat -ltnp (Debian 12, captured in the lab)', () => {
  it('reads the same sockets with owners as root', () => {
    const d = dataOf(parseNetstatOutput(fx('debian12-netstat-root')));
    expect(d.processesVisible).toBe(true);
    expect(d.listeners).toHaveLength(12);
    expect(d.listeners).toContainEqual({
      address: '::1',
      port: 8081,
      family: 6,
      process: 'python3',
      pid: 23565,
    });
    expect(d.listeners.find((l) => l.port === 22 && l.family === 4)?.process).toBe('sshd: /usr/sb');
  });

  it('non-root: the "Not all processes could be identified" notice means owners are hidden', () => {
    const d = dataOf(parseNetstatOutput(fx('debian12-netstat-nonroot')));
    expect(d.processesVisible).toBe(false);
    expect(d.listeners.find((l) => l.port === 8082)?.pid).toBeNull();
    expect(d.listeners.find((l) => l.port === 8089)?.pid).toBe(23584);
  });

  it('empty table', () => {
    expect(dataOf(parseNetstatOutput(fx('debian12-netstat-empty'))).listeners).toEqual([]);
  });
});

/** A stub executor answering from fixtures by program name. */
function stubExecutor(
  answers: Record<string, ExecResult | 'missing'>,
): Executor & { seen: string[][] } {
  const seen: string[][] = [];
  return {
    kind: 'local',
    label: 'stub',
    seen,
    run: (req: ExecRequest) => {
      seen.push([...req.argv]);
      const a = answers[req.argv.join(' ')];
      if (a === undefined || a === 'missing') {
        return Promise.resolve({
          argv: req.argv,
          stdout: '',
          stderr: '',
          exitCode: null,
          error: { code: 'not-installed', message: 'missing' },
          truncated: false,
          elevated: false,
          ms: 0,
        });
      }
      return Promise.resolve(a);
    },
    close: () => Promise.resolve(),
  };
}

function result(
  argv: string[],
  f: { stdout: string; stderr: string; exitCode: number | null },
): ExecResult {
  return { argv, ...f, truncated: false, elevated: false, ms: 1 };
}

describe('listeners probe runner', () => {
  it('falls back to netstat where ss is missing, and reports the command it ran', async () => {
    const ex = stubExecutor({
      'netstat -ltnp': result(['netstat', '-ltnp'], fx('debian12-netstat-root')),
    });
    const req = ProbeRequestSchema.parse({
      probe: 'listeners',
      vantage: 'server',
      target: { host: '10.233.200.2', port: 8087 },
    });
    const ev = await listenersProbe(req, { client: ex, server: ex });
    expect(ev).toMatchObject({ probe: 'listeners', status: 'pass', command: ['netstat', '-ltnp'] });
    expect(ex.seen.map((a) => a[0])).toEqual(['ss', 'netstat']);
  });

  it('is inconclusive when no tool exists', async () => {
    const ex = stubExecutor({});
    const req = ProbeRequestSchema.parse({ probe: 'listeners', vantage: 'server' });
    const ev = await listenersProbe(req, { client: ex, server: ex });
    expect(ev.status).toBe('inconclusive');
    expect(ev.reason).toMatch(/neither ss nor netstat/);
  });
});

describe('listeners in manual mode (pasted output)', () => {
  it('reads pasted ss and netstat output alike', () => {
    const req = {
      probe: 'listeners',
      vantage: 'server',
      target: { host: '::1', port: 8081 },
    } as const;
    expect(listenersCommandProbe.commands(req)[0]).toEqual(['ss', '-Hltnp']);
    expect(listenersCommandProbe.parse(fx('debian12-ss-root'), req).status).toBe('pass');
    expect(
      listenersCommandProbe.parse(fx('debian12-netstat-root'), req).data?.listeners,
    ).toHaveLength(12);
  });
});

describe('listener summaries as messages', () => {
  const ko = translator('ko');

  it('a closed port: the ports that do listen are a param; Korean says the same', () => {
    const p = parseSsOutput(fx('debian12-ss-root'), 9999);
    expect(p.status).toBe('fail');
    if (p.status === 'inconclusive') return;
    expect(p.message?.id).toBe('evidence.listeners.nothingOthers');
    expect(p.message?.params).toMatchObject({ port: 9999 });
    expect(String(p.message?.params?.others)).toContain('8080');
    expect(english(p.message ?? { id: 'x.y' })).toBe(p.summary);
    const text = ko(p.message ?? { id: 'x.y' });
    expect(text).toMatch(/^TCP 포트 9999에서 수신 대기하는 것이 없습니다\(수신 대기 중: .*8080/);
  });

  it('the socket count is a plural; hidden owners are a nested fragment', () => {
    const p = parseSsOutput(fx('debian12-ss-nonroot'));
    expect(p.status).toBe('pass');
    if (p.status === 'inconclusive') return;
    expect(p.message?.id).toBe('evidence.listeners.count');
    expect(p.message?.params?.hidden).toBe('hidden');
    expect(p.summary).toMatch(/^\d+ listening TCP sockets? \(owners of some sockets not shown/);
    expect(ko(p.message ?? { id: 'x.y' })).toMatch(/^수신 대기 중인 TCP 소켓 \d+개 \(일부 소켓의/);
  });
});
