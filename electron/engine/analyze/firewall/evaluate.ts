import type { FirewallVerdict } from '../../../../shared/probe-data';
import type { Rule } from '../../../../shared/evidence';
import type { IptDump } from './iptables-parse';
import { IptablesEvaluator } from './iptables-eval';
import type { NftRuleset } from './nft-parse';
import { NftEvaluator } from './nft-eval';
import type { Decision, EvalNotes, RuleRef, Stage } from './model';
import type { SynPacket } from './packet';
import { msg, type Message, type MessageParams } from '../../../../shared/i18n/message';
import { english } from '../../../../shared/i18n/translate';

/** The params of the "(after … sent it to …)" fragment of a reason (nested by `viaKind`). */
function viaParams(rewrite: Evaluation['rewrite']): MessageParams {
  return rewrite
    ? {
        viaKind: 'some',
        viaChain: rewrite.rule.chain,
        viaPosition: rewrite.rule.position,
        viaTo: `${rewrite.daddr}:${rewrite.dport}`,
      }
    : { viaKind: 'none' };
}

/**
 * The whole-host evaluation: every base chain the SYN meets, from every backend, in the
 * kernel's order (ingress, prerouting, input; by priority). A drop/reject is final; an
 * accept only ends its own base chain; an undecidable rule ends the walk with `unknown`.
 */

/** The rulesets as collected; null = that backend is absent or could not be read. */
export interface RulesetSnapshot {
  ip4: IptDump | null;
  ip6: IptDump | null;
  nft: NftRuleset | null;
  /** iptables-legacy tables found beside the nf_tables ones (`iptables-legacy-save -c`). */
  legacy4?: IptDump | null;
  legacy6?: IptDump | null;
}

/** A verdict plus the rule references behind it (for front ends and counter proofs). */
export interface Evaluation {
  verdict: FirewallVerdict['verdict'];
  /** The rule that decided (drop/reject/unknown) or the last accept. */
  decidedBy: RuleRef | null;
  rejectWith?: string;
  reason: string;
  /** `reason` as a message (its English rendering is `reason`). */
  reasonMessage: Message;
  notes: string[];
  /** Which base chains were walked, in order, and what each did. */
  path: { stage: string; result: Decision['kind'] }[];
  /** Where a DNAT/REDIRECT sent the SYN (forwarded when the address changed). */
  rewrite?: { rule: RuleRef; daddr: string; dport: number; forwarded: boolean };
}

/** Input and forward are alternatives after routing; both come after prerouting. */
const HOOK_ORDER: Record<Stage['hook'], number> = {
  ingress: 0,
  prerouting: 1,
  input: 2,
  forward: 2,
};

/** Outbound interface of a forwarded destination (from the server's routes), or null. */
export type RouteOf = (daddr: string) => string | null;

/** Tables that iptables-nft manages: nft shows them again; evaluate them once, from iptables-save. */
export function iptablesNftTables(s: RulesetSnapshot): Set<string> {
  const out = new Set<string>();
  for (const [fam, dump] of [
    ['ip', s.ip4],
    ['ip6', s.ip6],
  ] as const) {
    if (dump?.backend !== 'nf_tables') continue;
    for (const name of dump.tables.keys()) out.add(`${fam}/${name}`);
  }
  return out;
}

/** Collects the stages of every backend that applies to the packet's family. */
export function stagesFor(s: RulesetSnapshot, p: SynPacket, notes: EvalNotes): Stage[] {
  const stages: Stage[] = [];
  const dump = p.family === 4 ? s.ip4 : s.ip6;
  if (dump)
    stages.push(...new IptablesEvaluator(dump, p.family === 4 ? 'ip' : 'ip6', p, notes).stages());
  const legacy = p.family === 4 ? s.legacy4 : s.legacy6;
  if (legacy) {
    const fam = p.family === 4 ? 'ip-legacy' : 'ip6-legacy';
    stages.push(...new IptablesEvaluator(legacy, fam, p, notes).stages());
  }
  if (s.nft) stages.push(...new NftEvaluator(s.nft, p, notes, iptablesNftTables(s)).stages());
  return stages.sort((a, b) => HOOK_ORDER[a.hook] - HOOK_ORDER[b.hook] || a.priority - b.priority);
}

/**
 * Evaluates the SYN against the snapshot. A DNAT that surely applies rewrites the packet:
 * the stages after it see the new destination, and a packet sent to another host takes
 * the forward path (its outbound interface from `routeOf`).
 */
export function evaluate(
  s: RulesetSnapshot,
  p0: SynPacket,
  routeOf: RouteOf = () => null,
): Evaluation {
  const notes: EvalNotes = { notes: [] };
  const path: Evaluation['path'] = [];
  let lastAccept: RuleRef | null = null;
  let rewrite: Evaluation['rewrite'];
  const order = (st: Stage) => HOOK_ORDER[st.hook] * 10_000 + st.priority;
  let stages = stagesFor(s, p0, notes).filter((st) => st.hook !== 'forward');
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i];
    if (!stage) break;
    const d = stage.decide();
    path.push({ stage: stage.label, result: d.kind });
    if (d.kind === 'return') continue;
    if (d.kind === 'rewrite') {
      const forwarded = d.daddr !== p0.daddr;
      const p: SynPacket = {
        ...p0,
        daddr: d.daddr,
        dport: d.dport,
        ...(forwarded ? { oif: routeOf(d.daddr) } : {}),
      };
      rewrite = { rule: d.rule, daddr: d.daddr, dport: d.dport, forwarded };
      const rest = stagesFor(s, p, notes)
        .filter((st) => order(st) > order(stage))
        .filter((st) => (forwarded ? st.hook !== 'input' : st.hook !== 'forward'));
      stages = [...stages.slice(0, i + 1), ...rest];
      continue;
    }
    if (d.kind === 'accept') {
      // A rule that accepts says more than a later chain's default policy.
      if (!lastAccept || lastAccept.position === 0 || d.rule.position !== 0) lastAccept = d.rule;
      continue;
    }
    const via = viaParams(rewrite);
    if (d.kind === 'unknown') {
      const m = msg('evidence.firewall.reason.unevaluable', {
        stage: stage.label,
        position: d.rule.position,
        why: d.why,
        rule: d.rule.text,
        ...via,
        feKind: 'none',
      });
      return {
        verdict: 'unknown',
        decidedBy: d.rule,
        reason: english(m),
        reasonMessage: m,
        notes: notes.notes,
        path,
        ...(rewrite ? { rewrite } : {}),
      };
    }
    const m =
      d.rule.position === 0
        ? msg('evidence.firewall.reason.policy', {
            stage: stage.label,
            policy: d.kind,
            ...via,
            feKind: 'none',
          })
        : msg(
            d.kind === 'drop'
              ? 'evidence.firewall.reason.drops'
              : 'evidence.firewall.reason.rejects',
            {
              stage: stage.label,
              position: d.rule.position,
              rule: d.rule.text,
              ...via,
              feKind: 'none',
            },
          );
    return {
      verdict: d.kind,
      decidedBy: d.rule,
      ...(d.rejectWith ? { rejectWith: d.rejectWith } : {}),
      reason: english(m),
      reasonMessage: m,
      notes: notes.notes,
      path,
      ...(rewrite ? { rewrite } : {}),
    };
  }
  const via = viaParams(rewrite);
  const m = !lastAccept
    ? msg('evidence.firewall.reason.none', via)
    : lastAccept.position === 0
      ? msg('evidence.firewall.reason.acceptedPolicy', { chain: lastAccept.chain, ...via })
      : msg('evidence.firewall.reason.accepted', { rule: lastAccept.text, ...via });
  return {
    verdict: 'accept',
    decidedBy: lastAccept,
    reason: english(m),
    reasonMessage: m,
    notes: notes.notes,
    path,
    ...(rewrite ? { rewrite } : {}),
  };
}

/** The DESIGN §3 Rule for a drop/reject decision (frontEnd filled in by the caller). */
export function toRule(e: Evaluation, frontEnd: Rule['frontEnd']): Rule | null {
  if (!e.decidedBy || (e.verdict !== 'drop' && e.verdict !== 'reject')) return null;
  const r = e.decidedBy;
  return {
    source: r.source,
    table: r.source === 'nftables' ? `${r.family} ${r.table}` : r.table,
    chain: r.chain,
    position: r.position,
    text: r.text,
    verdict: e.verdict,
    frontEnd,
  };
}
