import { describe, expect, it } from 'vitest';
import {
  connect,
  dataIface,
  diagnose,
  firewall,
  interfaces,
  listeners,
  service,
} from './make-evidence';

/** Fixes found by the lab scenario suite (tests/lab/scenarios). */

describe('a timeout the server-side evidence cannot explain', () => {
  it('nothing listens but the firewall could not be evaluated: unknown, not-listening also found', () => {
    const d = diagnose([
      connect('timeout'),
      listeners([]),
      firewall({ verdict: 'unknown', rule: null, reason: 'rule 1 cannot be evaluated' }),
      interfaces([dataIface(true)]),
    ]);
    expect(d.cause).toBe('unknown');
    expect(d.summary).toMatch(/could not be evaluated/);
    expect(d.alsoFound.map((a) => a.cause)).toEqual(['not-listening']);
  });

  it('a refusal with nothing listening stays not-listening (with the warning)', () => {
    const d = diagnose([
      connect('refused'),
      listeners([]),
      firewall({ verdict: 'unknown', rule: null, reason: 'rule 1 cannot be evaluated' }),
      interfaces([dataIface(true)]),
    ]);
    expect(d.cause).toBe('not-listening');
    expect((d.warnings ?? []).join(' ')).toMatch(/firewall could not be evaluated/);
  });
});

describe('manual mode: the service evidence has pids but no ports', () => {
  it('the listeners its main pid owns give the port: wrong-port names it', () => {
    const d = diagnose(
      [
        connect('refused'),
        listeners([{ port: 8090, pid: 777 }]),
        service({ name: 'web.service', state: 'active', mainPid: 777, pids: [], ports: [] }),
        interfaces([dataIface(true)]),
      ],
      'web.service',
    );
    expect(d.cause).toBe('wrong-port');
    expect(d.summary).toContain('web.service runs and listens on port 8090');
  });

  it('a listener on the target port owned by the service rules wrong-port out', () => {
    const d = diagnose(
      [
        connect('refused'),
        listeners([{ port: 8080, pid: 777, address: '127.0.0.1' }]),
        service({ name: 'web.service', state: 'active', mainPid: 777, pids: [], ports: [] }),
        interfaces([dataIface(true)]),
      ],
      'web.service',
    );
    expect(d.cause).toBe('bound-to-other-address');
    expect(d.ruledOut.map((r) => r.cause)).toContain('wrong-port');
  });
});

describe('an interface whose operstate lags behind (set up a moment ago)', () => {
  it('up, operstate still DOWN, but the client was answered: not interface-down', () => {
    const d = diagnose([
      connect('refused'),
      listeners([]),
      interfaces([{ ...dataIface(true), operState: 'DOWN' }]),
    ]);
    expect(d.cause).toBe('not-listening');
    expect(d.alsoFound.map((a) => a.cause)).not.toContain('interface-down');
  });

  it('administratively down and no answer: interface-down', () => {
    const d = diagnose([connect('host-unreachable'), interfaces([dataIface(false)])]);
    expect(d.cause).toBe('interface-down');
  });
});
