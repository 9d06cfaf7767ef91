import { copyFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { msg } from '../../../shared/i18n/message';
import { newSessionId, SESSION_ID_RE } from '../../../shared/session-id';
import {
  CorruptFile,
  ensureDir,
  FILE_MODE,
  readText,
  setAside,
  stamp,
  type Warn,
} from './json-file';
import { stripSecrets } from './secrets';

/**
 * `changes.jsonl`: the append-only log of every change applied to a system (DESIGN §2, §4).
 * One JSON object per line: a change (id, time, target, server, plan, commands, result,
 * undo), or an undo of one (`{ undoOf, … }`). Each append is fsynced before it returns, so
 * an applied change is on disk before anyone is told it happened. Lines are validated on
 * read; unreadable lines are skipped with a warning, after the whole file was copied aside
 * (`changes.jsonl.corrupt-<time>`) and the log rewritten with its readable lines — a torn
 * line never hides the changes that can still be undone.
 */

/** A change id: the same form as a session id (UTC time + random). */
export const ChangeIdSchema = z.string().regex(SESSION_ID_RE);
/** Argv lists, as the fix plan rendered them (never with sudo; never a secret). */
const Argvs = z.array(z.array(z.string()));

/** One applied change. */
export const ChangeRecordSchema = z.object({
  id: ChangeIdSchema,
  time: z.iso.datetime(),
  target: z.object({ host: z.string(), port: z.number().int() }),
  /** Where the change was made: the SSH destination, or null for this machine. */
  server: z.string().nullable(),
  /** The session that applied it, when known. */
  sessionId: z.string().regex(SESSION_ID_RE).nullable(),
  plan: z.looseObject({ id: z.string(), kind: z.string() }),
  commands: Argvs,
  privileged: z.boolean(),
  result: z.looseObject({ verified: z.boolean().nullable(), rolledBack: z.boolean() }),
  undo: Argvs,
});
/** One applied change. */
export type ChangeRecord = z.infer<typeof ChangeRecordSchema>;

/** An undo of a logged change. */
export const UndoRecordSchema = z.object({
  undoOf: ChangeIdSchema,
  time: z.iso.datetime(),
  result: z.enum(['reverted', 'failed']),
});
/** An undo of a logged change. */
export type UndoRecord = z.infer<typeof UndoRecordSchema>;

const LineSchema = z.union([ChangeRecordSchema, UndoRecordSchema]);

/** One line of `conndoctor changes --json` (DESIGN §3). */
export interface ChangeSummary {
  id: string;
  time: string;
  target: { host: string; port: number };
  server: string | null;
  plan: string;
  undone: boolean;
}

/** The log file of a data directory. */
export function changesFile(dir: string): string {
  return join(dir, 'changes.jsonl');
}

/** Unknown change id for an undo. */
export class UnknownChange extends Error {
  constructor(readonly id: string) {
    super(`no change ${id} in the change log`);
    this.name = 'UnknownChange';
  }
}

async function appendLine(dir: string, value: unknown): Promise<void> {
  await ensureDir(dir);
  const fh = await open(changesFile(dir), 'a', FILE_MODE);
  try {
    await fh.appendFile(`${JSON.stringify(value)}\n`, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** The log's entries in the order they were appended. Missing log → empty. */
export async function readChangeLog(
  dir: string,
  warn: Warn,
): Promise<{ changes: ChangeRecord[]; undos: UndoRecord[] }> {
  const file = changesFile(dir);
  let text: string | null;
  try {
    text = await readText(file);
  } catch (e) {
    if (e instanceof CorruptFile) {
      await setAside(file, e.detail, warn);
      return { changes: [], undos: [] };
    }
    throw e;
  }
  const changes: ChangeRecord[] = [];
  const undos: UndoRecord[] = [];
  if (text === null) return { changes, undos };
  const good: string[] = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: z.infer<typeof LineSchema> | null = null;
    try {
      const r = LineSchema.safeParse(JSON.parse(line));
      if (r.success) parsed = r.data;
    } catch {
      parsed = null;
    }
    if (parsed === null) {
      bad++;
      continue;
    }
    good.push(line);
    if ('undoOf' in parsed) undos.push(parsed);
    else changes.push(parsed);
  }
  if (bad > 0) {
    const aside = `${file}.corrupt-${stamp()}`;
    await copyFile(file, aside);
    await writeFileAtomic(file, good.map((l) => `${l}\n`).join(''), { mode: FILE_MODE });
    warn(msg('history.store.linesSetAside', { file: 'changes.jsonl', aside, count: bad }));
  }
  return { changes, undos };
}

/** What a caller gives to log a change (id and time are added). */
export type NewChange = Omit<ChangeRecord, 'id' | 'time'> & { id?: string; now?: number };

/** Appends one applied change (fsynced) and returns it with its id. */
export async function appendChange(dir: string, change: NewChange): Promise<ChangeRecord> {
  const { now, id, ...rest } = change;
  const record = ChangeRecordSchema.parse(
    stripSecrets({
      ...rest,
      id: id ?? newSessionId(now),
      time: new Date(now ?? Date.now()).toISOString(),
    }),
  );
  await appendLine(dir, record);
  return record;
}

/** Appends the undo of a logged change (fsynced). Throws `UnknownChange` for an id not logged. */
export async function appendUndo(
  dir: string,
  undo: { undoOf: string; result: UndoRecord['result']; now?: number },
  warn: Warn,
): Promise<UndoRecord> {
  const undoOf = ChangeIdSchema.parse(undo.undoOf);
  const { changes } = await readChangeLog(dir, warn);
  if (!changes.some((c) => c.id === undoOf)) throw new UnknownChange(undoOf);
  const record = UndoRecordSchema.parse({
    undoOf,
    time: new Date(undo.now ?? Date.now()).toISOString(),
    result: undo.result,
  });
  await appendLine(dir, record);
  return record;
}

/** The change log as `changes` lists it: newest first, each with whether it was undone. */
export async function listChanges(dir: string, warn: Warn): Promise<ChangeSummary[]> {
  const { changes, undos } = await readChangeLog(dir, warn);
  const undone = new Set(undos.filter((u) => u.result === 'reverted').map((u) => u.undoOf));
  return changes
    .map((c) => ({
      id: c.id,
      time: c.time,
      target: { host: c.target.host, port: c.target.port },
      server: c.server,
      plan: c.plan.id,
      undone: undone.has(c.id),
    }))
    .reverse();
}
