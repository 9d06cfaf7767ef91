import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron binary, detected exactly as `scripts/start.mjs` does: from the electron
 * package's `path.txt` and `dist/` (never `require('electron')`, which would download).
 */
export function electronBinary(root: string): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const bin = join(pkg, 'dist', rel);
  return rel !== '' && existsSync(bin) ? bin : null;
}
