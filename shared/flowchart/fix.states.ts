import { assign } from 'xstate';
import type { Fix } from '../evidence';
import { msg } from '../i18n/message';
import { requestFor } from './requests';
import { STEP_EXPLANATION_KEYS } from './steps';
import {
  flow,
  params,
  replaceEvidence,
  type ApplyFixInput,
  type DiagnoseContext,
} from './diagnose.setup';

/**
 * After the proposal, when the user asked for the fix (DESIGN §2): `consent` to that exact
 * command, `applyFix`, `verify` by connecting again; a failed verification (or a cancel
 * while applying or verifying) rolls the fix back. `diagnosis.verified` tells the end:
 * true = fixed and proven, false = applied, not proven, rolled back, null = not applied.
 */

/**
 * The fix to apply: the plan the user chose (an alternative) when the diagnosis proposes
 * it, else the proposed fix (the states below are entered only when there is one).
 */
export function fixOf(c: DiagnoseContext): Fix {
  const d = c.diagnosis;
  const chosen = [d?.fix ?? null, ...(d?.alternatives ?? [])].find(
    (f) => f !== null && f.id === c.planId,
  );
  const fix = chosen ?? d?.fix;
  if (!fix) throw new Error('no fix to apply');
  return fix;
}

function applyInput(c: DiagnoseContext, direction: 'apply' | 'undo'): ApplyFixInput {
  return {
    fix: fixOf(c),
    direction,
    diagnosisId: c.sessionId,
    target: c.target ?? { host: 'localhost', port: 1 },
    ...(c.service !== undefined ? { service: c.service } : {}),
    skipped: c.skipped,
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Waits for consent: the `askConsent` actor's answer, or `fix.accept` / `fix.decline`. */
export const consentState = flow.createStateConfig({
  meta: { explanation: STEP_EXPLANATION_KEYS.consent },
  // One attempt per diagnosis: walking back and forth later does not ask again.
  entry: [assign({ wantsFix: false }), 'useChosenPlan'],
  invoke: {
    src: 'askConsent',
    input: ({ context }) => fixOf(context),
    onDone: [
      { guard: ({ event }) => event.output, target: 'applyFix' },
      {
        target: 'done',
        actions: { type: 'addWarning', params: { warning: msg('diagnosis.warning.fixDeclined') } },
      },
    ],
    onError: {
      target: 'done',
      actions: {
        type: 'addWarning',
        params: ({ event }) => ({
          warning: msg('diagnosis.warning.noConsent', { error: errorText(event.error) }),
        }),
      },
    },
  },
  on: {
    'fix.accept': { target: 'applyFix' },
    'fix.decline': {
      target: 'done',
      actions: { type: 'addWarning', params: { warning: msg('diagnosis.warning.fixDeclined') } },
    },
    cancel: { target: 'done' },
  },
});

/** Runs the fix's commands (the provided actor elevates and logs the change). */
export const applyFixState = flow.createStateConfig({
  meta: { explanation: STEP_EXPLANATION_KEYS.applyFix },
  entry: assign({ verifyTries: 0, fixAttempted: true }),
  invoke: {
    src: 'applyFix',
    input: ({ context }) => applyInput(context, 'apply'),
    onDone: [
      {
        guard: ({ event }) => event.output.applied,
        target: 'verify',
        actions: {
          type: 'setChangeId',
          params: ({ event }) => ({ changeId: event.output.changeId ?? null }),
        },
      },
      {
        target: 'done',
        actions: {
          type: 'addWarning',
          params: ({ event }) => ({
            warning: event.output.message
              ? msg('diagnosis.warning.notApplied', { error: event.output.message })
              : msg('diagnosis.warning.notAppliedNoReason'),
          }),
        },
      },
    ],
    // It may have run part of its commands: undo them.
    onError: {
      target: 'rollback',
      actions: [
        { type: 'setVerified', params: { verified: false } },
        {
          type: 'addWarning',
          params: ({ event }) => ({
            warning: msg('diagnosis.warning.applyFailed', { error: errorText(event.error) }),
          }),
        },
      ],
    },
  },
  on: {
    cancel: { target: 'rollback', actions: { type: 'setVerified', params: { verified: false } } },
  },
});

/** Connects again from the client: the proof that the fix worked. */
export const verifyState = flow.createStateConfig({
  meta: { explanation: STEP_EXPLANATION_KEYS.verify },
  invoke: {
    src: 'runProbe',
    input: ({ context }) => ({
      request: requestFor('connect', 'client', params(context)),
      diagnosisId: context.sessionId,
    }),
    onDone: [
      {
        // With server access, the proving probe runs again first.
        guard: ({ context, event }) => event.output.ok && context.access === 'direct',
        target: 'reproving',
        actions: [
          assign({
            evidence: ({ context, event }) => replaceEvidence(context.evidence, event.output),
          }),
          { type: 'setVerified', params: { verified: true } },
        ],
      },
      {
        guard: ({ event }) => event.output.ok,
        target: 'confirming',
        actions: [
          assign({
            evidence: ({ context, event }) => replaceEvidence(context.evidence, event.output),
          }),
          { type: 'setVerified', params: { verified: true } },
        ],
      },
      // A started service may need a moment to bind: a few more tries, then roll back.
      {
        guard: ({ context }) => context.verifyTries < VERIFY_TRIES - 1,
        target: 'verifyWait',
        actions: assign({ verifyTries: ({ context }) => context.verifyTries + 1 }),
      },
      {
        target: 'rollback',
        actions: [
          assign({
            evidence: ({ context, event }) => replaceEvidence(context.evidence, event.output),
          }),
          { type: 'setVerified', params: { verified: false } },
        ],
      },
    ],
    onError: { target: 'rollback', actions: { type: 'setVerified', params: { verified: false } } },
  },
  on: {
    cancel: { target: 'rollback', actions: { type: 'setVerified', params: { verified: false } } },
  },
});

/** How many connects verify a fix before it counts as failed, and the pause between them. */
export const VERIFY_TRIES = 4;
const VERIFY_PAUSE_MS = 500;

/** The pause between two verification connects. */
export const verifyWaitState = flow.createStateConfig({
  meta: { explanation: STEP_EXPLANATION_KEYS.verify },
  after: { [VERIFY_PAUSE_MS]: { target: 'verify' } },
  on: {
    cancel: { target: 'rollback', actions: { type: 'setVerified', params: { verified: false } } },
  },
});

/**
 * The connection works: the probe that proved the cause runs again on the server, so the
 * proof beside "verified" is today's (the rule gone, the unit active, the link up). Its
 * failure does not undo a verified fix.
 */
export const reprovingState = flow.createStateConfig({
  meta: { explanation: STEP_EXPLANATION_KEYS.verify },
  invoke: {
    src: 'runProbe',
    input: ({ context }) => ({
      request: requestFor(fixOf(context).verify, 'server', params(context)),
      diagnosisId: context.sessionId,
    }),
    onDone: {
      target: 'confirming',
      actions: assign(({ context, event }) => {
        const evidence = replaceEvidence(context.evidence, event.output);
        return {
          evidence,
          diagnosis: context.diagnosis ? { ...context.diagnosis, evidence } : null,
        };
      }),
    },
    onError: { target: 'confirming' },
  },
});

/**
 * The fix is verified: the engine stops the dead-man switch it armed for a firewall or
 * network change over SSH, through a fresh connection. If it cannot, the server rolls the
 * change back: the fix does not count as verified.
 */
export const confirmingState = flow.createStateConfig({
  meta: { explanation: STEP_EXPLANATION_KEYS.verify },
  invoke: {
    src: 'confirmFix',
    input: ({ context }) => ({ diagnosisId: context.sessionId, planId: fixOf(context).id }),
    onDone: [
      { guard: ({ event }) => event.output.confirmed, target: 'done' },
      {
        target: 'done',
        actions: [
          { type: 'setVerified', params: { verified: false } },
          {
            type: 'addWarning',
            params: ({ event }) => ({
              warning: event.output.message
                ? msg('diagnosis.warning.rolledBack', { error: event.output.message })
                : msg('diagnosis.warning.rolledBackUnconfirmed'),
            }),
          },
        ],
      },
    ],
    onError: {
      target: 'done',
      actions: [
        { type: 'setVerified', params: { verified: false } },
        {
          type: 'addWarning',
          params: ({ event }) => ({
            warning: msg('diagnosis.warning.rolledBack', { error: errorText(event.error) }),
          }),
        },
      ],
    },
  },
});

/** Undoes the fix (verification failed, or the user cancelled while it ran). */
export const rollbackState = flow.createStateConfig({
  meta: { explanation: 'flow.step.rollback' },
  invoke: {
    src: 'applyFix',
    input: ({ context }) => applyInput(context, 'undo'),
    onDone: [
      { guard: ({ event }) => event.output.applied, target: 'done' },
      {
        target: 'done',
        actions: {
          type: 'addWarning',
          params: ({ event }) => ({
            warning: event.output.message
              ? msg('diagnosis.warning.rollbackFailed', { error: event.output.message })
              : msg('diagnosis.warning.rollbackFailedNoReason'),
          }),
        },
      },
    ],
    onError: {
      target: 'done',
      actions: {
        type: 'addWarning',
        params: ({ event }) => ({
          warning: msg('diagnosis.warning.rollbackFailed', { error: errorText(event.error) }),
        }),
      },
    },
  },
});
