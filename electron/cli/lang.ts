import { LANGS, type Lang } from '../../shared/i18n/translate';
import { usageError } from './cli-error';
import { envLang } from './report-file';

/**
 * The language of the human output (DESIGN §3): `--lang en|ko`, else the first non-empty
 * of LC_ALL, LC_MESSAGES, LANG (ko* → ko, else en). Another `--lang` value is bad usage.
 */
export function cliLang(value: string | undefined, command: string): Lang {
  if (value === undefined) return envLang();
  if ((LANGS as readonly string[]).includes(value)) return value as Lang;
  throw usageError({ id: 'cli.lang.bad', params: { value } }, command);
}
