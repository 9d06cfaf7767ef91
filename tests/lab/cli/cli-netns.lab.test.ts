import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosisSchema, type Diagnosis } from '../../../shared/evidence';

/**
 * `conndoctor diagnose` run for real inside a private network namespace (only `lo`, and an
 * unreachable route for 10.212.0.0/24, which this file owns): the target is the namespace itself,
 * so the server-side probes run locally on the real firewall, sockets and interfaces.
 * Needs root and `ip netns`; skipped with a printed reason otherwise.
 */

const root = join(import.meta.dirname, '..', '..', '..');
const NS = `cdh2-cli-${process.pid}`;
const children: ChildProcess[] = [];

function canNetns(): string | null {
  if (process.getuid?.() !== 0) return 'not root';
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'no `ip netns`';
  }
}
const skip = canNetns();
if (skip) console.warn(`cli-netns tests skipped: ${skip}`);

function inNs(...argv: string[]): void {
  execFileSync('ip', ['netns', 'exec', NS, ...argv], { stdio: 'ignore' });
}

function serve(port: number, bind: string): Promise<void> {
  const c = spawn(
    'ip',
    ['netns', 'exec', NS, 'python3', '-m', 'http.server', String(port), '--bind', bind],
    {
      stdio: 'ignore',
    },
  );
  children.push(c);
  // Bounded wait until the socket listens.
  return new Promise((resolve, reject) => {
    let tries = 0;
    const check = () => {
      execFile('ip', ['netns', 'exec', NS, 'ss', '-Hltn', `sport = :${port}`], (_e, out) => {
        if (out.trim() !== '') resolve();
        else if (++tries > 50) reject(new Error(`server on ${port} did not start`));
        else setTimeout(check, 100);
      });
    };
    check();
  });
}

function diagnose(
  hostPort: string,
  ...extra: string[]
): Promise<{ code: number | null; d: Diagnosis }> {
  return new Promise((resolve, reject) => {
    execFile(
      'ip',
      [
        'netns',
        'exec',
        NS,
        process.execPath,
        join(root, 'bin', 'conndoctor.js'),
        'diagnose',
        hostPort,
        '--json',
        ...extra,
      ],
      { cwd: root, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err && typeof err.code === 'number' ? err.code : err ? null : 0;
        try {
          resolve({ code, d: DiagnosisSchema.parse(JSON.parse(stdout)) });
        } catch (e) {
          reject(new Error(`exit ${code}: ${stderr} ${String(e)}`));
        }
      },
    );
  });
}

describe.skipIf(skip !== null)('conndoctor diagnose in a private network namespace', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
    execFileSync('ip', ['netns', 'add', NS]);
    execFileSync('ip', ['-n', NS, 'link', 'set', 'lo', 'up']);
    // A subnet this machine has an `unreachable` route for.
    execFileSync('ip', ['-n', NS, 'route', 'add', 'unreachable', '10.212.0.0/24']);
    inNs('iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '47411', '-j', 'REJECT');
    inNs('iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '47412', '-j', 'DROP');
  }, 60_000);

  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    try {
      execFileSync('ip', ['netns', 'del', NS]);
    } catch {
      // already gone
    }
  });

  it('nothing listens: not-listening', async () => {
    const { code, d } = await diagnose('127.0.0.1:47410', '--timeout', '1000');
    expect(code).toBe(1);
    expect(d).toMatchObject({ outcome: 'refused', cause: 'not-listening' });
    expect(d.evidence.find((e) => e.probe === 'listeners')?.status).toBe('fail');
  });

  it('an iptables REJECT: firewall-reject naming the rule, fix deletes it', async () => {
    const { code, d } = await diagnose('127.0.0.1:47411', '--timeout', '1000');
    expect(code).toBe(1);
    expect(d.cause).toBe('firewall-reject');
    expect(d.rule).toMatchObject({ source: 'iptables', chain: 'INPUT', verdict: 'reject' });
    expect(d.fix?.commands[0]?.slice(0, 5)).toEqual(['iptables', '-t', 'filter', '-D', 'INPUT']);
  });

  it('an iptables DROP: timeout, firewall-drop with the rule', async () => {
    const { code, d } = await diagnose('127.0.0.1:47412', '--timeout', '500');
    expect(code).toBe(1);
    expect(d.outcome).toBe('timeout');
    expect(d.cause).toBe('firewall-drop');
    expect(d.rule?.text).toContain('47412');
  });

  it('a service bound to 127.0.0.1 reached at 127.0.0.2: bound-to-other-address', async () => {
    await serve(47413, '127.0.0.1');
    const { code, d } = await diagnose('127.0.0.2:47413', '--timeout', '1000');
    expect(code).toBe(1);
    expect(d.cause).toBe('bound-to-other-address');
    expect(d.summary).toContain('127.0.0.1:47413 (python3');
  });

  it('an unreachable route on this machine: no-route, client side only', async () => {
    const { code, d } = await diagnose('10.212.0.9:47414', '--timeout', '500');
    expect(code).toBe(1);
    expect(d.outcome).toBe('unreachable');
    expect(d).toMatchObject({ cause: 'no-route', confidence: 'high' });
    expect(d.evidence.every((e) => e.vantage === 'client')).toBe(true);
  });

  it('a working service: ok, exit 0', async () => {
    await serve(47415, '0.0.0.0');
    const { code, d } = await diagnose('127.0.0.1:47415');
    expect(code).toBe(0);
    expect(d.cause).toBe('ok');
  });
});
