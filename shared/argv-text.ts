/**
 * The one way an argv is shown as text: what a person would type in a POSIX shell. Each
 * element is quoted only where it needs it, so pasting the text into `sh`, `bash` or `zsh`
 * gives back the same argv. Display only: nothing here is ever executed (the SSH executor
 * builds its exec string with `quoteArgv` in electron/engine/exec/ssh-quote.ts, which uses
 * the same quoting rule).
 */

/** Characters that are never special to a POSIX shell (nor to zsh) inside a word. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One argv element as a shell word: as is when plain, else in single quotes with each
 * `'` written as `'\''`. A leading `=` is quoted too (zsh expands `=cmd` to a path).
 */
export function shellWord(arg: string): string {
  if (arg !== '' && PLAIN.test(arg) && !arg.startsWith('=')) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** An argv as one command line a person could paste into a shell. */
export function argvToText(argv: readonly string[]): string {
  return argv.map(shellWord).join(' ');
}

/**
 * Splits a line into words where double quotes group words and `\"` inside them is a
 * quote: a rule as iptables-save prints it (`--comment "allow web"`), or the assignments
 * of `systemctl show -p Environment`. Returns null on an unterminated quote.
 */
export function splitQuotedWords(text: string): string[] | null {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '\\' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') {
      quoted = true;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quoted) return null;
  if (inWord) words.push(cur);
  return words;
}
