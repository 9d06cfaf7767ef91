import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { apiActors, ApiCallError } from '../../../../shared/flowchart/api-actors';
import { diagnoseMachine } from '../../../../shared/flowchart/diagnose.machine';
import { inProcessApi } from '../../../../electron/engine/in-process-api';
import { defaultServiceDeps } from '../../../../electron/engine/service-deps';

/** A port on 127.0.0.1 that was just free: nothing listens on it. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe('apiActors: the machine on the contracts API (in process, real probes)', () => {
  const lab = inProcessApi(defaultServiceDeps('browser'));
  afterAll(() => lab.close());

  it('diagnoses a real closed local port through probe.run with the diagnosis id', async () => {
    const port = await closedPort();
    const seen: string[] = [];
    const api = {
      ...lab.api,
      probeRun: (req: Parameters<typeof lab.api.probeRun>[0]) => {
        seen.push(`${req.request.probe}/${req.request.vantage}:${req.diagnosisId ?? '-'}`);
        return lab.api.probeRun(req);
      },
    };
    const actor = createActor(
      diagnoseMachine.provide({
        actors: apiActors(api, { sessionId: () => null, serverHost: () => '127.0.0.1' }),
      }),
    ).start();
    actor.send({
      type: 'diagnose.start',
      target: { host: '127.0.0.1', port },
      access: 'direct',
      timeoutMs: 1000,
    });
    const snap = await waitFor(actor, (s) => s.matches('done'), { timeout: 20_000 });
    const d = snap.context.diagnosis;
    expect(d?.cause).toBe('not-listening');
    expect(seen).toContain(`connect/client:${d?.sessionId}`);
    expect(seen).toContain(`listeners/server:${d?.sessionId}`);
    // The engine knows this diagnosis: its proposed fixes can be named (none here).
    const r = await lab.api.fixApply({
      runId: 'apply-run-0001',
      diagnosisId: d!.sessionId,
      planId: 'service.start',
      target: { host: '127.0.0.1', port },
      direction: 'apply',
      sessionId: null,
      serverHost: '127.0.0.1',
    });
    // Known (its evidence was kept): refused because it proposes no such fix, not unknown.
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'this diagnosis proposes no fix service.start' },
    });
    actor.stop();
  });

  it('a failed call becomes an ApiCallError and is reported', async () => {
    const errors: string[] = [];
    const actors = apiActors(lab.api, {
      sessionId: () => 'no-such-session-1',
      serverHost: () => undefined,
      onError: (e) => errors.push(e.code),
    });
    const actor = createActor(actors.runProbe, {
      input: {
        request: { probe: 'listeners', vantage: 'server' },
        diagnosisId: '20261204T000000Z-000000',
      },
    });
    const failed = new Promise<unknown>((resolve) =>
      actor.subscribe({ error: resolve, complete: () => resolve(null) }),
    );
    actor.start();
    const err = await failed;
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).error.code).toBe('not-found');
    expect(errors).toEqual(['not-found']);
  });
});
