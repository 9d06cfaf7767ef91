import { DECISION_STEPS, type DecisionStep } from './types';

/**
 * The decision steps in the order the machine declares its states (its config is the
 * flowchart, DESIGN §2), so the map follows the machine. A machine that does not declare
 * all seven (an older one) gets the packet-path order of DESIGN §3. Pure.
 */
export function decisionStepOrder(
  states: Readonly<Record<string, unknown>> | undefined,
): DecisionStep[] {
  const known = new Set<string>(DECISION_STEPS);
  const fromMachine = Object.keys(states ?? {}).filter((k): k is DecisionStep => known.has(k));
  return fromMachine.length === DECISION_STEPS.length ? fromMachine : [...DECISION_STEPS];
}
