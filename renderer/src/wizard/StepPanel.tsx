import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepFindingView } from './types';
import { useMessageText } from './use-msg-text';
import './wizard.css';

/**
 * One decision step at a time: what was checked, what it saw (the evidence views, passed
 * as children), why it matters, and Next / Back / Skip. Carries `data-step` and
 * `data-step-verdict` (DESIGN §3); Next is disabled at the last step. The heading takes
 * focus when the step changes, so keyboard and screen-reader users follow the walk.
 */
export function StepPanel({
  finding,
  index,
  total,
  onNext,
  onBack,
  onSkip,
  children,
}: {
  finding: StepFindingView;
  /** 0-based position of the step in the walk. */
  index: number;
  total: number;
  onNext: () => void;
  onBack: () => void;
  onSkip?: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const text = useMessageText();
  const heading = useRef<HTMLHeadingElement>(null);
  const step = finding.step;
  useEffect(() => heading.current?.focus(), [step]);
  const last = index >= total - 1;
  return (
    <section
      className={`wz-step wz-v-${finding.verdict}`}
      data-step={step}
      data-step-verdict={finding.verdict}
      aria-labelledby="wz-step-heading"
    >
      <p className="wz-step-counter">{t('wizard.step.counter', { n: index + 1, total })}</p>
      <h3 id="wz-step-heading" tabIndex={-1} ref={heading}>
        {t(`wizard.map.step.${step}`)} —{' '}
        <span className="wz-step-verdict">{t(`wizard.map.verdict.${finding.verdict}`)}</span>
      </h3>
      <p className="wz-step-finding">{text(finding.message, finding.summary)}</p>
      <h4>{t('wizard.step.checkedHeading')}</h4>
      <p>{t(`wizard.step.checks.${step}`)}</p>
      <h4>{t('wizard.step.sawHeading')}</h4>
      {children}
      <h4>{t('wizard.step.whyHeading')}</h4>
      <p>{t(`wizard.step.why.${step}`)}</p>
      <div className="wz-step-nav">
        <button type="button" onClick={onBack} disabled={index === 0}>
          <span aria-hidden="true">← </span>
          {t('wizard.step.back')}
        </button>
        {onSkip !== undefined && !last && (
          <button type="button" onClick={onSkip}>
            {t('wizard.step.skip')}
          </button>
        )}
        <button type="button" className="primary" onClick={onNext} disabled={last}>
          {t('wizard.step.next')}
          <span aria-hidden="true"> →</span>
        </button>
      </div>
    </section>
  );
}
