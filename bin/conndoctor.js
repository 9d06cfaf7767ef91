#!/usr/bin/env node
// Thin launcher: the CLI is bundled to out/cli/conndoctor.mjs by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const entry = join(here, '..', 'out', 'cli', 'conndoctor.mjs');
if (!existsSync(entry)) {
  process.stderr.write('conndoctor: not built yet — run `npm run build` first\n');
  process.exit(3);
}
await import(pathToFileURL(entry).href);
