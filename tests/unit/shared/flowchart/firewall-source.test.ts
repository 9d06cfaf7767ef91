import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import type { Evidence } from '../../../../shared/evidence';
import type { FirewallVerdict } from '../../../../shared/probe-data';
import { firewallSourceUnconfirmed } from '../../../../shared/flowchart/guards';
import { requestFor } from '../../../../shared/flowchart/requests';
import {
  REJECT_RULE,
  TARGET,
  connect,
  diagnose,
  firewall,
  listeners,
} from '../diagnosis/make-evidence';
import { inconclusive, run } from './machine-harness';

/**
 * The firewall is evaluated for the client's own source address (its route's `src`
 * towards the target): the gather phase waits for the client route, passes its source,
 * and a verdict that turns on a source a NAT may change is not stated with high confidence.
 */

describe('the firewall request carries the client route source', () => {
  it('requestFor: clientAddress only for the firewall, marked as from the client route', () => {
    const p = { target: TARGET, timeoutMs: 1000, clientAddress: '10.9.0.5' };
    expect(requestFor('firewall', 'server', p)).toMatchObject({
      clientAddress: '10.9.0.5',
      clientAddressFrom: 'client-route',
      address: TARGET.host,
    });
    expect(requestFor('capture', 'server', p)).not.toHaveProperty('clientAddress');
    expect(
      requestFor('firewall', 'server', { target: TARGET, timeoutMs: 1000 }),
    ).not.toHaveProperty('clientAddress');
  });

  it('the machine waits for the client route and passes its src', async () => {
    let answerRoute: () => void = () => undefined;
    const gate = new Promise<void>((r) => (answerRoute = r));
    const { actor, requests } = run(async (req) => {
      if (req.probe === 'route' && req.vantage === 'client') {
        await gate;
        return {
          ...inconclusive(req),
          status: 'pass',
          ok: true,
          summary: 'route',
          reason: undefined,
          data: { destination: TARGET.host, type: 'unicast', dev: 'eth0', src: '10.61.0.9' },
        };
      }
      return inconclusive(req);
    });
    actor.send({ type: 'diagnose.start', target: TARGET, access: 'direct' });
    expect(requests.some((r) => r.probe === 'firewall')).toBe(false);
    expect(requests.some((r) => r.probe === 'capture')).toBe(true);
    answerRoute();
    await waitFor(actor, (s) => s.matches('done'));
    expect(requests.find((r) => r.probe === 'firewall')).toMatchObject({
      clientAddress: '10.61.0.9',
      clientAddressFrom: 'client-route',
    });
  });

  it('without a route source the firewall runs with no client address (never a guess)', async () => {
    const { actor, requests } = run((req) => Promise.resolve(inconclusive(req)));
    actor.send({ type: 'diagnose.start', target: TARGET, access: 'direct' });
    await waitFor(actor, (s) => s.matches('done'));
    const fw = requests.find((r) => r.probe === 'firewall');
    expect(fw).toBeDefined();
    expect(fw).not.toHaveProperty('clientAddress');
  });
});

describe('confidence of a verdict that turns on the source', () => {
  const verdict = (source: FirewallVerdict['source'], agrees?: boolean): FirewallVerdict => ({
    verdict: 'reject',
    rule: { ...REJECT_RULE, text: '-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 8080 -j REJECT' },
    reason: 'INPUT: rule 1 rejects it',
    counterProof:
      agrees === undefined
        ? null
        : { rule: REJECT_RULE.text, delta: agrees ? 3 : 0, probes: 3, agrees },
    source,
  });
  const evidence = (v: FirewallVerdict) => [connect('refused'), listeners([]), firewall(v)];
  const nat = { address: '10.1.2.3', from: 'client-route', decisive: true, natPossible: true };

  it('a NAT may change the source and no counter confirmed it: medium', () => {
    const ev = evidence(verdict({ ...nat, from: 'client-route' }));
    expect(firewallSourceUnconfirmed({ target: TARGET, evidence: ev })).toBe(true);
    expect(diagnose(ev)).toMatchObject({ cause: 'firewall-reject', confidence: 'medium' });
  });
  it("the server's capture saw the SYN arrive from that address: confirmed, high", () => {
    const cap = (synSources: string[]): Evidence => ({
      ...connect('refused'),
      probe: 'capture',
      vantage: 'server',
      status: 'fail',
      data: { synSeen: true, answer: 'icmp', packets: [], synSources },
    });
    const v = verdict({ ...nat, from: 'client-route' });
    const seen = [...evidence(v), cap(['10.1.2.3'])];
    expect(firewallSourceUnconfirmed({ target: TARGET, evidence: seen })).toBe(false);
    expect(diagnose(seen)).toMatchObject({ cause: 'firewall-reject', confidence: 'high' });
    // Another source arrived (a NAT rewrote it): the verdict for 10.1.2.3 is unconfirmed.
    const other = [...evidence(v), cap(['192.0.2.7'])];
    expect(firewallSourceUnconfirmed({ target: TARGET, evidence: other })).toBe(true);
    expect(diagnose(other)).toMatchObject({ confidence: 'medium' });
  });
  it('the counters confirmed it, or the source is direct or given: high', () => {
    for (const v of [
      verdict({ ...nat, from: 'client-route' }, true),
      verdict({ ...nat, from: 'client-route', natPossible: false }),
      verdict({ ...nat, from: 'given', natPossible: false }),
      verdict({ ...nat, from: 'client-route', decisive: false }),
    ]) {
      const ev = evidence(v);
      expect(firewallSourceUnconfirmed({ target: TARGET, evidence: ev })).toBe(false);
      expect(diagnose(ev)).toMatchObject({ cause: 'firewall-reject', confidence: 'high' });
    }
  });
});
