import { fromPromise } from 'xstate';
import type { Evidence } from '../evidence';
import type { Api, IpcError, Result } from '../ipc/contracts';
import type {
  ApplyFixInput,
  ApplyFixOutput,
  ConfirmFixInput,
  ConfirmFixOutput,
  ParsePastedInput,
  ProbeRunInput,
} from './diagnose.setup';

/**
 * The one wiring of the flowchart machine to the contracts API (DESIGN §2): the renderer
 * (window.conndoctor), the CLI (an in-process API over the engine service) and the lab
 * tests provide the machine with these actors, so all three run the same calls with the
 * same zod checks. Cancelling an actor cancels its run in the engine.
 */

/** The part of the API the machine's actors call. */
export type MachineApi = Pick<
  Api,
  'probeRun' | 'probeCancel' | 'probeParse' | 'fixApply' | 'fixConfirm' | 'privilegePassword'
>;

/** Where the calls go: the open server session, if any, and the host under diagnosis. */
export interface ApiAccess {
  /** The server-access session (`session.open`), or null. */
  sessionId(): string | null;
  /** The host under diagnosis: the engine runs server-side checks here when it is local. */
  serverHost(): string | undefined;
  /** Told of every failed call (e.g. to show that the SSH connection dropped). */
  onError?(error: IpcError): void;
  /**
   * Asks the user for the sudo password when a fix needs one (`refused`: the last one was
   * not accepted, with sudo's reason); null when the user declines. Absent: never asked.
   */
  askSudoPassword?(ask: { refused: string | null; signal: AbortSignal }): Promise<string | null>;
}

/** How many passwords a fix asks for before it gives up (sudo's own limit is three). */
const PASSWORD_TRIES = 3;

/** A call the engine answered with an error. */
export class ApiCallError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

/** A fresh run id (hex, within the contract's run-id form). */
export function newRunId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The machine's actors over an API. */
export function apiActors(api: MachineApi, access: ApiAccess) {
  function value<T>(r: Result<T>): T {
    if (r.ok) return r.value;
    access.onError?.(r.error);
    throw new ApiCallError(r.error);
  }

  /** Runs `call` with a fresh run id that the actor's abort signal cancels. */
  async function cancellable<T>(signal: AbortSignal, call: (runId: string) => Promise<T>) {
    const runId = newRunId();
    const cancel = () => void api.probeCancel({ runId });
    signal.addEventListener('abort', cancel, { once: true });
    try {
      return await call(runId);
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  function where() {
    const serverHost = access.serverHost();
    return {
      sessionId: access.sessionId(),
      ...(serverHost !== undefined ? { serverHost } : {}),
    };
  }

  return {
    runProbe: fromPromise<Evidence, ProbeRunInput>(({ input, signal }) =>
      cancellable(signal, async (runId) =>
        value(
          await api.probeRun({
            runId,
            request: input.request,
            diagnosisId: input.diagnosisId,
            ...where(),
          }),
        ),
      ),
    ),
    parsePasted: fromPromise<Evidence, ParsePastedInput>(async ({ input }) =>
      value(
        await api.probeParse({
          request: input.request,
          stdout: input.stdout,
          ...(input.diagnosisId !== undefined ? { diagnosisId: input.diagnosisId } : {}),
        }),
      ),
    ),
    applyFix: fromPromise<ApplyFixOutput, ApplyFixInput>(async ({ input, signal }) => {
      const once = () =>
        cancellable(signal, async (runId) =>
          value(
            await api.fixApply({
              runId,
              diagnosisId: input.diagnosisId,
              planId: input.fix.id,
              target: input.target,
              ...(input.service !== undefined ? { service: input.service } : {}),
              skipped: input.skipped,
              direction: input.direction,
              ...where(),
            }),
          ),
        );
      let result = await once();
      // sudo asked for a password before anything changed: ask the user, hand it to the
      // engine (which checks it with sudo and holds it for this fix only), and apply again.
      let refused: string | null = null;
      for (let i = 0; result.needsPassword && access.askSudoPassword && i < PASSWORD_TRIES; i++) {
        const password = await access.askSudoPassword({ refused, signal });
        if (password === null || signal.aborted) break;
        const given = value(
          await api.privilegePassword({ sessionId: access.sessionId(), password }),
        );
        if (!given.accepted) {
          refused = given.message ?? '';
          continue;
        }
        result = await once();
        refused = null;
      }
      return result;
    }),
    confirmFix: fromPromise<ConfirmFixOutput, ConfirmFixInput>(async ({ input }) =>
      value(await api.fixConfirm(input)),
    ),
  };
}
