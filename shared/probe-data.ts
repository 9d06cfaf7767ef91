import { z } from 'zod';
import { OUTCOMES, type Outcome } from './causes';
import { RuleSchema, type ProbeId, type Rule } from './evidence';
import { MessageSchema, type Message } from './i18n/message';

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
  /** `reason` as a message (its English rendering is `reason`). */
  reasonMessage?: Message;
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
    /** `summary` as a message (without the legacy tables, see `legacyMessage`). */
    message?: Message;
    /** The iptables-legacy tables found beside this backend's, as a message of their own. */
    legacyMessage?: Message;
  }[];
  verdict?: FirewallVerdict;
  /** ufw's own view, when ufw is installed and readable. */
  ufw?: { active: boolean; defaultIncoming: string | null; rules: string[] };
  /** firewalld zones (runtime) and where runtime and permanent configuration differ. */
  firewalld?: { running: boolean; zones: string[]; drift: string[] };
  /** fail2ban jails and the addresses each has banned. */
  fail2ban?: { jail: string; banned: string[] }[];
  /** The rules could not be read because sudo on the server asked for a password. */
  sudoPassword?: boolean;
}

/** `capture` evidence: what the server saw while the client connected. */
export interface CaptureData {
  synSeen: boolean;
  answer: 'syn-ack' | 'rst' | 'icmp' | 'none';
  icmp?: { type: number; code: number };
  packets: string[];
  /**
   * The source addresses of the SYNs to the port, as the server saw them (first 8):
   * what a firewall rule on the source really matched.
   */
  synSources?: string[];
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

/*
 * Schemas of each probe's `data`, checked against the interfaces above (`z.ZodType<T>`):
 * evidence crosses IPC and may come from pasted output, so the views in
 * `diagnosis/evidence-view.ts` read it through these instead of casting. Objects are loose:
 * a field added by a newer engine is kept, never a reason to drop the evidence.
 */

const Family = z.union([z.literal(4), z.literal(6)]);
const Strings = z.array(z.string());

const ConnectAttemptSchema: z.ZodType<ConnectAttempt> = z.looseObject({
  address: z.string(),
  family: Family,
  result: z.enum([
    'ok',
    'refused',
    'timeout',
    'host-unreachable',
    'net-unreachable',
    'prohibited',
    'reset',
    'error',
  ]),
  errno: z.string().optional(),
  ms: z.number(),
});

const ConnectDataSchema: z.ZodType<ConnectData> = z.looseObject({
  host: z.string(),
  port: z.number(),
  addresses: Strings,
  attempts: z.array(ConnectAttemptSchema),
  outcome: z.enum(OUTCOMES),
  dnsError: z.string().optional(),
  from: z.enum(['client', 'server']),
});

const DnsDataSchema: z.ZodType<DnsData> = z.looseObject({
  name: z.string(),
  addresses: z.array(z.looseObject({ address: z.string(), family: Family })),
  hostsFileMatch: Strings.nullable(),
  error: z.string().optional(),
});

const ListenerSchema: z.ZodType<Listener> = z.looseObject({
  address: z.string(),
  port: z.number(),
  family: Family,
  process: z.string().nullable(),
  pid: z.number().nullable(),
  iface: z.string().optional(),
  pids: z.array(z.number()).optional(),
  v6only: z.boolean().optional(),
});

const ListenersDataSchema: z.ZodType<ListenersData> = z.looseObject({
  listeners: z.array(ListenerSchema),
  processesVisible: z.boolean(),
});

const ServiceDataSchema: z.ZodType<ServiceData> = z.looseObject({
  manager: z.enum(['systemd', 'sysv', 'runit', 'supervisor', 'process', 'none']),
  name: z.string(),
  state: z.enum(['active', 'inactive', 'failed', 'activating', 'not-found', 'unknown']),
  subState: z.string().optional(),
  mainPid: z.number().nullable().optional(),
  // Older engines and pasted outputs may leave these out: read as none.
  pids: z.array(z.number()).default([]),
  ports: z.array(z.number()).default([]),
  journal: Strings.optional(),
  reason: z.string().optional(),
});

const InterfacesDataSchema: z.ZodType<InterfacesData> = z.looseObject({
  interfaces: z.array(
    z.looseObject({
      name: z.string(),
      up: z.boolean(),
      operState: z.string(),
      addresses: z.array(
        z.looseObject({ address: z.string(), prefix: z.number(), family: Family }),
      ),
    }),
  ),
  target: z
    .looseObject({
      address: z.string(),
      interface: z.string().nullable(),
      up: z.boolean().nullable(),
    })
    .optional(),
});

const RouteDataSchema: z.ZodType<RouteData> = z.looseObject({
  destination: z.string(),
  type: z.enum(['unicast', 'local', 'unreachable', 'prohibit', 'blackhole', 'none']),
  dev: z.string().optional(),
  via: z.string().optional(),
  src: z.string().optional(),
  error: z.string().optional(),
});

const FirewallVerdictSchema: z.ZodType<FirewallVerdict> = z.looseObject({
  verdict: z.enum(['accept', 'reject', 'drop', 'unknown']),
  rule: RuleSchema.nullable(),
  reason: z.string(),
  reasonMessage: MessageSchema.optional(),
  undecidable: z
    .looseObject({ source: z.string(), chain: z.string(), position: z.number(), text: z.string() })
    .nullable()
    .optional(),
  counterProof: z
    .looseObject({
      rule: z.string(),
      delta: z.number(),
      probes: z.number(),
      agrees: z.boolean(),
    })
    .nullable()
    .optional(),
  notes: Strings.optional(),
  acceptedBy: z
    .looseObject({
      source: z.string(),
      table: z.string(),
      chain: z.string(),
      position: z.number(),
      text: z.string(),
    })
    .nullable()
    .optional(),
  path: z.array(z.looseObject({ stage: z.string(), result: z.string() })).optional(),
  ban: z.looseObject({ jail: z.string(), address: z.string() }).nullable().optional(),
});

const FirewallDataSchema: z.ZodType<FirewallData> = z.looseObject({
  backends: z.array(
    z.looseObject({
      source: z.enum(['iptables', 'ip6tables', 'nftables', 'ufw', 'firewalld', 'fail2ban']),
      present: z.boolean(),
      readable: z.boolean(),
      summary: z.string(),
      message: MessageSchema.optional(),
      legacyMessage: MessageSchema.optional(),
    }),
  ),
  verdict: FirewallVerdictSchema.optional(),
  ufw: z
    .looseObject({ active: z.boolean(), defaultIncoming: z.string().nullable(), rules: Strings })
    .optional(),
  firewalld: z.looseObject({ running: z.boolean(), zones: Strings, drift: Strings }).optional(),
  fail2ban: z.array(z.looseObject({ jail: z.string(), banned: Strings })).optional(),
  sudoPassword: z.boolean().optional(),
});

const CaptureDataSchema: z.ZodType<CaptureData> = z.looseObject({
  synSeen: z.boolean(),
  answer: z.enum(['syn-ack', 'rst', 'icmp', 'none']),
  icmp: z.looseObject({ type: z.number(), code: z.number() }).optional(),
  packets: Strings,
  synSources: Strings.optional(),
  client: ConnectAttemptSchema.optional(),
  armed: z.boolean().optional(),
});

const SweepDataSchema: z.ZodType<SweepData> = z.looseObject({
  host: z.string(),
  open: z.array(z.number()),
  scanned: z.number(),
});

/**
 * `config` evidence: where the program that owns a listener keeps the directive that
 * decides its address, read on the server (the file it really uses, its SHA-256, the lines
 * around the directive). `error` is the program's own complaint about its configuration
 * (`nginx -t`), with the file and line it names.
 */
export interface ConfigData {
  /** What the process is (`nginx`, `redis`), or its name when ConnDoctor does not know it. */
  program: string;
  pid: number;
  /** The systemd unit that runs it (restarted after an edit), from its cgroup. */
  unit: string | null;
  /** The file that holds the directive, as the program names it. */
  file: string | null;
  sha256: string | null;
  /** The directive that decides the address (1-based line). */
  directive: { line: number; text: string } | null;
  /** Lines around the directive (`start` is the line number of the first). */
  window: { start: number; lines: string[] } | null;
  /** The program's own check of its configuration, if it has one. */
  check: string[] | null;
  error?: string;
  errorAt?: { file: string; line: number } | null;
  /** sshd: the addresses it listens on, as `sshd -T` shows them. */
  listen?: { host: string; port: number }[];
  /**
   * The address is on the unit's command line (`ExecStart=… --bind 127.0.0.1`): its words
   * as `systemctl show -p ExecStart` gives them and the unit's drop-ins (a drop-in is the fix).
   */
  execStart?: { argv: string[]; dropIns: string[] };
  /**
   * The address is in a variable the unit passes on the command line (`Environment=
   * "MYSQLD_OPTS=--bind-address=127.0.0.1"`): its name and value as systemd applies them,
   * and the unit's drop-ins (a drop-in that sets it again is the fix).
   */
  environment?: { name: string; value: string; dropIns: string[] };
  /**
   * Moving the service (wrong-port): the port the directive sets now, where the process
   * listens instead of the target port.
   */
  listenPort?: number;
  /** Other lines of the file that set the same and change with the directive (nginx's IPv6 `listen`). */
  also?: { line: number; text: string }[];
}

const ConfigDataSchema: z.ZodType<ConfigData> = z.looseObject({
  program: z.string(),
  pid: z.number(),
  unit: z.string().nullable(),
  file: z.string().nullable(),
  sha256: z.string().nullable(),
  directive: z.looseObject({ line: z.number(), text: z.string() }).nullable(),
  window: z.looseObject({ start: z.number(), lines: Strings }).nullable(),
  check: Strings.nullable(),
  error: z.string().optional(),
  errorAt: z.looseObject({ file: z.string(), line: z.number() }).nullable().optional(),
  listen: z.array(z.looseObject({ host: z.string(), port: z.number() })).optional(),
  execStart: z.looseObject({ argv: Strings, dropIns: Strings }).optional(),
  environment: z.looseObject({ name: z.string(), value: z.string(), dropIns: Strings }).optional(),
  listenPort: z.number().optional(),
  also: z.array(z.looseObject({ line: z.number(), text: z.string() })).optional(),
});

/** Each probe's data type. */
export interface ProbeDataMap {
  connect: ConnectData;
  dns: DnsData;
  listeners: ListenersData;
  service: ServiceData;
  interfaces: InterfacesData;
  route: RouteData;
  firewall: FirewallData;
  capture: CaptureData;
  sweep: SweepData;
  config: ConfigData;
}

/** The data of probe `P`. */
export type ProbeDataOf<P extends ProbeId> = ProbeDataMap[P];

/** The schema of each probe's data. */
export const PROBE_DATA_SCHEMAS: { [P in ProbeId]: z.ZodType<ProbeDataMap[P]> } = {
  connect: ConnectDataSchema,
  dns: DnsDataSchema,
  listeners: ListenersDataSchema,
  service: ServiceDataSchema,
  interfaces: InterfacesDataSchema,
  route: RouteDataSchema,
  firewall: FirewallDataSchema,
  capture: CaptureDataSchema,
  sweep: SweepDataSchema,
  config: ConfigDataSchema,
};

/** A probe's data, validated; undefined when it is missing or not of the probe's shape. */
export function probeData<P extends ProbeId>(probe: P, data: unknown): ProbeDataOf<P> | undefined {
  const r = PROBE_DATA_SCHEMAS[probe].safeParse(data);
  return r.success ? r.data : undefined;
}
