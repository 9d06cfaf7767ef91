import { useTranslation } from 'react-i18next';
import { argvToText } from '../../../../shared/argv-text';

/** The command and its raw output, one click away (DESIGN §3: raw text inside `<details>`). */
export function RawOutput({
  command,
  raw,
  label,
}: {
  command?: readonly string[];
  raw?: string;
  /** Which evidence it is (`server.listeners`), shown as code beside the summary. */
  label?: string;
}) {
  const { t } = useTranslation();
  if ((raw === undefined || raw === '') && (command === undefined || command.length === 0)) {
    return null;
  }
  return (
    <details className="wz-raw">
      <summary>
        {t('wizard.ev.raw')}
        {label !== undefined && (
          <>
            {' '}
            <code>{label}</code>
          </>
        )}
      </summary>
      {command !== undefined && command.length > 0 && (
        <p>
          <code>{argvToText(command)}</code>
        </p>
      )}
      {raw !== undefined && raw !== '' && <pre data-raw="">{raw}</pre>}
    </details>
  );
}
