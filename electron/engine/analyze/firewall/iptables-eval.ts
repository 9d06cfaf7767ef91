import type { IptChain, IptDump, IptRule, IptTable } from './iptables-parse';
import { matchRule } from './iptables-match';
import { parseAddress, type SynPacket } from './packet';
import { ruleKey, type Decision, type EvalNotes, type RuleRef, type Stage } from './model';

/**
 * Evaluates iptables chains for a NEW inbound TCP SYN as the kernel would: rules in order,
 * user-chain jumps and gotos, RETURN, the built-in chain's policy. A rule whose match
 * cannot be decided ("maybe") and whose target would change the outcome makes the answer
 * `unknown`, naming the rule.
 */

const MAX_DEPTH = 64;

/** The destination a DNAT/REDIRECT rule gives the packet, when it is one address and port. */
function rewriteOf(
  name: string,
  rule: IptRule,
  p: SynPacket,
): { daddr: string; dport: number } | null {
  const arg = (opt: string) => rule.target?.args.find((a) => a.name === opt)?.args[0];
  if (name === 'REDIRECT') {
    const ports = arg('--to-ports');
    if (ports === undefined) return { daddr: p.daddr, dport: p.dport };
    return /^\d+$/.test(ports) ? { daddr: p.daddr, dport: Number(ports) } : null;
  }
  if (name !== 'DNAT') return null;
  const to = arg('--to-destination');
  if (!to) return null;
  const m = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(to) ?? /^([0-9.]+)(?::(\d+))?$/.exec(to);
  if (!m || !parseAddress(m[1] ?? '')) return null;
  return { daddr: m[1] ?? '', dport: m[2] === undefined ? p.dport : Number(m[2]) };
}

const NON_TERMINAL = new Set([
  'LOG',
  'NFLOG',
  'ULOG',
  'MARK',
  'CONNMARK',
  'CT',
  'NOTRACK',
  'TRACE',
  'AUDIT',
  'TCPMSS',
  'CLASSIFY',
  'DSCP',
  'TOS',
  'TTL',
  'HL',
  'SET',
  'CHECKSUM',
  'SECMARK',
  'CONNSECMARK',
]);

/** Evaluates the tables of one iptables-save dump. */
export class IptablesEvaluator {
  constructor(
    private readonly dump: IptDump,
    /** ip/ip6, or ip-legacy/ip6-legacy for the legacy tables beside nf_tables ones. */
    private readonly family: 'ip' | 'ip6' | 'ip-legacy' | 'ip6-legacy',
    private readonly packet: SynPacket,
    private readonly notes: EvalNotes,
  ) {}

  ref(table: string, chain: string, rule: IptRule | null, policy?: string): RuleRef {
    const position = rule ? rule.position : 0;
    return {
      source: 'iptables',
      family: this.family,
      table,
      chain,
      position,
      text: rule ? rule.text : `-P ${chain} ${policy ?? ''}`.trim(),
      packets: rule ? rule.packets : null,
      key: ruleKey('iptables', this.family, table, chain, position),
    };
  }

  private policyRef(table: string, chain: IptChain): RuleRef {
    return {
      ...this.ref(table, chain.name, null, chain.policy ?? ''),
      packets: chain.policyPackets,
    };
  }

  /** Evaluates a base chain, falling back to its policy. */
  decideBase(tableName: string, chainName: string): Decision {
    const table = this.dump.tables.get(tableName);
    const chain = table?.chains.get(chainName);
    if (!table || !chain) return { kind: 'return' };
    const d = this.walk(table, chain, 0);
    if (d.kind !== 'return') return d;
    const ref = this.policyRef(tableName, chain);
    if (chain.policy === 'DROP') return { kind: 'drop', rule: ref };
    if (chain.policy === 'ACCEPT' || chain.policy === null) return { kind: 'accept', rule: ref };
    return { kind: 'unknown', rule: ref, why: `unknown chain policy ${chain.policy}` };
  }

  private walk(table: IptTable, chain: IptChain, depth: number): Decision {
    if (depth > MAX_DEPTH) {
      return {
        kind: 'unknown',
        rule: this.ref(table.name, chain.name, null),
        why: 'chain jumps nest too deeply',
      };
    }
    for (const rule of chain.rules) {
      const m = matchRule(rule, this.packet, this.notes);
      if (m === 'no') continue;
      const ref = this.ref(table.name, chain.name, rule);
      const target = rule.target;
      const undecidable = (why: string): Decision => ({ kind: 'unknown', rule: ref, why });
      if (
        target &&
        (target.name === 'NOTRACK' ||
          (target.name === 'CT' && target.args.some((a) => a.name === '--notrack')))
      ) {
        this.notes.notrack = m === 'yes' ? 'yes' : (this.notes.notrack ?? 'maybe');
      }
      if (!target || NON_TERMINAL.has(target.name)) continue;
      switch (target.name) {
        case 'ACCEPT':
          if (m === 'maybe') return undecidable('a rule that may match accepts');
          return { kind: 'accept', rule: ref };
        case 'DROP':
          if (m === 'maybe') return undecidable('a rule that may match drops');
          return { kind: 'drop', rule: ref };
        case 'REJECT': {
          if (m === 'maybe') return undecidable('a rule that may match rejects');
          const w = target.args.find((a) => a.name === '--reject-with')?.args[0];
          return { kind: 'reject', rule: ref, rejectWith: w ?? 'icmp-port-unreachable' };
        }
        case 'RETURN':
          if (m === 'maybe') return undecidable('a rule that may match returns');
          return { kind: 'return' };
        default: {
          const sub = table.chains.get(target.name);
          if (!sub) return undecidable(`target ${target.name} cannot be evaluated`);
          const d = this.walk(table, sub, depth + 1);
          if (m === 'maybe') {
            // A jump that may happen is harmless only when the chain decides nothing.
            if (d.kind === 'return' && !target.goto) continue;
            if (d.kind === 'unknown') return d;
            return undecidable(
              `a rule that may match ${target.goto ? 'goes to' : 'jumps to'} ${target.name}, which decides`,
            );
          }
          if (d.kind !== 'return') return d;
          if (target.goto) return { kind: 'return' };
        }
      }
    }
    return { kind: 'return' };
  }

  /**
   * NAT PREROUTING (first packet of a connection): a DNAT/REDIRECT that surely applies
   * rewrites the packet for the stages after it; one that may apply, or one it cannot
   * read, makes the answer unknown.
   */
  private decideNat(): Decision {
    const table = this.dump.tables.get('nat');
    const chain = table?.chains.get('PREROUTING');
    if (!table || !chain) return { kind: 'return' };
    const d = this.walkNat(table, chain, 0);
    return d ?? { kind: 'return' };
  }

  private walkNat(table: IptTable, chain: IptChain, depth: number): Decision | null {
    if (depth > MAX_DEPTH) return null;
    for (const rule of chain.rules) {
      const m = matchRule(rule, this.packet, this.notes);
      if (m === 'no' || !rule.target) continue;
      const name = rule.target.name;
      const ref = this.ref('nat', chain.name, rule);
      const sub = table.chains.get(name);
      if (sub) {
        const d = this.walkNat(table, sub, depth + 1);
        if (d && m === 'maybe')
          return {
            kind: 'unknown',
            rule: ref,
            why: `a rule that may match jumps to ${name}, which rewrites`,
          };
        if (d) return d;
        if (rule.target.goto && m === 'yes') return null;
        continue;
      }
      if (name === 'RETURN' && m === 'yes') return null;
      if (name === 'ACCEPT' && m === 'yes') return null;
      if (name === 'DNAT' || name === 'REDIRECT' || name === 'NETMAP') {
        const to = m === 'yes' ? rewriteOf(name, rule, this.packet) : null;
        if (to) return { kind: 'rewrite', rule: ref, ...to };
        return {
          kind: 'unknown',
          rule: ref,
          why: `${name} may rewrite the destination in a way the analysis cannot follow`,
        };
      }
    }
    return null;
  }

  /** The stages this dump contributes, with netfilter's table priorities. */
  stages(): Stage[] {
    const fam = `${this.family.startsWith('ip6') ? 'ip6tables' : 'iptables'}${this.family.endsWith('-legacy') ? '-legacy' : ''}`;
    const base: [string, string, Stage['hook'], number][] = [
      ['raw', 'PREROUTING', 'prerouting', -300],
      ['mangle', 'PREROUTING', 'prerouting', -150],
      ['mangle', 'INPUT', 'input', -150],
      ['filter', 'INPUT', 'input', 0],
      ['security', 'INPUT', 'input', 50],
      ['mangle', 'FORWARD', 'forward', -150],
      ['filter', 'FORWARD', 'forward', 0],
      ['security', 'FORWARD', 'forward', 50],
    ];
    const out: Stage[] = base
      .filter(([t, c]) => this.dump.tables.get(t)?.chains.has(c))
      .map(([t, c, hook, priority]) => ({
        hook,
        priority,
        label: `${fam} ${t} ${c}`,
        decide: () => this.decideBase(t, c),
      }));
    if (this.dump.tables.get('nat')?.chains.has('PREROUTING')) {
      out.push({
        hook: 'prerouting',
        priority: -100,
        label: `${fam} nat PREROUTING`,
        decide: () => this.decideNat(),
      });
    }
    return out;
  }
}
