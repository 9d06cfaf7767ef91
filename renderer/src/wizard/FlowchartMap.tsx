import { useTranslation } from 'react-i18next';
import type { DecisionStep, MapStep } from './types';
import './wizard.css';

/**
 * The flowchart as a map: the decision steps in order, each a button carrying
 * `data-map-step`; the current one is marked (`aria-current="step"`), visited ones show
 * their verdict in words and colour. Clicking a node asks to go to that step.
 */
export function FlowchartMap({
  steps,
  current,
  onSelect,
}: {
  steps: readonly MapStep[];
  current: DecisionStep | null;
  onSelect?: (step: DecisionStep) => void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="wz-map" aria-label={t('wizard.map.label')}>
      <ol>
        {steps.map((s, i) => {
          const isCurrent = s.id === current;
          const verdict = s.verdict ?? 'pending';
          return (
            <li key={s.id} className="wz-map-item">
              {i > 0 && <span className="wz-map-edge" aria-hidden="true" />}
              <button
                type="button"
                className={`wz-map-node wz-v-${verdict}${isCurrent ? ' wz-current' : ''}`}
                data-map-step={s.id}
                data-map-verdict={verdict}
                aria-current={isCurrent ? 'step' : undefined}
                onClick={() => onSelect?.(s.id)}
              >
                <span className="wz-map-icon" aria-hidden="true">
                  {ICONS[verdict]}
                </span>
                <span className="wz-map-name">{t(`wizard.map.step.${s.id}`)}</span>
                <span className="wz-map-verdict">{t(`wizard.map.verdict.${verdict}`)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

const ICONS: Record<string, string> = {
  pass: '✓',
  fail: '✕',
  unknown: '?',
  skipped: '–',
  pending: '·',
};
