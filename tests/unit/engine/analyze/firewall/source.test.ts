import { describe, expect, it } from 'vitest';
import {
  analyzeState,
  sourceDecides,
} from '../../../../../electron/engine/analyze/firewall/analyze';
import { evaluate } from '../../../../../electron/engine/analyze/firewall/evaluate';
import type { Captured } from '../../../../../electron/engine/analyze/firewall/collect';
import { fixture, snapshot, syn } from './fixtures';

/**
 * Rules that match on the client's source address (captured rulesets, `debian-source-*`):
 * the verdict is evaluated for the address the server sees; without one those rules stay
 * undecidable, never a guess in either direction.
 */

for (const [name, backend] of [
  ['source-iptables', 'iptables'],
  ['source-nft', 'nftables'],
] as const) {
  describe(`${backend}: rules on the source address`, () => {
    const s = snapshot(name);
    const at = (port: number, saddr: string | null) => evaluate(s, syn(port, saddr));

    it('a REJECT only for 10.0.0.0/8 rejects 10.1.2.3 and accepts 192.168.1.5', () => {
      const inside = at(8080, '10.1.2.3');
      expect(inside.verdict).toBe('reject');
      expect(inside.decidedBy?.source).toBe(backend);
      expect(inside.decidedBy?.text).toMatch(/10\.0\.0\.0\/8/);
      const outside = at(8080, '192.168.1.5');
      expect(outside.verdict).toBe('accept');
      expect(outside.decidedBy?.position).toBe(0);
    });

    it('a negated source drops everyone outside 192.168.0.0/16 only', () => {
      const outside = at(8081, '10.1.2.3');
      expect(outside.verdict).toBe('drop');
      expect(outside.decidedBy?.text).toMatch(/192\.168\.0\.0\/16/);
      expect(at(8081, '192.168.1.5').verdict).toBe('accept');
    });

    it('a user chain that RETURNs for one subnet rejects the others', () => {
      expect(at(8082, '192.168.1.5').verdict).toBe('accept');
      const other = at(8082, '192.168.2.5');
      expect(other.verdict).toBe('reject');
      expect(other.rejectWith).toMatch(/^tcp.reset$/);
      expect(other.decidedBy?.chain).toBe('trusted');
    });

    it('an unknown source leaves the source rules undecidable', () => {
      for (const port of [8080, 8081, 8082]) {
        const e = at(port, null);
        expect(e.verdict, String(port)).toBe('unknown');
        expect(e.reason).toMatch(/cannot be evaluated/);
      }
      // A port no source rule covers does not depend on the source.
      expect(at(22, null).verdict).toBe('accept');
    });
  });
}

describe('nftables: a named set of source addresses', () => {
  const s = snapshot('source-nft');
  it('drops members of the set only', () => {
    expect(evaluate(s, syn(8083, '172.16.4.4')).verdict).toBe('drop');
    expect(evaluate(s, syn(8083, '10.1.2.3')).verdict).toBe('accept');
    expect(evaluate(s, syn(8083, null)).verdict).toBe('unknown');
  });
});

describe('sourceDecides: whether the verdict turns on the client address', () => {
  const cap = (stdout: string): Captured => ({
    argv: [],
    stdout,
    stderr: '',
    exitCode: 0,
    error: undefined,
  });
  const none: Captured = {
    ...cap(''),
    exitCode: null,
    error: { code: 'not-installed', message: 'not installed' },
  };
  const state = analyzeState(
    {
      ipt4: cap(fixture('debian-source-iptables-iptables-save.txt')),
      ipt6: cap(fixture('debian-source-iptables-ip6tables-save.txt')),
      nftJson: cap(fixture('debian-source-iptables-nft-json.txt')),
      nftText: cap(fixture('debian-source-iptables-nft-text.txt')),
      legacy4: null,
      legacy6: null,
    },
    {
      ufwVerbose: none,
      ufwNumbered: none,
      ufwUserRules: none,
      ufwUser6Rules: none,
      firewalldState: none,
      firewalldRuntime: null,
      firewalldPermanent: null,
      fail2banStatus: none,
      fail2banJails: [],
    },
  );
  const decides = (port: number, saddr: string | null) => {
    const p = syn(port, saddr);
    return sourceDecides(state, p, evaluate(state.snapshot, p));
  };
  it('true where a source rule decides, either way', () => {
    expect(state.blind).toBeNull();
    expect(decides(8080, '10.1.2.3')).toBe(true);
    expect(decides(8080, '192.168.1.5')).toBe(true);
  });
  it('false where no source rule is on the path, or no source is known', () => {
    expect(decides(22, '10.1.2.3')).toBe(false);
    expect(decides(8080, null)).toBe(false);
  });
});
