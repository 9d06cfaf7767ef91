import { causeRank, type Outcome } from '../causes';
import type { DecisionStep } from '../decision-steps';
import type { Diagnosis, Evidence } from '../evidence';
import * as g from '../flowchart/guards';
import type { GuardInput } from '../flowchart/guards';
import { english } from '../i18n/translate';
import { msg, type Message } from '../i18n/message';
import { newSessionId } from '../session-id';
import { formatTarget, isIPv4, isIPv6, type Target } from '../target';
import {
  connectData,
  dnsData,
  hasServerEvidence,
  normalizeAddress,
  sweepData,
} from './evidence-view';
import { NO_FIX } from './fixes';
import { nextSteps } from './next-steps';
import { ruledOut } from './ruled-out';
import { reasonParams } from './steps/firewall';
import {
  decideSteps,
  listenerServes,
  unreadableFirewalls,
  type Finding,
  type StepContext,
} from './steps';

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
  /** Decision steps the user skipped (manual mode): their evidence is not used. */
  skipped?: readonly DecisionStep[];
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

/** The message of the `unknown` answer: why the evidence does not name a cause. */
function unknownMessage(ctx: StepContext): Message {
  const { input, outcome } = ctx;
  const where = formatTarget(input.target);
  const v = g.firewallVerdict(input);
  if (v?.verdict === 'unknown') {
    return v.undecidable
      ? msg('diagnosis.unknown.firewallUnevaluatedRule', {
          where,
          outcome,
          ...reasonParams(v),
          undecidable: `${v.undecidable.source} ${v.undecidable.chain} #${v.undecidable.position}: ${v.undecidable.text}`,
        })
      : msg('diagnosis.unknown.firewallUnevaluated', { where, outcome, ...reasonParams(v) });
  }
  const unreadable = unreadableFirewalls(ctx);
  if (unreadable.length > 0) {
    return msg('diagnosis.unknown.firewallUnreadNamed', {
      where,
      outcome,
      backends: unreadable.join(', '),
    });
  }
  if (g.firewallUndecided(input))
    return msg('diagnosis.unknown.firewallUnread', { where, outcome });
  if (outcome === 'reset') return msg('diagnosis.unknown.reset', { where });
  if (listenerServes(ctx)) return msg('diagnosis.unknown.listenerServes', { where, outcome });
  return msg('diagnosis.unknown.notEnough', { where, outcome });
}

function unknownFinding(ctx: StepContext): Finding {
  const message = unknownMessage(ctx);
  return {
    cause: 'unknown',
    summary: english(message),
    message,
    confidence: 'low',
    rule: null,
    proposal: NO_FIX,
  };
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
 * Builds the Diagnosis (DESIGN §3) from the decision steps' findings: the first fault of
 * the first failing step is the cause, the other faults go to `alsoFound`; an earlier step
 * that could not tell (`unknown`) and could explain what the client saw makes the cause
 * `unknown`. Pure: the same evidence always gives the same diagnosis.
 */
export function buildDiagnosis(input: DiagnosisInput): Diagnosis {
  const gi: GuardInput = { target: input.target, evidence: input.evidence, service: input.service };
  const outcome = outcomeOf(gi);
  const serverSide = hasServerEvidence(input.evidence);
  const ctx: StepContext = {
    input: gi,
    outcome,
    serverSide,
    timeoutMs: input.timeoutMs ?? 3000,
    skipped: new Set(input.skipped ?? []),
  };
  const { steps, faults } = decideSteps(ctx);
  const warnings: Message[] = [];

  let findings: Finding[];
  if (outcome === 'ok') {
    const c = connectData(input.evidence);
    const okAt = c?.attempts.find((a) => a.result === 'ok')?.address;
    const where = formatTarget(input.target);
    const message =
      okAt && okAt !== input.target.host
        ? msg('diagnosis.finding.okVia', { where, address: okAt })
        : msg('diagnosis.finding.ok', { where });
    findings = [
      {
        cause: 'ok',
        summary: english(message),
        message,
        confidence: 'high',
        rule: null,
        proposal: NO_FIX,
      },
    ];
    for (const a of c?.attempts.filter((x) => x.result !== 'ok') ?? []) {
      warnings.push(
        msg('diagnosis.warning.addressFailed', {
          address: a.address,
          error: a.errno ?? a.result,
        }),
      );
    }
  } else {
    findings = [...faults];
    // A closed port, a stopped service or a bind elsewhere answers with a refusal, never
    // with silence: when the SYN timed out and the firewall step could not tell, those
    // faults do not explain what the client saw (they stay in alsoFound).
    const first = findings[0];
    const firewallUnknown = steps.find((s) => s.step === 'firewall')?.verdict === 'unknown';
    if (
      first &&
      outcome === 'timeout' &&
      serverSide &&
      firewallUnknown &&
      causeRank(first.cause) > causeRank('firewall-reject')
    ) {
      findings = [unknownFinding(ctx), ...findings];
    }
  }
  const top: Finding = findings[0] ?? unknownFinding(ctx);
  if (
    top.cause !== 'unknown' &&
    top.cause !== 'ok' &&
    serverSide &&
    g.firewallUndecided(gi) &&
    causeRank(top.cause) > causeRank('firewall-reject')
  ) {
    warnings.push(msg('diagnosis.warning.firewallUnevaluated'));
  }
  const found = new Set(findings.map((f) => f.cause));
  return {
    target: { host: input.target.host, port: input.target.port, addresses: addressesOf(gi) },
    outcome,
    cause: top.cause,
    confidence: top.confidence,
    summary: top.summary,
    message: top.message,
    evidence: [...input.evidence],
    ruledOut: outcome === 'ok' ? [] : ruledOut(gi, found),
    alsoFound: findings
      .slice(1)
      .map((f) => ({ cause: f.cause, summary: f.summary, message: f.message })),
    rule: top.rule,
    fix: top.proposal.fix,
    alternatives: top.proposal.alternatives,
    verified: null,
    durationMs: input.durationMs,
    steps,
    nextSteps: nextSteps({
      input: gi,
      outcome,
      cause: top.cause,
      fix: top.proposal.fix,
      alternatives: top.proposal.alternatives,
      serverSide,
    }),
    changeId: null,
    sessionId: input.sessionId ?? newSessionId(),
    warnings: warnings.map(english),
    warningMessages: warnings,
    hints: sweepHints(gi, outcome),
  };
}

/**
 * The diagnosis with one more warning: its English text in `warnings` (for JSON) and the
 * message in `warningMessages`, index for index.
 */
export function withWarning(d: Diagnosis, warning: Message): Diagnosis {
  const texts = d.warnings ?? [];
  const messages = d.warningMessages ?? [];
  return {
    ...d,
    warnings: [...texts, english(warning)],
    // Messages stay aligned with texts only while every warning has one.
    warningMessages: messages.length === texts.length ? [...messages, warning] : undefined,
  };
}
