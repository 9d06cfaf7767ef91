/**
 * The firewall analysis' common vocabulary: a reference to one rule, the decision one
 * base chain reaches for the SYN, and the stages the kernel runs in order.
 */

/** One rule (or a chain policy, position 0) as the analysis names it. */
export interface RuleRef {
  source: 'iptables' | 'nftables';
  /** ip, ip6 (iptables-save / ip6tables-save) or the nft family (ip, ip6, inet…). */
  family: string;
  table: string;
  chain: string;
  /** 1-based position in its chain; 0 = the chain's policy. */
  position: number;
  /** The rule as the user would type it (`-A INPUT …`, nft rule text, `-P INPUT DROP`). */
  text: string;
  /** Packet counter where the ruleset keeps one (iptables always; nft with `counter`). */
  packets: number | null;
  /** Stable identity of the rule for counter diffs: family/table/chain/position. */
  key: string;
}

/** What one chain (or one base chain) does with the SYN. */
export type Decision =
  | { kind: 'accept' | 'drop' | 'reject'; rule: RuleRef; rejectWith?: string }
  | { kind: 'unknown'; rule: RuleRef; why: string }
  /** Fell off the end of a non-base chain, or hit RETURN. */
  | { kind: 'return' }
  /** A DNAT/REDIRECT rewrote the destination: later stages see the rewritten packet. */
  | { kind: 'rewrite'; rule: RuleRef; daddr: string; dport: number };

/** One base chain at a netfilter hook: its evaluation plus where it runs. */
export interface Stage {
  hook: 'ingress' | 'prerouting' | 'input' | 'forward';
  priority: number;
  label: string;
  decide: () => Decision;
}

/** Shared evaluation context: what "maybe" rules were passed over, for the verdict's notes. */
export interface EvalNotes {
  notes: string[];
  /** Whether an earlier rule exempted the SYN from connection tracking (NOTRACK). */
  notrack?: 'yes' | 'maybe';
}

/** Adds a note once. */
export function note(n: EvalNotes, text: string): void {
  if (!n.notes.includes(text)) n.notes.push(text);
}

/** Builds the key a rule is known by across two snapshots. */
export function ruleKey(
  source: string,
  family: string,
  table: string,
  chain: string,
  position: number,
): string {
  return `${source}/${family}/${table}/${chain}/${position}`;
}
