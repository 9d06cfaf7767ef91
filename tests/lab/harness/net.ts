/**
 * Address plan of one lab. Every lab takes one slot of a 10.NET.0.0/16 (and fd00:NET::/64)
 * network that belongs to one test file family: slot s uses the /24s 10.NET.4s.0
 * (management), 10.NET.4s+1.0 (data, host side) and 10.NET.4s+2.0 (data behind the router).
 * On each link the host (or the upstream side) is .1 and the far side .2.
 */
export interface AddressPlan {
  net: number;
  slot: number;
  mgmt: { host: string; server: string; host6: string; server6: string; cidr: string };
  /** host ↔ server, or host ↔ router when there is a router. */
  data: { host: string; far: string; host6: string; far6: string; cidr: string; cidr6: string };
  /** router ↔ server (only used with a router). */
  inner: {
    router: string;
    server: string;
    router6: string;
    server6: string;
    cidr: string;
    cidr6: string;
  };
  guard: string;
  guard6: string;
}

/** Computes the addresses of slot `slot` in network 10.`net`.0.0/16. */
export function addressPlan(net: number, slot: number): AddressPlan {
  if (!Number.isInteger(net) || net < 0 || net > 255) throw new Error(`bad lab net ${net}`);
  const o = (k: number) => 4 * slot + k;
  const v4 = (k: number, h: number) => `10.${net}.${o(k)}.${h}`;
  const v6 = (k: number, h: number) => `fd00:${net}::${o(k).toString(16)}:${h}`;
  return {
    net,
    slot,
    mgmt: {
      host: v4(0, 1),
      server: v4(0, 2),
      host6: v6(0, 1),
      server6: v6(0, 2),
      cidr: `${v4(0, 0)}/24`,
    },
    data: {
      host: v4(1, 1),
      far: v4(1, 2),
      host6: v6(1, 1),
      far6: v6(1, 2),
      cidr: `${v4(1, 0)}/24`,
      cidr6: `fd00:${net}::${o(1).toString(16)}:0/112`,
    },
    inner: {
      router: v4(2, 1),
      server: v4(2, 2),
      router6: v6(2, 1),
      server6: v6(2, 2),
      cidr: `${v4(2, 0)}/24`,
      cidr6: `fd00:${net}::${o(2).toString(16)}:0/112`,
    },
    guard: `10.${net}.0.0/16`,
    guard6: `fd00:${net}::/64`,
  };
}
