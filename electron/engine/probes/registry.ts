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
  /**
   * When the firewall probe proves its verdict with packet counters: `always` (default: a
   * `probe firewall` asked for the proof) or `when-needed` (a diagnosis: only a verdict the
   * rules alone cannot settle, for speed — DESIGN §6).
   */
  counterProof?: 'always' | 'when-needed';
}

/** A probe implementation: one validated request in, one evidence object out. Never throws. */
export type ProbeRunner = (req: ProbeRequestParsed, ctx: ProbeContext) => Promise<Evidence>;
