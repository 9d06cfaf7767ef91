import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';
import { msg, type Message } from '../../../shared/i18n/message';

/**
 * Reading and writing the store's files. JSON files are replaced atomically (written to a
 * temporary file, fsynced, renamed over the old one: a crash leaves the old file or the new
 * one, never half of one). Every file is validated on read; one that is not JSON, does not
 * match its schema, or is too large is set aside — renamed to `<name>.corrupt-<time>` — with
 * a warning, and the store carries on as if it were absent. Never a crash.
 */

/** Receives the store's warnings (a corrupt file set aside…) as catalogue messages. */
export type Warn = (m: Message) => void;

/** The largest file the store reads (history sessions hold capped raw output). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** Directories and files are the user's alone: sessions name hosts and addresses. */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** A file-name-safe UTC time with milliseconds: `20261203T081500123Z`. */
export function stamp(now: number = Date.now()): string {
  return new Date(now).toISOString().replace(/[-:.]/g, '');
}

/** Creates a directory (and its parents) private to the user. */
export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
}

/**
 * Renames a corrupt file out of the way and warns. Returns the new path, or null when the
 * file is already gone (another process set it aside first).
 */
export async function setAside(file: string, detail: string, warn: Warn): Promise<string | null> {
  const aside = `${file}.corrupt-${stamp()}`;
  try {
    await rename(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  warn(msg('history.store.setAside', { file: basename(file), aside, detail }));
  return aside;
}

/** Where a zod failure is, for the warning: `diagnosis.cause`, or `(top level)`. */
export function issueDetail(error: z.ZodError): string {
  const first = error.issues[0];
  if (first === undefined) return 'invalid';
  const path = first.path.map(String).join('.');
  return `${path === '' ? '(top level)' : path}: ${first.code}`;
}

/** Reads a file as text, or null when it does not exist; throws a reason when unreadable. */
export async function readText(file: string): Promise<string | null> {
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new CorruptFile('not a regular file');
    size = s.size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  if (size > MAX_FILE_BYTES) throw new CorruptFile(`larger than ${MAX_FILE_BYTES} bytes`);
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** A file the store cannot use as it is (the message says why). */
export class CorruptFile extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'CorruptFile';
  }
}

/**
 * Reads and validates one JSON file. Missing → null; corrupt → set aside, warned, null.
 * With `keepExtra`, the value returned is the file's own JSON (validated, but fields the
 * schema does not name are kept — a newer Diagnosis' extra fields survive a round trip);
 * otherwise the schema's output (unknown fields dropped).
 */
export async function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  warn: Warn,
  opts: { keepExtra?: boolean } = {},
): Promise<z.output<S> | null> {
  let text: string | null;
  try {
    text = await readText(file);
  } catch (e) {
    if (e instanceof CorruptFile) {
      await setAside(file, e.detail, warn);
      return null;
    }
    throw e;
  }
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    await setAside(file, 'not JSON', warn);
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    await setAside(file, issueDetail(parsed.error), warn);
    return null;
  }
  return opts.keepExtra === true ? (raw as z.output<S>) : parsed.data;
}

/** Writes a JSON value atomically (temporary file, fsync, rename), private to the user. */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await ensureDir(dirname(file));
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`, {
    mode: FILE_MODE,
    fsync: true,
  });
}
