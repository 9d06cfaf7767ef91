import { useMachine } from '@xstate/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Evidence } from '../../../shared/evidence';
import type { Api } from '../../../shared/ipc/contracts';
import { diagnoseMachine } from '../../../shared/flowchart/diagnose.machine';
import type { ParsePastedInput, ServerAccess } from '../../../shared/flowchart/diagnose.setup';
import { apiActors } from '../../../shared/flowchart/api-actors';
import { wizardView } from '../../../shared/flowchart/wizard-view';
import type { Target } from '../../../shared/target';
import type { PasswordAsk } from '../wizard/types';

/**
 * Runs the shared flowchart machine in the renderer with the shared API actors; what the
 * UI shows comes from the shared `wizardView` of each snapshot. A fix that needs the sudo
 * password asks for it through `passwordAsk` (the engine checks and holds it); a fix with a
 * dead-man switch sets `rollbackAt` (when the server would roll it back by itself).
 */
export function useDiagnosis(api: Api, sessionId: string | null) {
  const session = useRef(sessionId);
  const serverHost = useRef<string | undefined>(undefined);
  useEffect(() => {
    session.current = sessionId;
  }, [sessionId]);
  const [lastError, setLastError] = useState<string | null>(null);
  const [fixAsked, setFixAsked] = useState(false);
  const [passwordAsk, setPasswordAsk] = useState<PasswordAsk | null>(null);
  const [rollbackAt, setRollbackAt] = useState<number | null>(null);

  const machine = useMemo(() => {
    // The dead-man switch's deadline, read from the engine's answer to fix.apply.
    const watched: Api = {
      ...api,
      fixApply: async (req) => {
        const r = await api.fixApply(req);
        if (r.ok && req.direction === 'apply' && r.value.rollbackInS !== undefined) {
          setRollbackAt(Date.now() + r.value.rollbackInS * 1000);
        } else if (req.direction === 'undo') {
          setRollbackAt(null);
        }
        return r;
      },
      fixConfirm: async (req) => {
        const r = await api.fixConfirm(req);
        setRollbackAt(null);
        return r;
      },
    };
    return diagnoseMachine.provide({
      actors: apiActors(watched, {
        sessionId: () => session.current,
        serverHost: () => serverHost.current,
        onError: (e) => {
          if (e.code === 'connection-failed') setLastError(e.message);
        },
        askSudoPassword: ({ refused, signal }) =>
          new Promise<string | null>((resolve) => {
            const done = (password: string | null) => {
              setPasswordAsk(null);
              resolve(password);
            };
            signal.addEventListener('abort', () => done(null), { once: true });
            setPasswordAsk({ refused, answer: done });
          }),
      }),
    });
  }, [api]);
  const [snapshot, send] = useMachine(machine);
  const view = wizardView(snapshot, fixAsked);

  return {
    ...view,
    lastError,
    passwordAsk,
    rollbackAt,
    start(
      target: Target,
      access: ServerAccess,
      fix: boolean,
      opts: { timeoutMs?: number; service?: string; sessionId?: string | null } = {},
    ) {
      // A session opened for this very diagnosis is used at once (before the next render).
      if (opts.sessionId !== undefined) session.current = opts.sessionId;
      setLastError(null);
      setRollbackAt(null);
      setFixAsked(fix);
      serverHost.current = target.host;
      const { sessionId: _s, ...rest } = opts;
      send({ type: 'diagnose.start', target, access, fix, ...rest });
    },
    retry: (e: Evidence) => send({ type: 'probe.retry', probe: e.probe, vantage: e.vantage }),
    choose: (planId: string) => send({ type: 'fix.choose', planId }),
    /** Applies the plan the user consented to in the dialog (after the diagnosis). */
    applyFix: (planId: string) => send({ type: 'fix.apply', planId }),
    accept: () => send({ type: 'fix.accept' }),
    decline: () => send({ type: 'fix.decline' }),
    cancel: () => send({ type: 'cancel' }),
    paste: (probe: ParsePastedInput['probe'], stdout: string) =>
      send({ type: 'manual.paste', probe, stdout }),
    pasteDone: () => send({ type: 'manual.done' }),
    pasteSkip: (probe: ParsePastedInput['probe']) => send({ type: 'manual.skip', probe }),
  };
}
