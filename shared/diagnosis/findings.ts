import type { Cause } from '../causes';
import type { Rule } from '../evidence';
import * as g from '../flowchart/guards';
import type { GuardInput } from '../flowchart/guards';
import { formatTarget } from '../target';
import {
  captureData,
  connectData,
  describeListener,
  dnsData,
  firewallData,
  listenersData,
  reachedAddress,
  routeData,
  serviceData,
} from './evidence-view';
import { NO_FIX, firewallFixes, interfaceFixes, serviceFixes, type FixProposal } from './fixes';

/** One fault the evidence proves (or, client-only, suggests). */
export interface Finding {
  cause: Cause;
  summary: string;
  confidence: 'high' | 'medium' | 'low';
  rule: Rule | null;
  proposal: FixProposal;
}

function finding(
  cause: Cause,
  summary: string,
  confidence: Finding['confidence'],
  extra: Partial<Pick<Finding, 'rule' | 'proposal'>> = {},
): Finding {
  return {
    cause,
    summary,
    confidence,
    rule: extra.rule ?? null,
    proposal: extra.proposal ?? NO_FIX,
  };
}

/**
 * Every fault the server-side evidence proves, in no particular order. Consequences of a
 * better-explained fault are left out (nothing listens *because* the service is stopped).
 */
export function serverFindings(input: GuardInput): Finding[] {
  const out: Finding[] = [];
  const { target } = input;
  const port = target.port;
  const address = reachedAddress(target, input.evidence);

  const iface = g.interfaceProblem(input);
  if (iface?.kind === 'down') {
    out.push(
      finding(
        'interface-down',
        `Interface ${iface.name} on the server, which carries ${iface.address}, is down (${iface.operState}).`,
        'high',
        { proposal: interfaceFixes(iface) },
      ),
    );
  } else if (iface) {
    out.push(
      finding(
        'interface-down',
        `The address ${iface.address} is not configured on any interface of the server${iface.name ? ` (its route goes out ${iface.name})` : ''}, unless a NAT in front of the server translates it.`,
        'medium',
        { proposal: interfaceFixes(iface) },
      ),
    );
  }

  const verdict = g.firewallVerdict(input);
  if (verdict && (verdict.verdict === 'reject' || verdict.verdict === 'drop')) {
    const cause = verdict.verdict === 'reject' ? 'firewall-reject' : 'firewall-drop';
    const verb = verdict.verdict === 'reject' ? 'rejects' : 'drops';
    const by = verdict.rule
      ? `${verdict.rule.frontEnd ? `${verdict.rule.frontEnd.source} rule "${verdict.rule.frontEnd.text}" (` : ''}${verdict.rule.source} ${verdict.rule.table}/${verdict.rule.chain} #${verdict.rule.position}: ${verdict.rule.text}${verdict.rule.frontEnd ? ')' : ''}`
      : verdict.reason;
    const disagrees = verdict.counterProof?.agrees === false;
    out.push(
      finding(
        cause,
        `The server's firewall ${verb} SYNs to port ${port}: ${by}.`,
        verdict.rule && !disagrees && !g.firewallSourceUnconfirmed(input) ? 'high' : 'medium',
        {
          rule: verdict.rule,
          proposal: verdict.rule ? firewallFixes(verdict.rule, port, address) : NO_FIX,
        },
      ),
    );
  }

  const capture = captureData(input.evidence);
  if (g.upstreamFiltered(input)) {
    out.push(
      finding(
        'upstream-filter',
        `The server never saw the SYN to port ${port} although its own firewall accepts it: something in the path (a cloud security group, a network firewall, a NAT) filters it.`,
        'high',
      ),
    );
  } else if (
    !capture &&
    g.timedOut(input) &&
    g.firewallAccepts(input) &&
    g.selfConnectOk(input) &&
    !iface
  ) {
    out.push(
      finding(
        'upstream-filter',
        `The server accepts connections to port ${port} from itself and its firewall accepts the SYN, yet the client's SYN got no answer: something in the path filters it (no capture confirmed it).`,
        'medium',
      ),
    );
  }

  const other = g.listenersOnOtherAddress(input);
  if (other) {
    out.push(
      finding(
        'bound-to-other-address',
        `Port ${port} is listened on only at ${other.map(describeListener).join(', ')}, not on ${address ?? target.host}, the address the client reaches.`,
        'high',
      ),
    );
  }

  const svc = serviceData(input.evidence);
  const wrongPort = g.serviceOnOtherPort(input);
  const stopped = g.serviceStopped(input);
  if (svc && wrongPort) {
    const ports = g.servicePorts(input);
    out.push(
      finding(
        'wrong-port',
        `${svc.name} runs and listens on port ${ports.join(', ')}, not on ${port}: connect to ${ports.length === 1 ? formatTarget({ host: target.host, port: ports[0] ?? port }) : 'one of those'} or change its configuration.`,
        'high',
      ),
    );
  }
  if (svc && stopped) {
    out.push(
      finding(
        'service-not-running',
        `The service ${svc.name} is ${svc.state}${svc.subState ? ` (${svc.subState})` : ''}, so nothing serves port ${port}.`,
        'high',
        { proposal: serviceFixes(svc) },
      ),
    );
  }

  if (g.noListener(input) && !wrongPort && !stopped) {
    const notFound = svc?.state === 'not-found' ? ` (no unit named ${svc.name} exists)` : '';
    out.push(
      finding(
        'not-listening',
        `Nothing listens on port ${port} on the server${notFound}.`,
        g.firewallUndecided(input) ? 'medium' : 'high',
      ),
    );
  }
  return out;
}

/** The client-side faults: resolver, route, layer 2–3 answers. */
export function clientFindings(input: GuardInput, server: readonly Finding[]): Finding[] {
  const serverFindingsFound = server.length > 0;
  // A down server interface explains a missing route when both ends are this machine.
  const interfaceExplains = server.some((f) => f.cause === 'interface-down');
  const out: Finding[] = [];
  const c = connectData(input.evidence);
  if (g.dnsFailed(input)) {
    const err = c?.dnsError ?? dnsData(input.evidence)?.error ?? 'no address';
    out.push(
      finding('dns-failure', `The name ${input.target.host} does not resolve (${err}).`, 'high'),
    );
  }
  const route = routeData(input.evidence, 'client');
  if (
    route &&
    ['unreachable', 'prohibit', 'blackhole', 'none'].includes(route.type) &&
    !interfaceExplains
  ) {
    out.push(
      finding(
        'no-route',
        `This machine has no usable route to ${route.destination} (route type ${route.type}${route.error ? `: ${route.error}` : ''}).`,
        'high',
      ),
    );
  } else if (g.noClientRoute(input) && !serverFindingsFound && !interfaceExplains) {
    out.push(
      finding(
        'no-route',
        `The network to ${input.target.host} is unreachable (ENETUNREACH).`,
        'medium',
      ),
    );
  }
  if (
    g.hostUnreachable(input) &&
    !serverFindingsFound &&
    !out.some((f) => f.cause === 'no-route')
  ) {
    const errno = c?.attempts.find((a) => a.result !== 'ok')?.errno ?? 'EHOSTUNREACH';
    out.push(
      finding(
        'host-unreachable',
        `${input.target.host} does not answer at the network layer (${errno}): it is down, its address is not on the link, or a router or firewall answered "host unreachable".`,
        'medium',
      ),
    );
  }
  return out;
}

/** Firewall backends that were present but could not be read (for "unknown" summaries). */
export function unreadableFirewalls(input: GuardInput): string[] {
  return (firewallData(input.evidence)?.backends ?? [])
    .filter((b) => b.present && !b.readable)
    .map((b) => b.source);
}

/** True when the listeners evidence exists and at least one covers the reached address. */
export function listenerServes(input: GuardInput): boolean {
  const d = listenersData(input.evidence);
  return d !== undefined && !g.noListener(input) && !g.boundToOtherAddress(input);
}
