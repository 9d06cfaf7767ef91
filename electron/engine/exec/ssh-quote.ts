/**
 * The one function that turns an argv into the command string an SSH server hands to the
 * remote user's shell. SSH has no argv: the server runs `$SHELL -c STRING`, so every
 * element must survive a POSIX shell unchanged (DESIGN §2, §4).
 */

/** Quotes one argument for a POSIX shell: `'…'`, with each `'` written as `'\''`. */
export function quoteArg(arg: string): string {
  if (arg === '') return "''";
  // Plain words need no quotes; this keeps logged commands readable.
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) && !arg.startsWith('=')) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Quotes every element and joins them with spaces. Throws on an empty argv or a NUL byte. */
export function quoteArgv(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('empty command');
  return argv
    .map((a) => {
      // A NUL cannot travel in an SSH exec string and would silently cut the argument.
      if (a.includes('\0')) throw new Error('argument contains a NUL byte');
      return quoteArg(a);
    })
    .join(' ');
}

/** First stdout line of every remote command: the remote shell's pid, which `exec` hands on. */
export const PID_MARK = 'conndoctor-pid:';

/**
 * The exec string for an already quoted command (`quoteArgv`'s output, starting with
 * `exec`): first the shell reports its pid, so a timed-out or cancelled command can be
 * killed by pid (sshd ignores signal requests for root logins).
 */
export function withPidReport(quotedCommand: string): string {
  return ['echo', PID_MARK + '$$;', quotedCommand].join(' ');
}
