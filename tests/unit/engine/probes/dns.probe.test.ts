import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DnsData } from '../../../../shared/probe-data';
import { runProbe } from '../../../../electron/engine/engine';
import { createLocalExecutor } from '../../../../electron/engine/exec/local';
import { hostsFileLines, parseGetentAhosts } from '../../../../electron/engine/probes/dns.probe';

const fixtures = resolve(import.meta.dirname, '../../../fixtures/dns');
const fixture = (name: string): string => readFileSync(resolve(fixtures, name), 'utf8');

describe('dns: getent ahosts parser on captured Debian output', () => {
  it('keeps resolver order and one entry per address (dual stack)', () => {
    const r = parseGetentAhosts(
      { stdout: fixture('debian-getent-ahosts-dual-stack.txt'), stderr: '', exitCode: 0 },
      'web.lab.test',
    );
    expect(r.status).toBe('pass');
    if (r.status !== 'pass') return;
    expect(r.data.addresses).toEqual([
      { address: 'fd00:231:9::11', family: 6 },
      { address: '10.231.9.11', family: 4 },
    ]);
    expect(r.summary).toBe('web.lab.test resolves to fd00:231:9::11, 10.231.9.11');
  });

  it('reads localhost (::1 first) and an IPv4-only alias', () => {
    const lh = parseGetentAhosts(
      { stdout: fixture('debian-getent-ahosts-localhost.txt'), stderr: '', exitCode: 0 },
      'localhost',
    );
    expect(lh.status === 'pass' && lh.data.addresses.map((a) => a.address)).toEqual([
      '::1',
      '127.0.0.1',
    ]);
    const db = parseGetentAhosts(
      { stdout: fixture('debian-getent-ahosts-ipv4-alias.txt'), stderr: '', exitCode: 0 },
      'db',
    );
    expect(db.status === 'pass' && db.data.addresses).toEqual([
      { address: '10.231.9.10', family: 4 },
    ]);
  });

  it('exit status 2 with no output is a name that does not resolve', () => {
    const r = parseGetentAhosts(
      { stdout: fixture('debian-getent-ahosts-not-found.txt'), stderr: '', exitCode: 2 },
      'nothing-here.invalid',
    );
    expect(r.status).toBe('fail');
    expect(r.status === 'fail' && r.data.error).toBe('ENOTFOUND');
  });

  it('odd output is inconclusive, never an exception', () => {
    const garbage = parseGetentAhosts(
      { stdout: 'hello\x00world\n:::\n', stderr: '', exitCode: 0 },
      'x',
    );
    expect(garbage.status).toBe('inconclusive');
    const failed = parseGetentAhosts(
      { stdout: '', stderr: 'Unknown database: ahosts', exitCode: 1 },
      'x',
    );
    expect(failed.status).toBe('inconclusive');
  });
});

describe('dns: hosts file lines', () => {
  const hosts = fixture('debian-etc-hosts.txt');
  it('matches names and aliases exactly, case-insensitively', () => {
    expect(hostsFileLines(hosts, 'web.lab.test')).toEqual([
      '10.231.9.11 web.lab.test',
      'fd00:231:9::11 web.lab.test',
    ]);
    expect(hostsFileLines(hosts, 'DB')).toEqual(['10.231.9.10 db.lab.test db']);
    expect(hostsFileLines(hosts, 'lab.test')).toEqual([]);
  });
  it('ignores comments', () => {
    expect(hostsFileLines('# 10.0.0.1 foo\n10.0.0.2 bar # foo\n', 'foo')).toEqual([]);
  });
});

describe('dns probe: real resolver', () => {
  const exec = createLocalExecutor();

  it('client vantage resolves localhost and reads /etc/hosts', async () => {
    const ev = await runProbe(
      { probe: 'dns', vantage: 'client', host: 'localhost' },
      { client: exec, server: null },
    );
    expect(ev.ok).toBe(true);
    const data = ev.data as DnsData;
    expect(data.addresses.map((a) => a.address)).toContain('127.0.0.1');
    expect(data.hostsFileMatch?.some((l) => /^127\.0\.0\.1\s/.test(l))).toBe(true);
  });

  it('client vantage: a name under .invalid fails with the resolver error', async () => {
    const ev = await runProbe(
      { probe: 'dns', vantage: 'client', target: { host: 'conndoctor-test.invalid', port: 80 } },
      { client: exec, server: null },
    );
    expect(ev).toMatchObject({ ok: false, status: 'fail' });
    const data = ev.data as DnsData;
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(data.error);
    expect(data.addresses).toEqual([]);
    expect(data.hostsFileMatch).toEqual([]);
  });

  it('server vantage runs getent on the server (here: this machine)', async () => {
    const ok = await runProbe(
      { probe: 'dns', vantage: 'server', host: 'localhost' },
      { client: exec, server: exec },
    );
    expect(ok.command).toEqual(['getent', 'ahosts', 'localhost']);
    expect(ok.ok).toBe(true);
    expect((ok.data as DnsData).addresses.map((a) => a.address)).toContain('127.0.0.1');
    const missing = await runProbe(
      { probe: 'dns', vantage: 'server', host: 'conndoctor-test.invalid' },
      { client: exec, server: exec },
    );
    expect(missing).toMatchObject({ ok: false, status: 'fail' });
    expect((missing.data as DnsData).error).toBe('ENOTFOUND');
  });
});
