import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCapture } from '../../../electron/engine/probes/capture-parse';
import { parseGetentAhosts } from '../../../electron/engine/probes/dns.probe';
import { parseInterfaces } from '../../../electron/engine/probes/interfaces.probe';
import { parseNetstatOutput, parseSsOutput } from '../../../electron/engine/probes/listeners-parse';
import { parseRouteGet } from '../../../electron/engine/probes/route.probe';
import { parsePastedService } from '../../../electron/engine/probes/service-verdict';
import type { Evidence, ProbeId } from '../../../shared/evidence';
import { PROBE_DATA_SCHEMAS } from '../../../shared/probe-data';
import { FIXTURES_DIR, loadFixture } from '../../lab/harness/fixtures';

function expectValid(e: Evidence): void {
  const r = PROBE_DATA_SCHEMAS[e.probe].safeParse(e.data);
  expect(r.error?.issues ?? [], `${e.probe}: ${e.summary}`).toEqual([]);
  // Nothing the probe wrote is dropped by the schema.
  expect(r.data).toEqual(e.data);
}

function ev(probe: ProbeId, vantage: 'client' | 'server', data: unknown): Evidence {
  return {
    probe,
    vantage,
    command: [],
    ok: false,
    status: 'fail',
    summary: `${probe} by hand`,
    data,
    ms: 1,
  };
}

describe('the parsers output validates against the schema (real captured output)', () => {
  const names = (dir: string) =>
    readdirSync(join(FIXTURES_DIR, dir))
      .filter(
        (f) => f.startsWith('debian12-') && f.endsWith('.txt') && !/\.(stderr|exit)\.txt$/.test(f),
      )
      .map((f) => f.slice(0, -'.txt'.length));
  const check = (probe: ProbeId, parsed: { status: string; data?: unknown }) => {
    expect(parsed.data, `${probe} parsed data`).toBeDefined();
    expectValid(ev(probe, 'server', parsed.data));
  };

  it('listeners: ss and netstat', () => {
    for (const n of ['debian12-ss-root', 'debian12-ss-nonroot', 'debian12-ss-empty']) {
      check('listeners', parseSsOutput(loadFixture('listeners', n), 8080));
    }
    for (const n of [
      'debian12-netstat-root',
      'debian12-netstat-nonroot',
      'debian12-netstat-empty',
    ]) {
      check('listeners', parseNetstatOutput(loadFixture('listeners', n), 8080));
    }
  });

  it('interfaces: ip -j addr, with and without an address asked about', () => {
    for (const n of names('interfaces')) {
      const out = loadFixture('interfaces', n);
      check('interfaces', parseInterfaces(out));
      check('interfaces', parseInterfaces(out, '10.0.0.2'));
      check('interfaces', parseInterfaces(out, '127.0.0.1'));
    }
  });

  it('route: every captured route type and error', () => {
    const all = names('route');
    expect(all.length).toBeGreaterThan(5);
    for (const n of all) check('route', parseRouteGet(loadFixture('route', n), '10.0.0.2'));
  });

  it('capture: every captured answer (SYN-ACK, RST, ICMP codes, silence)', () => {
    const all = names('capture').filter((n) => !n.includes('ss-packet'));
    expect(all.length).toBeGreaterThan(10);
    for (const n of all) {
      const out = loadFixture('capture', n);
      for (const port of [8080, 80, 22]) check('capture', parseCapture(out, port));
    }
  });

  it('dns: getent ahosts found and not found', () => {
    const found = loadFixture('dns', 'debian-getent-ahosts-dual-stack');
    check('dns', parseGetentAhosts(found, 'example'));
    check('dns', parseGetentAhosts({ stdout: '', stderr: '', exitCode: 2 }, 'nothing.invalid'));
  });

  it('service: pasted systemctl show, sv, supervisorctl and service status', () => {
    const pasted = [
      ['service', 'debian12-systemctl-show-active'],
      ['service', 'debian12-systemctl-show-failed'],
      ['service', 'debian12-systemctl-show-inactive'],
      ['service', 'debian12-systemctl-show-not-found'],
      ['service', 'chef-docs-sv-status-run'],
      ['service', 'csdn-supervisorctl-status-fatal'],
      ['service', 'debian12-sysv-status-running'],
    ] as const;
    for (const [dir, n] of pasted) check('service', parsePastedService(loadFixture(dir, n), 'web'));
  });
});
