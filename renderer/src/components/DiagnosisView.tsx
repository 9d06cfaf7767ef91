import { useTranslation } from 'react-i18next';
import type { Diagnosis, Evidence } from '../../../shared/evidence';
import { captureData, connectData } from '../../../shared/diagnosis/evidence-view';
import { EvidenceList } from './EvidenceList';
import { SequenceDiagram } from './SequenceDiagram';
import { useMessageText } from '../wizard/use-msg-text';

/**
 * The proof behind the answer: the outcome in plain words, the cause, the handshake as a
 * sequence diagram, the deciding rule, what else was found, what was ruled out, and the
 * evidence with its raw output (each probe can be run again). The answer card carries the
 * result hooks (`data-cause`, the fix, next steps).
 */
export function DiagnosisView({
  diagnosis,
  onRetry,
}: {
  diagnosis: Diagnosis;
  onRetry?: (e: Evidence) => void;
}) {
  const { t } = useTranslation();
  const text = useMessageText();
  const d = diagnosis;
  return (
    <section className="diagnosis" aria-labelledby="diagnosis-heading">
      <h2 id="diagnosis-heading">{t('result.heading')}</h2>
      <p className="outcome">{t(`outcome.${d.outcome}`)}</p>
      <p className={`cause cause-${d.cause === 'ok' ? 'ok' : 'fault'}`}>
        <span className="cause-word">{d.cause}</span> {t(`cause.${d.cause}`)}
      </p>
      <p className="summary">{text(d.message, d.summary)}</p>
      <p className="confidence">
        {t('result.confidence', { level: t(`result.confidenceLevel.${d.confidence}`) })} ·{' '}
        {t('result.durationMs', { ms: Math.round(d.durationMs) })}
      </p>
      {d.verified !== null && (
        <p className="verified">
          {d.verified ? t('result.verifiedTrue') : t('result.verifiedFalse')}
        </p>
      )}
      {(d.warnings ?? []).length > 0 && (
        <ul className="warnings" aria-label={t('result.warnings')}>
          {(d.warnings ?? []).map((w, i) => (
            <li key={i}>{text(d.warningMessages?.[i], w)}</li>
          ))}
        </ul>
      )}

      <h3>{t('result.tcp')}</h3>
      <SequenceDiagram
        outcome={d.outcome}
        connect={connectData(d.evidence)}
        capture={captureData(d.evidence)}
      />

      {d.rule !== null && (
        <>
          <h3>{t('result.rule')}</h3>
          <p>
            <code>{d.rule.text}</code> ({d.rule.source} {d.rule.table}/{d.rule.chain} #
            {d.rule.position})
            {d.rule.frontEnd !== null && (
              <>
                {' '}
                ← {d.rule.frontEnd.source}: <code>{d.rule.frontEnd.text}</code>
              </>
            )}
          </p>
        </>
      )}

      {d.alsoFound.length > 0 && (
        <>
          <h3>{t('result.alsoFound')}</h3>
          <ul>
            {d.alsoFound.map((a) => (
              <li key={a.cause}>
                <code>{a.cause}</code>: {text(a.message, a.summary)}
              </li>
            ))}
          </ul>
        </>
      )}
      {d.ruledOut.length > 0 && (
        <>
          <h3>{t('result.ruledOut')}</h3>
          <ul className="ruled-out">
            {d.ruledOut.map((r, i) => (
              <li key={`${r.cause}-${i}`}>
                <code>{r.cause}</code>: {text(r.message, r.by)}
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{t('result.evidence')}</h3>
      <EvidenceList evidence={d.evidence} {...(onRetry ? { onRetry } : {})} />
    </section>
  );
}
