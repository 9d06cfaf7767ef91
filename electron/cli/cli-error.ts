import { safeText } from '../../shared/text';

/**
 * A failure the CLI reports with one line on stderr and an exit status (DESIGN §3):
 * 2 = bad usage or input, 3 = the diagnosis itself could not run.
 */
export class CliError extends Error {
  constructor(
    readonly exitCode: 2 | 3,
    message: string,
    /** Appended to the line for usage errors: where to read the usage. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad usage or input (exit 2), with a usage hint for the command. */
export function usageError(message: string, command = 'conndoctor'): CliError {
  return new CliError(2, message, `see: ${command} --help`);
}

/** The one stderr line for an error: `conndoctor: <message> (see: … --help)`. */
export function errorLine(e: CliError): string {
  // argv is echoed in messages: no ESC, BEL, C1 or bidi override reaches the terminal.
  const msg = safeText(
    e.message
      .split('\n')
      .map((l) => l.trim())
      .join(' ')
      .trim(),
    2000,
  );
  return `conndoctor: ${msg}${e.hint ? ` (${e.hint})` : ''}`;
}
