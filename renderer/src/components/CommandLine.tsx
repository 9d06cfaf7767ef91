import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { argvToText } from '../../../shared/argv-text';

/** One exact command, shown as typed, with a copy button. */
export function CommandLine({ argv }: { argv: readonly string[] }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const text = argvToText(argv);
  const copy = () => {
    void navigator.clipboard
      ?.writeText(text)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };
  return (
    <div className="command">
      <code>{text}</code>
      <button type="button" className="copy" onClick={copy}>
        {copied ? t('result.copied') : t('result.copy')}
      </button>
    </div>
  );
}
