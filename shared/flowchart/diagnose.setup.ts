import { assign, fromPromise, setup } from 'xstate';
import type { Diagnosis, Evidence, Fix, ProbeId, Vantage } from '../evidence';
import type { ProbeRequest } from '../probe-request';
import { TargetSchema, isIPv4, isIPv6, type Target } from '../target';
import { dnsData, hasServerEvidence, routeData } from '../diagnosis/evidence-view';
import { buildDiagnosis } from '../diagnosis/build-diagnosis';
import { isPasteable, moveFrom, type RequestParams } from './requests';
import type { DecisionStep, StepFinding } from '../decision-steps';
import { newSessionId } from '../session-id';
import { decidingStep } from './steps';
import { inconclusiveEvidence } from '../inconclusive-evidence';
import { msg, type Message } from '../i18n/message';
import { withWarning } from '../diagnosis/build-diagnosis';

/**
 * Types, actors, guards and actions of the diagnosis flowchart, declared once with
 * `setup()`; the states refer to them by name (`diagnose.machine.ts`, `gather.states.ts`).
 */

/** How the server side is reached: probes run there, outputs are pasted, or not at all. */
export type ServerAccess = 'direct' | 'manual' | 'none';

/** What `diagnose.start` carries. */
export interface DiagnoseOptions {
  target: Target;
  /** Connect timeout per attempt (default 3000 ms). */
  timeoutMs?: number;
  /** The service expected on the port. */
  service?: string;
  /** Default `none`: client-side checks only. */
  access?: ServerAccess;
  /** Walk the decision steps without waiting for `step.next` (default true; the CLI). */
  auto?: boolean;
  /** After the diagnosis, ask consent for its fix, apply it and verify (default false). */
  fix?: boolean;
  /** The plan to apply instead of the proposed fix (`--fix=PLAN`): one of its alternatives. */
  planId?: string;
}

/**
 * Input of the `applyFix` actor: the fix (applied, or undone for a rollback) and what the
 * engine needs to propose it again from its own evidence — it is applied by its id only.
 */
export interface ApplyFixInput {
  fix: Fix;
  direction: 'apply' | 'undo';
  diagnosisId: string;
  target: Target;
  service?: string;
  skipped: DecisionStep[];
}

/** Input of the `confirmFix` actor: the verified fix of this diagnosis. */
export interface ConfirmFixInput {
  diagnosisId: string;
  planId: string;
}

/** What `confirmFix` reports: false when the server will roll the change back. */
export interface ConfirmFixOutput {
  confirmed: boolean;
  message?: string;
}

/** Input of the `runProbe` actor: one request, for the diagnosis it belongs to. */
export interface ProbeRunInput {
  request: ProbeRequest;
  diagnosisId: string;
}

/** What the `applyFix` actor reports: applied, or not (sudo needs a password…) and why. */
export interface ApplyFixOutput {
  applied: boolean;
  message?: string;
  /** The change-log id of an applied change (`conndoctor undo ID`). */
  changeId?: string;
}

/** Input of the `parsePasted` actor: one pasted output and the request it answers. */
export interface ParsePastedInput {
  probe: ProbeId;
  stdout: string;
  request: ProbeRequest;
  /** The diagnosis it belongs to (the engine keeps the evidence it parsed for it). */
  diagnosisId?: string;
}

/** The machine's context. */
export interface DiagnoseContext {
  target: Target | null;
  timeoutMs: number;
  service?: string;
  access: ServerAccess;
  /** True while the machine walks the steps by itself; `step.back` hands control to the user. */
  auto: boolean;
  /** The user asked to apply the fix (consent is still asked for). */
  wantsFix: boolean;
  /** The plan the user chose (an alternative), else null: the proposed fix. */
  planId: string | null;
  /** Verification connects made after the fix so far. */
  verifyTries: number;
  /** True once applying a fix was attempted in this diagnosis. */
  fixAttempted: boolean;
  evidence: Evidence[];
  /** Pasted outputs by probe (manual mode). */
  pasted: Partial<Record<ProbeId, string>>;
  /** True once `manual.done` said no more pastes will come. */
  pastesEnded: boolean;
  /** Decision steps the user skipped: their evidence is left out of the diagnosis. */
  skipped: DecisionStep[];
  retry: { probe: ProbeId; vantage: Vantage } | null;
  diagnosis: Diagnosis | null;
  /** The seven decision steps' findings (the diagnosis' `steps`), once gathering ended. */
  steps: StepFinding[] | null;
  /** The session's id: one per `diagnose.start`, kept across retries. */
  sessionId: string;
  startedAt: number;
}

/** Events the machine accepts (dotted lowercase). */
export type DiagnoseEvent =
  | ({ type: 'diagnose.start' } & DiagnoseOptions)
  | { type: 'manual.paste'; probe: ProbeId; stdout: string }
  | { type: 'manual.done' }
  /** Manual mode: this check's output will not be pasted (its step stays unknown). */
  | { type: 'manual.skip'; probe: ProbeId }
  | { type: 'probe.retry'; probe: ProbeId; vantage?: Vantage }
  | { type: 'step.next' }
  | { type: 'step.skip' }
  | { type: 'step.back' }
  | { type: 'fix.choose'; planId: string }
  /** After the diagnosis: apply this plan (consent was given in the UI). */
  | { type: 'fix.apply'; planId: string }
  | { type: 'fix.accept' }
  | { type: 'fix.decline' }
  | { type: 'cancel' };

/** The request parameters for the current target. */
export function params(c: DiagnoseContext): RequestParams {
  const address = c.target ? resolvedAddress(c.target, c.evidence) : undefined;
  const src = routeData(c.evidence, 'client')?.src;
  const clientAddress = src !== undefined && (isIPv4(src) || isIPv6(src)) ? src : undefined;
  return {
    target: c.target ?? { host: 'localhost', port: 1 },
    timeoutMs: c.timeoutMs,
    service: c.service,
    ...(address !== undefined ? { address } : {}),
    ...(clientAddress !== undefined ? { clientAddress } : {}),
  };
}

/** The first address the client's resolver gave for a name target (resolver order). */
function resolvedAddress(target: Target, evidence: readonly Evidence[]): string | undefined {
  if (isIPv4(target.host) || isIPv6(target.host)) return undefined;
  return dnsData(evidence)?.addresses[0]?.address;
}

/**
 * True once the address the client reaches is known, or known to be unknowable: the
 * target is an address, or the client's dns check has answered (either way).
 */
export function addressSettled(c: DiagnoseContext): boolean {
  if (!c.target || isIPv4(c.target.host) || isIPv6(c.target.host)) return true;
  return c.evidence.some((e) => e.probe === 'dns' && e.vantage === 'client');
}

/**
 * True once the client's own route towards the target has answered (either way): its
 * `src` is the source address the server's firewall rules are evaluated for.
 */
export function sourceSettled(c: DiagnoseContext): boolean {
  return c.evidence.some((e) => e.probe === 'route' && e.vantage === 'client');
}

/** Whether a check about the reached address (and the client's source) may start. */
function settled(c: DiagnoseContext, p: { needsAddress: boolean; needsSource?: boolean }): boolean {
  return (!p.needsAddress || addressSettled(c)) && (!p.needsSource || sourceSettled(c));
}

/** Evidence standing in for a probe that could not run (actor error). */
export function failedEvidence(probe: ProbeId, vantage: Vantage, error: unknown): Evidence {
  const reason = error instanceof Error ? error.message : String(error);
  return inconclusiveEvidence(probe, vantage, [], msg('evidence.probeFailed', { error: reason }));
}

/** Evidence list with `e` in place of any earlier evidence of the same probe and vantage. */
export function replaceEvidence(list: readonly Evidence[], e: Evidence): Evidence[] {
  return [...list.filter((x) => !(x.probe === e.probe && x.vantage === e.vantage)), e];
}

function decide(c: DiagnoseContext): Pick<DiagnoseContext, 'diagnosis' | 'steps'> {
  if (!c.target) return { diagnosis: null, steps: null };
  const diagnosis = buildDiagnosis({
    target: c.target,
    evidence: c.evidence,
    service: c.service,
    timeoutMs: c.timeoutMs,
    durationMs: Math.max(0, Date.now() - c.startedAt),
    sessionId: c.sessionId,
    skipped: c.skipped,
  });
  return { diagnosis, steps: diagnosis.steps };
}

/** A new session id for `diagnose.start`. */
export { newSessionId };

/** The machine's setup: every actor, guard and action the states name. */
export const flow = setup({
  types: {
    context: {} as DiagnoseContext,
    events: {} as DiagnoseEvent,
  },
  actors: {
    runProbe: fromPromise<Evidence, ProbeRunInput>(() =>
      Promise.reject(new Error('runProbe is not provided')),
    ),
    parsePasted: fromPromise<Evidence, ParsePastedInput>(() =>
      Promise.reject(new Error('parsePasted is not provided')),
    ),
    /** Asks consent for the exact fix; by default it waits for `fix.accept` / `fix.decline`. */
    askConsent: fromPromise<boolean, Fix>(() => new Promise<boolean>(() => undefined)),
    applyFix: fromPromise<ApplyFixOutput, ApplyFixInput>(() =>
      Promise.reject(new Error('applyFix is not provided')),
    ),
    /** Stops the dead-man switch of a verified fix (none armed: confirmed). */
    confirmFix: fromPromise<ConfirmFixOutput, ConfirmFixInput>(() =>
      Promise.resolve({ confirmed: true }),
    ),
  },
  guards: {
    validStart: ({ event }) =>
      event.type === 'diagnose.start' && TargetSchema.safeParse(event.target).success,
    direct: ({ context }) => context.access === 'direct',
    notDirect: ({ context }) => context.access !== 'direct',
    pasteReady: (
      { context },
      p: { probe: ProbeId; needsAddress: boolean; needsSource?: boolean },
    ) => context.pasted[p.probe] !== undefined && settled(context, p),
    pasteNeverCame: ({ context }, p: { probe: ProbeId }) =>
      context.pastesEnded && context.pasted[p.probe] === undefined,
    readyToRun: ({ context }, p: { needsAddress: boolean; needsSource?: boolean }) =>
      context.access === 'direct' && settled(context, p),
    manualFor: ({ context }, p: { probe: ProbeId }) =>
      context.access === 'manual' && isPasteable(p.probe),
    skipIs: ({ event }, p: { probe: ProbeId }) =>
      event.type === 'manual.skip' && event.probe === p.probe,
    pasteIs: ({ event }, p: { probe: ProbeId }) =>
      event.type === 'manual.paste' && event.probe === p.probe,
    canRepaste: ({ context, event }) =>
      event.type === 'manual.paste' && context.access === 'manual' && isPasteable(event.probe),
    walking: ({ context }) => context.auto,
    // The diagnosis proposes the plan of a `fix.apply` and it was not applied yet.
    proposesPlan: ({ context, event }) => {
      const d = context.diagnosis;
      if (event.type !== 'fix.apply' || !d || d.verified !== null) return false;
      return [d.fix, ...d.alternatives].some((f) => f?.id === event.planId);
    },
    // A fix was asked for and proposed (a chosen plan: only when this diagnosis proposes it).
    // (A diagnosis without a fix may still propose alternatives: wrong-port's move.)
    fixWanted: ({ context }) => {
      const d = context.diagnosis;
      if (!context.wantsFix || !d) return false;
      if (context.planId === null) return d.fix !== null;
      return [d.fix, ...d.alternatives].some((f) => f?.id === context.planId);
    },
    // Bound to another address (or listening on another port: moving the service), with
    // server access, and where it is set not read yet.
    wantsConfig: ({ context }) =>
      context.access === 'direct' &&
      (context.diagnosis?.cause === 'bound-to-other-address' ||
        (context.diagnosis?.cause === 'wrong-port' &&
          moveFrom(context.evidence, context.target) !== null)) &&
      !context.evidence.some((e) => e.probe === 'config'),
    wantsSweepHint: ({ context }) =>
      context.diagnosis?.outcome === 'refused' &&
      context.diagnosis.cause === 'not-listening' &&
      !hasServerEvidence(context.evidence) &&
      !context.evidence.some((e) => e.probe === 'sweep'),
    canRetry: ({ context, event }) =>
      event.type === 'probe.retry' &&
      ((event.vantage ?? 'server') === 'client' || context.access === 'direct'),
    /** This decision step names the diagnosis' cause: the walk stops here. */
    namesCause: ({ context }, p: { step: DecisionStep }) =>
      context.diagnosis !== null && decidingStep(context.diagnosis) === p.step,
  },
  actions: {
    decide: assign(({ context }) => decide(context)),
    // The hint comes after the diagnosis: it does not count in its duration.
    decideAfterHint: assign(({ context }) => {
      const next = decide(context);
      const ms = context.diagnosis?.durationMs;
      return next.diagnosis && ms !== undefined
        ? { ...next, diagnosis: { ...next.diagnosis, durationMs: ms } }
        : next;
    }),
    stopWalking: assign({ auto: false }),
    // A verified fix leaves nothing to do next (DESIGN §3).
    setVerified: assign({
      diagnosis: ({ context }, p: { verified: boolean }) =>
        context.diagnosis
          ? {
              ...context.diagnosis,
              verified: p.verified,
              ...(p.verified ? { nextSteps: [] } : {}),
            }
          : null,
    }),
    setChangeId: assign({
      diagnosis: ({ context }, p: { changeId: string | null }) =>
        context.diagnosis ? { ...context.diagnosis, changeId: p.changeId } : null,
    }),
    /** The plan the user chose becomes the diagnosis' fix; the proposed one an alternative. */
    useChosenPlan: assign({
      diagnosis: ({ context }) => {
        const d = context.diagnosis;
        const chosen = d?.alternatives.find((f) => f.id === context.planId);
        if (!d || !chosen) return d;
        return {
          ...d,
          fix: chosen,
          alternatives: [...(d.fix ? [d.fix] : []), ...d.alternatives.filter((f) => f !== chosen)],
        };
      },
    }),
    addWarning: assign({
      diagnosis: ({ context }, p: { warning: Message }) =>
        context.diagnosis ? withWarning(context.diagnosis, p.warning) : null,
    }),
    endPastes: assign({ pastesEnded: true }),
    startWalking: assign({ auto: true }),
    skipStep: assign({
      skipped: ({ context }, p: { step: DecisionStep }) =>
        context.skipped.includes(p.step) ? context.skipped : [...context.skipped, p.step],
    }),
    unskipStep: assign({
      skipped: ({ context }, p: { step: DecisionStep }) =>
        context.skipped.filter((s) => s !== p.step),
    }),
    setRetry: assign({
      retry: ({ event }) =>
        event.type === 'probe.retry'
          ? { probe: event.probe, vantage: event.vantage ?? 'server' }
          : null,
    }),
    setRepaste: assign({
      retry: ({ event }) =>
        event.type === 'manual.paste' ? { probe: event.probe, vantage: 'server' } : null,
    }),
    storePaste: assign({
      pasted: ({ context, event }) =>
        event.type === 'manual.paste'
          ? { ...context.pasted, [event.probe]: event.stdout }
          : context.pasted,
    }),
  },
});
