import type { Command, CommanderError } from 'commander';
import { msg, type Message } from '../../shared/i18n/message';
import { LANGS, translator, type Lang } from '../../shared/i18n/translate';
import type { ErrorText } from './cli-error';
import { displayWidth } from './display-width';
import { envLang } from './report-file';

/**
 * Commander's own texts in the user's language (DESIGN §2): its parse errors, the help
 * headings and the descriptions of the built-in help and version options. Option and
 * argument names stay as they are.
 */

/** `--lang VALUE` (or `--lang=VALUE`) on the command line when it is a language. */
export function argvLang(argv: readonly string[]): Lang | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') break;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (value !== undefined && (LANGS as readonly string[]).includes(value)) return value as Lang;
  }
  return null;
}

/** The language of `--help`: a valid `--lang` on the command line, else the environment. */
export function helpLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  return argvLang(argv) ?? envLang(env);
}

/** Commander's parse errors as catalogue messages; anything else kept as commander said it. */
const PATTERNS: readonly { code: string; re: RegExp; message: (m: string[]) => Message }[] = [
  {
    code: 'commander.unknownOption',
    re: /^unknown option '(.*)'$/,
    message: ([, option]) => msg('cli.error.unknownOption', { option: option ?? '' }),
  },
  {
    code: 'commander.unknownCommand',
    re: /^unknown command '(.*)'$/,
    message: ([, command]) => msg('cli.error.unknownCommand', { command: command ?? '' }),
  },
  {
    code: 'commander.missingArgument',
    re: /^missing required argument '(.*)'$/,
    message: ([, argument]) => msg('cli.error.missingArgument', { argument: argument ?? '' }),
  },
  {
    code: 'commander.optionMissingArgument',
    re: /^option '(.*)' argument missing$/,
    message: ([, option]) => msg('cli.error.optionMissingArgument', { option: option ?? '' }),
  },
  {
    code: 'commander.excessArguments',
    re: /^too many arguments for '(.*)'\. Expected (\d+) arguments? but got (\d+)\.$/,
    message: ([, command, expected, got]) =>
      msg('cli.error.excessArguments', {
        command: command ?? '',
        count: Number(expected),
        got: Number(got),
      }),
  },
];

/** The text of a commander parse error (its `error: ` prefix dropped). */
export function commanderErrorText(e: CommanderError): ErrorText {
  const message = e.message.replace(/^error:\s*/i, '');
  for (const p of PATTERNS) {
    if (p.code !== e.code) continue;
    const m = p.re.exec(message);
    if (m) return p.message([...m]);
  }
  return message;
}

/** Commander's help headings, by the English text it asks to style. */
const HEADINGS: Readonly<Record<string, string>> = {
  'Usage:': 'cli.help.usage',
  'Options:': 'cli.help.options',
  'Commands:': 'cli.help.commands',
  'Arguments:': 'cli.help.arguments',
  'Global Options:': 'cli.help.globalOptions',
};

/**
 * Sets the help headings and the built-in help option and command in `lang`, and the
 * width commander pads and wraps by (a Hangul syllable takes two columns), before the
 * subcommands are added (they inherit it). English help stays as commander writes it.
 */
export function localizeHelp(program: Command, lang: Lang): Command {
  if (lang === 'en') return program.configureHelp({ displayWidth });
  const t = translator(lang);
  const help = t(msg('cli.help.help'));
  return program
    .configureHelp({
      displayWidth,
      styleTitle: (title: string) => {
        const id = HEADINGS[title];
        return id !== undefined ? t(msg(id)) : title;
      },
    })
    .helpOption('-h, --help', help)
    .helpCommand('help [command]', help);
}
