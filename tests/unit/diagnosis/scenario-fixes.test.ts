import { describe, expect, it } from 'vitest';
import { connect, dataIface, diagnose, firewall, interfaces, listeners } from './make-evidence';

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
