import * as g from '../../flowchart/guards';
import { captureData } from '../evidence-view';
import {
  failed,
  finding,
  verdict,
  type Finding,
  type StepContext,
  type StepDecision,
} from './types';

/** The SYN never reached the server although its own firewall accepts it. */
export function pathFaults(ctx: StepContext): Finding[] {
  const { input } = ctx;
  if (ctx.outcome === 'ok' || !ctx.serverSide) return [];
  const port = input.target.port;
  if (g.upstreamFiltered(input)) {
    return [finding('upstream-filter', 'diagnosis.finding.upstreamFilter', { port }, 'high')];
  }
  if (
    !captureData(input.evidence) &&
    g.timedOut(input) &&
    g.firewallAccepts(input) &&
    g.selfConnectOk(input) &&
    !g.interfaceProblem(input)
  ) {
    return [
      finding('upstream-filter', 'diagnosis.finding.upstreamFilterNoCapture', { port }, 'medium'),
    ];
  }
  return [];
}

/** Step `path`: did the client's SYN reach the server? */
export function decidePath(ctx: StepContext, faults: Finding[]): StepDecision {
  if (ctx.skipped.has('path'))
    return verdict(ctx, 'path', 'skipped', 'diagnosis.step.skippedByUser');
  if (faults.length > 0) return failed(ctx, 'path', faults);
  const capture = captureData(ctx.input.evidence);
  if (capture?.synSeen) {
    return verdict(ctx, 'path', 'pass', 'diagnosis.step.path.passCaptured', {
      answer: capture.answer,
    });
  }
  if (ctx.outcome === 'refused' || ctx.outcome === 'reset' || ctx.outcome === 'ok') {
    return verdict(ctx, 'path', 'pass', 'diagnosis.step.path.passAnswered', {
      outcome: ctx.outcome,
    });
  }
  if (!ctx.serverSide) return verdict(ctx, 'path', 'skipped', 'diagnosis.step.skippedNoAccess');
  return verdict(ctx, 'path', 'unknown', 'diagnosis.step.path.unknown');
}
