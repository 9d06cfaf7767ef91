import i18next, { type i18n } from 'i18next';
import type { Message } from './message';
import { resources } from './resources';

/** The languages of the catalogue. */
export const LANGS = ['en', 'ko'] as const;
/** One language of the catalogue. */
export type Lang = (typeof LANGS)[number];

const instances = new Map<Lang, i18n>();

function instance(lang: Lang): i18n {
  let t = instances.get(lang);
  if (!t) {
    t = i18next.createInstance();
    // Synchronous: resources are bundled, so `t` works as soon as init returns.
    void t.init({
      lng: lang,
      fallbackLng: 'en',
      resources,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      // Optional fragments nested with `$t(…)` may be empty (e.g. no sub-state to show).
      returnEmptyString: true,
    });
    instances.set(lang, t);
  }
  return t;
}

/** Renders messages in one language (params interpolated; missing ids fall back to English). */
export function translator(lang: Lang): (m: Message) => string {
  const t = instance(lang);
  return (m) => t.t(m.id, { ...(m.params ?? {}) });
}

/** True when the catalogue has an entry for the id in that language. */
export function hasMessage(id: string, lang: Lang = 'en'): boolean {
  return instance(lang).exists(id, { fallbackLng: [] });
}

/** English rendering: the `summary` strings JSON keeps for scripts (DESIGN §2). */
export const english: (m: Message) => string = translator('en');
