import { translator } from '../../shared/i18n/translate';
import { formatTarget } from '../../shared/target';
import { safeText } from '../../shared/text';
import type { Store } from '../engine/store/store';
import { CliError } from './cli-error';
import { cliStore } from './cli-store';
import { envLang } from './report-file';

/**
 * `conndoctor history [--json]` and `conndoctor changes [--json]` (DESIGN §3): the recorded
 * sessions and the change log, newest first. A corrupt file is set aside with a warning on
 * stderr and the rest is listed (exit 0).
 */

/** Options of `history` and `changes`. */
export interface ListCliOptions {
  json?: boolean;
}

const t = () => translator(envLang());

/** Shows an ISO time as `2026-12-03 08:15:00Z`. */
function shortTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

async function fromStore<T>(store: Store, read: (s: Store) => Promise<T>): Promise<T> {
  try {
    return await read(store);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new CliError(
      3,
      t()({ id: 'history.cli.readFailed', params: { dir: store.dir, detail } }),
    );
  }
}

/** `conndoctor history [--json]`. */
export async function historyCommand(o: ListCliOptions): Promise<number> {
  const tr = t();
  const sessions = await fromStore(cliStore(), (s) => s.listSessions());
  if (o.json === true) {
    process.stdout.write(`${JSON.stringify(sessions, null, 2)}\n`);
    return 0;
  }
  if (sessions.length === 0) {
    process.stdout.write(`${tr({ id: 'history.cli.noSessions' })}\n`);
    return 0;
  }
  const lines = sessions.map((s) => {
    const parts = [
      s.id,
      shortTime(s.time),
      formatTarget(s.target),
      tr({ id: `history.report.causes.${s.cause}` }),
    ];
    if (s.fixed) parts.push(tr({ id: 'history.cli.fixed' }));
    if (s.changeId !== null)
      parts.push(tr({ id: 'history.cli.change', params: { id: s.changeId } }));
    return safeText(parts.join('  '), 1000);
  });
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** `conndoctor changes [--json]`. */
export async function changesCommand(o: ListCliOptions): Promise<number> {
  const tr = t();
  const changes = await fromStore(cliStore(), (s) => s.listChanges());
  if (o.json === true) {
    process.stdout.write(`${JSON.stringify(changes, null, 2)}\n`);
    return 0;
  }
  if (changes.length === 0) {
    process.stdout.write(`${tr({ id: 'history.cli.noChanges' })}\n`);
    return 0;
  }
  const lines = changes.map((c) => {
    const parts = [
      c.id,
      shortTime(c.time),
      formatTarget(c.target),
      c.server ?? tr({ id: 'history.cli.local' }),
      c.plan,
    ];
    if (c.undone) parts.push(tr({ id: 'history.cli.undone' }));
    return safeText(parts.join('  '), 1000);
  });
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
