/** Display helpers: pure, no DOM. */

/** Quotes one argv element for a POSIX shell, only when it needs quoting. */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** An argv as a user would type it. */
export function commandLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
