import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Every test file gets its own empty data directory (DESIGN §2 `CONNDOCTOR_DATA_DIR`): the
 * CLI runs the tests start inherit it, so no test ever records history into the real home.
 */
const dir = mkdtempSync(join(tmpdir(), 'conndoctor-data-'));
process.env.CONNDOCTOR_DATA_DIR = dir;

afterAll(() => rmSync(dir, { recursive: true, force: true }));
