import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Timing helpers of `npm run bench`: whole processes timed from outside, side by side. */

/** One finished process. */
export interface Timed {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs argv to its end and times it (wall clock, start-up included). */
export function timeIt(
  argv: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Timed> {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), {
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        ms: performance.now() - t,
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    child.on('error', () => undefined);
  });
}

/** The q-quantile (nearest rank) of xs; NaN when empty. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** p50 and p95 of xs. */
export function p50p95(xs: readonly number[]): { p50: number; p95: number; n: number } {
  return { p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), n: xs.length };
}

/**
 * Runs the named commands in turn, `runs` rounds (A B C A B C …), so a drift in the shared
 * machine's speed touches each alike. Returns each one's results in order.
 */
export async function alternate<K extends string>(
  runs: number,
  cmds: Record<K, () => Promise<Timed>>,
): Promise<Record<K, Timed[]>> {
  const keys = Object.keys(cmds) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as Timed[]])) as Record<K, Timed[]>;
  for (let i = 0; i < runs; i++) for (const k of keys) out[k].push(await cmds[k]());
  return out;
}

/** Median of the pairwise ratios a[i]/b[i] (pairing keeps a ratio honest on a drifting machine). */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const r = a.map((x, i) => x / (b[i] ?? Number.NaN)).filter((x) => Number.isFinite(x));
  return quantile(r, 0.5);
}

/** A scratch file path for one CLI run's counters (CONNDOCTOR_BENCH_STATS). */
export function statsPath(): { path: string; read: () => CliStats | null; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cdbench-'));
  const path = join(dir, 'stats.json');
  return {
    path,
    read: () => {
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as CliStats;
      } catch {
        return null;
      }
    },
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** What the CLI writes to CONNDOCTOR_BENCH_STATS. */
export interface CliStats {
  ssh: {
    handshakes: number;
    handshakeMs: number;
    channels: number;
    commands: number;
    roundTrips: number;
  };
  maxRssKiB: number;
}

/** Rounds for display. */
export const r0 = (x: number): string => (Number.isFinite(x) ? x.toFixed(0) : '–');
export const r2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '–');
