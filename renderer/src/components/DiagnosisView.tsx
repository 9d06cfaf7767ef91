import { useTranslation } from 'react-i18next';
import type { Diagnosis, Evidence } from '../../../shared/evidence';
import { captureData, connectData } from '../../../shared/diagnosis/evidence-view';
import { CommandLine } from './CommandLine';
import { EvidenceList } from './EvidenceList';
import { FixView } from './FixView';
import { SequenceDiagram } from './SequenceDiagram';

/**
 * The final diagnosis: the outcome in plain words, the cause (carried as `data-cause`),
 * the handshake as a sequence diagram, the fix with its exact command, next steps, what
 * was ruled out, and the evidence with its raw output.
 */
export function DiagnosisView({
  diagnosis,
  onRetry,
}: {
  diagnosis: Diagnosis;
  onRetry?: (e: Evidence) => void;
}) {
  const { t } = useTranslation();
  const d = diagnosis;
  return (
    <section className="diagnosis" data-cause={d.cause} aria-labelledby="diagnosis-heading">
      <h2 id="diagnosis-heading">{t('result.heading')}</h2>
      <p className="outcome">{t(`outcome.${d.outcome}`)}</p>
      <p className={`cause cause-${d.cause === 'ok' ? 'ok' : 'fault'}`}>
        <span className="cause-word">{d.cause}</span> {t(`cause.${d.cause}`)}
      </p>
      <p className="summary">{d.summary}</p>
      <p className="confidence">
        {t('result.confidence', { level: t(`result.confidenceLevel.${d.confidence}`) })} ·{' '}
        {t('result.durationMs', { ms: Math.round(d.durationMs) })}
      </p>
      {d.verified !== null && (
        <p className="verified" data-verified={String(d.verified)}>
          {d.verified ? t('result.verifiedTrue') : t('result.verifiedFalse')}
        </p>
      )}
      {(d.warnings ?? []).length > 0 && (
        <ul className="warnings" aria-label={t('result.warnings')}>
          {(d.warnings ?? []).map((w, i) => (
            <li key={i}>{w}</li>
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

      {d.fix !== null && (
        <>
          <h3>{t('result.fix')}</h3>
          <FixView fix={d.fix} />
        </>
      )}
      {d.alternatives.length > 0 && (
        <>
          <h3>{t('result.alternatives')}</h3>
          {d.alternatives.map((f) => (
            <FixView key={f.id} fix={f} />
          ))}
        </>
      )}

      {(d.nextSteps ?? []).length > 0 && (
        <>
          <h3>{t('result.nextSteps')}</h3>
          <ul className="next-steps">
            {(d.nextSteps ?? []).map((s, i) => (
              <li key={i}>
                <p>{s.why}</p>
                {s.command && <CommandLine argv={s.command} />}
              </li>
            ))}
          </ul>
        </>
      )}

      {d.alsoFound.length > 0 && (
        <>
          <h3>{t('result.alsoFound')}</h3>
          <ul>
            {d.alsoFound.map((a) => (
              <li key={a.cause}>
                <code>{a.cause}</code>: {a.summary}
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
                <code>{r.cause}</code>: {r.by}
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
