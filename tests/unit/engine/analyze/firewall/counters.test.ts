import { describe, expect, it } from 'vitest';
import {
  counterOverride,
  counterProof,
  countersOf,
} from '../../../../../electron/engine/analyze/firewall/counters';
import {
  evaluate,
  type RulesetSnapshot,
} from '../../../../../electron/engine/analyze/firewall/evaluate';
import { parseIptablesSave } from '../../../../../electron/engine/analyze/firewall/iptables-parse';
import { overrideFromCounters } from '../../../../../electron/engine/analyze/firewall/override';
import type { FirewallVerdict } from '../../../../../shared/probe-data';
import { fixture, snapshot, syn } from './fixtures';

/** The captured ruleset with some counters raised, as after real probe SYNs. */
function bumped(name: string, raise: Record<string, number>): RulesetSnapshot {
  let text = fixture(`debian-${name}-iptables-save.txt`);
  for (const [fragment, n] of Object.entries(raise)) {
    text = text
      .split('\n')
      .map((l) =>
        l.includes(fragment)
          ? l.replace(/^\[0:0\]/, `[${n}:${n * 60}]`).replace(/\[0:0\]$/, `[${n}:${n * 60}]`)
          : l,
      )
      .join('\n');
  }
  return { ...snapshot(name), ip4: parseIptablesSave(text) };
}

describe('counter proof', () => {
  const before = snapshot('iptables-policy-drop');
  it('reads every iptables counter, policies included', () => {
    const c = countersOf(before);
    expect(c.get('iptables/ip/filter/INPUT/0')).toEqual({
      packets: 0,
      text: '-P INPUT DROP',
      terminal: 'drop',
    });
    expect(c.get('iptables/ip/filter/INPUT/5')?.terminal).toBe('reject');
    expect(c.get('iptables/ip/filter/INPUT/3')?.terminal).toBeNull();
  });
  it('confirms the static verdict when its rule rose by N', () => {
    const e = evaluate(before, syn(25));
    const after = bumped('iptables-policy-drop', { '--dport 25 ': 3 });
    expect(counterProof(before, after, e.decidedBy?.key ?? '', e.verdict, 3)).toEqual({
      rule: '-A INPUT -p tcp -m tcp --dport 25 -j REJECT --reject-with icmp-port-unreachable',
      delta: 3,
      probes: 3,
      agrees: true,
    });
  });
  it('names the rule the kernel used when it differs, and that rule overrides', () => {
    const e = evaluate(before, syn(9999));
    expect(e.decidedBy?.text).toBe('-P INPUT DROP');
    const after = bumped('iptables-policy-drop', { '--dport 26 ': 3 });
    const proof = counterProof(before, after, e.decidedBy?.key ?? '', e.verdict, 3);
    expect(proof).toMatchObject({
      agrees: false,
      delta: 3,
      rule: expect.stringContaining('--dport 26') as string,
    });
    const used = counterOverride(before, after, e.decidedBy?.key ?? '', e.verdict, 3);
    const v: FirewallVerdict = {
      verdict: 'drop',
      rule: null,
      reason: 'policy',
      counterProof: proof,
    };
    overrideFromCounters(v, used, () => null);
    expect(v).toMatchObject({
      verdict: 'reject',
      rule: { table: 'filter', chain: 'INPUT', position: 6, verdict: 'reject' },
    });
    expect(v.reason).toMatch(/counters show the kernel rejected the probes/);
  });
  it('an accept counter never overrides; a contradiction without a culprit is unknown', () => {
    const e = evaluate(before, syn(9999));
    const after = bumped('iptables-policy-drop', { '--dport 22 ': 5 });
    const used = counterOverride(before, after, e.decidedBy?.key ?? '', e.verdict, 3);
    expect(used).toBeNull();
    const v: FirewallVerdict = { verdict: 'drop', rule: null, reason: 'policy' };
    overrideFromCounters(v, used, () => null);
    expect(v.verdict).toBe('unknown');
  });
  it('accepts rise by at least N (the rest of the connection passes the same rule)', () => {
    const e = evaluate(before, syn(22));
    const after = bumped('iptables-policy-drop', { '--dport 22 ': 7 });
    expect(counterProof(before, after, e.decidedBy?.key ?? '', 'accept', 3)?.agrees).toBe(true);
  });
  it('no counter on the deciding rule: no proof', () => {
    const s = snapshot('nft-inet');
    const e = evaluate(s, syn(5));
    expect(counterProof(s, s, e.decidedBy?.key ?? '', e.verdict, 3)).toBeNull();
  });
});
