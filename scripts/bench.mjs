// `npm run bench [-- --quick | --runs N | --timeout MS | --modes batch,channels | --no-lab |
// --no-sweep | --out DIR]`: DESIGN §6 budgets, measured side by side and reported as ratios.
// The bench lives in tests/bench/ (TypeScript, it reuses the lab harness): bundled here with
// esbuild into a temp file, then run. Needs `npm run build` (or `npm run build:cli`) first.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'out/cli/conndoctor.mjs'))) {
  console.error('bench: run `npm run build` first');
  process.exit(2);
}
const dir = mkdtempSync(join(root, 'node_modules', '.bench-'));
const outfile = join(dir, 'bench.mjs');
try {
  await build({
    entryPoints: [join(root, 'tests/bench/bench.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    // import.meta.dirname must still name tests/bench/ once bundled.
    define: { 'import.meta.dirname': JSON.stringify(join(root, 'tests/bench')) },
  });
  const r = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
