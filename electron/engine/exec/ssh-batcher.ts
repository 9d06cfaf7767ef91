import { batchScript, BatchReader, newNonce, type BatchSection } from './ssh-batch';
import type { ExecLimits, RawExec } from './ssh-exec';

/**
 * Collects the commands asked for in the same turn of the event loop and runs them as one
 * batch (see ssh-batch.ts); a single command runs as itself. Each caller gets its own
 * result as soon as its section arrives; its own AbortSignal ends its wait at once.
 */

/** Runs one quoted command string on a channel of its own (`commands`: how many it holds). */
export type ExecChannel = (
  command: string,
  limits: Omit<ExecLimits, 'kill'>,
  commands: number,
) => Promise<RawExec>;

interface Pending {
  section: BatchSection;
  signal?: AbortSignal;
  settle: (r: RawExec) => void;
  settled: boolean;
}

const blank = (): RawExec => ({
  stdout: '',
  stderr: '',
  exitCode: null,
  exitSignal: null,
  timedOut: false,
  aborted: false,
  truncated: false,
  pidSeen: false,
  openError: null,
});

/** Extra time the batch channel gets beyond its slowest section (kill grace, output). */
const BATCH_GRACE_MS = 3000;

/** A batcher over one SSH connection. */
export function createBatcher(deps: { exec: ExecChannel }): {
  run: (command: string, limits: Omit<ExecLimits, 'kill'>) => Promise<RawExec>;
} {
  let queue: Pending[] = [];

  const alone = (p: Pending) => {
    void deps
      .exec(
        p.section.command,
        {
          timeoutMs: p.section.timeoutMs,
          maxBytes: p.section.maxBytes,
          ...(p.signal ? { signal: p.signal } : {}),
        },
        1,
      )
      .then(p.settle);
  };

  const runBatch = async (items: Pending[]) => {
    const nonce = newNonce();
    const sections = items.map((p) => p.section);
    const reader = new BatchReader(nonce, sections, ({ index, raw }) => items[index]?.settle(raw));
    const r = await deps.exec(
      batchScript(sections, nonce),
      {
        timeoutMs: Math.max(...sections.map((s) => s.timeoutMs)) + BATCH_GRACE_MS,
        maxBytes: sections.reduce((n, s) => n + 2 * (s.maxBytes + 1) + 128, 0),
        onStdout: (c) => reader.push(c),
      },
      sections.length,
    );
    const left = items.filter((p) => !p.settled);
    if (
      left.length === items.length &&
      !reader.desynchronised &&
      r.openError === null &&
      !r.timedOut
    ) {
      // The script did not run (no mktemp, a shell that is not POSIX): one channel each.
      for (const p of left) alone(p);
      return;
    }
    for (const p of left) {
      const why = reader.desynchronised
        ? 'the batched output was out of step'
        : (r.openError ?? (r.timedOut ? null : 'the batch ended early'));
      p.settle({ ...blank(), timedOut: r.timedOut, openError: why });
    }
  };

  const flush = () => {
    const items = queue.filter((p) => !p.settled);
    queue = [];
    if (items.length === 0) return;
    if (items.length === 1) alone(items[0]!);
    else void runBatch(items);
  };

  // One abort listener per signal, however many of its commands wait (a probe passes one
  // signal to a dozen reads; a listener each would trip Node's MaxListeners warning).
  const waiting = new WeakMap<AbortSignal, Set<Pending>>();
  const watch = (signal: AbortSignal, p: Pending) => {
    let set = waiting.get(signal);
    if (!set) {
      const mine = new Set<Pending>();
      waiting.set(signal, mine);
      signal.addEventListener(
        'abort',
        () => {
          for (const q of mine) q.settle({ ...blank(), aborted: true });
          mine.clear();
        },
        { once: true },
      );
      set = mine;
    }
    set.add(p);
  };

  return {
    run(command, limits) {
      return new Promise<RawExec>((resolve) => {
        const signal = limits.signal;
        const p: Pending = {
          section: { command, timeoutMs: limits.timeoutMs, maxBytes: limits.maxBytes },
          ...(signal ? { signal } : {}),
          settled: false,
          settle: (r) => {
            if (p.settled) return;
            p.settled = true;
            if (signal) waiting.get(signal)?.delete(p);
            resolve(r);
          },
        };
        if (signal?.aborted) return p.settle({ ...blank(), aborted: true });
        if (signal) watch(signal, p);
        queue.push(p);
        if (queue.length === 1) setImmediate(flush);
      });
    },
  };
}
