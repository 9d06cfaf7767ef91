import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Builds the app once when the renderer the browser-mode server serves is missing. */
export default function globalSetup(): void {
  const root = join(import.meta.dirname, '..', '..');
  if (existsSync(join(root, 'out', 'renderer', 'index.html'))) return;
  execFileSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: root,
    stdio: 'inherit',
  });
}
