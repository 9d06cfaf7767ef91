import { describe, expect, it } from 'vitest';
import {
  interfacesCommandProbe,
  parseInterfaces,
} from '../../../../electron/engine/probes/interfaces.probe';
import { loadFixture } from '../../../lab/harness/fixtures';
import { translator } from '../../../../shared/i18n/translate';
import { expectKorean } from '../../shared/i18n/korean-text';

const fx = (name: string) => loadFixture('interfaces', name);

describe('interfaces parser — ip -j addr (Debian 12, captured in the lab)', () => {
  it('reads names, link state and both address families', () => {
    const p = parseInterfaces(fx('debian12-up'));
    expect(p.status).toBe('pass');
    const data0 = p.data?.interfaces.find((i) => i.name === 'data0');
    expect(data0).toMatchObject({ up: true, operState: 'UP' });
    expect(data0?.addresses).toContainEqual({ address: '10.233.200.2', prefix: 24, family: 4 });
    expect(data0?.addresses).toContainEqual({ address: 'fd00:233::c8:2', prefix: 112, family: 6 });
    // loopback reports operstate UNKNOWN and is nonetheless usable
    expect(p.data?.interfaces.find((i) => i.name === 'lo')).toMatchObject({
      up: true,
      operState: 'UNKNOWN',
    });
  });

  it('names the interface carrying the target address when it is up', () => {
    const p = parseInterfaces(fx('debian12-up'), '10.233.200.2');
    expect(p).toMatchObject({
      status: 'pass',
      data: { target: { address: '10.233.200.2', interface: 'data0', up: true } },
    });
  });

  it('an interface set down: fails, naming it (its IPv4 address stays, IPv6 is flushed)', () => {
    const p = parseInterfaces(fx('debian12-data-down'), '10.233.200.2');
    expect(p).toMatchObject({
      status: 'fail',
      data: { target: { interface: 'data0', up: false } },
    });
    expect(p.status === 'fail' && p.summary).toMatch(/data0 \(down\).*down/);
    const v6 = parseInterfaces(fx('debian12-data-down'), 'fd00:233::c8:2');
    expect(v6).toMatchObject({ status: 'fail', data: { target: { interface: null } } });
  });

  it('the far end of the link down: administratively up, but operstate DOWN is not usable', () => {
    const p = parseInterfaces(fx('debian12-peer-down'), '10.233.200.2');
    expect(p.data?.interfaces.find((i) => i.name === 'data0')).toMatchObject({
      up: true,
      operState: 'DOWN',
    });
    expect(p).toMatchObject({
      status: 'fail',
      data: { target: { interface: 'data0', up: false } },
    });
  });

  it('the address removed from the interface: fails with no carrier', () => {
    const p = parseInterfaces(fx('debian12-addr-missing'), '10.233.200.2');
    expect(p).toMatchObject({ status: 'fail', data: { target: { interface: null, up: null } } });
  });

  it('without an address it lists what is not usable', () => {
    const p = parseInterfaces(fx('debian12-data-down'));
    expect(p.status === 'pass' && p.summary).toMatch(/not usable: data0 \(down\)/);
  });

  it('odd output is inconclusive', () => {
    expect(
      parseInterfaces({ stdout: 'Object "addr" is unknown', stderr: '', exitCode: 0 }).status,
    ).toBe('inconclusive');
    expect(parseInterfaces({ stdout: '', stderr: 'ip: not found', exitCode: 127 }).status).toBe(
      'inconclusive',
    );
  });

  it('asks for ip -j addr and uses the request address', () => {
    const req = { probe: 'interfaces', vantage: 'server', address: '10.233.200.2' } as const;
    expect(interfacesCommandProbe.commands(req)).toEqual([['ip', '-j', 'addr']]);
    expect(interfacesCommandProbe.parse(fx('debian12-up'), req).status).toBe('pass');
  });
});

describe('interfaces: the ones not usable, grouped by why, in English and Korean', () => {
  const ipAddr = (ifaces: { name: string; flags: string[]; operstate: string }[]) => ({
    stdout: JSON.stringify(
      ifaces.map((i) => ({
        ifname: i.name,
        flags: i.flags,
        operstate: i.operstate,
        addr_info: [],
      })),
    ),
    stderr: '',
    exitCode: 0,
  });
  const lo = { name: 'lo', flags: ['LOOPBACK', 'UP', 'LOWER_UP'], operstate: 'UNKNOWN' };
  const ifb0 = { name: 'ifb0', flags: ['BROADCAST', 'NOARP'], operstate: 'DOWN' };
  const ifb1 = { name: 'ifb1', flags: ['BROADCAST', 'NOARP'], operstate: 'DOWN' };
  const docker0 = { name: 'docker0', flags: ['NO-CARRIER', 'BROADCAST', 'UP'], operstate: 'DOWN' };

  it('down ones, set-up ones without a carrier, and both', () => {
    const ko = translator('ko');
    const down = parseInterfaces(ipAddr([lo, ifb0, ifb1]));
    expect(down.status === 'pass' && down.summary).toBe(
      '3 interfaces; not usable: ifb0, ifb1 (down)',
    );
    expect(ko(down.message ?? { id: 'x.y' })).toBe(
      '인터페이스 3개, 쓸 수 없는 것: ifb0, ifb1(꺼짐)',
    );
    const both = parseInterfaces(ipAddr([lo, ifb0, docker0]));
    expect(both.status === 'pass' && both.summary).toBe(
      '3 interfaces; not usable: ifb0 (down); docker0 (set up, but no carrier)',
    );
    const text = ko(both.message ?? { id: 'x.y' });
    expect(text).toContain('docker0(켜져 있지만 캐리어 없음)');
    expectKorean(text, ['ifb0', 'docker0']);
  });
});
