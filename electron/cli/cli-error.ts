import { msg, type Message, type MessageParams } from '../../shared/i18n/message';
import { safeText } from '../../shared/text';
import { EN, type Tr } from './lang';

/**
 * A failure the CLI reports with one line on stderr and an exit status (DESIGN §3):
 * 2 = bad usage or input, 3 = the diagnosis itself could not run. Its text is a message of
 * the `cli` catalogue; `message` holds it in English.
 */
export class CliError extends Error {
  constructor(
    readonly exitCode: 2 | 3,
    readonly text: Message,
    /** For usage errors: the command whose `--help` the line points to. */
    readonly usage?: string,
  ) {
    super(EN.t(text));
    this.name = 'CliError';
  }
}

/** A CLI error whose text is `cli.error.<key>`. */
export function cliError(exitCode: 2 | 3, key: string, params?: MessageParams): CliError {
  return new CliError(exitCode, msg(`cli.error.${key}`, params));
}

/** Bad usage or input (exit 2), `cli.error.<key>`, with a usage hint for the command. */
export function usageError(key: string, params?: MessageParams, command = 'conndoctor'): CliError {
  return new CliError(2, msg(`cli.error.${key}`, params), command);
}

/** The one stderr line for an error: `conndoctor: <text> (see: … --help)`, in the CLI's language. */
export function errorLine(e: CliError, tr: Tr = EN): string {
  // argv is echoed in messages: no ESC, BEL, C1 or bidi override reaches the terminal.
  const text = safeText(
    tr
      .t(e.text)
      .split('\n')
      .map((l) => l.trim())
      .join(' ')
      .trim(),
    2000,
  );
  const hint = e.usage ? ` (${tr.t(msg('cli.error.seeHelp', { command: e.usage }))})` : '';
  return `conndoctor: ${text}${hint}`;
}

/** A line on stderr outside of an error exit (e.g. a report that could not be written). */
export function noticeLine(m: Message, tr: Tr): string {
  return `conndoctor: ${safeText(tr.t(m).replace(/\s*\n\s*/g, ' '), 2000)}`;
}
