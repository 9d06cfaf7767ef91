import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Builds the app once when the renderer or the CLI the e2e tests start is missing. */
export default function globalSetup(): void {
  const root = join(import.meta.dirname, '..', '..');
  const needed = ['out/renderer/index.html', 'out/cli/conndoctor.mjs'];
  if (needed.every((f) => existsSync(join(root, f)))) return;
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
}
