import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDiff, splitLines } from '../../../../shared/config-diff';
import { pgListenLine, sshdListenLines } from '../../../../shared/config-directives';
import { configFixes } from '../../../../shared/diagnosis/config-fixes';
import type { Evidence } from '../../../../shared/evidence';
import type { ConfigData } from '../../../../shared/probe-data';
import { translator } from '../../../../shared/i18n/translate';
import { configEvidence, dataIface, interfaces } from './make-evidence';
import { fixLines, painter } from '../../../../electron/cli/render';

const FIX = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'config');
const sshdConf = readFileSync(join(FIX, 'debian12-sshd_config-loopback'), 'utf8');
const pgConf = readFileSync(join(FIX, 'debian12-postgresql.conf'), 'utf8');

/** `config` evidence as the probe makes it (sshd unless `over` says otherwise). */
const config = (over: Partial<ConfigData>, text: string, line: number): Evidence =>
  configEvidence(
    {
      program: 'sshd',
      pid: 42,
      unit: 'ssh.service',
      file: '/etc/ssh/sshd_config',
      check: ['/usr/sbin/sshd', '-t', '-f', '/etc/ssh/sshd_config'],
      ...over,
    },
    text,
    line,
  );

describe('config.edit for sshd: only a listener is added', () => {
  const line = sshdListenLines(splitLines(sshdConf).lines).at(-1)!;
  const listen = [{ host: '127.0.0.1', port: 2222 }];

  it('the address the client reaches, when the server has it, on the port, after the ListenAddress line', () => {
    const ev = [config({ listen }, sshdConf, line), interfaces([dataIface(true, '10.61.0.2')])];
    const { fix } = configFixes(ev, '10.61.0.2', 2222);
    expect(fix?.kind).toBe('config.edit');
    expect(fix?.plan).toMatchObject({ program: 'sshd', restart: 'ssh.service' });
    expect(fix?.diff).toContain('\n ListenAddress 127.0.0.1\n+ListenAddress 10.61.0.2:2222\n');
    // Nothing is removed: every diff line is context or an addition.
    expect(fix!.diff!.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---'))).toEqual(
      [],
    );
    const out = applyDiff(sshdConf, fix!.diff!);
    if ('error' in out) throw new Error(out.error);
    const before = sshdConf.split('\n');
    const after = out.text.split('\n');
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((l) => !before.includes(l))).toEqual(['ListenAddress 10.61.0.2:2222']);
    expect(fix?.commands).toContainEqual(['/usr/sbin/sshd', '-t', '-f', '/etc/ssh/sshd_config']);
    expect(fix?.commands.at(-1)).toEqual(['systemctl', 'restart', 'ssh.service']);
    expect(fix?.risk).toMatch(/dead-man switch/);
    expect(translator('ko')(fix!.riskMessage!)).toMatch(/데드맨 스위치/);
  });

  it('an address the server does not carry (NAT): every IPv4 address; IPv6: [::]', () => {
    const ev = [config({ listen }, sshdConf, line), interfaces([dataIface(true, '10.9.9.9')])];
    expect(configFixes(ev, '203.0.113.5', 2222).fix?.diff).toContain(
      '\n+ListenAddress 0.0.0.0:2222\n',
    );
    const v6 = [config({ listen: [{ host: '::1', port: 2222 }] }, sshdConf, line)];
    expect(configFixes(v6, '2001:db8::5', 2222).fix?.diff).toContain(
      '\n+ListenAddress [::]:2222\n',
    );
  });

  it('no plan when sshd already listens there', () => {
    const ev = [config({ listen: [...listen, { host: '0.0.0.0', port: 2222 }] }, sshdConf, line)];
    expect(configFixes(ev, '203.0.113.5', 2222).fix).toBeNull();
  });
});

describe('config.edit for PostgreSQL', () => {
  const line = pgListenLine(splitLines(pgConf).lines)!;
  const check = [
    'runuser',
    '-u',
    'postgres',
    '--',
    '/usr/lib/postgresql/15/bin/postgres',
    '-C',
    'listen_addresses',
    '-D',
    '/var/lib/postgresql/15/main',
    '-c',
    'config_file=/etc/postgresql/15/main/postgresql.conf',
  ];
  const ev = [
    config(
      {
        program: 'postgresql',
        unit: 'postgresql@15-main.service',
        file: '/etc/postgresql/15/main/postgresql.conf',
        check,
      },
      pgConf,
      line,
    ),
  ];

  it("Debian's commented default is uncommented to '*', checked by postgres -C reading '*' back; pg_hba.conf stated in en and ko", () => {
    const { fix } = configFixes(ev, '10.61.0.2', 5432);
    expect(fix?.plan).toMatchObject({ program: 'postgresql', expect: '*', check });
    expect(fix?.diff).toContain(
      "\n-#listen_addresses = 'localhost'\t\t# what IP address(es) to listen on;\n+listen_addresses = '*'\t\t# what IP address(es) to listen on;\n",
    );
    const out = applyDiff(pgConf, fix!.diff!);
    if ('error' in out) throw new Error(out.error);
    expect(out.text.split('\n').length).toBe(pgConf.split('\n').length);
    expect(fix?.commands).toContainEqual(check);
    expect(fix?.commands.at(-1)).toEqual(['systemctl', 'restart', 'postgresql@15-main.service']);
    expect(fix?.risk).toMatch(/pg_hba\.conf/);
    expect(fix?.risk).toMatch(/not a login/);
    const ko = translator('ko')(fix!.riskMessage!);
    expect(ko).toMatch(/pg_hba\.conf/);
    expect(ko).toMatch(/로그인이 아닙니다/);
  });
});

describe('config.edit for MariaDB and Apache', () => {
  const server = readFileSync(join(FIX, 'debian12-mariadb-50-server.cnf'), 'utf8');
  const ports = readFileSync(join(FIX, 'debian12-apache2-ports.conf'), 'utf8');

  it("MariaDB's bind-address goes to 0.0.0.0, read back by my_print_defaults; accounts per host stated", () => {
    const ev = [
      config(
        {
          program: 'mariadb',
          unit: 'mariadb.service',
          file: '/etc/mysql/mariadb.conf.d/50-server.cnf',
          check: ['my_print_defaults', '--mysqld'],
        },
        server,
        27,
      ),
    ];
    const { fix } = configFixes(ev, '10.61.0.2', 3306);
    expect(fix?.plan).toMatchObject({ program: 'mariadb', expect: '--bind-address=0.0.0.0' });
    expect(fix?.diff).toContain(
      '\n-bind-address            = 127.0.0.1\n+bind-address            = 0.0.0.0\n',
    );
    expect(fix?.risk).toMatch(/not a login/);
    expect(translator('ko')(fix!.riskMessage!)).toMatch(/로그인이 아닙니다/);
  });

  it("Apache's Listen 127.0.0.1:8089 becomes Listen 8089, checked by apache2ctl -t", () => {
    const ev = [
      config(
        {
          program: 'apache',
          unit: 'apache2.service',
          file: '/etc/apache2/ports.conf',
          check: ['/usr/sbin/apache2ctl', '-t'],
        },
        ports,
        5,
      ),
    ];
    const { fix } = configFixes(ev, '10.61.0.2', 8089);
    expect(fix?.diff).toContain('\n-Listen 127.0.0.1:8089\n+Listen 8089\n');
    expect(fix?.commands).toContainEqual(['/usr/sbin/apache2ctl', '-t']);
    expect(fix?.commands.at(-1)).toEqual(['systemctl', 'restart', 'apache2.service']);
  });
});

describe('the terminal shows a config edit as its diff, in the chosen language', () => {
  it('fixLines: the removed and added line of the diff, the label in en and ko', () => {
    const line = sshdListenLines(splitLines(sshdConf).lines).at(-1)!;
    const ev = [
      config({ listen: [{ host: '127.0.0.1', port: 2222 }] }, sshdConf, line),
      interfaces([dataIface(true, '10.61.0.2')]),
    ];
    const { fix } = configFixes(ev, '10.61.0.2', 2222);
    const plain = painter({ isTTY: false });
    const en = fixLines(fix!, plain, 'en').join('\n');
    expect(en).toContain('Change to the file:');
    expect(en).toMatch(/^ {4}\+ListenAddress 10\.61\.0\.2/m);
    expect(en).toMatch(/^ {4}@@ /m);
    const ko = fixLines(fix!, plain, 'ko').join('\n');
    expect(ko).toContain('파일 변경:');
    expect(ko).toMatch(/^ {4}\+ListenAddress 10\.61\.0\.2/m);
  });
});

describe("unit.drop-in: the address is an argument of the unit's ExecStart", () => {
  const argv = [
    '/usr/bin/redis-server',
    '/etc/redis/redis.conf',
    '--supervised',
    'systemd',
    '--daemonize',
    'no',
    '--bind',
    '127.0.0.1',
  ];
  const unitFile = `[Service]\nExecStart=\nExecStart=${argv.join(' ')}\n`;
  const ev = (dropIns: string[]) =>
    config(
      {
        program: 'redis',
        unit: 'redis-server.service',
        file: '/etc/systemd/system/redis-server.service.d/override.conf',
        check: null,
        execStart: { argv, dropIns },
      },
      unitFile,
      3,
    );

  it('a drop-in that resets ExecStart and sets the same command line on every address, sorted last', () => {
    const { fix } = configFixes(
      [ev(['/etc/systemd/system/redis-server.service.d/override.conf'])],
      '10.0.0.2',
      6379,
    );
    const path = '/etc/systemd/system/redis-server.service.d/zz-conndoctor-listen.conf';
    expect(fix?.kind).toBe('unit.drop-in');
    expect(fix?.plan).toMatchObject({ program: 'redis', unit: 'redis-server.service', path });
    expect(fix?.diff).toBe(
      [
        '--- /dev/null',
        `+++ ${path}`,
        '@@ -0,0 +1,5 @@',
        '+# Made by ConnDoctor: the same command line, listening on every address.',
        '+# Remove this file (then systemctl daemon-reload) to undo.',
        '+[Service]',
        '+ExecStart=',
        '+ExecStart=/usr/bin/redis-server /etc/redis/redis.conf --supervised systemd --daemonize no --bind * -::*',
        '',
      ].join('\n'),
    );
    // The terminal shows the diff with the fix.
    const lines = fixLines(fix!, painter({ isTTY: false }), 'en').join('\n');
    expect(lines).toContain('+ExecStart=/usr/bin/redis-server');
  });

  it('without other drop-ins it is conndoctor-listen.conf; no plan for a non-loopback --bind', () => {
    expect(configFixes([ev([])], '10.0.0.2', 6379).fix?.plan).toMatchObject({
      path: '/etc/systemd/system/redis-server.service.d/conndoctor-listen.conf',
    });
    const other = ev([]);
    (other.data as ConfigData).execStart = {
      argv: [...argv.slice(0, -1), '10.0.0.9'],
      dropIns: [],
    };
    expect(configFixes([other], '10.0.0.2', 6379).fix).toBeNull();
  });
});

describe('unit.drop-in for MariaDB: --bind-address on the ExecStart of an override', () => {
  const argv = ['/usr/sbin/mariadbd', '--bind-address=127.0.0.1', '$MYSQLD_OPTS'];
  const unitFile = `[Service]\nExecStart=\nExecStart=${argv.join(' ')}\n`;
  const ev = config(
    {
      program: 'mariadb',
      unit: 'mariadb.service',
      file: '/etc/systemd/system/mariadb.service.d/override.conf',
      check: null,
      execStart: { argv, dropIns: ['/etc/systemd/system/mariadb.service.d/override.conf'] },
    },
    unitFile,
    3,
  );

  it('the same command line on every address, the variable kept; accounts per host stated', () => {
    const { fix } = configFixes([ev], '10.0.0.2', 3306);
    expect(fix?.kind).toBe('unit.drop-in');
    expect(fix?.plan).toMatchObject({
      program: 'mariadb',
      unit: 'mariadb.service',
      execStart: ['/usr/sbin/mariadbd', '--bind-address=0.0.0.0', '$MYSQLD_OPTS'],
    });
    expect(fix?.diff).toContain(
      '+ExecStart=/usr/sbin/mariadbd --bind-address=0.0.0.0 $MYSQLD_OPTS\n',
    );
    expect(fix?.risk).toMatch(/accounts are per host/);
    expect(translator('ko')(fix!.riskMessage!)).toMatch(/호스트별/);
    // IPv6 client: :: (which takes IPv4 too).
    expect(configFixes([ev], '2001:db8::2', 3306).fix?.plan).toMatchObject({
      execStart: ['/usr/sbin/mariadbd', '--bind-address=::', '$MYSQLD_OPTS'],
    });
  });
});

describe("unit.drop-in for MariaDB: the address in Debian's MYSQLD_OPTS (Environment= in a drop-in)", () => {
  const dropIn = '/etc/systemd/system/mariadb.service.d/opts.conf';
  const unitFile =
    '[Service]\nEnvironment="MYSQLD_OPTS=--bind-address=127.0.0.1 --skip-name-resolve"\n';
  const ev = config(
    {
      program: 'mariadb',
      unit: 'mariadb.service',
      file: dropIn,
      check: null,
      environment: {
        name: 'MYSQLD_OPTS',
        value: '--bind-address=127.0.0.1 --skip-name-resolve',
        dropIns: [dropIn],
      },
    },
    unitFile,
    2,
  );

  it('a drop-in sorted last sets the variable again on every address, the other options kept', () => {
    const { fix } = configFixes([ev], '10.0.0.2', 3306);
    const path = '/etc/systemd/system/mariadb.service.d/zz-conndoctor-listen.conf';
    expect(fix?.kind).toBe('unit.drop-in');
    expect(fix?.plan).toMatchObject({
      unit: 'mariadb.service',
      path,
      environment: { name: 'MYSQLD_OPTS', value: '--bind-address=0.0.0.0 --skip-name-resolve' },
    });
    expect(fix?.diff).toContain(
      '\n+[Service]\n+Environment="MYSQLD_OPTS=--bind-address=0.0.0.0 --skip-name-resolve"\n',
    );
    expect(fix?.description).toMatch(/sets MYSQLD_OPTS again for mariadb\.service/);
    expect(fix?.undo[0]).toEqual(['rm', '-f', '--', path]);
  });
});
