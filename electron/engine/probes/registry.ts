import type { Evidence } from '../../../shared/evidence';
import type { ProbeRequestParsed } from '../../../shared/probe-request';
import type { Executor } from '../exec/executor';

/** What a probe runs with: the client's executor and, with server access, the server's. */
export interface ProbeContext {
  /** Executes on the machine the user is on. */
  client: Executor;
  /** Executes on the server: SSH, or the local executor when the target is this machine. */
  server: Executor | null;
  signal?: AbortSignal;
}

/** A probe implementation: one validated request in, one evidence object out. Never throws. */
export type ProbeRunner = (req: ProbeRequestParsed, ctx: ProbeContext) => Promise<Evidence>;
