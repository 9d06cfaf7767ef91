import * as g from '../../flowchart/guards';
import { connectData, reachedAddress, routeData } from '../evidence-view';
import {
  failed,
  finding,
  verdict,
  type Finding,
  type StepContext,
  type StepDecision,
} from './types';

const UNUSABLE = ['unreachable', 'prohibit', 'blackhole', 'none'];

/**
 * The client-side faults: no route, or no answer at layers 2–3. `server` holds the faults
 * the server's evidence proves: a down server interface explains a missing route when both
 * ends are this machine, and any server fault explains an unanswered connect better.
 */
export function routeFaults(ctx: StepContext, server: readonly Finding[]): Finding[] {
  const { input } = ctx;
  if (ctx.outcome === 'ok') return [];
  const interfaceExplains = server.some((f) => f.cause === 'interface-down');
  const out: Finding[] = [];
  const route = routeData(input.evidence, 'client');
  if (route && UNUSABLE.includes(route.type) && !interfaceExplains) {
    out.push(
      finding(
        'no-route',
        route.error ? 'diagnosis.finding.noRouteError' : 'diagnosis.finding.noRoute',
        { destination: route.destination, type: route.type, error: route.error ?? null },
        'high',
      ),
    );
  } else if (g.noClientRoute(input) && server.length === 0 && !interfaceExplains) {
    out.push(
      finding(
        'no-route',
        'diagnosis.finding.netUnreachable',
        { host: input.target.host },
        'medium',
      ),
    );
  }
  if (g.hostUnreachable(input) && server.length === 0 && out.length === 0) {
    const errno =
      connectData(input.evidence)?.attempts.find((a) => a.result !== 'ok')?.errno ?? 'EHOSTUNREACH';
    out.push(
      finding(
        'host-unreachable',
        'diagnosis.finding.hostUnreachable',
        { host: input.target.host, errno },
        'medium',
      ),
    );
  }
  return out;
}

/** Step `route`: does this machine have a route, and does the host answer at layers 2–3? */
export function decideRoute(ctx: StepContext, faults: Finding[]): StepDecision {
  if (ctx.skipped.has('route')) {
    return verdict(ctx, 'route', 'skipped', 'diagnosis.step.skippedByUser');
  }
  if (faults.length > 0) return failed(ctx, 'route', faults);
  const address = reachedAddress(ctx.input.target, ctx.input.evidence);
  if (ctx.outcome === 'dns-failure' || address === null) {
    return verdict(ctx, 'route', 'skipped', 'diagnosis.step.route.skippedNoAddress');
  }
  const route = routeData(ctx.input.evidence, 'client');
  if (route && (route.type === 'unicast' || route.type === 'local')) {
    return verdict(ctx, 'route', 'pass', 'diagnosis.step.route.passRoute', {
      destination: route.destination,
      dev: route.dev ?? '?',
      type: route.type,
    });
  }
  if (ctx.outcome !== 'unreachable') {
    return verdict(ctx, 'route', 'pass', 'diagnosis.step.route.pass', { address });
  }
  return verdict(ctx, 'route', 'unknown', 'diagnosis.step.route.unknown');
}
