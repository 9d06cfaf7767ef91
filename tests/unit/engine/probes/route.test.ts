import { describe, expect, it } from 'vitest';
import {
  parseRouteGet,
  routeArgv,
  routeCommandProbe,
  routeDestination,
} from '../../../../electron/engine/probes/route.probe';
import { english, translator } from '../../../../shared/i18n/translate';
import { loadFixture } from '../../../lab/harness/fixtures';

const fx = (name: string) => loadFixture('route', name);

describe('route parser — ip -j route get (Debian 12, captured in the lab)', () => {
  it('on-link, via a gateway, local, IPv6', () => {
    expect(parseRouteGet(fx('debian12-onlink'), '10.233.200.1')).toMatchObject({
      status: 'pass',
      data: { type: 'unicast', dev: 'data0', src: '10.233.200.2' },
    });
    expect(parseRouteGet(fx('debian12-via'), '10.233.201.5')).toMatchObject({
      status: 'pass',
      data: { type: 'unicast', via: '10.233.200.1', dev: 'data0' },
    });
    expect(parseRouteGet(fx('debian12-local'), '10.233.200.2')).toMatchObject({
      status: 'pass',
      data: { type: 'local', dev: 'lo' },
    });
    expect(parseRouteGet(fx('debian12-loopback'), '127.0.0.1').data?.type).toBe('local');
    expect(parseRouteGet(fx('debian12-v6-via'), 'fd00:233::cd:5')).toMatchObject({
      status: 'pass',
      data: { type: 'unicast', via: 'fd00:233::c8:1', src: 'fd00:233::c8:2' },
    });
    expect(parseRouteGet(fx('debian12-v6-onlink'), 'fd00:233::c8:1').data?.via).toBeUndefined();
  });

  it('unreachable / prohibit / blackhole routes are reported as such from the RTNETLINK error', () => {
    expect(parseRouteGet(fx('debian12-unreachable'), '10.233.202.5')).toMatchObject({
      status: 'fail',
      data: { type: 'unreachable', error: 'RTNETLINK answers: No route to host' },
    });
    expect(parseRouteGet(fx('debian12-prohibit'), '10.233.203.5').data?.type).toBe('prohibit');
    expect(parseRouteGet(fx('debian12-blackhole'), '10.233.204.5').data?.type).toBe('blackhole');
    expect(parseRouteGet(fx('debian12-v6-unreachable'), 'fd00:233::cc:5').data?.type).toBe(
      'unreachable',
    );
  });

  it('no route at all, and the route gone with its interface, are type none', () => {
    for (const name of ['debian12-no-route', 'debian12-v6-no-route', 'debian12-iface-down']) {
      expect(parseRouteGet(fx(name), '10.233.205.5')).toMatchObject({
        status: 'fail',
        data: { type: 'none', error: 'RTNETLINK answers: Network is unreachable' },
      });
    }
  });

  it('unknown errors and odd output are inconclusive', () => {
    expect(
      parseRouteGet({ stdout: '', stderr: 'Error: inet prefix is expected', exitCode: 1 }, 'x')
        .status,
    ).toBe('inconclusive');
    expect(parseRouteGet({ stdout: 'not json', stderr: '', exitCode: 0 }, 'x').status).toBe(
      'inconclusive',
    );
  });
});

describe('route command', () => {
  it('client: the target; server: the return path to the client when known', () => {
    expect(
      routeDestination({
        probe: 'route',
        vantage: 'client',
        target: { host: '10.0.0.2', port: 80 },
      }),
    ).toBe('10.0.0.2');
    expect(
      routeDestination({
        probe: 'route',
        vantage: 'server',
        target: { host: '10.0.0.2', port: 80 },
        clientAddress: '10.0.0.1',
      }),
    ).toBe('10.0.0.1');
    expect(
      routeDestination({
        probe: 'route',
        vantage: 'server',
        target: { host: 'example.org', port: 80 },
      }),
    ).toBeUndefined();
  });

  it('turns a zone id into oif, never into a shell string', () => {
    expect(routeArgv('fe80::1%eth0')).toEqual([
      'ip',
      '-j',
      'route',
      'get',
      'fe80::1',
      'oif',
      'eth0',
    ]);
    expect(
      routeCommandProbe.commands({ probe: 'route', vantage: 'client', address: '10.1.2.3' }),
    ).toEqual([['ip', '-j', 'route', 'get', '10.1.2.3']]);
  });
});

describe('route summaries as messages', () => {
  const ko = translator('ko');

  it('a route via a gateway: message id and params, its English is the summary', () => {
    const p = parseRouteGet(fx('debian12-via'), '10.233.201.5');
    expect(p.status).toBe('pass');
    if (p.status === 'inconclusive') return;
    expect(p.message).toEqual({
      id: 'evidence.route.via',
      params: {
        destination: '10.233.201.5',
        dev: 'data0',
        via: '10.233.200.1',
        fromKind: 'src',
        src: '10.233.200.2',
      },
    });
    expect(p.summary).toBe('10.233.201.5 is reached via 10.233.200.1 on data0 from 10.233.200.2');
    expect(english(p.message ?? { id: 'x.y' })).toBe(p.summary);
    expect(ko(p.message ?? { id: 'x.y' })).toBe(
      '10.233.201.5에는 data0에서 10.233.200.1을(를) 거쳐 닿습니다 (출발 주소 10.233.200.2)',
    );
  });

  it('an unreachable route: the nested "what covers it" follows the type, in both languages', () => {
    const p = parseRouteGet(
      { stdout: '', stderr: 'RTNETLINK answers: No route to host\n', exitCode: 2 },
      '10.9.9.9',
    );
    expect(p.status).toBe('fail');
    if (p.status === 'inconclusive') return;
    expect(p.message).toEqual({
      id: 'evidence.route.noUsableRoute',
      params: { destination: '10.9.9.9', type: 'unreachable', error: 'No route to host' },
    });
    expect(p.summary).toBe(
      'no usable route to 10.9.9.9: an "unreachable" route covers it (No route to host)',
    );
    expect(ko(p.message ?? { id: 'x.y' })).toContain(
      '"unreachable" 경로가 이 주소를 덮고 있습니다',
    );
  });

  it('unreadable output is inconclusive with a message naming the command', () => {
    const p = parseRouteGet({ stdout: 'not json', stderr: '', exitCode: 0 }, '10.0.0.1');
    expect(p).toMatchObject({
      status: 'inconclusive',
      reason: 'ip -j route get printed no JSON it could read',
      message: { id: 'evidence.command.noJson', params: { command: 'ip -j route get' } },
    });
  });
});
