import envPaths from 'env-paths';
import { resolve } from 'node:path';

/**
 * The one data directory (DESIGN §2), shared by the desktop app, browser mode and the CLI:
 * `CONNDOCTOR_DATA_DIR` when set, else the platform's data directory for "conndoctor"
 * (`~/.local/share/conndoctor` on Linux, `~/Library/Application Support/conndoctor` on
 * macOS, `%LOCALAPPDATA%\conndoctor\Data` on Windows) — never Electron's userData.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const set = env.CONNDOCTOR_DATA_DIR;
  if (set !== undefined && set.trim() !== '') return resolve(set);
  return envPaths('conndoctor', { suffix: '' }).data;
}
