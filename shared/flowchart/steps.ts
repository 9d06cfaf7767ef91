import { DECISION_STEPS, type DecisionStep } from '../decision-steps';
import type { Diagnosis } from '../evidence';

/**
 * The flowchart's states a person would recognise (DESIGN §2): gathering, the seven
 * decision steps in packet-path order, then the fix. Each has a short explanation the UI
 * shows (`flow.step.<id>`).
 */
export const STEP_IDS = [
  'gather',
  ...DECISION_STEPS,
  'proposeFix',
  'consent',
  'applyFix',
  'verify',
  'rollback',
  'done',
] as const;
/** One flowchart step. */
export type StepId = (typeof STEP_IDS)[number];

/** i18n key of each step's explanation (`flow.step.<id>`), e.g. for react-i18next's `t`. */
export const STEP_EXPLANATION_KEYS = Object.fromEntries(
  STEP_IDS.map((id) => [id, `flow.step.${id}`]),
) as Record<StepId, string>;

/**
 * The decision step that names the diagnosis' cause, where a walk stops: the first step
 * that fails with that cause; for `unknown`, the first step that could not tell (the
 * firewall that could not be evaluated while the SYN timed out). Null when no step
 * decides (`ok`, or `unknown` with no step to blame): the walk goes through all seven.
 */
export function decidingStep(d: Diagnosis): DecisionStep | null {
  if (d.cause === 'ok') return null;
  if (d.cause === 'unknown') {
    const firstFail = d.steps.find((s) => s.verdict === 'fail');
    const unknown = d.steps.find(
      (s) =>
        s.verdict === 'unknown' &&
        (!firstFail || DECISION_STEPS.indexOf(s.step) < DECISION_STEPS.indexOf(firstFail.step)),
    );
    return unknown?.step ?? null;
  }
  return (
    d.steps.find((s) => s.verdict === 'fail' && s.cause === d.cause)?.step ??
    d.steps.find((s) => s.verdict === 'fail')?.step ??
    null
  );
}

/** The states of applying a fix after the user's consent, in the order they run. */
export const APPLYING_STATES = [
  'applyFix',
  'verify',
  'verifyWait',
  'reproving',
  'confirming',
  'rollback',
] as const;

/**
 * Machine states in which probes or fix commands are in flight (the UI shows "busy"):
 * `snapshot.matches(s)` for any of these.
 */
export const BUSY_STATES = [
  'gather',
  'retrying',
  'reparsing',
  'hinting',
  'readingConfig',
  ...APPLYING_STATES,
] as const;
