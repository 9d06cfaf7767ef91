import { useTranslation } from 'react-i18next';
import { isLoopback } from '../../../../shared/diagnosis/evidence-view';
import type { ListenersData } from '../../../../shared/probe-data';
import '../wizard.css';

/**
 * The server's listening sockets; rows on the asked port are highlighted, and a
 * loopback-only bind on that port is called out (reachable from the server itself only).
 */
export function ListenersTable({
  data,
  port,
  reached = null,
}: {
  data: ListenersData;
  /** The port the client asked for. */
  port: number;
  /** The address the client reaches (a loopback bind is fine when it is loopback too). */
  reached?: string | null;
}) {
  const { t } = useTranslation();
  const onPort = data.listeners.filter((l) => l.port === port);
  const reachedLoopback = reached !== null && isLoopback(reached);
  const loopbackOnly =
    onPort.length > 0 && onPort.every((l) => isLoopback(l.address)) && !reachedLoopback;
  const rows = [...data.listeners].sort(
    (a, b) => Number(b.port === port) - Number(a.port === port) || a.port - b.port,
  );
  return (
    <div className="wz-ev wz-listeners">
      <table>
        <caption>{t('wizard.ev.listeners.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wizard.ev.listeners.address')}</th>
            <th scope="col">{t('wizard.ev.listeners.port')}</th>
            <th scope="col">{t('wizard.ev.listeners.program')}</th>
            <th scope="col">{t('wizard.ev.listeners.pid')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l, i) => {
            const target = l.port === port;
            return (
              <tr
                key={`${l.address}-${l.port}-${i}`}
                className={target ? 'wz-hl' : undefined}
                data-target-port={target ? 'true' : undefined}
              >
                <td>
                  <code>{l.address}</code>
                  {target && isLoopback(l.address) && !reachedLoopback && (
                    <span className="wz-tag wz-tag-bad">
                      {t('wizard.ev.listeners.loopbackTag')}
                    </span>
                  )}
                </td>
                <td>
                  <code>{l.port}</code>
                  {target && <span className="wz-sr">{t('wizard.ev.listeners.target')}</span>}
                </td>
                <td>
                  {l.process !== null ? (
                    <code>{l.process}</code>
                  ) : (
                    t('wizard.ev.listeners.unknownProgram')
                  )}
                </td>
                <td>{l.pid !== null ? <code>{l.pid}</code> : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {onPort.length === 0 && (
        <p className="wz-callout wz-bad">{t('wizard.ev.listeners.noneOnPort', { port })}</p>
      )}
      {loopbackOnly && (
        <p className="wz-callout wz-bad" data-loopback-only="">
          {t('wizard.ev.listeners.loopbackOnly')}
        </p>
      )}
      {!data.processesVisible && <p className="wz-note">{t('wizard.ev.listeners.hiddenOwners')}</p>}
    </div>
  );
}
