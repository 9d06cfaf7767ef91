import type { Rule } from '../../../../shared/evidence';
import type { FirewallVerdict } from '../../../../shared/probe-data';
import type { UsedRule } from './counters';
import type { RuleRef } from './model';

/**
 * When the counters contradict the static verdict: the kernel's answer wins if a
 * drop/reject rule counted exactly the probe SYNs; otherwise the verdict becomes unknown
 * — a contradiction is never resolved by guessing.
 */
export function overrideFromCounters(
  v: FirewallVerdict,
  used: UsedRule | null,
  frontEnd: (r: RuleRef) => Rule['frontEnd'],
): void {
  const before = v.verdict;
  if (!used || (used.terminal !== 'drop' && used.terminal !== 'reject')) {
    v.verdict = 'unknown';
    v.rule = null;
    v.acceptedBy = null;
    v.reason = `the packet counters contradict the static verdict (${before}): ${v.reason}`;
    return;
  }
  const [source, family = '', table = '', chain = '', pos = '0'] = used.key.split('/');
  const ref: RuleRef = {
    source: source === 'nftables' ? 'nftables' : 'iptables',
    family,
    table,
    chain,
    position: Number(pos),
    text: used.text,
    packets: null,
    key: used.key,
  };
  v.verdict = used.terminal;
  v.acceptedBy = null;
  v.undecidable = null;
  v.rule = {
    source: ref.source,
    table: ref.source === 'nftables' ? `${family} ${table}` : table,
    chain,
    position: ref.position,
    text: used.text,
    verdict: used.terminal,
    frontEnd: frontEnd(ref),
  };
  v.reason = `the packet counters show the kernel ${used.terminal === 'drop' ? 'dropped' : 'rejected'} the probes at ${chain} rule ${ref.position}: ${used.text} (static analysis said ${before})`;
}
