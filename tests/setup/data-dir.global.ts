import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One temporary root for the test run's data directories (`data-dir.ts` gives each test
 * file its own below it), removed when the run ends — also when a file's tests were all
 * filtered out and its own hooks never ran.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'conndoctor-data-'));
  process.env.CONNDOCTOR_TEST_DATA_ROOT = root;
  return () => rmSync(root, { recursive: true, force: true });
}
