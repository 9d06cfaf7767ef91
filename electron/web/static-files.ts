import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Content types of the files the renderer build produces. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Finds the built renderer (`out/renderer`): `CONNDOCTOR_RENDERER_DIR`, else walking up from
 * this module (source tree, the CLI bundle in `out/cli`, or the main bundle in `out/main`).
 */
export function findRendererDir(): string | null {
  const fromEnv = process.env.CONNDOCTOR_RENDERER_DIR;
  if (fromEnv && existsSync(join(fromEnv, 'index.html'))) return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dir.endsWith(`${sep}out`) && existsSync(join(dir, 'renderer', 'index.html'))) {
      return join(dir, 'renderer');
    }
    dir = dirname(dir);
  }
  return null;
}

/** A file read from the renderer directory, or null when it does not exist. */
export interface StaticFile {
  body: Buffer;
  type: string;
}

/** Reads `urlPath` under `root`, refusing anything that resolves outside it. */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(root, `.${decoded}`);
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    const st = await stat(full);
    if (!st.isFile()) return null;
    return {
      body: await readFile(full),
      type: TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream',
    };
  } catch {
    return null;
  }
}
