// Where the Electron runtime is, judged from the electron package's files only (path.txt
// and dist/). Never `require('electron')`: that starts a download.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron binary under `root`/node_modules/electron, or null when not installed. */
export function electronBinary(root) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const bin = join(pkg, 'dist', rel);
  return rel !== '' && existsSync(bin) ? bin : null;
}
