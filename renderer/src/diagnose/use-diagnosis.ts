import { useMachine } from '@xstate/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Evidence } from '../../../shared/evidence';
import type { Api } from '../../../shared/ipc/contracts';
import { diagnoseMachine } from '../../../shared/flowchart/diagnose.machine';
import type { ParsePastedInput, ServerAccess } from '../../../shared/flowchart/diagnose.setup';
import { apiActors } from '../../../shared/flowchart/api-actors';
import { wizardView } from '../../../shared/flowchart/wizard-view';
import type { Target } from '../../../shared/target';

/**
 * Runs the shared flowchart machine in the renderer with the shared API actors; what the
 * UI shows comes from the shared `wizardView` of each snapshot.
 */
export function useDiagnosis(api: Api, sessionId: string | null) {
  const session = useRef(sessionId);
  const serverHost = useRef<string | undefined>(undefined);
  useEffect(() => {
    session.current = sessionId;
  }, [sessionId]);
  const [lastError, setLastError] = useState<string | null>(null);
  const [fixAsked, setFixAsked] = useState(false);

  const machine = useMemo(
    () =>
      diagnoseMachine.provide({
        actors: apiActors(api, {
          sessionId: () => session.current,
          serverHost: () => serverHost.current,
          onError: (e) => {
            if (e.code === 'connection-failed') setLastError(e.message);
          },
        }),
      }),
    [api],
  );
  const [snapshot, send] = useMachine(machine);
  const view = wizardView(snapshot, fixAsked);

  return {
    ...view,
    lastError,
    start(
      target: Target,
      access: ServerAccess,
      fix: boolean,
      opts: { timeoutMs?: number; service?: string } = {},
    ) {
      setLastError(null);
      setFixAsked(fix);
      serverHost.current = target.host;
      send({ type: 'diagnose.start', target, access, fix, ...opts });
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
  };
}
