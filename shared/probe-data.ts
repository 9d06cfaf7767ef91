import type { Outcome } from './causes';
import type { Rule } from './evidence';

/**
 * The `data` each probe puts into its evidence. The flowchart's guards read these; the
 * engine's parsers produce them. Keep them plain JSON.
 */

/** How one TCP connect attempt ended (finer than {@link Outcome}). */
export type ConnectResult =
  | 'ok'
  | 'refused'
  | 'timeout'
  | 'host-unreachable'
  | 'net-unreachable'
  | 'prohibited'
  | 'reset'
  | 'error';

/** One connect attempt to one address. */
export interface ConnectAttempt {
  address: string;
  family: 4 | 6;
  result: ConnectResult;
  /** errno code as Node reports it (ECONNREFUSED, EHOSTUNREACH, EACCES…), absent on ok. */
  errno?: string;
  ms: number;
}

/** `connect` evidence: every address of the name tried in parallel (DESIGN §3). */
export interface ConnectData {
  host: string;
  port: number;
  addresses: string[];
  attempts: ConnectAttempt[];
  outcome: Outcome;
  /** Set when the name did not resolve (ENOTFOUND, EAI_AGAIN…). */
  dnsError?: string;
  /** Where the connect was made from (client, or the server connecting to itself). */
  from: 'client' | 'server';
}

/** `dns` evidence. */
export interface DnsData {
  name: string;
  addresses: { address: string; family: 4 | 6 }[];
  /** Lines of /etc/hosts that mention the name; null when hosts could not be read. */
  hostsFileMatch: string[] | null;
  error?: string;
}

/** One listening TCP socket. */
export interface Listener {
  /** As the kernel reports it, unbracketed: 0.0.0.0, ::, 127.0.0.1, ::1, 10.0.0.2, * */
  address: string;
  port: number;
  family: 4 | 6;
  process: string | null;
  pid: number | null;
  /** The interface the socket is bound to (`%iface` in ss), when it is. */
  iface?: string;
  /** Every process sharing the socket (pre-forked servers), when more than one. */
  pids?: number[];
  /**
   * For a wildcard IPv6 socket: true when it accepts IPv6 only (ss prints `[::]`), false
   * when dual-stack (ss prints `*`); absent when the tool cannot tell (netstat's `:::`).
   */
  v6only?: boolean;
}

/** `listeners` evidence. `processesVisible` false = not privileged to see owners. */
export interface ListenersData {
  listeners: Listener[];
  processesVisible: boolean;
}

/** `service` evidence. */
export interface ServiceData {
  manager: 'systemd' | 'sysv' | 'runit' | 'supervisor' | 'process' | 'none';
  name: string;
  state: 'active' | 'inactive' | 'failed' | 'activating' | 'not-found' | 'unknown';
  subState?: string;
  mainPid?: number | null;
  pids: number[];
  /** Ports the service's processes listen on (joined with listeners). */
  ports: number[];
  /** Last journal lines when failed. */
  journal?: string[];
  /** Why the state is unknown, if it is. */
  reason?: string;
}

/** `interfaces` evidence. */
export interface InterfacesData {
  interfaces: {
    name: string;
    /** Administratively up (IFF_UP). */
    up: boolean;
    /** operstate as the kernel reports it (UP, DOWN, UNKNOWN, LOWERLAYERDOWN). */
    operState: string;
    addresses: { address: string; prefix: number; family: 4 | 6 }[];
  }[];
  /** The interface that carries the address asked about (`req.address`), when one was. */
  target?: { address: string; interface: string | null; up: boolean | null };
}

/** `route` evidence (`ip -j route get`). */
export interface RouteData {
  destination: string;
  type: 'unicast' | 'local' | 'unreachable' | 'prohibit' | 'blackhole' | 'none';
  dev?: string;
  via?: string;
  src?: string;
  error?: string;
}

/** The firewall verdict for one inbound SYN (firewall analysis). */
export interface FirewallVerdict {
  verdict: 'accept' | 'reject' | 'drop' | 'unknown';
  rule: Rule | null;
  reason: string;
  /** The rule that could not be evaluated, when verdict is unknown because of it. */
  undecidable?: { source: string; chain: string; position: number; text: string } | null;
  /** Counter proof: the rule whose counter rose by N probes, when counters exist. */
  counterProof?: { rule: string; delta: number; probes: number; agrees: boolean } | null;
  /** Rules that "may match" (limit/recent) and were treated as such. */
  notes?: string[];
  /** The rule (or chain policy, position 0) that accepted, when the verdict is accept. */
  acceptedBy?: {
    source: string;
    table: string;
    chain: string;
    position: number;
    text: string;
  } | null;
  /** Every base chain the SYN went through, in the kernel's order, and what each did. */
  path?: { stage: string; result: string }[];
  /** When a fail2ban ban decided: the jail and the banned address (the fix is an unban). */
  ban?: { jail: string; address: string } | null;
  /** The client address the rules were evaluated for (see {@link FirewallSource}). */
  source?: FirewallSource | null;
}

/**
 * The source address a firewall verdict was evaluated for: where it came from, whether
 * the verdict turns on it, and whether the server may see another address (a NAT).
 */
export interface FirewallSource {
  /** The address; null when not known (rules on the source are then undecidable). */
  address: string | null;
  /**
   * `given`: named by the user (`--source`); `client-route`: the client's own route
   * source towards the target (`ip route get` on the client); `self`: the client is the
   * server itself; null: not known.
   */
  from: 'given' | 'client-route' | 'self' | null;
  /** True when a rule on the source decides: without the address the verdict would differ. */
  decisive: boolean;
  /**
   * True when the server may see another address than `address`: it came from the
   * client's own route and the server's route back to it goes through a gateway (a NAT
   * may sit in between), or that route is not known.
   */
  natPossible: boolean;
}

/** `firewall` evidence. */
export interface FirewallData {
  backends: {
    source: 'iptables' | 'ip6tables' | 'nftables' | 'ufw' | 'firewalld' | 'fail2ban';
    present: boolean;
    readable: boolean;
    summary: string;
  }[];
  verdict?: FirewallVerdict;
  /** ufw's own view, when ufw is installed and readable. */
  ufw?: { active: boolean; defaultIncoming: string | null; rules: string[] };
  /** firewalld zones (runtime) and where runtime and permanent configuration differ. */
  firewalld?: { running: boolean; zones: string[]; drift: string[] };
  /** fail2ban jails and the addresses each has banned. */
  fail2ban?: { jail: string; banned: string[] }[];
}

/** `capture` evidence: what the server saw while the client connected. */
export interface CaptureData {
  synSeen: boolean;
  answer: 'syn-ack' | 'rst' | 'icmp' | 'none';
  icmp?: { type: number; code: number };
  packets: string[];
  /** How the client's connect made during the capture ended. */
  client?: ConnectAttempt;
  /** False when the capture could not be shown to be running before the client connected. */
  armed?: boolean;
}

/** `sweep` evidence: open ports found. */
export interface SweepData {
  host: string;
  open: number[];
  scanned: number;
}
