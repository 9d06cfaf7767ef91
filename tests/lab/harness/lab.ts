import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addressPlan, type AddressPlan } from './net';
import { must, run, type CmdResult } from './proc';
import { startService, type LabProcess, type ServiceOptions } from './service';
import { netInUse, releaseSlot, takeSlot } from './slots';
import { killNamespace, registerLab, unregisterLab } from './cleanup';

/** Options of {@link createLab}. */
export interface LabOptions {
  /** Short label for messages. */
  name: string;
  /** Second octet of the lab's private 10.NET.0.0/16 (and fd00:NET::/64); one per test family. */
  net?: number;
  /** A management link (mgmt0) for SSH, so the data link can go down. Default true. */
  mgmt?: boolean;
  /** A data link (data0) for the service under test. Default true. */
  data?: boolean;
  /** Put a router namespace on the data path (upstream filtering). Default false. */
  router?: boolean;
  /** Also give every link IPv6 addresses (nodad). Default false. */
  ipv6?: boolean;
}

/** A running lab: a "server host" namespace joined to this machine by veth pairs. */
export interface Lab {
  name: string;
  /** The server namespace. */
  ns: string;
  /** The router namespace on the data path, when asked for. */
  routerNs: string | null;
  plan: AddressPlan;
  /** Server's management address (null without mgmt). */
  mgmtAddr: string | null;
  hostMgmtAddr: string | null;
  /** Server's data address: what the client connects to (null without data). */
  dataAddr: string | null;
  /** This machine's address on the data path (the client's source address). */
  hostDataAddr: string | null;
  mgmt6Addr: string | null;
  data6Addr: string | null;
  hostData6Addr: string | null;
  /** Interface names inside the server namespace. */
  mgmtIf: 'mgmt0';
  dataIf: 'data0';
  /** This machine's end of each link. */
  hostMgmtIf: string | null;
  hostDataIf: string | null;
  /** A temp dir that lives as long as the lab. */
  dir: string;
  /** Runs an argv inside the server namespace (never throws). */
  exec(argv: readonly string[], opts?: { input?: string; timeoutMs?: number }): CmdResult;
  /** Runs an argv inside the server namespace; throws when it fails. */
  execOk(argv: readonly string[]): string;
  /** Runs an argv inside the router namespace; throws when it fails or there is no router. */
  routerExec(argv: readonly string[]): CmdResult;
  /** Starts a long-running process in the server namespace (see {@link startService}). */
  startService(argv: readonly string[], opts?: ServiceOptions): Promise<LabProcess>;
  /** Registers a teardown step (run in reverse order by destroy). */
  onDestroy(fn: () => Promise<void> | void): void;
  /** Tears everything down; idempotent. */
  destroy(): Promise<void>;
}

let counter = 0;

// One TCP connect attempt to port 9 of an address, bounded to 3 s; the result is ignored.
const POKE_PY = `
import socket, sys
a = sys.argv[1]
s = socket.socket(socket.AF_INET6 if ':' in a else socket.AF_INET)
s.settimeout(3)
try:
    s.connect((a, 9))
except OSError:
    pass
`;

/** The namespace name prefix every lab uses (see cleanupStale). */
export const NS_PREFIX = 'cdlab-';

function ipn(ns: string, args: string[]): void {
  must(['ip', '-n', ns, ...args]);
}

/** Creates a lab. Bring-up takes well under a second; call destroy() in afterAll. */
export function createLab(opts: LabOptions): Lab {
  const net = opts.net ?? 233;
  const wantMgmt = opts.mgmt ?? true;
  const wantData = opts.data ?? true;
  const wantRouter = (opts.router ?? false) && wantData;
  const v6 = opts.ipv6 ?? false;
  const id = `${process.pid}-${++counter}`;
  const ns = `${NS_PREFIX}${id}`;
  const routerNs = wantRouter ? `${NS_PREFIX}${id}-r` : null;
  const short = `cd${process.pid.toString(36)}x${counter.toString(36)}`;
  const hostMgmtIf = wantMgmt ? `${short}m` : null;
  const hostDataIf = wantData ? `${short}d` : null;
  const slot = takeSlot(net);
  const plan = addressPlan(net, slot);
  const dir = mkdtempSync(join(tmpdir(), `${NS_PREFIX}${id}-`));
  const cleanups: (() => Promise<void> | void)[] = [];
  let destroyed = false;

  const namespaces = [ns, ...(routerNs ? [routerNs] : [])];
  const emergency = () => {
    for (const n of namespaces) killNamespace(n);
    releaseSlot(net, slot);
    // The guard route is shared by every lab of this /16: the last one out removes it.
    if (!netInUse(net)) {
      run(['ip', 'route', 'del', 'unreachable', plan.guard, 'metric', '4000']);
      run(['ip', '-6', 'route', 'del', 'unreachable', plan.guard6, 'metric', '4000']);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  registerLab(ns, emergency);

  const addr = (nsName: string | null, ifname: string, a: string, prefix: number) => {
    const args = ['addr', 'add', `${a}/${prefix}`, 'dev', ifname];
    if (a.includes(':')) args.push('nodad');
    if (nsName) ipn(nsName, args);
    else must(['ip', ...args]);
  };

  try {
    for (const n of namespaces) {
      must(['ip', 'netns', 'add', n]);
      ipn(n, ['link', 'set', 'lo', 'up']);
      must(['ip', 'netns', 'exec', n, 'sysctl', '-qw', 'net.ipv4.icmp_ratelimit=0']);
      // No duplicate address detection on the lab's links (link-local addresses included):
      // a tentative address stalls the first IPv6 packets for a second or two.
      must(['ip', 'netns', 'exec', n, 'sysctl', '-qw', 'net.ipv6.conf.default.accept_dad=0']);
      if (v6) must(['ip', 'netns', 'exec', n, 'sysctl', '-qw', 'net.ipv6.icmp.ratelimit=0']);
    }
    // Without this guard, lab traffic would follow the machine's default route when a
    // veth goes down. Shared by every lab of this /16, so an existing one is fine.
    run(['ip', 'route', 'add', 'unreachable', plan.guard, 'metric', '4000']);
    if (v6) run(['ip', '-6', 'route', 'add', 'unreachable', plan.guard6, 'metric', '4000']);

    const hostLink = (hostIf: string, peerNs: string, peerIf: string) => {
      must(['ip', 'link', 'add', hostIf, 'type', 'veth', 'peer', 'name', peerIf, 'netns', peerNs]);
      // Fast ARP/ND failure: an interface that is down is reported in ~0.3 s, not 3 s.
      must(['sysctl', '-qw', `net.ipv4.neigh.${hostIf}.retrans_time_ms=100`]);
      if (v6) {
        must(['sysctl', '-qw', `net.ipv6.neigh.${hostIf}.retrans_time_ms=100`]);
        must(['sysctl', '-qw', `net.ipv6.conf.${hostIf}.accept_dad=0`]);
      }
    };

    if (hostMgmtIf) {
      hostLink(hostMgmtIf, ns, 'mgmt0');
      addr(null, hostMgmtIf, plan.mgmt.host, 24);
      addr(ns, 'mgmt0', plan.mgmt.server, 24);
      if (v6) {
        addr(null, hostMgmtIf, plan.mgmt.host6, 112);
        addr(ns, 'mgmt0', plan.mgmt.server6, 112);
      }
      must(['ip', 'link', 'set', hostMgmtIf, 'up']);
      ipn(ns, ['link', 'set', 'mgmt0', 'up']);
    }
    if (hostDataIf) {
      const far = routerNs ?? ns;
      const farIf = routerNs ? 'up0' : 'data0';
      hostLink(hostDataIf, far, farIf);
      addr(null, hostDataIf, plan.data.host, 24);
      addr(far, farIf, plan.data.far, 24);
      if (v6) {
        addr(null, hostDataIf, plan.data.host6, 112);
        addr(far, farIf, plan.data.far6, 112);
      }
      must(['ip', 'link', 'set', hostDataIf, 'up']);
      ipn(far, ['link', 'set', farIf, 'up']);
      if (routerNs) {
        ipn(routerNs, ['link', 'add', 'dn0', 'type', 'veth', 'peer', 'name', 'data0', 'netns', ns]);
        addr(routerNs, 'dn0', plan.inner.router, 24);
        addr(ns, 'data0', plan.inner.server, 24);
        if (v6) {
          addr(routerNs, 'dn0', plan.inner.router6, 112);
          addr(ns, 'data0', plan.inner.server6, 112);
        }
        ipn(routerNs, ['link', 'set', 'dn0', 'up']);
        ipn(ns, ['link', 'set', 'data0', 'up']);
        // Forwarding only inside the router namespace, never in the root namespace.
        must(['ip', 'netns', 'exec', routerNs, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
        if (v6)
          must([
            'ip',
            'netns',
            'exec',
            routerNs,
            'sysctl',
            '-qw',
            'net.ipv6.conf.all.forwarding=1',
          ]);
        must(['ip', 'route', 'add', plan.inner.cidr, 'via', plan.data.far]);
        ipn(ns, ['route', 'add', plan.data.cidr, 'via', plan.inner.router]);
        if (v6) {
          must(['ip', '-6', 'route', 'add', plan.inner.cidr6, 'via', plan.data.far6]);
          ipn(ns, ['-6', 'route', 'add', plan.data.cidr6, 'via', plan.inner.router6]);
        }
      }
    }
    // Default route for everything else: management link first, else the data path.
    if (hostMgmtIf) {
      ipn(ns, ['route', 'add', 'default', 'via', plan.mgmt.host]);
      if (v6) ipn(ns, ['-6', 'route', 'add', 'default', 'via', plan.mgmt.host6]);
    } else if (hostDataIf) {
      ipn(ns, ['route', 'add', 'default', 'via', routerNs ? plan.inner.router : plan.data.host]);
      if (v6)
        ipn(ns, [
          '-6',
          'route',
          'add',
          'default',
          'via',
          routerNs ? plan.inner.router6 : plan.data.host6,
        ]);
    }
    if (routerNs) {
      // Resolve the neighbours on both sides of the router once (a TCP connect to a closed
      // port, answered by RST), so a test's first packets are not spent on discovery.
      const poke = (inNs: string | null, addr: string) =>
        run(
          [...(inNs ? ['ip', 'netns', 'exec', inNs] : []), '/usr/bin/python3', '-c', POKE_PY, addr],
          {
            timeoutMs: 4000,
          },
        );
      poke(ns, plan.inner.router);
      poke(null, plan.inner.server);
      if (v6) {
        poke(ns, plan.inner.router6);
        poke(null, plan.inner.server6);
      }
    }
  } catch (e) {
    emergency();
    unregisterLab(ns);
    throw e;
  }

  const dataAddr = hostDataIf ? (routerNs ? plan.inner.server : plan.data.far) : null;
  const data6Addr = hostDataIf && v6 ? (routerNs ? plan.inner.server6 : plan.data.far6) : null;
  const exec = (argv: readonly string[], o: { input?: string; timeoutMs?: number } = {}) =>
    run(['ip', 'netns', 'exec', ns, ...argv], o);

  const lab: Lab = {
    name: opts.name,
    ns,
    routerNs,
    plan,
    mgmtAddr: hostMgmtIf ? plan.mgmt.server : null,
    hostMgmtAddr: hostMgmtIf ? plan.mgmt.host : null,
    dataAddr,
    hostDataAddr: hostDataIf ? plan.data.host : null,
    mgmt6Addr: hostMgmtIf && v6 ? plan.mgmt.server6 : null,
    data6Addr,
    hostData6Addr: hostDataIf && v6 ? plan.data.host6 : null,
    mgmtIf: 'mgmt0',
    dataIf: 'data0',
    hostMgmtIf,
    hostDataIf,
    dir,
    exec,
    execOk: (argv) => must(['ip', 'netns', 'exec', ns, ...argv]),
    routerExec: (argv) => {
      if (!routerNs) throw new Error(`lab ${opts.name} has no router`);
      return run(['ip', 'netns', 'exec', routerNs, ...argv]);
    },
    startService: (argv, o) => startService(lab, argv, o),
    onDestroy: (fn) => {
      cleanups.push(fn);
    },
    destroy: async () => {
      if (destroyed) return;
      destroyed = true;
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (e) {
          console.warn(`lab ${opts.name}: teardown step failed: ${String(e)}`);
        }
      }
      emergency();
      unregisterLab(ns);
    },
  };
  return lab;
}
