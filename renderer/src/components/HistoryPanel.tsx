import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api, ResponseOf } from '../../../shared/ipc/contracts';
import { formatTarget } from '../../../shared/target';

type Session = ResponseOf<'history.list'>[number];
/** A recorded session reopened read-only. */
export type Reopened = ResponseOf<'history.get'>;

/**
 * The history of diagnoses (every session, newest first): open one read-only (with
 * "diagnose again"), or delete it. The same records as `conndoctor history`.
 */
export function HistoryPanel({
  api,
  refreshKey,
  onOpen,
}: {
  api: Pick<Api, 'historyList' | 'historyGet' | 'historyDelete'>;
  /** Changes when a diagnosis was recorded: the list is read again. */
  refreshKey: unknown;
  onOpen: (session: Reopened) => void;
}) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await api.historyList({});
    setSessions(r.ok ? r.value : []);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  const open = async (id: string) => {
    const r = await api.historyGet({ id });
    if (r.ok) onOpen(r.value);
    else setStatus(r.error.message);
  };
  const remove = async (s: Session) => {
    const r = await api.historyDelete({ id: s.id });
    setStatus(
      r.ok && r.value.deleted
        ? t('history.ui.deleted', { target: formatTarget(s.target) })
        : t('history.ui.notDeleted'),
    );
    await load();
  };
  const time = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language === 'ko' ? 'ko-KR' : 'en-GB');

  return (
    <section className="changes" aria-labelledby={`${ids}-h`} data-history="">
      <h2 id={`${ids}-h`}>{t('history.ui.heading')}</h2>
      {sessions !== null && sessions.length === 0 && <p>{t('history.ui.none')}</p>}
      {sessions !== null && sessions.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('history.ui.when')}</th>
              <th scope="col">{t('history.ui.target')}</th>
              <th scope="col">{t('history.ui.result')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('history.ui.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} data-session-id={s.id}>
                <td>{time(s.time)}</td>
                <td>
                  <code>{formatTarget(s.target)}</code>
                </td>
                <td>
                  {t(`history.report.causes.${s.cause}`)}
                  {s.fixed && ` · ${t('history.ui.fixed')}`}
                </td>
                <td className="row-buttons">
                  <button
                    type="button"
                    onClick={() => void open(s.id)}
                    aria-label={t('history.ui.openLabel', { target: formatTarget(s.target) })}
                  >
                    {t('history.ui.open')}
                  </button>{' '}
                  <button
                    type="button"
                    onClick={() => void remove(s)}
                    aria-label={t('history.ui.deleteLabel', { target: formatTarget(s.target) })}
                  >
                    {t('history.ui.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
