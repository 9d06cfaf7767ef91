import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labCgroupDirs, removeCgroupTree } from './cleanup';
import type { Lab } from './lab';
import { run, sleep, waitFor, type CmdResult } from './proc';
import { stopChild } from './service';

/**
 * Real systemd as PID 1 inside a lab's network namespace, in its own pid, mount, uts and
 * cgroup namespaces (LAB.md "Service managers"). The host's units and files are visible
 * read-write through the shared root filesystem, so everything that would write to the
 * machine (tmpfiles' `D /tmp`, sysctl, udev, random seed, utmp, sysusers…) is masked and
 * /run, /tmp and the journal are private tmpfs mounts.
 */

/** Units enabled on Debian 12 that must not run in the lab (they touch the shared host). */
const MASKED = [
  'systemd-tmpfiles-setup.service',
  'systemd-tmpfiles-setup-dev.service',
  'systemd-tmpfiles-setup-dev-early.service',
  'systemd-tmpfiles-clean.service',
  'systemd-tmpfiles-clean.timer',
  'systemd-sysctl.service',
  'systemd-binfmt.service',
  'proc-sys-fs-binfmt_misc.automount',
  'proc-sys-fs-binfmt_misc.mount',
  'systemd-udevd.service',
  'systemd-udev-trigger.service',
  'systemd-udev-settle.service',
  'systemd-udevd-control.socket',
  'systemd-udevd-kernel.socket',
  'timers.target',
  'getty.target',
  'console-getty.service',
  'getty@tty1.service',
  'systemd-logind.service',
  'systemd-random-seed.service',
  'systemd-update-utmp.service',
  'systemd-update-utmp-runlevel.service',
  'systemd-sysusers.service',
  'systemd-firstboot.service',
  'systemd-machine-id-commit.service',
  'systemd-journal-flush.service',
  'systemd-journald-audit.socket',
  'systemd-modules-load.service',
  'kmod-static-nodes.service',
  'systemd-remount-fs.service',
  'systemd-fsck-root.service',
  'systemd-repart.service',
  'systemd-pcrphase.service',
  'systemd-pcrphase-sysinit.service',
  'systemd-pstore.service',
  'systemd-timesyncd.service',
  'systemd-hwdb-update.service',
  'ldconfig.service',
  'systemd-ask-password-console.path',
  'systemd-ask-password-wall.path',
  'dev-hugepages.mount',
  'dev-mqueue.mount',
  'sys-kernel-debug.mount',
  'sys-kernel-tracing.mount',
  'sys-kernel-config.mount',
  'sys-fs-fuse-connections.mount',
  'cryptsetup.target',
  'integritysetup.target',
  'veritysetup.target',
  'networking.service',
  'ifupdown-pre.service',
  'avahi-daemon.socket',
  'avahi-daemon.service',
  'dbus.socket',
  'dbus.service',
  'systemd-initctl.socket',
];

/** Options of {@link startSystemd}. */
export interface SystemdOptions {
  /** Unit files by name (`web.service`: contents). All of them are started at boot
   * unless listed in `noStart`. */
  units: Record<string, string>;
  /** Units installed but not wanted by the boot target. */
  noStart?: string[];
  /** Extra files made available inside under /run/lab/NAME (scripts the units run, keys);
   * executable unless a mode is given. */
  files?: Record<string, string | { text: string; mode: number }>;
  /**
   * Private directories mounted over system paths inside the lab's mount namespace before
   * systemd starts (`/etc/nginx`: a copy under the lab's dir), so a real Debian service runs
   * on its own copy of its configuration and state and the machine's files stay untouched.
   */
  binds?: Record<string, string>;
  /** System paths given a fresh tmpfs inside (`/var/tmp`, `/dev/shm`). */
  tmpfs?: string[];
  /** Boot deadline (default 15 s). */
  bootTimeoutMs?: number;
}

/** A running systemd in the lab. */
export interface LabSystemd {
  /** Host pid of the lab's PID 1. */
  pid1: number;
  /** Runs an argv inside all of systemd's namespaces (never throws). */
  exec: (argv: readonly string[]) => CmdResult;
  /** `systemctl ARGS --no-pager` inside. */
  systemctl: (args: readonly string[]) => CmdResult;
  /** Powers the lab system off (SIGRTMIN+4), waits, removes its cgroups. Idempotent. */
  stop: () => Promise<void>;
}

let seq = 0;

/** SIGRTMIN+4 (glibc's SIGRTMIN is 34): systemd's "power off" request. Node has no name for it. */
const SIGRTMIN_PLUS_4 = 38;

function findChild(ppid: number): number | null {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === ppid) return Number(d);
    } catch {
      // exited meanwhile
    }
  }
  return null;
}

function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Boots systemd as PID 1 in the lab namespace with `units` under test. */
export async function startSystemd(lab: Lab, opts: SystemdOptions): Promise<LabSystemd> {
  const id = `${lab.ns}-sd${++seq}`;
  const dir = join(lab.dir, `systemd-${seq}`);
  const unitsDir = join(dir, 'units');
  const filesDir = join(dir, 'files');
  mkdirSync(unitsDir, { recursive: true });
  mkdirSync(filesDir, { recursive: true });
  for (const [name, text] of Object.entries(opts.units)) writeFileSync(join(unitsDir, name), text);
  for (const [name, f] of Object.entries(opts.files ?? {})) {
    const { text, mode } = typeof f === 'string' ? { text: f, mode: 0o755 } : f;
    writeFileSync(join(filesDir, name), text, { mode });
  }
  const wanted = Object.keys(opts.units).filter((u) => !(opts.noStart ?? []).includes(u));
  writeFileSync(
    join(unitsDir, 'lab.target'),
    [
      '[Unit]',
      'Description=ConnDoctor lab system',
      'DefaultDependencies=no',
      `Wants=systemd-journald.service ${wanted.join(' ')}`,
      `After=systemd-journald.service`,
      '',
    ].join('\n'),
  );
  const journalMount = existsSync('/var/log/journal')
    ? 'mount -t tmpfs -o mode=2755 tmpfs /var/log/journal'
    : ': no persistent journal directory on this machine';
  const inner = join(dir, 'inner.sh');
  writeFileSync(
    inner,
    [
      '#!/bin/sh',
      'set -e',
      'mount -t proc proc /proc',
      'mount -t sysfs sysfs /sys',
      'mount -t tmpfs -o mode=755 tmpfs /run',
      'mkdir -p /run/systemd/system /run/lab',
      `cp ${unitsDir}/* /run/systemd/system/`,
      `cp -p ${filesDir}/. /run/lab/ -r`,
      ...MASKED.map((u) => `ln -sf /dev/null /run/systemd/system/${u}`),
      ...Object.entries(opts.binds ?? {}).map(([target, src]) => `mount --bind ${src} ${target}`),
      ...(opts.tmpfs ?? []).map((t) => `mount -t tmpfs -o mode=1777 tmpfs ${t}`),
      // The host's /tmp (where this script lives) is hidden from here on.
      'mount -t tmpfs -o mode=1777 tmpfs /tmp',
      journalMount,
      'hostname cdlab',
      'exec /lib/systemd/systemd --unit=lab.target',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const cgroups = labCgroupDirs(`cdlab-${id.slice('cdlab-'.length)}`);
  const outer = join(dir, 'outer.sh');
  writeFileSync(
    outer,
    [
      '#!/bin/sh',
      'set -e',
      // Its own cgroup directory: the root of its cgroup namespace, removed on teardown.
      ...cgroups.flatMap((c) => [
        `mkdir -p ${c}`,
        // A v1 cpuset cgroup takes no tasks until it has cpus and mems.
        `if [ -f ${c}/cpuset.cpus ]; then cat ${c}/../cpuset.cpus > ${c}/cpuset.cpus; cat ${c}/../cpuset.mems > ${c}/cpuset.mems; fi`,
        `echo $$ > ${c}/cgroup.procs`,
      ]),
      `exec nsenter --net=/run/netns/${lab.ns} unshare --pid --fork --mount --propagation private --uts --cgroup ${inner}`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const child = spawn(outer, [], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
  child.stderr.on('data', (b: Buffer) => (out += b.toString('utf8')));
  const outerPid = child.pid;
  if (outerPid === undefined) throw new Error('could not start the lab systemd');

  let pid1 = -1;
  let stopped = false;
  const exec = (argv: readonly string[]) =>
    run(['nsenter', '-t', String(pid1), '-m', '-p', '-u', '-C', '-n', '--', ...argv]);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (pid1 > 0) {
      try {
        process.kill(pid1, SIGRTMIN_PLUS_4);
      } catch {
        // gone already
      }
    }
    const exited = new Promise<void>((r) => {
      if (child.exitCode !== null || child.signalCode !== null) r();
      else child.once('exit', () => r());
    });
    const clean = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!clean && pid1 > 0) {
      try {
        process.kill(pid1, 'SIGKILL'); // kills the whole pid namespace
      } catch {
        // gone
      }
      await stopChild(child, 1000);
    }
    for (const c of cgroups) {
      for (let i = 0; i < 20 && existsSync(c); i++) {
        removeCgroupTree(c);
        if (existsSync(c)) await sleep(50);
      }
    }
  };
  lab.onDestroy(stop);

  try {
    pid1 = await waitFor(
      'the lab systemd to start',
      () => {
        if (child.exitCode !== null) throw new Error(`lab systemd exited: ${out.trim()}`);
        const c = findChild(outerPid);
        return c !== null && comm(c) === 'systemd' ? c : null;
      },
      5000,
    );
    await waitFor(
      'the lab systemd to finish booting',
      () => {
        const r = exec(['systemctl', 'is-system-running']);
        const state = r.stdout.trim();
        if (state === 'running' || state === 'degraded') return state;
        if (child.exitCode !== null) throw new Error(`lab systemd exited: ${out.trim()}`);
        return null;
      },
      opts.bootTimeoutMs ?? 15_000,
      100,
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    pid1,
    exec,
    systemctl: (args) => exec(['systemctl', ...args, '--no-pager']),
    stop,
  };
}
