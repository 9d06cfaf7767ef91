import type { Message } from '../../shared/i18n/message';
import { hasMessage, LANGS, translator, type Lang } from '../../shared/i18n/translate';

/**
 * The language of the CLI's human output (DESIGN §3 `--lang`): `--lang en|ko`, else the
 * first non-empty of LC_ALL, LC_MESSAGES, LANG (ko* → ko, anything else → en). `--json`
 * stays English whatever the language.
 */

/** Renders one message in the CLI's language. */
export type T = (m: Message) => string;

/** The CLI's language and its translator, handed to everything that prints human text. */
export interface Tr {
  lang: Lang;
  t: T;
}

/** The language the environment asks for: first non-empty of LC_ALL, LC_MESSAGES, LANG. */
export function envLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const v = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((x) => x !== undefined && x !== '');
  return v !== undefined && v.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** True for a language of the catalogue. */
export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/**
 * The value of `--lang` in argv (`--lang X` or `--lang=X`, before any `--`), or undefined.
 * Read before commander parses, so that its own errors are already in that language.
 */
export function langArg(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') break;
    if (a === '--lang' && i + 1 < argv.length) found = argv[++i];
    else if (a.startsWith('--lang=')) found = a.slice('--lang='.length);
  }
  return found;
}

/** `--lang` if given (undefined when it is not one of en, ko), else the environment's. */
export function cliLang(
  value: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Lang | undefined {
  if (value === undefined) return envLang(env);
  return isLang(value) ? value : undefined;
}

/** The language and translator of the CLI for a language. */
export function trFor(lang: Lang): Tr {
  return { lang, t: translator(lang) };
}

/** English, the language of `--json` and of errors' `message`. */
export const EN: Tr = trFor('en');

/**
 * The text of something the engine said: its `message` rendered in the CLI's language when
 * the catalogue has it in that language, else the English string it carries.
 */
export function textOf(obj: object, english: string, tr: Tr): string {
  const m = (obj as { message?: unknown }).message;
  if (!isMessage(m) || !hasMessage(m.id, tr.lang)) return english;
  return tr.t(m);
}

function isMessage(m: unknown): m is Message {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as { id?: unknown; params?: unknown };
  return (
    typeof o.id === 'string' &&
    (o.params === undefined || (typeof o.params === 'object' && o.params !== null))
  );
}
