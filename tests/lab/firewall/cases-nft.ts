import type { FirewallCase } from './cases-iptables';

/** Real nftables rulesets for the firewall lab (`nft -f`). `{C}`/`{S}` as for iptables. */

const inet = (chains: string, family = 'inet', name = 'lab') =>
  `table ${family} ${name} {\n${chains}\n}\n`;
const input = (body: string, policy = 'accept', prio = 0, name = 'input') =>
  `  chain ${name} {\n    type filter hook input priority ${prio}; policy ${policy};\n${body}\n  }`;

/** The nftables cases. */
export const NFT_CASES: FirewallCase[] = [
  {
    name: 'inet: named set, counter, reject with tcp reset',
    nft: inet(
      `  set ports { type inet_service; elements = { 22, 8080 } }\n${input('    tcp dport @ports counter reject with tcp reset')}`,
    ),
    port: 8080,
    expect: 'reject',
    rule: '@ports',
  },
  {
    name: 'ip: port range, counter, drop',
    nft: inet(input('    tcp dport 8000-8100 counter drop'), 'ip'),
    port: 8080,
    expect: 'drop',
    rule: '8000-8100',
  },
  {
    name: 'inet: anonymous set, reject icmpx admin-prohibited (no counter)',
    nft: inet(input('    tcp dport { 3000, 8080 } reject with icmpx type admin-prohibited')),
    port: 8080,
    expect: 'reject',
    rule: 'admin-prohibited',
    counted: false,
  },
  {
    name: 'inet: verdict map',
    nft: inet(input('    tcp dport vmap { 8080 : drop, 9000 : accept }')),
    port: 8080,
    expect: 'drop',
    rule: 'vmap',
    counted: false,
  },
  {
    name: 'two base chains: an accept ends only its own chain',
    nft: inet(
      `${input('    tcp dport 8080 counter accept', 'accept', 0, 'a')}\n${input('    tcp dport 8080 counter drop', 'accept', 10, 'b')}`,
    ),
    port: 8080,
    expect: 'drop',
    rule: 'counter drop',
  },
  {
    name: 'priority order: the earlier base chain drops first',
    nft: inet(
      `${input('    tcp dport 8080 counter reject', 'accept', 0, 'late')}\n${input('    ip saddr {C} counter drop', 'accept', -10, 'early')}`,
    ),
    port: 8080,
    expect: 'drop',
    rule: 'ip saddr',
  },
  {
    name: 'negated source prefix does not match',
    nft: inet(input('    ip saddr != 10.234.0.0/16 counter drop')),
    port: 8080,
    expect: 'accept',
    rule: 'policy accept',
    counted: false,
  },
  {
    name: 'policy drop with ct state accepts',
    nft: inet(
      input(
        '    ct state established,related accept\n    ct state invalid drop\n    iifname "lo" accept\n    tcp dport 22 accept',
        'drop',
      ),
    ),
    port: 8080,
    expect: 'drop',
    rule: 'policy drop',
    counted: false,
  },
  {
    name: 'policy drop, allowed port',
    nft: inet(
      input(
        '    ct state established,related accept\n    tcp dport { 22, 8080 } ct state new counter accept',
        'drop',
      ),
    ),
    port: 8080,
    expect: 'accept',
    rule: 'ct state new',
  },
  {
    name: 'jump to a chain that returns, then accept',
    nft: inet(
      `  chain sub {\n    tcp dport 8080 return\n    counter drop\n  }\n${input('    jump sub\n    tcp dport 8080 counter accept', 'drop')}`,
    ),
    port: 8080,
    expect: 'accept',
    rule: 'counter accept',
  },
  {
    name: 'named interval set of source addresses',
    nft: inet(
      `  set blocked { type ipv4_addr; flags interval; elements = { 10.234.0.0/16 } }\n${input('    ip saddr @blocked counter drop')}`,
    ),
    port: 8080,
    expect: 'drop',
    rule: '@blocked',
  },
  {
    name: 'prerouting filter chain drops before input',
    nft: inet(
      `  chain pre {\n    type filter hook prerouting priority -300; policy accept;\n    tcp dport 8080 counter drop\n  }\n${input('    tcp dport 8080 counter accept')}`,
    ),
    port: 8080,
    expect: 'drop',
    rule: 'counter drop',
  },
  {
    name: 'plain reject in inet (port unreachable)',
    nft: inet(input('    iifname "data0" tcp dport 8080 counter reject')),
    port: 8080,
    expect: 'reject',
    rule: 'iifname',
  },
  {
    name: 'packet mark cannot be evaluated: unknown',
    nft: inet(input('    meta mark 0x00000007 tcp dport 8080 drop')),
    port: 8080,
    expect: 'unknown',
    rule: 'meta mark',
  },
  {
    name: 'daddr and tcp flags match, reject',
    nft: inet(
      input(
        '    ip daddr {S} tcp flags & (fin|syn|rst|ack) == syn tcp dport 8080 counter reject with icmp type port-unreachable',
      ),
      'ip',
    ),
    port: 8080,
    expect: 'reject',
    rule: 'tcp flags',
  },
];
