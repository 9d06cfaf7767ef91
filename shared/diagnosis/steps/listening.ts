import * as g from '../../flowchart/guards';
import { formatTarget } from '../../target';
import {
  connectData,
  describeListener,
  listenerCovers,
  listenersData,
  reachedAddress,
  serviceData,
} from '../evidence-view';
import { configFixes, moveFixes } from '../config-fixes';
import { serviceFixes } from '../fixes';
import {
  failed,
  finding,
  verdict,
  type Finding,
  type StepContext,
  type StepDecision,
} from './types';

/** True when the listeners evidence exists and at least one covers the reached address. */
export function listenerServes(ctx: StepContext): boolean {
  const { input } = ctx;
  return (
    listenersData(input.evidence) !== undefined &&
    !g.noListener(input) &&
    !g.boundToOtherAddress(input)
  );
}

/** The expected service is stopped and nothing (readable) listens on the port. */
function stoppedAndSilent(ctx: StepContext): boolean {
  return (
    g.serviceStopped(ctx.input) && (g.noListener(ctx.input) || !listenersData(ctx.input.evidence))
  );
}

/** Bound to another address, listening on another port, or nothing listening at all. */
export function listeningFaults(ctx: StepContext): Finding[] {
  const { input } = ctx;
  if (ctx.outcome === 'ok' || !ctx.serverSide) return [];
  const port = input.target.port;
  const address = reachedAddress(input.target, input.evidence);
  const out: Finding[] = [];

  const other = g.listenersOnOtherAddress(input);
  if (other) {
    out.push(
      finding(
        'bound-to-other-address',
        'diagnosis.finding.boundElsewhere',
        {
          port,
          listeners: other.map(describeListener).join(', '),
          address: address ?? input.target.host,
        },
        'high',
        { proposal: configFixes(input.evidence, address, port) },
      ),
    );
  }

  const svc = serviceData(input.evidence);
  const wrongPort = g.serviceOnOtherPort(input);
  if (svc && wrongPort) {
    const ports = g.servicePorts(input);
    const [only] = ports;
    out.push(
      ports.length === 1 && only !== undefined
        ? finding(
            'wrong-port',
            'diagnosis.finding.wrongPortOne',
            {
              service: svc.name,
              ports: String(only),
              port,
              suggestion: formatTarget({ host: input.target.host, port: only }),
            },
            'high',
            { proposal: moveFixes(input.evidence, port) },
          )
        : finding(
            'wrong-port',
            'diagnosis.finding.wrongPortMany',
            { service: svc.name, ports: ports.join(', '), port },
            'high',
          ),
    );
  }
  if (svc && stoppedAndSilent(ctx)) out.push(stoppedFinding(ctx));

  if (g.noListener(input) && !wrongPort && !g.serviceStopped(input)) {
    out.push(
      finding(
        'not-listening',
        svc?.state === 'not-found'
          ? 'diagnosis.finding.notListeningNoUnit'
          : 'diagnosis.finding.notListening',
        { port, service: svc?.name ?? null },
        g.firewallUndecided(input) ? 'medium' : 'high',
      ),
    );
  }
  return out;
}

/** The expected service is stopped or failed (with its fixes). */
export function stoppedFinding(ctx: StepContext): Finding {
  const svc = serviceData(ctx.input.evidence);
  if (!svc) throw new Error('stoppedFinding without service evidence');
  return finding(
    'service-not-running',
    svc.subState ? 'diagnosis.finding.serviceStoppedSub' : 'diagnosis.finding.serviceStopped',
    {
      service: svc.name,
      state: svc.state,
      subState: svc.subState ?? null,
      port: ctx.input.target.port,
    },
    'high',
    { proposal: serviceFixes(svc) },
  );
}

/**
 * The answer when no step proves a fault and the connection was refused: nothing listens,
 * as far as the client (or unreadable server evidence) can tell.
 */
export function refusedFallback(ctx: StepContext): Finding[] {
  const { input } = ctx;
  if (ctx.outcome !== 'refused' || listenerServes(ctx)) return [];
  const where = formatTarget(input.target);
  const port = input.target.port;
  if (!ctx.serverSide) {
    return [
      finding('not-listening', 'diagnosis.finding.refusedClientOnly', { where, port }, 'low'),
    ];
  }
  const selfRefused = connectData(input.evidence, 'server')?.outcome === 'refused';
  return [
    finding(
      'not-listening',
      selfRefused ? 'diagnosis.finding.refusedUnreadSelf' : 'diagnosis.finding.refusedUnread',
      { where, port },
      selfRefused && g.firewallAccepts(input) ? 'medium' : 'low',
    ),
  ];
}

/** Step `listening`: does something listen on the port, on the address the client reaches? */
export function decideListening(ctx: StepContext, faults: Finding[]): StepDecision {
  if (ctx.skipped.has('listening')) {
    return verdict(ctx, 'listening', 'skipped', 'diagnosis.step.skippedByUser');
  }
  if (faults.length > 0) return failed(ctx, 'listening', faults);
  const { input } = ctx;
  const port = input.target.port;
  const d = listenersData(input.evidence);
  const address = reachedAddress(input.target, input.evidence);
  if (d && address !== null) {
    const covering = (g.listenersOnTargetPort(input) ?? []).filter((l) =>
      listenerCovers(l, address),
    );
    if (covering.length > 0) {
      return verdict(ctx, 'listening', 'pass', 'diagnosis.step.listening.pass', {
        port,
        listeners: covering.map(describeListener).join(', '),
        address,
      });
    }
  }
  if (ctx.outcome === 'ok' || ctx.outcome === 'reset') {
    return verdict(ctx, 'listening', 'pass', 'diagnosis.step.listening.passAnswered', { port });
  }
  if (!ctx.serverSide) {
    return verdict(ctx, 'listening', 'skipped', 'diagnosis.step.skippedNoAccess');
  }
  if (d && listenerServes(ctx)) {
    return verdict(ctx, 'listening', 'pass', 'diagnosis.step.listening.passAnswered', { port });
  }
  return verdict(ctx, 'listening', 'unknown', 'diagnosis.step.listening.unknown');
}
