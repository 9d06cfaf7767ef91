import * as g from '../../flowchart/guards';
import { listenersData, serviceData } from '../evidence-view';
import { stoppedFinding } from './listening';
import { failed, verdict, type Finding, type StepContext, type StepDecision } from './types';

/**
 * The expected service is stopped although something listens on the port (when nothing
 * listens, the `listening` step already names it).
 */
export function serviceFaults(ctx: StepContext): Finding[] {
  if (ctx.outcome === 'ok' || !ctx.serverSide) return [];
  const listenersKnown = listenersData(ctx.input.evidence) !== undefined;
  if (!g.serviceStopped(ctx.input) || !listenersKnown || g.noListener(ctx.input)) return [];
  return [stoppedFinding(ctx)];
}

/** Step `service`: is the expected service running? */
export function decideService(
  ctx: StepContext,
  faults: Finding[],
  namedEarlier: boolean,
): StepDecision {
  if (ctx.skipped.has('service')) {
    return verdict(ctx, 'service', 'skipped', 'diagnosis.step.skippedByUser');
  }
  if (faults.length > 0) return failed(ctx, 'service', faults);
  const svc = serviceData(ctx.input.evidence);
  const state = svc?.subState ? `${svc.state} (${svc.subState})` : (svc?.state ?? '');
  if (svc && namedEarlier) {
    return verdict(ctx, 'service', 'skipped', 'diagnosis.step.service.namedByListening', {
      service: svc.name,
      state,
    });
  }
  if (!ctx.serverSide) return verdict(ctx, 'service', 'skipped', 'diagnosis.step.skippedNoAccess');
  if (!svc || svc.state === 'not-found' || svc.name.trim() === '') {
    return verdict(ctx, 'service', 'skipped', 'diagnosis.step.service.noService', {
      port: ctx.input.target.port,
    });
  }
  if (svc.state === 'unknown') {
    return verdict(ctx, 'service', 'unknown', 'diagnosis.step.service.unknown', {
      service: svc.name,
    });
  }
  return verdict(ctx, 'service', 'pass', 'diagnosis.step.service.pass', {
    service: svc.name,
    state,
  });
}
