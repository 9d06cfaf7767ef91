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
  unitFromCgroup,
} from '../../../../electron/engine/probes/config-parse';
import { nginxListenBinds } from '../../../../shared/config-directives';

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
});
