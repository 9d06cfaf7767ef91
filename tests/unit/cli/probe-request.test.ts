import { describe, expect, it } from 'vitest';
import { CliError } from '../../../electron/cli/cli-error';
import { probeRequest, vantageOf } from '../../../electron/cli/probe.command';
import { ProbeRequestSchema } from '../../../shared/probe-request';

/** `conndoctor probe NAME [HOST:PORT]` → the engine request (DESIGN §3). */

function exit2(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).exitCode).toBe(2);
    return (e as CliError).message;
  }
  throw new Error('expected a usage error');
}

describe('probeRequest', () => {
  it('connect, route and capture need HOST:PORT', () => {
    expect(probeRequest('connect', '127.0.0.1:22', {})).toMatchObject({
      probe: 'connect',
      vantage: 'client',
      target: { host: '127.0.0.1', port: 22 },
      timeoutMs: 3000,
    });
    for (const p of ['connect', 'route', 'capture'])
      expect(exit2(() => probeRequest(p, undefined, {}))).toMatch(/HOST:PORT/);
  });

  it('dns takes HOST or HOST:PORT', () => {
    expect(probeRequest('dns', 'localhost', {})).toMatchObject({ probe: 'dns', host: 'localhost' });
    expect(probeRequest('dns', 'localhost:80', {})).toMatchObject({ host: 'localhost' });
    expect(probeRequest('dns', '[::1]', {})).toMatchObject({ host: '::1' });
  });

  it('sweep takes HOST and --ports (default 1-1024)', () => {
    expect(probeRequest('sweep', '127.0.0.1', {})).toMatchObject({
      host: '127.0.0.1',
      ports: { from: 1, to: 1024 },
    });
    expect(probeRequest('sweep', '127.0.0.1', { ports: '1-65535' })).toMatchObject({
      ports: { from: 1, to: 65535 },
    });
    expect(probeRequest('sweep', '127.0.0.1', { ports: '22,80,443' })).toMatchObject({
      portList: [22, 80, 443],
    });
    expect(exit2(() => probeRequest('sweep', '127.0.0.1', { ports: '10-1' }))).toMatch(/--ports/);
    expect(exit2(() => probeRequest('sweep', '127.0.0.1', { ports: '0-5' }))).toMatch(/--ports/);
    expect(exit2(() => probeRequest('connect', '127.0.0.1:1', { ports: '1-2' }))).toMatch(/sweep/);
  });

  it('service takes --service or HOST:PORT; firewall adds the verdict for HOST:PORT', () => {
    expect(probeRequest('service', undefined, { service: 'ssh' })).toMatchObject({
      vantage: 'server',
      service: 'ssh',
    });
    expect(probeRequest('service', '127.0.0.1:22', {})).toMatchObject({ target: { port: 22 } });
    expect(exit2(() => probeRequest('service', undefined, {}))).toMatch(/--service/);
    expect(probeRequest('firewall', undefined, {})).not.toHaveProperty('target');
    expect(probeRequest('firewall', '10.0.0.2:8080', {})).toMatchObject({
      target: { port: 8080 },
      address: '10.0.0.2',
    });
  });

  it('firewall --source names the client address the rules are evaluated for', () => {
    const req = probeRequest('firewall', '10.0.0.2:8080', { source: '10.1.2.3' });
    expect(req).toMatchObject({ clientAddress: '10.1.2.3', clientAddressFrom: 'given' });
    expect(ProbeRequestSchema.safeParse(req).success).toBe(true);
    expect(probeRequest('firewall', '[fd00::2]:80', { source: 'fe80::1%eth0' }).clientAddress).toBe(
      'fe80::1%eth0',
    );
    // Without --source the request names none: the command fills in the route's src.
    expect(probeRequest('firewall', '10.0.0.2:8080', {})).not.toHaveProperty('clientAddress');
  });

  it('a --source that is not an IP address, or without HOST:PORT, or for another probe: exit 2', () => {
    for (const bad of ['', 'example.com', '10.0.0.256', '10.0.0.0/8', '127.0.0.1\n;id', '::1::2'])
      expect(
        exit2(() => probeRequest('firewall', '10.0.0.2:80', { source: bad })),
        bad,
      ).toMatch(/--source/);
    expect(exit2(() => probeRequest('firewall', undefined, { source: '10.1.2.3' }))).toMatch(
      /--source needs HOST:PORT/,
    );
    expect(exit2(() => probeRequest('connect', '10.0.0.2:80', { source: '10.1.2.3' }))).toMatch(
      /only for the firewall probe/,
    );
  });

  it('every request it builds is valid for the engine', () => {
    for (const [n, a] of [
      ['connect', '[fe80::1%lo]:22'],
      ['listeners', undefined],
      ['interfaces', undefined],
      ['route', 'localhost:1'],
    ] as const) {
      expect(ProbeRequestSchema.safeParse(probeRequest(n, a, { timeout: '500' })).success).toBe(
        true,
      );
    }
  });

  it('rejects unknown probes, bad targets and bad timeouts', () => {
    expect(exit2(() => probeRequest('ping', '127.0.0.1:1', {}))).toMatch(/unknown probe/);
    expect(exit2(() => probeRequest('connect', '::1:22', {}))).toMatch(/bare IPv6/);
    expect(exit2(() => probeRequest('connect', '127.0.0.1:1', { timeout: '10' }))).toMatch(
      /--timeout/,
    );
    expect(exit2(() => probeRequest('service', undefined, { service: 'a b' }))).toMatch(
      /--service/,
    );
  });

  it('DESIGN §2: with --ssh route runs on the server; connect, dns and sweep stay here', () => {
    expect(probeRequest('route', '10.0.0.2:22', { ssh: 'root@10.0.0.2' }).vantage).toBe('server');
    expect(probeRequest('route', '10.0.0.2:22', {}).vantage).toBe('client');
    for (const p of ['connect', 'dns', 'sweep'] as const)
      expect(vantageOf(p, true), p).toBe('client');
    for (const p of ['listeners', 'service', 'interfaces', 'route', 'firewall', 'capture'] as const)
      expect(vantageOf(p, true), p).toBe('server');
  });
});
