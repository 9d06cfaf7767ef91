import { splitQuotedWords } from '../argv-text';
import { renderPlans, type Fix, type FixPlan, type RuleLocation } from '../fix-plan';
import type { Rule } from '../evidence';
import { english } from '../i18n/translate';
import type { ServiceData } from '../probe-data';
import { isIPv6, isValidInterface, isValidUnit } from '../target';

/**
 * Fix plans for each cause (DESIGN §2), proposed from the evidence: typed plans with
 * validated parameters, rendered by `shared/fix-plan.ts` into argv and undo. Nothing here
 * applies anything. The first plan is the one `--fix` would apply; the rest are
 * `alternatives`.
 */

/** The proposed fix and its alternatives. */
export interface FixProposal {
  fix: Fix | null;
  alternatives: Fix[];
}

/** No fix known. */
export const NO_FIX: FixProposal = { fix: null, alternatives: [] };

/** Renders plans (with their ids) as a proposal: the first is the fix. */
export function proposal(plans: readonly FixPlan[]): FixProposal {
  const [fix = null, ...alternatives] = renderPlans(plans, english);
  return { fix, alternatives };
}

/** Starting the expected service now, and (systemd) enabling it for every boot. */
export function serviceFixes(s: Pick<ServiceData, 'manager' | 'name'>): FixProposal {
  const unit = s.name;
  if (!isValidUnit(unit)) return NO_FIX;
  switch (s.manager) {
    case 'systemd':
      return proposal([
        { kind: 'service.start', manager: 'systemd', unit },
        { kind: 'service.enable', manager: 'systemd', unit },
      ]);
    case 'sysv':
    case 'runit':
    case 'supervisor':
      return proposal([{ kind: 'service.start', manager: s.manager, unit }]);
    default:
      return NO_FIX;
  }
}

/** Parses ufw's `ufw status` line: `8080/tcp  REJECT IN  Anywhere` → action and port. */
function ufwRule(text: string): { action: string; to: string; from: string; text: string } | null {
  // `ufw status numbered` prefixes each rule with its number: `[ 2] 8080/tcp REJECT IN …`.
  const bare = text.replace(/^\s*\[\s*\d+\]\s*/, '').trim();
  const m = /^\s*(\S+(?: \(v6\))?)\s+(ALLOW|DENY|REJECT|LIMIT)(?: IN)?\s+(.+?)\s*$/i.exec(bare);
  if (!m || !m[1] || !m[2] || !m[3]) return null;
  return {
    text: bare,
    to: m[1].replace(' (v6)', ''),
    action: m[2].toLowerCase(),
    from: m[3].replace(' (v6)', ''),
  };
}

/** Fixes for a firewall rule that rejects or drops the SYN to `port`. */
export function firewallFixes(
  rule: Rule,
  port: number,
  address: string | null,
  ufwDefaultIncoming?: string | null,
): FixProposal {
  const front = rule.frontEnd;
  if (front?.source === 'ufw') {
    const u = ufwRule(front.text);
    const allow: FixPlan = { kind: 'ufw.allow', port };
    // Behind ufw's default deny, deleting the rule leaves the port closed.
    const deniesByDefault = ufwDefaultIncoming != null && !/allow/i.test(ufwDefaultIncoming);
    if (
      u &&
      /^anywhere$/i.test(u.from) &&
      (u.action === 'deny' || u.action === 'reject' || u.action === 'limit')
    ) {
      return proposal([
        {
          kind: 'ufw.delete',
          action: u.action,
          to: u.to,
          text: u.text,
          ...(deniesByDefault ? { allowAfter: true } : {}),
        },
        ...(deniesByDefault ? [] : [allow]),
      ]);
    }
    return proposal([allow]);
  }
  if (front?.source === 'firewalld') {
    return proposal([
      { kind: 'firewalld.add-port', port, permanent: false },
      { kind: 'firewalld.add-port', port, permanent: true },
    ]);
  }
  if (front?.source === 'fail2ban') {
    const jail = /^f2b-(.+)$/.exec(rule.chain)?.[1];
    const ip = /(?:^|\s)-s\s+([0-9A-Fa-f:.]+)(?:\/(?:32|128))?(?:\s|$)/.exec(rule.text)?.[1];
    if (!jail || !ip || !isValidUnit(jail)) return NO_FIX;
    return safeProposal([{ kind: 'fail2ban.unban', jail, address: ip }]);
  }
  if (front?.source === 'docker') return NO_FIX;
  const at = ruleLocation(rule, address);
  if (!at) return NO_FIX;
  return safeProposal([
    { kind: 'firewall.delete-rule', rule: at },
    ...(at.layer === 'iptables'
      ? [{ kind: 'firewall.insert-accept' as const, rule: at, port }]
      : []),
  ]);
}

/** A proposal from plans whose parameters came from server text: none when one is invalid. */
export function safeProposal(plans: FixPlan[]): FixProposal {
  try {
    return proposal(plans);
  } catch {
    return NO_FIX;
  }
}

/** Where a rule is, from the rule as the firewall probe reports it. */
function ruleLocation(rule: Rule, address: string | null): RuleLocation | null {
  if (rule.source === 'iptables') {
    const words = splitQuotedWords(rule.text);
    if (!words || words[0] !== '-A' || words[1] !== rule.chain || words.length < 3) return null;
    return {
      layer: 'iptables',
      ipv6: address !== null && isIPv6(address),
      table: rule.table,
      chain: rule.chain,
      position: Math.max(1, rule.position),
      spec: words.slice(2),
    };
  }
  const handle = /#\s*handle\s+(\d+)/.exec(rule.text)?.[1];
  const table = rule.table.trim().split(/\s+/);
  if (!handle || table.length !== 2) return null;
  const body = splitQuotedWords(rule.text.replace(/#\s*handle\s+\d+.*$/, '').trim());
  if (!body || body.length === 0) return null;
  const [family = '', name = ''] = table;
  if (!['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev'].includes(family)) return null;
  return {
    layer: 'nftables',
    family: family as Extract<RuleLocation, { layer: 'nftables' }>['family'],
    table: name,
    chain: rule.chain,
    handle: Number(handle),
    position: Math.max(1, rule.position),
    body,
  };
}

/** Bringing an interface up, or putting a missing address back on it. */
export function interfaceFixes(
  problem:
    | { kind: 'down'; name: string }
    | { kind: 'address-missing'; address: string; name: string | null },
): FixProposal {
  if (!problem.name || !isValidInterface(problem.name)) return NO_FIX;
  return safeProposal([
    problem.kind === 'down'
      ? { kind: 'link.up', iface: problem.name }
      : { kind: 'address.add', iface: problem.name, address: problem.address },
  ]);
}
