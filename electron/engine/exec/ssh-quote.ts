/**
 * The one function that turns an argv into the command string an SSH server hands to the
 * remote user's shell. SSH has no argv: the server runs `$SHELL -c STRING`, so every
 * element must survive a POSIX shell unchanged (DESIGN §2, §4).
 */

import { shellWord } from '../../../shared/argv-text';

/** Quotes one argument for a POSIX shell: the same rule as the text shown (shared/argv-text). */
export const quoteArg = shellWord;

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

/** How long past the client's own timeout the server lets a command live. */
export const SERVER_MARGIN_S = 5;
/** Grace between TERM and KILL when the server-side bound fires. */
export const KILL_AFTER_S = 2;

/**
 * The exec string for an already quoted command (`quoteArgv`'s output, starting with
 * `exec`): first the shell reports its pid, so a timed-out or cancelled command can be
 * killed by pid (sshd ignores signal requests for root logins and forced commands).
 *
 * With `lifetimeMs`, the command is also bounded on the server itself: it runs under
 * coreutils `timeout -k KILL_AFTER_S (lifetime + SERVER_MARGIN_S)`, so it ends even when
 * the client cannot stop it (the client crashed, the connection dropped, the kill by pid
 * failed). `timeout` becomes the reported pid and relays TERM to the command. Where no GNU
 * `timeout` exists (busybox's takes other options) the command runs as before. A forced
 * command (ForceCommand, `command=` in authorized_keys) never runs this string at all:
 * the executor detects that from the missing pid line and sends nothing more.
 */
export function withPidReport(quotedCommand: string, lifetimeMs?: number): string {
  const report = ['echo', PID_MARK + '$$;'];
  if (lifetimeMs === undefined || !quotedCommand.startsWith('exec ')) {
    return [...report, quotedCommand].join(' ');
  }
  const seconds = Math.ceil(lifetimeMs / 1000) + SERVER_MARGIN_S;
  return [
    ...report,
    `T=; timeout --version >/dev/null 2>&1 && T='timeout -k ${KILL_AFTER_S} ${seconds}';`,
    `exec $T ${quotedCommand.slice('exec '.length)}`,
  ].join(' ');
}
