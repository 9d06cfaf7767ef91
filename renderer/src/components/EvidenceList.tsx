import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../shared/evidence';
import { argvToText } from '../../../shared/argv-text';
import { evidenceReasonText, evidenceSummaryText } from '../../../shared/i18n/evidence-text';
import type { Message } from '../../../shared/i18n/message';
import { useMessageText } from '../wizard/use-msg-text';

/** The evidence behind a diagnosis: one expandable entry per probe, raw output inside. */
export function EvidenceList({
  evidence,
  onRetry,
}: {
  evidence: readonly Evidence[];
  /** Runs one probe again (the flowchart then decides again). */
  onRetry?: (e: Evidence) => void;
}) {
  const { t } = useTranslation();
  const text = useMessageText();
  const say = (m: Message) => text(m, m.id);
  return (
    <ul className="evidence">
      {evidence.map((e, i) => (
        <li key={`${e.probe}-${e.vantage}-${i}`} data-status={e.status}>
          <details>
            <summary>
              <span className={`badge badge-${e.status}`}>{e.status}</span>{' '}
              <strong>
                {e.probe} · {e.vantage}
              </strong>
              : {evidenceSummaryText(e, say)} <span className="ms">({e.ms} ms)</span>
            </summary>
            {e.command.length > 0 && (
              <p>
                {t('result.command')}: <code>{argvToText(e.command)}</code>
              </p>
            )}
            {e.reason !== undefined && <p className="reason">{evidenceReasonText(e, say)}</p>}
            {onRetry !== undefined && (
              <button type="button" className="retry" onClick={() => onRetry(e)}>
                {t('result.retry')}
              </button>
            )}
            {e.raw !== undefined && e.raw !== '' && (
              <>
                <h4>{t('result.rawOutput')}</h4>
                <pre>{e.raw}</pre>
              </>
            )}
          </details>
        </li>
      ))}
    </ul>
  );
}
