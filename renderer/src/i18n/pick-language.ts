/** Languages the UI speaks. */
export const LANGUAGES = ['en', 'ko'] as const;
/** One UI language. */
export type Language = (typeof LANGUAGES)[number];

function isLanguage(s: string | null | undefined): s is Language {
  return s === 'en' || s === 'ko';
}

/**
 * The starting language: `?lang=ko|en` first, then the one the user chose in the switcher
 * (remembered in settings), else the first of `navigator.languages` we speak (by primary
 * subtag), else English.
 */
export function pickLanguage(
  search: string,
  preferred: readonly string[],
  remembered: string | null = null,
): Language {
  const fromQuery = new URLSearchParams(search).get('lang');
  if (isLanguage(fromQuery)) return fromQuery;
  if (isLanguage(remembered)) return remembered;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}
