import type { IptChain, IptDump, IptRule, IptTable } from './iptables-parse';
import { matchRule } from './iptables-match';
import type { SynPacket } from './packet';
import { ruleKey, type Decision, type EvalNotes, type RuleRef, type Stage } from './model';

/**
 * Evaluates iptables chains for a NEW inbound TCP SYN as the kernel would: rules in order,
 * user-chain jumps and gotos, RETURN, the built-in chain's policy. A rule whose match
 * cannot be decided ("maybe") and whose target would change the outcome makes the answer
 * `unknown`, naming the rule.
 */

const MAX_DEPTH = 64;

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
    private readonly family: 'ip' | 'ip6',
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

  /** NAT PREROUTING: a DNAT/REDIRECT that may apply changes the packet; say unknown. */
  private decideNat(): Decision {
    const table = this.dump.tables.get('nat');
    const chain = table?.chains.get('PREROUTING');
    if (!table || !chain) return { kind: 'return' };
    const d = this.walkNat(table, chain, 0);
    return d ?? { kind: 'accept', rule: this.policyRef('nat', chain) };
  }

  private walkNat(table: IptTable, chain: IptChain, depth: number): Decision | null {
    if (depth > MAX_DEPTH) return null;
    for (const rule of chain.rules) {
      const m = matchRule(rule, this.packet, this.notes);
      if (m === 'no' || !rule.target) continue;
      const name = rule.target.name;
      const sub = table.chains.get(name);
      if (sub) {
        const d = this.walkNat(table, sub, depth + 1);
        if (d) return d;
        continue;
      }
      if (name === 'RETURN' && m === 'yes') return null;
      if (name === 'DNAT' || name === 'REDIRECT' || name === 'NETMAP') {
        return {
          kind: 'unknown',
          rule: this.ref('nat', chain.name, rule),
          why: `${name} rewrites the destination: the rules after it see another packet`,
        };
      }
    }
    return null;
  }

  /** The stages this dump contributes, with netfilter's table priorities. */
  stages(): Stage[] {
    const fam = this.family === 'ip' ? 'iptables' : 'ip6tables';
    const base: [string, string, Stage['hook'], number][] = [
      ['raw', 'PREROUTING', 'prerouting', -300],
      ['mangle', 'PREROUTING', 'prerouting', -150],
      ['mangle', 'INPUT', 'input', -150],
      ['filter', 'INPUT', 'input', 0],
      ['security', 'INPUT', 'input', 50],
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
