import type { ProbeId } from '../../../shared/evidence';
import type { Privilege } from '../exec/executor';

/** Captured output handed to a pure parser. */
export interface RawOutput {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

/** What a parser returns: typed data with a verdict, or inconclusive with a reason. */
export type Parsed<T> =
  | { status: 'pass' | 'fail'; data: T; summary: string }
  | { status: 'inconclusive'; reason: string; data?: T; summary?: string };

/**
 * A command-based probe: argv list(s) (first that works wins) and a PURE parser —
 * no I/O, no clock, no exceptions.
 */
export interface CommandProbe<TInput, TData> {
  id: ProbeId;
  /** Alternative commands in order of preference, built from validated input only. */
  commands: (input: TInput) => string[][];
  privileged: Privilege;
  parse: (out: RawOutput, input: TInput) => Parsed<TData>;
}

/** Identity helper that keeps the probe's types. */
export function defineProbe<TInput, TData>(
  p: CommandProbe<TInput, TData>,
): CommandProbe<TInput, TData> {
  return p;
}
