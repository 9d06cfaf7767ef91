import * as g from '../../flowchart/guards';
import { interfacesData, reachedAddress } from '../evidence-view';
import { interfaceFixes } from '../fixes';
import {
  failed,
  finding,
  verdict,
  type Finding,
  type StepContext,
  type StepDecision,
} from './types';

/** The server interface that should carry the target address is down, or lacks it. */
export function networkFaults(ctx: StepContext): Finding[] {
  if (ctx.outcome === 'ok' || !ctx.serverSide) return [];
  const iface = g.interfaceProblem(ctx.input);
  if (!iface) return [];
  if (iface.kind === 'down') {
    return [
      finding(
        'interface-down',
        'diagnosis.finding.interfaceDown',
        { name: iface.name, address: iface.address, state: iface.operState },
        'high',
        { proposal: interfaceFixes(iface) },
      ),
    ];
  }
  return [
    finding(
      'interface-down',
      iface.name ? 'diagnosis.finding.addressMissingVia' : 'diagnosis.finding.addressMissing',
      { address: iface.address, name: iface.name },
      'medium',
      { proposal: interfaceFixes(iface) },
    ),
  ];
}

/** Step `network`: is the target address on a server interface that is up? */
export function decideNetwork(ctx: StepContext, faults: Finding[]): StepDecision {
  if (ctx.skipped.has('network')) {
    return verdict(ctx, 'network', 'skipped', 'diagnosis.step.skippedByUser');
  }
  if (faults.length > 0) return failed(ctx, 'network', faults);
  const address = reachedAddress(ctx.input.target, ctx.input.evidence) ?? ctx.input.target.host;
  const d = interfacesData(ctx.input.evidence);
  if (d && d.interfaces.length > 0) {
    return verdict(ctx, 'network', 'pass', 'diagnosis.step.network.pass', { address });
  }
  if (ctx.outcome === 'refused' || ctx.outcome === 'reset' || ctx.outcome === 'ok') {
    return verdict(ctx, 'network', 'pass', 'diagnosis.step.network.passAnswered', { address });
  }
  if (!ctx.serverSide) return verdict(ctx, 'network', 'skipped', 'diagnosis.step.skippedNoAccess');
  return verdict(ctx, 'network', 'unknown', 'diagnosis.step.network.unknown');
}
