import type { FirewallCase } from './cases-iptables';

/** A front end's case: the kernel rules it writes, and the front-end text to expect. */
export interface FrontEndCase extends FirewallCase {
  frontEnd: { source: 'ufw' | 'firewalld' | 'fail2ban' | 'docker'; text: string } | null;
}

/** firewalld's nftables layout (as firewalld/firewalld's test suite shows it), zone public on data0. */
const FIREWALLD = `table inet firewalld {
  chain filter_IN_public_pre {
  }
  chain filter_IN_public_log {
  }
  chain filter_IN_public_deny {
  }
  chain filter_IN_public_allow {
    tcp dport 22 ct state { new, untracked } accept
    tcp dport 9000 ct state { new, untracked } accept
  }
  chain filter_IN_public_post {
  }
  chain filter_IN_public {
    jump filter_IN_public_pre
    jump filter_IN_public_log
    jump filter_IN_public_deny
    jump filter_IN_public_allow
    jump filter_IN_public_post
    meta l4proto { icmp, ipv6-icmp } accept
    reject with icmpx type admin-prohibited
  }
  chain filter_INPUT_ZONES {
    iifname "data0" goto filter_IN_public
    goto filter_IN_public
  }
  chain filter_INPUT {
    type filter hook input priority filter + 10; policy accept;
    ct state { established, related } accept
    ct status dnat accept
    iifname "lo" accept
    jump filter_INPUT_ZONES
    ct state { invalid } drop
    reject with icmpx type admin-prohibited
  }
}
`;

/** fail2ban's iptables-multiport action, written by hand as fail2ban would for a ban of the client. */
const FAIL2BAN = [
  '*filter',
  ':INPUT ACCEPT [0:0]',
  ':FORWARD ACCEPT [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  ':f2b-sshd - [0:0]',
  '-A INPUT -p tcp -m multiport --dports 22 -j f2b-sshd',
  '-A f2b-sshd -s {C}/32 -j REJECT --reject-with icmp-port-unreachable',
  '-A f2b-sshd -j RETURN',
  'COMMIT',
  '',
].join('\n');

/** Cases whose rules a front end owns (ufw has its own setup in the test). */
export const FRONT_END_CASES: FrontEndCase[] = [
  {
    name: 'firewalld zone public allows ssh',
    nft: FIREWALLD,
    port: 22,
    expect: 'accept',
    frontEnd: null,
    counted: false,
  },
  {
    name: 'firewalld zone public rejects a port it does not list',
    nft: FIREWALLD,
    port: 8080,
    expect: 'reject',
    rule: 'admin-prohibited',
    counted: false,
    frontEnd: { source: 'firewalld', text: 'zone public' },
  },
  {
    name: 'fail2ban jail sshd bans the client',
    iptables: FAIL2BAN,
    port: 22,
    expect: 'reject',
    rule: '-A f2b-sshd',
    frontEnd: { source: 'fail2ban', text: 'jail sshd' },
  },
  {
    name: 'fail2ban chain does not touch other ports',
    iptables: FAIL2BAN,
    port: 8080,
    expect: 'accept',
    frontEnd: null,
  },
];
