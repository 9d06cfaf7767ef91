import { z } from 'zod';
import { CAUSES } from './causes';
import { MessageSchema } from './i18n/message';

/**
 * The seven decision steps (DESIGN §2, §3 `steps`) in packet-path order: the order of the
 * cause priority, so the first failing step names the cause.
 */
export const DECISION_STEPS = [
  'dns',
  'route',
  'network',
  'path',
  'firewall',
  'listening',
  'service',
] as const;
/** One decision step. */
export type DecisionStep = (typeof DECISION_STEPS)[number];

/**
 * What a step concluded: `pass` (its evidence shows no fault here), `fail` (it proves
 * `cause`), `unknown` (looked and could not tell), `skipped` (not evaluated: no server
 * access, an earlier answer made it moot, or the user skipped it — the summary says which).
 */
export const STEP_VERDICTS = ['pass', 'fail', 'unknown', 'skipped'] as const;
/** A step's verdict. */
export type StepVerdict = (typeof STEP_VERDICTS)[number];

/** Evidence id `<vantage>.<probe>`, e.g. `server.listeners`. */
export const EVIDENCE_ID_RE = /^(client|server)\.[a-z]+$/;

/** One step's finding (DESIGN §2 `StepFinding`). */
export const StepFindingSchema = z.object({
  step: z.enum(DECISION_STEPS),
  verdict: z.enum(STEP_VERDICTS),
  /** The fault this step's failure proves; null unless `verdict` is `fail`. */
  cause: z.enum(CAUSES).nullable(),
  /** One English sentence (for scripts); the UI and the CLI render `message`. */
  summary: z.string(),
  message: MessageSchema,
  /** The evidence the step read, as `<vantage>.<probe>` ids. */
  evidence: z.array(z.string().regex(EVIDENCE_ID_RE)),
});
/** One step's finding. */
export type StepFinding = z.infer<typeof StepFindingSchema>;
