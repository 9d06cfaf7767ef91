import type { Outcome, Cause } from '../../causes';
import type { DecisionStep, StepFinding, StepVerdict } from '../../decision-steps';
import type { Evidence, Rule } from '../../evidence';
import type { GuardInput } from '../../flowchart/guards';
import { english } from '../../i18n/translate';
import { msg, type Message, type MessageParams } from '../../i18n/message';
import { NO_FIX, type FixProposal } from '../fixes';

/** One fault the evidence proves (or, client-only, suggests). */
export interface Finding {
  cause: Cause;
  /** English rendering of `message` (JSON keeps it for scripts). */
  summary: string;
  message: Message;
  confidence: 'high' | 'medium' | 'low';
  rule: Rule | null;
  proposal: FixProposal;
}

/** Builds a finding from a `diagnosis.*` message. */
export function finding(
  cause: Cause,
  id: string,
  params: MessageParams,
  confidence: Finding['confidence'],
  extra: Partial<Pick<Finding, 'rule' | 'proposal'>> = {},
): Finding {
  const message = msg(id, params);
  return {
    cause,
    summary: english(message),
    message,
    confidence,
    rule: extra.rule ?? null,
    proposal: extra.proposal ?? NO_FIX,
  };
}

/** What every step reads: the evidence, the target and what the client saw. */
export interface StepContext {
  input: GuardInput;
  outcome: Outcome;
  /** Server-side evidence exists (SSH, a local target, or pasted outputs). */
  serverSide: boolean;
  timeoutMs: number;
  /** Steps the user chose to skip. */
  skipped: ReadonlySet<DecisionStep>;
}

/** A step's decision: its public finding and the faults it proves (the first is its cause). */
export interface StepDecision {
  finding: StepFinding;
  faults: Finding[];
}

/** The probes each step reads, as evidence ids `<vantage>.<probe>`. */
export const STEP_EVIDENCE: Record<DecisionStep, readonly string[]> = {
  dns: ['client.dns', 'client.connect'],
  route: ['client.route', 'client.connect'],
  network: ['server.interfaces', 'server.route'],
  path: ['server.capture', 'server.connect', 'client.connect'],
  firewall: ['server.firewall'],
  listening: ['server.listeners', 'server.connect', 'server.service', 'client.sweep'],
  service: ['server.service'],
};

/** The ids of the step's evidence that was gathered. */
export function evidenceIds(step: DecisionStep, evidence: readonly Evidence[]): string[] {
  const have = new Set(evidence.map((e) => `${e.vantage}.${e.probe}`));
  return STEP_EVIDENCE[step].filter((id) => have.has(id));
}

/** A decision without a fault. */
export function verdict(
  ctx: StepContext,
  step: DecisionStep,
  v: Exclude<StepVerdict, 'fail'>,
  id: string,
  params: MessageParams = {},
): StepDecision {
  const message = msg(id, params);
  return {
    finding: {
      step,
      verdict: v,
      cause: null,
      summary: english(message),
      message,
      evidence: evidenceIds(step, ctx.input.evidence),
    },
    faults: [],
  };
}

/** A failing decision: the faults sorted by packet-path order, the first is the step's cause. */
export function failed(ctx: StepContext, step: DecisionStep, faults: Finding[]): StepDecision {
  const [first] = faults;
  if (!first) throw new Error(`step ${step} failed without a fault`);
  return {
    finding: {
      step,
      verdict: 'fail',
      cause: first.cause,
      summary: first.summary,
      message: first.message,
      evidence: evidenceIds(step, ctx.input.evidence),
    },
    faults,
  };
}

/** The skip every step shares: the user skipped it, or it needs server access there is not. */
export function commonSkip(
  ctx: StepContext,
  step: DecisionStep,
  needsServer: boolean,
): StepDecision | null {
  if (ctx.skipped.has(step)) return verdict(ctx, step, 'skipped', 'diagnosis.step.skippedByUser');
  if (needsServer && !ctx.serverSide) {
    return verdict(ctx, step, 'skipped', 'diagnosis.step.skippedNoAccess');
  }
  return null;
}
