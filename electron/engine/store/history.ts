import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CAUSES } from '../../../shared/causes';
import { DiagnosisSchema, type Diagnosis } from '../../../shared/evidence';
import { isSessionId, SESSION_ID_RE } from '../../../shared/session-id';
import { readJsonFile, writeJsonFile, type Warn } from './json-file';
import { stripSecrets } from './secrets';

/**
 * `history/<id>.json`: one diagnosis session per file (DESIGN §2) — the Diagnosis itself
 * (target, steps, evidence, proposed fix, result) plus when it ran, which server it looked
 * at, and the fix applied in it. The id is the Diagnosis' `sessionId`; a path is built from
 * an id only once `isSessionId` accepts it (no `../` ever reaches the file system). The
 * newest 1,000 sessions are kept.
 */

/** How many sessions the history keeps. */
export const MAX_SESSIONS = 1000;

/** The fix applied during a session (null in the record when none was applied). */
export const AppliedFixSchema = z.object({
  planId: z.string(),
  changeId: z.string().nullable(),
  verified: z.boolean().nullable(),
});

/** One history file. */
export const SessionRecordSchema = z
  .object({
    version: z.literal(1),
    id: z.string().regex(SESSION_ID_RE),
    /** When the session was recorded (ISO 8601, UTC). */
    time: z.iso.datetime(),
    target: z.object({ host: z.string(), port: z.number().int() }),
    /** The server side as the session reached it ("root@10.0.0.2", "this machine"), or null. */
    server: z.string().nullable(),
    fix: AppliedFixSchema.nullable(),
    diagnosis: DiagnosisSchema,
  })
  .refine((r) => r.diagnosis.sessionId === r.id, { message: 'id differs from the sessionId' });
/** One recorded session. */
export type SessionRecord = z.infer<typeof SessionRecordSchema>;

/** One line of `conndoctor history --json` (DESIGN §3). */
export interface SessionSummary {
  id: string;
  time: string;
  target: { host: string; port: number };
  cause: (typeof CAUSES)[number];
  fixed: boolean;
  changeId: string | null;
}

/** Refused: the text is not of the session-id form (it never becomes a path). */
export class InvalidSessionId extends Error {
  constructor(readonly id: string) {
    super(`not a session id: ${JSON.stringify(id.slice(0, 80))}`);
    this.name = 'InvalidSessionId';
  }
}

/** The history directory of a data directory. */
export function historyDir(dir: string): string {
  return join(dir, 'history');
}

/** The file of one session; throws `InvalidSessionId` unless `id` has the session-id form. */
export function sessionFile(dir: string, id: string): string {
  if (!isSessionId(id)) throw new InvalidSessionId(id);
  return join(historyDir(dir), `${id}.json`);
}

/** What to record: the diagnosis, and what the caller knows beyond it. */
export interface RecordInput {
  diagnosis: Diagnosis;
  server?: string | null;
  /** The fix applied in this session; by default derived from the diagnosis' changeId. */
  fix?: z.infer<typeof AppliedFixSchema> | null;
  /** Epoch ms of the record (default now). */
  now?: number;
}

/**
 * Records one session (atomic write) and drops the oldest beyond `MAX_SESSIONS`. Throws
 * when the diagnosis is invalid or the file cannot be written — the caller decides what a
 * failure means (the CLI only warns).
 */
export async function recordSession(dir: string, input: RecordInput): Promise<SessionRecord> {
  const d = input.diagnosis;
  const fix =
    input.fix !== undefined
      ? input.fix
      : d.changeId !== null
        ? { planId: d.fix?.id ?? 'unknown', changeId: d.changeId, verified: d.verified }
        : null;
  // Checked, then written as given (stripped of secrets): fields a newer Diagnosis carries
  // beyond the schema (messages…) stay for the report.
  const record = stripSecrets({
    version: 1 as const,
    id: d.sessionId,
    time: new Date(input.now ?? Date.now()).toISOString(),
    target: { host: d.target.host, port: d.target.port },
    server: input.server ?? null,
    fix,
    diagnosis: d,
  });
  SessionRecordSchema.parse(record);
  await writeJsonFile(sessionFile(dir, record.id), record);
  await pruneSessions(dir, MAX_SESSIONS);
  return record;
}

/** The ids of the session files present, oldest first (ids start with their UTC time). */
async function sessionIds(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(historyDir(dir));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length))
    .filter(isSessionId)
    .sort();
}

/** Deletes the oldest sessions so that at most `keep` remain; returns how many went. */
export async function pruneSessions(dir: string, keep: number = MAX_SESSIONS): Promise<number> {
  const ids = await sessionIds(dir);
  const drop = ids.slice(0, Math.max(0, ids.length - keep));
  for (const id of drop) {
    try {
      await unlink(sessionFile(dir, id));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return drop.length;
}

/**
 * One session, or null when there is none with that id (or its file was corrupt and set
 * aside, with a warning). Throws `InvalidSessionId` for an id not of the session-id form.
 */
export async function readSession(
  dir: string,
  id: string,
  warn: Warn,
): Promise<SessionRecord | null> {
  return readJsonFile(sessionFile(dir, id), SessionRecordSchema, warn, { keepExtra: true });
}

/** Deletes one session; false when there was none. Throws `InvalidSessionId` like `readSession`. */
export async function deleteSession(dir: string, id: string): Promise<boolean> {
  try {
    await unlink(sessionFile(dir, id));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** The summary `history` lists for one session. */
export function summarize(r: SessionRecord): SessionSummary {
  return {
    id: r.id,
    time: r.time,
    target: { host: r.target.host, port: r.target.port },
    cause: r.diagnosis.cause,
    fixed: r.fix?.verified === true || r.diagnosis.verified === true,
    changeId: r.fix?.changeId ?? r.diagnosis.changeId,
  };
}

/** Every session, newest first; corrupt files are set aside (with a warning) and skipped. */
export async function listSessions(dir: string, warn: Warn): Promise<SessionSummary[]> {
  const out: SessionSummary[] = [];
  for (const id of await sessionIds(dir)) {
    const r = await readSession(dir, id, warn);
    if (r !== null) out.push(summarize(r));
  }
  return out.sort((a, b) =>
    a.time === b.time ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.time < b.time ? 1 : -1,
  );
}
