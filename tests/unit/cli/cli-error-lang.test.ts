import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintSha256 } from '../../../electron/engine/exec/ssh-known-hosts';
import { keyPair, startTestServer, type TestServer } from '../engine/exec/ssh-server.helper';

/**
 * The built CLI's own error lines and `--help` in the user's language (DESIGN §2):
 * `--lang`, else LC_ALL / LC_MESSAGES / LANG. English stays byte for byte as it was.
 */

const root = join(import.meta.dirname, '..', '..', '..');
const HANGUL = /[\uac00-\ud7a3]/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let home: string;

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
  };
  delete base.LC_ALL;
  delete base.LC_MESSAGES;
  delete base.LANG;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'conndoctor.js'), ...args],
      { cwd: root, timeout: 30_000, env: { ...base, ...env } },
      (err, stdout, stderr) => {
        const code = err && typeof err.code === 'number' ? err.code : err ? null : 0;
        resolve({ code, stdout, stderr });
      },
    ).stdin?.end('');
  });
}

const KO = { LANG: 'ko_KR.UTF-8' };

/** Exit 2, nothing on stdout, exactly one line on stderr: that line. */
function usageLine(r: Run): string {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n');
  expect(lines, r.stderr).toHaveLength(2);
  expect(lines[1]).toBe('');
  return lines[0] ?? '';
}

let server: TestServer;
let key: string;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
  home = mkdtempSync(join(tmpdir(), 'conndoctor-cli-lang-'));
  const user = keyPair('ed25519');
  server = await startTestServer({ authorizedKeys: [user.public] });
  key = join(home, 'id_ed25519');
  writeFileSync(key, user.private, { mode: 0o600 });
}, 60_000);

afterAll(async () => {
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

describe('error lines in the user language', () => {
  const koLine =
    'conndoctor: "db1"에 포트가 없습니다 (HOST:PORT 형식으로 쓰세요) (도움말: conndoctor diagnose --help)';
  const enLine =
    'conndoctor: missing port in "db1" (use HOST:PORT) (see: conndoctor diagnose --help)';

  it('--lang ko: the Korean line, exit 2, stdout empty', async () => {
    expect(usageLine(await cli(['diagnose', 'db1', '--lang', 'ko']))).toBe(koLine);
  });

  it('LANG=ko_KR.UTF-8: the same Korean line', async () => {
    expect(usageLine(await cli(['diagnose', 'db1'], KO))).toBe(koLine);
  });

  it('LANG unset: exactly the English line as before', async () => {
    expect(usageLine(await cli(['diagnose', 'db1']))).toBe(enLine);
  });

  it('--lang en wins over LANG=ko; LC_ALL wins over LANG', async () => {
    expect(usageLine(await cli(['diagnose', 'db1', '--lang', 'en'], KO))).toBe(enLine);
    expect(usageLine(await cli(['diagnose', 'db1'], { ...KO, LC_ALL: 'C.UTF-8' }))).toBe(enLine);
  });

  it('a bad --lang is reported in the language of the environment', async () => {
    expect(usageLine(await cli(['diagnose', '127.0.0.1:1', '--lang', 'fr'], KO))).toBe(
      'conndoctor: --lang fr: en 또는 ko를 쓰세요 (도움말: conndoctor diagnose --help)',
    );
    expect(usageLine(await cli(['diagnose', '127.0.0.1:1', '--lang', 'fr']))).toBe(
      'conndoctor: --lang fr: use en or ko (see: conndoctor diagnose --help)',
    );
  });

  it('option errors: the echoed value stays verbatim', async () => {
    const line = usageLine(
      await cli(['diagnose', '127.0.0.1:1', '--timeout', 'soon', '--lang', 'ko']),
    );
    expect(line).toBe(
      'conndoctor: --timeout 값 "soon"이(가) 올바르지 않습니다 (밀리초) (도움말: conndoctor diagnose --help)',
    );
    const ssh = usageLine(await cli(['diagnose', '127.0.0.1:1', '--ssh', 'h:0'], KO));
    expect(ssh).toBe(
      'conndoctor: --ssh 값이 올바르지 않습니다: SSH 대상 "h:0"의 포트가 올바르지 않습니다: "0" (도움말: conndoctor diagnose --help)',
    );
  });

  it('parse errors of commander follow the environment', async () => {
    expect(usageLine(await cli(['diagnose', '--bogus', '127.0.0.1:1'], KO))).toBe(
      "conndoctor: 알 수 없는 옵션 '--bogus' (도움말: conndoctor diagnose --help)",
    );
    expect(usageLine(await cli(['diagnose', '--bogus', '127.0.0.1:1']))).toBe(
      "conndoctor: unknown option '--bogus' (see: conndoctor diagnose --help)",
    );
    expect(usageLine(await cli([], KO))).toBe(
      'conndoctor: 명령이 없습니다: diagnose, probe, undo, history, report, changes, ui 중 하나를 쓰세요 (도움말: conndoctor --help)',
    );
    expect(usageLine(await cli([]))).toBe(
      'conndoctor: missing command: diagnose, probe, undo, history, report, changes or ui (see: conndoctor --help)',
    );
  });

  it('undo, probe and report errors too', async () => {
    expect(usageLine(await cli(['undo', 'nope', '--lang', 'ko']))).toBe(
      'conndoctor: "nope"은(는) 변경 id가 아닙니다 (YYYYMMDDTHHMMSSZ-xxxxxx) (도움말: conndoctor undo --help)',
    );
    expect(usageLine(await cli(['undo', 'nope']))).toBe(
      'conndoctor: "nope" is not a change id (YYYYMMDDTHHMMSSZ-xxxxxx) (see: conndoctor undo --help)',
    );
    expect(usageLine(await cli(['probe', 'sweep'], KO))).toBe(
      'conndoctor: sweep 검사에는 HOST가 필요합니다 (도움말: conndoctor probe --help)',
    );
    expect(usageLine(await cli(['report', '20261203T081500Z-3fa9c1', '--format', 'pdf'], KO))).toBe(
      'conndoctor: --format pdf: md, html, json 중 하나를 사용하세요 (도움말: conndoctor report --help)',
    );
  });
});

describe('SSH host key errors in the user language (real ssh2 server on 127.0.0.1)', () => {
  const args = (knownHosts: string) => [
    'diagnose',
    '127.0.0.1:1',
    '--ssh',
    `root@127.0.0.1:${server.port}`,
    '--identity',
    key,
    '--known-hosts',
    knownHosts,
    '--no-history',
  ];
  const offered = () =>
    fingerprintSha256(Buffer.from(server.hostPublicKey.split(' ')[1] ?? '', 'base64'));

  it('unknown key: exit 3, one Korean line with the fingerprint verbatim', async () => {
    const kh = join(home, 'empty_known_hosts');
    writeFileSync(kh, '');
    const r = await cli([...args(kh), '--lang', 'ko']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    expect(line).toMatch(HANGUL);
    expect(line).toContain(`conndoctor: root@127.0.0.1:${server.port}에 SSH 연결 실패: `);
    expect(line).toContain(`의 호스트 키를 모릅니다: `);
    expect(line).toContain(offered());
    expect(line).toContain('--accept-new');
    // English as before.
    const en = await cli(args(kh));
    expect(en.code).toBe(3);
    expect(en.stderr).toMatch(
      new RegExp(
        `^conndoctor: SSH to root@127\\.0\\.0\\.1:${server.port} failed: unknown host key for .*: \\S+ ${offered().replace(/[+/]/g, '\\$&')}; not in ${kh.replace(/[.]/g, '\\.')} \\(accept it with --accept-new after checking the fingerprint\\)\\n$`,
      ),
    );
  });

  it('changed key: exit 3, one Korean line with both fingerprints verbatim', async () => {
    const kh = join(home, 'changed_known_hosts');
    const ec = utils.generateKeyPairSync('ecdsa', { bits: 256 }).public.split(' ');
    writeFileSync(kh, `[127.0.0.1]:${server.port} ${ec[0]} ${ec[1]}\n`);
    const known = fingerprintSha256(Buffer.from(ec[1] ?? '', 'base64'));
    const r = await cli(args(kh), KO);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    expect(line).toContain('호스트 키가 바뀌었습니다');
    expect(line).toContain('중간자 공격');
    expect(line).toContain(offered());
    expect(line).toContain(known);
    expect(line).not.toContain('HOST KEY CHANGED');
    const en = await cli(args(kh));
    expect(en.stderr).toContain('HOST KEY CHANGED for ');
    expect(en.stderr).toContain(`; refusing to connect (possible man-in-the-middle;`);
  });
});

describe('--help in the user language', () => {
  it('LANG=ko: Korean headings and descriptions on stdout, exit 0; names unchanged', async () => {
    const r = await cli(['--help'], KO);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout.split('\n');
    expect(out[0]).toBe('사용법: conndoctor [options] [command]');
    expect(out).toContain('옵션:');
    expect(out).toContain('명령:');
    expect(r.stdout).toMatch(/^ {2}diagnose \[options\] <HOST:PORT> +HOST:PORT가 TCP 연결을/m);
    expect(r.stdout).not.toContain('Usage:');
  });

  it('per command: diagnose --help with --lang ko', async () => {
    const r = await cli(['diagnose', '--lang', 'ko', '--help']);
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    expect(out[0]).toBe('사용법: conndoctor diagnose [options] <HOST:PORT>');
    expect(out).toContain('인자:');
    expect(out).toContain('옵션:');
    expect(r.stdout).toMatch(/^ {2}--ssh <\[user@\]host\[:port\]> +SSH로 서버 쪽도 검사합니다/m);
    expect(r.stdout).toMatch(/^ {2}-h, --help +명령의 도움말을 봅니다$/m);
  });

  it('LANG unset: the English help as commander writes it', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    expect(out[0]).toBe('Usage: conndoctor [options] [command]');
    expect(out).toContain('Options:');
    expect(out).toContain('Commands:');
    expect(r.stdout).toContain('  -h, --help                          display help for command');
    expect(r.stdout).not.toMatch(HANGUL);
  });

  it("`help diagnose` prints the command's help and exits 0, stderr empty", async () => {
    const r = await cli(['help', 'diagnose']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Usage: conndoctor diagnose [options] <HOST:PORT>');
    expect(r.stderr).toBe('');
  });
});
