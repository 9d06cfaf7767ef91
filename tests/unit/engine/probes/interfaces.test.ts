import { describe, expect, it } from 'vitest';
import {
  interfacesCommandProbe,
  parseInterfaces,
} from '../../../../electron/engine/probes/interfaces.probe';
import { loadFixture } from '../../../lab/harness/fixtures';

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
