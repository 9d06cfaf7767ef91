import { describe, expect, it } from 'vitest';
import {
  frontEndOf,
  type FirewallState,
} from '../../../../../electron/engine/analyze/firewall/analyze';
import { evaluate } from '../../../../../electron/engine/analyze/firewall/evaluate';
import { snapshot, syn } from './fixtures';

describe('a published port as Docker writes it (captured iptables-save)', () => {
  const s = snapshot('docker');
  const route = (a: string) => (a === '172.17.0.2' ? 'docker0' : null);
  const st: FirewallState = {
    snapshot: s,
    data: { backends: [] },
    ufw: { status: null, userRules: null, user6Rules: null },
    zones: null,
    banned: new Map(),
    blind: null,
  };
  it('follows the DNAT onto the forward path and accepts in the DOCKER chain', () => {
    const e = evaluate(s, syn(8080), route);
    expect(e.rewrite).toMatchObject({
      daddr: '172.17.0.2',
      dport: 80,
      forwarded: true,
      rule: { table: 'nat', chain: 'DOCKER' },
    });
    expect(e).toMatchObject({ verdict: 'accept', decidedBy: { chain: 'DOCKER', position: 1 } });
    expect(e.path.map((p) => p.stage)).toEqual([
      'iptables nat PREROUTING',
      'iptables filter FORWARD',
    ]);
  });
  it('names the DOCKER-USER rule that drops a source', () => {
    const e = evaluate(s, syn(8080, '203.0.113.5'), route);
    expect(e).toMatchObject({ verdict: 'drop', decidedBy: { chain: 'DOCKER-USER', position: 1 } });
    expect(e.decidedBy && frontEndOf(e.decidedBy, syn(8080, '203.0.113.5'), st, e.rewrite)).toEqual(
      {
        source: 'docker',
        text: 'published port 8080 → 172.17.0.2:80; your DOCKER-USER rule 1: -A DOCKER-USER -s 203.0.113.0/24 -j DROP',
      },
    );
  });
  it('without the route, the outbound-interface rules are undecidable', () => {
    expect(evaluate(s, syn(8080)).verdict).toBe('unknown');
  });
  it('an unpublished port goes to INPUT (policy ACCEPT)', () => {
    const e = evaluate(s, syn(9000), route);
    expect(e).toMatchObject({ verdict: 'accept', decidedBy: { chain: 'INPUT', position: 0 } });
    expect(e.rewrite).toBeUndefined();
  });
});
