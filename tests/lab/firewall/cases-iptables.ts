/**
 * Real iptables rulesets for the firewall lab (loaded with iptables-restore, nf_tables
 * backend). `{C}` is replaced by the client's address, `{S}` by the server's.
 */

/** One lab case: a ruleset, the port the client tries, what the analysis must say. */
export interface FirewallCase {
  name: string;
  iptables?: string;
  /** Loaded with ip6tables-restore. */
  ip6tables?: string;
  nft?: string;
  /** The client connects over IPv6 (`{C}`/`{S}` are then the IPv6 addresses). */
  v6?: boolean;
  port: number;
  /** The static verdict expected; for accept/reject/drop it must also be what the kernel did. */
  expect: 'accept' | 'reject' | 'drop' | 'unknown';
  /** A fragment of the deciding (or undecidable) rule's text. */
  rule?: string;
  /** False when the deciding rule has no counter (nft without `counter`). */
  counted?: boolean;
}

const filter = (policy: string, lines: string[], extraChains: string[] = []) =>
  [
    '*filter',
    `:INPUT ${policy} [0:0]`,
    ':FORWARD ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ...extraChains.map((c) => `:${c} - [0:0]`),
    ...lines,
    'COMMIT',
    '',
  ].join('\n');

/** The iptables cases. */
export const IPTABLES_CASES: FirewallCase[] = [
  {
    name: 'REJECT with tcp-reset',
    iptables: filter('ACCEPT', ['-A INPUT -p tcp --dport 8080 -j REJECT --reject-with tcp-reset']),
    port: 8080,
    expect: 'reject',
    rule: 'tcp-reset',
  },
  {
    name: 'REJECT default (icmp-port-unreachable)',
    iptables: filter('ACCEPT', ['-A INPUT -p tcp --dport 8080 -j REJECT']),
    port: 8080,
    expect: 'reject',
    rule: '-j REJECT',
  },
  {
    name: 'REJECT icmp-host-prohibited',
    iptables: filter('ACCEPT', [
      '-A INPUT -p tcp --dport 8080 -j REJECT --reject-with icmp-host-prohibited',
    ]),
    port: 8080,
    expect: 'reject',
    rule: 'icmp-host-prohibited',
  },
  {
    name: 'DROP',
    iptables: filter('ACCEPT', ['-A INPUT -p tcp --dport 8080 -j DROP']),
    port: 8080,
    expect: 'drop',
    rule: '--dport 8080 -j DROP',
  },
  {
    name: 'policy DROP with conntrack accepts: port not allowed',
    iptables: filter('DROP', [
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -i lo -j ACCEPT',
      '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT',
    ]),
    port: 8080,
    expect: 'drop',
    rule: '-P INPUT DROP',
  },
  {
    name: 'policy DROP with conntrack accepts: allowed port (NEW)',
    iptables: filter('DROP', [
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -p tcp --dport 22 -m state --state NEW -j ACCEPT',
    ]),
    port: 22,
    expect: 'accept',
    rule: '--dport 22',
  },
  {
    name: 'user chain returns, later INPUT rule drops',
    iptables: filter(
      'ACCEPT',
      [
        '-A INPUT -p tcp -j web',
        '-A INPUT -p tcp --dport 8080 -j DROP',
        '-A web -s 10.99.0.0/24 -j REJECT',
        '-A web -j RETURN',
        '-A web -p tcp --dport 8080 -j ACCEPT',
      ],
      ['web'],
    ),
    port: 8080,
    expect: 'drop',
    rule: '-A INPUT -p tcp -m tcp --dport 8080 -j DROP',
  },
  {
    name: 'user chain rejects the client',
    iptables: filter(
      'ACCEPT',
      [
        '-A INPUT -p tcp -m multiport --dports 80,8080 -j web',
        '-A web -s {C}/32 -p tcp -j REJECT --reject-with tcp-reset',
      ],
      ['web'],
    ),
    port: 8080,
    expect: 'reject',
    rule: '-A web',
  },
  {
    name: 'goto: falling off the target chain skips the rest of INPUT',
    iptables: filter(
      'DROP',
      [
        '-A INPUT -p tcp -g g1',
        '-A INPUT -p tcp --dport 8080 -j ACCEPT',
        '-A g1 -p tcp --dport 1 -j ACCEPT',
      ],
      ['g1'],
    ),
    port: 8080,
    expect: 'drop',
    rule: '-P INPUT DROP',
  },
  {
    name: 'multiport list with a range: inside',
    iptables: filter('ACCEPT', ['-A INPUT -p tcp -m multiport --dports 80,8000:8100 -j REJECT']),
    port: 8080,
    expect: 'reject',
    rule: '8000:8100',
  },
  {
    name: 'multiport list with a range: outside',
    iptables: filter('ACCEPT', ['-A INPUT -p tcp -m multiport --dports 80,8000:8100 -j REJECT']),
    port: 9000,
    expect: 'accept',
    rule: '-P INPUT ACCEPT',
  },
  {
    name: 'negated source CIDR does not match the client',
    iptables: filter('ACCEPT', ['-A INPUT ! -s 10.234.0.0/16 -p tcp --dport 8080 -j DROP']),
    port: 8080,
    expect: 'accept',
  },
  {
    name: 'source CIDR matches the client',
    iptables: filter('ACCEPT', ['-A INPUT -s 10.234.0.0/16 -d {S}/32 -p tcp --dport 8080 -j DROP']),
    port: 8080,
    expect: 'drop',
    rule: '-s 10.234.0.0/16',
  },
  {
    name: 'inbound interface match',
    iptables: filter('ACCEPT', ['-A INPUT -i data+ -p tcp --dport 8080 -j REJECT']),
    port: 8080,
    expect: 'reject',
    rule: '-i data+',
  },
  {
    name: 'negated inbound interface',
    iptables: filter('ACCEPT', ['-A INPUT ! -i data0 -p tcp --dport 8080 -j DROP']),
    port: 8080,
    expect: 'accept',
  },
  {
    name: 'raw PREROUTING DROP',
    iptables: [
      '*raw',
      ':PREROUTING ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      '-A PREROUTING -p tcp --dport 8080 -j DROP',
      'COMMIT',
      '',
    ].join('\n'),
    port: 8080,
    expect: 'drop',
    rule: '-A PREROUTING',
  },
  {
    name: 'ACCEPT before DROP',
    iptables: filter('ACCEPT', [
      '-A INPUT -p tcp --dport 8080 -j ACCEPT',
      '-A INPUT -p tcp --dport 8080 -j DROP',
    ]),
    port: 8080,
    expect: 'accept',
    rule: '-j ACCEPT',
  },
  {
    name: 'recent list check cannot be evaluated: unknown',
    iptables: filter('ACCEPT', [
      '-A INPUT -p tcp --dport 8080 -m recent --rcheck --name blocked -j DROP',
    ]),
    port: 8080,
    expect: 'unknown',
    rule: '--rcheck',
  },
  {
    name: 'comment and state NEW accept, policy drop for others',
    iptables: filter('DROP', [
      '-A INPUT -p tcp --dport 8081 -m comment --comment "web admin" -m state --state NEW -j ACCEPT',
    ]),
    port: 8081,
    expect: 'accept',
    rule: 'web admin',
  },
];
