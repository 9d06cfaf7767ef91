import { describe, expect, it } from 'vitest';
import { firewallFixes } from '../../../shared/diagnosis/fixes';
import { english } from '../../../shared/i18n/translate';
import { translator } from '../../../shared/i18n/translate';
import {
  FixPlanSchema,
  PLAN_KINDS,
  PlanIdSchema,
  renderPlans,
  type FixPlan,
} from '../../../shared/fix-plan';
import { dropInText, newFileDiff } from '../../../shared/unit-dropin';

const IPT: Extract<Extract<FixPlan, { kind: 'firewall.insert-accept' }>['rule'], object> = {
  layer: 'iptables',
  ipv6: false,
  table: 'filter',
  chain: 'INPUT',
  position: 3,
  spec: [
    '-p',
    'tcp',
    '-m',
    'tcp',
    '--dport',
    '8080',
    '-m',
    'comment',
    '--comment',
    'no web',
    '-j',
    'REJECT',
  ],
};

describe('fix plans: a typed union, rendered into exact argv and undo', () => {
  it('renders every kind with its argv, undo, risk and verifying probe; never sudo', () => {
    const plans: FixPlan[] = [
      { kind: 'service.start', manager: 'sysv', unit: 'nginx' },
      { kind: 'service.enable', manager: 'systemd', unit: 'nginx.service' },
      { kind: 'service.restart', manager: 'runit', unit: 'web' },
      { kind: 'firewall.delete-rule', rule: IPT },
      { kind: 'firewall.insert-accept', rule: IPT, port: 8080 },
      { kind: 'ufw.delete', action: 'deny', to: '8080/tcp', text: '8080/tcp DENY IN Anywhere' },
      { kind: 'ufw.allow', port: 8080 },
      { kind: 'firewalld.add-port', port: 8080, permanent: true },
      { kind: 'fail2ban.unban', jail: 'sshd', address: '10.0.0.9' },
      { kind: 'link.up', iface: 'eth1' },
      { kind: 'address.add', iface: 'eth1', address: 'fd00::2' },
    ];
    const fixes = renderPlans(plans, english);
    expect(fixes.map((f) => [f.id, f.commands, f.undo])).toEqual([
      ['service.start', [['service', 'nginx', 'start']], [['service', 'nginx', 'stop']]],
      [
        'service.enable',
        [['systemctl', 'enable', '--now', 'nginx.service']],
        [['systemctl', 'disable', '--now', 'nginx.service']],
      ],
      ['service.restart', [['sv', 'restart', 'web']], []],
      [
        'firewall.delete-rule',
        [['iptables', '-t', 'filter', '-D', 'INPUT', ...IPT.spec]],
        [['iptables', '-t', 'filter', '-I', 'INPUT', '3', ...IPT.spec]],
      ],
      [
        'firewall.insert-accept',
        [
          [
            'iptables',
            '-t',
            'filter',
            '-I',
            'INPUT',
            '3',
            '-p',
            'tcp',
            '--dport',
            '8080',
            '-j',
            'ACCEPT',
          ],
        ],
        [
          [
            'iptables',
            '-t',
            'filter',
            '-D',
            'INPUT',
            '-p',
            'tcp',
            '--dport',
            '8080',
            '-j',
            'ACCEPT',
          ],
        ],
      ],
      ['ufw.delete', [['ufw', 'delete', 'deny', '8080/tcp']], [['ufw', 'deny', '8080/tcp']]],
      [
        'ufw.allow',
        [['ufw', 'insert', '1', 'allow', '8080/tcp']],
        [['ufw', 'delete', 'allow', '8080/tcp']],
      ],
      [
        'firewalld.add-port',
        [
          ['firewall-cmd', '--permanent', '--add-port=8080/tcp'],
          ['firewall-cmd', '--reload'],
        ],
        [
          ['firewall-cmd', '--permanent', '--remove-port=8080/tcp'],
          ['firewall-cmd', '--reload'],
        ],
      ],
      [
        'fail2ban.unban',
        [['fail2ban-client', 'set', 'sshd', 'unbanip', '10.0.0.9']],
        [['fail2ban-client', 'set', 'sshd', 'banip', '10.0.0.9']],
      ],
      ['link.up', [['ip', 'link', 'set', 'eth1', 'up']], [['ip', 'link', 'set', 'eth1', 'down']]],
      [
        'address.add',
        [['ip', 'addr', 'add', 'fd00::2/128', 'dev', 'eth1']],
        [['ip', 'addr', 'del', 'fd00::2/128', 'dev', 'eth1']],
      ],
    ]);
    for (const f of fixes) {
      expect(f.privileged).toBe(true);
      expect(f.commands.flat()).not.toContain('sudo');
      expect(f.description.length).toBeGreaterThan(5);
      expect(f.risk.length).toBeGreaterThan(5);
      expect(f.plan.kind).toBe(f.kind);
    }
    expect(fixes.find((f) => f.kind === 'link.up')?.verify).toBe('interfaces');
    expect(fixes.find((f) => f.kind === 'ufw.delete')?.description).toBe(
      'Delete the ufw rule “8080/tcp DENY IN Anywhere”',
    );
  });

  it('ids are the kind, suffixed -2, -3 for repeats, and stable run to run', () => {
    const plans: FixPlan[] = [
      { kind: 'firewalld.add-port', port: 80, permanent: false },
      { kind: 'firewalld.add-port', port: 80, permanent: true },
      { kind: 'link.up', iface: 'eth0' },
      { kind: 'firewalld.add-port', port: 81, permanent: false },
    ];
    const ids = renderPlans(plans, english).map((f) => f.id);
    expect(ids).toEqual([
      'firewalld.add-port',
      'firewalld.add-port-2',
      'link.up',
      'firewalld.add-port-3',
    ]);
    expect(renderPlans(plans, english).map((f) => f.id)).toEqual(ids);
    for (const id of ids) expect(PlanIdSchema.safeParse(id).success).toBe(true);
    for (const k of PLAN_KINDS) expect(PlanIdSchema.safeParse(k).success).toBe(true);
    for (const bad of ['rm -rf /', 'service.start;reboot', 'service.stop', 'link.up-1', '']) {
      expect(PlanIdSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('refuses parameters that are not what they claim (nothing reaches argv)', () => {
    const bad: unknown[] = [
      { kind: 'service.start', manager: 'systemd', unit: '-H evil' },
      { kind: 'service.start', manager: 'systemd', unit: 'a b' },
      { kind: 'link.up', iface: 'eth0;reboot' },
      { kind: 'address.add', iface: 'eth0', address: '10.0.0.300' },
      { kind: 'fail2ban.unban', jail: 'sshd', address: '$(id)' },
      { kind: 'ufw.allow', port: 0 },
      { kind: 'firewall.delete-rule', rule: { ...IPT, chain: 'INPUT ; x' } },
      { kind: 'firewall.delete-rule', rule: { ...IPT, spec: ['-j', 'DROP\nx'] } },
      {
        kind: 'config.edit',
        path: 'relative/file',
        sha256: 'a'.repeat(64),
        diff: '',
        restart: null,
      },
      { kind: 'shell', argv: ['rm', '-rf', '/'] },
    ];
    for (const p of bad) expect(FixPlanSchema.safeParse(p).success, JSON.stringify(p)).toBe(false);
    expect(() => renderPlans([{ kind: 'link.up', iface: 'a b' }], english)).toThrow();
  });

  it('unit.drop-in: a new drop-in shown as a diff against /dev/null, reload and restart; undo removes it', () => {
    const path = '/etc/systemd/system/redis-server.service.d/conndoctor-listen.conf';
    const execStart = ['/usr/bin/redis-server', '/etc/redis/redis.conf', '--bind', '*', '-::*'];
    const plan: FixPlan = {
      kind: 'unit.drop-in',
      program: 'redis',
      unit: 'redis-server.service',
      path,
      execStart,
      diff: newFileDiff(path, dropInText(execStart)),
    };
    const [f] = renderPlans([plan], english);
    expect(f?.id).toBe('unit.drop-in');
    expect(f?.diff).toBe(newFileDiff(path, dropInText(execStart)));
    expect(f?.commands).toEqual([
      ['mkdir', '-p', '--', '/etc/systemd/system/redis-server.service.d'],
      ['tee', '--', path],
      ['systemctl', 'daemon-reload'],
      ['systemctl', 'restart', 'redis-server.service'],
    ]);
    expect(f?.undo).toEqual([
      ['rm', '-f', '--', path],
      ['rmdir', '--ignore-fail-on-non-empty', '--', '/etc/systemd/system/redis-server.service.d'],
      ['systemctl', 'daemon-reload'],
      ['systemctl', 'restart', 'redis-server.service'],
    ]);
    expect(f?.risk).toMatch(/protected mode/);
    expect(f?.verify).toBe('listeners');
    const ko = translator('ko');
    expect(ko(f!.message!)).toMatch(/[가-힣]/);
    expect(ko(f!.riskMessage!)).toMatch(/[가-힣]/);
    // The diff must be exactly the drop-in written; the path one of ours for that unit;
    // every word one ExecStart= reads back as itself.
    for (const bad of [
      { ...plan, diff: plan.diff.replace('-::*', '-::1') },
      { ...plan, path: '/etc/systemd/system/redis-server.service.d/evil.conf' },
      { ...plan, path: '/etc/systemd/system/other.service.d/conndoctor-listen.conf' },
      {
        ...plan,
        execStart: [...execStart, '$(id)'],
        diff: newFileDiff(path, dropInText([...execStart, '$(id)'])),
      },
    ]) {
      expect(FixPlanSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('descriptions and risks are messages with Korean renderings', () => {
    const [f] = renderPlans([{ kind: 'ufw.allow', port: 8443 }], english);
    const ko = translator('ko');
    expect(f?.message).toEqual({ id: 'fix.plan.ufwAllow', params: { port: 8443 } });
    expect(ko(f!.message!)).toMatch(/[가-힣]/);
    expect(ko(f!.message!)).toContain('8443/tcp');
    expect(ko(f!.riskMessage!)).toMatch(/[가-힣]/);
  });

  it('ufw: the numbered status prefix is dropped once, where the plan is made', () => {
    const rule = {
      source: 'iptables' as const,
      table: 'filter',
      chain: 'ufw-user-input',
      position: 2,
      text: '-A ufw-user-input -p tcp -m tcp --dport 8080 -j REJECT',
      verdict: 'reject' as const,
      frontEnd: {
        source: 'ufw' as const,
        text: '[ 2] 8080/tcp                   REJECT IN   Anywhere',
      },
    };
    const { fix } = firewallFixes(rule, 8080, null, 'allow');
    expect(fix?.plan).toMatchObject({ kind: 'ufw.delete', action: 'reject', to: '8080/tcp' });
    expect(fix?.plan.kind === 'ufw.delete' && fix.plan.text).toMatch(
      /^8080\/tcp\s+REJECT IN\s+Anywhere$/,
    );
    expect(fix?.description).not.toContain('[ 2]');
    // Behind a default deny the rule is replaced by an allow of the same port.
    expect(firewallFixes(rule, 8080, null, 'deny').fix?.commands).toEqual([
      ['ufw', 'delete', 'reject', '8080/tcp'],
      ['ufw', 'allow', '8080/tcp'],
    ]);
  });
});
