import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ko } from './ko';

/** Languages the UI speaks. */
export const LANGUAGES = ['en', 'ko'] as const;
/** One UI language. */
export type Language = (typeof LANGUAGES)[number];

function isLanguage(s: string | null | undefined): s is Language {
  return s === 'en' || s === 'ko';
}

/**
 * The starting language: `?lang=ko|en` first, else the first of `navigator.languages` we
 * speak (by primary subtag), else English.
 */
export function pickLanguage(search: string, preferred: readonly string[]): Language {
  const fromQuery = new URLSearchParams(search).get('lang');
  if (isLanguage(fromQuery)) return fromQuery;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

/** Initializes i18next for the renderer and keeps `<html lang>` in step. */
export async function initI18n(lng: Language): Promise<i18n> {
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: { en: { translation: en }, ko: { translation: ko } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return i18next;
}
