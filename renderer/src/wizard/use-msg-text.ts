import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/i18n/message';

/**
 * Renders a message in the chosen language, or the English fallback text when there is
 * no message yet (the engine is still moving its sentences to messages).
 */
export function useMessageText(): (m: Message | undefined, fallback: string) => string {
  const { t, i18n } = useTranslation();
  return (m, fallback) =>
    m !== undefined && i18n.exists(m.id) ? t(m.id, { ...(m.params ?? {}) }) : fallback;
}

/**
 * Like {@link useMessageText}, but an English-only fallback is dropped (empty string) when
 * another language is chosen: for secondary sentences a page is better without.
 */
export function useOptionalMessageText(): (m: Message | undefined, fallback: string) => string {
  const { i18n } = useTranslation();
  const text = useMessageText();
  return (m, fallback) =>
    m === undefined && !i18n.language.startsWith('en') ? '' : text(m, fallback);
}
