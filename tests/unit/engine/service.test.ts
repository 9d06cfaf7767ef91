import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../electron/engine/store/store';
import { fixDeps } from '../../../electron/engine/service-deps';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Evidence } from '../../../shared/evidence';
import type { ProbeRequest } from '../../../shared/probe-request';
import {
  ACCEPT,
  TARGET,
  connect,
  firewall,
  listeners,
  service as serviceEvidence,
} from '../shared/diagnosis/make-evidence';
import type { EventOf } from '../../../shared/ipc/contracts';
import { createLocalExecutor } from '../../../electron/engine/exec/local';
import type { ExecRequest, Executor } from '../../../electron/engine/exec/executor';
import {
  createService,
  SessionOpenError,
  type Emit,
  type Privilege,
  type ServiceDeps,
} from '../../../electron/engine/service';
import { applyFix } from '../../../electron/engine/fixes/apply';

const RUN = 'run-0000001';
const evidence = (probe: Evidence['probe'], vantage: Evidence['vantage']): Evidence => ({
  probe,
  vantage,
  command: [],
  ok: true,
  status: 'pass',
  summary: 'stub',
  data: null,
  ms: 1,
});

function setup(over: Partial<ServiceDeps> = {}) {
  const events: EventOf<'probe.progress'>[] = [];
  const emit: Emit = (e, p) => {
    if (e === 'probe.progress') events.push(p as EventOf<'probe.progress'>);
  };
  const runProbe = vi.fn<NonNullable<ServiceDeps['runProbe']>>((req) =>
    Promise.resolve(evidence(req.probe, req.vantage)),
  );
  const local = createLocalExecutor();
  const deps: ServiceDeps = {
    localExecutor: () => local,
    runProbe,
    isLocalHost: (h) => Promise.resolve(h === '127.0.0.1'),
    appInfo: { name: 'ConnDoctor', version: '0.0.0', mode: 'browser', platform: 'linux' },
    ...over,
  };
  return { service: createService(deps, emit), events, runProbe };
}

describe('engine service: validation', () => {
  it('refuses an unknown channel', async () => {
    const { service, runProbe } = setup();
    const r = await service.dispatch('probe.invoke', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(runProbe).not.toHaveBeenCalled();
  });

  it.each([
    ['no run id', { request: { probe: 'connect', vantage: 'client' }, sessionId: null }],
    ['bad probe', { runId: RUN, request: { probe: 'rm', vantage: 'client' }, sessionId: null }],
    [
      'shell in host',
      {
        runId: RUN,
        request: { probe: 'dns', vantage: 'client', host: 'a;rm -rf /' },
        sessionId: null,
      },
    ],
    [
      'port out of range',
      {
        runId: RUN,
        request: { probe: 'connect', vantage: 'client', target: { host: 'x', port: 70000 } },
        sessionId: null,
      },
    ],
    ['not an object', 'probe'],
  ])('answers ok:false for an invalid probe.run payload (%s) and runs nothing', async (_n, p) => {
    const { service, runProbe, events } = setup();
    const r = await service.dispatch('probe.run', p);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(runProbe).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });

  it('answers app.info', async () => {
    const { service } = setup();
    expect(await service.dispatch('app.info', {})).toEqual({
      ok: true,
      value: { name: 'ConnDoctor', version: '0.0.0', mode: 'browser', platform: 'linux' },
    });
  });

  it('app.finished and report.export: validated, then handed to the desktop hooks if any', async () => {
    const finished = { target: { host: '127.0.0.1', port: 22 }, cause: 'ok', durationMs: 9000 };
    expect(await setup().service.dispatch('app.finished', finished)).toEqual({
      ok: true,
      value: { notified: false },
    });
    const seen: unknown[] = [];
    const hooks = setup({
      onFinished: (r) => (seen.push(r), true),
      exportReport: (r) => (seen.push(r.lang), Promise.resolve({ saved: true })),
    }).service;
    expect(await hooks.dispatch('app.finished', finished)).toMatchObject({
      value: { notified: true },
    });
    expect(await hooks.dispatch('app.finished', { ...finished, cause: 'bogus' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await hooks.dispatch('report.export', { diagnosis: {}, lang: 'ko' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(seen).toEqual([finished]);
    expect(
      await setup().service.dispatch('report.export', { diagnosis: {}, lang: 'en' }),
    ).toMatchObject({ ok: false });
  });
});

describe('engine service: runs', () => {
  it('runs a probe and reports started/done progress with the run id', async () => {
    const { service, events } = setup();
    const r = await service.dispatch('probe.run', {
      runId: RUN,
      request: { probe: 'dns', vantage: 'client', host: 'localhost' },
      sessionId: null,
    });
    expect(r).toMatchObject({ ok: true, value: { probe: 'dns', vantage: 'client' } });
    expect(events.map((e) => [e.runId, e.phase])).toEqual([
      [RUN, 'started'],
      [RUN, 'done'],
    ]);
  });

  it('gives server probes of a local target the local executor, and none to a remote one', async () => {
    const servers: (Executor | null)[] = [];
    const { service } = setup({
      runProbe: (req, ctx) => {
        servers.push(ctx.server);
        return Promise.resolve(evidence(req.probe, req.vantage));
      },
    });
    const req = (host: string) => ({
      probe: 'listeners',
      vantage: 'server',
      target: { host, port: 22 },
    });
    await service.dispatch('probe.run', {
      runId: 'local-run-1',
      request: req('127.0.0.1'),
      sessionId: null,
    });
    await service.dispatch('probe.run', {
      runId: 'remote-run-1',
      request: req('192.0.2.1'),
      sessionId: null,
    });
    expect(servers[0]?.kind).toBe('local');
    expect(servers[1]).toBeNull();
  });

  it('runs a hostless server probe locally when the host under diagnosis is this machine', async () => {
    const servers: (Executor | null)[] = [];
    const { service } = setup({
      runProbe: (req, ctx) => {
        servers.push(ctx.server);
        return Promise.resolve(evidence(req.probe, req.vantage));
      },
    });
    const request = { probe: 'interfaces', vantage: 'server' };
    await service.dispatch('probe.run', {
      runId: 'iface-run-1',
      request,
      sessionId: null,
      serverHost: '127.0.0.1',
    });
    await service.dispatch('probe.run', {
      runId: 'iface-run-2',
      request,
      sessionId: null,
      serverHost: '192.0.2.1',
    });
    await service.dispatch('probe.run', { runId: 'iface-run-3', request, sessionId: null });
    expect(servers.map((s) => s?.kind ?? null)).toEqual(['local', null, null]);
  });

  it('cancels a run in flight through its AbortSignal', async () => {
    let seen: AbortSignal | undefined;
    const { service, events } = setup({
      runProbe: (req, ctx) =>
        new Promise((resolve) => {
          seen = ctx.signal;
          ctx.signal?.addEventListener('abort', () => resolve(evidence(req.probe, req.vantage)));
        }),
    });
    const pending = service.dispatch('probe.run', {
      runId: RUN,
      request: { probe: 'sweep', vantage: 'client', host: '127.0.0.1' },
      sessionId: null,
    });
    await vi.waitFor(() => expect(seen).toBeDefined());
    expect(await service.dispatch('probe.cancel', { runId: RUN })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(events.at(-1)?.phase).toBe('cancelled');
    expect(await service.dispatch('probe.cancel', { runId: RUN })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });

  it('refuses an unknown session', async () => {
    const { service, runProbe } = setup();
    const r = await service.dispatch('probe.run', {
      runId: RUN,
      request: { probe: 'interfaces', vantage: 'server' },
      sessionId: 'nosuchsession',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(runProbe).not.toHaveBeenCalled();
  });
});

describe('engine service: fixes are applied by plan id, from its own evidence', () => {
  const DIAGNOSIS = '20261204T031500Z-0a1b2c';
  /** The probes answer as for a stopped web.service: refused, nothing listens. */
  const answers = (req: ProbeRequest): Evidence => {
    if (req.probe === 'connect') return connect('refused', {}, req.vantage);
    if (req.probe === 'listeners') return listeners([{ port: 22 }]);
    if (req.probe === 'service') return serviceEvidence({ state: 'inactive' });
    if (req.probe === 'firewall') return firewall(ACCEPT);
    return evidence(req.probe, req.vantage);
  };
  async function gathered(over: Partial<ServiceDeps> = {}, diagnosisId = DIAGNOSIS) {
    const s = setup({ runProbe: (req) => Promise.resolve(answers(req)), ...over });
    let n = 0;
    for (const [probe, vantage] of [
      ['connect', 'client'],
      ['listeners', 'server'],
      ['service', 'server'],
      ['firewall', 'server'],
    ] as const) {
      const r = await s.service.dispatch('probe.run', {
        runId: `gather-run-000${++n}`,
        request: { probe, vantage, target: TARGET, timeoutMs: 1000 },
        sessionId: null,
        serverHost: '127.0.0.1',
        diagnosisId,
      });
      expect(r.ok).toBe(true);
    }
    return s;
  }
  let runs = 0;
  const apply = (
    service: ReturnType<typeof setup>['service'],
    over: Record<string, unknown> = {},
  ) =>
    service.dispatch('fix.apply', {
      runId: `fix-run-${String(++runs).padStart(4, '0')}`,
      diagnosisId: DIAGNOSIS,
      planId: 'service.start',
      target: TARGET,
      direction: 'apply',
      sessionId: null,
      serverHost: '127.0.0.1',
      ...over,
    });

  it('says plainly when this build cannot apply fixes', async () => {
    const { service } = await gathered();
    expect(await apply(service)).toMatchObject({
      ok: true,
      value: { applied: false, message: expect.any(String) as unknown },
    });
  });

  it('applies the plan it proposes itself, on this machine for a local target only', async () => {
    const seen: { argv: string[][]; kind: string; direction: string }[] = [];
    const { service } = await gathered({
      applyFix: (f, direction, executor) => {
        seen.push({
          argv: direction === 'apply' ? f.commands : f.undo,
          kind: executor.kind,
          direction,
        });
        return Promise.resolve({ applied: true });
      },
    });
    expect(await apply(service)).toEqual({ ok: true, value: { applied: true } });
    expect(await apply(service, { serverHost: '192.0.2.1' })).toMatchObject({
      ok: true,
      value: { applied: false },
    });
    // The alternative by its id; then undo what was applied.
    expect(await apply(service, { planId: 'service.enable' })).toEqual({
      ok: true,
      value: { applied: true },
    });
    expect(await apply(service, { direction: 'undo' })).toEqual({
      ok: true,
      value: { applied: true },
    });
    expect(seen).toEqual([
      { argv: [['systemctl', 'start', 'web.service']], kind: 'local', direction: 'apply' },
      {
        argv: [['systemctl', 'enable', '--now', 'web.service']],
        kind: 'local',
        direction: 'apply',
      },
      { argv: [['systemctl', 'stop', 'web.service']], kind: 'local', direction: 'undo' },
    ]);
  });

  it('refuses argv, an id it does not propose, an unknown diagnosis and an undo of nothing', async () => {
    const applyFix = vi.fn(() => Promise.resolve({ applied: true }));
    const { service } = await gathered({ applyFix });
    expect(await apply(service, { planId: 'rm -rf /' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await apply(service, { planId: 'firewall.delete-rule' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'this diagnosis proposes no fix firewall.delete-rule' },
    });
    expect(await apply(service, { diagnosisId: '20261204T031500Z-ffffff' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await apply(service, { direction: 'undo' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    // A forged fix with its own argv is not even part of the contract: it is ignored.
    expect(
      await apply(service, { fix: { commands: [['rm', '-rf', '/']] }, planId: 'service.start' }),
    ).toEqual({ ok: true, value: { applied: true } });
    expect(applyFix.mock.calls.map((c) => (c as unknown[])[0])).toMatchObject([
      { id: 'service.start', commands: [['systemctl', 'start', 'web.service']] },
    ]);
  });
});

describe('engine service: the sudo password (privilege.password)', () => {
  const DIAGNOSIS = '20261204T031500Z-0b1b2c';
  const SECRET = 'right-horse-battery';
  /** This machine as a non-root user whose sudo wants SECRET: what the executor is given. */
  function sudoExecutor(privilege: Privilege | undefined): Executor {
    return {
      kind: 'local',
      label: 'this machine',
      run: (req: ExecRequest) => {
        const base = {
          argv: req.argv,
          stdout: req.argv.join(' ') === 'systemctl is-active web.service' ? 'active\n' : '',
          stderr: '',
          exitCode: 0,
          signal: null,
          truncated: false,
          ms: 1,
        };
        if (req.privileged !== true) return Promise.resolve({ ...base, elevated: false });
        const pw = privilege?.sudoPassword();
        if (pw === SECRET) return Promise.resolve({ ...base, elevated: true });
        return Promise.resolve({
          ...base,
          exitCode: 1,
          elevated: false,
          error: {
            code: 'sudo-password-required',
            message:
              pw === undefined ? 'sudo needs a password' : 'sudo did not accept the password',
          },
        });
      },
      connect: () => Promise.reject(new Error('not used')),
      close: () => Promise.resolve(),
    } as unknown as Executor;
  }
  it('asked for by the fix, checked with sudo, held for that fix only and forgotten at its outcome', async () => {
    const { service } = setup({
      localExecutor: sudoExecutor,
      applyFix,
      runProbe: (req) =>
        Promise.resolve(
          req.probe === 'connect'
            ? connect('refused', {}, req.vantage)
            : req.probe === 'listeners'
              ? listeners([{ port: 22 }])
              : req.probe === 'service'
                ? serviceEvidence({ state: 'inactive' })
                : req.probe === 'firewall'
                  ? firewall(ACCEPT)
                  : evidence(req.probe, req.vantage),
        ),
    });
    let n = 0;
    for (const [probe, vantage] of [
      ['connect', 'client'],
      ['listeners', 'server'],
      ['service', 'server'],
      ['firewall', 'server'],
    ] as const) {
      await service.dispatch('probe.run', {
        runId: `sudo-gather-${++n}xx`,
        request: { probe, vantage, target: TARGET, timeoutMs: 1000 },
        sessionId: null,
        serverHost: '127.0.0.1',
        diagnosisId: DIAGNOSIS,
      });
    }
    const answers: unknown[] = [];
    const call = async (channel: string, payload: unknown) => {
      const r = await service.dispatch(channel, payload);
      answers.push(r);
      return r;
    };
    const fix = (direction: 'apply' | 'undo') =>
      call('fix.apply', {
        runId: `sudo-fix-${++n}xxxx`,
        diagnosisId: DIAGNOSIS,
        planId: 'service.start',
        target: TARGET,
        direction,
        sessionId: null,
        serverHost: '127.0.0.1',
      });
    // No password yet: nothing changed, and the answer says sudo wants one.
    expect(await fix('apply')).toMatchObject({
      ok: true,
      value: { applied: false, needsPassword: true },
    });
    // A wrong one is refused at once (checked with sudo) and not held.
    expect(await call('privilege.password', { sessionId: null, password: 'wrong' })).toMatchObject({
      ok: true,
      value: { accepted: false, message: expect.stringMatching(/did not accept/) as unknown },
    });
    expect(await fix('apply')).toMatchObject({ value: { needsPassword: true } });
    expect(await call('privilege.password', { sessionId: null, password: SECRET })).toEqual({
      ok: true,
      value: { accepted: true },
    });
    expect(await fix('apply')).toEqual({ ok: true, value: { applied: true } });
    // Verified: the outcome is known, the password is forgotten.
    expect(
      await call('fix.confirm', { diagnosisId: DIAGNOSIS, planId: 'service.start' }),
    ).toMatchObject({ ok: true, value: { confirmed: true } });
    expect(await fix('undo')).toMatchObject({ value: { applied: false, needsPassword: true } });
    // Given again, the undo runs, and that ends it too.
    await call('privilege.password', { sessionId: null, password: SECRET });
    expect(await fix('undo')).toMatchObject({ value: { applied: true } });
    expect(await fix('apply')).toMatchObject({ value: { needsPassword: true } });
    // Bad input changes nothing; an unknown session is not found.
    expect(await call('privilege.password', { sessionId: null, password: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(
      await call('privilege.password', { sessionId: 'no-such-session', password: SECRET }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // The password never comes back in any answer.
    expect(JSON.stringify(answers)).not.toContain(SECRET);
  });
});

describe('engine service: sessions', () => {
  it('passes a host-key-unknown answer with its fingerprint through to the UI', async () => {
    const { service } = setup({
      openSession: () =>
        Promise.reject(new SessionOpenError('host-key-unknown', 'unknown host key', 'SHA256:abc')),
    });
    const r = await service.dispatch('session.open', { destination: 'root@10.9.0.2' });
    expect(r).toEqual({
      ok: false,
      error: { code: 'host-key-unknown', message: 'unknown host key', fingerprint: 'SHA256:abc' },
    });
  });

  it('opens, uses and closes a session; close() closes its executor', async () => {
    const closed = vi.fn(() => Promise.resolve());
    const remote: Executor = {
      kind: 'ssh',
      label: 'root@10.9.0.2',
      run: () => Promise.reject(new Error('unused')),
      close: closed,
    };
    let used: Executor | null = null;
    const { service } = setup({
      openSession: (req) => {
        expect(req.password).toBe('secret');
        return Promise.resolve({ executor: remote, label: remote.label });
      },
      runProbe: (req, ctx) => {
        used = ctx.server;
        return Promise.resolve(evidence(req.probe, req.vantage));
      },
    });
    const opened = await service.dispatch('session.open', {
      destination: 'root@10.9.0.2',
      password: 'secret',
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const { sessionId, label } = opened.value as { sessionId: string; label: string };
    expect(label).toBe('root@10.9.0.2');
    await service.dispatch('probe.run', {
      runId: RUN,
      request: { probe: 'interfaces', vantage: 'server' },
      sessionId,
    });
    expect(used).toBe(remote);
    await service.close();
    expect(closed).toHaveBeenCalledOnce();
  });
});

describe('engine service: the real engine', () => {
  let open: Server;
  let port = 0;
  beforeAll(async () => {
    open = createServer((s) => s.end());
    await new Promise<void>((r) => open.listen(0, '127.0.0.1', r));
    const a = open.address();
    if (a === null || typeof a === 'string') throw new Error('no port');
    port = a.port;
  });
  afterAll(() => new Promise<void>((r) => open.close(() => r())));

  it('answers probe.run for a real open and a real closed local port', async () => {
    const { service } = setup({ runProbe: undefined });
    const connect = (p: number, runId: string) =>
      service.dispatch('probe.run', {
        runId,
        request: { probe: 'connect', vantage: 'client', target: { host: '127.0.0.1', port: p } },
        sessionId: null,
      });
    expect(await connect(port, 'open-run-1')).toMatchObject({
      ok: true,
      value: { probe: 'connect', ok: true, status: 'pass', data: { outcome: 'ok' } },
    });
    const spare = createServer();
    await new Promise<void>((r) => spare.listen(0, '127.0.0.1', r));
    const a = spare.address();
    await new Promise<void>((r) => spare.close(() => r()));
    if (a === null || typeof a === 'string') throw new Error('no port');
    expect(await connect(a.port, 'closed-run-1')).toMatchObject({
      ok: true,
      value: { probe: 'connect', ok: false, status: 'fail', data: { outcome: 'refused' } },
    });
  });
});

describe('engine service: the change log (changes.list, changes.undo)', () => {
  it('lists the logged changes and reverts one on this machine with the logged undo, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-changes-'));
    const store = openStore({ dir });
    const marker = join(dir, 'marker');
    writeFileSync(marker, 'applied');
    // A change made on this machine whose undo removes the marker (a real command).
    const logged = await store.appendChange({
      target: { host: '127.0.0.1', port: 8080 },
      server: null,
      sessionId: null,
      plan: { id: 'service.start', kind: 'service.start' },
      commands: [['true']],
      privileged: false,
      result: { verified: true, rolledBack: false },
      undo: [['rm', '-f', marker]],
    });
    const remote = await store.appendChange({
      target: { host: '10.9.0.2', port: 80 },
      server: 'root@10.9.0.2',
      sessionId: null,
      plan: { id: 'link.up', kind: 'link.up' },
      commands: [['ip', 'link', 'set', 'eth1', 'up']],
      privileged: true,
      result: { verified: true, rolledBack: false },
      undo: [['ip', 'link', 'set', 'eth1', 'down']],
    });
    const { service } = setup({
      ...fixDeps({ store }),
      isLocalHost: (h) => Promise.resolve(h === '127.0.0.1'),
    });
    const list = await service.dispatch('changes.list', {});
    expect(list).toMatchObject({
      ok: true,
      value: [
        { id: remote.id, plan: 'link.up', server: 'root@10.9.0.2', undone: false },
        { id: logged.id, plan: 'service.start', server: null, undone: false },
      ],
    });
    // Not without a session to the server it was made on.
    expect(
      await service.dispatch('changes.undo', {
        runId: 'undo-run-0001',
        changeId: remote.id,
        sessionId: null,
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const undone = await service.dispatch('changes.undo', {
      runId: 'undo-run-0002',
      changeId: logged.id,
      sessionId: null,
    });
    expect(undone).toEqual({ ok: true, value: { undone: true } });
    expect(existsSync(marker)).toBe(false);
    expect(await service.dispatch('changes.list', {})).toMatchObject({
      value: [
        { id: remote.id, undone: false },
        { id: logged.id, undone: true },
      ],
    });
    expect(
      await service.dispatch('changes.undo', {
        runId: 'undo-run-0003',
        changeId: logged.id,
        sessionId: null,
      }),
    ).toMatchObject({ ok: true, value: { undone: false } });
    rmSync(dir, { recursive: true, force: true });
  });
});
