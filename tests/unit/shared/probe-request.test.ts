import { describe, expect, it, vi } from 'vitest';
import { ProbeRequestSchema } from '../../../shared/probe-request';
import { createLocalExecutor } from '../../../electron/engine/exec/local';
import { createService, type ServiceDeps } from '../../../electron/engine/service';

/** Probe requests carry validated addresses only (DESIGN §4): an address is an IP address. */

const base = { probe: 'firewall', vantage: 'server', target: { host: '10.0.0.2', port: 22 } };

describe('address and clientAddress are IP addresses', () => {
  it('accepts IPv4, IPv6 and IPv6 with a zone id', () => {
    for (const a of ['10.0.0.2', '::1', '2001:db8::7', 'fe80::1%eth0', '::ffff:10.0.0.2']) {
      expect(ProbeRequestSchema.safeParse({ ...base, address: a }).success, a).toBe(true);
      expect(ProbeRequestSchema.safeParse({ ...base, clientAddress: a }).success, a).toBe(true);
    }
  });

  it('refuses names, injections and anything else of up to 64 characters', () => {
    for (const a of [
      '127.0.0.1\n;id',
      'example.com',
      '10.0.0.256',
      '',
      '$(id)',
      'fe80::1%eth0;x',
    ]) {
      expect(ProbeRequestSchema.safeParse({ ...base, address: a }).success, a).toBe(false);
      expect(ProbeRequestSchema.safeParse({ ...base, clientAddress: a }).success, a).toBe(false);
    }
  });

  it('probe.run answers invalid-request and runs nothing', async () => {
    const runProbe = vi.fn<NonNullable<ServiceDeps['runProbe']>>();
    const local = createLocalExecutor();
    const service = createService(
      {
        localExecutor: () => local,
        runProbe,
        appInfo: { name: 'ConnDoctor', version: '0.1.0', mode: 'browser', platform: 'linux' },
      },
      () => undefined,
    );
    const r = await service.dispatch('probe.run', {
      runId: 'run-abcdefgh',
      request: { ...base, clientAddress: '127.0.0.1\n;id' },
      sessionId: null,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(runProbe).not.toHaveBeenCalled();
  });
});
