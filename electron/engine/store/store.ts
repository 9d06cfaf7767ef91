import type { Message } from '../../../shared/i18n/message';
import {
  appendChange,
  appendUndo,
  listChanges,
  readChangeLog,
  type NewChange,
  type UndoRecord,
} from './changes';
import { dataDir } from './data-dir';
import {
  deleteSession,
  listSessions,
  readSession,
  recordSession,
  type RecordInput,
} from './history';
import type { Warn } from './json-file';
import { readProfiles, saveProfiles } from './profiles';
import { readSettings, updateSettings, type Settings } from './settings';

/**
 * The one store (DESIGN §2): settings, saved servers, history and the change log in one
 * data directory, shared by the desktop app, browser mode and the CLI. Pure Node (never
 * imports electron). Each part lives in its own module; this binds them to one directory
 * and one warning sink.
 */
export interface Store {
  readonly dir: string;
  readSettings(): ReturnType<typeof readSettings>;
  updateSettings(patch: Partial<Settings>): ReturnType<typeof updateSettings>;
  readProfiles(): ReturnType<typeof readProfiles>;
  saveProfiles(profiles: readonly unknown[]): ReturnType<typeof saveProfiles>;
  recordSession(input: RecordInput): ReturnType<typeof recordSession>;
  listSessions(): ReturnType<typeof listSessions>;
  readSession(id: string): ReturnType<typeof readSession>;
  deleteSession(id: string): ReturnType<typeof deleteSession>;
  appendChange(change: NewChange): ReturnType<typeof appendChange>;
  appendUndo(undo: { undoOf: string; result: UndoRecord['result'] }): ReturnType<typeof appendUndo>;
  readChangeLog(): ReturnType<typeof readChangeLog>;
  listChanges(): ReturnType<typeof listChanges>;
}

/** Opens the store in `dir` (default: the data directory); warnings go to `warn`. */
export function openStore(opts: { dir?: string; warn?: Warn } = {}): Store {
  const dir = opts.dir ?? dataDir();
  const warn: Warn = opts.warn ?? ((_m: Message) => undefined);
  return {
    dir,
    readSettings: () => readSettings(dir, warn),
    updateSettings: (patch) => updateSettings(dir, patch, warn),
    readProfiles: () => readProfiles(dir, warn),
    saveProfiles: (profiles) => saveProfiles(dir, profiles),
    recordSession: (input) => recordSession(dir, input),
    listSessions: () => listSessions(dir, warn),
    readSession: (id) => readSession(dir, id, warn),
    deleteSession: (id) => deleteSession(dir, id),
    appendChange: (change) => appendChange(dir, change),
    appendUndo: (undo) => appendUndo(dir, undo, warn),
    readChangeLog: () => readChangeLog(dir, warn),
    listChanges: () => listChanges(dir, warn),
  };
}

export { dataDir } from './data-dir';
export { InvalidSessionId, MAX_SESSIONS } from './history';
export type { SessionRecord, SessionSummary } from './history';
export type { ChangeRecord, ChangeSummary, UndoRecord } from './changes';
export type { Profile } from './profiles';
export type { Settings } from './settings';
export type { Warn } from './json-file';
