import { describe, expect, it } from 'vitest';
import type { RawExec } from '../../../../electron/engine/exec/ssh-exec';
import {
  buildCommand,
  runWithPrivilege,
  type RunQuoted,
} from '../../../../electron/engine/exec/ssh-privilege';
import {
  classifyConnectError,
  classifyExit,
  classifyForwardError,
} from '../../../../electron/engine/exec/ssh-errors';

/*
 * Messages below were captured on Debian 12 (sudo 1.9.13p3, coreutils env, iptables
 * 1.8.9, nft, OpenSSH 9.2 sshd) as a non-root user; the lab tests check the same cases
 * end to end against the real programs.
 */
const SUDO_NEEDS_PW = 'sudo: a password is required\n';
const SUDO_WRONG_PW =
  'Sorry, try again.\n\nsudo: no password was provided\nsudo: 1 incorrect password attempt\n';
const SUDO_NOT_IN_SUDOERS = 'cdsshcap is not in the sudoers file.\n';
const SUDO_NOT_FOUND = 'sudo: conndoctor-nope: command not found\n';
const ENV_NOT_FOUND = 'env: ‘conndoctor-nope’: No such file or directory\n';
const IPTABLES_DENIED =
  'iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n';
const NFT_DENIED =
  'Operation not permitted (you must be root)\nnetlink: Error: cache initialization failed: Operation not permitted\n';

function raw(exitCode: number | null, stdout = '', stderr = ''): RawExec {
  return {
    stdout,
    stderr,
    exitCode,
    exitSignal: null,
    timedOut: false,
    aborted: false,
    truncated: false,
    openError: null,
    pidSeen: true,
  };
}

/** A scripted remote: answers by the sudo mode of the command string; records what ran. */
function remote(answers: { plain?: RawExec; nopass?: RawExec; password?: RawExec }) {
  const calls: { command: string; stdin: string | undefined }[] = [];
  const run: RunQuoted = (command, stdin) => {
    calls.push({ command, stdin });
    const a = command.includes('sudo -n')
      ? answers.nopass
      : command.includes('sudo -k -S')
        ? answers.password
        : answers.plain;
    if (!a) throw new Error(`unexpected command ${command}`);
    return Promise.resolve(a);
  };
  return { run, calls };
}

const notRoot = { isRoot: () => Promise.resolve(false), label: 'u@h' };

describe('buildCommand', () => {
  it('wraps the quoted argv in exec env LC_ALL=C and the sudo variant', () => {
    expect(buildCommand(['ss', '-Hltnp'], 'none')).toBe('exec env LC_ALL=C ss -Hltnp');
    expect(buildCommand(['ufw', 'status'], 'nopass')).toBe(
      'exec env LC_ALL=C sudo -n -- ufw status',
    );
    expect(buildCommand(['id'], 'password')).toBe("exec env LC_ALL=C sudo -k -S -p '' -- id");
  });
});

describe('runWithPrivilege', () => {
  it('runs as is for root and for unprivileged requests', async () => {
    const r1 = remote({ plain: raw(0, '0\n') });
    const asRoot = await runWithPrivilege(
      r1.run,
      { argv: ['id', '-u'], privileged: true },
      {
        isRoot: () => Promise.resolve(true),
        label: 'root@h',
      },
    );
    expect(asRoot).toMatchObject({ stdout: '0\n', elevated: true });
    expect(r1.calls[0]?.command).not.toContain('sudo');
    const r2 = remote({ plain: raw(0, '1000\n') });
    expect(await runWithPrivilege(r2.run, { argv: ['id', '-u'] }, notRoot)).toMatchObject({
      elevated: false,
    });
  });

  it('uses sudo -n first and reports a needed password', async () => {
    const r = remote({ nopass: raw(1, '', SUDO_NEEDS_PW) });
    const res = await runWithPrivilege(r.run, { argv: ['ss', '-ltnp'], privileged: true }, notRoot);
    expect(res.error?.code).toBe('sudo-password-required');
    expect(res.elevated).toBe(false);
    expect(r.calls).toHaveLength(1);
  });

  it("falls back for 'optional' when sudo is not available", async () => {
    for (const nopass of [
      raw(1, '', SUDO_NEEDS_PW),
      raw(127, '', ENV_NOT_FOUND.replace('conndoctor-nope', 'sudo')),
    ]) {
      const r = remote({ nopass, plain: raw(0, 'LISTEN\n') });
      const res = await runWithPrivilege(r.run, { argv: ['ss'], privileged: 'optional' }, notRoot);
      expect(res).toMatchObject({ stdout: 'LISTEN\n', elevated: false });
      expect(res.error).toBeUndefined();
    }
  });

  it('writes the password only to a sudo that asked, followed by the stdin', async () => {
    const r = remote({ nopass: raw(1, '', SUDO_NEEDS_PW), password: raw(0, 'ok') });
    const res = await runWithPrivilege(
      r.run,
      { argv: ['tee', '/x'], privileged: true, stdin: 'data' },
      { ...notRoot, sudoPassword: () => 'hunter2' },
    );
    expect(res).toMatchObject({ stdout: 'ok', elevated: true });
    expect(r.calls.map((c) => c.stdin)).toEqual(['data', 'hunter2\ndata']);
    expect(r.calls.every((c) => !c.command.includes('hunter2'))).toBe(true);
  });

  it('never sends the password when sudo -n already works', async () => {
    const r = remote({ nopass: raw(0, '0\n') });
    await runWithPrivilege(
      r.run,
      { argv: ['id'], privileged: true },
      { ...notRoot, sudoPassword: () => 'pw' },
    );
    expect(r.calls).toEqual([{ command: 'exec env LC_ALL=C sudo -n -- id', stdin: undefined }]);
  });

  it('reports a wrong password and a user outside sudoers without the secret', async () => {
    const wrong = remote({
      nopass: raw(1, '', SUDO_NEEDS_PW),
      password: raw(1, '', SUDO_WRONG_PW),
    });
    const a = await runWithPrivilege(
      wrong.run,
      { argv: ['id'], privileged: true },
      { ...notRoot, sudoPassword: () => 'pw9' },
    );
    expect(a.error).toMatchObject({
      code: 'sudo-password-required',
      message: 'sudo on u@h did not accept the password',
    });
    const outside = remote({
      nopass: raw(1, '', SUDO_NEEDS_PW),
      password: raw(1, '', SUDO_NOT_IN_SUDOERS),
    });
    const b = await runWithPrivilege(
      outside.run,
      { argv: ['id'], privileged: true },
      { ...notRoot, sudoPassword: () => 'pw9' },
    );
    expect(b.error?.code).toBe('permission-denied');
    expect(JSON.stringify([a, b])).not.toContain('pw9');
  });

  it('classifies a missing program under sudo as not-installed', async () => {
    const r = remote({ nopass: raw(1, '', SUDO_NOT_FOUND) });
    const res = await runWithPrivilege(
      r.run,
      { argv: ['conndoctor-nope'], privileged: true },
      notRoot,
    );
    expect(res.error?.code).toBe('not-installed');
  });
});

describe('classifyExit', () => {
  it.each([
    [127, ENV_NOT_FOUND, 'not-installed'],
    [1, SUDO_NOT_FOUND, 'not-installed'],
    [4, IPTABLES_DENIED, 'permission-denied'],
    [1, NFT_DENIED, 'permission-denied'],
    [1, 'cat: /etc/shadow: Permission denied\n', 'permission-denied'],
    [1, 'ERROR: You need to be root to run this script\n', 'permission-denied'],
  ])('exit %i with %j → %s', (code, stderr, want) => {
    expect(classifyExit(code, stderr, 'x')?.code).toBe(want);
  });

  it('leaves commands that ran alone, whatever their exit code', () => {
    expect(classifyExit(0, 'Permission denied', 'x')).toBeNull();
    expect(classifyExit(3, 'inactive\n', 'systemctl')).toBeNull();
  });
});

describe('classifyConnectError (ssh2 error levels and codes)', () => {
  it.each([
    [{ level: 'client-socket', code: 'ECONNREFUSED' }, 'refused'],
    [{ level: 'client-timeout' }, 'timeout'],
    [{ level: 'client-socket', code: 'EHOSTUNREACH' }, 'unreachable'],
    [{ level: 'client-socket', code: 'ENETUNREACH' }, 'unreachable'],
    [{ level: 'client-dns', code: 'ENOTFOUND' }, 'dns-failure'],
    [{ level: 'client-authentication' }, 'auth-failed'],
    [{ level: 'protocol', message: 'Connection lost before handshake' }, 'connection-lost'],
  ])('%j → %s', (err, want) => {
    expect(classifyConnectError(Object.assign(new Error('x'), err), 'root@h').code).toBe(want);
  });
});

describe('classifyForwardError (what sshd answers a direct-tcpip open)', () => {
  it.each([
    ['(SSH) Channel open failure: Connection refused', 2, 'ECONNREFUSED'],
    ['(SSH) Channel open failure: No route to host', 2, 'EHOSTUNREACH'],
    ['(SSH) Channel open failure: Network is unreachable', 2, 'ENETUNREACH'],
    ['(SSH) Channel open failure: Connection timed out', 2, 'ETIMEDOUT'],
    ['(SSH) Channel open failure: open failed', 2, 'EHOSTUNREACH'],
    ['(SSH) Channel open failure: administratively prohibited: open failed', 1, 'ENOTSUP'],
    ['(SSH) Channel open failure: ', 2, 'ECONNREFUSED'],
    ['(SSH) Channel open failure: something new', 2, 'EIO'],
  ])('%j (reason %i) → %s', (message, reason, want) => {
    expect(classifyForwardError(Object.assign(new Error(message), { reason })).code).toBe(want);
  });
});
