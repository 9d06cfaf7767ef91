import { useCallback, useState } from 'react';
import type { Outcome } from '../../../shared/causes';
import type { Evidence } from '../../../shared/evidence';
import { diagnoseMachine } from '../../../shared/flowchart/diagnose.machine';
import { StepEvidence } from './evidence/StepEvidence';
import { FlowchartMap } from './FlowchartMap';
import { decisionStepOrder } from './step-order';
import { StepPanel } from './StepPanel';
import type { DecisionStep, StepFindingView } from './types';

/** The decision steps in the order the machine walks them (read from the machine itself). */
export const STEP_ORDER = decisionStepOrder(diagnoseMachine.config.states);

/** Where a walk through the decision steps stands: the current step and how far it went. */
export interface WalkState {
  index: number;
  /** How many steps were shown so far (their verdicts show on the map). */
  visited: number;
  go: (index: number) => void;
  reset: () => void;
}

/** The state of a walk; `go` clamps to the steps and remembers the farthest one seen. */
export function useWalk(): WalkState {
  const [index, setIndex] = useState(0);
  const [visited, setVisited] = useState(1);
  const go = useCallback((i: number) => {
    const n = Math.max(0, Math.min(i, STEP_ORDER.length - 1));
    setIndex(n);
    setVisited((v) => Math.max(v, n + 1));
  }, []);
  const reset = useCallback(() => {
    setIndex(0);
    setVisited(1);
  }, []);
  return { index, visited, go, reset };
}

/**
 * The step-by-step walk: the flowchart map (a step's verdict shows once it was visited)
 * and the current step's panel with its evidence; Next / Back (and Skip when given) move.
 */
export function StepWalk({
  walk,
  steps,
  evidence,
  target,
  outcome,
  onSkip,
}: {
  walk: WalkState;
  steps: readonly StepFindingView[];
  evidence: readonly Evidence[];
  target: { host: string; port: number };
  outcome: Outcome;
  onSkip?: () => void;
}) {
  const step: DecisionStep = STEP_ORDER[walk.index] ?? 'dns';
  const finding = steps.find((f) => f.step === step);
  if (finding === undefined) return null;
  return (
    <section className="wz-walk">
      <FlowchartMap
        steps={STEP_ORDER.map((s, i) => ({
          id: s,
          verdict: i < walk.visited ? (steps.find((f) => f.step === s)?.verdict ?? null) : null,
        }))}
        current={step}
        onSelect={(s) => walk.go(STEP_ORDER.indexOf(s))}
      />
      <StepPanel
        finding={finding}
        index={walk.index}
        total={STEP_ORDER.length}
        onNext={() => walk.go(walk.index + 1)}
        onBack={() => walk.go(walk.index - 1)}
        {...(onSkip ? { onSkip } : {})}
      >
        <StepEvidence step={step} evidence={evidence} target={target} outcome={outcome} />
      </StepPanel>
    </section>
  );
}
