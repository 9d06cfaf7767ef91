import { useTranslation } from 'react-i18next';
import type { Api } from '../../../shared/ipc/contracts';
import { LANGUAGES, type Language } from '../i18n/i18n';

const NAMES: Record<Language, string> = { en: 'English', ko: '한국어' };

/**
 * A visible language switcher; overrides the browser's preference and `?lang=`, and the
 * choice is remembered (settings.json) for the next start.
 */
export function LanguageSwitcher({ api }: { api: Pick<Api, 'settingsSet'> }) {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang">
      {t('app.language')}{' '}
      <select
        value={i18n.language}
        onChange={(e) => {
          const language = e.target.value as Language;
          void i18n.changeLanguage(language);
          void api.settingsSet({ language });
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
