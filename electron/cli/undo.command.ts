import { createInterface } from 'node:readline';
import { argvToText } from '../../shared/argv-text';
import { newRunId } from '../../shared/flowchart/api-actors';
import { APP_VERSION } from '../engine/app-version';
import { inProcessApi } from '../engine/in-process-api';
import { fixDeps } from '../engine/service-deps';
import { SESSION_ID_RE } from '../../shared/session-id';
import type { Diagnosis } from '../../shared/evidence';
import { formatTarget } from '../../shared/target';
import type { ChangeRecord } from '../engine/store/store';
import { msg } from '../../shared/i18n/message';
import { translator, type Lang } from '../../shared/i18n/translate';
import { CliError, noteLine, usageError } from './cli-error';
import { cliStore } from './cli-store';
import { borrowed, runDiagnosis } from './diagnose.command';
import { sshOpt, timeoutOpt, type AccessOptions } from './options';
import { painter, renderDiagnosis } from './render';
import { cliLang } from './lang';
import { openAccess } from './server-access';

/** Options of `conndoctor undo`. */
export interface UndoCliOptions extends AccessOptions {
  yes?: boolean;
  lang?: string;
}

const USAGE = 'conndoctor undo';

async function confirm(change: ChangeRecord, lang: Lang): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const t = translator(lang);
  const server = change.server ?? t(msg('cli.result.serverLocal'));
  process.stderr.write(
    [
      '',
      t(msg('cli.undo.revert', { id: change.id, plan: change.plan.id, server })),
      ...change.undo.map((c) => `  $ ${change.privileged ? 'sudo ' : ''}${argvToText(c)}`),
      '',
    ].join('\n'),
  );
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const a = await new Promise<string>((r) => rl.question(t(msg('cli.undo.ask')), r));
    return /^y(es)?$/i.test(a.trim());
  } finally {
    rl.close();
  }
}

/**
 * `conndoctor undo [ID]` (DESIGN §3): reverts one applied change — by default the newest
 * not yet undone — on the server it was made on, asking first unless `--yes`, then
 * diagnoses again to show the state. Exit 0 = reverted; 1 = declined, failed or already
 * undone; 2 = bad usage (unknown id, another server); 3 = the server could not be reached.
 */
export async function undoCommand(id: string | undefined, o: UndoCliOptions): Promise<number> {
  if (id !== undefined && !SESSION_ID_RE.test(id)) {
    throw usageError(msg('cli.error.notChangeId', { id }), USAGE);
  }
  await sshOpt(o.ssh, USAGE);
  const timeoutMs = timeoutOpt(o.timeout, USAGE);
  const lang = cliLang(o.lang, USAGE);
  const store = cliStore(lang);
  const { changes, undos } = await store.readChangeLog();
  const undone = new Set(undos.filter((u) => u.result === 'reverted').map((u) => u.undoOf));
  const change =
    id !== undefined
      ? changes.find((c) => c.id === id)
      : [...changes].reverse().find((c) => !undone.has(c.id));
  if (!change) {
    throw usageError(
      id !== undefined ? msg('cli.error.noChange', { id }) : msg('cli.error.nothingToUndo'),
      USAGE,
    );
  }
  const out = (changeUndone: boolean, d: Diagnosis | null): void => {
    if (o.json) {
      process.stdout.write(
        JSON.stringify({ changeId: change.id, undone: changeUndone, diagnosis: d }, null, 2) + '\n',
      );
    } else if (d) {
      process.stdout.write(renderDiagnosis(d, painter(process.stdout), change.server, lang));
    }
  };
  if (undone.has(change.id)) {
    process.stderr.write(noteLine(msg('cli.error.alreadyUndone', { id: change.id }), lang));
    out(false, null);
    return 1;
  }
  if (change.undo.length === 0) {
    process.stderr.write(
      noteLine(msg('cli.error.cannotUndo', { id: change.id, plan: change.plan.id }), lang),
    );
    out(false, null);
    return 1;
  }
  if ((change.server === null) !== (o.ssh === undefined)) {
    throw usageError(
      change.server === null
        ? msg('cli.error.madeHere', { id: change.id })
        : msg('cli.error.madeOn', { id: change.id, server: change.server }),
      USAGE,
    );
  }
  const access = await openAccess(change.target.host, o, timeoutMs);
  try {
    const executor = access.server ?? access.client;
    if (change.server !== null && executor.label !== change.server) {
      throw usageError(
        msg('cli.error.madeOnOther', {
          id: change.id,
          server: change.server,
          label: executor.label,
        }),
        USAGE,
      );
    }
    if (!o.yes && !(await confirm(change, lang))) {
      process.stderr.write(noteLine(msg('cli.error.notReverted'), lang));
      out(false, null);
      return 1;
    }
    // Reverted by the engine's own `changes.undo` (the logged undo, on the server it was
    // made on, logged as reverted or failed), as the desktop app and browser mode do.
    const remote = change.server !== null && access.server !== null;
    const inProcess = inProcessApi({
      ...fixDeps({ store }),
      localExecutor: () => borrowed(access.client),
      ...(remote && access.server
        ? {
            openSession: () =>
              Promise.resolve({ executor: borrowed(executor), label: executor.label }),
          }
        : {}),
      isLocalHost: () => Promise.resolve(!remote),
      appInfo: {
        name: 'ConnDoctor',
        version: APP_VERSION,
        mode: 'browser',
        platform: process.platform,
      },
    });
    let failed: string | null = null;
    try {
      let sessionId: string | null = null;
      if (remote) {
        const opened = await inProcess.api.sessionOpen({ destination: executor.label });
        if (!opened.ok) throw new CliError(3, opened.error.message);
        sessionId = opened.value.sessionId;
      }
      const r = await inProcess.api.changesUndo({
        runId: newRunId(),
        changeId: change.id,
        sessionId,
      });
      if (!r.ok) failed = r.error.message;
      else if (!r.value.undone)
        failed = r.value.message ?? translator(lang)(msg('cli.undo.notReverted'));
    } finally {
      await inProcess.close();
    }
    if (failed !== null) {
      process.stderr.write(noteLine(msg('cli.error.undoFailed', { detail: failed }), lang));
    } else {
      process.stderr.write(
        noteLine(
          msg('cli.error.reverted', {
            id: change.id,
            plan: change.plan.id,
            target: formatTarget(change.target),
          }),
          lang,
        ),
      );
    }
    const ac = new AbortController();
    // A service plan names its unit: diagnose again with it, as the fix was diagnosed.
    const unit = (change.plan as { unit?: unknown }).unit;
    const service = typeof unit === 'string' ? unit : undefined;
    const d = await runDiagnosis(
      change.target,
      access,
      { timeoutMs, ...(service !== undefined ? { service } : {}) },
      ac.signal,
    );
    out(failed === null, d);
    return failed === null ? 0 : 1;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(3, e instanceof Error ? e.message : String(e));
  } finally {
    await access.close();
  }
}
