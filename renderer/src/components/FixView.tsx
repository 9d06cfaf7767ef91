import { useTranslation } from 'react-i18next';
import type { Fix } from '../../../shared/evidence';
import { CommandLine } from './CommandLine';

/** A proposed fix: what it does, its exact commands, whether it lasts, and its undo. */
export function FixView({ fix }: { fix: Fix }) {
  const { t } = useTranslation();
  return (
    <div className="fix" data-fix-id={fix.id}>
      <p>{fix.description}</p>
      {fix.commands.map((argv, i) => (
        <CommandLine key={i} argv={argv} />
      ))}
      <p className="fix-notes">
        {fix.persistent ? t('result.fixPersistent') : t('result.fixRuntime')}{' '}
        {fix.privileged && t('result.fixPrivileged')}
      </p>
      {fix.diff !== null && <pre className="diff">{fix.diff}</pre>}
      {fix.undo.length > 0 && (
        <details className="undo">
          <summary>{t('result.undo')}</summary>
          {fix.undo.map((argv, i) => (
            <CommandLine key={i} argv={argv} />
          ))}
        </details>
      )}
    </div>
  );
}
