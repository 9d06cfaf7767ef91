import { msg } from '../../shared/i18n/message';
import { english } from '../../shared/i18n/translate';
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { ZodError, z } from 'zod';
import { EvidenceSchema, type Evidence } from '../../shared/evidence';
import type { ProbeRequest, ProbeRequestParsed } from '../../shared/probe-request';
import {
  contracts,
  type ContractKey,
  type EventKey,
  type EventOf,
  type IpcError,
  type ParsedRequestOf,
  type ResponseOf,
  type Result,
} from '../../shared/ipc/contracts';
import { runProbe as engineRunProbe } from './engine';
import type { Executor } from './exec/executor';
import { isLocalTarget } from './local-host';
import type { ProbeContext } from './probes/registry';
import { inconclusiveEvidence } from '../../shared/inconclusive-evidence';
import { buildDiagnosis } from '../../shared/diagnosis/build-diagnosis';
import type { Fix } from '../../shared/fix-plan';
import { needsDeadMan, type RollbackRefusal, type ScheduledRollback } from './fixes/apply';
import type { ChangeRecord, Store, UndoRecord } from './store/store';
import { argvToText } from '../../shared/argv-text';
import { replaceEvidence } from '../../shared/flowchart/diagnose.setup';

/**
 * The engine side of the IPC contracts, shared by the Electron main process and browser
 * mode: validates every payload with the contract's schema, keeps server-access sessions
 * and probe runs (run ids, cancel, progress events) for one window or one browser tab.
 * Transport code only moves bytes; all decisions about a call are made here.
 */

/** Raised by a session opener; the code and fingerprints go back to the UI as they are. */
export class SessionOpenError extends Error {
  constructor(
    readonly code: IpcError['code'],
    message: string,
    readonly fingerprint?: string,
    readonly knownFingerprint?: string,
    /** The request field at fault, for `invalid-request`. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Server-access request after validation (secrets included: never log it). */
export type SessionOpenRequest = ParsedRequestOf<'session.open'>;

/** Where an executor reads the sudo password the service holds for it (never a copy). */
export interface Privilege {
  sudoPassword: () => string | undefined;
}

/** How long a sudo password is held at most, whatever happens. */
const SUDO_HOLD_MS = 15 * 60_000;
/** The key of this machine's sudo password (sessions use their ids). */
const LOCAL_SCOPE = 'local';

/** What the service needs from the rest of the engine; tests pass their own. */
export interface ServiceDeps {
  /** Runs one probe (default: the engine's `runProbe`). */
  runProbe?: (req: ProbeRequest, ctx: ProbeContext) => Promise<Evidence>;
  /**
   * The executor for this machine (client vantage, and server vantage for local targets);
   * it elevates with the sudo password the service holds for this machine, if any.
   */
  localExecutor: (privilege?: Privilege) => Executor;
  /**
   * Opens SSH server access; throws {@link SessionOpenError}. The executor elevates with
   * the sudo password the service holds for that session, if any.
   */
  openSession?: (
    req: SessionOpenRequest,
    signal: AbortSignal,
    privilege?: Privilege,
  ) => Promise<{ executor: Executor; label: string }>;
  /** Manual mode: parses pasted server output with the probe's own parser. */
  parsePasted?: (req: ProbeRequestParsed, stdout: string) => Promise<Evidence>;
  /** Manual mode: the commands a server-side probe would run. */
  commandsFor?: (req: ProbeRequestParsed) => Promise<{ commands: string[][]; privileged: boolean }>;
  /**
   * Applies or undoes a consented fix on an executor (elevating when the fix says so,
   * logging the change). Absent: fixes cannot be applied by this build.
   */
  applyFix?: (
    fix: Fix,
    direction: 'apply' | 'undo',
    executor: Executor,
    signal: AbortSignal,
  ) => Promise<ResponseOf<'fix.apply'>>;
  /**
   * Schedules the undo of a firewall or network change on an SSH server before it is made
   * (the dead-man switch); absent: no switch (tests).
   */
  scheduleRollback?: (
    fix: Fix,
    executor: Executor,
    signal: AbortSignal,
  ) => Promise<ScheduledRollback | RollbackRefusal>;
  /** Logs an applied change (the change log); returns its id. Absent: not logged. */
  recordChange?: (change: AppliedChange) => Promise<string>;
  /** Logs the undo of a logged change. */
  recordUndo?: (changeId: string, result: 'reverted' | 'failed') => Promise<void>;
  /** The change log (the store's). Absent: no change log in this build. */
  changeLog?: () => Promise<{ changes: ChangeRecord[]; undos: UndoRecord[] }>;
  /** True when a host is this machine (loopback or one of its own addresses). */
  isLocalHost?: (host: string) => Promise<boolean>;
  /** A diagnosis finished (desktop: maybe a notification). Absent: nothing happens. */
  onFinished?: (run: ParsedRequestOf<'app.finished'>) => boolean;
  /** Saves a report where the user chooses (desktop). Absent: `unavailable`. */
  exportReport?: (req: ParsedRequestOf<'report.export'>) => Promise<ResponseOf<'report.export'>>;
  appInfo: ResponseOf<'app.info'>;
  /** The history of diagnoses (the store's). Absent: nothing is recorded. */
  history?: Pick<Store, 'recordSession' | 'listSessions' | 'readSession' | 'deleteSession'>;
  /** Hosts of ~/.ssh/config, offered as destinations. Absent: none. */
  sshConfigHosts?: () => Promise<string[]>;
  /**
   * Servers connected to before (destination and key file path; never a secret). `remember`
   * is called after a session opened. Absent: nothing is remembered.
   */
  recentServers?: {
    list(): Promise<{ ssh: string; identity?: string }[]>;
    remember(server: { ssh: string; identity?: string }): Promise<void>;
  };
  /** The user's remembered choices (the store's settings). Absent: nothing is remembered. */
  settings?: {
    read(): Promise<{ language?: 'en' | 'ko'; theme?: 'system' | 'light' | 'dark' }>;
    update(patch: ParsedRequestOf<'settings.set'>): Promise<{
      language?: 'en' | 'ko';
      theme?: 'system' | 'light' | 'dark';
    }>;
  };
}

/** What the change log records of an applied fix. */
export interface AppliedChange {
  fix: Fix;
  target: { host: string; port: number };
  /** The server's label (SSH destination), or null for this machine. */
  server: string | null;
  diagnosisId: string;
}

/** Sends one event to the window or tab the service belongs to. */
export type Emit = <E extends EventKey>(event: E, payload: EventOf<E>) => void;

/** One service per window or browser tab. */
export interface Service {
  /** Validates and answers one call. Never throws. */
  dispatch(channel: string, payload: unknown): Promise<Result<unknown>>;
  /** Cancels every run and closes every session. */
  close(): Promise<void>;
}

const MAX_RUNS = 64;
const MAX_SESSIONS = 8;
/** Diagnoses whose evidence is kept for applying their fixes (the oldest are dropped). */
const MAX_DIAGNOSES = 16;

function fail(code: IpcError['code'], message: string): { ok: false; error: IpcError } {
  return { ok: false, error: { code, message } };
}

/** The host a request is about, if any. */
function hostOf(req: ProbeRequestParsed): string | undefined {
  return req.target?.host ?? req.host ?? req.address;
}

function inconclusivePaste(req: ProbeRequestParsed): Evidence {
  const summary = msg('evidence.paste.unreadable', { probe: req.probe });
  return inconclusiveEvidence(req.probe, req.vantage, [], msg('evidence.paste.noParser'), {
    summary: english(summary),
    message: summary,
  });
}

/** Creates the service for one window or browser tab. */
export function createService(deps: ServiceDeps, emit: Emit): Service {
  const run = deps.runProbe ?? engineRunProbe;
  const isLocalHost = deps.isLocalHost ?? isLocalTarget;
  const runs = new Map<string, AbortController>();
  const sessions = new Map<
    string,
    { executor: Executor; label: string; request: SessionOpenRequest }
  >();
  /** Dead-man switches armed for applied, not yet verified changes (by diagnosis and plan). */
  const switches = new Map<string, { rollback: ScheduledRollback; sessionId: string }>();
  /** Change-log ids of applied plans (by diagnosis and plan). */
  const changeIds = new Map<string, string>();
  /**
   * sudo passwords given with `privilege.password`, by session id (this machine:
   * LOCAL_SCOPE): in memory only, cleared when the fix they were given for ends.
   */
  const sudo = new Map<string, { password: string; timer: ReturnType<typeof setTimeout> }>();
  /** Which password scope applied a plan (by diagnosis and plan): cleared at its outcome. */
  const fixScopes = new Map<string, string>();
  function forgetSudo(scope: string | undefined): void {
    if (scope === undefined) return;
    const held = sudo.get(scope);
    if (held) clearTimeout(held.timer);
    sudo.delete(scope);
  }
  function holdSudo(scope: string, password: string): void {
    forgetSudo(scope);
    const timer = setTimeout(() => sudo.delete(scope), SUDO_HOLD_MS);
    timer.unref?.();
    sudo.set(scope, { password, timer });
  }
  const privilegeOf = (scope: string): Privilege => ({
    sudoPassword: () => sudo.get(scope)?.password,
  });
  const localPrivilege = privilegeOf(LOCAL_SCOPE);
  /** This machine's executor, elevating with this machine's held password. */
  const local = (): Executor => deps.localExecutor(localPrivilege);
  const opening = new Set<AbortController>();
  /** The evidence this service produced, per diagnosis: fixes are proposed again from it. */
  const produced = new Map<string, Evidence[]>();
  /** The plans this service applied, per diagnosis: what an undo may name. */
  const applied = new Map<string, Map<string, Fix>>();
  let closed = false;

  function keep(diagnosisId: string | undefined, e: Evidence): void {
    if (diagnosisId === undefined) return;
    const list = produced.get(diagnosisId) ?? [];
    produced.delete(diagnosisId);
    produced.set(diagnosisId, replaceEvidence(list, e));
    while (produced.size > MAX_DIAGNOSES) {
      const oldest = produced.keys().next().value;
      if (oldest === undefined) break;
      produced.delete(oldest);
      applied.delete(oldest);
    }
  }

  /** The plan `planId` as this service proposes it now, or the one it applied (undo). */
  function planFor(req: ParsedRequestOf<'fix.apply'>): Fix | string {
    if (req.direction === 'undo') {
      return (
        applied.get(req.diagnosisId)?.get(req.planId) ??
        `fix ${req.planId} was not applied in this diagnosis: nothing to undo`
      );
    }
    const evidence = produced.get(req.diagnosisId);
    if (!evidence) return 'this diagnosis ran elsewhere or is too old: diagnose again';
    const d = buildDiagnosis({
      target: req.target,
      evidence,
      ...(req.service !== undefined ? { service: req.service } : {}),
      ...(req.skipped !== undefined ? { skipped: req.skipped } : {}),
      durationMs: 0,
      sessionId: req.diagnosisId,
    });
    const fix = [d.fix, ...d.alternatives].find((f) => f?.id === req.planId);
    return fix ?? `this diagnosis proposes no fix ${req.planId}`;
  }

  /** Cancels the dead-man switch of a verified fix through a fresh SSH connection. */
  async function confirm(key: string): Promise<Result<ResponseOf<'fix.confirm'>>> {
    const armed = switches.get(key);
    if (!armed) return { ok: true, value: { confirmed: true } };
    // Only a fresh SSH connection proves the change left the server reachable: open one
    // with the same access and cancel the switch through it.
    const s = sessions.get(armed.sessionId);
    if (!s || !deps.openSession) {
      return {
        ok: true,
        value: { confirmed: false, message: 'the server session is gone; the rollback will run' },
      };
    }
    const ac = new AbortController();
    let fresh: { executor: Executor } | null = null;
    try {
      fresh = await deps.openSession(s.request, ac.signal);
      const stopped = await armed.rollback.cancel();
      if (!stopped) {
        return {
          ok: true,
          value: { confirmed: false, message: 'the scheduled rollback could not be stopped' },
        };
      }
      switches.delete(key);
      return { ok: true, value: { confirmed: true } };
    } catch (e) {
      return {
        ok: true,
        value: {
          confirmed: false,
          message: `a new SSH connection failed after the change (${e instanceof Error ? e.message : String(e)}); the server rolls it back`,
        },
      };
    } finally {
      await fresh?.executor.close();
    }
  }

  type Handlers = {
    [K in ContractKey]: (req: ParsedRequestOf<K>) => Promise<Result<ResponseOf<K>>>;
  };

  const handlers: Handlers = {
    'probe.run': async ({ runId, request, sessionId, serverHost, diagnosisId }) => {
      if (runs.has(runId)) return fail('invalid-request', `run id ${runId} is already in use`);
      if (runs.size >= MAX_RUNS) return fail('busy', 'too many probes are running');
      let server: Executor | null = null;
      if (sessionId !== null) {
        const s = sessions.get(sessionId);
        if (!s) return fail('not-found', 'this server session is closed; connect again');
        server = s.executor;
      }
      const ac = new AbortController();
      // One probe may run many commands, each listening for the abort.
      setMaxListeners(256, ac.signal);
      runs.set(runId, ac);
      const started = Date.now();
      const progress = (phase: EventOf<'probe.progress'>['phase']) =>
        emit('probe.progress', {
          runId,
          probe: request.probe,
          phase,
          elapsedMs: Date.now() - started,
        });
      progress('started');
      try {
        if (server === null && request.vantage === 'server') {
          const host = serverHost ?? hostOf(request);
          if (host !== undefined && (await isLocalHost(host))) server = local();
        }
        const ctx: ProbeContext = {
          client: local(),
          server,
          signal: ac.signal,
          counterProof: 'when-needed',
        };
        const evidence = EvidenceSchema.parse(await run(request, ctx));
        if (ac.signal.aborted) {
          progress('cancelled');
          return fail('cancelled', `${request.probe} was cancelled`);
        }
        progress('done');
        keep(diagnosisId, evidence);
        return { ok: true, value: evidence };
      } catch (e) {
        if (ac.signal.aborted) {
          progress('cancelled');
          return fail('cancelled', `${request.probe} was cancelled`);
        }
        progress('failed');
        if (e instanceof ZodError) return fail('invalid-request', z.prettifyError(e));
        return fail('internal', e instanceof Error ? e.message : String(e));
      } finally {
        runs.delete(runId);
      }
    },
    'fix.apply': async (req) => {
      const { runId, direction, sessionId, serverHost } = req;
      if (runs.has(runId)) return fail('invalid-request', `run id ${runId} is already in use`);
      const fix = planFor(req);
      if (typeof fix === 'string') return fail('not-found', fix);
      let executor: Executor | null = null;
      let server: string | null = null;
      if (sessionId !== null) {
        const s = sessions.get(sessionId);
        if (!s) return fail('not-found', 'this server session is closed; connect again');
        executor = s.executor;
        server = s.label;
      } else if (serverHost !== undefined && (await isLocalHost(serverHost))) {
        executor = local();
      }
      const notApplied = (message: string) => ({
        ok: true as const,
        value: { applied: false, message },
      });
      if (!deps.applyFix) {
        return notApplied('this build cannot apply fixes: run the command yourself');
      }
      if (executor === null) {
        return notApplied('no server access: run the command on the server yourself');
      }
      const key = `${req.diagnosisId}/${fix.id}`;
      const scope = sessionId ?? LOCAL_SCOPE;
      const ac = new AbortController();
      runs.set(runId, ac);
      try {
        if (direction === 'undo') {
          // The engine undoes it now: the switch must not undo it a second time.
          const armed = switches.get(key);
          switches.delete(key);
          if (armed) await armed.rollback.cancel();
        } else if (
          sessionId !== null &&
          executor.kind === 'ssh' &&
          needsDeadMan(fix) &&
          deps.scheduleRollback
        ) {
          const armed = await deps.scheduleRollback(fix, executor, ac.signal);
          if ('refused' in armed) {
            forgetSudo(scope);
            return {
              ok: true,
              value: {
                applied: false,
                message: `not applied: no rollback could be scheduled first (${armed.refused})`,
                ...(armed.needsPassword ? { needsPassword: true } : {}),
              },
            };
          }
          switches.set(key, { rollback: armed, sessionId });
        }
        const result = await deps.applyFix(fix, direction, executor, ac.signal);
        const done = applied.get(req.diagnosisId) ?? new Map<string, Fix>();
        applied.set(req.diagnosisId, done);
        if (direction === 'apply') {
          if (!result.applied) {
            // Nothing changed (what ran was undone): disarm the switch. The password (if
            // one was given) is cleared: the fix ended, or sudo refused that password.
            const armed = switches.get(key);
            switches.delete(key);
            if (armed) await armed.rollback.cancel();
            forgetSudo(scope);
            return { ok: true, value: result };
          }
          fixScopes.set(key, scope);
          done.set(fix.id, fix);
          const changeId = await deps.recordChange?.({
            fix,
            target: req.target,
            server,
            diagnosisId: req.diagnosisId,
          });
          if (changeId !== undefined) changeIds.set(key, changeId);
          const armed = switches.get(key);
          return {
            ok: true,
            value: {
              ...result,
              ...(changeId ? { changeId } : {}),
              ...(armed ? { rollbackInS: armed.rollback.afterS } : {}),
            },
          };
        }
        if (result.applied) done.delete(fix.id);
        // An undo (the user's, or the rollback after a failed verification) ends the fix;
        // one that sudo refused shows the held password (if any) did not work.
        forgetSudo(scope);
        if (!result.needsPassword) fixScopes.delete(key);
        const changeId = changeIds.get(key);
        if (changeId !== undefined) {
          await deps.recordUndo?.(changeId, result.applied ? 'reverted' : 'failed');
        }
        return { ok: true, value: result };
      } finally {
        runs.delete(runId);
      }
    },
    'fix.confirm': async ({ diagnosisId, planId }) => {
      const key = `${diagnosisId}/${planId}`;
      try {
        return await confirm(key);
      } finally {
        // The fix was verified: its outcome is known, the password is not needed any more.
        forgetSudo(fixScopes.get(key));
        fixScopes.delete(key);
      }
    },
    'changes.list': async () => {
      if (!deps.changeLog) return { ok: true, value: [] };
      const { changes, undos } = await deps.changeLog();
      const undone = new Set(undos.filter((u) => u.result === 'reverted').map((u) => u.undoOf));
      return {
        ok: true,
        value: [...changes].reverse().map((c) => ({
          id: c.id,
          time: c.time,
          target: c.target,
          server: c.server,
          plan: c.plan.id,
          undone: undone.has(c.id),
        })),
      };
    },
    'changes.undo': async ({ runId, changeId, sessionId }) => {
      if (!deps.changeLog) return fail('unavailable', 'there is no change log in this build');
      if (runs.has(runId)) return fail('invalid-request', `run id ${runId} is already in use`);
      const { changes, undos } = await deps.changeLog();
      const change = changes.find((c) => c.id === changeId);
      if (!change) return fail('not-found', `no change ${changeId} in the change log`);
      if (undos.some((u) => u.undoOf === changeId && u.result === 'reverted')) {
        return { ok: true, value: { undone: false, message: `${changeId} was already undone` } };
      }
      // Only on the server it was made on: the session's, or this machine for a local change.
      let executor: Executor | null = null;
      if (change.server !== null) {
        const s = sessionId !== null ? sessions.get(sessionId) : undefined;
        if (!s || s.label !== change.server) {
          return fail('forbidden', `${changeId} was made on ${change.server}: connect to it first`);
        }
        executor = s.executor;
      } else if (sessionId === null && (await isLocalHost(change.target.host))) {
        executor = local();
      } else {
        return fail('forbidden', `${changeId} was made on this machine`);
      }
      if (change.undo.length === 0) {
        return { ok: true, value: { undone: false, message: `${changeId} cannot be undone` } };
      }
      const ac = new AbortController();
      runs.set(runId, ac);
      const scope = change.server !== null ? (sessionId ?? LOCAL_SCOPE) : LOCAL_SCOPE;
      try {
        let ran = 0;
        for (const argv of change.undo) {
          const r = await executor.run({
            argv,
            privileged: change.privileged,
            timeoutMs: 60_000,
            signal: ac.signal,
          });
          if (ran === 0 && r.error?.code === 'sudo-password-required') {
            forgetSudo(scope);
            return {
              ok: true,
              value: { undone: false, message: r.error.message, needsPassword: true },
            };
          }
          ran++;
          if (r.error || r.exitCode !== 0) {
            await deps.recordUndo?.(changeId, 'failed');
            const why = r.error?.message ?? (r.stderr.trim() || `exit ${r.exitCode ?? '?'}`);
            return {
              ok: true,
              value: { undone: false, message: `${argvToText(argv)} failed: ${why}` },
            };
          }
        }
        await deps.recordUndo?.(changeId, 'reverted');
        return { ok: true, value: { undone: true } };
      } finally {
        forgetSudo(scope);
        runs.delete(runId);
      }
    },
    'probe.cancel': ({ runId }) => {
      const ac = runs.get(runId);
      ac?.abort();
      return Promise.resolve({ ok: true, value: { cancelled: ac !== undefined } });
    },
    'probe.parse': async ({ request, stdout, diagnosisId }) => {
      const evidence = EvidenceSchema.parse(
        deps.parsePasted ? await deps.parsePasted(request, stdout) : inconclusivePaste(request),
      );
      keep(diagnosisId, evidence);
      return { ok: true, value: evidence };
    },
    'probe.commands': async ({ request }) => ({
      ok: true,
      value: deps.commandsFor
        ? await deps.commandsFor(request)
        : { commands: [], privileged: false },
    }),
    'session.open': async (req) => {
      if (!deps.openSession)
        return fail('unavailable', 'SSH access is not available in this build');
      if (sessions.size >= MAX_SESSIONS) return fail('busy', 'too many open server sessions');
      const ac = new AbortController();
      opening.add(ac);
      try {
        const sessionId = randomBytes(12).toString('base64url');
        const s = await deps.openSession(req, ac.signal, privilegeOf(sessionId));
        if (closed) {
          await s.executor.close();
          return fail('cancelled', 'the window closed');
        }
        sessions.set(sessionId, { ...s, request: req });
        // Remembered for next time: where and with which key file, never a secret.
        await deps.recentServers
          ?.remember({
            ssh: req.destination,
            ...(req.identity !== undefined ? { identity: req.identity } : {}),
          })
          .catch(() => undefined);
        return { ok: true, value: { sessionId, label: s.label } };
      } catch (e) {
        if (e instanceof SessionOpenError) {
          return {
            ok: false,
            error: {
              code: e.code,
              message: e.message,
              ...(e.fingerprint !== undefined ? { fingerprint: e.fingerprint } : {}),
              ...(e.knownFingerprint !== undefined ? { knownFingerprint: e.knownFingerprint } : {}),
              ...(e.field !== undefined ? { field: e.field } : {}),
            },
          };
        }
        return fail('connection-failed', e instanceof Error ? e.message : String(e));
      } finally {
        opening.delete(ac);
      }
    },
    'privilege.password': async ({ sessionId, password }) => {
      let executor: Executor;
      if (sessionId !== null) {
        const s = sessions.get(sessionId);
        if (!s) return fail('not-found', 'this server session is closed; connect again');
        executor = s.executor;
      } else {
        executor = local();
      }
      const scope = sessionId ?? LOCAL_SCOPE;
      // Checked with sudo at once (`sudo -n` first, then `sudo -k -S` with it), so a typo is
      // answered now rather than halfway through a fix.
      holdSudo(scope, password);
      const r = await executor.run({ argv: ['true'], privileged: true, timeoutMs: 15_000 });
      if (r.error || r.exitCode !== 0) {
        forgetSudo(scope);
        const message =
          r.error?.code === 'sudo-password-required'
            ? `sudo on ${executor.label} did not accept the password`
            : (r.error?.message ?? `sudo on ${executor.label} failed (exit ${r.exitCode ?? '?'})`);
        return { ok: true, value: { accepted: false, message } };
      }
      return { ok: true, value: { accepted: true } };
    },
    'session.close': async ({ sessionId }) => {
      const s = sessions.get(sessionId);
      sessions.delete(sessionId);
      forgetSudo(sessionId);
      if (s) await s.executor.close();
      return { ok: true, value: { closed: s !== undefined } };
    },
    'app.info': () => Promise.resolve({ ok: true, value: deps.appInfo }),
    'history.record': async ({ diagnosis, server }) => {
      if (!deps.history) return fail('unavailable', 'history is not recorded in this build');
      const r = await deps.history.recordSession({ diagnosis, server });
      return { ok: true, value: { id: r.id } };
    },
    'history.list': async () => ({
      ok: true,
      value: deps.history ? await deps.history.listSessions() : [],
    }),
    'history.get': async ({ id }) => {
      const r = deps.history ? await deps.history.readSession(id) : null;
      if (!r) return fail('not-found', `no recorded session ${id}`);
      return {
        ok: true,
        value: { id: r.id, time: r.time, server: r.server, diagnosis: r.diagnosis },
      };
    },
    'history.delete': async ({ id }) => ({
      ok: true,
      value: { deleted: deps.history ? await deps.history.deleteSession(id) : false },
    }),
    'servers.list': async () => ({
      ok: true,
      value: {
        sshConfig: deps.sshConfigHosts ? await deps.sshConfigHosts().catch(() => []) : [],
        recent: deps.recentServers ? await deps.recentServers.list().catch(() => []) : [],
      },
    }),
    'settings.get': async () => {
      const s = deps.settings ? await deps.settings.read() : {};
      return { ok: true, value: { language: s.language ?? null, theme: s.theme ?? null } };
    },
    'settings.set': async (patch) => {
      if (!deps.settings) return fail('unavailable', 'settings are not remembered in this build');
      const s = await deps.settings.update(patch);
      return { ok: true, value: { language: s.language ?? null, theme: s.theme ?? null } };
    },
    'report.export': async (req) =>
      deps.exportReport
        ? { ok: true, value: await deps.exportReport(req) }
        : fail('unavailable', 'reports are saved by the desktop app; use conndoctor report here'),
    'app.finished': (run) =>
      Promise.resolve({ ok: true, value: { notified: deps.onFinished?.(run) ?? false } }),
  };

  async function call<K extends ContractKey>(key: K, payload: unknown): Promise<Result<unknown>> {
    const parsed = contracts[key].request.safeParse(payload);
    if (!parsed.success) return fail('invalid-request', z.prettifyError(parsed.error));
    try {
      return await handlers[key](parsed.data as ParsedRequestOf<K>);
    } catch (e) {
      if (e instanceof ZodError) return fail('internal', z.prettifyError(e));
      return fail('internal', e instanceof Error ? e.message : String(e));
    }
  }

  return {
    dispatch(channel, payload) {
      if (closed) return Promise.resolve(fail('unavailable', 'this window is closing'));
      if (!Object.hasOwn(contracts, channel)) {
        return Promise.resolve(fail('unknown-channel', `no such call: ${channel.slice(0, 64)}`));
      }
      return call(channel as ContractKey, payload);
    },
    async close() {
      closed = true;
      for (const scope of [...sudo.keys()]) forgetSudo(scope);
      for (const ac of runs.values()) ac.abort();
      for (const ac of opening) ac.abort();
      const all = [...sessions.values()];
      sessions.clear();
      await Promise.allSettled(all.map((s) => s.executor.close()));
    },
  };
}
