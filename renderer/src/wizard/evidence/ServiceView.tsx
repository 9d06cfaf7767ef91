import { useTranslation } from 'react-i18next';
import type { ServiceData } from '../../../../shared/probe-data';
import '../wizard.css';

/** The expected service: its state in plain words, its ports, and its last log lines. */
export function ServiceView({ data }: { data: ServiceData }) {
  const { t } = useTranslation();
  const good = data.state === 'active';
  return (
    <div className="wz-ev wz-service" data-service-state={data.state}>
      <h4>{t('wizard.ev.service.caption')}</h4>
      <p className={good ? 'wz-good' : 'wz-bad'}>
        <code>{data.name}</code> ({data.manager}): {t(`wizard.ev.service.state.${data.state}`)}
        {data.subState !== undefined && (
          <>
            {' '}
            <small>
              <code>{data.subState}</code>
            </small>
          </>
        )}
      </p>
      <p>
        {data.ports.length > 0 ? (
          <>
            {t('wizard.ev.service.ports')}:{' '}
            {data.ports.map((p) => (
              <code key={p} className="wz-addr">
                {p}
              </code>
            ))}
          </>
        ) : (
          t('wizard.ev.service.noPorts')
        )}
      </p>
      {data.journal !== undefined && data.journal.length > 0 && (
        <details open={!good}>
          <summary>{t('wizard.ev.service.journal')}</summary>
          <pre data-raw="">{data.journal.join('\n')}</pre>
        </details>
      )}
    </div>
  );
}
