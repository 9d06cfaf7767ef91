import type { Fix, Rule } from '../evidence';
import type { ServiceData } from '../probe-data';
import { isIPv6, isValidInterface, isValidUnit } from '../target';

/**
 * Fix proposals for each cause: exact argv (never with sudo — `privileged` elevates),
 * whether the change survives a reboot, and its undo. Nothing here applies anything.
 * The first proposal is the one `--fix` would apply; the rest are `alternatives`.
 */

/** The proposed fix and its alternatives. */
export interface FixProposal {
  fix: Fix | null;
  alternatives: Fix[];
}

/** No fix known. */
export const NO_FIX: FixProposal = { fix: null, alternatives: [] };

function fix(
  id: string,
  description: string,
  commands: string[][],
  undo: string[][],
  persistent: boolean,
): Fix {
  return { id, description, commands, privileged: true, persistent, undo, diff: null };
}

/** Starting the expected service now, and (alternative) enabling it for every boot. */
export function serviceFixes(s: Pick<ServiceData, 'manager' | 'name'>): FixProposal {
  const name = s.name;
  if (!isValidUnit(name)) return NO_FIX;
  switch (s.manager) {
    case 'systemd':
      return {
        fix: fix(
          'service.start',
          `Start ${name} now (it stays disabled at boot)`,
          [['systemctl', 'start', name]],
          [['systemctl', 'stop', name]],
          false,
        ),
        alternatives: [
          fix(
            'service.enable-now',
            `Start ${name} now and at every boot`,
            [['systemctl', 'enable', '--now', name]],
            [['systemctl', 'disable', '--now', name]],
            true,
          ),
        ],
      };
    case 'sysv':
      return {
        fix: fix(
          'service.start',
          `Start ${name} now`,
          [['service', name, 'start']],
          [['service', name, 'stop']],
          false,
        ),
        alternatives: [],
      };
    case 'runit':
      return {
        fix: fix(
          'service.start',
          `Bring ${name} up`,
          [['sv', 'up', name]],
          [['sv', 'down', name]],
          false,
        ),
        alternatives: [],
      };
    case 'supervisor':
      return {
        fix: fix(
          'service.start',
          `Start ${name} under supervisor`,
          [['supervisorctl', 'start', name]],
          [['supervisorctl', 'stop', name]],
          false,
        ),
        alternatives: [],
      };
    default:
      return NO_FIX;
  }
}

/**
 * Splits a rule as iptables-save prints it into argv words (double quotes group words,
 * as in `--comment "allow web"`). Returns null on an unterminated quote.
 */
export function splitRuleText(text: string): string[] | null {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '\\' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') {
      quoted = true;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quoted) return null;
  if (inWord) words.push(cur);
  return words;
}

/** Parses ufw's `ufw status` line: `8080/tcp  REJECT IN  Anywhere` → action and port. */
function ufwRule(text: string): { action: string; to: string; from: string } | null {
  const m = /^\s*(\S+(?: \(v6\))?)\s+(ALLOW|DENY|REJECT|LIMIT)(?: IN)?\s+(.+?)\s*$/i.exec(text);
  if (!m || !m[1] || !m[2] || !m[3]) return null;
  return {
    to: m[1].replace(' (v6)', ''),
    action: m[2].toLowerCase(),
    from: m[3].replace(' (v6)', ''),
  };
}

/** Fixes for a firewall rule that rejects or drops the SYN to `port`. */
export function firewallFixes(rule: Rule, port: number, address: string | null): FixProposal {
  const front = rule.frontEnd;
  if (front?.source === 'ufw') {
    const u = ufwRule(front.text);
    const allow = fix(
      'firewall.ufw-allow',
      `Allow ${port}/tcp in ufw`,
      [['ufw', 'allow', `${port}/tcp`]],
      [['ufw', 'delete', 'allow', `${port}/tcp`]],
      true,
    );
    if (u && /^anywhere$/i.test(u.from) && u.action !== 'allow') {
      return {
        fix: fix(
          'firewall.ufw-delete',
          `Delete the ufw rule "${front.text.trim()}"`,
          [['ufw', 'delete', u.action, u.to]],
          [['ufw', u.action, u.to]],
          true,
        ),
        alternatives: [allow],
      };
    }
    return { fix: allow, alternatives: [] };
  }
  if (front?.source === 'firewalld') {
    const spec = `--add-port=${port}/tcp`;
    return {
      fix: fix(
        'firewall.firewalld-add-port',
        `Open ${port}/tcp in firewalld until the next reload`,
        [['firewall-cmd', spec]],
        [['firewall-cmd', `--remove-port=${port}/tcp`]],
        false,
      ),
      alternatives: [
        fix(
          'firewall.firewalld-add-port-permanent',
          `Open ${port}/tcp in firewalld permanently`,
          [
            ['firewall-cmd', '--permanent', spec],
            ['firewall-cmd', '--reload'],
          ],
          [
            ['firewall-cmd', '--permanent', `--remove-port=${port}/tcp`],
            ['firewall-cmd', '--reload'],
          ],
          true,
        ),
      ],
    };
  }
  if (front?.source === 'fail2ban') {
    const jail = /^f2b-(.+)$/.exec(rule.chain)?.[1];
    const ip = /(?:^|\s)-s\s+([0-9A-Fa-f:.]+)(?:\/(?:32|128))?(?:\s|$)/.exec(rule.text)?.[1];
    if (!jail || !ip || !isValidUnit(jail)) return NO_FIX;
    return {
      fix: fix(
        'fail2ban.unban',
        `Unban ${ip} from the fail2ban jail ${jail}`,
        [['fail2ban-client', 'set', jail, 'unbanip', ip]],
        [['fail2ban-client', 'set', jail, 'banip', ip]],
        false,
      ),
      alternatives: [],
    };
  }
  if (front?.source === 'docker') return NO_FIX;
  if (rule.source === 'iptables') return iptablesFix(rule, address);
  return nftablesFix(rule);
}

function iptablesFix(rule: Rule, address: string | null): FixProposal {
  const words = splitRuleText(rule.text);
  if (!words || words[0] !== '-A' || words[1] !== rule.chain) return NO_FIX;
  const spec = words.slice(2);
  const bin = address !== null && isIPv6(address) ? 'ip6tables' : 'iptables';
  return {
    fix: fix(
      'firewall.remove-rule',
      `Delete the ${rule.verdict === 'reject' ? 'REJECT' : 'DROP'} rule ${rule.position} of ${rule.table}/${rule.chain} (until the rules are reloaded)`,
      [[bin, '-t', rule.table, '-D', rule.chain, ...spec]],
      [[bin, '-t', rule.table, '-I', rule.chain, String(Math.max(1, rule.position)), ...spec]],
      false,
    ),
    alternatives: [],
  };
}

function nftablesFix(rule: Rule): FixProposal {
  const handle = /#\s*handle\s+(\d+)/.exec(rule.text)?.[1];
  const table = rule.table.trim().split(/\s+/);
  if (!handle || table.length !== 2) return NO_FIX;
  const body = splitRuleText(rule.text.replace(/#\s*handle\s+\d+.*$/, '').trim());
  if (!body || body.length === 0) return NO_FIX;
  const [family = '', name = ''] = table;
  return {
    fix: fix(
      'firewall.remove-rule',
      `Delete the nftables rule "${rule.text.replace(/#.*$/, '').trim()}" from ${rule.table} ${rule.chain} (until the ruleset is reloaded)`,
      [['nft', 'delete', 'rule', family, name, rule.chain, 'handle', handle]],
      [
        [
          'nft',
          'insert',
          'rule',
          family,
          name,
          rule.chain,
          'index',
          String(Math.max(0, rule.position - 1)),
          ...body,
        ],
      ],
      false,
    ),
    alternatives: [],
  };
}

/** Bringing an interface up, or putting a missing address back on it. */
export function interfaceFixes(
  problem:
    | { kind: 'down'; name: string }
    | { kind: 'address-missing'; address: string; name: string | null },
): FixProposal {
  if (!problem.name || !isValidInterface(problem.name)) return NO_FIX;
  if (problem.kind === 'down') {
    return {
      fix: fix(
        'interface.up',
        `Bring interface ${problem.name} up (until the next reboot or network restart)`,
        [['ip', 'link', 'set', problem.name, 'up']],
        [['ip', 'link', 'set', problem.name, 'down']],
        false,
      ),
      alternatives: [],
    };
  }
  const cidr = `${problem.address}/${isIPv6(problem.address) ? 128 : 32}`;
  return {
    fix: fix(
      'interface.add-address',
      `Add ${problem.address} to ${problem.name} (host prefix; until the next reboot)`,
      [['ip', 'addr', 'add', cidr, 'dev', problem.name]],
      [['ip', 'addr', 'del', cidr, 'dev', problem.name]],
      false,
    ),
    alternatives: [],
  };
}
