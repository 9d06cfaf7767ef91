import { CAUSE_PACKET_ORDER, type Cause } from '../causes';
import { msg, type Message } from '../i18n/message';
import { english } from '../i18n/translate';
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
import { reasonParams } from './steps/firewall';

/** One excluded alternative and the evidence that excluded it (`by` is `message` in English). */
export interface RuledOut {
  cause: Cause;
  by: string;
  message: Message;
}

type Explainer = (input: GuardInput) => Message | null;

const EXPLAIN: Partial<Record<Cause, Explainer>> = {
  'dns-failure': ({ evidence, target }) => {
    const c = connectData(evidence);
    if (!c || c.addresses.length === 0 || c.dnsError) return null;
    return c.addresses.length === 1 && c.addresses[0] === target.host
      ? msg('diagnosis.ruledOut.isAddress', { host: target.host })
      : msg('diagnosis.ruledOut.resolved', {
          host: target.host,
          addresses: c.addresses.join(', '),
        });
  },
  'no-route': (input) => {
    const r = routeData(input.evidence, 'client');
    if (r && (r.type === 'unicast' || r.type === 'local')) {
      return msg('diagnosis.ruledOut.route', {
        route: `${r.destination}${r.via ? ` via ${r.via}` : ''}${r.dev ? ` dev ${r.dev}` : ''}`,
        type: r.type,
      });
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
    return i
      ? msg('diagnosis.ruledOut.interfaceUp', { address, name: i.name, state: i.operState })
      : null;
  },
  'upstream-filter': ({ evidence }) => {
    const c = captureData(evidence);
    return c?.synSeen ? msg('diagnosis.ruledOut.synSeen', { answer: c.answer }) : null;
  },
  'firewall-reject': (input) => firewallAccepts(input),
  'firewall-drop': (input) => firewallAccepts(input),
  'bound-to-other-address': (input) => {
    const on = g.listenersOnTargetPort(input);
    const address = reachedAddress(input.target, input.evidence);
    if (!on) return null;
    if (on.length === 0)
      return msg('diagnosis.ruledOut.nothingListens', { port: input.target.port });
    const l = address !== null ? on.find((x) => listenerCovers(x, address)) : undefined;
    return l
      ? msg('diagnosis.ruledOut.listenerAccepts', {
          listener: describeListener(l),
          address: address ?? '',
        })
      : null;
  },
  'wrong-port': (input) => {
    const s = serviceData(input.evidence);
    if (s?.state === 'active' && g.servicePorts(input).includes(input.target.port)) {
      return msg('diagnosis.ruledOut.serviceListens', { service: s.name, port: input.target.port });
    }
    return null;
  },
  'service-not-running': (input) => {
    const s = serviceData(input.evidence);
    return s?.state === 'active'
      ? msg('diagnosis.ruledOut.serviceActive', {
          service: s.name,
          sub: s.subState ? ` (${s.subState})` : '',
        })
      : null;
  },
  'not-listening': (input) => {
    const on = g.listenersOnTargetPort(input);
    return on && on.length > 0
      ? msg('diagnosis.ruledOut.listeners', { listeners: on.map(describeListener).join(', ') })
      : null;
  },
};

function answered({ evidence }: GuardInput): Message | null {
  const c = connectData(evidence);
  if (c?.outcome === 'refused') return msg('diagnosis.ruledOut.answeredRefusal');
  if (c?.outcome === 'reset') return msg('diagnosis.ruledOut.answeredReset');
  return null;
}

function firewallAccepts(input: GuardInput): Message | null {
  const v = g.firewallVerdict(input);
  return v?.verdict === 'accept' ? msg('diagnosis.ruledOut.firewall', reasonParams(v)) : null;
}

/**
 * Each alternative cause (other than the ones found) that the evidence excludes, with the
 * evidence that excluded it. Alternatives the evidence cannot exclude are not listed.
 */
export function ruledOut(input: GuardInput, found: ReadonlySet<Cause>): RuledOut[] {
  const out: RuledOut[] = [];
  for (const cause of CAUSE_PACKET_ORDER) {
    if (found.has(cause)) continue;
    const message = EXPLAIN[cause]?.(input);
    if (message) out.push({ cause, by: english(message), message });
  }
  return out;
}
