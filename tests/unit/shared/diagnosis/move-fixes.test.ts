import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDiff, splitLines } from '../../../../shared/config-diff';
import {
  lastRedisPort,
  mysqlBindLocation,
  mysqlPortMoved,
  nginxListenMoved,
  nginxListenOnPort,
  pgPortLine,
  pgPortMoved,
  redisPortMoved,
} from '../../../../shared/config-directives';
import { configFixes, moveFixes } from '../../../../shared/diagnosis/config-fixes';
import type { Evidence } from '../../../../shared/evidence';
import { translator } from '../../../../shared/i18n/translate';
import {
  ACCEPT,
  NGINX_SITE_8090 as NGINX_SITE,
  connect,
  configEvidence,
  diagnose,
  firewall,
  listeners,
  service,
} from './make-evidence';
import { painter, renderDiagnosis } from '../../../../electron/cli/render';
import { moveFrom } from '../../../../shared/flowchart/requests';

/**
 * Moving the service (wrong-port; DESIGN §3: the fix is null, "moving the service is an
 * alternative"): the directive that sets the port the service listens on now, set to the
 * port the client asks for, as a config.edit alternative.
 */

const FIX = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'config');
const pgConf = readFileSync(join(FIX, 'debian12-postgresql.conf'), 'utf8');
const redisConf = readFileSync(join(FIX, 'debian12-redis.conf'), 'utf8');

/** `config` evidence as the probe makes it when asked for the port the service listens on. */
const config = (...[over, ...rest]: Parameters<typeof configEvidence>) =>
  configEvidence({ listenPort: 8090, ...over }, ...rest);

/** What the server shows when nginx runs on 8090 and the client asks for 8080. */
const onOtherPort = (listenPort = 8090, process = 'nginx', unit = 'nginx.service'): Evidence[] => [
  connect('refused'),
  listeners([
    { port: listenPort, process, pid: 100 },
    { port: listenPort, address: '::', family: 6, process, pid: 100 },
    { port: 22, process: 'sshd', pid: 7 },
  ]),
  service({ name: unit, mainPid: 100, pids: [100, 101] }),
  firewall(ACCEPT),
];

describe('the directives that set a port', () => {
  it('nginx: the port moves, the address and the options stay', () => {
    expect(nginxListenMoved('\tlisten 8090 default_server;', 8080)).toBe(
      '\tlisten 8080 default_server;',
    );
    expect(nginxListenMoved('  listen 127.0.0.1:8090;', 8080)).toBe('  listen 127.0.0.1:8080;');
    expect(nginxListenMoved('listen [::]:8090 ipv6only=on;', 8080)).toBe(
      'listen [::]:8080 ipv6only=on;',
    );
    expect(nginxListenMoved('listen localhost;', 8080)).toBe('listen localhost:8080;');
    expect(nginxListenMoved('# listen 8090;', 8080)).toBeNull();
    expect(nginxListenOnPort('listen [::1]:8090;', 8090)).toBe(true);
    expect(nginxListenOnPort('listen 80;', 8090)).toBe(false);
  });

  it('Redis: the last port line; PostgreSQL: port, not a setting that starts with it', () => {
    const redis = splitLines(redisConf).lines;
    const at = lastRedisPort(redis)!;
    expect(redis[at - 1]).toBe('port 6379');
    expect(redisPortMoved('port 6379', 6380)).toBe('port 6380');
    expect(redisPortMoved('# port 6379', 6380)).toBeNull();
    const pg = splitLines(pgConf).lines;
    const line = pgPortLine(pg)!;
    expect(pg[line - 1]).toMatch(/^port = 5432/);
    expect(pgPortMoved(pg[line - 1]!, 5433)).toBe('port = 5433\t\t\t\t# (change requires restart)');
    expect(pgPortLine(['portal_x = 1', '#port = 5432'])).toBe(2);
    expect(pgPortMoved('#port = 5432', 6000)).toBe('port = 6000');
  });

  it('MariaDB: the last port in a server group, read through !includedir', () => {
    const files = new Map([
      ['/etc/mysql/my.cnf', ['[client]', 'port = 3306', '!includedir /etc/mysql/conf.d/']],
      ['/etc/mysql/conf.d/50-server.cnf', ['[mysqld]', 'bind-address = 0.0.0.0', 'port = 3307']],
    ]);
    const dirs = new Map([['/etc/mysql/conf.d', ['/etc/mysql/conf.d/50-server.cnf']]]);
    expect(mysqlBindLocation('/etc/mysql/my.cnf', files, dirs, 'port')).toEqual({
      path: '/etc/mysql/conf.d/50-server.cnf',
      line: 3,
    });
    expect(mysqlPortMoved('port = 3307  # moved', 3306)).toBe('port = 3306  # moved');
  });
});

describe('wrong-port: moving the service is an alternative, the fix stays null', () => {
  it('the config probe is asked for the port the service listens on and its process', () => {
    expect(moveFrom(onOtherPort(), { host: '10.61.0.2', port: 8080 })).toEqual({
      port: 8090,
      pid: 100,
    });
    // Something else on the target port, or the service on two ports: nothing to move to.
    const withListeners = (list: Parameters<typeof listeners>[0]) =>
      onOtherPort().map((e) => (e.probe === 'listeners' ? listeners(list) : e));
    const taken = withListeners([
      { port: 8080, process: 'python3', pid: 5 },
      { port: 8090, process: 'nginx', pid: 100 },
    ]);
    expect(moveFrom(taken, { host: '10.61.0.2', port: 8080 })).toBeNull();
    const two = withListeners([
      { port: 8090, process: 'nginx', pid: 100 },
      { port: 8091, process: 'nginx', pid: 100 },
    ]);
    expect(moveFrom(two, { host: '10.61.0.2', port: 8080 })).toBeNull();
    // The service's main process is preferred over a worker that shares the socket.
    const workers = withListeners([{ port: 8090, process: 'nginx', pid: 101, pids: [101, 100] }]);
    expect(moveFrom(workers, { host: '10.61.0.2', port: 8080 })).toEqual({ port: 8090, pid: 100 });
  });

  it('nginx: both listen lines of the port move in one diff; the diagnosis names wrong-port with fix null', () => {
    const ev = [...onOtherPort(), config({}, NGINX_SITE, 2, [3])];
    const d = diagnose(ev);
    expect(d.cause).toBe('wrong-port');
    expect(d.fix).toBeNull();
    expect(d.alternatives).toHaveLength(1);
    const alt = d.alternatives[0]!;
    expect(alt.id).toBe('config.edit');
    expect(alt.plan).toMatchObject({
      kind: 'config.edit',
      program: 'nginx',
      move: { from: 8090, to: 8080 },
      restart: 'nginx.service',
      check: ['/usr/sbin/nginx', '-t'],
    });
    // Adjacent lines change as one block, removals first (as diff -u shows it).
    expect(alt.diff).toContain(
      [
        ' server {',
        '-\tlisten 8090 default_server;',
        '-\tlisten [::]:8090 default_server;',
        '+\tlisten 8080 default_server;',
        '+\tlisten [::]:8080 default_server;',
        ' ',
      ].join('\n'),
    );
    const out = applyDiff(NGINX_SITE, alt.diff!);
    if ('error' in out) throw new Error(out.error);
    expect(out.text).toBe(NGINX_SITE.replaceAll(':8090', ':8080').replace(' 8090 ', ' 8080 '));
    expect(alt.description).toMatch(/Move nginx\.service from port 8090 to port 8080/);
    expect(alt.risk).toMatch(/port 8090/);
    expect(translator('ko')(alt.riskMessage!)).toMatch(/포트 8090 대신 8080/);
    // The next steps still say to connect to the right port first.
    expect(d.nextSteps.map((s) => s.message)).toEqual([
      {
        id: 'diagnosis.next.rightPortAt',
        params: { service: 'nginx.service', suggestion: '10.61.0.2:8090' },
      },
      {
        id: 'diagnosis.next.moveServiceProposed',
        params: { service: 'nginx.service', port: 8080, id: 'config.edit' },
      },
    ]);
    expect(d.nextSteps[1]?.why).toBe(
      'Or move nginx.service to port 8080: ConnDoctor shows the change to its configuration below and makes it only when you choose it.',
    );
  });

  it('the address fix ignores config read for a move, and the move needs that reading', () => {
    const ev = [...onOtherPort(), config({}, NGINX_SITE, 2, [3])];
    expect(configFixes(ev, '10.61.0.2', 8080)).toEqual({ fix: null, alternatives: [] });
    const plain = [...onOtherPort(), config({ listenPort: undefined }, NGINX_SITE, 2)];
    expect(moveFixes(plain, 8080)).toEqual({ fix: null, alternatives: [] });
  });

  it('Redis: its port line; PostgreSQL: port, read back by postgres -C port', () => {
    const redisLine = lastRedisPort(splitLines(redisConf).lines)!;
    const redis = moveFixes(
      [
        config(
          {
            program: 'redis',
            unit: 'redis-server.service',
            file: '/etc/redis/redis.conf',
            check: null,
            listenPort: 6379,
          },
          redisConf,
          redisLine,
        ),
      ],
      6380,
    );
    expect(redis.fix).toBeNull();
    expect(redis.alternatives[0]?.diff).toContain('\n-port 6379\n+port 6380\n');
    expect(redis.alternatives[0]?.plan).toMatchObject({ check: null, move: { from: 6379 } });

    const pgLine = pgPortLine(splitLines(pgConf).lines)!;
    const check = [
      'runuser',
      '-u',
      'postgres',
      '--',
      '/usr/lib/postgresql/15/bin/postgres',
      '-C',
      'port',
    ];
    const pg = moveFixes(
      [
        config(
          {
            program: 'postgresql',
            unit: 'postgresql@15-main.service',
            file: '/etc/postgresql/15/main/postgresql.conf',
            check,
            listenPort: 5432,
          },
          pgConf,
          pgLine,
        ),
      ],
      5433,
    );
    expect(pg.alternatives[0]?.plan).toMatchObject({ expect: '5433', check });
    expect(pg.alternatives[0]?.diff).toContain(
      '\n+port = 5433\t\t\t\t# (change requires restart)\n',
    );
  });

  it('MariaDB: read back by my_print_defaults as --port=N; sshd and Apache are not moved', () => {
    const cnf = '[mysqld]\nport = 3307\n';
    const m = moveFixes(
      [
        config(
          {
            program: 'mariadb',
            unit: 'mariadb.service',
            file: '/etc/mysql/mariadb.conf.d/50-server.cnf',
            check: ['my_print_defaults', '--mysqld'],
            listenPort: 3307,
          },
          cnf,
          2,
        ),
      ],
      3306,
    );
    expect(m.alternatives[0]?.plan).toMatchObject({ expect: '--port=3306' });
    const sshd = moveFixes([config({ program: 'sshd', listenPort: 2222 }, 'Port 2222\n', 1)], 22);
    expect(sshd.alternatives).toEqual([]);
  });

  it('the terminal shows the alternative with its diff and how to apply it, in en and ko', () => {
    const d = diagnose([...onOtherPort(), config({}, NGINX_SITE, 2, [3])]);
    const en = renderDiagnosis(
      d,
      painter({ isTTY: false }),
      'root@10.61.0.2',
      'en',
      ' --ssh root@10.61.0.2',
    );
    expect(en).toContain('Instead (config.edit): Move nginx.service from port 8090 to port 8080');
    expect(en).toContain('+\tlisten 8080 default_server;');
    expect(en).toContain(
      'Apply it with: conndoctor diagnose 10.61.0.2:8080 --fix=config.edit --ssh root@10.61.0.2',
    );
    const ko = renderDiagnosis(
      d,
      painter({ isTTY: false }),
      'root@10.61.0.2',
      'ko',
      ' --ssh root@10.61.0.2',
    );
    expect(ko).toContain(
      '대신 (config.edit): nginx.service을(를) 포트 8090에서 8080(으)로 옮깁니다',
    );
  });
});
