import { DECISION_STEPS, type DecisionStep } from './types';

/**
 * The decision steps in the order the machine declares its states (its config is the
 * flowchart, DESIGN §2), so the map follows the machine. Steps the machine does not (yet)
 * declare keep their packet-path place after those it does. Pure.
 */
export function decisionStepOrder(
  states: Readonly<Record<string, unknown>> | undefined,
): DecisionStep[] {
  const known = new Set<string>(DECISION_STEPS);
  const fromMachine = Object.keys(states ?? {}).filter((k): k is DecisionStep => known.has(k));
  const rest = DECISION_STEPS.filter((s) => !fromMachine.includes(s));
  return [...fromMachine, ...rest];
}
