import { assign } from 'xstate';
import { GATHER_PROBES, gatherRequest, type GatherKey } from './requests';
import { failedEvidence, flow, params, replaceEvidence } from './diagnose.setup';

/**
 * The gather phase's regions: client checks always run; server checks run over the
 * server executor (`direct`), wait for pasted output (`manual`, pasteable probes only),
 * or are skipped.
 */

/** Server checks that are about the address the client reaches. */
const NEEDS_ADDRESS: readonly GatherKey[] = ['firewall', 'serverRoute', 'serverConnect', 'capture'];
/** Checks about the client's source address: they wait for the client's own route. */
const NEEDS_SOURCE: readonly GatherKey[] = ['firewall'];

function runState(key: GatherKey) {
  const { probe, vantage } = GATHER_PROBES[key];
  return flow.createStateConfig({
    invoke: {
      src: 'runProbe',
      input: ({ context }) => ({
        request: gatherRequest(key, params(context)),
        diagnosisId: context.sessionId,
      }),
      onDone: {
        target: 'done',
        actions: assign({
          evidence: ({ context, event }) => replaceEvidence(context.evidence, event.output),
        }),
      },
      onError: {
        target: 'done',
        actions: assign({
          evidence: ({ context, event }) =>
            replaceEvidence(context.evidence, failedEvidence(probe, vantage, event.error)),
        }),
      },
    },
  });
}

/** A region that always runs its probe on the client side. */
export function clientRegion(key: GatherKey) {
  return flow.createStateConfig({
    initial: 'running',
    states: { running: runState(key), done: { type: 'final' } },
  });
}

/** A region for a server-side probe: run, await a paste, or skip. */
export function serverRegion(key: GatherKey) {
  const { probe, vantage } = GATHER_PROBES[key];
  const needsAddress = NEEDS_ADDRESS.includes(key);
  const needsSource = NEEDS_SOURCE.includes(key);
  return flow.createStateConfig({
    initial: 'pending',
    states: {
      pending: {
        // Checks about the address the client reaches wait for the client's dns answer
        // when the target is a name, the firewall for the client's own route (its source
        // address): milliseconds. The others start at once.
        always: [
          {
            guard: { type: 'readyToRun', params: { needsAddress, needsSource } },
            target: 'running',
          },
          { guard: { type: 'manualFor', params: { probe } }, target: 'awaitingPaste' },
          { guard: 'notDirect', target: 'skipped' },
        ],
      },
      running: runState(key),
      awaitingPaste: {
        // A paste is parsed once it is there and (for checks about the reached address)
        // the client's dns has answered; `manual.skip` for this check, or `manual.done`
        // without a paste, skips it (unknown, never "not installed").
        always: [
          {
            guard: { type: 'pasteReady', params: { probe, needsAddress, needsSource } },
            target: 'parsing',
          },
          { guard: { type: 'pasteNeverCame', params: { probe } }, target: 'skipped' },
        ],
        on: {
          'manual.paste': { guard: { type: 'pasteIs', params: { probe } }, actions: 'storePaste' },
          'manual.done': { actions: 'endPastes' },
          'manual.skip': { guard: { type: 'skipIs', params: { probe } }, target: 'skipped' },
        },
      },
      parsing: {
        invoke: {
          src: 'parsePasted',
          input: ({ context }) => ({
            probe,
            stdout: context.pasted[probe] ?? '',
            request: gatherRequest(key, params(context)),
            diagnosisId: context.sessionId,
          }),
          onDone: {
            target: 'done',
            actions: assign({
              evidence: ({ context, event }) => replaceEvidence(context.evidence, event.output),
            }),
          },
          onError: {
            target: 'done',
            actions: assign({
              evidence: ({ context, event }) =>
                replaceEvidence(context.evidence, failedEvidence(probe, vantage, event.error)),
            }),
          },
        },
      },
      done: { type: 'final' },
      skipped: { type: 'final' },
    },
  });
}
