import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * The desktop app's part of `settings.json` in the one data directory (DESIGN §2): the
 * window's bounds. A small stand-in until the store module (`electron/engine/store/`)
 * lands: validated on read (an unreadable file counts as empty, never a crash), written
 * atomically (temporary file, then rename), other keys in the file kept as they are.
 * No electron import.
 */

const BoundsSchema = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().positive(),
  height: z.number().positive(),
  maximized: z.boolean(),
});

/** The settings this module reads and writes. */
export type WindowBounds = z.infer<typeof BoundsSchema>;

/**
 * The data directory: `CONNDOCTOR_DATA_DIR`, else the platform's data directory for
 * "conndoctor" (what env-paths computes with no suffix).
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const set = env.CONNDOCTOR_DATA_DIR;
  if (set !== undefined && set !== '') return set;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'conndoctor');
  if (platform === 'win32') {
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'conndoctor', 'Data');
  }
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'conndoctor');
}

function readObject(file: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The remembered window bounds, or null when none (or the entry is invalid). */
export function readWindowBounds(dir: string): WindowBounds | null {
  const parsed = BoundsSchema.safeParse(readObject(join(dir, 'settings.json')).window);
  return parsed.success ? parsed.data : null;
}

/** Remembers the window bounds (atomic replace; other settings kept). */
export function writeWindowBounds(dir: string, bounds: WindowBounds): void {
  const file = join(dir, 'settings.json');
  const next = { ...readObject(file), window: BoundsSchema.parse(bounds) };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
