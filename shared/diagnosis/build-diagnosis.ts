import { causeRank, type Outcome } from '../causes';
import type { Diagnosis, Evidence } from '../evidence';
import * as g from '../flowchart/guards';
import type { GuardInput } from '../flowchart/guards';
import { formatTarget, isIPv4, isIPv6, type Target } from '../target';
import {
  connectData,
  dnsData,
  hasServerEvidence,
  normalizeAddress,
  reachedAddress,
  sweepData,
} from './evidence-view';
import {
  clientFindings,
  listenerServes,
  serverFindings,
  unreadableFirewalls,
  type Finding,
} from './findings';
import { NO_FIX } from './fixes';
import { serverNextSteps } from './next-steps';
import { ruledOut } from './ruled-out';
import { newSessionId } from '../session-id';

/** What the diagnosis is built from. */
export interface DiagnosisInput {
  target: Target;
  evidence: readonly Evidence[];
  /** The service expected on the port (`--service`). */
  service?: string;
  /** Connect timeout used, for the summaries. */
  timeoutMs?: number;
  durationMs: number;
  /** The session's id; a new one when not given. */
  sessionId?: string;
}

function outcomeOf(input: GuardInput): Outcome {
  const c = connectData(input.evidence);
  if (c) return c.outcome;
  return g.dnsFailed(input) ? 'dns-failure' : 'unreachable';
}

function addressesOf(input: GuardInput): string[] {
  const c = connectData(input.evidence);
  if (c && c.addresses.length > 0) return c.addresses.map(normalizeAddress);
  const d = dnsData(input.evidence);
  if (d && d.addresses.length > 0) return d.addresses.map((a) => normalizeAddress(a.address));
  const h = input.target.host;
  return isIPv4(h) || isIPv6(h) ? [normalizeAddress(h)] : [];
}

/**
 * The answer when no fault is proven: what the client saw says enough on its own unless
 * the server's evidence contradicts it (a listener that serves the address, a firewall
 * that accepts the SYN that timed out).
 */
function fallbackAnswer(
  input: GuardInput,
  outcome: Outcome,
  timeoutMs: number,
  serverSide: boolean,
): Finding | null {
  const where = formatTarget(input.target);
  if (outcome === 'refused' && !listenerServes(input)) {
    if (!serverSide) {
      return {
        cause: 'not-listening',
        summary: `${where} refused the connection: nothing listens on port ${input.target.port} there, as far as the client can tell. Without server access ConnDoctor cannot tell a stopped service, a service bound to another address and a firewall REJECT apart — run the next steps on the server, or give --ssh.`,
        confidence: 'low',
        rule: null,
        proposal: NO_FIX,
      };
    }
    const selfRefused = connectData(input.evidence, 'server')?.outcome === 'refused';
    return {
      cause: 'not-listening',
      summary: `${where} refused the connection${selfRefused ? ', also from the server itself,' : ''} and no server rule rejects it: nothing listens on port ${input.target.port} (the listening sockets could not be read to confirm it).`,
      confidence: selfRefused && g.firewallAccepts(input) ? 'medium' : 'low',
      rule: null,
      proposal: NO_FIX,
    };
  }
  if (outcome === 'timeout' && !g.firewallAccepts(input) && !g.firewallUndecided(input)) {
    return {
      cause: 'firewall-drop',
      summary: `Nothing answered the SYN to ${where} within ${timeoutMs} ms: something dropped it — a firewall on the server or in the path — or the host is down. ${serverSide ? 'The server-side evidence does not name the rule.' : 'Without server access ConnDoctor cannot name the rule.'}`,
      confidence: 'low',
      rule: null,
      proposal: NO_FIX,
    };
  }
  return null;
}

function unknownSummary(input: GuardInput, outcome: Outcome): string {
  const where = formatTarget(input.target);
  const v = g.firewallVerdict(input);
  if (v?.verdict === 'unknown') {
    const rule = v.undecidable
      ? ` (${v.undecidable.source} ${v.undecidable.chain} #${v.undecidable.position}: ${v.undecidable.text})`
      : '';
    return `The connection to ${where} was ${describeOutcome(outcome)}, and the server's firewall could not be evaluated${rule}: ${v.reason}. ConnDoctor does not guess.`;
  }
  const unreadable = unreadableFirewalls(input);
  if (unreadable.length > 0 || g.firewallUndecided(input)) {
    return `The connection to ${where} was ${describeOutcome(outcome)}, and the server's firewall could not be read${unreadable.length > 0 ? ` (${unreadable.join(', ')})` : ''}: run ConnDoctor with root or sudo on the server.`;
  }
  if (outcome === 'reset')
    return `${where} accepted, then reset the connection: the service (or a proxy in front of it) closed it.`;
  if (listenerServes(input)) {
    return `The connection to ${where} was ${describeOutcome(outcome)} although the server listens on the port and no server-side fault was found: the evidence does not explain it.`;
  }
  return `The connection to ${where} was ${describeOutcome(outcome)}, and the evidence gathered is not enough to say why.`;
}

function describeOutcome(outcome: Outcome): string {
  switch (outcome) {
    case 'refused':
      return 'refused';
    case 'timeout':
      return 'not answered (timeout)';
    case 'unreachable':
      return 'unreachable';
    case 'dns-failure':
      return 'not made (the name does not resolve)';
    case 'reset':
      return 'reset';
    case 'ok':
      return 'made';
  }
}

/** Open ports the sweep found next to a port that did not connect: the wrong port? */
function sweepHints(input: GuardInput, outcome: Outcome): string[] {
  const open = (sweepData(input.evidence)?.open ?? []).filter((p) => p !== input.target.port);
  if (outcome === 'ok' || open.length === 0) return [];
  const one = open.length === 1;
  return [
    `${one ? 'Port' : 'Ports'} ${open.join(', ')} ${one ? 'is' : 'are'} open on ${input.target.host}: is ${one ? 'it' : 'one of them'} the port you meant?`,
  ];
}

/**
 * Builds the Diagnosis (DESIGN §3) from a set of evidence: the first fault in packet-path
 * order is the cause, the others go to `alsoFound`, alternatives the evidence excludes go
 * to `ruledOut`. Pure: the same evidence always gives the same diagnosis.
 */
export function buildDiagnosis(input: DiagnosisInput): Diagnosis {
  const gi: GuardInput = { target: input.target, evidence: input.evidence, service: input.service };
  const outcome = outcomeOf(gi);
  const addresses = addressesOf(gi);
  const serverSide = hasServerEvidence(input.evidence);
  const timeoutMs = input.timeoutMs ?? 3000;
  const warnings: string[] = [];
  const c = connectData(input.evidence);
  const failed = c?.attempts.filter((a) => a.result !== 'ok') ?? [];

  let findings: Finding[] = [];
  if (outcome === 'ok') {
    const okAt = c?.attempts.find((a) => a.result === 'ok')?.address;
    findings = [
      {
        cause: 'ok',
        summary: `Connected to ${formatTarget(input.target)}${okAt && okAt !== input.target.host ? ` (${okAt})` : ''}: the port accepts connections.`,
        confidence: 'high',
        rule: null,
        proposal: NO_FIX,
      },
    ];
    for (const a of failed)
      warnings.push(`${a.address} failed (${a.errno ?? a.result}); another address connected`);
  } else {
    const server = serverSide ? serverFindings(gi) : [];
    findings = [...clientFindings(gi, server), ...server].sort(
      (a, b) => causeRank(a.cause) - causeRank(b.cause),
    );
    if (findings.length === 0) {
      const answer = fallbackAnswer(gi, outcome, timeoutMs, serverSide);
      if (answer) findings = [answer];
    }
  }

  const unknown: Finding = {
    cause: 'unknown',
    summary: unknownSummary(gi, outcome),
    confidence: 'low',
    rule: null,
    proposal: NO_FIX,
  };
  // A closed port, a stopped service or a bind elsewhere answers with a refusal, never with
  // silence: when the SYN timed out and the firewall could not be evaluated, those findings
  // do not explain what the client saw (they stay in alsoFound).
  const first = findings[0];
  if (
    first &&
    outcome === 'timeout' &&
    serverSide &&
    g.firewallUndecided(gi) &&
    causeRank(first.cause) > causeRank('firewall-reject')
  ) {
    findings = [unknown, ...findings];
  }
  const top: Finding = findings[0] ?? unknown;
  if (
    top.cause !== 'unknown' &&
    top.cause !== 'ok' &&
    serverSide &&
    g.firewallUndecided(gi) &&
    causeRank(top.cause) > causeRank('firewall-reject')
  ) {
    warnings.push(
      'the server firewall could not be evaluated; a firewall rule may also block the port',
    );
  }
  const found = new Set(findings.map((f) => f.cause));
  return {
    target: { host: input.target.host, port: input.target.port, addresses },
    outcome,
    cause: top.cause,
    confidence: top.confidence,
    summary: top.summary,
    evidence: [...input.evidence],
    ruledOut: outcome === 'ok' ? [] : ruledOut(gi, found),
    alsoFound: findings.slice(1).map((f) => ({ cause: f.cause, summary: f.summary })),
    rule: top.rule,
    fix: top.proposal.fix,
    alternatives: top.proposal.alternatives,
    verified: null,
    durationMs: input.durationMs,
    nextSteps: serverSide
      ? []
      : serverNextSteps(input.target, outcome, {
          address: reachedAddress(input.target, input.evidence),
          service: input.service,
        }),
    warnings,
    hints: sweepHints(gi, outcome),
    steps: [],
    changeId: null,
    sessionId: input.sessionId ?? newSessionId(),
  };
}
