import { z } from 'zod';
import { DiagnosisSchema, EvidenceSchema } from '../evidence';
import { DECISION_STEPS } from '../decision-steps';
import { PlanIdSchema } from '../fix-plan';
import { SESSION_ID_RE } from '../session-id';
import { CAUSES } from '../causes';
import { ProbeRequestSchema } from '../probe-request';
import { HostSchema, TargetSchema } from '../target';
import { LANGS } from '../i18n/translate';

/**
 * The one source of truth for everything the renderer may ask of the engine, in Electron
 * (IPC through the preload) and in browser mode (WebSocket). Each contract names a
 * channel (`domain.verb`), the zod schema of its request and of its answer's value. Main
 * and the web server validate every payload with these schemas; the preload and the
 * browser client build their methods by looping over {@link CONTRACT_KEYS}.
 */

/** A run id chosen by the caller, so a run can be cancelled before it answers. */
const RunIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** A server-access session id handed out by `session.open`. */
const SessionIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/**
 * The diagnosis a probe belongs to (its Diagnosis `sessionId`): the engine keeps the
 * evidence it produced for it, and proposes fixes again from that evidence when one is
 * applied by its plan id.
 */
const DiagnosisIdSchema = z.string().regex(SESSION_ID_RE);

/** The UI themes. */
export const THEMES = ['system', 'light', 'dark'] as const;

/** The remembered settings as the UI reads them. */
const SettingsValueSchema = z.object({
  language: z.enum(LANGS).nullable(),
  theme: z.enum(THEMES).nullable(),
});

/** Error codes an answer may carry. */
const ERROR_CODES = [
  'invalid-request',
  'forbidden',
  'unknown-channel',
  'not-found',
  'cancelled',
  'busy',
  'unavailable',
  'host-key-unknown',
  'host-key-changed',
  'auth-failed',
  'connection-failed',
  'internal',
] as const;

/** Why a call failed. `fingerprint` accompanies the host-key codes (SHA256:…). */
export const IpcErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fingerprint: z.string().optional(),
  /** The fingerprint previously known, for `host-key-changed`. */
  knownFingerprint: z.string().optional(),
  /** For `invalid-request`: the request field at fault (e.g. `identity`), when one is. */
  field: z.string().max(64).optional(),
});
/** Why a call failed. */
export type IpcError = z.infer<typeof IpcErrorSchema>;

/** Every request/answer pair. Keys are the channel names. */
export const contracts = {
  /** Runs one probe; progress arrives as `probe.progress` events with the same run id. */
  'probe.run': {
    request: z.object({
      runId: RunIdSchema,
      request: ProbeRequestSchema,
      sessionId: SessionIdSchema.nullable(),
      /**
       * The host under diagnosis. Without a session, server-side probes run locally when it
       * is this machine — also those whose request names no host (interfaces).
       */
      serverHost: HostSchema.optional(),
      diagnosisId: DiagnosisIdSchema.optional(),
    }),
    response: EvidenceSchema,
  },
  /** Aborts a run started with `probe.run`; `cancelled` is false when it had finished. */
  'probe.cancel': {
    request: z.object({ runId: RunIdSchema }),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** Manual mode: parses output the user pasted from the server with the engine's parsers. */
  'probe.parse': {
    request: z.object({
      request: ProbeRequestSchema,
      stdout: z.string().max(4 * 1024 * 1024),
      diagnosisId: DiagnosisIdSchema.optional(),
    }),
    response: EvidenceSchema,
  },
  /** Manual mode: the exact commands to run on the server for one server-side probe. */
  'probe.commands': {
    request: z.object({ request: ProbeRequestSchema }),
    response: z.object({
      commands: z.array(z.array(z.string())),
      /** True when the command needs root to show everything (run it with sudo). */
      privileged: z.boolean(),
    }),
  },
  /**
   * Applies (or, for a rollback, undoes) a fix the user consented to, named by its plan
   * id: the engine proposes the fixes again from the evidence it produced for that
   * diagnosis (never from argv sent here) and refuses an id it does not propose; an undo
   * names a plan this service applied. Runs on the server of the session, or on this
   * machine when the host under diagnosis is local. `applied: false` with a message when
   * it could not run (no access, sudo password…).
   */
  'fix.apply': {
    request: z.object({
      runId: RunIdSchema,
      diagnosisId: DiagnosisIdSchema,
      planId: PlanIdSchema,
      target: TargetSchema,
      service: z.string().max(256).optional(),
      skipped: z.array(z.enum(DECISION_STEPS)).max(DECISION_STEPS.length).optional(),
      direction: z.enum(['apply', 'undo']),
      sessionId: SessionIdSchema.nullable(),
      serverHost: HostSchema.optional(),
    }),
    response: z.object({
      applied: z.boolean(),
      message: z.string().optional(),
      /**
       * sudo on that machine asked for a password before anything changed: give it with
       * `privilege.password` and apply again.
       */
      needsPassword: z.boolean().optional(),
      /**
       * Seconds until the server rolls this change back by itself (the dead-man switch of
       * a firewall or network change over SSH) unless `fix.confirm` stops it.
       */
      rollbackInS: z.number().int().positive().optional(),
      /** The change-log id of the applied change (`conndoctor undo ID`). */
      changeId: z.string().regex(SESSION_ID_RE).optional(),
    }),
  },
  /**
   * After a fix was verified: a fresh SSH connection to the server stops the dead-man
   * switch armed for it (firewall and network changes over SSH). `confirmed: false` says
   * the change will be rolled back by the server.
   */
  'fix.confirm': {
    request: z.object({ diagnosisId: DiagnosisIdSchema, planId: PlanIdSchema }),
    response: z.object({ confirmed: z.boolean(), message: z.string().optional() }),
  },
  /**
   * Opens server access over SSH. An unknown host key answers `host-key-unknown` with the
   * fingerprint, so the UI can ask and retry with `acceptNew`. Secrets stay in the engine.
   */
  'session.open': {
    request: z.object({
      destination: z.string().min(1).max(300),
      identity: z.string().min(1).max(4096).optional(),
      password: z.string().max(1024).optional(),
      passphrase: z.string().max(1024).optional(),
      acceptNew: z.boolean().optional(),
    }),
    response: z.object({ sessionId: SessionIdSchema, label: z.string() }),
  },
  /** Closes a session; `closed` is false when it did not exist. */
  'session.close': {
    request: z.object({ sessionId: SessionIdSchema }),
    response: z.object({ closed: z.boolean() }),
  },
  /** The change log (every fix applied, newest first, with whether it was undone). */
  'changes.list': {
    request: z.object({}),
    response: z.array(
      z.object({
        id: z.string().regex(SESSION_ID_RE),
        time: z.string(),
        target: z.object({ host: z.string(), port: z.number().int() }),
        server: z.string().nullable(),
        plan: z.string(),
        undone: z.boolean(),
      }),
    ),
  },
  /**
   * Reverts one logged change with the undo the log recorded, on the server it was made on
   * (the session's server, or this machine for a change made here); refused elsewhere.
   */
  'changes.undo': {
    request: z.object({
      runId: RunIdSchema,
      changeId: z.string().regex(SESSION_ID_RE),
      sessionId: SessionIdSchema.nullable(),
    }),
    response: z.object({
      undone: z.boolean(),
      message: z.string().optional(),
      /** As for `fix.apply`: sudo asked for a password before anything was reverted. */
      needsPassword: z.boolean().optional(),
    }),
  },
  /**
   * The sudo password for the session's server (`sessionId`), or for this machine (null).
   * The engine checks it with sudo at once, holds it in memory for that session only, and
   * clears it when the fix it was given for ends (verified, rolled back, undone or not
   * applied), when the session closes, and after 15 minutes at most. It is never logged,
   * written anywhere or sent back. `accepted: false` holds nothing.
   */
  'privilege.password': {
    request: z.object({
      sessionId: SessionIdSchema.nullable(),
      password: z.string().min(1).max(1024),
    }),
    response: z.object({ accepted: z.boolean(), message: z.string().optional() }),
  },
  /**
   * Servers to offer in the SSH destination field: the Host aliases of ~/.ssh/config and
   * the servers connected to before (saved profiles: destination and key file, never a
   * secret), most recent first.
   */
  'servers.list': {
    request: z.object({}),
    response: z.object({
      sshConfig: z.array(z.string()),
      recent: z.array(z.object({ ssh: z.string(), identity: z.string().optional() })),
    }),
  },
  /**
   * Records a finished diagnosis in the history (history/<sessionId>.json; recording the
   * same session again, e.g. after its fix, replaces it). `server` is the server side as
   * reached ("root@10.0.0.2"), never a secret.
   */
  'history.record': {
    request: z.object({ diagnosis: DiagnosisSchema, server: z.string().max(300).nullable() }),
    response: z.object({ id: z.string().regex(SESSION_ID_RE) }),
  },
  /** The recorded sessions, newest first (as `conndoctor history --json`). */
  'history.list': {
    request: z.object({}),
    response: z.array(
      z.object({
        id: z.string().regex(SESSION_ID_RE),
        time: z.string(),
        target: z.object({ host: z.string(), port: z.number().int() }),
        cause: z.enum(CAUSES),
        fixed: z.boolean(),
        changeId: z.string().nullable(),
      }),
    ),
  },
  /** One recorded session, to reopen read-only. */
  'history.get': {
    request: z.object({ id: z.string().regex(SESSION_ID_RE) }),
    response: z.object({
      id: z.string(),
      time: z.string(),
      server: z.string().nullable(),
      diagnosis: DiagnosisSchema,
    }),
  },
  /** Deletes one recorded session; `deleted` is false when there was none. */
  'history.delete': {
    request: z.object({ id: z.string().regex(SESSION_ID_RE) }),
    response: z.object({ deleted: z.boolean() }),
  },
  /** The user's remembered choices (settings.json in the data directory); null: not chosen. */
  'settings.get': {
    request: z.object({}),
    response: SettingsValueSchema,
  },
  /** Remembers the user's choices (only the keys given); answers the settings as saved. */
  'settings.set': {
    request: z.object({ language: z.enum(LANGS).optional(), theme: z.enum(THEMES).optional() }),
    response: SettingsValueSchema,
  },
  /** What is running the UI: version, platform, desktop app or browser mode. */
  'app.info': {
    request: z.object({}),
    response: z.object({
      name: z.string(),
      version: z.string(),
      mode: z.enum(['electron', 'browser']),
      platform: z.string(),
    }),
  },
  /**
   * A diagnosis finished: the desktop app may raise a native notification when it took a
   * while and the window is in the background (`notified` says whether it did).
   */
  'app.finished': {
    request: z.object({
      target: TargetSchema,
      cause: z.enum(CAUSES),
      durationMs: z.number().nonnegative(),
    }),
    response: z.object({ notified: z.boolean() }),
  },
  /**
   * Saves a diagnosis as a report (PDF, HTML, Markdown or JSON) where the user chooses, in
   * the user's language. Desktop only: browser mode answers `unavailable`.
   */
  'report.export': {
    request: z.object({ diagnosis: DiagnosisSchema, lang: z.enum(['en', 'ko']) }),
    response: z.object({ saved: z.boolean() }),
  },
} as const;

/** The channel names of every contract. */
export type ContractKey = keyof typeof contracts;
/** Channel names as a runtime array (the preload and the browser client loop over it). */
export const CONTRACT_KEYS = Object.keys(contracts) as ContractKey[];

/** The request a contract takes (before defaults are applied). */
export type RequestOf<K extends ContractKey> = z.input<(typeof contracts)[K]['request']>;
/** The request after validation. */
export type ParsedRequestOf<K extends ContractKey> = z.output<(typeof contracts)[K]['request']>;
/** The value a contract answers with. */
export type ResponseOf<K extends ContractKey> = z.output<(typeof contracts)[K]['response']>;

/** Every answer: a value or an error, never a thrown exception across the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Events the engine side sends to the renderer. */
export const events = {
  /** A probe run started, or finished in some way. */
  'probe.progress': z.object({
    runId: RunIdSchema,
    probe: z.string(),
    phase: z.enum(['started', 'done', 'failed', 'cancelled']),
    elapsedMs: z.number(),
  }),
  /**
   * Prefill the form (`ConnDoctor --target HOST:PORT [--ssh DEST]`, also handed over by a
   * second launch). Only fills in the fields: nothing runs until the user asks.
   */
  'app.target': z.object({
    target: TargetSchema,
    ssh: z.string().min(1).max(300).nullable(),
  }),
  /** An app command chosen in the application menu. */
  'app.menu': z.object({ command: z.enum(['diagnosis.new', 'report.export', 'history.show']) }),
} as const;

/** The event names. */
export type EventKey = keyof typeof events;
/** Event names as a runtime array. */
export const EVENT_KEYS = Object.keys(events) as EventKey[];
/** The payload of one event. */
export type EventOf<K extends EventKey> = z.output<(typeof events)[K]>;

/** `probe.run` → `probeRun`: the API method name of a channel. */
export type MethodName<K extends string> = K extends `${infer A}.${infer B}`
  ? `${A}${Capitalize<B>}`
  : K;
/** `probe.progress` → `onProbeProgress`: the API subscription name of an event. */
export type SubscriptionName<K extends string> = `on${Capitalize<MethodName<K>>}`;

/** Runtime twin of {@link MethodName}. */
export function methodName<K extends string>(key: K): MethodName<K> {
  const [a = '', b = ''] = key.split('.');
  return (b === '' ? a : a + b.charAt(0).toUpperCase() + b.slice(1)) as MethodName<K>;
}

/** Runtime twin of {@link SubscriptionName}. */
export function subscriptionName<K extends string>(key: K): SubscriptionName<K> {
  const m: string = methodName(key);
  return `on${m.charAt(0).toUpperCase()}${m.slice(1)}` as SubscriptionName<K>;
}

/**
 * The API object the renderer sees as `window.conndoctor`, identical in Electron and in
 * browser mode: one method per contract, one subscription per event (returns unsubscribe).
 */
export type Api = {
  [K in ContractKey as MethodName<K>]: (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;
} & {
  [E in EventKey as SubscriptionName<E>]: (listener: (event: EventOf<E>) => void) => () => void;
};

/** A message on the browser-mode WebSocket from the page: one call. */
export const WireCallSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  payload: z.unknown(),
});
/** A message on the browser-mode WebSocket from the server: an answer or an event. */
export type WireMessage =
  | { kind: 'answer'; id: number | null; result: Result<unknown> }
  | { kind: 'event'; event: EventKey; payload: unknown };

/**
 * Builds the {@link Api} from one call function and one subscribe function: the preload
 * (IPC), browser mode (WebSocket) and the in-process API of the CLI and tests all loop
 * over the same contract and event names here.
 */
export function buildApi(
  call: (channel: ContractKey, request: unknown) => Promise<Result<unknown>>,
  subscribe: (event: EventKey, listener: (payload: unknown) => void) => () => void,
): Api {
  const methods = Object.fromEntries(
    CONTRACT_KEYS.map((k) => [methodName(k), (request: unknown) => call(k, request)]),
  );
  const subscriptions = Object.fromEntries(
    EVENT_KEYS.map((e) => [
      subscriptionName(e),
      (listener: (payload: unknown) => void) => subscribe(e, listener),
    ]),
  );
  // Object.fromEntries loses the key-to-method pairing; the names come from the contract.
  return { ...methods, ...subscriptions } as Api;
}
