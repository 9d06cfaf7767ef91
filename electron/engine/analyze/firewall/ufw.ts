import { parseIptablesSave } from './iptables-parse';
import type { RuleRef } from './model';

/**
 * ufw, the front end: `ufw status verbose|numbered` and the `### tuple ###` comments of
 * /etc/ufw/user.rules and user6.rules, used to name the ufw rule behind an iptables rule
 * of the ufw-user-input chain.
 */

/** One line of `ufw status numbered` (or verbose, without a number). */
export interface UfwStatusRule {
  num: number | null;
  to: string;
  action: string;
  from: string;
  v6: boolean;
  /** The line as ufw printed it, whitespace squeezed. */
  text: string;
}

/** Parsed `ufw status verbose` / `ufw status numbered`. */
export interface UfwStatus {
  active: boolean;
  /** "deny (incoming), allow (outgoing), disabled (routed)" */
  defaults: { incoming: string; outgoing: string; routed: string } | null;
  rules: UfwStatusRule[];
}

const UFW_ACTION = /^(?:ALLOW|DENY|REJECT|LIMIT)(?: (?:IN|OUT|FWD))?$/;
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r';

/**
 * One table row: `[ 1] To  Action  From`, columns separated by two or more blanks (a
 * column may hold single spaces: `8080/tcp (v6)`). A linear scan — the regex it replaces
 * backtracked cubically on a long row of blanks.
 */
function parseUfwRow(line: string): UfwStatusRule | null {
  let i = 0;
  while (isSpace(line[i])) i++;
  let num: number | null = null;
  if (line[i] === '[') {
    const close = line.indexOf(']', i);
    const digits = close < 0 ? '' : line.slice(i + 1, close).trim();
    if (/^\d{1,9}$/.test(digits)) {
      num = Number(digits);
      i = close + 1;
      if (!isSpace(line[i])) return null;
      while (isSpace(line[i])) i++;
    }
  }
  // Fields: runs of text where single blanks stay inside, two or more blanks separate.
  const fields: { start: number; end: number }[] = [];
  let start = i;
  let j = i;
  while (j < line.length) {
    if (isSpace(line[j])) {
      let k = j;
      while (isSpace(line[k])) k++;
      if (k - j >= 2 || k === line.length) {
        if (j > start) fields.push({ start, end: j });
        start = k;
      }
      j = k;
    } else j++;
  }
  if (j > start) fields.push({ start, end: j });
  const a = fields.findIndex((f, n) => n >= 1 && UFW_ACTION.test(line.slice(f.start, f.end)));
  const first = fields[0];
  const act = fields[a];
  const after = fields[a + 1];
  const last = fields[fields.length - 1];
  if (a < 1 || !first || !act || !after || !last) return null;
  const to = line.slice(first.start, fields[a - 1]?.end ?? first.end);
  const from = line.slice(after.start, last.end);
  return {
    num,
    to,
    action: line.slice(act.start, act.end),
    from,
    v6: to.includes('(v6)') || from.includes('(v6)'),
    text: line.trim().replace(/\s{2,}/g, ' '),
  };
}

/** Parses `ufw status [verbose|numbered]`; null when the text is not ufw's. */
export function parseUfwStatus(text: string): UfwStatus | null {
  const state = /^Status: (active|inactive)/m.exec(text);
  if (!state) return null;
  const d = /^Default: (\S+) \(incoming\), (\S+) \(outgoing\), (\S+) \(routed\)/m.exec(text);
  const rules: UfwStatusRule[] = [];
  let inTable = false;
  for (const line of text.split('\n')) {
    if (/^\s*--\s+-+\s+-+/.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable || line.trim() === '') continue;
    const rule = parseUfwRow(line);
    if (rule) rules.push(rule);
  }
  return {
    active: state[1] === 'active',
    defaults: d ? { incoming: d[1] ?? '', outgoing: d[2] ?? '', routed: d[3] ?? '' } : null,
    rules,
  };
}

/** One `### tuple ###` block of user.rules with the rule lines that follow it. */
export interface UfwTuple {
  tuple: string;
  rules: string[];
}

/** Parses user.rules / user6.rules into tuples, in file order. */
export function parseUfwUserRules(text: string): UfwTuple[] {
  const out: UfwTuple[] = [];
  let cur: UfwTuple | null = null;
  for (const line of text.split('\n')) {
    const t = /^### tuple ### (.*)$/.exec(line);
    if (t) {
      cur = { tuple: t[1] ?? '', rules: [] };
      out.push(cur);
      continue;
    }
    if (line.startsWith('### ')) cur = null;
    else if (cur && line.startsWith('-A ')) cur.rules.push(line);
  }
  return out;
}

/** A canonical form of a rule for comparing user.rules with iptables-save (`-m tcp` implied). */
function canonical(ruleText: string): string {
  const dump = parseIptablesSave(`*filter\n${ruleText}\nCOMMIT\n`);
  const rule = [...(dump.tables.get('filter')?.chains.values() ?? [])][0]?.rules[0];
  if (!rule) return ruleText;
  const opts = rule.options.map((o) => `${o.neg ? '!' : ''}${o.name}=${o.args.join(',')}`).sort();
  const target = rule.target
    ? [rule.target.name, ...rule.target.args.map((a) => `${a.name}=${a.args.join(',')}`)]
    : [];
  return `${rule.chain}|${opts.join(' ')}|${target.join(' ')}`;
}

/** What ufw material the probe could read. */
export interface UfwInput {
  status: UfwStatus | null;
  userRules: UfwTuple[] | null;
  user6Rules: UfwTuple[] | null;
}

/** Human form of a tuple: "reject tcp 8080 0.0.0.0/0 any 0.0.0.0/0 in" → "8080/tcp REJECT IN from 0.0.0.0/0". */
function tupleText(t: string): string {
  const [action = '', proto = '', dport = '', , , src = ''] = t.split(' ');
  const port = dport === 'any' ? 'any port' : proto === 'any' ? dport : `${dport}/${proto}`;
  const from = src === '0.0.0.0/0' || src === '::/0' ? 'Anywhere' : src;
  return `${port} ${action.toUpperCase()} IN ${from}`;
}

/** Names the ufw rule behind an iptables rule, or null when ufw does not own it. */
export function ufwFrontEnd(ref: RuleRef, ufw: UfwInput): { source: 'ufw'; text: string } | null {
  const chain = ref.chain;
  if (!/^ufw6?-/.test(chain) && !(ref.position === 0 && chain === 'INPUT' && ufw.status?.active))
    return null;
  if (ref.position === 0) {
    const incoming = ufw.status?.defaults?.incoming ?? 'deny';
    return { source: 'ufw', text: `Default: ${incoming} (incoming)` };
  }
  if (/^ufw6?-user-(input|limit)/.test(chain)) {
    const v6 = chain.startsWith('ufw6-');
    const tuples = (v6 ? ufw.user6Rules : ufw.userRules) ?? [];
    const want = canonical(ref.text);
    const idx = tuples.findIndex((t) => t.rules.some((r) => canonical(r) === want));
    if (idx >= 0) {
      const numbered = (ufw.status?.rules ?? []).filter((r) => r.v6 === v6)[idx];
      return { source: 'ufw', text: numbered?.text ?? tupleText(tuples[idx]?.tuple ?? '') };
    }
    if (chain.includes('limit'))
      return { source: 'ufw', text: 'a LIMIT rule (too many recent connections)' };
    return { source: 'ufw', text: `ufw user rule (${ref.text})` };
  }
  return { source: 'ufw', text: `ufw built-in rule in ${chain}` };
}
