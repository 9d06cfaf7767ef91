import { z } from 'zod';
import { PROBE_IDS } from './evidence';
import { HostSchema, PortSchema, TargetSchema, isIPv4, isIPv6, isValidUnit } from './target';

/** An IPv4 or IPv6 address (zone id allowed: `fe80::1%eth0`), nothing else. */
const IpAddressSchema = z
  .string()
  .max(64)
  .refine((s) => isIPv4(s) || isIPv6(s), { message: 'not an IP address' });

/**
 * What the flowchart (or the CLI, or the UI) asks the engine to run. The engine picks the
 * executor from `vantage`: `client` = where the user is; `server` = over SSH, or locally
 * when the target is this machine.
 */
export const ProbeRequestSchema = z.object({
  probe: z.enum(PROBE_IDS),
  vantage: z.enum(['client', 'server']),
  /** connect, route, capture, firewall verdict, service-by-port. */
  target: TargetSchema.optional(),
  /** dns and sweep take a host alone. */
  host: HostSchema.optional(),
  /** The address the client reaches (route from the server, firewall evaluation, self-connect). */
  address: IpAddressSchema.optional(),
  /** The client's own address as the server sees it (firewall evaluation). */
  clientAddress: IpAddressSchema.optional(),
  /**
   * Where `clientAddress` comes from: named by the user (`given`), or the client's own
   * route source towards the target (`client-route`, which a NAT may change).
   */
  clientAddressFrom: z.enum(['given', 'client-route']).optional(),
  service: z.string().refine(isValidUnit, { message: 'invalid service name' }).optional(),
  ports: z.object({ from: PortSchema, to: PortSchema }).optional(),
  /** Explicit list of ports (sweep of nearby/common ports). */
  portList: z.array(PortSchema).max(65535).optional(),
  /** config: the process that owns the listener whose configuration is read. */
  pid: z
    .number()
    .int()
    .min(1)
    .max(2 ** 22)
    .optional(),
  /**
   * config: the port the process really listens on, when it is not the target's (wrong-port):
   * the directive read is the one that sets that port, so the service can be moved.
   */
  listenPort: PortSchema.optional(),
  timeoutMs: z.number().int().min(50).max(120_000).default(3000),
});
/** A request to run one probe. */
export type ProbeRequest = z.input<typeof ProbeRequestSchema>;
/** A request after validation (defaults applied). */
export type ProbeRequestParsed = z.output<typeof ProbeRequestSchema>;
