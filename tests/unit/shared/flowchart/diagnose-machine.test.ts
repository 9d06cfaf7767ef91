import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import type { Evidence } from '../../../../shared/evidence';
import { TARGET, connect, firewall, listeners, service } from '../diagnosis/make-evidence';
import { inconclusive, run } from './machine-harness';
import { diagnoseMachine } from '../../../../shared/flowchart/diagnose.machine';
import { BUSY_STATES } from '../../../../shared/flowchart/steps';

const ACCEPT = { verdict: 'accept' as const, rule: null, reason: 'policy ACCEPT' };

describe('diagnose machine', () => {
  it('client-only: gathers connect, dns and route, then the sweep hint, walks to done', async () => {
    const { actor, requests } = run((req) => {
      if (req.probe === 'connect') return Promise.resolve(connect('refused'));
      if (req.probe === 'sweep') {
        const data = { host: TARGET.host, open: [8081], scanned: req.portList?.length ?? 0 };
        return Promise.resolve({ ...inconclusive(req), status: 'pass', ok: true, data });
      }
      return Promise.resolve(inconclusive(req));
    });
    actor.send({ type: 'diagnose.start', target: TARGET, timeoutMs: 500 });
    const snap = await waitFor(actor, (s) => s.matches('done'));
    expect(
      requests
        .slice(0, 3)
        .map((r) => `${r.probe}/${r.vantage}`)
        .sort(),
    ).toEqual(['connect/client', 'dns/client', 'route/client']);
    // After the diagnosis: nearby and common ports, never the port itself.
    const sweep = requests[3];
    expect(sweep).toMatchObject({ probe: 'sweep', vantage: 'client', host: TARGET.host });
    expect(sweep?.portList).toEqual(expect.arrayContaining([8075, 8081, 8085, 80, 443]));
    expect(sweep?.portList).not.toContain(8080);
    expect(snap.context.diagnosis?.cause).toBe('not-listening');
    expect(snap.context.diagnosis?.confidence).toBe('low');
    expect(snap.context.diagnosis?.hints).toEqual([
      `Port 8081 is open on ${TARGET.host}: is it the port you meant?`,
    ]);
    // The client-only refusal is named by the listening step; the steps before it passed.
    expect(snap.context.steps?.map((x) => [x.step, x.verdict])).toEqual([
      ['dns', 'pass'],
      ['route', 'pass'],
      ['network', 'pass'],
      ['path', 'pass'],
      ['firewall', 'skipped'],
      ['listening', 'fail'],
      ['service', 'skipped'],
    ]);
    actor.stop();
  });

  it('no sweep hint when the server side was checked or the connect worked', async () => {
    const { actor, requests } = run((req) =>
      Promise.resolve(
        req.probe === 'connect'
          ? connect('refused')
          : req.probe === 'listeners'
            ? listeners([])
            : inconclusive(req),
      ),
    );
    actor.send({ type: 'diagnose.start', target: TARGET, access: 'direct' });
    await waitFor(actor, (s) => s.matches('done'));
    expect(requests.some((r) => r.probe === 'sweep')).toBe(false);
  });

  it('with server access: all server probes run in parallel and decide', async () => {
    const started: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const { actor } = run(async (req) => {
      started.push(`${req.probe}/${req.vantage}`);
      await gate; // nothing answers until every probe has started: proves parallelism
      if (req.probe === 'connect' && req.vantage === 'client') return connect('refused');
      if (req.probe === 'listeners') return listeners([{ port: 22 }]);
      if (req.probe === 'service') return service({ state: 'failed' });
      if (req.probe === 'firewall') return firewall(ACCEPT);
      return inconclusive(req);
    });
    actor.send({
      type: 'diagnose.start',
      target: TARGET,
      access: 'direct',
      service: 'web.service',
    });
    // Every probe but the firewall, which waits for the client's route (its source address).
    await waitFor(actor, () => started.length === 9);
    expect(started).not.toContain('firewall/server');
    release();
    const snap = await waitFor(actor, (s) => s.matches('done'));
    expect(snap.context.diagnosis?.cause).toBe('service-not-running');
    expect(snap.context.diagnosis?.fix?.commands).toEqual([['systemctl', 'start', 'web.service']]);
    const verdicts = new Map(snap.context.steps?.map((x) => [x.step, x]));
    // Nothing listens and the unit failed: listening names service-not-running, and the
    // service step does not repeat it.
    expect(verdicts.get('listening')).toMatchObject({
      verdict: 'fail',
      cause: 'service-not-running',
      evidence: expect.arrayContaining(['server.listeners', 'server.service']) as unknown,
    });
    expect(verdicts.get('service')?.verdict).toBe('skipped');
    expect(verdicts.get('firewall')?.verdict).toBe('pass');
    expect(snap.context.diagnosis?.sessionId).toBe(snap.context.sessionId);
  });

  it('a name target: checks about the reached address wait for dns and carry its answer', async () => {
    let answerDns: () => void = () => undefined;
    const dnsGate = new Promise<void>((r) => (answerDns = r));
    const { actor, requests } = run(async (req) => {
      if (req.probe === 'dns') {
        await dnsGate;
        return {
          ...inconclusive(req),
          status: 'pass',
          ok: true,
          data: {
            name: 'web.example',
            addresses: [{ address: '10.61.0.7', family: 4 }],
            hostsFileMatch: null,
          },
        };
      }
      return inconclusive(req);
    });
    actor.send({
      type: 'diagnose.start',
      target: { host: 'web.example', port: 80 },
      access: 'direct',
    });
    const early = requests.map((r) => `${r.probe}/${r.vantage}`).sort();
    expect(early).toEqual([
      'connect/client',
      'dns/client',
      'interfaces/server',
      'listeners/server',
      'route/client',
      'service/server',
    ]);
    answerDns();
    await waitFor(actor, (s) => s.matches('done'));
    const late = requests.filter((r) => ['firewall', 'capture'].includes(r.probe));
    expect(late).toHaveLength(2);
    expect(late.every((r) => r.address === '10.61.0.7')).toBe(true);
    expect(requests.find((r) => r.probe === 'connect' && r.vantage === 'server')?.address).toBe(
      '10.61.0.7',
    );
  });

  it('connect ok goes straight to the result', async () => {
    const { actor } = run((req) =>
      Promise.resolve(req.probe === 'connect' ? connect('ok') : inconclusive(req)),
    );
    actor.send({ type: 'diagnose.start', target: TARGET });
    const snap = await waitFor(actor, (s) => s.matches('done'));
    expect(snap.context.diagnosis?.cause).toBe('ok');
  });

  it('cancel aborts the probes in flight', () => {
    const aborted: string[] = [];
    const { actor } = run(
      (req, signal) =>
        new Promise<Evidence>((resolve) => {
          signal.addEventListener('abort', () => {
            aborted.push(req.probe);
            resolve(inconclusive(req));
          });
        }),
    );
    actor.send({ type: 'diagnose.start', target: TARGET });
    expect(actor.getSnapshot().matches('gather')).toBe(true);
    actor.send({ type: 'cancel' });
    expect(actor.getSnapshot().matches('cancelled')).toBe(true);
    expect(aborted.sort()).toEqual(['connect', 'dns', 'route']);
  });

  it('diagnose.start during gather aborts the old probes and starts over', () => {
    const aborted: number[] = [];
    const { actor, requests } = run(
      (req, signal) =>
        new Promise<Evidence>(() => {
          signal.addEventListener('abort', () => aborted.push(req.target?.port ?? 0));
        }),
    );
    actor.send({ type: 'diagnose.start', target: TARGET });
    actor.send({ type: 'diagnose.start', target: { ...TARGET, port: 9090 } });
    expect(requests).toHaveLength(6);
    expect(requests.slice(3).every((r) => r.probe === 'dns' || r.target?.port === 9090)).toBe(true);
    expect(aborted.filter((p) => p === 8080)).toHaveLength(2); // connect and route; dns has no port
    expect(actor.getSnapshot().context.target?.port).toBe(9090);
  });

  it('a probe actor that throws becomes inconclusive evidence, not a crash', async () => {
    const { actor } = run((req) =>
      req.probe === 'connect'
        ? Promise.resolve(connect('timeout'))
        : Promise.reject(new Error('boom')),
    );
    actor.send({ type: 'diagnose.start', target: TARGET });
    const snap = await waitFor(actor, (s) => s.matches('done'));
    const dns = snap.context.evidence.find((e) => e.probe === 'dns');
    expect(dns).toMatchObject({ status: 'inconclusive', reason: 'boom' });
    expect(snap.context.diagnosis?.cause).toBe('firewall-drop');
  });

  it('guided walking: back, skip and next move between steps', async () => {
    const { actor } = run((req) =>
      Promise.resolve(
        req.probe === 'connect'
          ? connect('refused')
          : req.probe === 'listeners'
            ? listeners([])
            : req.probe === 'firewall'
              ? firewall(ACCEPT)
              : inconclusive(req),
      ),
    );
    actor.send({ type: 'diagnose.start', target: TARGET, access: 'direct', auto: false });
    await waitFor(actor, (s) => s.matches('dns'));
    for (const expected of ['route', 'network', 'path', 'firewall', 'listening']) {
      actor.send({ type: 'step.next' });
      expect(actor.getSnapshot().value).toBe(expected);
    }
    expect(actor.getSnapshot().context.diagnosis).toMatchObject({
      cause: 'not-listening',
      confidence: 'high',
    });
    // The listening step names the cause: Next goes on to the fix, Back returns to it.
    actor.send({ type: 'step.next' });
    expect(actor.getSnapshot().matches('proposeFix')).toBe(true);
    actor.send({ type: 'step.back' });
    expect(actor.getSnapshot().matches('listening')).toBe(true);
    actor.send({ type: 'step.skip' });
    const afterSkip = actor.getSnapshot();
    expect(afterSkip.matches('service')).toBe(true);
    expect(afterSkip.context.steps?.find((x) => x.step === 'listening')?.verdict).toBe('skipped');
    // Without the listening step nothing names a cause: ConnDoctor does not guess.
    expect(afterSkip.context.diagnosis?.cause).toBe('unknown');
    expect(afterSkip.context.diagnosis?.nextSteps.length).toBeGreaterThan(0);
    actor.send({ type: 'step.back' });
    expect(actor.getSnapshot().matches('listening')).toBe(true);
    expect(actor.getSnapshot().context.diagnosis).toMatchObject({
      cause: 'not-listening',
      confidence: 'high',
    });
  });

  it('probe.retry re-runs one probe and decides again', async () => {
    let port22 = true;
    const { actor } = run((req) => {
      if (req.probe === 'connect' && req.vantage === 'client')
        return Promise.resolve(connect('refused'));
      if (req.probe === 'listeners')
        return Promise.resolve(
          port22 ? listeners([{ port: 22 }]) : listeners([{ address: '127.0.0.1' }]),
        );
      return Promise.resolve(inconclusive(req));
    });
    actor.send({ type: 'diagnose.start', target: TARGET, access: 'direct' });
    await waitFor(actor, (s) => s.matches('done'));
    expect(actor.getSnapshot().context.diagnosis?.cause).toBe('not-listening');
    port22 = false;
    actor.send({ type: 'probe.retry', probe: 'listeners', vantage: 'server' });
    const snap = await waitFor(
      actor,
      (s) => s.matches('done') && s.context.diagnosis?.cause !== 'not-listening',
    );
    expect(snap.context.diagnosis?.cause).toBe('bound-to-other-address');
    expect(snap.context.evidence.filter((e) => e.probe === 'listeners')).toHaveLength(1);
  });

  it('probe.retry of a server probe without server access is ignored', async () => {
    const { actor, requests } = run((req) =>
      Promise.resolve(req.probe === 'connect' ? connect('refused') : inconclusive(req)),
    );
    actor.send({ type: 'diagnose.start', target: TARGET });
    await waitFor(actor, (s) => s.matches('done'));
    const before = requests.length;
    actor.send({ type: 'probe.retry', probe: 'listeners', vantage: 'server' });
    expect(actor.getSnapshot().matches('done')).toBe(true);
    actor.send({ type: 'probe.retry', probe: 'connect', vantage: 'client' });
    await waitFor(actor, (s) => s.matches('done') && requests.length > before);
    expect(requests.slice(before).map((r) => r.probe)).toEqual(['connect']);
  });

  it('BUSY_STATES are states of the machine', () => {
    const states = Object.keys(diagnoseMachine.root.states);
    for (const s of BUSY_STATES) expect(states).toContain(s);
  });

  it('ignores diagnose.start with an invalid target', () => {
    const { actor } = run((req) => Promise.resolve(inconclusive(req)));
    actor.send({ type: 'diagnose.start', target: { host: 'bad host', port: 0 } });
    expect(actor.getSnapshot().matches('idle')).toBe(true);
  });
});
