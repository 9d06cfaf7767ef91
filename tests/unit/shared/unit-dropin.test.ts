import { describe, expect, it } from 'vitest';
import {
  dropInEnvText,
  dropInPath,
  environmentValue,
  dropInText,
  isDropInPathOf,
  newFileDiff,
  mysqlArgvBind,
  mysqlArgvEverywhere,
  mysqlOptsEverywhere,
  parseShowEnvironment,
  plainArgv,
  plainEnvironment,
  redisArgvEverywhere,
} from '../../../shared/unit-dropin';

const DEBIAN = ['/usr/bin/redis-server', '/etc/redis/redis.conf', '--supervised', 'systemd'];

describe('unit drop-in for an address on the command line', () => {
  it("redis-server's --bind addresses become every address; the other words stay in place", () => {
    expect(redisArgvEverywhere([...DEBIAN, '--daemonize', 'no', '--bind', '127.0.0.1'])).toEqual([
      ...DEBIAN,
      '--daemonize',
      'no',
      '--bind',
      '*',
      '-::*',
    ]);
    expect(
      redisArgvEverywhere([...DEBIAN, '--bind', '127.0.0.1', '-::1', '--port', '6380']),
    ).toEqual([...DEBIAN, '--bind', '*', '-::*', '--port', '6380']);
    // Redis uses the last --bind.
    expect(redisArgvEverywhere([...DEBIAN, '--bind', '0.0.0.0', '--bind', '127.0.0.1'])).toEqual([
      ...DEBIAN,
      '--bind',
      '0.0.0.0',
      '--bind',
      '*',
      '-::*',
    ]);
  });

  it('no plan when the command line binds no loopback address, or already every address', () => {
    expect(redisArgvEverywhere(DEBIAN)).toBeNull();
    expect(redisArgvEverywhere([...DEBIAN, '--bind'])).toBeNull();
    expect(redisArgvEverywhere([...DEBIAN, '--bind', '10.0.0.5'])).toBeNull();
    expect(redisArgvEverywhere([...DEBIAN, '--bind', '127.0.0.1', '0.0.0.0'])).toBeNull();
    expect(redisArgvEverywhere([...DEBIAN, '--bind', '* -::*'.split(' ')[0]!])).toBeNull();
  });

  it('the drop-in is named to sort after every drop-in the unit has (the last ExecStart= wins)', () => {
    expect(dropInPath('redis-server.service', [])).toBe(
      '/etc/systemd/system/redis-server.service.d/conndoctor-listen.conf',
    );
    expect(
      dropInPath('redis-server.service', ['/etc/systemd/system/redis-server.service.d/10-a.conf']),
    ).toBe('/etc/systemd/system/redis-server.service.d/conndoctor-listen.conf');
    // What `systemctl edit` makes sorts after conndoctor-listen.conf.
    expect(
      dropInPath('redis-server.service', [
        '/etc/systemd/system/redis-server.service.d/override.conf',
      ]),
    ).toBe('/etc/systemd/system/redis-server.service.d/zz-conndoctor-listen.conf');
    expect(dropInPath('x.service', ['/run/systemd/system/x.service.d/zzz.conf'])).toBeNull();
    // One of ours already there (elsewhere, or left behind): no second one.
    expect(
      dropInPath('x.service', ['/run/systemd/system/x.service.d/conndoctor-listen.conf']),
    ).toBeNull();
    expect(
      isDropInPathOf('/etc/systemd/system/x.service.d/zz-conndoctor-listen.conf', 'x.service'),
    ).toBe(true);
    expect(
      isDropInPathOf('/etc/systemd/system/y.service.d/conndoctor-listen.conf', 'x.service'),
    ).toBe(false);
  });

  it('the new file as a unified diff against /dev/null: ExecStart reset, then the new command line', () => {
    const path = '/etc/systemd/system/redis-server.service.d/conndoctor-listen.conf';
    const text = dropInText([...DEBIAN, '--bind', '*', '-::*']);
    expect(
      text.endsWith(
        '\n[Service]\nExecStart=\nExecStart=/usr/bin/redis-server /etc/redis/redis.conf --supervised systemd --bind * -::*\n',
      ),
    ).toBe(true);
    const diff = newFileDiff(path, text);
    const lines = diff.split('\n');
    expect(lines.slice(0, 3)).toEqual(['--- /dev/null', `+++ ${path}`, '@@ -0,0 +1,5 @@']);
    expect(
      lines
        .slice(3, -1)
        .map((l) => l.slice(1))
        .join('\n') + '\n',
    ).toBe(text);
    expect(lines.slice(3, -1).every((l) => l.startsWith('+'))).toBe(true);
  });

  it('only words ExecStart= reads back as themselves', () => {
    expect(plainArgv([...DEBIAN, '--bind', '*', '-::*'])).toBe(true);
    expect(plainArgv([])).toBe(false);
    expect(plainArgv(['/bin/x', '--name=%i'])).toBe(false);
    expect(plainArgv(['/bin/x', 'a$HOME'])).toBe(false);
    expect(plainArgv(['/bin/x', 'a;b'])).toBe(false);
    expect(plainArgv(['/bin/x', '"quoted"'])).toBe(false);
    expect(plainArgv(['-/bin/x'])).toBe(false);
  });
});

describe('unit drop-in for mariadbd --bind-address on the command line', () => {
  const DEBIAN_MARIADB = ['/usr/sbin/mariadbd', '$MYSQLD_OPTS', '$_WSREP_NEW_CLUSTER'];

  it('the loopback --bind-address is read in both spellings; the last one wins', () => {
    expect(mysqlArgvBind(['/usr/sbin/mariadbd', '--bind-address=127.0.0.1'])).toBe('127.0.0.1');
    expect(mysqlArgvBind(['/usr/sbin/mariadbd', '--bind_address', '::1'])).toBe('::1');
    expect(
      mysqlArgvBind(['/usr/sbin/mariadbd', '--bind-address=127.0.0.1', '--bind-address=0.0.0.0']),
    ).toBeNull();
    expect(mysqlArgvBind(['/usr/sbin/mariadbd', '--port=3306'])).toBeNull();
  });

  it("it becomes every address of the family; the unit's $VARIABLES stay as they are", () => {
    expect(mysqlArgvEverywhere([...DEBIAN_MARIADB, '--bind-address=127.0.0.1'], false)).toEqual([
      ...DEBIAN_MARIADB,
      '--bind-address=0.0.0.0',
    ]);
    expect(mysqlArgvEverywhere(['/usr/sbin/mariadbd', '--bind-address', '::1'], true)).toEqual([
      '/usr/sbin/mariadbd',
      '--bind-address',
      '::',
    ]);
    expect(
      mysqlArgvEverywhere(['/usr/sbin/mariadbd', '--bind-address=10.0.0.2'], false),
    ).toBeNull();
  });

  it('whole-word variables are plain for ExecStart=; partial ones and a variable program are not', () => {
    expect(plainArgv([...DEBIAN_MARIADB, '${EXTRA}'])).toBe(true);
    expect(plainArgv(['/usr/sbin/mariadbd', '--x=$HOME'])).toBe(false);
    expect(plainArgv(['$BIN', '--x'])).toBe(false);
    expect(plainArgv(['/usr/sbin/mariadbd', '$(id)'])).toBe(false);
  });
});

describe("unit drop-in for mariadbd options in Debian's MYSQLD_OPTS variable", () => {
  it('systemctl show -p Environment: quoted values with spaces, the last assignment wins', () => {
    const out =
      'Environment=LANG=C "MYSQLD_OPTS=--bind-address=127.0.0.1 --skip-name-resolve" "B=say \\"hi\\"" MYSQLD_OPTS=--port=3307\n';
    expect(parseShowEnvironment(out)).toEqual([
      { name: 'LANG', value: 'C' },
      { name: 'MYSQLD_OPTS', value: '--bind-address=127.0.0.1 --skip-name-resolve' },
      { name: 'B', value: 'say "hi"' },
      { name: 'MYSQLD_OPTS', value: '--port=3307' },
    ]);
    expect(environmentValue(out, 'MYSQLD_OPTS')).toBe('--port=3307');
    expect(environmentValue('Environment=\n', 'MYSQLD_OPTS')).toBeNull();
  });

  it('the options on every address, the others kept; only plain values are written back', () => {
    expect(mysqlOptsEverywhere('--bind-address=127.0.0.1 --skip-name-resolve', false)).toBe(
      '--bind-address=0.0.0.0 --skip-name-resolve',
    );
    expect(mysqlOptsEverywhere('--skip-name-resolve', false)).toBeNull();
    expect(plainEnvironment('MYSQLD_OPTS', '--bind-address=0.0.0.0 --skip-name-resolve')).toBe(
      true,
    );
    expect(plainEnvironment('MYSQLD_OPTS', '--x="a b"')).toBe(false);
    expect(plainEnvironment('MYSQLD_OPTS', '--x=%i')).toBe(false);
    expect(plainEnvironment('1BAD', '--x')).toBe(false);
    expect(dropInEnvText('MYSQLD_OPTS', '--bind-address=0.0.0.0')).toContain(
      '[Service]\nEnvironment="MYSQLD_OPTS=--bind-address=0.0.0.0"\n',
    );
  });
});
