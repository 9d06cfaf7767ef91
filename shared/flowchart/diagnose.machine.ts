import { and, assign } from 'xstate';
import type { ProbeRequest } from '../probe-request';
import { requestFor, sweepHintPorts } from './requests';
import { STEP_EXPLANATION_KEYS, type EvidenceStepId, type StepId } from './steps';
import {
  failedEvidence,
  flow,
  params,
  replaceEvidence,
  type DiagnoseContext,
} from './diagnose.setup';
import { clientRegion, serverRegion } from './gather.states';
import { applyFixState, consentState, rollbackState, verifyState } from './fix.states';

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

function step(id: EvidenceStepId, next: StepId, prev: StepId) {
  return flow.createStateConfig({
    meta: { explanation: STEP_EXPLANATION_KEYS[id] },
    always: { guard: 'walking', target: next },
    on: {
      ...reviewEvents,
      'step.next': { target: next },
      'step.skip': {
        target: next,
        actions: [{ type: 'skipStep', params: { step: id } }, 'decide'],
      },
      'step.back': {
        target: prev,
        actions: ['stopWalking', { type: 'unskipStep', params: { step: prev } }, 'decide'],
      },
    },
  });
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
    evidence: [],
    pasted: {},
    pastesEnded: false,
    skipped: [],
    retry: null,
    diagnosis: null,
    steps: null,
    startedAt: 0,
  },
  initial: 'idle',
  on: {
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
              evidence: [],
              pasted: {},
              pastesEnded: false,
              skipped: [],
              retry: null,
              diagnosis: null,
              steps: null,
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
      onDone: { target: 'reachability', actions: 'decide' },
    },
    reachability: {
      meta: { explanation: STEP_EXPLANATION_KEYS.reachability },
      always: [
        { guard: and(['walking', 'connectOk']), target: 'proposeFix' },
        { guard: 'walking', target: 'dns' },
      ],
      on: {
        ...reviewEvents,
        'step.next': [{ guard: 'connectOk', target: 'proposeFix' }, { target: 'dns' }],
      },
    },
    dns: step('dns', 'service', 'reachability'),
    service: step('service', 'listening', 'dns'),
    listening: step('listening', 'firewall', 'service'),
    firewall: step('firewall', 'network', 'listening'),
    network: step('network', 'proposeFix', 'firewall'),
    proposeFix: {
      meta: { explanation: STEP_EXPLANATION_KEYS.proposeFix },
      always: [
        { guard: and(['walking', 'wantsSweepHint']), target: 'hinting' },
        { guard: and(['walking', 'fixWanted']), target: 'consent' },
        { guard: 'walking', target: 'done' },
      ],
      on: {
        ...reviewEvents,
        'step.next': [
          { guard: 'wantsSweepHint', target: 'hinting' },
          { guard: 'fixWanted', target: 'consent' },
          { target: 'done' },
        ],
        'step.back': [
          { guard: 'connectOk', target: 'reachability', actions: 'stopWalking' },
          { target: 'network', actions: 'stopWalking' },
        ],
      },
    },
    done: {
      meta: { explanation: STEP_EXPLANATION_KEYS.done },
      on: { ...reviewEvents, 'step.back': { target: 'proposeFix', actions: 'stopWalking' } },
    },
    consent: consentState,
    applyFix: applyFixState,
    verify: verifyState,
    rollback: rollbackState,
    /** After a client-only refusal: which ports nearby are open? (the wrong port?) */
    hinting: {
      on: { cancel: { target: 'done' } },
      invoke: {
        src: 'runProbe',
        input: ({ context }) => ({
          probe: 'sweep' as const,
          vantage: 'client' as const,
          host: context.target?.host ?? 'localhost',
          portList: sweepHintPorts(context.target?.port ?? 1),
          timeoutMs: Math.min(context.timeoutMs, 1000),
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
    retrying: {
      on: { cancel: { target: 'done' } },
      invoke: {
        src: 'runProbe',
        input: retryRequest,
        onDone: {
          target: 'reachability',
          actions: [
            assign({
              evidence: ({ context, event }) => replaceEvidence(context.evidence, event.output),
            }),
            'startWalking',
            'decide',
          ],
        },
        onError: {
          target: 'reachability',
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
        }),
        onDone: {
          target: 'reachability',
          actions: [
            assign({
              evidence: ({ context, event }) => replaceEvidence(context.evidence, event.output),
            }),
            'startWalking',
            'decide',
          ],
        },
        onError: {
          target: 'reachability',
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
