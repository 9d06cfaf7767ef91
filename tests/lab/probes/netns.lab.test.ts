import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectAttempt } from '../../../shared/probe-data';
import { createLocalExecutor } from '../../../electron/engine/exec/local';
import { connectOnce } from '../../../electron/engine/probes/connect.probe';
import { sweepPorts } from '../../../electron/engine/probes/sweep.probe';

/**
 * Real kernel answers for the connect classification: a "server" namespace behind a veth
 * with iptables DROP/REJECT rules, and a "client" namespace with unreachable / prohibit /
 * blackhole routes (the client runs there as a child process). Only 10.231.0.0/16.
 */

const isRoot = process.getuid?.() === 0;
const hasNetns = isRoot && spawnSync('ip', ['netns', 'list']).status === 0;
if (!hasNetns) console.warn('netns connect tests skipped: needs root and `ip netns`');

const id = process.pid % 100000;
const octet = 10 + (process.pid % 240);
const SRV = `cdeng-s${id}`;
const CLI = `cdeng-c${id}`;
const HOST_IF = `cdh${id}`;
const NS_IF = `cdn${id}`;
const HOST_ADDR = `10.231.${octet}.1`;
const SRV_ADDR = `10.231.${octet}.2`;
const root = resolve(import.meta.dirname, '..', '..', '..');

function sh(argv: string[]): void {
  execFileSync(argv[0] ?? '', argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
}
function quiet(argv: string[]): void {
  spawnSync(argv[0] ?? '', argv.slice(1), { stdio: 'ignore' });
}
function teardown(): void {
  quiet(['ip', 'netns', 'del', SRV]);
  quiet(['ip', 'netns', 'del', CLI]);
  quiet(['ip', 'link', 'del', HOST_IF]);
}

describe.skipIf(!hasNetns)('connect classification against real kernel answers', () => {
  let dir = '';
  let child = '';

  beforeAll(async () => {
    teardown();
    sh(['ip', 'netns', 'add', SRV]);
    sh(['ip', 'netns', 'add', CLI]);
    sh(['ip', 'link', 'add', HOST_IF, 'type', 'veth', 'peer', 'name', NS_IF]);
    sh(['ip', 'link', 'set', NS_IF, 'netns', SRV]);
    sh(['ip', 'addr', 'add', `${HOST_ADDR}/24`, 'dev', HOST_IF]);
    sh(['ip', 'addr', 'add', 'fe80::231:1/64', 'dev', HOST_IF, 'nodad']);
    sh(['ip', 'link', 'set', HOST_IF, 'up']);
    sh(['ip', '-n', SRV, 'addr', 'add', `${SRV_ADDR}/24`, 'dev', NS_IF]);
    sh(['ip', '-n', SRV, 'addr', 'add', 'fe80::231:2/64', 'dev', NS_IF, 'nodad']);
    sh(['ip', '-n', SRV, 'link', 'set', NS_IF, 'up']);
    sh(['ip', '-n', SRV, 'link', 'set', 'lo', 'up']);
    sh(['ip', 'netns', 'exec', SRV, 'sysctl', '-qw', 'net.ipv4.icmp_ratelimit=0']);
    const rule = (port: string, ...target: string[]) =>
      sh([
        'ip',
        'netns',
        'exec',
        SRV,
        'iptables',
        '-A',
        'INPUT',
        '-p',
        'tcp',
        '--dport',
        port,
        ...target,
      ]);
    rule('9', '-j', 'DROP');
    rule('10', '-j', 'REJECT', '--reject-with', 'icmp-host-prohibited');
    rule('11', '-j', 'REJECT', '--reject-with', 'icmp-net-unreachable');
    rule('12', '-j', 'REJECT', '--reject-with', 'tcp-reset');
    sh(['ip', '-n', CLI, 'link', 'set', 'lo', 'up']);
    sh(['ip', '-n', CLI, 'route', 'add', 'unreachable', '10.231.251.0/24']);
    sh(['ip', '-n', CLI, 'route', 'add', 'prohibit', '10.231.252.0/24']);
    sh(['ip', '-n', CLI, 'route', 'add', 'blackhole', '10.231.253.0/24']);

    // The client side inside CLI: the real connectOnce, bundled for a plain node process.
    dir = await mkdtemp(join(tmpdir(), 'cdeng-netns-'));
    child = join(dir, 'connect-once.mjs');
    const out = await build({
      stdin: {
        contents: [
          "import { connectOnce } from './electron/engine/probes/connect.probe';",
          'const [address, port, timeout] = process.argv.slice(2);',
          'console.log(JSON.stringify(await connectOnce(address, Number(port), Number(timeout))));',
        ].join('\n'),
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    await writeFile(child, out.outputFiles[0]?.text ?? '');
  }, 60_000);

  afterAll(async () => {
    teardown();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Runs connectOnce inside the client namespace through the local executor. */
  async function connectFromClientNs(address: string, port = 80): Promise<ConnectAttempt> {
    const r = await createLocalExecutor().run({
      argv: ['ip', 'netns', 'exec', CLI, process.execPath, child, address, String(port), '1000'],
      timeoutMs: 10_000,
    });
    expect(r.error).toBeUndefined();
    return JSON.parse(r.stdout) as ConnectAttempt;
  }

  it('DROP: only our own timeout ends the attempt', async () => {
    const a = await connectOnce(SRV_ADDR, 9, 300);
    expect(a).toMatchObject({ result: 'timeout', errno: 'ETIMEDOUT' });
    expect(a.ms).toBeGreaterThanOrEqual(290);
    expect(a.ms).toBeLessThan(1500);
  });

  it('cancel ends a hanging attempt at once', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const a = await connectOnce(SRV_ADDR, 9, 5000, ac.signal);
    expect(a).toMatchObject({ result: 'error', errno: 'ABORT_ERR' });
    expect(a.ms).toBeLessThan(1000);
  });

  it('REJECT icmp-host-prohibited: host-unreachable', async () => {
    expect(await connectOnce(SRV_ADDR, 10, 2000)).toMatchObject({
      result: 'host-unreachable',
      errno: 'EHOSTUNREACH',
    });
  });

  it('REJECT icmp-net-unreachable: net-unreachable', async () => {
    expect(await connectOnce(SRV_ADDR, 11, 2000)).toMatchObject({
      result: 'net-unreachable',
      errno: 'ENETUNREACH',
    });
  });

  it('REJECT tcp-reset and an empty port: refused', async () => {
    expect((await connectOnce(SRV_ADDR, 12, 2000)).result).toBe('refused');
    expect((await connectOnce(SRV_ADDR, 13, 2000)).result).toBe('refused');
  });

  it('IPv6 zone ids reach a link-local address', async () => {
    const a = await connectOnce(`fe80::231:2%${HOST_IF}`, 13, 2000);
    expect(a).toMatchObject({ result: 'refused', family: 6 });
  });

  it('local routes: unreachable, prohibit, blackhole and no route at all', async () => {
    expect(await connectFromClientNs('10.231.251.1')).toMatchObject({
      result: 'host-unreachable',
      errno: 'EHOSTUNREACH',
    });
    expect(await connectFromClientNs('10.231.252.1')).toMatchObject({
      result: 'prohibited',
      errno: 'EACCES',
    });
    expect(await connectFromClientNs('10.231.253.1')).toMatchObject({
      result: 'prohibited',
      errno: 'EINVAL',
    });
    expect(await connectFromClientNs('10.231.254.1')).toMatchObject({
      result: 'net-unreachable',
      errno: 'ENETUNREACH',
    });
  });

  it('sweep: filtered ports time out within the per-port bound, others answer', async () => {
    const started = Date.now();
    const r = await sweepPorts(SRV_ADDR, [9, 10, 11, 12, 13], { timeoutMs: 300 });
    expect(r).toMatchObject({ open: [], timedOut: 1, scanned: 5, aborted: false });
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
