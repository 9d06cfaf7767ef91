import type { FirewallCase } from './cases-iptables';

/** IPv6 rulesets and rules the analysis must refuse to guess about. */

const filter6 = (lines: string[]) =>
  [
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ...lines,
    'COMMIT',
    '',
  ].join('\n');

/** A nat table in front of a filter table that drops 8080. */
const nat = (prerouting: string[]) =>
  [
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ...prerouting,
    'COMMIT',
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    '-A INPUT -p tcp --dport 8080 -j DROP',
    'COMMIT',
    '',
  ].join('\n');

/** Cases over IPv6 and with a destination rewrite. */
export const MORE_CASES: FirewallCase[] = [
  {
    name: 'IPv6: ip6tables REJECT icmp6-adm-prohibited',
    ip6tables: filter6([
      '-A INPUT -p tcp --dport 8080 -j REJECT --reject-with icmp6-adm-prohibited',
    ]),
    v6: true,
    port: 8080,
    expect: 'reject',
    rule: 'icmp6-adm-prohibited',
  },
  {
    name: 'IPv6: ip6tables DROP by source prefix',
    ip6tables: filter6(['-A INPUT -s fd00:234::/32 -p tcp --dport 8080 -j DROP']),
    v6: true,
    port: 8080,
    expect: 'drop',
    rule: 'fd00:234::/32',
  },
  {
    name: 'IPv6: inet table ip6 saddr set, counter reject',
    nft: `table inet lab {\n  chain input {\n    type filter hook input priority 0; policy accept;\n    ip saddr 10.0.0.0/8 drop\n    ip6 saddr { {C} } tcp dport 8080 counter reject with tcp reset\n  }\n}\n`,
    v6: true,
    port: 8080,
    expect: 'reject',
    rule: 'ip6 saddr',
  },
  {
    name: 'IPv6: firewalld-style reverse-path filter passes, then a reject',
    nft: `table inet lab {\n  chain pre {\n    type filter hook prerouting priority -290; policy accept;\n    meta nfproto ipv6 fib saddr . mark . iif oif missing drop\n  }\n  chain input {\n    type filter hook input priority 0; policy accept;\n    tcp dport 8080 counter reject with icmpx type admin-prohibited\n  }\n}\n`,
    v6: true,
    port: 8080,
    expect: 'reject',
    rule: 'admin-prohibited',
  },
  {
    name: 'IPv4 rules leave an IPv6 SYN alone',
    iptables: filter6(['-A INPUT -p tcp --dport 8080 -j DROP']),
    v6: true,
    port: 8080,
    expect: 'accept',
  },
  {
    name: 'raw CT --notrack: the SYN is UNTRACKED, a NEW accept misses it',
    iptables: [
      '*raw',
      ':PREROUTING ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      '-A PREROUTING -p tcp --dport 8080 -j CT --notrack',
      'COMMIT',
      '*filter',
      ':INPUT DROP [0:0]',
      ':FORWARD ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      '-A INPUT -p tcp --dport 8080 -m conntrack --ctstate NEW -j ACCEPT',
      'COMMIT',
      '',
    ].join('\n'),
    port: 8080,
    expect: 'drop',
    rule: '-P INPUT DROP',
  },
  {
    name: 'nft notrack, then ct state untracked accepts',
    nft: `table inet lab {\n  chain pre {\n    type filter hook prerouting priority -300; policy accept;\n    tcp dport 8080 notrack\n  }\n  chain input {\n    type filter hook input priority 0; policy drop;\n    ct state new tcp dport 8080 drop\n    ct state untracked tcp dport 8080 counter accept\n  }\n}\n`,
    port: 8080,
    expect: 'accept',
    rule: 'untracked',
  },
  {
    name: 'nat PREROUTING REDIRECT to 9000: the DROP for 8080 never sees it',
    iptables: nat(['-A PREROUTING -p tcp --dport 8080 -j REDIRECT --to-ports 9000']),
    port: 8080,
    expect: 'accept',
    rule: '-P INPUT ACCEPT',
  },
  {
    name: 'DNAT to an address range cannot be followed: unknown',
    iptables: nat([
      '-A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 10.234.250.2-10.234.250.3',
    ]),
    port: 8080,
    expect: 'unknown',
    rule: 'DNAT',
  },
];
