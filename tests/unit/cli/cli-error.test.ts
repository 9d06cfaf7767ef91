import { CommanderError, type Command } from 'commander';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, errorLine, noteLine, usageError } from '../../../electron/cli/cli-error';
import { argvLang, commanderErrorText, helpLang } from '../../../electron/cli/commander-i18n';
import { buildProgram } from '../../../electron/cli/main';
import { displayWidth } from '../../../electron/cli/display-width';
import { buildAuthMethods } from '../../../electron/engine/exec/ssh-auth';
import {
  parseDestination,
  resolveDestination,
} from '../../../electron/engine/exec/ssh-destination';
import { classifyConnectError, SshError } from '../../../electron/engine/exec/ssh-errors';
import { msg } from '../../../shared/i18n/message';
import { en, ko } from '../../../shared/i18n/resources';
import { english, hasMessage, translator } from '../../../shared/i18n/translate';
import { parseHost, parseHostInput, parseHostPort, parsePort } from '../../../shared/target';
import { expectKorean } from '../shared/i18n/korean-text';
import { keyPair } from '../engine/exec/ssh-server.helper';

/** The CLI's own error lines and help in the user's language (DESIGN §2). */

/** Every leaf id under a catalogue object (plural suffixes dropped). */
function ids(o: object, prefix: string): string[] {
  return [
    ...new Set(
      Object.entries(o).flatMap(([k, v]): string[] =>
        typeof v === 'string'
          ? [`${prefix}${k.replace(/_(one|other)$/, '')}`]
          : ids(v as object, `${prefix}${k}.`),
      ),
    ),
  ];
}

const ERROR_IDS = [
  ...ids(en.cli.error, 'cli.error.'),
  ...ids(en.cli.undo, 'cli.undo.'),
  ...ids(en.cli.help, 'cli.help.'),
  ...ids(en.error, 'error.'),
];

describe('error and help messages', () => {
  it('every id is in both languages', () => {
    expect(ERROR_IDS.length).toBeGreaterThan(80);
    for (const id of ERROR_IDS) {
      expect(hasMessage(id, 'en') || hasMessage(`${id}_one`, 'en'), id).toBe(true);
      expect(hasMessage(id, 'ko') || hasMessage(`${id}_other`, 'ko'), id).toBe(true);
    }
    expect(ids(ko.cli.error, 'cli.error.').sort()).toEqual(ids(en.cli.error, 'cli.error.').sort());
    expect(ids(ko.error, 'error.').sort()).toEqual(ids(en.error, 'error.').sort());
  });

  it('renders every id in Korean with the argv echo kept', () => {
    const ko_ = translator('ko');
    for (const id of ERROR_IDS) {
      const params = { value: 'ARGV-ECHO', count: 2, id: '20261203T081500Z-3fa9c1' };
      const text = ko_(msg(id, params));
      expect(text, id).not.toBe(id);
      expect(text, id).toMatch(/[\uac00-\ud7a3]|^\{\{|^[^A-Za-z]*$/);
    }
  });
});

describe('errorLine', () => {
  it('English: exactly the line scripts know', () => {
    const e = usageError(msg('cli.error.timeoutInvalid', { value: 'x' }), 'conndoctor diagnose');
    expect(e.message).toBe('invalid --timeout "x" (milliseconds)');
    expect(e.exitCode).toBe(2);
    expect(errorLine(e)).toBe(
      'conndoctor: invalid --timeout "x" (milliseconds) (see: conndoctor diagnose --help)',
    );
    expect(errorLine(e, 'en')).toBe(errorLine(e));
  });

  it('Korean: the message and the help hint, the argv echo verbatim', () => {
    const e = usageError(msg('cli.error.timeoutInvalid', { value: 'x' }), 'conndoctor diagnose');
    const line = errorLine(e, 'ko');
    expect(line).toBe(
      'conndoctor: --timeout 값 "x"이(가) 올바르지 않습니다 (밀리초) (도움말: conndoctor diagnose --help)',
    );
    expectKorean(line, ['conndoctor diagnose', 'conndoctor', '--timeout', '--help']);
  });

  it('a frame around an inner message renders both in the same language', () => {
    const inner = msg('error.target.portInvalid', { text: 'x' });
    const e = usageError((t) => t(msg('cli.error.uiPort', { detail: t(inner) })), 'conndoctor ui');
    expect(e.message).toBe('invalid --port: invalid port "x"');
    expect(errorLine(e, 'ko')).toBe(
      'conndoctor: --port 값이 올바르지 않습니다: 포트 "x"이(가) 올바르지 않습니다 (도움말: conndoctor ui --help)',
    );
  });

  it('a plain string (text from the system) is shown as it is; no hint without a command', () => {
    const e = new CliError(3, 'EACCES: permission denied');
    expect(errorLine(e, 'ko')).toBe('conndoctor: EACCES: permission denied');
    expect(errorLine(new CliError(3, msg('cli.error.cancelled')), 'ko')).toBe(
      'conndoctor: 진단이 취소되었습니다',
    );
  });

  it('control characters in an echoed value never reach the terminal', () => {
    const e = usageError(msg('cli.error.serviceInvalid', { value: 'a\u001b[31mb' }));
    expect(errorLine(e, 'ko')).not.toContain('\u001b');
    expect(errorLine(e, 'en')).not.toContain('\u001b');
  });

  it('noteLine: a status line of the CLI, in the language asked', () => {
    expect(noteLine(msg('cli.error.alreadyUndone', { id: 'X' }), 'en')).toBe(
      'conndoctor: change X was already undone\n',
    );
    expect(noteLine(msg('cli.error.alreadyUndone', { id: 'X' }), 'ko')).toBe(
      'conndoctor: 변경 X은(는) 이미 되돌렸습니다\n',
    );
  });
});

describe('input parsers carry their message', () => {
  const failures = [
    parsePort('x'),
    parsePort('99999'),
    parseHost('bad host'),
    parseHostPort(''),
    parseHostPort('[::1'),
    parseHostPort('[::1]'),
    parseHostPort('[::1]x'),
    parseHostPort('[zz]:80'),
    parseHostPort('::1:80'),
    parseHostPort('db1'),
    parseHostPort('bad host:80'),
    parseHostPort('db1:'),
    parseHostInput(''),
    parseHostInput('http://'),
  ];

  it('the English error is the message rendered in English; Korean has its own', () => {
    for (const r of failures) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(english(r.message)).toBe(r.error);
      expectKorean(translator('ko')(r.message), [
        'HOST:PORT',
        '[addr]:port',
        'IPv6',
        'http',
        'bad host',
      ]);
    }
    expect(failures.map((r) => (r.ok ? '' : r.error))).toContain(
      'missing port in "db1" (use HOST:PORT)',
    );
  });

  it('SSH destination errors: the same English, a Korean rendering', () => {
    for (const dest of ['bad user@h', 'h:0', '[zz]', 'h_!x']) {
      let err: unknown;
      try {
        parseDestination(dest);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SshError);
      const e = err as SshError;
      expect(e.msg).toBeDefined();
      if (!e.msg) continue;
      expect(english(e.msg)).toBe(e.message);
      expectKorean(translator('ko')(e.msg), [JSON.stringify(dest), 'SSH', 'IPv6']);
    }
  });

  it('SSH connect errors: the same English, a Korean rendering', () => {
    const cases: Record<string, string>[] = [
      { level: 'client-authentication' },
      { code: 'ETIMEDOUT' },
      { code: 'ENOTFOUND' },
      { code: 'ECONNREFUSED' },
      { code: 'EHOSTUNREACH' },
      { message: 'boom' },
    ];
    for (const c of cases) {
      const e = classifyConnectError(c, 'root@10.0.0.2:22');
      expect(e.msg, JSON.stringify(c)).toBeDefined();
      if (!e.msg) continue;
      expect(english(e.msg)).toBe(e.message);
      expectKorean(translator('ko')(e.msg), ['root@10.0.0.2:22', 'SSH', ...Object.values(c)]);
    }
    expect(classifyConnectError({ code: 'ECONNREFUSED' }, 'h').message).toBe(
      'SSH connection to h refused (nothing listens on that port or a firewall rejects it)',
    );
  });
});

describe('SSH config and key errors carry their message (real files)', () => {
  let dir: string;
  // A path with the characters i18next's nesting syntax uses: it must come out verbatim.
  let cfgDir: string;
  let cfg: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cd-cli-error-'));
    cfgDir = join(dir, 'conf (1), $t(x)');
    mkdirSync(cfgDir);
    cfg = join(cfgDir, 'config');
    writeFileSync(
      cfg,
      [
        'Host multi',
        '  ProxyJump a,b',
        'Host badhn',
        '  HostName bad!host',
        'Host baduser',
        '  User b@d',
        'Host badport',
        '  Port 99999',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function failure(p: Promise<unknown>): Promise<SshError> {
    const e = await p.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(SshError);
    const err = e as SshError;
    expect(err.msg, err.message).toBeDefined();
    return err;
  }

  function check(e: SshError, en: string, keep: string[]): string {
    expect(e.message).toBe(en);
    expect(english(e.msg ?? msg('x.y'))).toBe(en);
    const ko_ = translator('ko')(e.msg ?? msg('x.y'));
    expectKorean(ko_, keep);
    return ko_;
  }

  it('~/.ssh/config: ProxyJump hops, HostName, User, Port, an unreadable file', async () => {
    const keep = [cfg, 'ProxyJump', 'HostName', 'User', 'multi', 'badhn', 'baduser', 'SSH'];
    check(
      await failure(resolveDestination('multi', cfg)),
      `ProxyJump with several hops is not supported (multi in ${cfg})`,
      keep,
    );
    check(
      await failure(resolveDestination('badhn', cfg)),
      `invalid HostName for badhn in ${cfg}`,
      keep,
    );
    check(
      await failure(resolveDestination('baduser', cfg)),
      `invalid User for baduser in ${cfg}`,
      keep,
    );
    check(
      await failure(resolveDestination('badport', cfg)),
      `invalid port in ${cfg}: "99999"`,
      keep,
    );
    // The file error nested in the config error: both in Korean, the path verbatim.
    const ko_ = check(
      await failure(resolveDestination('web', cfgDir)),
      `cannot read SSH config ${cfgDir}: not a regular file`,
      [cfgDir, 'SSH'],
    );
    expect(ko_).toBe(`SSH 설정을 읽을 수 없습니다: ${cfgDir}: 일반 파일이 아닙니다`);
    check(
      await failure(resolveDestination('web', join(cfgDir, 'missing'))),
      `cannot read SSH config ${join(cfgDir, 'missing')}: no such file`,
      [join(cfgDir, 'missing'), 'SSH'],
    );
  });

  it('--identity: not a key, a passphrase missing or wrong', async () => {
    const notKey = join(dir, 'not a key');
    writeFileSync(notKey, 'hello\n');
    const enc = join(dir, 'enc');
    writeFileSync(enc, keyPair('ed25519', 'open sesame').private, { mode: 0o600 });
    const auth = (identity: string, passphrase?: string) =>
      buildAuthMethods({
        username: 'root',
        identity,
        identityFiles: [],
        agent: '',
        ...(passphrase !== undefined ? { passphrase } : {}),
      });
    const bad = await failure(auth(notKey));
    expect(bad.code).toBe('config');
    expect(bad.message).toMatch(/^.* is not a private key ssh2 can use \(.+\)$/);
    check(bad, bad.message, [notKey, 'ssh2', bad.msg?.params?.detail as string]);
    const none = await failure(auth(enc));
    expect(none.code).toBe('auth-failed');
    check(none, `the key ${enc} is protected by a passphrase and none was given`, [enc]);
    const wrong = await failure(auth(enc, 'nope'));
    check(wrong, `wrong passphrase for the key ${enc}`, [enc]);
    // The passphrase is never in either message.
    expect(translator('ko')(wrong.msg ?? msg('x.y'))).not.toContain('nope');
  });
});

describe('commander texts', () => {
  const err = (code: string, message: string) => new CommanderError(2, code, message);

  it('parse errors become messages; English unchanged, Korean translated', () => {
    const cases: [CommanderError, string, string][] = [
      [
        err('commander.unknownOption', "error: unknown option '--bogus'"),
        "unknown option '--bogus'",
        "알 수 없는 옵션 '--bogus'",
      ],
      [
        err('commander.unknownCommand', "error: unknown command 'x'"),
        "unknown command 'x'",
        "알 수 없는 명령 'x'",
      ],
      [
        err('commander.missingArgument', "error: missing required argument 'HOST:PORT'"),
        "missing required argument 'HOST:PORT'",
        "필수 인자 'HOST:PORT'이(가) 없습니다",
      ],
      [
        err('commander.optionMissingArgument', "error: option '--timeout <ms>' argument missing"),
        "option '--timeout <ms>' argument missing",
        "옵션 '--timeout <ms>'에 값이 없습니다",
      ],
      [
        err(
          'commander.excessArguments',
          "error: too many arguments for 'diagnose'. Expected 1 argument but got 2.",
        ),
        "too many arguments for 'diagnose'. Expected 1 argument but got 2.",
        "'diagnose'의 인자가 너무 많습니다. 인자 1개를 받는데 2개가 주어졌습니다.",
      ],
      [
        err(
          'commander.excessArguments',
          "error: too many arguments for 'history'. Expected 0 arguments but got 1.",
        ),
        "too many arguments for 'history'. Expected 0 arguments but got 1.",
        "'history'의 인자가 너무 많습니다. 인자 0개를 받는데 1개가 주어졌습니다.",
      ],
    ];
    for (const [e, enLine, koLine] of cases) {
      const text = commanderErrorText(e);
      expect(new CliError(2, text).message).toBe(enLine);
      expect(new CliError(2, text).rendered('ko')).toBe(koLine);
    }
  });

  it('an error commander words otherwise is kept as it said it', () => {
    const text = commanderErrorText(err('commander.conflictingOption', 'error: something new'));
    expect(text).toBe('something new');
  });

  it('the help language: a valid --lang on the command line, else the environment', () => {
    expect(argvLang(['diagnose', '--lang', 'ko', '--help'])).toBe('ko');
    expect(argvLang(['diagnose', '--lang=ko'])).toBe('ko');
    expect(argvLang(['diagnose', '--lang', 'fr'])).toBeNull();
    expect(argvLang(['diagnose', '--', '--lang', 'ko'])).toBeNull();
    expect(helpLang(['--help'], { LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(helpLang(['--help'], { LANG: 'ko_KR.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(helpLang(['--lang', 'en', '--help'], { LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(helpLang(['--help'], {})).toBe('en');
  });

  it('help in Korean: headings and descriptions; option and argument names unchanged', () => {
    const program = buildProgram(
      () => undefined,
      () => '1.0.0',
      'ko',
    );
    const top = program.helpInformation();
    expect(top).toMatch(/^사용법: conndoctor \[options\] \[command\]/);
    expect(top).toContain('\n옵션:\n');
    expect(top).toContain('\n명령:\n');
    expect(top).toMatch(/-h, --help +명령의 도움말을 봅니다/);
    const diagnose = program.commands.find((c) => c.name() === 'diagnose');
    const help = diagnose?.helpInformation() ?? '';
    expect(help).toContain('\n인자:\n');
    expect(help).toMatch(/--ssh <\[user@\]host\[:port\]> +SSH로 서버 쪽도 검사합니다/);
    expect(help).toMatch(/--lang <lang> +사람이 읽는 출력의 언어/);
    expect(help).toMatch(/HOST:PORT +이름 또는 IPv4와 포트/);
  });

  it('help in English: as commander writes it', () => {
    const program = buildProgram(
      () => undefined,
      () => '1.0.0',
    );
    const top = program.helpInformation();
    expect(top).toMatch(/^Usage: conndoctor \[options\] \[command\]/);
    expect(top).toContain('\nOptions:\n');
    expect(top).toContain('-h, --help                          display help for command');
    expect(top).toContain('-V, --version                       output the version number');
    expect(top).not.toMatch(/[\uac00-\ud7a3]/);
  });
});

describe('help width: a Hangul syllable takes two columns', () => {
  /** The program and every subcommand, with their help written for `width` columns. */
  function commands(lang: 'en' | 'ko', width: number): Command[] {
    const program = buildProgram(
      () => undefined,
      () => '1.0.0',
      lang,
    );
    const all = [program, ...program.commands];
    for (const c of all)
      c.configureOutput({ ...c.configureOutput(), getOutHelpWidth: () => width });
    return all;
  }

  it.each([80, 100])('no Korean help line is wider than %i columns', (width) => {
    let wrapped = 0;
    for (const c of commands('ko', width)) {
      const lines = c.helpInformation().split('\n');
      for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
      // Continuation lines of a wrapped description: indented, Korean, no option name.
      wrapped += lines.filter((l) => /^ {10,}\S/.test(l) && /[\uac00-\ud7a3]/.test(l)).length;
    }
    expect(wrapped).toBeGreaterThan(0);
  });

  it('the Korean description column starts at the same place on every line', () => {
    const diagnose = commands('ko', 80).find((c) => c.name() === 'diagnose');
    const lines = (diagnose?.helpInformation() ?? '').split('\n');
    const starts = lines
      .filter((l) => /^ {2}-/.test(l))
      .map((l) => displayWidth(/^ {2}\S.*?\s{2,}/.exec(l)?.[0] ?? ''));
    expect(starts.length).toBeGreaterThan(10);
    expect(new Set(starts).size).toBe(1);
  });

  it('English help is unchanged: every line within 80 columns, as commander wraps it', () => {
    for (const c of commands('en', 80)) {
      for (const line of c.helpInformation().split('\n')) {
        expect(displayWidth(line)).toBe(line.length);
        expect(line.length, line).toBeLessThanOrEqual(80);
      }
    }
  });
});
