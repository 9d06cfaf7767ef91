import { useTranslation } from 'react-i18next';
import { isValidUnit } from '../../../shared/target';

/** What the options hold: the expected service and the connect timeout, as typed. */
export interface OptionsValue {
  service: string;
  timeoutMs: string;
}

/** The options as the machine takes them, or an error key when one is invalid. */
export function readOptions(
  v: OptionsValue,
): { ok: true; service?: string; timeoutMs: number } | { ok: false; error: string } {
  const service = v.service.trim();
  if (service !== '' && !isValidUnit(service))
    return { ok: false, error: 'options.invalidService' };
  const t = v.timeoutMs.trim() === '' ? 3000 : Number(v.timeoutMs);
  if (!Number.isInteger(t) || t < 50 || t > 120_000)
    return { ok: false, error: 'options.invalidTimeout' };
  return { ok: true, ...(service !== '' ? { service } : {}), timeoutMs: t };
}

/**
 * Diagnosis options (the CLI's `--service` and `--timeout`): the service expected on the
 * port tells a stopped service or a wrong port from "nothing listens".
 */
export function DiagnoseOptions({
  value,
  onChange,
  disabled,
}: {
  value: OptionsValue;
  onChange: (v: OptionsValue) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const checked = readOptions(value);
  return (
    <div className="diagnose-options">
      <div className="field">
        <label htmlFor="opt-service">{t('options.service')}</label>
        <input
          id="opt-service"
          value={value.service}
          placeholder="nginx"
          onChange={(e) => onChange({ ...value, service: e.target.value })}
          disabled={disabled}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="field">
        <label htmlFor="opt-timeout">{t('options.timeout')}</label>
        <input
          id="opt-timeout"
          inputMode="numeric"
          value={value.timeoutMs}
          placeholder="3000"
          onChange={(e) => onChange({ ...value, timeoutMs: e.target.value })}
          disabled={disabled}
          autoComplete="off"
        />
      </div>
      {!checked.ok && (
        <p role="alert" className="form-error">
          {t(checked.error)}
        </p>
      )}
    </div>
  );
}
