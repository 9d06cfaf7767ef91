import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../../shared/evidence';
import {
  ACCEPT,
  REJECT_RULE,
  connect,
  dataIface,
  diagnose,
  dnsFailure,
  firewall,
  interfaces,
  listeners,
  route,
  service,
} from './make-evidence';

/** When no fault is proven, and when several are: packet-path order decides (DESIGN §3). */

const upIface = interfaces([dataIface(true)]);

describe('fallback when no fault is proven', () => {
  it('refused, also from the server itself, firewall accepts, listeners unreadable: not-listening, medium', () => {
    const unreadable: Evidence = {
      ...listeners([]),
      status: 'inconclusive',
      reason: 'needs root',
      data: null,
    };
    const d = diagnose([
      connect('refused'),
      connect('refused', {}, 'server'),
      firewall(ACCEPT),
      unreadable,
    ]);
    expect(d).toMatchObject({ cause: 'not-listening', confidence: 'medium' });
    expect(d.summary).toMatch(/also from the server itself/);
    expect(d.nextSteps.map((n) => n.message?.id)).toEqual([
      'diagnosis.next.startService',
      'diagnosis.next.listeningNow',
    ]);
    expect(d.steps.find((s) => s.verdict === 'fail')).toMatchObject({
      step: 'listening',
      cause: 'not-listening',
    });
  });

  it('timeout while the firewall accepts is not blamed on a firewall', () => {
    const d = diagnose([connect('timeout'), firewall(ACCEPT)]);
    expect(d.cause).toBe('unknown');
    expect(d.ruledOut.map((r) => r.cause)).toContain('firewall-drop');
  });
});

describe('packet-order precedence', () => {
  it('dns-failure wins over everything', () => {
    const d = diagnose([
      dnsFailure(),
      listeners([]),
      firewall({ verdict: 'reject', rule: REJECT_RULE, reason: 'r' }),
    ]);
    expect(d.cause).toBe('dns-failure');
    expect(d.alsoFound.map((a) => a.cause)).toEqual(['firewall-reject', 'not-listening']);
  });

  it('firewall before bound-to-other-address before service-not-running', () => {
    const d = diagnose([
      connect('refused'),
      listeners([{ address: '127.0.0.1' }]),
      service({ state: 'failed' }),
      firewall({ verdict: 'reject', rule: REJECT_RULE, reason: 'r' }),
      upIface,
    ]);
    expect(d.cause).toBe('firewall-reject');
    expect(d.alsoFound.map((a) => a.cause)).toEqual([
      'bound-to-other-address',
      'service-not-running',
    ]);
  });

  it('a down interface explains the missing route (both ends on this machine)', () => {
    const d = diagnose([
      connect('net-unreachable'),
      route('unreachable'),
      interfaces([dataIface(false)]),
    ]);
    expect(d.cause).toBe('interface-down');
    expect(d.alsoFound).toEqual([]);
  });

  it('a firewall rule explains EHOSTUNREACH: no host-unreachable finding', () => {
    const rule = {
      ...REJECT_RULE,
      text: '-A INPUT -p tcp -m tcp --dport 8080 -j REJECT --reject-with icmp-host-prohibited',
    };
    const d = diagnose([
      connect('host-unreachable'),
      listeners([{}]),
      firewall({ verdict: 'reject', rule, reason: 'r' }),
      upIface,
    ]);
    expect(d.cause).toBe('firewall-reject');
    expect(d.alsoFound).toEqual([]);
  });
});
