import { execFileSync, spawnSync } from 'node:child_process';

/** Output of a finished command (never throws). */
export interface CmdResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs an argv synchronously and returns its output; never throws. */
export function run(argv: readonly string[], opts: { input?: string; timeoutMs?: number } = {}) {
  const [cmd, ...args] = argv;
  if (cmd === undefined) throw new Error('run: empty argv');
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    input: opts.input,
    timeout: opts.timeoutMs ?? 15_000,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const res: CmdResult = {
    stdout: r.stdout ?? '',
    stderr: (r.stderr ?? '') + (r.error ? String(r.error.message) : ''),
    code: r.status,
  };
  return res;
}

/** Runs an argv synchronously; throws with its stderr when it fails. */
export function must(argv: readonly string[], opts: { input?: string } = {}): string {
  const [cmd, ...args] = argv;
  if (cmd === undefined) throw new Error('must: empty argv');
  try {
    return execFileSync(cmd, args, {
      encoding: 'utf8',
      input: opts.input,
      timeout: 15_000,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${argv.join(' ')} failed: ${(err.stderr ?? '').trim() || err.message}`);
  }
}

/** Sleeps without blocking the event loop. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `check` every `stepMs` until it returns a value or `timeoutMs` passes (bounded). */
export async function waitFor<T>(
  what: string,
  check: () => T | null | undefined | false,
  timeoutMs = 5000,
  stepMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends a signal, ignoring "no such process". */
export function signal(pid: number, sig: NodeJS.Signals | number): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Stops a process: SIGTERM, then SIGKILL after `graceMs`; resolves when it is gone. */
export async function stopProcess(pid: number, graceMs = 2000): Promise<void> {
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await sleep(20);
  if (alive(pid)) {
    signal(pid, 'SIGKILL');
    const hard = Date.now() + 2000;
    while (alive(pid) && Date.now() < hard) await sleep(20);
  }
}
