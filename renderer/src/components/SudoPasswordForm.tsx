import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * sudo asks for a password before anything changes: which machine's sudo asks (and so
 * which password it wants), one password field (focused) with Continue and "Do not apply",
 * and, when the last password was refused, that it was (nothing changed) with sudo's own
 * words under it. The password is handed on once and never kept here.
 */
export function SudoPasswordForm({
  server,
  undoing = null,
  refused,
  onAnswer,
}: {
  /** The server whose sudo asks (`user@host`), or null: this computer. */
  server: string | null;
  /** The fix being undone (its plan id), or null: a fix is being applied. */
  undoing?: string | null;
  /** Why sudo refused the last password ('' when it gave no reason), or null. */
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
      <p>
        {undoing === null
          ? server !== null
            ? t('wizard.consent.sudoAskServer', { server })
            : t('wizard.consent.sudoAskHere')
          : server !== null
            ? t('wizard.consent.sudoUndoServer', { server, fix: undoing })
            : t('wizard.consent.sudoUndoHere', { fix: undoing })}
      </p>
      {refused !== null && (
        <div className="wz-callout wz-bad" role="alert">
          <p>{t('wizard.consent.sudoRefused')}</p>
          {refused !== '' && (
            <small className="wz-said">{t('wizard.consent.sudoSaid', { detail: refused })}</small>
          )}
        </div>
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
      <small id={`${id}-pw-hint`}>
        {t(undoing === null ? 'wizard.consent.sudoHint' : 'wizard.consent.sudoUndoHint')}
      </small>
      <div className="wz-dialog-buttons">
        <button type="submit" className="primary" disabled={password === ''}>
          {t('wizard.consent.sudoContinue')}
        </button>
        <button type="button" onClick={() => answer(null)}>
          {t(undoing === null ? 'wizard.consent.sudoDecline' : 'wizard.consent.sudoUndoDecline')}
        </button>
      </div>
    </form>
  );
}
