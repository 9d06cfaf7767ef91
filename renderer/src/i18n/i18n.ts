import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from '../../../shared/i18n/resources';
import type { Language } from './pick-language';

export { LANGUAGES, pickLanguage, type Language } from './pick-language';

/** Initializes i18next for the renderer (one resource set: shared/i18n) and keeps `<html lang>` in step. */
export async function initI18n(lng: Language): Promise<i18n> {
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources,
    interpolation: { escapeValue: false },
    returnNull: false,
    // Optional fragments nested with `$t(…)` may be empty (e.g. no sub-state to show).
    returnEmptyString: true,
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return i18next;
}
