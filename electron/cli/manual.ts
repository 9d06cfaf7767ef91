import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Evidence } from '../../shared/evidence';
import { ProbeRequestSchema, type ProbeRequest } from '../../shared/probe-request';
import { PASTEABLE_PROBES, type PasteableProbe } from '../../shared/flowchart/requests';
import type { ParsePastedInput } from '../../shared/flowchart/diagnose.machine';
import type { CommandProbe } from '../engine/probes/define';
import { sanitizeOutput, toEvidence } from '../engine/probes/run-command-probe';

/**
 * Manual mode: the server-side commands the user runs by hand, and their pasted output
 * read by the probes' own parsers (DESIGN §2 "Manual mode", §3 `--manual`/`--outputs`).
 */

type AnyCommandProbe = CommandProbe<ProbeRequest, unknown>;

/** The command probes whose output can be pasted, as the engine provides them. */
const PASTE_PROBES: Partial<Record<PasteableProbe, AnyCommandProbe>> = {};

/** File name of a probe's output under `--outputs DIR`. */
export function outputFileName(probe: PasteableProbe): string {
  return `${probe}.txt`;
}

/** The command to run on the server for one pasteable probe, or null when unknown here. */
export function manualCommand(probe: PasteableProbe, req: ProbeRequest): string[] | null {
  const p = PASTE_PROBES[probe];
  return p ? (p.commands(ProbeRequestSchema.parse(req))[0] ?? null) : null;
}

/** True when this build can read pasted output of the probe. */
export function canParse(probe: PasteableProbe): boolean {
  return PASTE_PROBES[probe] !== undefined;
}

/** Parses one pasted output into evidence (inconclusive when this build cannot read it). */
export function parsePasted(input: ParsePastedInput): Evidence {
  const req = ProbeRequestSchema.parse(input.request);
  const probe = (PASTEABLE_PROBES as readonly string[]).includes(input.probe)
    ? PASTE_PROBES[input.probe as PasteableProbe]
    : undefined;
  const stdout = sanitizeOutput(input.stdout);
  if (!probe) {
    return toEvidence(
      input.probe,
      'server',
      [],
      {
        status: 'inconclusive',
        reason: `pasted output of ${input.probe} cannot be read by this build`,
      },
      0,
      stdout,
    );
  }
  const argv = probe.commands(req)[0] ?? [];
  const parsed = probe.parse({ stdout, stderr: '', exitCode: 0 }, req);
  return toEvidence(input.probe, 'server', argv, parsed, 0, stdout);
}

/** Reads `DIR/<probe>.txt` for every pasteable probe; missing files are left out. */
export async function readOutputsDir(
  dir: string,
): Promise<Partial<Record<PasteableProbe, string>>> {
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
