import type { NftChain, NftRule, NftRuleset } from './nft-parse';
import { and, tri, type SynPacket, type Tri } from './packet';
import { NA, elemMatches, isObj, valueOf } from './nft-values';
import { note, ruleKey, type Decision, type EvalNotes, type RuleRef, type Stage } from './model';

/**
 * Evaluates nftables base chains for a NEW inbound TCP SYN: every input-hook (and
 * prerouting/ingress) base chain of every table in priority order, matches on payload,
 * meta, ct, sets, maps and verdict maps. Anything it cannot read is "maybe"; a "maybe"
 * that would change the outcome makes the answer unknown, naming the rule.
 */

const MAX_DEPTH = 64;

/** Evaluates one nft ruleset for one packet; `stages()` hands its base chains to the host walk. */
export class NftEvaluator {
  private readonly sets = new Map<string, unknown[]>();
  private readonly chains = new Map<string, NftChain>();

  constructor(
    private readonly rs: NftRuleset,
    private readonly packet: SynPacket,
    private readonly notes: EvalNotes,
    /** family/table pairs already evaluated from iptables-save (iptables-nft). */
    private readonly skipTables: Set<string> = new Set(),
  ) {
    for (const s of rs.sets) this.sets.set(`${s.family}/${s.table}/${s.name}`, s.elem);
    for (const c of rs.chains) this.chains.set(`${c.family}/${c.table}/${c.name}`, c);
  }

  private members(rule: NftRule, right: unknown): unknown[] | null {
    if (typeof right === 'string' && right.startsWith('@')) {
      return this.sets.get(`${rule.family}/${rule.table}/${right.slice(1)}`) ?? null;
    }
    if (isObj(right) && Array.isArray(right.set)) return right.set as unknown[];
    if (Array.isArray(right)) return right as unknown[];
    return null;
  }

  private match(rule: NftRule, m: Record<string, unknown>): Tri {
    const v = valueOf(m.left, this.packet, this.notes.notrack);
    if (v === NA) return 'no';
    if (v === null) {
      note(this.notes, `cannot evaluate ${JSON.stringify(m.left)}: ${rule.text}`);
      return 'maybe';
    }
    const op = String(m.op);
    const set = this.members(rule, m.right);
    let hit: boolean | null;
    if (set) {
      const rs = set.map((e) => elemMatches(v, e));
      hit = rs.includes(true) ? true : rs.includes(null) ? null : false;
    } else if (op === 'in' && Array.isArray(v)) {
      const r = typeof m.right === 'string' ? [m.right] : [];
      hit = v.some((f) => r.includes(f));
    } else {
      hit = elemMatches(v, m.right);
    }
    if (hit === null) {
      note(this.notes, `cannot compare ${JSON.stringify(m.right)}: ${rule.text}`);
      return 'maybe';
    }
    if (Array.isArray(v) && op === 'in' && set) hit = v.some((f) => set.includes(f));
    if (op === '==' || op === 'in') return tri(hit);
    if (op === '!=') return tri(!hit);
    note(this.notes, `cannot evaluate operator ${op}: ${rule.text}`);
    return 'maybe';
  }

  private ref(rule: NftRule | null, chain: NftChain, packets: number | null): RuleRef {
    const position = rule ? rule.position : 0;
    return {
      source: 'nftables',
      family: chain.family,
      table: chain.table,
      chain: chain.name,
      position,
      text: rule ? rule.text : `chain ${chain.name} { policy ${chain.policy ?? 'accept'}; }`,
      packets,
      key: ruleKey('nftables', chain.family, chain.table, chain.name, position),
    };
  }

  /** Evaluates one verdict object ({accept:null}, {jump:{target}}…) for a rule that matched m. */
  private verdict(
    rule: NftRule,
    chain: NftChain,
    v: Record<string, unknown>,
    m: Tri,
    packets: number | null,
    depth: number,
  ): Decision | 'next' {
    const ref = this.ref(rule, chain, packets);
    const undecidable = (why: string): Decision => ({ kind: 'unknown', rule: ref, why });
    if ('accept' in v)
      return m === 'yes'
        ? { kind: 'accept', rule: ref }
        : undecidable('a rule that may match accepts');
    if ('drop' in v)
      return m === 'yes' ? { kind: 'drop', rule: ref } : undecidable('a rule that may match drops');
    if ('reject' in v) {
      if (m !== 'yes') return undecidable('a rule that may match rejects');
      const r = v.reject;
      const type = isObj(r) ? [r.type, r.expr].filter((x) => typeof x === 'string').join(' ') : '';
      return { kind: 'reject', rule: ref, rejectWith: type || 'port-unreachable' };
    }
    if ('return' in v)
      return m === 'yes' ? { kind: 'return' } : undecidable('a rule that may match returns');
    if ('continue' in v) return 'next';
    const j = isObj(v.jump) ? v.jump : isObj(v.goto) ? v.goto : null;
    if (j) {
      const goto = 'goto' in v;
      const sub = this.chains.get(`${chain.family}/${chain.table}/${String(j.target)}`);
      if (!sub) return undecidable(`chain ${String(j.target)} not found`);
      const d = this.walk(sub, depth + 1);
      if (m === 'maybe') {
        if (d.kind === 'return' && !goto) return 'next';
        return d.kind === 'unknown'
          ? d
          : undecidable(`a rule that may match jumps to ${sub.name}, which decides`);
      }
      if (d.kind !== 'return') return d;
      return goto ? { kind: 'return' } : 'next';
    }
    return undecidable(`verdict ${Object.keys(v).join(',')} cannot be evaluated`);
  }

  private walkRule(rule: NftRule, chain: NftChain, depth: number): Decision | 'next' {
    let m: Tri = 'yes';
    let packets: number | null = null;
    for (const e of rule.expr) {
      if (isObj(e.match)) {
        m = and([m, this.match(rule, e.match)]);
        if (m === 'no') return 'next';
        continue;
      }
      if (isObj(e.counter)) {
        packets = typeof e.counter.packets === 'number' ? e.counter.packets : null;
        continue;
      }
      if ('notrack' in e) {
        this.notes.notrack = m === 'yes' ? 'yes' : (this.notes.notrack ?? 'maybe');
        continue;
      }
      if ('log' in e || 'meta' in e || 'ct' in e || 'set' in e || 'mangle' in e) continue;
      if ('limit' in e) {
        const lim = e.limit;
        if (isObj(lim) && lim.inv === true) {
          note(this.notes, `"limit rate over" treated as not reached by one SYN: ${rule.text}`);
          return 'next';
        }
        note(this.notes, `rate limit treated as matching (a single SYN is under it): ${rule.text}`);
        continue;
      }
      if (isObj(e.vmap)) {
        const v = valueOf(e.vmap.key, this.packet, this.notes.notrack);
        if (v === NA) return 'next';
        const entries = this.members(rule, e.vmap.data);
        if (v === null || !entries) {
          return {
            kind: 'unknown',
            rule: this.ref(rule, chain, packets),
            why: 'verdict map cannot be evaluated',
          };
        }
        for (const entry of entries) {
          const pair = Array.isArray(entry) ? (entry as unknown[]) : null;
          const hit = pair ? elemMatches(v, pair[0]) : null;
          const target = pair?.[1];
          if (hit === null || !isObj(target)) {
            return {
              kind: 'unknown',
              rule: this.ref(rule, chain, packets),
              why: 'verdict map entry cannot be evaluated',
            };
          }
          if (hit) return this.verdict(rule, chain, target, m, packets, depth);
        }
        return 'next';
      }
      if (
        'accept' in e ||
        'drop' in e ||
        'reject' in e ||
        'return' in e ||
        'jump' in e ||
        'goto' in e ||
        'continue' in e
      ) {
        return this.verdict(rule, chain, e, m, packets, depth);
      }
      if ('xt' in e) {
        note(this.notes, `iptables compat expression (xt) cannot be read from nft: ${rule.text}`);
        m = and([m, 'maybe']);
        continue;
      }
      if ('dnat' in e || 'redirect' in e || 'queue' in e) {
        if (m === 'no') return 'next';
        return {
          kind: 'unknown',
          rule: this.ref(rule, chain, packets),
          why: `${Object.keys(e)[0] ?? ''} changes the packet's path`,
        };
      }
      // An unknown expression is treated as a match that may or may not hold.
      note(this.notes, `cannot evaluate ${Object.keys(e).join(',')}: ${rule.text}`);
      m = and([m, 'maybe']);
    }
    return 'next';
  }

  private walk(chain: NftChain, depth: number): Decision {
    if (depth > MAX_DEPTH)
      return {
        kind: 'unknown',
        rule: this.ref(null, chain, null),
        why: 'chain jumps nest too deeply',
      };
    for (const rule of chain.rules) {
      const d = this.walkRule(rule, chain, depth);
      if (d !== 'next') return d;
    }
    return { kind: 'return' };
  }

  /** Decides one base chain: rules, then its policy. */
  decideBase(chain: NftChain): Decision {
    const d = this.walk(chain, 0);
    if (d.kind !== 'return') return d;
    const ref = this.ref(null, chain, null);
    return chain.policy === 'drop' ? { kind: 'drop', rule: ref } : { kind: 'accept', rule: ref };
  }

  /** Base chains this packet traverses, as stages. */
  stages(): Stage[] {
    const fam = this.packet.family === 4 ? 'ip' : 'ip6';
    return this.rs.chains
      .filter(
        (c) =>
          c.hook !== undefined &&
          (c.family === fam || c.family === 'inet' || c.family === 'netdev'),
      )
      .filter((c) => !this.skipTables.has(`${c.family}/${c.table}`))
      .filter((c) => ['input', 'prerouting', 'ingress', 'forward'].includes(c.hook ?? ''))
      .filter((c) => c.type !== 'route')
      .filter(
        (c) =>
          c.family !== 'netdev' ||
          this.packet.iif === null ||
          c.dev === undefined ||
          c.dev === this.packet.iif,
      )
      .map((c) => ({
        hook:
          c.hook === 'input' || c.hook === 'ingress' || c.hook === 'forward'
            ? c.hook
            : 'prerouting',
        priority: c.prio ?? 0,
        label: `nft ${c.family} ${c.table} ${c.name}`,
        decide: () => this.decideBase(c),
      }));
  }
}
