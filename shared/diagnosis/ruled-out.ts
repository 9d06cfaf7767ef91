import { CAUSE_PACKET_ORDER, type Cause } from '../causes';
import * as g from '../flowchart/guards';
import type { GuardInput } from '../flowchart/guards';
import {
  captureData,
  connectData,
  describeListener,
  interfacesData,
  listenerCovers,
  normalizeAddress,
  reachedAddress,
  routeData,
  serviceData,
} from './evidence-view';

/** One excluded alternative and the evidence that excluded it. */
export interface RuledOut {
  cause: Cause;
  by: string;
}

type Explainer = (input: GuardInput) => string | null;

const EXPLAIN: Partial<Record<Cause, Explainer>> = {
  'dns-failure': ({ evidence, target }) => {
    const c = connectData(evidence);
    if (!c || c.addresses.length === 0 || c.dnsError) return null;
    return c.addresses.length === 1 && c.addresses[0] === target.host
      ? `connect: ${target.host} is an address, no name to resolve`
      : `connect: ${target.host} resolved to ${c.addresses.join(', ')}`;
  },
  'no-route': (input) => {
    const r = routeData(input.evidence, 'client');
    if (r && (r.type === 'unicast' || r.type === 'local')) {
      return `route: ${r.destination}${r.via ? ` via ${r.via}` : ''}${r.dev ? ` dev ${r.dev}` : ''} (${r.type})`;
    }
    return answered(input);
  },
  'host-unreachable': (input) => answered(input),
  'interface-down': (input) => {
    const d = interfacesData(input.evidence);
    const address = reachedAddress(input.target, input.evidence);
    if (!d || address === null || g.interfaceProblem(input)) return null;
    const i = d.interfaces.find((x) =>
      x.addresses.some((a) => normalizeAddress(a.address) === address),
    );
    return i ? `interfaces: ${address} is on ${i.name}, which is up (${i.operState})` : null;
  },
  'upstream-filter': ({ evidence }) => {
    const c = captureData(evidence);
    return c?.synSeen ? `capture: the server saw the SYN (answer: ${c.answer})` : null;
  },
  'firewall-reject': (input) => firewallAccepts(input),
  'firewall-drop': (input) => firewallAccepts(input),
  'bound-to-other-address': (input) => {
    const on = g.listenersOnTargetPort(input);
    const address = reachedAddress(input.target, input.evidence);
    if (!on) return null;
    if (on.length === 0) return `listeners: nothing listens on port ${input.target.port} at all`;
    const l = address !== null ? on.find((x) => listenerCovers(x, address)) : undefined;
    return l ? `listeners: ${describeListener(l)} accepts ${address ?? ''}` : null;
  },
  'wrong-port': (input) => {
    const s = serviceData(input.evidence);
    if (s?.state === 'active' && g.servicePorts(input).includes(input.target.port)) {
      return `service: ${s.name} listens on port ${input.target.port}`;
    }
    return null;
  },
  'service-not-running': (input) => {
    const s = serviceData(input.evidence);
    return s?.state === 'active'
      ? `service: ${s.name} is active${s.subState ? ` (${s.subState})` : ''}`
      : null;
  },
  'not-listening': (input) => {
    const on = g.listenersOnTargetPort(input);
    return on && on.length > 0 ? `listeners: ${on.map(describeListener).join(', ')}` : null;
  },
};

function answered({ evidence }: GuardInput): string | null {
  const c = connectData(evidence);
  if (c?.outcome === 'refused')
    return 'connect: the host answered (a refusal: RST or ICMP port unreachable)';
  if (c?.outcome === 'reset') return 'connect: the host answered, then reset the connection';
  return null;
}

function firewallAccepts(input: GuardInput): string | null {
  const v = g.firewallVerdict(input);
  return v?.verdict === 'accept' ? `firewall: ${v.reason}` : null;
}

/**
 * Each alternative cause (other than the ones found) that the evidence excludes, with the
 * evidence that excluded it. Alternatives the evidence cannot exclude are not listed.
 */
export function ruledOut(input: GuardInput, found: ReadonlySet<Cause>): RuledOut[] {
  const out: RuledOut[] = [];
  for (const cause of CAUSE_PACKET_ORDER) {
    if (found.has(cause)) continue;
    const by = EXPLAIN[cause]?.(input);
    if (by) out.push({ cause, by });
  }
  return out;
}
