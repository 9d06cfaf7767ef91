import type { Cause } from '../causes';
import type { Diagnosis, Evidence, ProbeId, Vantage } from '../evidence';

/**
 * The decision steps a person would recognise (DESIGN §2), what each one looks at, and
 * the i18n key of the short explanation the UI shows for it.
 */
export const STEP_IDS = [
  'reachability',
  'dns',
  'service',
  'listening',
  'firewall',
  'network',
  'proposeFix',
  'consent',
  'applyFix',
  'verify',
  'done',
] as const;
/** One decision step. */
export type StepId = (typeof STEP_IDS)[number];

/** The steps that read evidence (the others present the result). */
export const EVIDENCE_STEPS = [
  'reachability',
  'dns',
  'service',
  'listening',
  'firewall',
  'network',
] as const satisfies readonly StepId[];
/** A step that reads evidence. */
export type EvidenceStepId = (typeof EVIDENCE_STEPS)[number];

/** i18n key of each step's explanation (`flow.step.<id>`), e.g. for react-i18next's `t`. */
export const STEP_EXPLANATION_KEYS: Record<StepId, string> = {
  reachability: 'flow.step.reachability',
  dns: 'flow.step.dns',
  service: 'flow.step.service',
  listening: 'flow.step.listening',
  firewall: 'flow.step.firewall',
  network: 'flow.step.network',
  proposeFix: 'flow.step.proposeFix',
  consent: 'flow.step.consent',
  applyFix: 'flow.step.applyFix',
  verify: 'flow.step.verify',
  done: 'flow.step.done',
};

/** The probes whose evidence each step reads. */
export const STEP_PROBES: Record<EvidenceStepId, { probe: ProbeId; vantage: Vantage }[]> = {
  reachability: [{ probe: 'connect', vantage: 'client' }],
  dns: [{ probe: 'dns', vantage: 'client' }],
  service: [{ probe: 'service', vantage: 'server' }],
  listening: [
    { probe: 'listeners', vantage: 'server' },
    { probe: 'connect', vantage: 'server' },
  ],
  firewall: [
    { probe: 'firewall', vantage: 'server' },
    { probe: 'capture', vantage: 'server' },
  ],
  network: [
    { probe: 'interfaces', vantage: 'server' },
    { probe: 'route', vantage: 'client' },
    { probe: 'route', vantage: 'server' },
  ],
};

/** The causes each step can establish. */
export const STEP_CAUSES: Record<EvidenceStepId, readonly Cause[]> = {
  reachability: ['ok'],
  dns: ['dns-failure'],
  service: ['service-not-running', 'wrong-port'],
  listening: ['not-listening', 'bound-to-other-address'],
  firewall: ['firewall-reject', 'firewall-drop', 'upstream-filter'],
  network: ['interface-down', 'no-route', 'host-unreachable'],
};

/** What one step concluded, for the flowchart view. */
export interface StepResult {
  /** fault: a cause of this step was found; pass: its evidence shows no fault here. */
  status: 'pass' | 'fault' | 'unknown' | 'skipped' | 'no-evidence';
  /** The causes of this step that were found (the diagnosis' cause first). */
  causes: Cause[];
  /** The evidence this step read. */
  evidence: Evidence[];
}

/** Which step establishes a cause (undefined for `unknown`). */
export function stepOfCause(cause: Cause): EvidenceStepId | undefined {
  return EVIDENCE_STEPS.find((s) => STEP_CAUSES[s].includes(cause));
}

/** True when the evidence belongs to one of the step's probes. */
export function evidenceOfStep(step: EvidenceStepId, e: Evidence): boolean {
  return STEP_PROBES[step].some((p) => p.probe === e.probe && p.vantage === e.vantage);
}

/** Every step's result, from the diagnosis and the evidence (pure). */
export function stepResults(
  diagnosis: Diagnosis,
  evidence: readonly Evidence[],
  skipped: readonly StepId[],
): Record<EvidenceStepId, StepResult> {
  const found = [diagnosis.cause, ...diagnosis.alsoFound.map((a) => a.cause)];
  const out = {} as Record<EvidenceStepId, StepResult>;
  for (const step of EVIDENCE_STEPS) {
    const ev = evidence.filter((e) => evidenceOfStep(step, e));
    const causes = found.filter((c) => STEP_CAUSES[step].includes(c) && c !== 'ok');
    let status: StepResult['status'];
    if (skipped.includes(step)) status = 'skipped';
    else if (causes.length > 0) status = 'fault';
    else if (step === 'reachability' && diagnosis.outcome !== 'ok') status = 'fault';
    else if (ev.length === 0) status = 'no-evidence';
    else if (ev.every((e) => e.status === 'inconclusive')) status = 'unknown';
    else status = 'pass';
    out[step] = { status, causes, evidence: ev };
  }
  return out;
}

/**
 * Machine states in which probes or fix commands are in flight (the UI shows "busy"):
 * `snapshot.matches(s)` for any of these.
 */
export const BUSY_STATES = [
  'gather',
  'retrying',
  'reparsing',
  'hinting',
  'applyFix',
  'verify',
  'rollback',
] as const;
