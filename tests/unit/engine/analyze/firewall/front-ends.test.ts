import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../../electron/engine/analyze/firewall/evaluate';
import {
  fail2banFrontEnd,
  parseFail2banJail,
  parseFail2banJails,
} from '../../../../../electron/engine/analyze/firewall/fail2ban';
import {
  firewalldDrift,
  firewalldFrontEnd,
  parseFirewalldZones,
} from '../../../../../electron/engine/analyze/firewall/firewalld';
import type { RuleRef } from '../../../../../electron/engine/analyze/firewall/model';
import {
  parseUfwStatus,
  parseUfwUserRules,
  ufwFrontEnd,
  type UfwInput,
} from '../../../../../electron/engine/analyze/firewall/ufw';
import { fixture, snapshot, syn } from './fixtures';

describe('ufw (Debian, ufw 0.36.2)', () => {
  const numbered = parseUfwStatus(fixture('debian-ufw-status-numbered.txt'));
  const verbose = parseUfwStatus(fixture('debian-ufw-status-verbose.txt'));
  const ufw: UfwInput = {
    status: numbered,
    userRules: parseUfwUserRules(fixture('debian-ufw-user-rules.txt')),
    user6Rules: parseUfwUserRules(fixture('debian-ufw-user6-rules.txt')),
  };
  it('parses status verbose, numbered and inactive', () => {
    expect(verbose?.defaults).toEqual({ incoming: 'deny', outgoing: 'allow', routed: 'disabled' });
    expect(verbose?.rules).toHaveLength(9);
    expect(numbered?.rules[1]).toMatchObject({
      num: 2,
      to: '8080/tcp',
      action: 'REJECT IN',
      from: 'Anywhere',
      v6: false,
    });
    expect(numbered?.rules[6]).toMatchObject({ num: 7, v6: true });
    expect(parseUfwStatus(fixture('debian-ufw-status-inactive.txt'))).toEqual({
      active: false,
      defaults: null,
      rules: [],
    });
    expect(parseUfwStatus('ERROR: You need to be root to run this script')).toBeNull();
  });
  it('reads the tuples of user.rules', () => {
    expect(ufw.userRules?.map((t) => t.tuple.split(' ')[0])).toEqual([
      'allow',
      'reject',
      'deny',
      'limit',
      'allow',
    ]);
    expect(ufw.userRules?.[3]?.rules).toHaveLength(3);
  });
  const s = snapshot('ufw');
  const frontOf = (port: number, saddr = '10.234.1.1') => {
    const e = evaluate(s, syn(port, saddr));
    return { e, fe: e.decidedBy ? ufwFrontEnd(e.decidedBy, ufw) : null };
  };
  it('maps a ufw-user-input rule back to the numbered ufw rule', () => {
    const { e, fe } = frontOf(8080);
    expect(e.verdict).toBe('reject');
    expect(fe).toEqual({ source: 'ufw', text: '[ 2] 8080/tcp REJECT IN Anywhere' });
    expect(frontOf(8081, '10.234.9.7').fe?.text).toBe('[ 3] 8081/tcp DENY IN 10.234.9.0/24');
  });
  it('names the default policy when nothing matches', () => {
    const { e, fe } = frontOf(7777);
    expect(e).toMatchObject({ verdict: 'drop', decidedBy: { position: 0 } });
    expect(fe?.text).toBe('Default: deny (incoming)');
  });
  it('a LIMIT rule is undecidable (recent list)', () => {
    expect(frontOf(2222).e.verdict).toBe('unknown');
  });
  it('IPv6 rules map to the (v6) entries', () => {
    const e = evaluate(s, {
      family: 6,
      saddr: 'fd00::1',
      daddr: 'fd00::2',
      dport: 8080,
      iif: 'eth0',
    });
    expect(e.verdict).toBe('reject');
    expect(e.decidedBy && ufwFrontEnd(e.decidedBy, ufw)?.text).toBe(
      '[ 7] 8080/tcp (v6) REJECT IN Anywhere (v6)',
    );
    expect(
      evaluate(s, { family: 6, saddr: 'fd00::1', daddr: 'fd00::2', dport: 9005, iif: 'eth0' })
        .verdict,
    ).toBe('accept');
  });
});

describe('fail2ban', () => {
  it('parses the jail list and a jail', () => {
    expect(parseFail2banJails(fixture('fail2ban-status.txt'))).toEqual(['sshd', 'wp-cf7-log']);
    expect(parseFail2banJail(fixture('fail2ban-status-sshd.txt'))).toEqual({
      jail: 'sshd',
      banned: ['192.168.80.11'],
    });
    expect(parseFail2banJails('Failed to access socket path')).toBeNull();
  });
  it('names the jail and the banned address behind an f2b- chain rule', () => {
    const e = evaluate(snapshot('fail2ban'), syn(22));
    expect(e.verdict).toBe('reject');
    const banned = new Map([['sshd', ['10.234.1.1']]]);
    expect(e.decidedBy && fail2banFrontEnd(e.decidedBy, '10.234.1.1', banned)).toEqual({
      source: 'fail2ban',
      text: "jail sshd: 10.234.1.1 is banned (in the jail's ban list)",
    });
    expect(evaluate(snapshot('fail2ban'), syn(22, '10.234.1.9')).verdict).toBe('accept');
  });
});

describe('firewalld (published firewall-cmd output)', () => {
  const runtime = parseFirewalldZones(fixture('redhat-firewalld-list-all-zones-runtime.txt'));
  it('parses zones, flags, targets, services, ports and rich rules', () => {
    expect(runtime.map((z) => [z.name, z.active, z.target])).toEqual([
      ['public', true, 'default'],
      ['trusted', true, 'ACCEPT'],
      ['block', false, 'BLOCK'],
    ]);
    expect(runtime[0]?.richRules).toEqual([
      'rule family="ipv4" source address="192.168.0.2" port port="3306" protocol="tcp" accept',
    ]);
    expect(runtime[1]?.sources).toHaveLength(4);
    const v2 = parseFirewalldZones(fixture('redhat-firewalld-list-all-public-2x.txt'));
    expect(v2[0]).toMatchObject({
      name: 'public',
      isDefault: true,
      ports: ['5050/tcp', '8080/tcp'],
      interfaces: ['enp0s3'],
    });
  });
  it('reports runtime-vs-permanent drift', () => {
    const permanent = runtime.map((z) =>
      z.name === 'public' ? { ...z, richRules: [], ports: ['8080/tcp'] } : z,
    );
    expect(firewalldDrift(runtime, permanent)).toEqual([
      'zone public: port 8080/tcp is permanent but not applied (needs --reload)',
      'zone public: rich rule rule family="ipv4" source address="192.168.0.2" port port="3306" protocol="tcp" accept is runtime-only (lost on reload)',
    ]);
    expect(firewalldDrift(runtime, runtime)).toEqual([]);
  });
  it('names the zone of a firewalld chain rule', () => {
    const ref: RuleRef = {
      source: 'nftables',
      family: 'inet',
      table: 'firewalld',
      chain: 'filter_IN_public',
      position: 7,
      text: 'reject with icmpx admin-prohibited # handle 40',
      packets: null,
      key: 'k',
    };
    expect(firewalldFrontEnd(ref, 8080, 'eth0', runtime)).toEqual({
      source: 'firewalld',
      text: 'zone public (target default): 8080/tcp is not among its services or ports',
    });
    expect(
      firewalldFrontEnd({ ...ref, table: 'lab', chain: 'input' }, 8080, 'eth0', runtime),
    ).toBeNull();
  });
});
