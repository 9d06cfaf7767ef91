import type { SnapshotFrom } from 'xstate';
import type { Diagnosis, Evidence, Fix, ProbeId } from '../evidence';
import type { Message } from '../i18n/message';
import type { ProbeRequest } from '../probe-request';
import { DECISION_STEPS } from '../decision-steps';
import type { diagnoseMachine } from './diagnose.machine';
import type { ServerAccess } from './diagnose.setup';
import { fixOf } from './fix.states';
import { GATHER_KEYS, GATHER_PROBES, gatherRequest, type GatherKey } from './requests';
import { APPLYING_STATES, BUSY_STATES } from './steps';

/**
 * What a UI shows of the flowchart machine, derived from its snapshot in one place
 * (DESIGN §2): the renderer and the CLI read this and derive nothing themselves.
 */

/** One step of the flowchart as a UI lists it. */
export interface StepView {
  id: string;
  state: 'pending' | 'active' | 'pass' | 'fault' | 'unknown' | 'skipped' | 'no-evidence';
}

/** A server-side check waiting for its pasted output (manual mode). */
export interface AwaitedPaste {
  probe: ProbeId;
  request: ProbeRequest;
}

/** What one pasted output was read as. */
export interface PasteReading {
  probe: ProbeId;
  /** `inconclusive`: the output was not recognised (the summary says why). */
  status: Evidence['status'];
  summary: string;
  message?: Message;
}

/** The view of one snapshot. */
export interface WizardView {
  /** Probes run (not: waiting for the user to paste). */
  busy: boolean;
  done: boolean;
  /** Gathering: checks finished of all. */
  progress: { finished: number; total: number } | null;
  steps: StepView[];
  /** The final diagnosis, once done. */
  diagnosis: Diagnosis | null;
  access: ServerAccess;
  awaiting: AwaitedPaste[];
  /** Manual mode: what each pasted output was read as (the parsers' own summary). */
  recognised: PasteReading[];
  /** The fix waiting for the user's consent, while the machine asks. */
  consentFix: Fix | null;
  /** Where applying a fix stands: idle, applying, verifying, done (verified or rolled back), failed (not applied). */
  applyPhase: 'idle' | 'applying' | 'verifying' | 'done' | 'failed';
}

/** States of asking for and applying a fix, in which the diagnosis stays on screen. */
const FIX_STATES = ['consent', ...APPLYING_STATES] as const;

/** The steps a UI lists, in flowchart order (the fix steps only when a fix was asked for). */
const SHOWN_STEPS = ['gather', ...DECISION_STEPS, 'proposeFix'] as const;
const FIX_STEPS = ['consent', 'applyFix', 'verify'] as const;

/** A step finding's verdict as a step list shows it. */
const VERDICT_STATE = {
  pass: 'pass',
  fail: 'fault',
  unknown: 'unknown',
  skipped: 'skipped',
} as const;

/** Derives the view of a snapshot; `fixAsked`: the user asked for the fix at the start. */
export function wizardView(
  snapshot: SnapshotFrom<typeof diagnoseMachine>,
  fixAsked: boolean,
): WizardView {
  const done = snapshot.matches('done');
  const ctx = snapshot.context;

  const regions: Partial<Record<GatherKey, string>> =
    snapshot.matches('gather') && typeof snapshot.value === 'object'
      ? (snapshot.value as { gather: Partial<Record<GatherKey, string>> }).gather
      : {};
  const regionStates = Object.values(regions);
  const finished = regionStates.filter((v) => v === 'done' || v === 'skipped').length;
  const progress = regionStates.length > 0 ? { finished, total: regionStates.length } : null;
  const tgt = ctx.target;
  const awaiting: AwaitedPaste[] =
    tgt === null
      ? []
      : GATHER_KEYS.filter((k) => regions[k] === 'awaitingPaste').map((k) => ({
          probe: GATHER_PROBES[k].probe,
          request: gatherRequest(k, { target: tgt, timeoutMs: ctx.timeoutMs }),
        }));
  // Waiting for the user to paste is not work in flight: the app takes input then.
  const running = regionStates.some((v) => v === 'running' || v === 'parsing');
  const busy = BUSY_STATES.some((s) => snapshot.matches(s)) && !(awaiting.length > 0 && !running);

  const verified = ctx.diagnosis?.verified ?? null;
  const fixStep = (id: (typeof FIX_STEPS)[number]): StepView['state'] => {
    if (!done) return 'pending';
    if (verified === null) return 'skipped';
    if (id === 'verify') return verified ? 'pass' : 'fault';
    return 'pass';
  };
  const shown = [...SHOWN_STEPS, ...(fixAsked ? FIX_STEPS : []), 'done' as const];
  const steps: StepView[] = shown.map((id) => {
    if (id === 'done' && done) return { id, state: 'pass' };
    if (snapshot.matches(id)) return { id, state: 'active' };
    if (id === 'gather') return { id, state: ctx.steps === null ? 'pending' : 'pass' };
    if (id === 'proposeFix' || id === 'done') {
      if (!done) return { id, state: 'pending' };
      return { id, state: id === 'proposeFix' && !ctx.diagnosis?.fix ? 'skipped' : 'pass' };
    }
    if (id === 'consent' || id === 'applyFix' || id === 'verify') return { id, state: fixStep(id) };
    const r = ctx.steps?.find((f) => f.step === id);
    return { id, state: r ? VERDICT_STATE[r.verdict] : 'pending' };
  });

  const fixing = FIX_STATES.some((st) => snapshot.matches(st));
  const applyPhase: WizardView['applyPhase'] = snapshot.matches('applyFix')
    ? 'applying'
    : fixing && !snapshot.matches('consent')
      ? 'verifying'
      : done && ctx.fixAttempted
        ? ctx.diagnosis?.verified === null
          ? 'failed'
          : 'done'
        : 'idle';
  return {
    busy,
    done,
    progress,
    steps,
    // The named cause stays on screen while its fix is applied and verified.
    diagnosis: done || fixing ? ctx.diagnosis : null,
    applyPhase,
    access: ctx.access,
    awaiting,
    recognised: ctx.evidence
      .filter((e) => e.vantage === 'server' && ctx.pasted[e.probe] !== undefined)
      .map((e) => ({
        probe: e.probe,
        status: e.status,
        summary: e.summary,
        ...(e.message ? { message: e.message } : {}),
      })),
    consentFix: snapshot.matches('consent') ? fixOf(ctx) : null,
  };
}
