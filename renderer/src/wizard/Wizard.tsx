import { useEffect, useState, type ReactNode } from 'react';
import type { Diagnosis } from '../../../shared/evidence';
import { AnswerCard } from './AnswerCard';
import { ConsentDialog, type ApplyPhase } from './ConsentDialog';
import { StepWalk, useWalk } from './StepWalk';
import { useMessageText } from './use-msg-text';
import type { PasswordAsk } from './types';

/**
 * The result as a guide (DESIGN §3 UI hooks): the answer card first (focused, announced,
 * the proof one click away), its fix with **Apply fix** → the consent dialog (the
 * alternatives chosen inside, the exact commands, risk and undo) → progress → verified or
 * rolled back; with no fix, what to do next. **Step by step** walks the seven decision
 * steps one at a time with the map and each step's evidence.
 */
export function Wizard({
  diagnosis,
  proof,
  phase,
  onApply,
  passwordAsk = null,
  server = null,
  rollbackAt = null,
  readOnly = false,
}: {
  diagnosis: Diagnosis;
  /** The full details (evidence, raw output, ruled out), shown on demand. */
  proof: ReactNode;
  /** Where applying stands (from the machine's state). */
  phase: ApplyPhase;
  /** Applies the plan the user consented to. */
  onApply: (planId: string) => void;
  /** sudo asks for a password while the fix runs. */
  passwordAsk?: PasswordAsk | null;
  /** The server a fix runs on (`user@host`), or null: this computer. */
  server?: string | null;
  /** When the server rolls the change back by itself unless it is confirmed (ms epoch). */
  rollbackAt?: number | null;
  /** A recorded result (history): nothing can be applied from it. */
  readOnly?: boolean;
}) {
  const d = diagnosis;
  const text = useMessageText();
  // The proposed fix first; without one, what could be done instead (wrong-port's move).
  const fixes = [...(d.fix ? [d.fix] : []), ...d.alternatives];
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState(fixes[0]?.id ?? '');
  const [walking, setWalking] = useState(false);
  const walk = useWalk();
  const { reset } = walk;
  // A new diagnosis: back to the answer.
  useEffect(() => {
    setWalking(false);
    reset();
    setSelected(d.fix?.id ?? d.alternatives[0]?.id ?? '');
  }, [d.sessionId, d.fix?.id, d.alternatives[0]?.id, reset]);
  const deadman = useCountdown(rollbackAt);
  return (
    <>
      <AnswerCard
        cause={d.cause}
        confidence={d.confidence}
        summary={{ text: d.summary, ...(d.message ? { message: d.message } : {}) }}
        fix={d.fix}
        nextSteps={d.nextSteps}
        verified={d.verified}
        proof={proof}
        instead={d.fix ? null : (d.alternatives[0] ?? null)}
        serverChecked={d.evidence.some(
          (e) => e.vantage === 'server' && e.status !== 'inconclusive',
        )}
        {...(readOnly ? {} : { onApplyFix: () => setOpen(true) })}
        onStepByStep={() => {
          setWalking(true);
          walk.go(0);
        }}
      />
      {walking && (
        <StepWalk
          walk={walk}
          steps={d.steps}
          evidence={d.evidence}
          target={{ host: d.target.host, port: d.target.port }}
          outcome={d.outcome}
        />
      )}
      {!readOnly && fixes.length > 0 && (
        <ConsentDialog
          open={open}
          onOpenChange={setOpen}
          fixes={fixes}
          selectedId={selected}
          onSelect={setSelected}
          onApply={(planId) => onApply(planId)}
          passwordAsk={passwordAsk}
          server={server}
          deadmanSeconds={deadman}
          phase={phase}
          verified={d.verified}
          error={
            d.verified === null && phase === 'failed'
              ? (d.warnings ?? []).map((w, i) => text(d.warningMessages?.[i], w)).join(' ')
              : null
          }
        />
      )}
    </>
  );
}

/** Whole seconds left until `at` (ms epoch), ticking each second; null without a deadline. */
function useCountdown(at: number | null): number | null {
  const [seconds, setSeconds] = useState(() => secondsUntil(at));
  useEffect(() => {
    setSeconds(secondsUntil(at));
    if (at === null) return;
    const timer = setInterval(() => setSeconds(secondsUntil(at)), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return seconds;
}

function secondsUntil(at: number | null): number | null {
  return at === null ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
