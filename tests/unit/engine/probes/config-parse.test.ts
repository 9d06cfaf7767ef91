import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  lastEnvironmentLine,
  configFromExecStart,
  lastExecStartLine,
  parseExecStart,
  parseUnitPaths,
  mysqlDefaultsFile,
  parseApacheError,
  parseApacheIncludes,
  parseGrepHits,
  nginxInvocation,
  parseNginxDump,
  parseNginxError,
  parsePs,
  parseSha256sum,
  parseSshdError,
  parseSshdListen,
  pgInvocation,
  sshdInvocation,
  unitFromCgroup,
} from '../../../../electron/engine/probes/config-parse';
import { splitLines } from '../../../../shared/config-diff';
import {
  apacheListenBinds,
  apacheListenEverywhere,
  mysqlBindEverywhere,
  mysqlBindLocation,
  mysqlIncludes,
  mysqlOptionText,
  nginxListenBinds,
  pgListenEverywhere,
  pgListenLine,
  sshdIncludes,
  sshdListenAdded,
  sshdListenLines,
} from '../../../../shared/config-directives';

const FIX = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'config');
const read = (f: string) => readFileSync(join(FIX, f), 'utf8');

describe('config probe parsers', () => {
  it('nginx -T (Debian 12): the files nginx read and the listen line bound to loopback', () => {
    const files = parseNginxDump(read('debian12-nginx-T-loopback.txt'));
    expect(files.map((f) => f.path)).toEqual([
      '/etc/nginx/nginx.conf',
      '/etc/nginx/mime.types',
      '/etc/nginx/sites-enabled/default',
    ]);
    const site = files[2]!;
    const at = site.lines.findIndex((l) => nginxListenBinds(l, 8088, false));
    expect(at + 1).toBe(22);
    expect(site.lines[at]).toBe('\tlisten 127.0.0.1:8088 default_server;');
    expect(site.lines.findIndex((l) => nginxListenBinds(l, 8088, true)) + 1).toBe(23);
    expect(parseNginxDump('garbage\n')).toEqual([]);
  });

  it("nginx -t's own error line and the file:line it names", () => {
    const e = parseNginxError(read('debian12-nginx-t-broken.stderr.txt'));
    expect(e).toEqual({
      line: '[emerg] invalid parameter "bogus_param" in /etc/nginx/sites-enabled/default:22',
      at: { file: '/etc/nginx/sites-enabled/default', line: 22 },
    });
    expect(parseNginxError(read('debian12-nginx-T-loopback.stderr.txt'))).toBeNull();
  });

  it('the master process title, its cgroup, ExecStart and sha256sum', () => {
    const ps = parsePs(
      'nginx           nginx: master process /usr/sbin/nginx -c /srv/n.conf -g daemon on;\n',
    );
    expect(ps?.comm).toBe('nginx');
    expect(nginxInvocation(ps!.args)).toEqual({
      bin: '/usr/sbin/nginx',
      options: ['-c', '/srv/n.conf'],
    });
    expect(nginxInvocation(['nginx:', 'worker', 'process'])).toEqual({ bin: 'nginx', options: [] });
    expect(parsePs('')).toBeNull();
    expect(unitFromCgroup('0::/system.slice/nginx.service\n')).toBe('nginx.service');
    expect(unitFromCgroup('0::/user.slice/user-0.slice/session-3.scope\n')).toBeNull();
    expect(
      configFromExecStart(
        'ExecStart={ path=/usr/bin/redis-server ; argv[]=/usr/bin/redis-server /etc/redis/redis.conf --supervised systemd --daemonize no ; ignore_errors=no }',
      ),
    ).toBe('/etc/redis/redis.conf');
    expect(configFromExecStart('ExecStart=')).toBeNull();
    expect(parseSha256sum(`${'a'.repeat(64)}  /etc/redis/redis.conf\n`)).toBe('a'.repeat(64));
    expect(parseSha256sum('sha256sum: x: No such file')).toBeNull();
  });

  it("sshd: the listener's rewritten command line names its binary and -f file; sshd -T its addresses", () => {
    const ps = parsePs(read('debian12-sshd-ps.txt'))!;
    expect(ps.comm).toBe('sshd');
    expect(sshdInvocation(ps.args)).toEqual({
      bin: '/usr/sbin/sshd',
      file: '/etc/ssh/sshd_config',
    });
    expect(
      sshdInvocation(['sshd:', '/usr/sbin/sshd', '-D', '-f', '/etc/x/y.conf', '[listener]']),
    ).toEqual({
      bin: '/usr/sbin/sshd',
      file: '/etc/x/y.conf',
    });
    expect(sshdInvocation(['/usr/sbin/sshd', '-D'])).toEqual({
      bin: '/usr/sbin/sshd',
      file: '/etc/ssh/sshd_config',
    });
    expect(parseSshdListen(read('debian12-sshd-T-loopback.txt'))).toEqual([
      { host: '127.0.0.1', port: 2222 },
    ]);
    expect(parseSshdListen('listenaddress [::1]:22\nlistenaddress 0.0.0.0:22\n')).toEqual([
      { host: '::1', port: 22 },
      { host: '0.0.0.0', port: 22 },
    ]);
    expect(parseSshdListen('garbage')).toEqual([]);
  });

  it("sshd -t's own error line and the file:line it names", () => {
    expect(parseSshdError(read('debian12-sshd-t-broken.stderr.txt'))).toEqual({
      line: '/etc/ssh/sshd_config.bad: line 15: Bad configuration option: Bogus',
      at: { file: '/etc/ssh/sshd_config.bad', line: 15 },
    });
    expect(parseSshdError('')).toBeNull();
  });

  it("Debian's sshd_config: the ListenAddress line, the Include, the added listener", () => {
    const { lines } = splitLines(read('debian12-sshd_config-loopback'));
    expect(sshdListenLines(lines)).toEqual([16]);
    expect(lines[15]).toBe('ListenAddress 127.0.0.1');
    expect(sshdIncludes(lines)).toEqual(['/etc/ssh/sshd_config.d/*.conf']);
    expect(sshdListenAdded('  listenaddress=127.0.0.1', '::', 22)).toBe('  listenaddress [::]:22');
    // A ListenAddress inside a Match block is not one sshd accepts: not counted.
    expect(sshdListenLines(['Port 22', 'Match User x', 'ListenAddress 1.2.3.4'])).toEqual([]);
  });

  it("PostgreSQL: the postmaster's config_file and data directory; Debian's commented listen_addresses", () => {
    const ps = parsePs(read('debian12-postgres-ps.txt'))!;
    expect(ps.comm).toBe('postgres');
    expect(pgInvocation(ps.args)).toEqual({
      bin: '/usr/lib/postgresql/15/bin/postgres',
      file: '/etc/postgresql/15/main/postgresql.conf',
      options: [
        '-D',
        '/var/lib/postgresql/15/main',
        '-c',
        'config_file=/etc/postgresql/15/main/postgresql.conf',
      ],
    });
    expect(pgInvocation(['/usr/bin/postgres', '-D', '/srv/pg/'])?.file).toBe(
      '/srv/pg/postgresql.conf',
    );
    expect(pgInvocation(['/usr/bin/postgres'])).toBeNull();
    const { lines } = splitLines(read('debian12-postgresql.conf'));
    const n = pgListenLine(lines)!;
    expect(n).toBe(60);
    expect(pgListenEverywhere(lines[n - 1]!)).toBe(
      "listen_addresses = '*'\t\t# what IP address(es) to listen on;",
    );
    // A value set later wins over the commented default.
    expect(pgListenLine(["#listen_addresses = 'localhost'", "listen_addresses='127.0.0.1'"])).toBe(
      2,
    );
    expect(pgListenEverywhere("  listen_addresses='127.0.0.1, ::1' # x")).toBe(
      "  listen_addresses='*' # x",
    );
  });

  it("MariaDB: Debian's my.cnf → !includedir chain → 50-server.cnf's bind-address (the last one in a server group)", () => {
    expect(mysqlDefaultsFile(['/usr/sbin/mariadbd'])).toEqual({
      file: '/etc/mysql/my.cnf',
      explicit: false,
    });
    expect(mysqlDefaultsFile(['/usr/sbin/mariadbd', '--defaults-file=/srv/my.cnf']).file).toBe(
      '/srv/my.cnf',
    );
    const root = splitLines(read('debian12-mariadb.cnf')).lines;
    expect(mysqlIncludes(root)).toEqual([
      { kind: 'dir', path: '/etc/mysql/conf.d/' },
      { kind: 'dir', path: '/etc/mysql/mariadb.conf.d/' },
    ]);
    const server = '/etc/mysql/mariadb.conf.d/50-server.cnf';
    const galera = '/etc/mysql/mariadb.conf.d/60-galera.cnf';
    const files = new Map([
      ['/etc/mysql/my.cnf', root],
      [server, splitLines(read('debian12-mariadb-50-server.cnf')).lines],
      [galera, splitLines(read('debian12-mariadb-60-galera.cnf')).lines],
    ]);
    const dirs = new Map([
      ['/etc/mysql/conf.d', []],
      ['/etc/mysql/mariadb.conf.d', [galera, server]],
    ]);
    const at = mysqlBindLocation('/etc/mysql/my.cnf', files, dirs);
    expect(at).toEqual({ path: server, line: 27 });
    const line = files.get(server)![26]!;
    expect(line).toBe('bind-address            = 127.0.0.1');
    expect(mysqlBindEverywhere(line, false)).toBe('bind-address            = 0.0.0.0');
    expect(mysqlBindEverywhere(line, true)).toBe('bind-address            = ::');
    expect(mysqlOptionText('bind-address            = 0.0.0.0')).toBe('--bind-address=0.0.0.0');
    // my_print_defaults --mysqld on the same files prints that option.
    expect(read('debian12-my_print_defaults-mysqld.txt')).toContain('--bind-address=127.0.0.1\n');
    // A later file in a server group wins; a client group does not count.
    files.set('/etc/mysql/conf.d/z.cnf', [
      '[client]',
      'bind-address = 10.0.0.1',
      '[mysqld]',
      'bind_address=::1',
    ]);
    dirs.set('/etc/mysql/conf.d', ['/etc/mysql/conf.d/z.cnf']);
    expect(mysqlBindLocation('/etc/mysql/my.cnf', files, dirs)).toEqual({ path: server, line: 27 });
    const local = '/etc/mysql/mariadb.conf.d/90-local.cnf';
    files.set(local, ['[mariadbd]', 'bind_address = ::1']);
    dirs.set('/etc/mysql/mariadb.conf.d', [local, galera, server]);
    expect(mysqlBindLocation('/etc/mysql/my.cnf', files, dirs)).toEqual({ path: local, line: 2 });
  });

  it('Apache: DUMP_INCLUDES names the files, grep -Hn their Listen lines, apache2ctl -t its error', () => {
    const files = parseApacheIncludes(read('debian12-apache2ctl-DUMP_INCLUDES.txt'));
    expect(files[0]).toBe('/etc/apache2/apache2.conf');
    expect(files).toContain('/etc/apache2/ports.conf');
    expect(files.at(-1)).toBe('/etc/apache2/sites-enabled/000-default.conf');
    const hits = parseGrepHits(read('debian12-apache2-grep-Listen.txt'));
    expect(hits[0]).toEqual({
      path: '/etc/apache2/ports.conf',
      line: 5,
      text: 'Listen 127.0.0.1:8089',
    });
    expect(hits.filter((h) => apacheListenBinds(h.text, 8089, false))).toEqual([hits[0]]);
    expect(hits.filter((h) => apacheListenBinds(h.text, 443, false))).toEqual([]);
    expect(apacheListenEverywhere('Listen 127.0.0.1:8089')).toBe('Listen 8089');
    expect(apacheListenEverywhere('\tListen [::1]:8443 https')).toBe('\tListen 8443 https');
    expect(apacheListenBinds('Listen [::1]:8089', 8089, true)).toBe(true);
    expect(apacheListenBinds('Listen 0.0.0.0:8089', 8089, false)).toBe(false);
    expect(apacheListenBinds('#Listen 127.0.0.1:8089', 8089, false)).toBe(false);
    const ports = splitLines(read('debian12-apache2-ports.conf')).lines;
    expect(ports[4]).toBe('Listen 127.0.0.1:8089');
    expect(parseApacheError(read('debian12-apache2ctl-t-broken.stderr.txt'))).toEqual({
      line: 'Syntax error on line 5 of /etc/apache2/ports.conf: Listen requires 1 or 2 arguments.',
      at: { file: '/etc/apache2/ports.conf', line: 5 },
    });
    expect(parseApacheError('AH00558: apache2: Could not reliably determine')).toBeNull();
  });

  it('a unit whose ExecStart binds Redis to loopback (captured from the lab systemd): its words, its unit file and drop-ins', () => {
    const argv = parseExecStart(read('debian12-systemctl-show-ExecStart-redis-bind.txt'));
    expect(argv).toEqual([
      '/usr/bin/redis-server',
      '/etc/redis/redis.conf',
      '--supervised',
      'systemd',
      '--daemonize',
      'no',
      '--bind',
      '127.0.0.1',
    ]);
    expect(configFromExecStart(read('debian12-systemctl-show-ExecStart-redis-bind.txt'))).toBe(
      '/etc/redis/redis.conf',
    );
    expect(parseUnitPaths(read('debian12-systemctl-show-paths-redis-bind.txt'))).toEqual({
      fragment: '/lib/systemd/system/redis-server.service',
      dropIns: ['/etc/systemd/system/redis-server.service.d/override.conf'],
    });
    expect(parseUnitPaths('FragmentPath=\nDropInPaths=\n')).toEqual({
      fragment: null,
      dropIns: [],
    });
    expect(parseExecStart('ExecStart=\n')).toBeNull();
    // A oneshot unit's several command lines: not one to replace.
    expect(
      parseExecStart(
        'ExecStart={ path=/bin/a ; argv[]=/bin/a ; ignore_errors=no } ; { path=/bin/b ; argv[]=/bin/b ; ignore_errors=no }',
      ),
    ).toBeNull();
    expect(
      lastExecStartLine(['[Service]', 'ExecStart=', 'ExecStart=/usr/bin/redis-server x', '']),
    ).toBe(3);
    expect(lastExecStartLine(['[Service]', 'ExecStart='])).toBeNull();
  });
});

describe('lastEnvironmentLine', () => {
  it('the last Environment= line that sets the variable, quoted or not', () => {
    const lines = [
      '[Service]',
      'Environment="MYSQLD_OPTS=--bind-address=127.0.0.1"',
      'Environment=OTHER=1 MYSQLD_OPTS_X=2',
      'Environment=LANG=C MYSQLD_OPTS=--port=3306',
    ];
    expect(lastEnvironmentLine(lines, 'MYSQLD_OPTS')).toBe(4);
    expect(lastEnvironmentLine(lines.slice(0, 3), 'MYSQLD_OPTS')).toBe(2);
    expect(lastEnvironmentLine(['[Service]'], 'MYSQLD_OPTS')).toBeNull();
  });
});
