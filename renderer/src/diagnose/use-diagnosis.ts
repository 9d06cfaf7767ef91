import { useMachine } from '@xstate/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { fromPromise } from 'xstate';
import type { Evidence } from '../../../shared/evidence';
import type { Api } from '../../../shared/ipc/contracts';
import type { ProbeRequest } from '../../../shared/probe-request';
import { diagnoseMachine } from '../../../shared/flowchart/diagnose.machine';
import type {
  ApplyFixInput,
  ApplyFixOutput,
  ParsePastedInput,
  ServerAccess,
} from '../../../shared/flowchart/diagnose.setup';
import { BUSY_STATES } from '../../../shared/flowchart/steps';
import { DECISION_STEPS } from '../../../shared/decision-steps';
import {
  GATHER_KEYS,
  GATHER_PROBES,
  gatherRequest,
  type GatherKey,
} from '../../../shared/flowchart/requests';
import type { AwaitedPaste } from '../components/ManualPaste';
import type { Target } from '../../../shared/target';
import type { StepView } from '../components/StepList';
import { newRunId } from '../api';

/** The steps the UI lists, in flowchart order (the fix steps only when a fix was asked for). */
const SHOWN_STEPS = ['gather', ...DECISION_STEPS, 'proposeFix'] as const;

/** A step finding's verdict as the step list shows it. */
const VERDICT_STATE = {
  pass: 'pass',
  fail: 'fault',
  unknown: 'unknown',
  skipped: 'skipped',
} as const;
const FIX_STEPS = ['consent', 'applyFix', 'verify'] as const;

/**
 * Runs the shared flowchart machine in the renderer with actors that call the API. The
 * machine decides everything; this hook only provides the actors and reads the snapshot.
 */
export function useDiagnosis(api: Api, sessionId: string | null) {
  const session = useRef(sessionId);
  const serverHost = useRef<string | undefined>(undefined);
  useEffect(() => {
    session.current = sessionId;
  }, [sessionId]);
  const [lastError, setLastError] = useState<string | null>(null);
  const [fixAsked, setFixAsked] = useState(false);

  const machine = useMemo(
    () =>
      diagnoseMachine.provide({
        actors: {
          runProbe: fromPromise<Evidence, ProbeRequest>(async ({ input, signal }) => {
            const runId = newRunId();
            const cancel = () => void api.probeCancel({ runId });
            signal.addEventListener('abort', cancel, { once: true });
            try {
              const r = await api.probeRun({
                runId,
                request: input,
                sessionId: session.current,
                ...(serverHost.current !== undefined ? { serverHost: serverHost.current } : {}),
              });
              if (!r.ok) {
                if (r.error.code === 'connection-failed') setLastError(r.error.message);
                throw new Error(r.error.message);
              }
              return r.value;
            } finally {
              signal.removeEventListener('abort', cancel);
            }
          }),
          applyFix: fromPromise<ApplyFixOutput, ApplyFixInput>(async ({ input, signal }) => {
            const runId = newRunId();
            const cancel = () => void api.probeCancel({ runId });
            signal.addEventListener('abort', cancel, { once: true });
            try {
              const r = await api.fixApply({
                runId,
                fix: input.fix,
                direction: input.direction,
                sessionId: session.current,
                ...(serverHost.current !== undefined ? { serverHost: serverHost.current } : {}),
              });
              if (!r.ok) throw new Error(r.error.message);
              return r.value;
            } finally {
              signal.removeEventListener('abort', cancel);
            }
          }),
          parsePasted: fromPromise<Evidence, ParsePastedInput>(async ({ input }) => {
            const r = await api.probeParse({ request: input.request, stdout: input.stdout });
            if (!r.ok) throw new Error(r.error.message);
            return r.value;
          }),
        },
      }),
    [api],
  );
  const [snapshot, send] = useMachine(machine);

  const done = snapshot.matches('done');
  const ctx = snapshot.context;

  const regions: Partial<Record<GatherKey, string>> =
    snapshot.matches('gather') && typeof snapshot.value === 'object'
      ? (snapshot.value as { gather: Partial<Record<GatherKey, string>> }).gather
      : {};
  const regionStates = Object.values(regions);
  const finished = regionStates.filter((v) => v === 'done' || v === 'skipped').length;
  const progress = regionStates.length > 0 ? { finished, total: regionStates.length } : null;
  const tgt = ctx.target;
  const awaiting: AwaitedPaste[] =
    tgt === null
      ? []
      : GATHER_KEYS.filter((k) => regions[k] === 'awaitingPaste').map((k) => ({
          probe: GATHER_PROBES[k].probe,
          request: gatherRequest(k, { target: tgt, timeoutMs: ctx.timeoutMs }),
        }));
  // Waiting for the user to paste is not work in flight: the app takes input then.
  const running = regionStates.some((v) => v === 'running' || v === 'parsing');
  const busy = BUSY_STATES.some((s) => snapshot.matches(s)) && !(awaiting.length > 0 && !running);

  const verified = ctx.diagnosis?.verified ?? null;
  const fixStep = (id: (typeof FIX_STEPS)[number]): StepView['state'] => {
    if (!done) return 'pending';
    if (verified === null) return 'skipped';
    if (id === 'verify') return verified ? 'pass' : 'fault';
    return 'pass';
  };
  const shown = [...SHOWN_STEPS, ...(fixAsked ? FIX_STEPS : []), 'done' as const];
  const steps: StepView[] = shown.map((id) => {
    if (id === 'done' && done) return { id, state: 'pass' };
    if (snapshot.matches(id)) return { id, state: 'active' };
    if (id === 'gather') return { id, state: ctx.steps === null ? 'pending' : 'pass' };
    if (id === 'proposeFix' || id === 'done') {
      if (!done) return { id, state: 'pending' };
      return { id, state: id === 'proposeFix' && !ctx.diagnosis?.fix ? 'skipped' : 'pass' };
    }
    if (id === 'consent' || id === 'applyFix' || id === 'verify') return { id, state: fixStep(id) };
    const r = ctx.steps?.find((f) => f.step === id);
    return { id, state: r ? VERDICT_STATE[r.verdict] : 'pending' };
  });

  return {
    busy,
    done,
    progress,
    steps,
    diagnosis: done ? ctx.diagnosis : null,
    access: ctx.access,
    awaiting,
    lastError,
    /** The fix waiting for the user's consent, while the machine asks. */
    consentFix: snapshot.matches('consent') ? (ctx.diagnosis?.fix ?? null) : null,
    start(
      target: Target,
      access: ServerAccess,
      fix: boolean,
      opts: { timeoutMs?: number; service?: string } = {},
    ) {
      setLastError(null);
      setFixAsked(fix);
      serverHost.current = target.host;
      send({ type: 'diagnose.start', target, access, fix, ...opts });
    },
    retry: (e: Evidence) => send({ type: 'probe.retry', probe: e.probe, vantage: e.vantage }),
    accept: () => send({ type: 'fix.accept' }),
    decline: () => send({ type: 'fix.decline' }),
    cancel: () => send({ type: 'cancel' }),
    paste: (probe: ParsePastedInput['probe'], stdout: string) =>
      send({ type: 'manual.paste', probe, stdout }),
    pasteDone: () => send({ type: 'manual.done' }),
  };
}
