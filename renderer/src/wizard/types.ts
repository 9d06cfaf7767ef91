import type { Cause } from '../../../shared/causes';
import type { Message } from '../../../shared/i18n/message';
import {
  DECISION_STEPS,
  type DecisionStep,
  type StepVerdict,
} from '../../../shared/decision-steps';

/**
 * The props the wizard components take. They mirror the shapes the flowchart's step
 * findings and the fix plans carry (DESIGN §2, §3) so `wizardView(snapshot)` and the
 * diagnosis can be passed in as they are; fields still being added elsewhere are optional.
 */

export { DECISION_STEPS };
export type { DecisionStep, StepVerdict };

/** One step's finding (DESIGN §2 `StepFinding`). */
export interface StepFindingView {
  step: DecisionStep;
  verdict: StepVerdict;
  cause: Cause | null;
  /** English sentence (scripts); shown only when there is no message. */
  summary: string;
  message?: Message;
  /** Evidence ids `<vantage>.<probe>`, e.g. `server.listeners`. */
  evidence: readonly string[];
}

/** One node of the flowchart map. */
export interface MapStep {
  id: DecisionStep;
  /** null until the step was visited. */
  verdict: StepVerdict | null;
}

/** A fix plan as the UI shows it (DESIGN §3 `fix`). */
export interface FixView {
  id: string;
  kind?: string;
  description: string;
  message?: Message;
  commands: readonly (readonly string[])[];
  privileged: boolean;
  persistent: boolean;
  undo: readonly (readonly string[])[];
  diff: string | null;
  risk?: string | null;
  riskMessage?: Message;
}

/** One next step when there is no fix (DESIGN §3 `nextSteps`). */
export interface NextStepView {
  why: string;
  message?: Message;
  command: readonly string[] | null;
}

/** The sudo password asked for while a fix runs (`refused`: why the last one was not accepted). */
export interface PasswordAsk {
  refused: string | null;
  /** The password, or null: do not apply. */
  answer(password: string | null): void;
}
