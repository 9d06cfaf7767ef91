import * as g from '../../flowchart/guards';
import type { Rule } from '../../evidence';
import { embedMessage, msg, type Message, type MessageParams } from '../../i18n/message';
import { english } from '../../i18n/translate';
import type { FirewallVerdict } from '../../probe-data';
import { formatTarget } from '../../target';
import { firewallData, reachedAddress } from '../evidence-view';
import { firewallFixes, NO_FIX } from '../fixes';
import {
  commonSkip,
  failed,
  finding,
  verdict,
  type Finding,
  type StepContext,
  type StepDecision,
} from './types';

/** How a rule is named in a sentence: its front end's rule, then the kernel rule. */
export function describeRule(rule: Rule): string {
  return english(ruleMessage(rule));
}

/** {@link describeRule} as a message. */
export function ruleMessage(rule: Rule): Message {
  const kernel = `${rule.source} ${rule.table}/${rule.chain} #${rule.position}: ${rule.text}`;
  return rule.frontEnd
    ? msg('diagnosis.rule.frontEnd', {
        kernel,
        feSource: rule.frontEnd.source,
        feText: rule.frontEnd.text,
      })
    : msg('diagnosis.rule.kernel', { kernel });
}

/**
 * Params nesting the firewall evaluator's reason into a sentence (`$t({{reasonId}})`):
 * its message, or its text as found when it has none.
 */
export function reasonParams(v: FirewallVerdict): MessageParams {
  return embedMessage(v.reasonMessage ?? msg('evidence.text', { text: v.reason }), 'reasonId');
}

/** The server's firewall rejects or drops the SYN. */
export function firewallFaults(ctx: StepContext): Finding[] {
  const { input } = ctx;
  if (ctx.outcome === 'ok' || !ctx.serverSide) return [];
  const v = g.firewallVerdict(input);
  if (!v || (v.verdict !== 'reject' && v.verdict !== 'drop')) return [];
  const port = input.target.port;
  const address = reachedAddress(input.target, input.evidence);
  const disagrees = v.counterProof?.agrees === false;
  return [
    finding(
      v.verdict === 'reject' ? 'firewall-reject' : 'firewall-drop',
      v.verdict === 'reject'
        ? 'diagnosis.finding.firewallReject'
        : 'diagnosis.finding.firewallDrop',
      {
        port,
        ...embedMessage(
          v.rule
            ? ruleMessage(v.rule)
            : (v.reasonMessage ?? msg('evidence.text', { text: v.reason })),
          'byId',
        ),
      },
      v.rule && !disagrees && !g.firewallSourceUnconfirmed(input) ? 'high' : 'medium',
      {
        rule: v.rule,
        proposal: v.rule
          ? firewallFixes(v.rule, port, address, firewallData(input.evidence)?.ufw?.defaultIncoming)
          : NO_FIX,
      },
    ),
  ];
}

/**
 * The answer when no step proves a fault and the SYN timed out: something dropped it, and
 * the server's firewall (if read at all) did not accept it.
 */
export function timeoutFallback(ctx: StepContext): Finding[] {
  const { input } = ctx;
  if (ctx.outcome !== 'timeout' || g.firewallAccepts(input) || g.firewallUndecided(input)) {
    return [];
  }
  return [
    finding(
      'firewall-drop',
      ctx.serverSide ? 'diagnosis.finding.timeoutServer' : 'diagnosis.finding.timeoutClient',
      { where: formatTarget(input.target), ms: ctx.timeoutMs },
      'low',
    ),
  ];
}

/** Firewall backends that were present but could not be read. */
export function unreadableFirewalls(ctx: StepContext): string[] {
  return (firewallData(ctx.input.evidence)?.backends ?? [])
    .filter((b) => b.present && !b.readable)
    .map((b) => b.source);
}

/** Step `firewall`: does the server's firewall let the SYN in? */
export function decideFirewall(ctx: StepContext, faults: Finding[]): StepDecision {
  if (ctx.skipped.has('firewall')) {
    return verdict(ctx, 'firewall', 'skipped', 'diagnosis.step.skippedByUser');
  }
  if (faults.length > 0) return failed(ctx, 'firewall', faults);
  const skip = commonSkip(ctx, 'firewall', true);
  if (skip) return skip;
  const port = ctx.input.target.port;
  const v = g.firewallVerdict(ctx.input);
  if (v?.verdict === 'accept') {
    return v.reason
      ? verdict(ctx, 'firewall', 'pass', 'diagnosis.step.firewall.passBy', {
          port,
          ...reasonParams(v),
        })
      : verdict(ctx, 'firewall', 'pass', 'diagnosis.step.firewall.pass', { port });
  }
  if (v?.verdict === 'unknown') {
    return verdict(ctx, 'firewall', 'unknown', 'diagnosis.step.firewall.unknown', reasonParams(v));
  }
  const unread = unreadableFirewalls(ctx);
  if (unread.length > 0 || g.firewallUndecided(ctx.input)) {
    return verdict(ctx, 'firewall', 'unknown', 'diagnosis.step.firewall.unread', {
      backends: unread.length > 0 ? unread.join(', ') : 'firewall',
    });
  }
  if (!firewallData(ctx.input.evidence)) {
    return verdict(ctx, 'firewall', 'skipped', 'diagnosis.step.skippedNoEvidence');
  }
  return verdict(ctx, 'firewall', 'pass', 'diagnosis.step.firewall.pass', { port });
}
