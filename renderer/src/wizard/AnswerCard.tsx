import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cause } from '../../../shared/causes';
import type { Message } from '../../../shared/i18n/message';
import { CommandLine } from '../components/CommandLine';
import type { FixView, NextStepView } from './types';
import { useMessageText, useOptionalMessageText } from './use-msg-text';
import './wizard.css';

/**
 * The answer first: one plain sentence for the cause (`data-cause`), the proof one click
 * away (`proof`, inside a disclosure), then the fix with its exact command
 * (`data-fix-id`) and one **Apply fix** button, or — with no fix — what to do next
 * (`data-next-steps`), and what ConnDoctor could change instead (`instead`: wrong-port's
 * move of the service, reviewed in the consent dialog). Takes focus when it appears and is announced (the heading is in a
 * polite live region).
 */
export function AnswerCard({
  cause,
  confidence,
  summary,
  fix,
  nextSteps,
  verified = null,
  proof,
  instead = null,
  serverChecked = false,
  onApplyFix,
  onStepByStep,
}: {
  cause: Cause;
  confidence: 'high' | 'medium' | 'low';
  /** The diagnosis' own sentence (a message when there is one), shown under the answer. */
  summary?: { text: string; message?: Message };
  fix: FixView | null;
  nextSteps: readonly NextStepView[];
  verified?: boolean | null;
  /** The evidence behind the answer (e.g. the handshake and the deciding evidence view). */
  proof?: ReactNode;
  /** The server side was checked (a low confidence then does not ask for server access). */
  serverChecked?: boolean;
  /** No fix, but a change ConnDoctor can make instead (an alternative). */
  instead?: FixView | null;
  /** Opens the consent dialog (on the fix, or else on `instead`). */
  onApplyFix?: () => void;
  onStepByStep?: () => void;
}) {
  const { t } = useTranslation();
  const text = useMessageText();
  const optional = useOptionalMessageText();
  const card = useRef<HTMLElement>(null);
  useEffect(() => card.current?.focus(), [cause]);
  return (
    <section
      ref={card}
      tabIndex={-1}
      className={`wz-answer ${cause === 'ok' ? 'wz-good' : 'wz-bad'}`}
      data-cause={cause}
      aria-labelledby="wz-answer-heading"
    >
      <div role="status" aria-live="polite" aria-atomic="true">
        <h2 id="wz-answer-heading">{t('wizard.answer.heading')}</h2>
        <p className="wz-answer-sentence">{t(`wizard.answer.cause.${cause}`)}</p>
      </div>
      <p className="wz-note">
        {t(
          `wizard.answer.confidence.${confidence === 'low' && serverChecked ? 'lowWithAccess' : confidence}`,
        )}
        {summary !== undefined && <> {optional(summary.message, summary.text)}</>}
      </p>
      {verified !== null && (
        <p
          className={`wz-callout ${verified ? 'wz-good' : 'wz-bad'}`}
          data-verified={String(verified)}
        >
          {verified ? t('wizard.answer.verifiedTrue') : t('wizard.answer.verifiedFalse')}
        </p>
      )}
      {proof !== undefined && (
        <details className="wz-proof">
          <summary>{t('wizard.answer.proof')}</summary>
          {proof}
        </details>
      )}
      {fix !== null ? (
        <div className="wz-fix" data-fix-id={fix.id}>
          <h3>{t('wizard.answer.fixHeading')}</h3>
          <p>{text(fix.message, fix.description)}</p>
          {fix.commands.map((argv, i) => (
            <CommandLine key={i} argv={argv} />
          ))}
          {fix.diff !== null && <pre data-raw="">{fix.diff}</pre>}
          {onApplyFix !== undefined && verified !== true && (
            <button type="button" className="primary" onClick={onApplyFix}>
              {t('wizard.answer.applyFix')}
            </button>
          )}
        </div>
      ) : (
        nextSteps.length > 0 && (
          <div className="wz-next" data-next-steps="">
            <h3>{t('wizard.answer.nextStepsHeading')}</h3>
            <ol>
              {nextSteps.map((s, i) => (
                <li key={i}>
                  <p>{text(s.message, s.why)}</p>
                  {s.command !== null && s.command.length > 0 && <CommandLine argv={s.command} />}
                </li>
              ))}
            </ol>
            {instead !== null && verified === null && (
              <div className="wz-instead">
                <h3>{t('wizard.answer.insteadHeading')}</h3>
                <p>{text(instead.message, instead.description)}</p>
                {instead.diff !== null && <pre data-raw="">{instead.diff}</pre>}
                {onApplyFix !== undefined && (
                  <button type="button" onClick={onApplyFix}>
                    {t('wizard.answer.reviewInstead')}
                  </button>
                )}
              </div>
            )}
          </div>
        )
      )}
      {onStepByStep !== undefined && (
        <button type="button" onClick={onStepByStep}>
          {t('wizard.answer.stepByStep')}
        </button>
      )}
    </section>
  );
}
