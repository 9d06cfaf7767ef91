import type { Cause } from '../../../../shared/causes';
import { serviceFixes } from '../../../../shared/diagnosis/fixes';
import type { Diagnosis } from '../../../../shared/evidence';
import closed from '../../../../tests/fixtures/wizard/local-closed.json';
import loopback from '../../../../tests/fixtures/wizard/local-loopback.json';
import ok from '../../../../tests/fixtures/wizard/local-ok.json';
import { DECISION_STEPS, type DecisionStep, type FixView, type StepFindingView } from '../types';

/**
 * Development-only data for the wizard preview page: diagnoses captured from real probes
 * (tests/fixtures/wizard). Until the machine records step findings (`wizardView`), the
 * preview derives them from the diagnosis' cause: the step that owns it fails, the steps
 * before pass, the rest are skipped.
 */
export const CASES = {
  closed: closed as unknown as Diagnosis,
  loopback: loopback as unknown as Diagnosis,
  ok: ok as unknown as Diagnosis,
} as const;
/** One preview case. */
export type CaseId = keyof typeof CASES;

const OWNER: Partial<Record<Cause, DecisionStep>> = {
  'dns-failure': 'dns',
  'no-route': 'route',
  'host-unreachable': 'route',
  'interface-down': 'network',
  'upstream-filter': 'path',
  'firewall-reject': 'firewall',
  'firewall-drop': 'firewall',
  'bound-to-other-address': 'listening',
  'wrong-port': 'listening',
  'not-listening': 'listening',
  'service-not-running': 'listening',
};

/** Stand-in findings for the preview (see above). */
export function previewFindings(d: Diagnosis): StepFindingView[] {
  const owner = OWNER[d.cause];
  const at = owner === undefined ? DECISION_STEPS.length : DECISION_STEPS.indexOf(owner);
  return DECISION_STEPS.map((step, i) => ({
    step,
    verdict: i < at ? 'pass' : i === at ? 'fail' : 'skipped',
    cause: i === at ? d.cause : null,
    summary: i === at ? d.summary : '',
    evidence: [],
  }));
}

/** A real fix proposal from the shared catalogue (start a systemd unit, or enable it). */
export function previewFixes(): FixView[] {
  const p = serviceFixes({ manager: 'systemd', name: 'nginx' });
  return [...(p.fix !== null ? [p.fix] : []), ...p.alternatives];
}
