import { readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { alive, run, signal } from './proc';
import { reclaimDeadSlots } from './slots';

/**
 * Teardown that survives failures: every live lab registers a synchronous emergency
 * cleanup that runs on process exit; `cleanupStale` removes what crashed runs left.
 */

const live = new Map<string, () => void>();
let hooked = false;

/** Registers a lab's synchronous emergency cleanup (run on process exit if still live). */
export function registerLab(ns: string, emergency: () => void): void {
  live.set(ns, emergency);
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const [name, fn] of live) {
        try {
          fn();
        } catch (e) {
          console.warn(`lab ${name}: exit cleanup failed: ${String(e)}`);
        }
      }
      live.clear();
    });
  }
}

/** Forgets a lab once it is torn down. */
export function unregisterLab(ns: string): void {
  live.delete(ns);
}

/** Kills every process inside a namespace, then deletes it. Idempotent. */
export function killNamespace(ns: string): void {
  const pids = run(['ip', 'netns', 'pids', ns]);
  if (pids.code === 0) {
    for (const p of pids.stdout.split(/\s+/).filter(Boolean)) signal(Number(p), 'SIGKILL');
  }
  run(['ip', 'netns', 'del', ns]);
}

/** Removes a cgroup directory tree, deepest first (only empty cgroups can be removed). */
export function removeCgroupTree(dir: string): void {
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e);
    try {
      if (statSync(p).isDirectory()) removeCgroupTree(p);
    } catch {
      // vanished
    }
  }
  try {
    rmdirSync(dir);
  } catch {
    // still populated or already gone
  }
}

/** The cgroup hierarchies a lab's systemd gets its own directory in. */
export function cgroupRoots(): string[] {
  const roots: string[] = [];
  for (const r of ['/sys/fs/cgroup/systemd', '/sys/fs/cgroup/unified', '/sys/fs/cgroup']) {
    try {
      if (readdirSync(r).includes('cgroup.procs')) roots.push(r);
    } catch {
      // absent
    }
  }
  return roots;
}

function ownerPid(name: string): number {
  const m = /^cdlab-(\d+)-/.exec(name);
  return m ? Number(m[1]) : NaN;
}

/**
 * Removes leftovers of earlier runs: `cdlab-*` namespaces (and their processes) and
 * cgroup directories whose owning test process is gone — or all of them with `all`.
 * Returns the namespaces it removed.
 */
export function cleanupStale(opts: { all?: boolean } = {}): string[] {
  const removed: string[] = [];
  const list = run(['ip', 'netns', 'list']);
  for (const line of list.stdout.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    if (!name.startsWith('cdlab-')) continue;
    const pid = ownerPid(name);
    if (opts.all || !Number.isInteger(pid) || !alive(pid)) {
      killNamespace(name);
      removed.push(name);
    }
  }
  for (const root of cgroupRoots()) {
    let names: string[] = [];
    try {
      names = readdirSync(root).filter((n) => n.startsWith('cdlab-'));
    } catch {
      continue;
    }
    for (const n of names) {
      const pid = ownerPid(n);
      if (opts.all || !Number.isInteger(pid) || !alive(pid)) removeCgroupTree(join(root, n));
    }
  }
  reclaimDeadSlots();
  return removed;
}

/** Whether lab tests can run here; `reason` says why not (for the skip message). */
export function labAvailable(): { ok: boolean; reason: string } {
  if (process.platform !== 'linux') return { ok: false, reason: 'lab tests need Linux' };
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return { ok: false, reason: 'lab tests need root (network namespaces)' };
  const r = run(['ip', 'netns', 'list']);
  if (r.code !== 0)
    return {
      ok: false,
      reason: `ip netns is not usable: ${r.stderr.trim() || 'iproute2 missing'}`,
    };
  return { ok: true, reason: '' };
}
