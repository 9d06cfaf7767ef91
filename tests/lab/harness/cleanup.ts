import { readFileSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  // Delete the veth pairs first: that is synchronous, while the kernel tears down a deleted
  // namespace's links later — their host ends and routes would linger for a moment.
  const links = run(['ip', '-n', ns, '-o', 'link', 'show', 'type', 'veth']);
  if (links.code === 0) {
    for (const line of links.stdout.split('\n')) {
      const name = /^\d+:\s+([^@:\s]+)/.exec(line)?.[1];
      if (name) run(['ip', '-n', ns, 'link', 'del', name]);
    }
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

interface Hierarchy {
  mount: string;
  /** This process's cgroup in that hierarchy (relative to the mount). */
  self: string;
}

/** Every mounted cgroup hierarchy (v1 controllers, name=systemd, v2) with our place in it. */
export function cgroupHierarchies(): Hierarchy[] {
  let mountinfo = '';
  let own = '';
  try {
    mountinfo = readFileSync('/proc/self/mountinfo', 'utf8');
    own = readFileSync('/proc/self/cgroup', 'utf8');
  } catch {
    return [];
  }
  const mine = own
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [hier, controllers, ...path] = l.split(':');
      return { hier: hier ?? '', controllers: controllers ?? '', path: path.join(':') };
    });
  const out: Hierarchy[] = [];
  for (const line of mountinfo.split('\n')) {
    const [pre, post] = line.split(' - ');
    if (!pre || !post) continue;
    const [fstype, , superOpts = ''] = post.split(' ');
    const mount = pre.split(' ')[4] ?? '';
    if (fstype === 'cgroup2') {
      const m = mine.find((c) => c.hier === '0' && c.controllers === '');
      if (m) out.push({ mount, self: m.path });
    } else if (fstype === 'cgroup') {
      const opts = superOpts.split(',');
      const m = mine.find(
        (c) => c.hier !== '0' && c.controllers.split(',').every((x) => opts.includes(x)),
      );
      if (m) out.push({ mount, self: m.path });
    }
  }
  return out;
}

/** The cgroup directories a lab systemd called `name` gets, one per hierarchy. */
export function labCgroupDirs(name: string): string[] {
  return cgroupHierarchies().map((h) => join(h.mount, h.self, name));
}

/** `cdlab-*` cgroup directories anywhere near the top of each hierarchy (bounded walk). */
function findLabCgroups(dir: string, depth: number, found: string[]): void {
  if (depth < 0) return;
  let names: string[] = [];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return;
  }
  for (const n of names) {
    if (n.startsWith('cdlab-')) found.push(join(dir, n));
    else findLabCgroups(join(dir, n), depth - 1, found);
  }
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
  const stale: string[] = [];
  for (const h of cgroupHierarchies()) findLabCgroups(h.mount, 3, stale);
  for (const dir of stale) {
    const pid = ownerPid(dir.slice(dir.lastIndexOf('/') + 1));
    if (opts.all || !Number.isInteger(pid) || !alive(pid)) removeCgroupTree(dir);
  }
  for (const n of readdirSync(tmpdir()).filter((x) => x.startsWith('cdlab-'))) {
    const pid = ownerPid(n);
    if (opts.all || !Number.isInteger(pid) || !alive(pid))
      rmSync(join(tmpdir(), n), { recursive: true, force: true });
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
