import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api, ResponseOf } from '../../../shared/ipc/contracts';
import { newRunId } from '../../../shared/flowchart/api-actors';
import { formatTarget } from '../../../shared/target';
import { SudoPasswordForm } from './SudoPasswordForm';

type Change = ResponseOf<'changes.list'>[number];

/**
 * The change log (every fix ConnDoctor applied, newest first) with **Undo** for each change
 * not yet undone. An undo runs on the server the change was made on (the open session's,
 * or this machine); when sudo there asks for a password, it is asked for here and handed to
 * the engine, which checks it and forgets it when the undo ends.
 */
export function ChangesPanel({
  api,
  sessionId,
  refreshKey,
}: {
  api: Pick<Api, 'changesList' | 'changesUndo' | 'privilegePassword'>;
  /** The open server session, if any: changes made on that server can be undone. */
  sessionId: string | null;
  /** Changes when a fix was applied elsewhere in the app: the list is read again. */
  refreshKey: unknown;
}) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [asking, setAsking] = useState<{ changeId: string; refused: string | null } | null>(null);

  const load = useCallback(async () => {
    const r = await api.changesList({});
    setChanges(r.ok ? r.value : []);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  const undo = async (changeId: string) => {
    setBusy(changeId);
    setStatus(null);
    try {
      const r = await api.changesUndo({ runId: newRunId(), changeId, sessionId });
      if (!r.ok) {
        setStatus({ ok: false, text: r.error.message });
      } else if (r.value.needsPassword) {
        setAsking({ changeId, refused: null });
      } else if (r.value.undone) {
        setStatus({ ok: true, text: t('changes.undone', { id: changeId }) });
      } else {
        setStatus({ ok: false, text: r.value.message ?? t('changes.notUndone') });
      }
    } finally {
      setBusy(null);
      await load();
    }
  };

  const givePassword = async (pw: string) => {
    if (asking === null) return;
    const r = await api.privilegePassword({ sessionId, password: pw });
    if (r.ok && r.value.accepted) {
      const changeId = asking.changeId;
      setAsking(null);
      await undo(changeId);
    } else {
      setAsking({
        ...asking,
        refused: r.ok ? (r.value.message ?? '') : r.error.message,
      });
    }
  };

  const time = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language === 'ko' ? 'ko-KR' : 'en-GB');

  return (
    <section className="changes" aria-labelledby={`${ids}-h`} data-changes="">
      <h2 id={`${ids}-h`}>{t('changes.heading')}</h2>
      <p className="hint">{t('changes.explain')}</p>
      {changes !== null && changes.length === 0 && <p>{t('changes.none')}</p>}
      {changes !== null && changes.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('changes.when')}</th>
              <th scope="col">{t('changes.target')}</th>
              <th scope="col">{t('changes.server')}</th>
              <th scope="col">{t('changes.fix')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('changes.state')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.id} data-change-id={c.id} data-undone={String(c.undone)}>
                <td>{time(c.time)}</td>
                <td>
                  <code>{formatTarget(c.target)}</code>
                </td>
                <td>{c.server ?? t('changes.thisMachine')}</td>
                <td>
                  <code>{c.plan}</code>
                </td>
                <td>
                  {c.undone ? (
                    t('changes.wasUndone')
                  ) : (
                    <button
                      type="button"
                      onClick={() => void undo(c.id)}
                      disabled={busy !== null}
                      aria-label={t('changes.undoLabel', {
                        fix: c.plan,
                        target: formatTarget(c.target),
                      })}
                    >
                      {busy === c.id ? t('changes.undoing') : t('changes.undo')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {asking !== null && (
        <SudoPasswordForm
          server={changes?.find((c) => c.id === asking.changeId)?.server ?? null}
          undoing={changes?.find((c) => c.id === asking.changeId)?.plan ?? asking.changeId}
          refused={asking.refused}
          onAnswer={(pw) => (pw === null ? setAsking(null) : void givePassword(pw))}
        />
      )}
      <div role="status" aria-live="polite">
        {status !== null && (
          <p className={status.ok ? 'changes-ok' : 'form-error'}>{status.text}</p>
        )}
      </div>
    </section>
  );
}
