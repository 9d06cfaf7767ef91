import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { argvToText, shellWord } from '../../../shared/argv-text';

/** What a real shell makes of `text` as the arguments of a command: its argv, exactly. */
function shellArgv(shell: string, text: string): string[] {
  // printf repeats its format for every argument; NUL ends each one (a NUL cannot be in argv).
  const out = execFileSync(shell, ['-c', `printf '%s\\0' ${text}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const shells = ['sh', 'bash'];

describe('argvToText', () => {
  const cases: string[][] = [
    ['iptables', '-I', 'INPUT', '-m', 'comment', '--comment', 'allow web', '-j', 'ACCEPT'],
    ['echo', "it's", '"double"', 'back\\slash'],
    ['echo', '$HOME', '$(id)', '`id`', '${x}', '*', '?', '[a]', '~', '~root'],
    ['echo', '', 'a', ''],
    ['echo', '한국어', 'café', 'a b\tc', 'line\nbreak'],
    ['echo', '=x', '#not-a-comment', 'a;b', 'a|b', 'a&b', '<in', '>out', '(x)', '{a,b}', '!'],
    ['ufw', 'allow', '8080/tcp', 'user@host:/path,x+y=z%'],
  ];
  for (const shell of shells) {
    it.each(cases)(`${shell} reads the text back as the same argv: %j`, (...argv: string[]) => {
      expect(shellArgv(shell, argvToText(argv))).toEqual(argv);
    });
  }

  it('quotes only where needed, so plain commands stay readable', () => {
    expect(argvToText(['ss', '-Hltnp'])).toBe('ss -Hltnp');
    expect(argvToText(['ufw', 'allow', '8080/tcp'])).toBe('ufw allow 8080/tcp');
    expect(argvToText(['iptables', '-m', 'comment', '--comment', 'allow web'])).toBe(
      "iptables -m comment --comment 'allow web'",
    );
    expect(argvToText(['echo', "it's", ''])).toBe(`echo 'it'\\''s' ''`);
    expect(argvToText([])).toBe('');
  });

  it('quotes a leading = (zsh expands =cmd) but not one inside a word', () => {
    expect(shellWord('=x')).toBe("'=x'");
    expect(shellWord('a=b')).toBe('a=b');
  });
});
