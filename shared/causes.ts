/**
 * The cause vocabulary (DESIGN §3). Every diagnosis names exactly one of these.
 * Order of this array is irrelevant; {@link CAUSE_PACKET_ORDER} decides precedence.
 */
export const CAUSES = [
  'ok',
  'dns-failure',
  'service-not-running',
  'not-listening',
  'wrong-port',
  'bound-to-other-address',
  'firewall-reject',
  'firewall-drop',
  'upstream-filter',
  'interface-down',
  'no-route',
  'host-unreachable',
  'unknown',
] as const;

/** One word of the cause vocabulary. */
export type Cause = (typeof CAUSES)[number];

/**
 * When several faults exist the first in packet-path order becomes `cause`, the rest go to
 * `alsoFound` (DESIGN §3). `firewall-reject` and `firewall-drop` share a rank.
 */
export const CAUSE_PACKET_ORDER: readonly Cause[] = [
  'dns-failure',
  'no-route',
  'host-unreachable',
  'interface-down',
  'upstream-filter',
  'firewall-reject',
  'firewall-drop',
  'bound-to-other-address',
  'wrong-port',
  'service-not-running',
  'not-listening',
];

/** Rank of a cause in packet-path order (lower = earlier); `ok`/`unknown` rank last. */
export function causeRank(cause: Cause): number {
  if (cause === 'firewall-drop') return CAUSE_PACKET_ORDER.indexOf('firewall-reject');
  const i = CAUSE_PACKET_ORDER.indexOf(cause);
  return i === -1 ? CAUSE_PACKET_ORDER.length : i;
}

/** What the client saw when it connected (DESIGN §3 `outcome`). */
export const OUTCOMES = [
  'refused',
  'timeout',
  'unreachable',
  'dns-failure',
  'reset',
  'ok',
] as const;
/** One client outcome. */
export type Outcome = (typeof OUTCOMES)[number];
