import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Diagnosis } from '../../../shared/evidence';
import type { CaptureData, FirewallData } from '../../../shared/probe-data';
import { labAvailable, startCapture, type LabCapture } from '../harness';
import { brief } from './drive';
import { expectCause, scenario } from './scenario';
import { sshScenarioLab, withUfw } from './ssh-lab';

/**
 * Firewall scenarios (subnet 10.235.0.0/16): the server's data link sits behind a router
 * namespace; SSH uses the management link. The firewall is reset between scenarios; the
 * SSH port always stays open.
 */
const avail = labAvailable();
if (!avail.ok) console.warn(`skipping firewall scenario lab tests: ${avail.reason}`);

const s = sshScenarioLab({ name: 'scen-fw', router: true });
const env = s.env;
const data = s.data;
let lab: ReturnType<typeof s.lab>;

/** Flushes every firewall table in the server and the router namespaces. */
function resetFirewall(): void {
  lab.execOk(['iptables', '-P', 'INPUT', 'ACCEPT']);
  lab.execOk(['iptables', '-F']);
  lab.execOk(['nft', 'flush', 'ruleset']);
  lab.routerExec(['nft', 'flush', 'ruleset']);
}

const ruleText = (d: Diagnosis) => d.rule?.text ?? '';

describe.skipIf(!avail.ok)('scenarios: firewalls', () => {
  beforeAll(async () => {
    await s.up();
    lab = s.lab();
    await s.listen('0.0.0.0', 8080);
  }, 30_000);
  afterAll(() => s.down());

  const rejectCase = (name: string, rule: string[], textMatch: RegExp, outcome: string) =>
    scenario(env, {
      name,
      ask: () => ({ target: data(8080) }),
      setup: () => {
        resetFirewall();
        lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8080', ...rule]);
      },
      teardown: resetFirewall,
      fixable: true,
      check: (d) => {
        expectCause(d, rule.includes('DROP') ? 'firewall-drop' : 'firewall-reject');
        expect(d.outcome, brief(d)).toBe(outcome);
        expect(d.rule, brief(d)).toMatchObject({ chain: 'INPUT' });
        expect(ruleText(d)).toMatch(textMatch);
      },
    });

  rejectCase(
    'iptables REJECT --reject-with tcp-reset',
    ['-j', 'REJECT', '--reject-with', 'tcp-reset'],
    /--dport 8080 .*-j REJECT --reject-with tcp-reset/,
    'refused',
  );
  rejectCase(
    'iptables REJECT (default icmp-port-unreachable)',
    ['-j', 'REJECT'],
    /--dport 8080 .*-j REJECT/,
    'refused',
  );
  rejectCase(
    'iptables REJECT --reject-with icmp-host-prohibited',
    ['-j', 'REJECT', '--reject-with', 'icmp-host-prohibited'],
    /--dport 8080 .*icmp-host-prohibited/,
    'unreachable',
  );
  rejectCase('iptables DROP', ['-j', 'DROP'], /--dport 8080 .*-j DROP/, 'timeout');

  describe('rules on the client source address (evaluated for the client route source)', () => {
    /** The client's own source towards the server's data address (`ip route get` here). */
    const clientSrc = (): string => {
      const out = execFileSync('ip', ['-j', 'route', 'get', lab.dataAddr!], { encoding: 'utf8' });
      return (JSON.parse(out) as { prefsrc: string }[])[0]!.prefsrc;
    };
    const sourceCase = (name: string, rules: () => string[][], text: RegExp) =>
      scenario(env, {
        name,
        ask: () => ({ target: data(8080) }),
        setup: () => {
          resetFirewall();
          for (const r of rules()) lab.execOk(r);
        },
        teardown: resetFirewall,
        check: (d, way) => {
          expectCause(d, 'firewall-reject');
          expect(ruleText(d), brief(d)).toMatch(text);
          const fw = d.evidence.find((e) => e.probe === 'firewall' && e.vantage === 'server');
          const v = (fw?.data as FirewallData | undefined)?.verdict;
          // Evaluated for this client's own source, marked as such, and it decided; the
          // server's route back goes through the router, so a NAT is possible.
          expect(v?.source, brief(d)).toMatchObject({
            address: clientSrc(),
            from: 'client-route',
            decisive: true,
            natPossible: true,
          });
          if (way === 'manual') {
            // A pasted ruleset has no counters to confirm what the server saw: medium.
            expect(d.confidence, brief(d)).toBe('medium');
          } else {
            // Confirmed by what the server saw: the rule's counters (iptables), or the
            // capture's SYN arriving from that very address (nft rules without counters).
            const cap = d.evidence.find((e) => e.probe === 'capture')?.data as
              CaptureData | undefined;
            const confirmed =
              v?.counterProof?.agrees === true || (cap?.synSources ?? []).includes(clientSrc());
            expect(confirmed, brief(d)).toBe(true);
            expect(d.confidence, brief(d)).toBe('high');
          }
        },
      });
    const ipt = (...a: string[]) => ['iptables', ...a];
    sourceCase(
      'iptables -s CLIENT REJECT',
      () => [ipt('-A', 'INPUT', '-s', clientSrc(), '-p', 'tcp', '--dport', '8080', '-j', 'REJECT')],
      /-s [\d.]+\/32 .*--dport 8080 .*-j REJECT/,
    );
    sourceCase(
      'iptables ! -s OTHER REJECT',
      () => [
        ipt(
          '-A',
          'INPUT',
          '!',
          '-s',
          '192.0.2.0/24',
          '-p',
          'tcp',
          '--dport',
          '8080',
          '-j',
          'REJECT',
        ),
      ],
      /! -s 192\.0\.2\.0\/24 .*-j REJECT/,
    );
    sourceCase(
      'a user chain RETURNs other sources, then rejects',
      () => [
        ipt('-N', 'CLIENTS'),
        ipt('-A', 'CLIENTS', '-s', '192.0.2.0/24', '-j', 'RETURN'),
        ipt('-A', 'CLIENTS', '-p', 'tcp', '-j', 'REJECT'),
        ipt('-A', 'INPUT', '-p', 'tcp', '--dport', '8080', '-j', 'CLIENTS'),
      ],
      /CLIENTS.*-j REJECT|-A CLIENTS -p tcp .*-j REJECT/,
    );
    sourceCase(
      'nft ip saddr CLIENT reject',
      () => [
        ['nft', 'add', 'table', 'inet', 'lab'],
        [
          'nft',
          'add',
          'chain',
          'inet',
          'lab',
          'input',
          '{ type filter hook input priority 0; policy accept; }',
        ],
        [
          'nft',
          'add',
          'rule',
          'inet',
          'lab',
          'input',
          'ip',
          'saddr',
          clientSrc(),
          'tcp',
          'dport',
          '8080',
          'reject',
        ],
      ],
      /saddr [\d.]+ .*tcp dport 8080 .*reject/,
    );
    scenario(env, {
      name: 'a reject for another source only: the connection works',
      ask: () => ({ target: data(8080) }),
      setup: () => {
        resetFirewall();
        lab.execOk(
          ipt('-A', 'INPUT', '-s', '192.0.2.0/24', '-p', 'tcp', '--dport', '8080', '-j', 'REJECT'),
        );
      },
      teardown: resetFirewall,
      exitCode: 0,
      check: (d) => expect(d.outcome, brief(d)).toBe('ok'),
    });
  });

  scenario(env, {
    name: 'iptables policy DROP (SSH allowed)',
    ask: () => ({ target: data(8080) }),
    setup: () => {
      resetFirewall();
      lab.execOk(['iptables', '-A', 'INPUT', '-i', 'lo', '-j', 'ACCEPT']);
      lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '22', '-j', 'ACCEPT']);
      lab.execOk([
        'iptables',
        '-A',
        'INPUT',
        '-m',
        'conntrack',
        '--ctstate',
        'ESTABLISHED,RELATED',
        '-j',
        'ACCEPT',
      ]);
      lab.execOk(['iptables', '-P', 'INPUT', 'DROP']);
    },
    teardown: resetFirewall,
    check: (d) => {
      expectCause(d, 'firewall-drop');
      expect(d.outcome).toBe('timeout');
      expect(d.rule, brief(d)).toMatchObject({ chain: 'INPUT', verdict: 'drop' });
      expect(ruleText(d)).toMatch(/policy|-P INPUT DROP/i);
    },
  });

  scenario(env, {
    name: 'nft reject',
    ask: () => ({ target: data(8080) }),
    fixable: true,
    setup: () => {
      resetFirewall();
      lab.execOk(['nft', 'add', 'table', 'inet', 'lab']);
      lab.execOk([
        'nft',
        'add',
        'chain',
        'inet',
        'lab',
        'input',
        '{ type filter hook input priority 0; policy accept; }',
      ]);
      lab.execOk(['nft', 'add', 'rule', 'inet', 'lab', 'input', 'tcp', 'dport', '8080', 'reject']);
    },
    teardown: resetFirewall,

    check: (d) => {
      expectCause(d, 'firewall-reject');
      expect(d.rule, brief(d)).toMatchObject({ source: 'nftables', chain: 'input' });
      expect(ruleText(d)).toMatch(/tcp dport 8080 .*reject/);
    },
  });

  describe('ufw (in the server namespace; /etc/ufw restored)', () => {
    withUfw(
      s.lab,
      [
        ['reject', '8080/tcp'],
        ['deny', '8085/tcp'],
      ],
      resetFirewall,
    );
    scenario(env, {
      name: 'ufw reject',
      ask: () => ({ target: data(8080) }),
      fixable: true,
      check: (d) => {
        expectCause(d, 'firewall-reject');
        expect(d.rule?.frontEnd, brief(d)).toMatchObject({
          source: 'ufw',
        });
        expect(d.rule?.frontEnd?.text).toContain('8080/tcp REJECT IN Anywhere');
      },
    });
    scenario(env, {
      name: 'ufw deny',
      ask: () => ({ target: data(8085) }),
      check: (d) => {
        expectCause(d, 'firewall-drop');
        expect(d.rule?.frontEnd, brief(d)).toMatchObject({
          source: 'ufw',
        });
        expect(d.rule?.frontEnd?.text).toContain('8085/tcp DENY IN Anywhere');
      },
    });
  });

  describe('a DROP in the router on the data path, the server accepts', () => {
    let capture: LabCapture | null = null;
    scenario(env, {
      name: 'upstream-filter',
      ask: () => ({ target: data(8080) }),
      setup: async () => {
        resetFirewall();
        lab.routerExec(['iptables', '-A', 'FORWARD', '-p', 'tcp', '--dport', '8080', '-j', 'DROP']);
        capture = await startCapture(lab, { iface: lab.dataIf, filter: ['tcp', 'port', '8080'] });
      },
      teardown: async () => {
        const text = capture ? await capture.stop() : '';
        // The test's own capture on the server's data link: no SYN ever arrived.
        expect(text).not.toMatch(/> [\d.]+\.8080: Flags \[S\]/);
        resetFirewall();
      },
      check: (d) => {
        expectCause(d, 'upstream-filter');
        expect(d.outcome).toBe('timeout');
        const cap = d.evidence.find((e) => e.probe === 'capture');
        expect(cap?.data, brief(d)).toMatchObject({ synSeen: false, answer: 'none', armed: true });
      },
      skip: { manual: 'manual mode has no capture: the server-side evidence cannot prove it' },
    });
  });

  scenario(env, {
    name: 'a rule that cannot be evaluated decides (-m recent)',
    ask: () => ({ target: data(8080) }),
    setup: () => {
      resetFirewall();
      lab.execOk([
        'iptables',
        '-A',
        'INPUT',
        '-p',
        'tcp',
        '--dport',
        '8080',
        '-m',
        'recent',
        '--name',
        'lab',
        '--rcheck',
        '--seconds',
        '60',
        '-j',
        'ACCEPT',
      ]);
      lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8080', '-j', 'DROP']);
    },
    teardown: resetFirewall,
    check: (d) => {
      // Statically the `-m recent` rule cannot be evaluated: unknown, naming it. Where the
      // counter proof is clean (exactly the probe SYNs counted), the kernel's own answer —
      // the DROP rule that counted them — settles it (DESIGN: counters confirm or override).
      const fw = d.evidence.find((e) => e.probe === 'firewall');
      const v = (fw?.data as FirewallData | null)?.verdict;
      if (d.cause === 'unknown') {
        expect(d.summary, brief(d)).toMatch(/recent|cannot|evaluat/i);
      } else {
        expectCause(d, 'firewall-drop');
        expect(v?.counterProof?.delta, brief(d)).toBe(v?.counterProof?.probes);
        expect(ruleText(d)).toMatch(/--dport 8080 .*DROP|tcp dport 8080 .*drop/);
      }
    },
  });
});
