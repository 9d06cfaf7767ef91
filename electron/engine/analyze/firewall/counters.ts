import type { FirewallVerdict } from '../../../../shared/probe-data';
import type { RulesetSnapshot } from './evaluate';
import { ruleKey } from './model';

/**
 * The counter proof: packet counters of every rule before and after N probe SYNs. The
 * rule whose counter rose by N is the one the kernel used. Only counters that exist are
 * read (iptables always; nftables only where the rule has a `counter` statement — none is
 * ever added).
 */

/** One counted rule. `terminal` = it accepts, drops or rejects (or is a chain policy). */
export interface Counted {
  packets: number;
  text: string;
  terminal: 'accept' | 'drop' | 'reject' | null;
}

const TERMINAL: Record<string, Counted['terminal']> = {
  ACCEPT: 'accept',
  DROP: 'drop',
  REJECT: 'reject',
};

/** Every counter in the snapshot, by rule key, in evaluation order. */
export function countersOf(s: RulesetSnapshot): Map<string, Counted> {
  const out = new Map<string, Counted>();
  for (const [fam, dump] of [
    ['ip', s.ip4],
    ['ip6', s.ip6],
    ['ip-legacy', s.legacy4],
    ['ip6-legacy', s.legacy6],
  ] as const) {
    for (const table of dump?.tables.values() ?? []) {
      for (const chain of table.chains.values()) {
        if (chain.policy && chain.policyPackets !== null) {
          out.set(ruleKey('iptables', fam, table.name, chain.name, 0), {
            packets: chain.policyPackets,
            text: `-P ${chain.name} ${chain.policy}`,
            terminal: TERMINAL[chain.policy] ?? null,
          });
        }
        for (const r of chain.rules) {
          if (r.packets === null) continue;
          out.set(ruleKey('iptables', fam, table.name, chain.name, r.position), {
            packets: r.packets,
            text: r.text,
            terminal: TERMINAL[r.target?.name ?? ''] ?? null,
          });
        }
      }
    }
  }
  for (const chain of s.nft?.chains ?? []) {
    for (const r of chain.rules) {
      const c = r.expr.find((e) => typeof e.counter === 'object' && e.counter !== null)?.counter as
        { packets?: unknown } | undefined;
      if (!c || typeof c.packets !== 'number') continue;
      const terminal = r.expr.some((e) => 'accept' in e)
        ? 'accept'
        : r.expr.some((e) => 'drop' in e)
          ? 'drop'
          : r.expr.some((e) => 'reject' in e)
            ? 'reject'
            : null;
      out.set(ruleKey('nftables', chain.family, chain.table, chain.name, r.position), {
        packets: c.packets,
        text: r.text,
        terminal,
      });
    }
  }
  return out;
}

/**
 * Compares two snapshots around `probes` SYNs: the deciding rule must rise by at least N
 * (one SYN per probe; the rest of an accepted connection, or other traffic on a busy
 * server, may pass the same rule). Null when the deciding rule has no counter.
 */
export function counterProof(
  before: RulesetSnapshot,
  after: RulesetSnapshot,
  decidingKey: string,
  verdict: FirewallVerdict['verdict'],
  probes: number,
): NonNullable<FirewallVerdict['counterProof']> | null {
  const a = countersOf(before);
  const b = countersOf(after);
  const rose = (k: string) => (b.get(k)?.packets ?? 0) - (a.get(k)?.packets ?? 0);
  const mine = b.get(decidingKey);
  if (!mine || !a.has(decidingKey)) return null;
  const delta = rose(decidingKey);
  const expected = verdict === 'unknown' ? null : verdict;
  if (expected && delta >= probes) return { rule: mine.text, delta, probes, agrees: true };
  // The kernel used another rule (or, for an undecidable rule, maybe that one): name the
  // terminal rule whose counter rose by N.
  const used = usedRule(a, b, expected ? decidingKey : null, probes);
  if (used) return { rule: used.text, delta: used.delta, probes, agrees: false };
  return { rule: mine.text, delta, probes, agrees: false };
}

/** A terminal rule the counters show the kernel used instead of the static verdict's. */
export interface UsedRule {
  key: string;
  text: string;
  terminal: NonNullable<Counted['terminal']>;
  delta: number;
}

function usedRule(
  a: Map<string, Counted>,
  b: Map<string, Counted>,
  skip: string | null,
  probes: number,
): UsedRule | null {
  const rose = (k: string) => (b.get(k)?.packets ?? 0) - (a.get(k)?.packets ?? 0);
  let accept: UsedRule | null = null;
  for (const [key, c] of b) {
    if (key === skip || !c.terminal || !a.has(key)) continue;
    const delta = rose(key);
    // A drop/reject sees exactly one SYN per probe; that is the strongest evidence.
    if (c.terminal !== 'accept' && delta === probes)
      return { key, text: c.text, terminal: c.terminal, delta };
    if (c.terminal === 'accept' && delta >= probes && !accept) {
      accept = { key, text: c.text, terminal: 'accept', delta };
    }
  }
  return accept;
}

/**
 * The drop/reject rule whose counter rose by exactly N when the static verdict's did not —
 * the kernel's own answer, which overrides the static one. Accept counters never override
 * (policies of other chains rise with any traffic).
 */
export function counterOverride(
  before: RulesetSnapshot,
  after: RulesetSnapshot,
  decidingKey: string,
  verdict: FirewallVerdict['verdict'],
  probes: number,
): UsedRule | null {
  const skip = verdict === 'unknown' ? null : decidingKey;
  const used = usedRule(countersOf(before), countersOf(after), skip, probes);
  return used && used.terminal !== 'accept' ? used : null;
}
