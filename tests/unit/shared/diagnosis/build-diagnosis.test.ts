import { describe, expect, it } from 'vitest';
import { buildDiagnosis } from '../../../../shared/diagnosis/build-diagnosis';
import { translator } from '../../../../shared/i18n/translate';
import {
  ACCEPT,
  REJECT_RULE,
  TARGET,
  capture,
  connect,
  dataIface,
  diagnose,
  dnsFailure,
  firewall,
  interfaces,
  listeners,
  route,
  service,
} from './make-evidence';

const upIface = interfaces([dataIface(true)]);

describe('client-only diagnosis', () => {
  it('ok when the connect succeeds', () => {
    const d = diagnose([connect('ok')]);
    expect(d).toMatchObject({
      outcome: 'ok',
      cause: 'ok',
      confidence: 'high',
      fix: null,
      verified: null,
    });
    expect(d.nextSteps).toEqual([]);
  });

  it('ok with a warning naming the address that failed', () => {
    const c = connect('ok', {
      addresses: ['::1', '127.0.0.1'],
      attempts: [
        { address: '::1', family: 6, result: 'refused', errno: 'ECONNREFUSED', ms: 1 },
        { address: '127.0.0.1', family: 4, result: 'ok', ms: 1 },
      ],
    });
    const d = diagnose([c]);
    expect(d.cause).toBe('ok');
    expect(d.warnings?.[0]).toContain('::1');
    // The same warning as a message, index for index, for the user's language.
    expect(d.warningMessages).toEqual([
      {
        id: 'diagnosis.warning.addressFailed',
        params: { address: '::1', error: 'ECONNREFUSED' },
      },
    ]);
    expect(translator('ko')(d.warningMessages?.[0] ?? { id: 'x.y' })).toBe(
      '::1은(는) 실패했습니다(ECONNREFUSED). 다른 주소로는 연결되었습니다.',
    );
  });

  it('ECONNREFUSED: not-listening, low, says what it cannot tell apart, lists server commands', () => {
    const d = diagnose([connect('refused')]);
    expect(d).toMatchObject({
      outcome: 'refused',
      cause: 'not-listening',
      confidence: 'low',
      rule: null,
    });
    expect(d.summary).toMatch(
      /cannot tell a stopped service, a service bound to another address and a firewall REJECT apart/,
    );
    const cmds = (d.nextSteps ?? []).map((s) => s.command?.join(' '));
    expect(cmds).toEqual(
      expect.arrayContaining([
        'ss -Hltnp',
        'systemctl status <service>',
        'ufw status verbose',
        'iptables-save',
        'nft list ruleset',
        'ip addr',
        `ip route get ${TARGET.host}`,
      ]),
    );
  });

  it('uses the expected service in the systemctl next step', () => {
    const d = diagnose([connect('refused')], 'nginx');
    expect(d.nextSteps?.some((s) => s.command?.join(' ') === 'systemctl status nginx')).toBe(true);
  });

  it('timeout: firewall-drop with rule null and low confidence', () => {
    const d = diagnose([connect('timeout')]);
    expect(d).toMatchObject({
      outcome: 'timeout',
      cause: 'firewall-drop',
      rule: null,
      confidence: 'low',
    });
    expect(d.summary).toMatch(/dropped/);
  });

  it('dns-failure', () => {
    const d = buildDiagnosis({
      target: { host: 'nothing.invalid', port: 80 },
      evidence: [dnsFailure()],
      durationMs: 1,
    });
    expect(d).toMatchObject({ outcome: 'dns-failure', cause: 'dns-failure', confidence: 'high' });
    expect(d.target.addresses).toEqual([]);
  });

  it('no-route from the client route probe', () => {
    const d = diagnose([connect('net-unreachable'), route('unreachable')]);
    expect(d).toMatchObject({ outcome: 'unreachable', cause: 'no-route', confidence: 'high' });
  });

  it('no-route from ENETUNREACH alone', () => {
    expect(diagnose([connect('net-unreachable')]).cause).toBe('no-route');
  });

  it('host-unreachable from EHOSTUNREACH', () => {
    const d = diagnose([connect('host-unreachable'), route('unicast')]);
    expect(d.cause).toBe('host-unreachable');
    expect(d.ruledOut).toContainEqual({
      cause: 'no-route',
      by: expect.stringContaining('route:') as string,
      message: { id: 'diagnosis.ruledOut.route', params: expect.anything() as object },
    });
  });
});

describe('diagnosis with server evidence', () => {
  it('service-not-running names the unit and proposes systemctl start with undo', () => {
    const d = diagnose([
      connect('refused'),
      listeners([{ port: 22, process: 'sshd' }]),
      service({ name: 'web.service', state: 'inactive', subState: 'dead' }),
      firewall(ACCEPT),
      upIface,
    ]);
    expect(d.cause).toBe('service-not-running');
    expect(d.confidence).toBe('high');
    expect(d.alsoFound).toEqual([]);
    expect(d.fix).toMatchObject({
      id: 'service.start',
      commands: [['systemctl', 'start', 'web.service']],
      undo: [['systemctl', 'stop', 'web.service']],
      privileged: true,
      persistent: false,
    });
    expect(d.alternatives[0]?.commands).toEqual([['systemctl', 'enable', '--now', 'web.service']]);
    expect(d.ruledOut).toContainEqual(
      expect.objectContaining({ cause: 'firewall-reject', by: `firewall: ${ACCEPT.reason}` }),
    );
    // Applying the fix comes first, then reading why the unit stopped.
    expect(d.nextSteps.map((n) => n.command)).toEqual([
      ['systemctl', 'start', 'web.service'],
      ['systemctl', 'status', 'web.service'],
    ]);
    expect(d.steps.map((s) => [s.step, s.verdict])).toEqual([
      ['dns', 'pass'],
      ['route', 'pass'],
      ['network', 'pass'],
      ['path', 'pass'],
      ['firewall', 'pass'],
      ['listening', 'fail'],
      ['service', 'skipped'],
    ]);
    expect(d.steps[5]?.cause).toBe('service-not-running');
  });

  it('wrong-port names the real port', () => {
    const d = diagnose([
      connect('refused'),
      listeners([{ port: 8081 }]),
      service({ state: 'active', ports: [8081] }),
      firewall(ACCEPT),
    ]);
    expect(d.cause).toBe('wrong-port');
    expect(d.summary).toContain('8081');
    expect(d.alsoFound).toEqual([]);
  });

  it('bound-to-other-address names the address and the process', () => {
    const d = diagnose([
      connect('refused'),
      listeners([{ address: '127.0.0.1' }]),
      firewall(ACCEPT),
      upIface,
    ]);
    expect(d.cause).toBe('bound-to-other-address');
    expect(d.summary).toContain('127.0.0.1:8080 (python3, pid 4242)');
    expect(d.ruledOut.map((r) => r.cause)).toContain('not-listening');
  });

  it('a wildcard listener rules bound-to-other-address out', () => {
    const d = diagnose([
      connect('refused'),
      listeners([{ address: '0.0.0.0' }]),
      firewall(ACCEPT),
      upIface,
    ]);
    expect(d.cause).toBe('unknown');
    expect(d.ruledOut.map((r) => r.cause)).toEqual(
      expect.arrayContaining(['bound-to-other-address', 'not-listening', 'firewall-reject']),
    );
  });

  it('not-listening with server evidence is high confidence', () => {
    const d = diagnose([connect('refused'), listeners([{ port: 22 }]), firewall(ACCEPT)]);
    expect(d).toMatchObject({ cause: 'not-listening', confidence: 'high' });
  });

  it('firewall-reject carries the rule and a delete/insert fix; not-listening goes to alsoFound', () => {
    const d = diagnose([
      connect('refused'),
      listeners([]),
      firewall({ verdict: 'reject', rule: REJECT_RULE, reason: 'rule 1 rejects' }),
    ]);
    expect(d.cause).toBe('firewall-reject');
    expect(d.rule).toEqual(REJECT_RULE);
    expect(d.alsoFound.map((a) => a.cause)).toEqual(['not-listening']);
    expect(d.fix?.commands).toEqual([
      [
        'iptables',
        '-t',
        'filter',
        '-D',
        'INPUT',
        '-p',
        'tcp',
        '-m',
        'tcp',
        '--dport',
        '8080',
        '-j',
        'REJECT',
        '--reject-with',
        'icmp-port-unreachable',
      ],
    ]);
    expect(d.fix?.undo[0]?.slice(0, 6)).toEqual(['iptables', '-t', 'filter', '-I', 'INPUT', '1']);
  });

  it('firewall-drop from a ufw rule proposes ufw delete', () => {
    const rule = {
      ...REJECT_RULE,
      chain: 'ufw-user-input',
      text: '-A ufw-user-input -p tcp -m tcp --dport 8080 -j DROP',
      verdict: 'drop' as const,
      frontEnd: { source: 'ufw' as const, text: '8080/tcp                   DENY IN     Anywhere' },
    };
    const d = diagnose([
      connect('timeout'),
      listeners([{}]),
      firewall({ verdict: 'drop', rule, reason: 'ufw deny' }),
    ]);
    expect(d).toMatchObject({ cause: 'firewall-drop', confidence: 'high' });
    expect(d.fix?.commands).toEqual([['ufw', 'delete', 'deny', '8080/tcp']]);
    expect(d.fix?.undo).toEqual([['ufw', 'deny', '8080/tcp']]);
  });

  it('upstream-filter: SYN never seen and the firewall accepts', () => {
    const d = diagnose([
      connect('timeout'),
      listeners([{}]),
      firewall(ACCEPT),
      capture(false),
      upIface,
    ]);
    expect(d).toMatchObject({ cause: 'upstream-filter', confidence: 'high', rule: null });
  });

  it('a seen SYN rules upstream-filter out', () => {
    const d = diagnose([connect('refused'), listeners([]), firewall(ACCEPT), capture(true, 'rst')]);
    expect(d.cause).toBe('not-listening');
    expect(d.ruledOut).toContainEqual({
      cause: 'upstream-filter',
      by: 'capture: the server saw the SYN (answer: rst)',
      message: { id: 'diagnosis.ruledOut.synSeen', params: { answer: 'rst' } },
    });
  });

  it('interface-down names the interface and proposes ip link set up', () => {
    const d = diagnose([
      connect('host-unreachable'),
      listeners([{}]),
      firewall(ACCEPT),
      interfaces([dataIface(false)]),
      capture(false),
    ]);
    expect(d.cause).toBe('interface-down');
    expect(d.summary).toContain('cd-data0');
    expect(d.fix?.commands).toEqual([['ip', 'link', 'set', 'cd-data0', 'up']]);
    // The SYN was never seen either: a consequence, listed after the first cause.
    expect(d.alsoFound.map((a) => a.cause)).toEqual(['upstream-filter']);
  });

  it('interface-down when the address is missing from every interface', () => {
    const d = diagnose([
      connect('host-unreachable'),
      listeners([{}]),
      interfaces([dataIface(true, '10.61.0.9')]),
    ]);
    expect(d).toMatchObject({ cause: 'interface-down', confidence: 'medium' });
    expect(d.summary).toContain(TARGET.host);
  });

  it('unknown when an undecidable rule decides', () => {
    const d = diagnose([
      connect('timeout'),
      listeners([{}]),
      firewall({
        verdict: 'unknown',
        rule: null,
        reason: 'a rule matches on a set that cannot be read',
        undecidable: {
          source: 'nftables',
          chain: 'input',
          position: 2,
          text: 'ip saddr @blocked drop',
        },
      }),
      upIface,
    ]);
    expect(d).toMatchObject({ cause: 'unknown', confidence: 'low', rule: null, fix: null });
    expect(d.summary).toContain('ip saddr @blocked drop');
  });

  it('an unreadable ruleset never reads as "no rules"', () => {
    const d = diagnose([connect('timeout'), listeners([{}]), firewall(null, false), upIface]);
    expect(d.cause).toBe('unknown');
    expect(d.summary).toMatch(/could not be read/);
    expect(d.ruledOut.map((r) => r.cause)).not.toContain('firewall-drop');
  });
});
