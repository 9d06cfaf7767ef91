import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../../electron/engine/analyze/firewall/evaluate';
import {
  parseNftJson,
  parseNftText,
} from '../../../../../electron/engine/analyze/firewall/nft-parse';
import { fixture, snapshot, syn } from './fixtures';

describe('nft -j parser (Debian, nftables 1.0.6)', () => {
  const rs = parseNftJson(
    fixture('debian-nft-inet-nft-json.txt'),
    fixture('debian-nft-inet-nft-text.txt'),
  );
  it('reads tables, base chains, sets and maps', () => {
    expect(rs.error).toBeUndefined();
    expect(rs.tables).toEqual([
      { family: 'inet', name: 't' },
      { family: 'ip', name: 'early' },
    ]);
    expect(rs.chains.find((c) => c.name === 'pre')).toMatchObject({
      hook: 'prerouting',
      prio: -300,
      policy: 'accept',
    });
    expect(rs.sets.find((x) => x.name === 'pv')?.isMap).toBe(true);
  });
  it('takes each rule text from nft -a by handle, without counter values', () => {
    const input = rs.chains.find((c) => c.name === 'input');
    expect(input?.rules[3]?.text).toBe(
      'ip saddr @allowed tcp dport @ports counter accept # handle 9',
    );
  });
  it('reports malformed JSON instead of throwing', () => {
    expect(parseNftJson('{oops').error).toBe('nft output is not JSON');
    expect(parseNftJson('{}').error).toMatch(/no "nftables"/);
    expect(parseNftText('')).toEqual(new Map());
  });
});

describe('nft evaluation on the captured inet ruleset', () => {
  const s = snapshot('nft-inet');
  const at = (port: number, saddr = '10.234.1.1', daddr = '10.234.1.2') =>
    evaluate(s, syn(port, saddr, { daddr }));
  it('named address and port sets accept', () => {
    expect(at(22, '10.1.2.3')).toMatchObject({ verdict: 'accept', decidedBy: { position: 4 } });
    expect(at(22, '10.234.1.1').decidedBy?.position).toBe(0);
  });
  it('negated prefix with a port range rejects with tcp reset', () => {
    expect(at(1500, '192.168.0.1')).toMatchObject({ verdict: 'reject', rejectWith: 'tcp reset' });
    expect(at(1500, '10.1.1.1').verdict).toBe('accept');
  });
  it('anonymous set with a range rejects host-prohibited', () => {
    expect(at(3150)).toMatchObject({ verdict: 'reject', rejectWith: 'icmp host-prohibited' });
  });
  it('named and anonymous verdict maps, jump and return', () => {
    expect(at(8080).verdict).toBe('drop');
    expect(at(8081).verdict).toBe('accept');
    expect(at(9000).verdict).toBe('drop');
    expect(at(9001).verdict).toBe('accept');
  });
  it('goto into a chain that drops', () => {
    expect(at(6001)).toMatchObject({ verdict: 'drop', decidedBy: { chain: 'sub', position: 2 } });
  });
  it('reject types, daddr and tcp flags', () => {
    expect(at(5)).toMatchObject({ verdict: 'reject', rejectWith: 'icmpx admin-prohibited' });
    expect(at(4444, '10.234.1.1', '10.234.0.2').verdict).toBe('drop');
    expect(at(4444).verdict).toBe('accept');
    expect(at(6000)).toMatchObject({ verdict: 'reject', rejectWith: 'icmpx port-unreachable' });
  });
  it('base chains run in priority order: prerouting, then input 0, then input 10', () => {
    const e = at(7);
    expect(e).toMatchObject({ verdict: 'drop', decidedBy: { table: 'early', chain: 'pre' } });
    expect(e.path).toEqual([{ stage: 'nft ip early pre', result: 'drop' }]);
    const late = at(7000);
    expect(late.verdict).toBe('drop');
    expect(late.path.map((p) => p.result)).toEqual(['accept', 'accept', 'drop']);
  });
  it('an IPv6 SYN skips ip tables and ip saddr matches', () => {
    const e = evaluate(s, {
      family: 6,
      saddr: 'fd00::1',
      daddr: 'fd00::2',
      dport: 7000,
      iif: 'eth0',
    });
    expect(e.verdict).toBe('accept');
    expect(e.path.map((p) => p.stage)).toEqual(['nft inet t input']);
  });
});
