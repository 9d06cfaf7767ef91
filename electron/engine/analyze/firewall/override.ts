import type { Rule } from '../../../../shared/evidence';
import type { FirewallVerdict } from '../../../../shared/probe-data';
import type { UsedRule } from './counters';
import type { RuleRef } from './model';
import { embedMessage, msg } from '../../../../shared/i18n/message';
import { english } from '../../../../shared/i18n/translate';

/** The verdict's reason as params nesting it (`$t({{staticId}})`), or as plain text. */
function embedded(v: FirewallVerdict) {
  return embedMessage(v.reasonMessage ?? msg('evidence.text', { text: v.reason }), 'staticId');
}

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
    const m = msg('evidence.firewall.reason.countersContradict', {
      before,
      ...embedded(v),
    });
    v.reason = english(m);
    v.reasonMessage = m;
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
  const m = msg(
    used.terminal === 'drop'
      ? 'evidence.firewall.reason.countersDropped'
      : 'evidence.firewall.reason.countersRejected',
    { chain, position: ref.position, rule: used.text, before },
  );
  v.reason = english(m);
  v.reasonMessage = m;
}
