import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Every test file gets its own empty data directory (DESIGN §2 `CONNDOCTOR_DATA_DIR`): the
 * CLI runs the tests start inherit it, so no test ever records history into the real home.
 * It lives under the run's root (`data-dir.global.ts`), which the run removes at its end.
 */
const root = process.env.CONNDOCTOR_TEST_DATA_ROOT ?? tmpdir();
const dir = mkdtempSync(join(root, 'conndoctor-data-'));
process.env.CONNDOCTOR_DATA_DIR = dir;

afterAll(() => rmSync(dir, { recursive: true, force: true }));
