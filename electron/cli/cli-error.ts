import { msg, type Message } from '../../shared/i18n/message';
import { english, translator, type Lang } from '../../shared/i18n/translate';
import { safeText } from '../../shared/text';

/** Renders a message in one language. */
export type Render = (m: Message) => string;

/**
 * What an error says: a catalogue message, or a text put together from several rendered in
 * the same language (a frame around an inner message). A plain string is shown as it is
 * (text from elsewhere: the operating system, an API answer).
 */
export type ErrorText = Message | ((t: Render) => string) | string;

function render(text: ErrorText, t: Render): string {
  if (typeof text === 'string') return text;
  return typeof text === 'function' ? text(t) : t(text);
}

/**
 * A failure the CLI reports with one line on stderr and an exit status (DESIGN §3):
 * 2 = bad usage or input, 3 = the diagnosis itself could not run. `message` is the English
 * line; {@link errorLine} renders it in the user's language.
 */
export class CliError extends Error {
  constructor(
    readonly exitCode: 2 | 3,
    readonly text: ErrorText,
    /** Usage errors: the command whose `--help` the line points to. */
    readonly helpFor?: string,
  ) {
    super(render(text, english));
    this.name = 'CliError';
  }

  /** The message (without the usage hint) in `lang`. */
  rendered(lang: Lang): string {
    return render(this.text, translator(lang));
  }
}

/** Bad usage or input (exit 2), with a usage hint for the command. */
export function usageError(text: ErrorText, command = 'conndoctor'): CliError {
  return new CliError(2, text, command);
}

/**
 * The one stderr line for an error, in `lang`: `conndoctor: <message> (see: … --help)`
 * (English: byte for byte as scripts know it).
 */
export function errorLine(e: CliError, lang: Lang = 'en'): string {
  // argv is echoed in messages: no ESC, BEL, C1 or bidi override reaches the terminal.
  const text = safeText(
    e
      .rendered(lang)
      .split('\n')
      .map((l) => l.trim())
      .join(' ')
      .trim(),
    2000,
  );
  const hint =
    e.helpFor !== undefined
      ? ` (${translator(lang)(msg('cli.error.seeHelp', { command: e.helpFor }))})`
      : '';
  return `conndoctor: ${text}${hint}`;
}

/** A line the CLI writes on stderr itself (not an error): `conndoctor: <message>`. */
export function noteLine(m: Message, lang: Lang): string {
  return `conndoctor: ${safeText(translator(lang)(m), 2000)}\n`;
}
