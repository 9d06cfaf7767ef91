import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Evidence } from '../../shared/evidence';
import type { ProbeRequest } from '../../shared/probe-request';
import { PASTEABLE_PROBES, type PasteableProbe } from '../../shared/flowchart/requests';
import type { ParsePastedInput } from '../../shared/flowchart/diagnose.machine';
import { runProbe } from '../engine/engine';
import { sanitizeOutput } from '../engine/probes/run-command-probe';
import { createRecordingExecutor, createReplayExecutor } from './replay-executor';

/**
 * Manual mode: the server-side commands the user runs by hand, and their pasted output
 * read by the probes' own runners and parsers (DESIGN §2 "Manual mode", §3 `--manual`,
 * `--outputs`, `--print-commands`).
 */

/** File name of a probe's output under `--outputs DIR`. */
export function outputFileName(probe: PasteableProbe): string {
  return `${probe}.txt`;
}

/**
 * The command to run on the server for one probe: the first command the probe itself
 * asks for. Null when this build has no such probe.
 */
export async function manualCommand(req: ProbeRequest): Promise<string[] | null> {
  const rec = createRecordingExecutor();
  await runProbe(req, { client: rec.executor, server: rec.executor });
  return rec.commands[0] ?? null;
}

function unreadable(input: ParsePastedInput, why: string): Evidence {
  return {
    probe: input.probe,
    vantage: 'server',
    command: [],
    ok: false,
    status: 'inconclusive',
    summary: why,
    reason: why,
    data: null,
    ms: 0,
    raw: sanitizeOutput(input.stdout).slice(0, 64 * 1024),
  };
}

/** Parses one pasted output into evidence with the probe's own runner. */
export async function parsePasted(input: ParsePastedInput): Promise<Evidence> {
  const argv = await manualCommand(input.request);
  if (!argv)
    return unreadable(input, `pasted output of ${input.probe} cannot be read by this build`);
  const replay = createReplayExecutor(argv, sanitizeOutput(input.stdout));
  const e = await runProbe(input.request, { client: replay, server: replay });
  return { ...e, vantage: 'server', command: argv };
}

/** Reads `DIR/<probe>.txt` for every pasteable probe; missing files are left out. */
export async function readOutputsDir(
  dir: string,
): Promise<Partial<Record<PasteableProbe, string>>> {
  if (!(await stat(dir)).isDirectory()) throw new Error('not a directory');
  const out: Partial<Record<PasteableProbe, string>> = {};
  for (const probe of PASTEABLE_PROBES) {
    try {
      out[probe] = await readFile(join(dir, outputFileName(probe)), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return out;
}

/**
 * Reads one pasted output from a stream of lines: up to an empty line or the end of input.
 * Returns null when the input had already ended.
 */
export async function readPasted(lines: AsyncIterator<string>): Promise<string | null> {
  const got: string[] = [];
  for (;;) {
    const next = await lines.next();
    if (next.done === true) return got.length > 0 ? got.join('\n') : null;
    if (next.value.trim() === '') return got.join('\n');
    got.push(next.value);
  }
}
