import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Bad input is exit 2 with one clean line, found before anything connects or reads
 * without end: bad --ssh values, files that are not regular files, control characters in
 * argv echoed back. The built CLI as a child process, real files, a real FIFO.
 */

const root = join(import.meta.dirname, '..', '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[]): Promise<Run> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'conndoctor.js'), ...args],
      { cwd: root, timeout: 15_000, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) =>
        resolve({
          code: err && typeof err.code === 'number' ? err.code : err ? null : 0,
          stdout,
          stderr,
          ms: Date.now() - t0,
        }),
    ).stdin?.end();
  });
}

function expectBadInput(r: Run): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
}

// eslint-disable-next-line no-control-regex -- the test looks for exactly these
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
let dir: string;

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
  dir = mkdtempSync(join(tmpdir(), 'cd-cli-bad-'));
  execFileSync('mkfifo', [join(dir, 'listeners.txt')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a bad --ssh is bad input (exit 2), for diagnose, probe and undo', () => {
  for (const bad of ['@', 'user@', 'host:99999', '', '[::1]:0']) {
    it(`--ssh ${JSON.stringify(bad)}`, async () => {
      expectBadInput(await cli(['diagnose', '127.0.0.1:1', '--ssh', bad, '--json']));
      expectBadInput(await cli(['probe', 'listeners', '--ssh', bad]));
      expectBadInput(await cli(['undo', '--ssh', bad]));
    });
  }
});

describe('probe firewall --source must be an IP address', () => {
  for (const bad of ['not-an-ip', '10.0.0.0/8', '']) {
    it(`--source ${JSON.stringify(bad)}: exit 2, one line`, async () => {
      const r = await cli(['probe', 'firewall', '127.0.0.1:1', '--source', bad, '--json']);
      expectBadInput(r);
      expect(r.stderr).toMatch(/--source/);
    });
  }
});

describe('user-named files are read only when regular and small', () => {
  it('--identity /dev/zero: exit 2 at once, naming the option', async () => {
    const r = await cli([
      'diagnose',
      '127.0.0.1:1',
      '--ssh',
      'root@127.0.0.1:1',
      '--identity',
      '/dev/zero',
    ]);
    expectBadInput(r);
    expect(r.stderr).toContain('--identity /dev/zero');
    expect(r.ms).toBeLessThan(10_000);
  });

  it('--known-hosts naming a FIFO: exit 2, no hang', async () => {
    const r = await cli([
      'diagnose',
      '127.0.0.1:1',
      '--ssh',
      'root@127.0.0.1:1',
      '--known-hosts',
      join(dir, 'listeners.txt'),
    ]);
    expectBadInput(r);
    expect(r.stderr).toContain('--known-hosts');
  });

  it('--outputs with a FIFO for a probe output: exit 2, no hang', async () => {
    const r = await cli(['diagnose', '127.0.0.1:1', '--outputs', dir]);
    expectBadInput(r);
    expect(r.stderr).toContain('not a regular file');
  });
});

describe('argv echoed in error lines carries no control characters', () => {
  it('ESC, BEL, C1 and bidi overrides are stripped from the line', async () => {
    for (const args of [
      ['diagnose', '\x1b[31mho\u202est\x07:80'],
      ['diagnose', 'x:1', '--\x1b]0;title\x07bogus'],
      ['probe', '\u009b2Jconnect', '127.0.0.1:1'],
    ]) {
      const r = await cli(args);
      expectBadInput(r);
      expect(r.stderr.trimEnd()).not.toMatch(UNSAFE);
    }
  });
});
