import { and, assign } from 'xstate';
import type { ProbeRequest } from '../probe-request';
import { configPid, moveFrom, requestFor, sweepHintPorts } from './requests';
import { DECISION_STEPS, type DecisionStep } from '../decision-steps';
import { STEP_EXPLANATION_KEYS } from './steps';
import {
  failedEvidence,
  flow,
  newSessionId,
  params,
  replaceEvidence,
  type DiagnoseContext,
} from './diagnose.setup';
import { clientRegion, serverRegion } from './gather.states';
import {
  applyFixState,
  confirmingState,
  consentState,
  rollbackState,
  verifyState,
  verifyWaitState,
  reprovingState,
} from './fix.states';

/**
 * The diagnosis flowchart (DESIGN §2): gather evidence in parallel, then walk the steps a
 * person would recognise, then propose the fix. The only place that decides what to check
 * next. Runs in the renderer and in the CLI; each provides the `runProbe` and
 * `parsePasted` actors (`machine.provide({ actors })`). Nothing here touches the network.
 */

export type {
  ApplyFixInput,
  ApplyFixOutput,
  DiagnoseContext,
  DiagnoseEvent,
  DiagnoseOptions,
  ParsePastedInput,
  ServerAccess,
} from './diagnose.setup';
export { failedEvidence } from './diagnose.setup';

/**
 * Events every decision step and the result accept: re-run one probe (server probes only
 * with server access; in manual mode a new paste replaces the old one).
 */
const reviewEvents = {
  'probe.retry': { guard: 'canRetry', target: '#diagnose.retrying', actions: 'setRetry' },
  'manual.paste': {
    guard: 'canRepaste',
    target: '#diagnose.reparsing',
    actions: ['storePaste', 'setRepaste'],
  },
} as const;

/**
 * One decision step (DESIGN §2). Its finding is in `context.steps`; when it names the
 * diagnosis' cause (`namesCause`) the walk stops here and goes on to the fix, otherwise it
 * moves to the next step of the packet path. `step.skip` sets its evidence aside and
 * decides again; `step.back` hands control to the user.
 */
function decisionStep(
  id: DecisionStep,
  next: DecisionStep | 'proposeFix',
  prev: DecisionStep | null,
) {
  const stops = { type: 'namesCause', params: { step: id } } as const;
  return flow.createStateConfig({
    meta: { explanation: STEP_EXPLANATION_KEYS[id] },
    always: [
      { guard: and(['walking', stops]), target: 'proposeFix' },
      { guard: 'walking', target: next },
    ],
    on: {
      ...reviewEvents,
      'step.next': [{ guard: stops, target: 'proposeFix' }, { target: next }],
      'step.skip': {
        target: next,
        actions: [{ type: 'skipStep', params: { step: id } }, 'decide'],
      },
      ...(prev
        ? {
            'step.back': {
              target: prev,
              actions: ['stopWalking', { type: 'unskipStep', params: { step: prev } }, 'decide'],
            },
          }
        : {}),
    },
  });
}

/** `step.back` from the fix: to the step that named the cause, else the last step. */
const backToDecidingStep = [
  ...DECISION_STEPS.map((s) => ({
    guard: { type: 'namesCause' as const, params: { step: s } },
    target: s,
    actions: 'stopWalking' as const,
  })),
  { target: 'service', actions: 'stopWalking' as const },
];

/**
 * The config probe's request: the process that owns the listener bound elsewhere, or
 * (wrong-port) the one on the port the service listens on instead, with that port.
 */
function configRequest(context: DiagnoseContext): ProbeRequest {
  const base = requestFor('config', 'server', params(context));
  if (context.diagnosis?.cause === 'wrong-port') {
    const from = moveFrom(context.evidence, context.target);
    return from ? { ...base, pid: from.pid, listenPort: from.port } : base;
  }
  const pid = configPid(context.evidence, context.target);
  return pid !== null ? { ...base, pid } : base;
}

const retryRequest = ({ context }: { context: DiagnoseContext }): ProbeRequest =>
  requestFor(
    context.retry?.probe ?? 'connect',
    context.retry?.vantage ?? 'client',
    params(context),
  );

/**
 * The flowchart machine. Send `diagnose.start` with a target; read `context.diagnosis`
 * once the machine is in `done` (and `context.steps` at any decision step).
 */
export const diagnoseMachine = flow.createMachine({
  id: 'diagnose',
  context: {
    target: null,
    timeoutMs: 3000,
    access: 'none',
    auto: true,
    wantsFix: false,
    planId: null,
    verifyTries: 0,
    fixAttempted: false,
    evidence: [],
    pasted: {},
    pastesEnded: false,
    skipped: [],
    retry: null,
    diagnosis: null,
    steps: null,
    sessionId: '',
    startedAt: 0,
  },
  initial: 'idle',
  on: {
    // Choosing an alternative plan (before consent): the one applied if the user agrees.
    'fix.choose': { actions: assign({ planId: ({ event }) => event.planId }) },
    'diagnose.start': {
      guard: 'validStart',
      target: '.gather',
      actions: assign(({ event }) =>
        event.type === 'diagnose.start'
          ? {
              target: event.target,
              timeoutMs: event.timeoutMs ?? 3000,
              service: event.service,
              access: event.access ?? 'none',
              auto: event.auto ?? true,
              wantsFix: event.fix ?? false,
              planId: event.planId ?? null,
              fixAttempted: false,
              evidence: [],
              pasted: {},
              pastesEnded: false,
              skipped: [],
              retry: null,
              diagnosis: null,
              steps: null,
              sessionId: newSessionId(),
              startedAt: Date.now(),
            }
          : {},
      ),
    },
  },
  states: {
    idle: {},
    gather: {
      type: 'parallel',
      meta: { explanation: 'flow.step.gather' },
      on: { cancel: { target: 'cancelled' }, 'manual.paste': { actions: 'storePaste' } },
      states: {
        connect: clientRegion('connect'),
        dns: clientRegion('dns'),
        clientRoute: clientRegion('clientRoute'),
        listeners: serverRegion('listeners'),
        service: serverRegion('service'),
        firewall: serverRegion('firewall'),
        interfaces: serverRegion('interfaces'),
        serverRoute: serverRegion('serverRoute'),
        serverConnect: serverRegion('serverConnect'),
        capture: serverRegion('capture'),
      },
      onDone: { target: 'dns', actions: 'decide' },
    },
    dns: decisionStep('dns', 'route', null),
    route: decisionStep('route', 'network', 'dns'),
    network: decisionStep('network', 'path', 'route'),
    path: decisionStep('path', 'firewall', 'network'),
    firewall: decisionStep('firewall', 'listening', 'path'),
    listening: decisionStep('listening', 'service', 'firewall'),
    service: decisionStep('service', 'proposeFix', 'listening'),
    proposeFix: {
      meta: { explanation: STEP_EXPLANATION_KEYS.proposeFix },
      always: [
        { guard: and(['walking', 'wantsConfig']), target: 'readingConfig' },
        { guard: and(['walking', 'wantsSweepHint']), target: 'hinting' },
        { guard: and(['walking', 'fixWanted']), target: 'consent' },
        { guard: 'walking', target: 'done' },
      ],
      on: {
        ...reviewEvents,
        'step.next': [
          { guard: 'wantsConfig', target: 'readingConfig' },
          { guard: 'wantsSweepHint', target: 'hinting' },
          { guard: 'fixWanted', target: 'consent' },
          { target: 'done' },
        ],
        'step.back': backToDecidingStep,
      },
    },
    done: {
      meta: { explanation: STEP_EXPLANATION_KEYS.done },
      on: {
        ...reviewEvents,
        'step.back': { target: 'proposeFix', actions: 'stopWalking' },
        // The user consented in the UI to this plan (the proposed fix or an alternative).
        'fix.apply': {
          guard: 'proposesPlan',
          target: 'applyFix',
          actions: [
            assign({ planId: ({ event }) => event.planId, wantsFix: false }),
            'useChosenPlan',
          ],
        },
      },
    },
    consent: consentState,
    applyFix: applyFixState,
    verify: verifyState,
    verifyWait: verifyWaitState,
    reproving: reprovingState,
    confirming: confirmingState,
    rollback: rollbackState,
    /** After a client-only refusal: which ports nearby are open? (the wrong port?) */
    hinting: {
      on: { cancel: { target: 'done' } },
      invoke: {
        src: 'runProbe',
        input: ({ context }) => ({
          request: {
            probe: 'sweep' as const,
            vantage: 'client' as const,
            host: context.target?.host ?? 'localhost',
            portList: sweepHintPorts(context.target?.port ?? 1),
            timeoutMs: Math.min(context.timeoutMs, 1000),
          },
          diagnosisId: context.sessionId,
        }),
        onDone: {
          target: 'done',
          actions: [
            assign({ evidence: ({ context, event }) => [...context.evidence, event.output] }),
            'decideAfterHint',
          ],
        },
        onError: { target: 'done' },
      },
    },
    /**
     * Bound to another address, with server access: read where the owning program sets its
     * address (the file it really uses) — the evidence its config.edit fix is made from.
     */
    readingConfig: {
      on: { cancel: { target: 'done' } },
      invoke: {
        src: 'runProbe',
        input: ({ context }) => ({
          request: configRequest(context),
          diagnosisId: context.sessionId,
        }),
        onDone: {
          target: 'proposeFix',
          actions: [
            assign({
              evidence: ({ context, event }) => replaceEvidence(context.evidence, event.output),
            }),
            'decide',
          ],
        },
        onError: {
          target: 'proposeFix',
          actions: [
            assign({
              evidence: ({ context, event }) =>
                replaceEvidence(context.evidence, failedEvidence('config', 'server', event.error)),
            }),
            'decide',
          ],
        },
      },
    },
    retrying: {
      on: { cancel: { target: 'done' } },
      invoke: {
        src: 'runProbe',
        input: ({ context }) => ({
          request: retryRequest({ context }),
          diagnosisId: context.sessionId,
        }),
        onDone: {
          target: 'dns',
          actions: [
            assign({
              evidence: ({ context, event }) => replaceEvidence(context.evidence, event.output),
            }),
            'startWalking',
            'decide',
          ],
        },
        onError: {
          target: 'dns',
          actions: [
            assign({
              evidence: ({ context, event }) =>
                replaceEvidence(
                  context.evidence,
                  failedEvidence(
                    context.retry?.probe ?? 'connect',
                    context.retry?.vantage ?? 'client',
                    event.error,
                  ),
                ),
            }),
            'startWalking',
            'decide',
          ],
        },
      },
    },
    reparsing: {
      on: { cancel: { target: 'done' } },
      invoke: {
        src: 'parsePasted',
        input: ({ context }) => ({
          probe: context.retry?.probe ?? 'listeners',
          stdout: context.pasted[context.retry?.probe ?? 'listeners'] ?? '',
          request: retryRequest({ context }),
          diagnosisId: context.sessionId,
        }),
        onDone: {
          target: 'dns',
          actions: [
            assign({
              evidence: ({ context, event }) => replaceEvidence(context.evidence, event.output),
            }),
            'startWalking',
            'decide',
          ],
        },
        onError: {
          target: 'dns',
          actions: [
            assign({
              evidence: ({ context, event }) =>
                replaceEvidence(
                  context.evidence,
                  failedEvidence(context.retry?.probe ?? 'listeners', 'server', event.error),
                ),
            }),
            'startWalking',
            'decide',
          ],
        },
      },
    },
    cancelled: {},
  },
});
