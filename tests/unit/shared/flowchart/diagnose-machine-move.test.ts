import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import {
  diagnoseMachine,
  type ApplyFixInput,
  type ApplyFixOutput,
} from '../../../../shared/flowchart/diagnose.machine';
import type { Evidence, Fix } from '../../../../shared/evidence';
import type { ProbeRunInput } from '../../../../shared/flowchart/diagnose.setup';
import type { ProbeRequest } from '../../../../shared/probe-request';
import {
  ACCEPT,
  NGINX_SITE_8090,
  TARGET,
  configEvidence,
  connect,
  firewall,
  listeners,
  service,
} from '../diagnosis/make-evidence';
import { inconclusive } from './machine-harness';

/**
 * wrong-port: the machine reads the configuration of the port the service listens on
 * instead (`listenPort`), proposes moving it as an alternative (the fix stays null), and
 * `--fix=config.edit` (planId) applies that alternative and verifies by connecting again.
 */
function start(opts: { fix: boolean; planId?: string }) {
  const requests: ProbeRequest[] = [];
  const applied: ApplyFixInput[] = [];
  const asked: Fix[] = [];
  let connects = 0;
  const machine = diagnoseMachine.provide({
    actors: {
      runProbe: fromPromise<Evidence, ProbeRunInput>(({ input: { request } }) => {
        requests.push(request);
        const moved = applied.length > 0;
        if (request.probe === 'connect' && request.vantage === 'client') {
          connects++;
          return Promise.resolve(connect(moved ? 'ok' : 'refused'));
        }
        const port = moved ? 8080 : 8090;
        if (request.probe === 'listeners') {
          return Promise.resolve(
            listeners([
              { port, process: 'nginx', pid: 100 },
              { port: 22, process: 'sshd', pid: 7 },
            ]),
          );
        }
        if (request.probe === 'service') {
          return Promise.resolve(service({ name: 'nginx.service', mainPid: 100, pids: [100] }));
        }
        if (request.probe === 'firewall') return Promise.resolve(firewall(ACCEPT));
        if (request.probe === 'config')
          return Promise.resolve(configEvidence({ listenPort: 8090 }, NGINX_SITE_8090, 2, [3]));
        return Promise.resolve(inconclusive(request));
      }),
      askConsent: fromPromise<boolean, Fix>(({ input }) => {
        asked.push(input);
        return Promise.resolve(true);
      }),
      applyFix: fromPromise<ApplyFixOutput, ApplyFixInput>(({ input }) => {
        applied.push(input);
        return Promise.resolve({ applied: true });
      }),
    },
  });
  const actor = createActor(machine).start();
  actor.send({
    type: 'diagnose.start',
    target: TARGET,
    access: 'direct',
    fix: opts.fix,
    ...(opts.planId !== undefined ? { planId: opts.planId } : {}),
  });
  return { actor, requests, applied, asked, connects: () => connects };
}

describe('diagnose machine: wrong-port and moving the service', () => {
  it('the config probe is asked for the listener on 8090 and its process; the move is an alternative', async () => {
    const { actor, requests, asked } = start({ fix: true });
    const snap = await waitFor(actor, (s) => s.matches('done'));
    const config = requests.find((r) => r.probe === 'config');
    expect(config).toMatchObject({ vantage: 'server', pid: 100, listenPort: 8090, target: TARGET });
    const d = snap.context.diagnosis!;
    expect(d.cause).toBe('wrong-port');
    expect(d.fix).toBeNull();
    expect(d.alternatives.map((a) => a.id)).toEqual(['config.edit']);
    // --fix without a plan: no fix to apply, nothing asked, nothing applied.
    expect(asked).toEqual([]);
    expect(d.verified).toBeNull();
  });

  it('--fix=config.edit applies the move, verifies by connecting to 8080, and makes it the fix', async () => {
    const { actor, applied, asked, connects } = start({ fix: true, planId: 'config.edit' });
    const snap = await waitFor(actor, (s) => s.matches('done'));
    expect(asked.map((f) => f.id)).toEqual(['config.edit']);
    expect(applied.map((a) => [a.direction, a.fix.id])).toEqual([['apply', 'config.edit']]);
    expect(connects()).toBeGreaterThan(1);
    const d = snap.context.diagnosis!;
    expect(d.verified).toBe(true);
    expect(d.fix?.plan).toMatchObject({ move: { from: 8090, to: 8080 } });
    expect(d.nextSteps).toEqual([]);
  });

  it('after the diagnosis, the UI applies the alternative by id (fix.apply)', async () => {
    const { actor, applied } = start({ fix: false });
    await waitFor(actor, (s) => s.matches('done'));
    actor.send({ type: 'fix.apply', planId: 'config.edit' });
    const snap = await waitFor(
      actor,
      (s) => s.matches('done') && s.context.diagnosis?.verified !== null,
    );
    expect(applied.map((a) => a.fix.id)).toEqual(['config.edit']);
    expect(snap.context.diagnosis?.verified).toBe(true);
  });
});
