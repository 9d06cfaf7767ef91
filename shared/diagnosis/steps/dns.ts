import * as g from '../../flowchart/guards';
import { isIPv4, isIPv6 } from '../../target';
import { connectData, dnsData } from '../evidence-view';
import {
  failed,
  finding,
  verdict,
  type Finding,
  type StepContext,
  type StepDecision,
} from './types';

/** The name does not resolve. */
export function dnsFaults(ctx: StepContext): Finding[] {
  const { input } = ctx;
  if (ctx.outcome === 'ok' || !g.dnsFailed(input)) return [];
  const error =
    connectData(input.evidence)?.dnsError ?? dnsData(input.evidence)?.error ?? 'no address';
  return [
    finding(
      'dns-failure',
      'diagnosis.finding.dnsFailure',
      { host: input.target.host, error },
      'high',
    ),
  ];
}

/** Step `dns`: does the name resolve? */
export function decideDns(ctx: StepContext, faults: Finding[]): StepDecision {
  const host = ctx.input.target.host;
  if (ctx.skipped.has('dns')) return verdict(ctx, 'dns', 'skipped', 'diagnosis.step.skippedByUser');
  if (faults.length > 0) return failed(ctx, 'dns', faults);
  if (isIPv4(host) || isIPv6(host)) {
    return verdict(ctx, 'dns', 'pass', 'diagnosis.step.dns.passLiteral', { host });
  }
  const addresses =
    connectData(ctx.input.evidence)?.addresses ??
    dnsData(ctx.input.evidence)?.addresses.map((a) => a.address) ??
    [];
  if (addresses.length > 0) {
    return verdict(ctx, 'dns', 'pass', 'diagnosis.step.dns.pass', {
      host,
      addresses: addresses.join(', '),
    });
  }
  return verdict(ctx, 'dns', 'unknown', 'diagnosis.step.dns.unknown');
}
