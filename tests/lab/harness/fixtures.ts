import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Root of the captured command outputs (`tests/fixtures/<probe>/<distro>-<case>.txt`). */
export const FIXTURES_DIR = join(import.meta.dirname, '..', '..', 'fixtures');

/** A captured command output: stdout, stderr and exit status, as the parsers receive them. */
export interface Fixture {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

/**
 * Loads `tests/fixtures/<probe>/<name>.txt` (stdout) with its optional siblings
 * `<name>.stderr.txt` and `<name>.exit.txt` (the exit status; 0 when absent).
 */
export function loadFixture(probe: string, name: string): Fixture {
  const base = join(FIXTURES_DIR, probe, name);
  const opt = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : null);
  const stdout = readFileSync(`${base}.txt`, 'utf8');
  const exit = opt(`${base}.exit.txt`);
  return {
    stdout,
    stderr: opt(`${base}.stderr.txt`) ?? '',
    exitCode: exit === null ? 0 : Number(exit.trim()),
  };
}
