import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PASTEABLE_PROBES, type PasteableProbe } from '../../shared/flowchart/requests';
import { readUserText, USER_FILE_CAPS, UserFileError } from '../engine/fs/user-file';
import { msg } from '../../shared/i18n/message';
import { CliError } from './cli-error';
export { parsePasted } from '../engine/manual';

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
 * Reads `DIR/<probe>.txt` for every pasteable probe; missing files are left out, and
 * anything but a regular file under the paste cap is refused (a FIFO would hang). Throws
 * a {@link CliError} when DIR is not a directory, a `UserFileError` for a refused file.
 */
export async function readOutputsDir(
  dir: string,
): Promise<Partial<Record<PasteableProbe, string>>> {
  if (!(await stat(dir)).isDirectory()) throw new CliError(2, msg('cli.error.notDirectory'));
  const out: Partial<Record<PasteableProbe, string>> = {};
  for (const probe of PASTEABLE_PROBES) {
    try {
      out[probe] = await readUserText(join(dir, outputFileName(probe)), USER_FILE_CAPS.pasted);
    } catch (e) {
      if (!(e instanceof UserFileError && e.problem === 'missing')) throw e;
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
