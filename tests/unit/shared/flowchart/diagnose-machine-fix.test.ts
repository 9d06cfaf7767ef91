import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import {
  diagnoseMachine,
  type ApplyFixInput,
  type ApplyFixOutput,
} from '../../../../shared/flowchart/diagnose.machine';
import type { Evidence, Fix } from '../../../../shared/evidence';
import type { ProbeRunInput } from '../../../../shared/flowchart/diagnose.setup';
import { ACCEPT, TARGET, connect, firewall, listeners, service } from '../diagnosis/make-evidence';
import { inconclusive } from './machine-harness';
import { wizardView } from '../../../../shared/flowchart/wizard-view';

/** consent → applyFix → verify (→ rollback), with stub actors. */

interface Stubs {
  consent?: boolean | 'events';
  applied?: boolean;
  /** Whether the connect after the fix works. */
  fixedConnect: boolean;
  /** The connect after the fix never ends (until cancelled). */
  verifyHangs?: boolean;
}

function start(stubs: Stubs, fix = true) {
  const applied: ApplyFixInput[] = [];
  const asked: Fix[] = [];
  let connects = 0;
  let services = 0;
  const machine = diagnoseMachine.provide({
    actors: {
      runProbe: fromPromise<Evidence, ProbeRunInput>(({ input: { request: input } }) => {
        if (input.probe === 'connect' && input.vantage === 'client') {
          connects++;
          if (connects > 1 && stubs.verifyHangs) return new Promise<Evidence>(() => undefined);
          return Promise.resolve(connect(connects > 1 && stubs.fixedConnect ? 'ok' : 'refused'));
        }
        if (input.probe === 'listeners') return Promise.resolve(listeners([{ port: 22 }]));
        if (input.probe === 'service') {
          services++;
          return Promise.resolve(service({ state: applied.length > 0 ? 'active' : 'inactive' }));
        }
        if (input.probe === 'firewall') return Promise.resolve(firewall(ACCEPT));
        return Promise.resolve(inconclusive(input));
      }),
      askConsent: fromPromise<boolean, Fix>(({ input }) => {
        asked.push(input);
        return stubs.consent === 'events'
          ? new Promise<boolean>(() => undefined)
          : Promise.resolve(stubs.consent ?? true);
      }),
      applyFix: fromPromise<ApplyFixOutput, ApplyFixInput>(({ input }) => {
        applied.push(input);
        return Promise.resolve(
          stubs.applied === false
            ? { applied: false, message: 'sudo needs a password' }
            : { applied: true },
        );
      }),
    },
  });
  const actor = createActor(machine).start();
  actor.send({ type: 'diagnose.start', target: TARGET, access: 'direct', fix });
  return { actor, applied, asked, services: () => services };
}

describe('diagnose machine: the fix', () => {
  it('consent, apply, verify: verified true', async () => {
    const { actor, applied, asked, services } = start({ fixedConnect: true });
    const snap = await waitFor(actor, (s) => s.matches('done'));
    // The probe that proved the cause ran again after the fix: the proof is today's.
    expect(services()).toBe(2);
    expect(snap.context.diagnosis?.evidence.find((e) => e.probe === 'service')?.ok).toBe(true);
    expect(asked[0]?.commands).toEqual([['systemctl', 'start', 'web.service']]);
    expect(applied.map((a) => a.direction)).toEqual(['apply']);
    expect(snap.context.diagnosis).toMatchObject({ cause: 'service-not-running', verified: true });
    expect(
      snap.context.evidence.find((e) => e.probe === 'connect' && e.vantage === 'client')?.ok,
    ).toBe(true);
  });

  it('verification fails: the fix is rolled back, verified false', async () => {
    const { actor, applied } = start({ fixedConnect: false });
    const snap = await waitFor(actor, (s) => s.matches('done'));
    expect(applied.map((a) => a.direction)).toEqual(['apply', 'undo']);
    expect(snap.context.diagnosis?.verified).toBe(false);
  });

  it('cancel while verifying rolls the fix back', async () => {
    const { actor, applied } = start({ fixedConnect: true, verifyHangs: true });
    await waitFor(actor, (s) => s.matches('verify'));
    actor.send({ type: 'cancel' });
    const snap = await waitFor(actor, (s) => s.matches('done'));
    expect(applied.map((a) => a.direction)).toEqual(['apply', 'undo']);
    expect(snap.context.diagnosis?.verified).toBe(false);
  });

  it('declined: nothing applied, verified null', async () => {
    const { actor, applied } = start({ consent: false, fixedConnect: true });
    const snap = await waitFor(actor, (s) => s.matches('done'));
    expect(applied).toEqual([]);
    expect(snap.context.diagnosis?.verified).toBeNull();
    expect(snap.context.diagnosis?.warnings).toContain('fix declined');
    expect(snap.context.diagnosis?.warningMessages).toContainEqual({
      id: 'diagnosis.warning.fixDeclined',
    });
    expect(snap.context.diagnosis?.warningMessages).toHaveLength(
      snap.context.diagnosis?.warnings?.length ?? -1,
    );
  });

  it('not applied (sudo needs a password): verified null, the reason kept', async () => {
    const { actor } = start({ applied: false, fixedConnect: true });
    const snap = await waitFor(actor, (s) => s.matches('done'));
    expect(snap.context.diagnosis?.verified).toBeNull();
    expect(snap.context.diagnosis?.warnings?.join(' ')).toContain('sudo needs a password');
  });

  it('the UI answers with fix.accept', async () => {
    const { actor, applied } = start({ consent: 'events', fixedConnect: true });
    await waitFor(actor, (s) => s.matches('consent'));
    expect(applied).toEqual([]);
    actor.send({ type: 'fix.accept' });
    const snap = await waitFor(actor, (s) => s.matches('done'));
    expect(snap.context.diagnosis?.verified).toBe(true);
  });

  it('without fix requested, the proposal ends the walk', async () => {
    const { actor, asked } = start({ fixedConnect: true }, false);
    const snap = await waitFor(actor, (s) => s.matches('done'));
    expect(asked).toEqual([]);
    expect(snap.context.diagnosis?.verified).toBeNull();
  });

  it('after the diagnosis, fix.apply applies the chosen alternative by id; an id not proposed is ignored', async () => {
    const { actor, applied } = start({ fixedConnect: true }, false);
    await waitFor(actor, (s) => s.matches('done'));
    actor.send({ type: 'fix.apply', planId: 'firewall.delete-rule' });
    expect(actor.getSnapshot().matches('done')).toBe(true);
    expect(applied).toEqual([]);
    // The answer stays on screen in every state of applying it (the UI's dialog lives in it).
    const states: string[] = [];
    const blank: string[] = [];
    const sub = actor.subscribe((snap) => {
      states.push(JSON.stringify(snap.value));
      if (wizardView(snap, false).diagnosis === null) blank.push(JSON.stringify(snap.value));
    });
    actor.send({ type: 'fix.apply', planId: 'service.enable' });
    const snap = await waitFor(
      actor,
      (s) => s.matches('done') && s.context.diagnosis?.verified !== null,
    );
    expect(applied.map((a) => [a.fix.id, a.direction])).toEqual([['service.enable', 'apply']]);
    expect(snap.context.diagnosis?.fix?.id).toBe('service.enable');
    expect(snap.context.diagnosis?.alternatives.map((f) => f.id)).toEqual(['service.start']);
    expect(snap.context.diagnosis).toMatchObject({ verified: true, nextSteps: [] });
    sub.unsubscribe();
    expect(blank).toEqual([]);
    expect(states).toEqual(expect.arrayContaining(['"applyFix"', '"verify"', '"reproving"']));
    expect(wizardView(snap, false).applyPhase).toBe('done');
    // Applied once: a second request is not taken.
    actor.send({ type: 'fix.apply', planId: 'service.start' });
    expect(applied).toHaveLength(1);
  });
});
