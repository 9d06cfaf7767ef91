import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../shared/evidence';
import { PROBE_DATA_SCHEMAS, probeData } from '../../../shared/probe-data';
import {
  connectData,
  firewallData,
  listenersData,
  serviceData,
} from '../../../shared/diagnosis/evidence-view';
import {
  ACCEPT,
  REJECT_RULE,
  capture,
  connect,
  dataIface,
  dnsFailure,
  firewall,
  interfaces,
  listeners,
  route,
  service,
} from './diagnosis/make-evidence';

/** Evidence data is read through each probe's schema, never cast (DESIGN §2). */
describe('probe data schemas', () => {
  const samples: Evidence[] = [
    connect('refused'),
    connect('ok', {}, 'server'),
    dnsFailure(),
    listeners([{ port: 22 }, { port: 8080, address: '127.0.0.1' }]),
    service({ state: 'failed', journal: ['boom'] }),
    firewall(ACCEPT),
    firewall({ verdict: 'reject', rule: REJECT_RULE, reason: 'rule 3' }),
    interfaces([dataIface(false)]),
    route('unicast', 'server'),
    capture(true, 'rst'),
  ];

  it('every evidence shaped as the probes produce it validates against its probe', () => {
    for (const e of samples) {
      const r = PROBE_DATA_SCHEMAS[e.probe].safeParse(e.data);
      expect(r.success, `${e.probe}: ${JSON.stringify(r.error?.issues ?? [])}`).toBe(true);
    }
  });

  it('keeps fields it does not know (a newer engine) and defaults what older ones left out', () => {
    const d = probeData('service', {
      manager: 'systemd',
      name: 'web.service',
      state: 'active',
      extra: 1,
    });
    expect(d).toMatchObject({ name: 'web.service', pids: [], ports: [], extra: 1 });
  });

  it('malformed data reads as no evidence, not as a wrong answer', () => {
    const bad = (e: Evidence, data: unknown): Evidence => ({ ...e, data });
    const c = connect('refused');
    expect(connectData([bad(c, { ...(c.data as object), outcome: 'exploded' })])).toBeUndefined();
    expect(connectData([bad(c, { outcome: 'refused' })])).toBeUndefined();
    expect(connectData([c])?.outcome).toBe('refused');
    const l = listeners([{ port: 22 }]);
    expect(listenersData([bad(l, { listeners: [{ port: '22' }], processesVisible: true })])).toBe(
      undefined,
    );
    const f = firewall({ verdict: 'reject', rule: REJECT_RULE, reason: 'x' });
    expect(firewallData([bad(f, { backends: 'iptables' })])).toBeUndefined();
    expect(serviceData([bad(service({}), { name: 'x', state: 'exploded' })])).toBeUndefined();
    expect(probeData('sweep', null)).toBeUndefined();
  });
});
