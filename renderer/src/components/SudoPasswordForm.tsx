import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * sudo asks for a password before anything changes: one password field (focused) with
 * Continue and "Do not apply", and sudo's reason when the last password was refused. The
 * password is handed on once and never kept here.
 */
export function SudoPasswordForm({
  refused,
  onAnswer,
}: {
  /** Why sudo refused the last password, or null. */
  refused: string | null;
  /** The password, or null: do not go on. */
  onAnswer: (password: string | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [password, setPassword] = useState('');
  const answer = (pw: string | null) => {
    setPassword('');
    onAnswer(pw);
  };
  return (
    <form
      className="wz-field wz-sudo"
      data-sudo-ask=""
      onSubmit={(e) => {
        e.preventDefault();
        if (password !== '') answer(password);
      }}
    >
      <p>{t('wizard.consent.sudoAsk')}</p>
      {refused !== null && (
        <p className="wz-callout wz-bad" role="alert">
          {t('wizard.consent.sudoRefused')} <samp>{refused}</samp>
        </p>
      )}
      <label htmlFor={`${id}-pw`}>{t('wizard.consent.sudoPassword')}</label>
      <input
        id={`${id}-pw`}
        type="password"
        autoComplete="off"
        autoFocus
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        aria-describedby={`${id}-pw-hint`}
      />
      <small id={`${id}-pw-hint`}>{t('wizard.consent.sudoHint')}</small>
      <div className="wz-dialog-buttons">
        <button type="submit" className="primary" disabled={password === ''}>
          {t('wizard.consent.sudoContinue')}
        </button>
        <button type="button" onClick={() => answer(null)}>
          {t('wizard.consent.sudoDecline')}
        </button>
      </div>
    </form>
  );
}
