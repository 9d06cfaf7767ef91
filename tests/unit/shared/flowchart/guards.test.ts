import { describe, expect, it } from 'vitest';
import * as g from '../../../../shared/flowchart/guards';
import type { Evidence } from '../../../../shared/evidence';
import {
  REJECT_RULE,
  TARGET,
  capture,
  connect,
  dataIface,
  dnsFailure,
  firewall,
  interfaces,
  listeners,
  route,
  service,
} from '../diagnosis/make-evidence';

const on = (...evidence: Evidence[]): g.GuardInput => ({ target: TARGET, evidence });
const ACCEPT = { verdict: 'accept' as const, rule: null, reason: 'policy ACCEPT' };

describe('guards are pure functions of evidence', () => {
  it('connect outcomes', () => {
    expect(g.connectOk(on(connect('ok')))).toBe(true);
    expect(g.refused(on(connect('refused')))).toBe(true);
    expect(g.timedOut(on(connect('timeout')))).toBe(true);
    expect(g.connectOk(on())).toBe(false);
    expect(g.dnsFailed(on(dnsFailure()))).toBe(true);
    expect(g.dnsFailed(on(connect('refused')))).toBe(false);
  });

  it('refusedAndNoListener needs both the refusal and readable listeners', () => {
    expect(g.refusedAndNoListener(on(connect('refused'), listeners([{ port: 22 }])))).toBe(true);
    expect(g.refusedAndNoListener(on(connect('refused'), listeners([{}])))).toBe(false);
    expect(g.refusedAndNoListener(on(connect('refused')))).toBe(false);
    expect(g.refusedAndNoListener(on(connect('timeout'), listeners([])))).toBe(false);
  });

  it('inconclusive listeners never read as "nothing listens"', () => {
    const unreadable: Evidence = { ...listeners([]), status: 'inconclusive', reason: 'needs root' };
    expect(g.noListener(on(connect('refused'), unreadable))).toBe(false);
  });

  it('ruleRejects / ruleDrops / firewallAccepts / firewallUndecided', () => {
    expect(g.ruleRejects(on(firewall({ verdict: 'reject', rule: REJECT_RULE, reason: 'r' })))).toBe(
      true,
    );
    expect(g.ruleDrops(on(firewall({ verdict: 'drop', rule: null, reason: 'policy DROP' })))).toBe(
      true,
    );
    expect(g.firewallAccepts(on(firewall(ACCEPT)))).toBe(true);
    expect(
      g.firewallUndecided(on(firewall({ verdict: 'unknown', rule: null, reason: 'set' }))),
    ).toBe(true);
    expect(g.firewallUndecided(on(firewall(null, false)))).toBe(true);
    expect(g.firewallUndecided(on(firewall(ACCEPT)))).toBe(false);
  });

  it('boundToOtherAddress compares the reached address with every listener on the port', () => {
    expect(
      g.boundToOtherAddress(on(connect('refused'), listeners([{ address: '127.0.0.1' }]))),
    ).toBe(true);
    expect(
      g.boundToOtherAddress(on(connect('refused'), listeners([{ address: '::1', family: 6 }]))),
    ).toBe(true);
    expect(
      g.boundToOtherAddress(on(connect('refused'), listeners([{ address: '::', family: 6 }]))),
    ).toBe(false);
    expect(
      g.boundToOtherAddress(on(connect('refused'), listeners([{ address: TARGET.host }]))),
    ).toBe(false);
    // Behind a NAT: the reached address is not the server's own; a private bind is fine.
    const nat = on(
      connect('refused'),
      listeners([{ address: '10.9.9.9' }]),
      interfaces([dataIface(true, '10.9.9.9')]),
    );
    expect(g.boundToOtherAddress(nat)).toBe(false);
  });

  it('serviceStopped and serviceOnOtherPort', () => {
    expect(g.serviceStopped(on(service({ state: 'failed' })))).toBe(true);
    expect(g.serviceStopped(on(service({ state: 'unknown' })))).toBe(false);
    expect(g.serviceOnOtherPort(on(service({ state: 'active', ports: [8081] })))).toBe(true);
    expect(g.serviceOnOtherPort(on(service({ state: 'active', ports: [8080, 8081] })))).toBe(false);
    expect(g.serviceOnOtherPort(on(service({ state: 'active', ports: [] })))).toBe(false);
  });

  it('interfaceProblem: down, address missing, fine', () => {
    expect(g.interfaceProblem(on(connect('timeout'), interfaces([dataIface(false)])))).toEqual({
      kind: 'down',
      name: 'cd-data0',
      address: TARGET.host,
      operState: 'DOWN',
    });
    expect(
      g.interfaceProblem(
        on(
          connect('timeout'),
          interfaces([dataIface(true, '10.0.0.1')]),
          route('unicast', 'server'),
        ),
      ),
    ).toEqual({
      // The route's device (the server's way elsewhere) is no evidence of where the
      // address belongs: no interface is named, so no fix is guessed.
      kind: 'address-missing',
      address: TARGET.host,
      name: null,
    });
    // An interface with an address in the target's subnet is where it belongs.
    expect(
      g.interfaceProblem(
        on(
          connect('timeout'),
          interfaces([
            {
              name: 'eth0',
              up: true,
              operState: 'UP',
              addresses: [{ address: '10.9.9.9', prefix: 24, family: 4 }],
            },
            {
              name: 'eth1',
              up: true,
              operState: 'UP',
              addresses: [{ address: '10.61.0.7', prefix: 24, family: 4 }],
            },
          ]),
          route('unicast', 'server'),
        ),
      ),
    ).toMatchObject({ kind: 'address-missing', name: 'eth1' });
    // The one up link left without an address (the route goes elsewhere).
    expect(
      g.interfaceProblem(
        on(
          connect('timeout'),
          interfaces([
            {
              name: 'veth0',
              up: true,
              operState: 'UP',
              addresses: [{ address: '10.9.9.9', prefix: 24, family: 4 }],
            },
            {
              name: 'data0',
              up: true,
              operState: 'UP',
              addresses: [{ address: 'fe80::1', prefix: 64, family: 6 }],
            },
          ]),
          route('unicast', 'server'),
        ),
      ),
    ).toMatchObject({ kind: 'address-missing', name: 'data0' });
    expect(g.interfaceDown(on(connect('timeout'), interfaces([dataIface(true)])))).toBe(false);
    // A refusal came from somewhere: behind a NAT the address is not the server's own.
    expect(g.interfaceDown(on(connect('refused'), interfaces([dataIface(true, '10.0.0.1')])))).toBe(
      false,
    );
  });

  it('upstreamFiltered needs a clean capture and an accepting firewall', () => {
    expect(g.upstreamFiltered(on(capture(false), firewall(ACCEPT)))).toBe(true);
    expect(g.upstreamFiltered(on(capture(true, 'syn-ack'), firewall(ACCEPT)))).toBe(false);
    expect(
      g.upstreamFiltered(
        on(capture(false), firewall({ verdict: 'drop', rule: null, reason: 'x' })),
      ),
    ).toBe(false);
    expect(g.upstreamFiltered(on(capture(false)))).toBe(false);
    // Nothing lies between a host and itself: a missed SYN on loopback is no filter.
    expect(
      g.upstreamFiltered({
        target: { host: '127.0.0.1', port: 8080 },
        evidence: [capture(false), firewall(ACCEPT)],
      }),
    ).toBe(false);
  });

  it('noClientRoute from the route probe or ENETUNREACH', () => {
    expect(g.noClientRoute(on(route('unreachable')))).toBe(true);
    expect(g.noClientRoute(on(route('none')))).toBe(true);
    expect(g.noClientRoute(on(connect('net-unreachable')))).toBe(true);
    expect(g.noClientRoute(on(route('unicast'), connect('refused')))).toBe(false);
  });

  it('selfConnectOk reads the server-side connect only', () => {
    expect(g.selfConnectOk(on(connect('ok', {}, 'server')))).toBe(true);
    expect(g.selfConnectOk(on(connect('ok')))).toBe(false);
  });
});
