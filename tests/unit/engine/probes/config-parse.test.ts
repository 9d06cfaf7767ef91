import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  configFromExecStart,
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
});
