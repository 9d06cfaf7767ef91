import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../../../electron/engine/exec/ssh-privilege';
import {
  KILL_AFTER_S,
  PID_MARK,
  SERVER_MARGIN_S,
  quoteArg,
  quoteArgv,
  withPidReport,
} from '../../../../electron/engine/exec/ssh-quote';

/** Hostile arguments: every one must reach the program unchanged. */
const NASTY = [
  '',
  ' ',
  'plain',
  "it's",
  "''",
  "'",
  '"double"',
  'a b  c',
  '$HOME',
  '${PATH}',
  '$(id)',
  '`id`',
  'line1\nline2',
  '\ttab',
  'semi;colon && rm -rf / || true',
  'glob*?[a]',
  '~',
  '~root',
  '=cmd',
  'back\\slash\\',
  '!history',
  '#comment',
  'a|b>c<d&e',
  '한국어 ünïcödé 🚀',
  '-n',
  '--',
  '%s%d',
];

/** Runs `printf '%s\0' ARGS…` through `SHELL -c` and returns what the program received. */
function roundTrip(shell: string, args: string[]): string[] {
  const cmd = quoteArgv(['printf', '%s\\0', ...args]);
  const r = spawnSync(shell, ['-c', cmd], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\0').slice(0, -1);
}

describe('quoteArg', () => {
  it('leaves plain words readable and quotes everything else', () => {
    expect(quoteArg('ss')).toBe('ss');
    expect(quoteArg('-Hltnp')).toBe('-Hltnp');
    expect(quoteArg('')).toBe("''");
    expect(quoteArg("it's")).toBe(`'it'\\''s'`);
    expect(quoteArg('$HOME')).toBe("'$HOME'");
    expect(quoteArg('=x')).toBe("'=x'");
  });

  it('refuses an empty argv and NUL bytes', () => {
    expect(() => quoteArgv([])).toThrow(/empty/);
    expect(() => quoteArgv(['a\0b'])).toThrow(/NUL/);
  });
});

describe('quoteArgv through real shells', () => {
  const shells = ['/bin/sh', '/bin/dash', '/bin/bash', '/usr/bin/zsh'].filter((s) => existsSync(s));

  it.each(shells)('%s passes every argument through unchanged', (shell) => {
    expect(roundTrip(shell, NASTY)).toEqual(NASTY);
  });

  it.each(NASTY.map((a) => [JSON.stringify(a), a]))(
    'single argument %s survives sh -c',
    (_n, a) => {
      expect(roundTrip('/bin/sh', [a])).toEqual([a]);
    },
  );
});

describe('withPidReport through a real shell', () => {
  it('reports the pid of the process that then runs the command (exec keeps it)', () => {
    const cmd = withPidReport(quoteArgv(['exec', 'sh', '-c', 'echo "$$ $1"', 'x', "it's $HOME"]));
    const r = spawnSync('/bin/sh', ['-c', cmd], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [first, second] = r.stdout.split('\n');
    expect(first?.startsWith(PID_MARK)).toBe(true);
    const pid = first?.slice(PID_MARK.length);
    expect(second).toBe(`${pid} it's $HOME`);
  });
});

describe('server-side lifetime bound', () => {
  it('ends a command the client never stops, through a real shell (timeout -k)', () => {
    const cmd = withPidReport(buildCommand(['sleep', '60'], 'none'), 100);
    const t0 = Date.now();
    const r = spawnSync('sh', ['-c', cmd], { encoding: 'utf8', timeout: 30_000 });
    const s = (Date.now() - t0) / 1000;
    expect(r.stdout).toMatch(new RegExp(`^${PID_MARK}\\d+\\n$`));
    expect(r.status).toBe(124); // coreutils timeout: the command timed out
    expect(s).toBeGreaterThanOrEqual(1 + SERVER_MARGIN_S - 0.5);
    expect(s).toBeLessThan(1 + SERVER_MARGIN_S + KILL_AFTER_S + 2);
  }, 30_000);

  it('still runs where no GNU timeout exists', () => {
    const bin = mkdtempSync(join(tmpdir(), 'cd-no-timeout-'));
    try {
      symlinkSync('/usr/bin/env', join(bin, 'env'));
      symlinkSync(process.execPath, join(bin, 'node'));
      const cmd = withPidReport(buildCommand(['node', '-e', 'console.log(7)'], 'none'), 1000);
      const r = spawnSync('/bin/sh', ['-c', cmd], { encoding: 'utf8', env: { PATH: bin } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/\n7\n$/);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
