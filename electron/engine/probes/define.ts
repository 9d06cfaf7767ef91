import type { ProbeId } from '../../../shared/evidence';
import type { Privilege } from '../exec/executor';
import { english } from '../../../shared/i18n/translate';
import type { Message } from '../../../shared/i18n/message';

/** Captured output handed to a pure parser. */
export interface RawOutput {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

/**
 * What a parser returns: typed data with a verdict, or inconclusive with a reason. The
 * `message` is the summary (or the reason) as a catalogue message; `summary`/`reason` are
 * its English rendering, kept for JSON.
 */
export type Parsed<T> =
  | { status: 'pass' | 'fail'; data: T; summary: string; message?: Message }
  | { status: 'inconclusive'; reason: string; data?: T; summary?: string; message?: Message };

/** A pass or fail result whose summary is a message (the English text kept as `summary`). */
export function verdict<T>(status: 'pass' | 'fail', data: T, message: Message): Parsed<T> {
  return { status, data, summary: english(message), message };
}

/** An inconclusive result whose reason is a message (the English text kept as `reason`). */
export function inconclusiveParse<T>(message: Message, data?: T): Parsed<T> {
  return {
    status: 'inconclusive',
    reason: english(message),
    message,
    ...(data !== undefined ? { data } : {}),
  };
}

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
