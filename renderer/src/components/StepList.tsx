import { useTranslation } from 'react-i18next';
import type { StepView } from '../../../shared/flowchart/wizard-view';

/** A flowchart step as the UI shows it. */
export type { StepView };

/** The flowchart: each step with its state and its short explanation. */
export function StepList({ steps }: { steps: readonly StepView[] }) {
  const { t } = useTranslation();
  return (
    <ol className="steps">
      {steps.map((s) => (
        <li
          key={s.id}
          data-flow-step={s.id}
          data-step-state={s.state}
          className={`step-${s.state}`}
        >
          <span className="step-name">{t(`steps.${s.id}`)}</span>{' '}
          <span className="step-state">{t(`steps.state.${s.state}`)}</span>
          <p className="step-explain">{t(`flow.step.${s.id}`)}</p>
        </li>
      ))}
    </ol>
  );
}
