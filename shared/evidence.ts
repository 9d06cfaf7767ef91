import { z } from 'zod';
import { FixSchema } from './fix-plan';
import { CAUSES, OUTCOMES } from './causes';
import { StepFindingSchema } from './decision-steps';
import { MessageSchema } from './i18n/message';
import { SESSION_ID_RE } from './session-id';

/** Names of every probe (DESIGN §3 `conndoctor probe NAME`). */
export const PROBE_IDS = [
  'connect',
  'dns',
  'listeners',
  'service',
  'interfaces',
  'route',
  'firewall',
  'capture',
  'sweep',
  'config',
] as const;
/** One probe name. */
export type ProbeId = (typeof PROBE_IDS)[number];

/** Where a probe ran: where the user is, or on the server. */
export const VantageSchema = z.enum(['client', 'server']);
/** Where a probe ran. */
export type Vantage = z.infer<typeof VantageSchema>;

/**
 * One piece of evidence (DESIGN §3 `evidence[]`). `ok` is true when the check passed
 * (a connect succeeded, a listener exists, a unit is active…). `status` refines it:
 * `inconclusive` means the output could not be read or was not allowed — never "nothing".
 */
export const EvidenceSchema = z.object({
  probe: z.enum(PROBE_IDS),
  vantage: VantageSchema,
  command: z.array(z.string()),
  ok: z.boolean(),
  status: z.enum(['pass', 'fail', 'inconclusive']),
  summary: z.string(),
  /** `summary` as a message, for rendering in the user's language (JSON keeps `summary`). */
  message: MessageSchema.optional(),
  /** The summary's further lines as messages, when it has several (the firewall's backends). */
  details: z.array(MessageSchema).optional(),
  data: z.unknown(),
  ms: z.number(),
  /** Raw output as captured (capped, control characters stripped), for "show the proof". */
  raw: z.string().optional(),
  /** Why the result is inconclusive, when it is. */
  reason: z.string().optional(),
  /** `reason` as a message. */
  reasonMessage: MessageSchema.optional(),
});
/** One piece of evidence. */
export type Evidence = z.infer<typeof EvidenceSchema>;

/** The firewall rule that decided (DESIGN §3 `rule`). */
export const RuleSchema = z.object({
  source: z.enum(['iptables', 'nftables']),
  table: z.string(),
  chain: z.string(),
  position: z.number().int(),
  text: z.string(),
  verdict: z.enum(['reject', 'drop']),
  frontEnd: z
    .object({
      source: z.enum(['ufw', 'firewalld', 'fail2ban', 'docker']),
      text: z.string(),
    })
    .nullable(),
});
/** The firewall rule that decided. */
export type Rule = z.infer<typeof RuleSchema>;

/** A fix proposal (DESIGN §3 `fix`): a rendered plan, see `fix-plan.ts`. */
export { FixSchema, type Fix } from './fix-plan';

/** The complete diagnosis (DESIGN §3). Every key is always present. */
/** One thing to do or run next (DESIGN §3 `nextSteps`). */
export const NextStepSchema = z.object({
  why: z.string(),
  command: z.array(z.string()).nullable(),
  message: MessageSchema.optional(),
});
/** One next step. */
export type NextStep = z.infer<typeof NextStepSchema>;

export const DiagnosisSchema = z.object({
  target: z.object({
    host: z.string(),
    port: z.number().int(),
    addresses: z.array(z.string()),
  }),
  outcome: z.enum(OUTCOMES),
  cause: z.enum(CAUSES),
  confidence: z.enum(['high', 'medium', 'low']),
  summary: z.string(),
  /** `summary` as a message, for rendering in the user's language. */
  message: MessageSchema.optional(),
  evidence: z.array(EvidenceSchema),
  ruledOut: z.array(
    z.object({ cause: z.enum(CAUSES), by: z.string(), message: MessageSchema.optional() }),
  ),
  alsoFound: z.array(
    z.object({ cause: z.enum(CAUSES), summary: z.string(), message: MessageSchema.optional() }),
  ),
  rule: RuleSchema.nullable(),
  fix: FixSchema.nullable(),
  alternatives: z.array(FixSchema),
  verified: z.boolean().nullable(),
  durationMs: z.number(),
  /** The seven decision steps in packet-path order (DESIGN §3); the first `fail` names `cause`. */
  steps: z.array(StepFindingSchema),
  /**
   * What to do or run next: `[]` for `ok` and after a verified fix, otherwise never empty;
   * with a fix, the first entry is applying it. `command` may be null.
   */
  nextSteps: z.array(NextStepSchema),
  /** The change-log id once a fix was applied (`conndoctor undo ID`), else null. */
  changeId: z.string().nullable(),
  /** The session's id (`^\d{8}T\d{6}Z-[0-9a-f]{6}$`), also its history file's name. */
  sessionId: z.string().regex(SESSION_ID_RE),
  /** Non-fatal remarks (e.g. one of several addresses failed). */
  warnings: z.array(z.string()).optional(),
  /** `warnings` as messages, index for index (absent when a warning has none). */
  warningMessages: z.array(MessageSchema).optional(),
  /** Hints found after the diagnosis (e.g. open ports near a refused one: the wrong port?). */
  hints: z.array(z.string()).optional(),
});
/** The complete diagnosis. */
export type Diagnosis = z.infer<typeof DiagnosisSchema>;
