import type { Diagnosis } from '../../shared/evidence';
import type { Message } from '../../shared/i18n/message';
import { translator, type Lang } from '../../shared/i18n/translate';
import { safeText } from '../../shared/text';
import { openStore, type Store } from '../engine/store/store';
import { envLang } from './report-file';

/**
 * The CLI's view of the one store (DESIGN §2): the data directory from the environment,
 * warnings (a corrupt file set aside…) as one line each on stderr in the user's language.
 */

/** Writes one warning line on stderr. */
export function warnLine(text: string): void {
  process.stderr.write(`conndoctor: ${safeText(text.replace(/\s*\n\s*/g, ' '), 2000)}\n`);
}

/** The store, warning on stderr in `lang`. */
export function cliStore(lang: Lang = envLang()): Store {
  const t = translator(lang);
  return openStore({ warn: (m: Message) => warnLine(t(m)) });
}

/**
 * Records one `diagnose` session. A failure only warns on stderr: the diagnosis stands and
 * the exit status is the diagnosis' own.
 */
export async function recordDiagnosis(
  d: Diagnosis,
  server: string | null,
  lang: Lang = envLang(),
): Promise<void> {
  const t = translator(lang);
  try {
    await cliStore(lang).recordSession({ diagnosis: d, server });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    warnLine(t({ id: 'history.store.notRecorded', params: { detail } }));
  }
}
