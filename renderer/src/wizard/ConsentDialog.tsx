import * as Dialog from '@radix-ui/react-dialog';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandLine } from '../components/CommandLine';
import { SudoPasswordForm } from '../components/SudoPasswordForm';
import type { FixView, PasswordAsk } from './types';
import { useMessageText } from './use-msg-text';
import './wizard.css';

/** Where applying a fix stands. */
export type ApplyPhase = 'idle' | 'applying' | 'verifying' | 'done' | 'failed';

/**
 * Consent to one exact change (DESIGN §4): a modal `role="dialog"` (Radix Dialog: focus
 * trap, Escape, focus return) showing the commands or diff, privilege, persistence, undo
 * and risk; the alternatives are chosen inside it. **Apply this fix** hands the chosen plan
 * id to `onApply`. When sudo on that machine asks for a password, the engine's question
 * (`passwordAsk`) shows a password field here; the field is cleared on every outcome and
 * the password goes to the engine only. Then progress, the verification result
 * (`data-verified`) and, for remote firewall/network changes, the dead-man countdown.
 */
export function ConsentDialog({
  open,
  onOpenChange,
  fixes,
  selectedId,
  onSelect,
  onApply,
  passwordAsk = null,
  server = null,
  phase = 'idle',
  verified = null,
  error = null,
  deadmanSeconds = null,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The proposed fix first, then its alternatives. */
  fixes: readonly FixView[];
  selectedId: string;
  onSelect: (planId: string) => void;
  onApply: (planId: string) => void;
  /** sudo asks for a password to go on (null: it does not). */
  passwordAsk?: PasswordAsk | null;
  /** The server the fix runs on (`user@host`), or null: this computer. */
  server?: string | null;
  phase?: ApplyPhase;
  verified?: boolean | null;
  /** Why applying failed, as a sentence in the chosen language. */
  error?: string | null;
  /** Seconds left before the server rolls the change back by itself; null when none. */
  deadmanSeconds?: number | null;
}) {
  const { t } = useTranslation();
  const text = useMessageText();
  const ids = useId();
  const title = useRef<HTMLHeadingElement>(null);
  const fix = fixes.find((f) => f.id === selectedId) ?? fixes[0];
  const busy = phase === 'applying' || phase === 'verifying';
  // While sudo waits for the password nothing runs: no "Applying…" then.
  const busyText = t(
    phase === 'verifying' ? 'wizard.consent.verifying' : 'wizard.consent.applying',
  );
  if (fix === undefined) return null;
  return (
    <Dialog.Root open={open} onOpenChange={(o) => !busy && onOpenChange(o)}>
      <Dialog.Portal>
        <Dialog.Overlay className="wz-overlay" />
        <Dialog.Content
          className="wz-dialog"
          data-fix-id={fix.id}
          aria-describedby={`${ids}-intro`}
          // Reading starts at the question, not at the first Copy button halfway down.
          onOpenAutoFocus={(e) => {
            e.preventDefault();
            title.current?.focus();
          }}
        >
          <Dialog.Title ref={title} tabIndex={-1}>
            {t('wizard.consent.title')}
          </Dialog.Title>
          <Dialog.Description id={`${ids}-intro`}>{t('wizard.consent.intro')}</Dialog.Description>
          {fixes.length > 1 && (
            <fieldset className="wz-choose" disabled={busy || phase === 'done'}>
              <legend>{t('wizard.consent.choose')}</legend>
              {fixes.map((f) => (
                <label key={f.id} className="wz-choice">
                  <input
                    type="radio"
                    name={`${ids}-fix`}
                    value={f.id}
                    checked={f.id === fix.id}
                    onChange={() => onSelect(f.id)}
                  />{' '}
                  {text(f.message, f.description)}{' '}
                  <small>
                    ({f.persistent ? t('wizard.consent.persistent') : t('wizard.consent.runtime')})
                  </small>
                </label>
              ))}
            </fieldset>
          )}
          {fixes.length === 1 && <p>{text(fix.message, fix.description)}</p>}
          {fix.commands.length > 0 && (
            <>
              <h3>{t('wizard.consent.commands')}</h3>
              {fix.commands.map((argv, i) => (
                <CommandLine key={i} argv={argv} />
              ))}
            </>
          )}
          {fix.diff !== null && (
            <>
              <h3>{t('wizard.consent.diff')}</h3>
              <pre data-raw="" className="wz-diff">
                {fix.diff}
              </pre>
            </>
          )}
          <ul className="wz-facts">
            <li data-privileged={String(fix.privileged)}>
              {fix.privileged ? t('wizard.consent.privileged') : t('wizard.consent.unprivileged')}
            </li>
            <li data-persistent={String(fix.persistent)}>
              {fix.persistent ? t('wizard.consent.persistent') : t('wizard.consent.runtime')}
            </li>
            {(fix.risk != null || fix.riskMessage !== undefined) && (
              <li>
                {t('wizard.consent.risk')}: {text(fix.riskMessage, fix.risk ?? '')}
              </li>
            )}
          </ul>
          {fix.undo.length > 0 && (
            <details>
              <summary>{t('wizard.consent.undo')}</summary>
              {fix.undo.map((argv, i) => (
                <CommandLine key={i} argv={argv} />
              ))}
            </details>
          )}
          {passwordAsk !== null && (
            <SudoPasswordForm
              server={server}
              refused={passwordAsk.refused}
              onAnswer={(pw) => passwordAsk.answer(pw)}
            />
          )}
          <div role="status" aria-live="polite" className="wz-progress">
            {busy && passwordAsk === null && (
              <>
                <progress aria-label={busyText} /> {busyText}
              </>
            )}
            {busy && deadmanSeconds !== null && (
              <p className="wz-deadman" data-deadman-seconds={deadmanSeconds}>
                {t('wizard.consent.deadman', { count: deadmanSeconds })}
              </p>
            )}
            {phase === 'done' && verified !== null && (
              <p
                className={`wz-callout ${verified ? 'wz-good' : 'wz-bad'}`}
                data-verified={String(verified)}
              >
                {verified ? t('wizard.consent.verifiedTrue') : t('wizard.consent.verifiedFalse')}
              </p>
            )}
            {phase === 'failed' && (
              <p className="wz-callout wz-bad" role="alert">
                {t('wizard.consent.failed', { message: error ?? '' })}
              </p>
            )}
          </div>
          <div className="wz-dialog-buttons">
            {phase === 'idle' && (
              <button type="button" className="primary" onClick={() => onApply(fix.id)}>
                {t('wizard.consent.apply')}
              </button>
            )}
            <Dialog.Close asChild>
              <button type="button" disabled={busy}>
                {phase === 'idle' ? t('wizard.consent.cancel') : t('wizard.consent.close')}
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
