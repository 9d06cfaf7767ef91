import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  batchScript,
  BatchReader,
  newNonce,
  type BatchSection,
  type SectionResult,
} from '../../../../electron/engine/exec/ssh-batch';
import { buildCommand } from '../../../../electron/engine/exec/ssh-privilege';

/**
 * The batch script run by a real POSIX shell (/bin/sh, as sshd would hand it to the login
 * shell), read by the same reader the SSH executor uses: sections keep their own output,
 * exit status, stderr, cap and timeout; nothing a command prints can forge a section.
 */

function section(argv: string[], o: Partial<BatchSection> = {}): BatchSection {
  return { command: buildCommand(argv, 'none'), timeoutMs: 5000, maxBytes: 1 << 20, ...o };
}

async function runBatch(
  sections: BatchSection[],
  chunk = 0,
): Promise<{ results: SectionResult[]; ms: number[]; order: number[]; desync: boolean }> {
  const nonce = newNonce();
  const results: SectionResult[] = [];
  const ms: number[] = [];
  const t0 = Date.now();
  const order: number[] = [];
  const reader = new BatchReader(nonce, sections, (r) => {
    results[r.index] = r;
    ms[r.index] = Date.now() - t0;
    order.push(r.index);
  });
  await new Promise<void>((resolve) => {
    const sh = spawn('/bin/sh', ['-c', batchScript(sections, nonce)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    sh.stdout.on('data', (d: Buffer) => {
      if (chunk === 0) reader.push(d);
      // Split into tiny pieces: framing must not depend on how the bytes arrive.
      else for (let i = 0; i < d.length; i += chunk) reader.push(d.subarray(i, i + chunk));
    });
    sh.on('close', () => resolve());
  });
  return { results, ms, order, desync: reader.desynchronised };
}

describe('batched remote script (real /bin/sh)', () => {
  it('gives each section its own stdout, stderr and exit status', async () => {
    const { results, order, desync } = await runBatch(
      [
        section(['printf', '%s\\n', 'one', 'two']),
        section(['sh', '-c', 'echo oops >&2; exit 3']),
        section(['conndoctor-not-a-real-command']),
        section(['printf', '']),
      ],
      1,
    );
    expect(desync).toBe(false);
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    expect(results[0]?.raw).toMatchObject({ stdout: 'one\ntwo\n', stderr: '', exitCode: 0 });
    expect(results[1]?.raw).toMatchObject({ stdout: '', stderr: 'oops\n', exitCode: 3 });
    expect(results[2]?.raw.exitCode).toBe(127);
    expect(results[3]?.raw).toMatchObject({ stdout: '', exitCode: 0, truncated: false });
  });

  it('cannot be forged by output that looks like a section header', async () => {
    const fake = 'cdb-000000000000000000000000 1 0 4 0\nEVIL';
    const { results, desync } = await runBatch([
      section(['printf', '%s\\n%s', fake, fake]),
      section(['printf', 'real']),
    ]);
    expect(desync).toBe(false);
    expect(results[0]?.raw.stdout).toBe(`${fake}\n${fake}`);
    expect(results[1]?.raw.stdout).toBe('real');
  });

  it('caps each section on its own and marks it truncated', async () => {
    const { results } = await runBatch([
      section(['seq', '1', '100000'], { maxBytes: 20 }),
      section(['seq', '1', '5']),
    ]);
    expect(results[0]?.raw.truncated).toBe(true);
    expect(results[0]?.raw.stdout).toBe('1\n2\n3\n4\n5\n6\n7\n8\n9\n10');
    expect(results[1]?.raw).toMatchObject({ stdout: '1\n2\n3\n4\n5\n', truncated: false });
  });

  it('times out a section on its own; the others still answer', async () => {
    const { results, ms } = await runBatch([
      section(['sleep', '30'], { timeoutMs: 300 }),
      section(['echo', 'fast']),
    ]);
    expect(results[0]?.raw.timedOut).toBe(true);
    expect(results[0]?.raw.exitCode).toBeNull();
    expect(results[1]?.raw.stdout).toBe('fast\n');
    expect(ms[1]).toBeLessThan(2500);
  });

  it('answers each section as soon as it is done: a slow one holds back no other', async () => {
    const { order, ms } = await runBatch([section(['sleep', '1']), section(['echo', 'fast'])]);
    expect(order).toEqual([1, 0]);
    expect(ms[1]).toBeLessThan(700);
  });

  it('runs the sections in parallel', async () => {
    const t0 = Date.now();
    await runBatch([0, 1, 2, 3].map(() => section(['sleep', '0.4'])));
    expect(Date.now() - t0).toBeLessThan(1400);
  });

  it('flags a stream whose header does not carry the nonce', () => {
    const got: SectionResult[] = [];
    const r = new BatchReader('cdb-abc', [section(['true'])], (x) => got.push(x));
    r.push(Buffer.from('cdb-xyz 0 0 0 0\n'));
    expect(r.desynchronised).toBe(true);
    expect(got).toEqual([]);
  });
});
