import { DECISION_STEPS, type DecisionStep, type StepFinding } from '../../decision-steps';
import { dnsFaults, decideDns } from './dns';
import { decideFirewall, firewallFaults, timeoutFallback } from './firewall';
import { decideListening, listeningFaults, refusedFallback } from './listening';
import { decideNetwork, networkFaults } from './network';
import { decidePath, pathFaults } from './path';
import { decideRoute, routeFaults } from './route';
import { decideService, serviceFaults } from './service';
import { verdict, type Finding, type StepContext, type StepDecision } from './types';

export { listenerServes } from './listening';
export { describeRule, unreadableFirewalls } from './firewall';
export type { Finding, StepContext } from './types';

/**
 * The evidence each step owns: when the user skips a step, its evidence is set aside so
 * that no other step decides from it either.
 */
const OWN_EVIDENCE: Record<DecisionStep, readonly string[]> = {
  dns: ['client.dns'],
  route: ['client.route'],
  network: ['server.interfaces', 'server.route'],
  path: ['server.capture'],
  firewall: ['server.firewall'],
  listening: ['server.listeners', 'server.connect'],
  service: ['server.service'],
};

/** The context without the evidence of the steps the user skipped. */
export function withoutSkipped(ctx: StepContext): StepContext {
  if (ctx.skipped.size === 0) return ctx;
  const drop = new Set([...ctx.skipped].flatMap((s) => OWN_EVIDENCE[s]));
  const evidence = ctx.input.evidence.filter((e) => !drop.has(`${e.vantage}.${e.probe}`));
  return { ...ctx, input: { ...ctx.input, evidence } };
}

/** Every step's finding, in packet-path order, and the faults they prove in that order. */
export interface StepsResult {
  steps: StepFinding[];
  faults: Finding[];
}

/**
 * Walks the seven decision steps (DESIGN §2) over the gathered evidence. Each step's
 * guards decide its verdict; a failing step's faults are listed in packet-path order, so
 * the first fault of the first failing step is the cause.
 */
export function decideSteps(given: StepContext): StepsResult {
  const ctx = withoutSkipped(given);
  const own = (step: DecisionStep, faults: Finding[]): Finding[] =>
    ctx.skipped.has(step) ? [] : faults;

  const network = own('network', networkFaults(ctx));
  const path = own('path', pathFaults(ctx));
  let firewall = own('firewall', firewallFaults(ctx));
  let listening = own('listening', listeningFaults(ctx));
  const service = own('service', serviceFaults(ctx));
  const serverFaults = [...network, ...path, ...firewall, ...listening, ...service];
  const dns = own('dns', dnsFaults(ctx));
  const route = own('route', routeFaults(ctx, serverFaults));

  if (dns.length + route.length + serverFaults.length === 0) {
    firewall = own('firewall', timeoutFallback(ctx));
    listening = own('listening', refusedFallback(ctx));
  }

  const namedEarlier = listening.some((f) => f.cause === 'service-not-running');
  const decisions: StepDecision[] = [
    decideDns(ctx, dns),
    decideRoute(ctx, route),
    decideNetwork(ctx, network),
    decidePath(ctx, path),
    decideFirewall(ctx, firewall),
    decideListening(ctx, listening),
    decideService(ctx, service, namedEarlier),
  ];
  const steps = decisions.map((d, i) => {
    const step = DECISION_STEPS[i] as DecisionStep;
    // Without an address nothing after `dns` could be looked at for this connection.
    if (ctx.outcome === 'dns-failure' && step !== 'dns' && d.finding.verdict === 'unknown') {
      return verdict(ctx, step, 'skipped', 'diagnosis.step.skippedEarlier').finding;
    }
    return d.finding;
  });
  return { steps, faults: decisions.flatMap((d) => d.faults) };
}
