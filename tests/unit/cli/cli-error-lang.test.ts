import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../../electron/cli/display-width';
import { fingerprintSha256 } from '../../../electron/engine/exec/ssh-known-hosts';
import { DiagnosisSchema } from '../../../shared/evidence';
import { keyPair, startTestServer, type TestServer } from '../engine/exec/ssh-server.helper';
import { expectKorean } from '../shared/i18n/korean-text';

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

function cli(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<Run> {
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
    ).stdin?.end(stdin);
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

/** Exit 3, nothing on stdout, exactly one line on stderr: that line. */
function failLine(r: Run): string {
  expect(r.code, r.stderr).toBe(3);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n');
  expect(lines, r.stderr).toHaveLength(2);
  return lines[0] ?? '';
}

describe('key, known_hosts and ~/.ssh/config errors in the user language', () => {
  const ssh = (...more: string[]) => [
    'diagnose',
    '127.0.0.1:1',
    '--ssh',
    `root@127.0.0.1:${server.port}`,
    '--no-history',
    ...more,
  ];

  it('--identity missing, --known-hosts a directory: exit 2, the path verbatim', async () => {
    const missing = join(home, 'no key');
    expect(usageLine(await cli(ssh('--identity', missing), KO))).toBe(
      `conndoctor: --identity ${missing}: 파일이 없습니다`,
    );
    expect(usageLine(await cli(ssh('--identity', missing)))).toBe(
      `conndoctor: --identity ${missing}: no such file`,
    );
    expect(
      usageLine(await cli(ssh('--identity', key, '--known-hosts', home, '--lang', 'ko'))),
    ).toBe(`conndoctor: --known-hosts ${home}: 일반 파일이 아닙니다`);
    expect(usageLine(await cli(ssh('--identity', key, '--known-hosts', home)))).toBe(
      `conndoctor: --known-hosts ${home}: not a regular file`,
    );
  });

  it('a key protected by a passphrase, a file that is no key: exit 3', async () => {
    const enc = join(home, 'id_enc');
    writeFileSync(enc, keyPair('ed25519', 'open sesame').private, { mode: 0o600 });
    const dest = `root@127.0.0.1:${server.port}`;
    expect(failLine(await cli(ssh('--identity', enc), KO))).toBe(
      `conndoctor: ${dest}에 SSH 연결 실패: 키 ${enc}은(는) 암호로 보호되어 있는데 암호가 주어지지 않았습니다`,
    );
    expect(failLine(await cli(ssh('--identity', enc)))).toBe(
      `conndoctor: SSH to ${dest} failed: the key ${enc} is protected by a passphrase and none was given`,
    );
    const notKey = join(home, 'not_a_key');
    writeFileSync(notKey, 'hello\n');
    const ko = failLine(await cli(ssh('--identity', notKey, '--lang', 'ko')));
    expect(ko).toMatch(
      new RegExp(
        `^conndoctor: .*에 SSH 연결 실패: .*not_a_key은\\(는\\) ssh2가 쓸 수 있는 개인 키가 아닙니다 \\(.+\\)$`,
      ),
    );
    expect(failLine(await cli(ssh('--identity', notKey)))).toMatch(
      /^conndoctor: SSH to .* failed: .*not_a_key is not a private key ssh2 can use \(.+\)$/,
    );
  });

  it('~/.ssh/config: a ProxyJump of several hops, an invalid HostName', async () => {
    const config = join(home, '.ssh', 'config');
    mkdirSync(join(home, '.ssh'), { recursive: true });
    writeFileSync(config, 'Host multi\n  ProxyJump a,b\nHost badhn\n  HostName bad!host\n');
    try {
      const args = (alias: string) => ['diagnose', '127.0.0.1:1', '--ssh', alias, '--no-history'];
      expect(failLine(await cli(args('multi'), KO))).toBe(
        `conndoctor: multi에 SSH 연결 실패: 여러 단계를 거치는 ProxyJump는 지원하지 않습니다 (${config}의 multi)`,
      );
      expect(failLine(await cli(args('multi')))).toBe(
        `conndoctor: SSH to multi failed: ProxyJump with several hops is not supported (multi in ${config})`,
      );
      expect(failLine(await cli([...args('badhn'), '--lang', 'ko']))).toBe(
        `conndoctor: badhn에 SSH 연결 실패: ${config}에서 badhn의 HostName이 올바르지 않습니다`,
      );
      expect(failLine(await cli(args('badhn')))).toBe(
        `conndoctor: SSH to badhn failed: invalid HostName for badhn in ${config}`,
      );
    } finally {
      rmSync(join(home, '.ssh'), { recursive: true, force: true });
    }
  });
});

describe('manual mode prompts in the user language', () => {
  const fixtures = join(root, 'tests', 'fixtures', 'cli-outputs');
  const manual = ['diagnose', '127.0.0.1:1', '--manual', '--no-history', '--timeout', '300'];

  it('--manual: the paste prompt on stderr in Korean, stdin from the test', async () => {
    // Every command skipped with an empty line.
    const r = await cli([...manual, '--json'], KO, '\n'.repeat(40));
    expect(r.code, r.stderr).toBe(1);
    DiagnosisSchema.parse(JSON.parse(r.stdout));
    expect(r.stderr).toContain(
      '\n서버에서 실행하고 그 출력을 붙여 넣으세요 (빈 줄로 끝내고, 건너뛰려면 빈 줄만 입력하세요):\n  $ ss -Hltnp\n',
    );
    expect(r.stderr).not.toContain('Run on the server');
    expectKorean(r.stderr.split('\n').find((l) => l.includes('서버에서')) ?? '', []);
    const en = await cli([...manual, '--json'], {}, '\n'.repeat(40));
    expect(en.code).toBe(1);
    expect(en.stderr).toContain(
      '\nRun on the server and paste the output (end with an empty line; empty to skip):\n  $ ss -Hltnp\n',
    );
    expect(en.stderr).not.toMatch(HANGUL);
  });

  it('--outputs --fix: the commands to run as root, introduced in Korean; JSON unchanged', async () => {
    const args = [
      'diagnose',
      '127.0.0.1:47124',
      '--outputs',
      join(fixtures, 'debian12-iptables-reject'),
      '--json',
      '--timeout',
      '300',
      '--fix',
      '--yes',
      '--no-history',
    ];
    const ko = await cli([...args, '--lang', 'ko']);
    const en = await cli(args);
    expect(ko.code, ko.stderr).toBe(1);
    expect(en.code, en.stderr).toBe(1);
    expect(ko.stderr).toMatch(
      /\n서버에서 root 권한으로 실행하세요 \(.*[\uac00-\ud7a3].*\):\n {2}\$ sudo iptables /,
    );
    expect(en.stderr).toMatch(/\nRun on the server as root \([^\n]*\):\n {2}\$ sudo iptables /);
    const dKo = DiagnosisSchema.parse(JSON.parse(ko.stdout));
    const dEn = DiagnosisSchema.parse(JSON.parse(en.stdout));
    expect(dKo).toMatchObject({ cause: dEn.cause, verified: false, fix: { id: dEn.fix?.id } });
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

  it('LANG=ko: no help line is wider than 80 columns (a Hangul syllable takes two)', async () => {
    for (const command of ['', 'diagnose', 'probe', 'undo', 'history', 'report', 'changes', 'ui']) {
      const r = await cli([...(command ? [command] : []), '--help'], KO);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(HANGUL);
      for (const line of r.stdout.split('\n')) {
        expect(displayWidth(line), line).toBeLessThanOrEqual(80);
      }
    }
  });

  it("`help diagnose` prints the command's help and exits 0, stderr empty", async () => {
    const r = await cli(['help', 'diagnose']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Usage: conndoctor diagnose [options] <HOST:PORT>');
    expect(r.stderr).toBe('');
  });
});
