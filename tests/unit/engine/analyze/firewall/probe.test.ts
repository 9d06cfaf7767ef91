import { describe, expect, it } from 'vitest';
import type {
  ExecRequest,
  ExecResult,
  Executor,
} from '../../../../../electron/engine/exec/executor';
import { PROBE_RUNNERS, runProbe } from '../../../../../electron/engine/engine';
import { firewallProbe } from '../../../../../electron/engine/probes/firewall.probe';
import type { FirewallData } from '../../../../../shared/probe-data';
import { fixture } from './fixtures';
import { buildDiagnosis } from '../../../../../shared/diagnosis/build-diagnosis';
import { connect, listeners } from '../../../shared/diagnosis/make-evidence';

/** A stub server: answers each argv from a table; everything else is "not installed". */
function stub(answers: Record<string, Partial<ExecResult>>): Executor {
  return {
    kind: 'local',
    label: 'stub',
    run: (req: ExecRequest) => {
      const a = answers[req.argv.join(' ')];
      const base: ExecResult = {
        argv: req.argv,
        stdout: '',
        stderr: '',
        exitCode: 0,
        truncated: false,
        elevated: true,
        ms: 1,
      };
      if (!a)
        return Promise.resolve({
          ...base,
          exitCode: null,
          error: { code: 'not-installed', message: 'not installed' },
        });
      return Promise.resolve({ ...base, ...a });
    },
    close: () => Promise.resolve(),
  };
}

const denied: Partial<ExecResult> = {
  exitCode: 1,
  stderr:
    'iptables-save v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)',
  error: {
    code: 'permission-denied',
    message: 'permission denied running iptables-save (needs root or sudo)',
  },
};

/** The firewall probe for 127.0.0.1:8080 on `server` (also the client). */
function firewallOn(server: Executor) {
  return firewallProbe(
    {
      probe: 'firewall',
      vantage: 'server',
      target: { host: '127.0.0.1', port: 8080 },
      address: '127.0.0.1',
      timeoutMs: 3000,
    },
    { client: server, server },
  );
}

describe('firewall probe (stubbed executor)', () => {
  it('an unreadable ruleset gives unknown, never "no rules"', async () => {
    const server = stub({
      'iptables-save -c': denied,
      'ip6tables-save -c': denied,
      'nft -j list ruleset': denied,
    });
    const ev = await firewallOn(server);
    const data = ev.data as FirewallData;
    expect(ev.status).toBe('inconclusive');
    expect(data.verdict).toMatchObject({ verdict: 'unknown', rule: null });
    expect(data.verdict?.reason).toMatch(/cannot be read/);
    expect(data.backends.find((b) => b.source === 'iptables')).toMatchObject({
      present: true,
      readable: false,
    });
    expect(data.backends.find((b) => b.source === 'ufw')).toMatchObject({ present: false });
  });
  it('sudo asked for a password: the data says so, and the next step asks for that password', async () => {
    const sudo: Partial<ExecResult> = {
      exitCode: null,
      error: { code: 'sudo-password-required', message: 'sudo on stub needs a password' },
    };
    const server = stub({
      'iptables-save -c': sudo,
      'ip6tables-save -c': sudo,
      'nft -j list ruleset': sudo,
    });
    const ev = await firewallOn(server);
    expect((ev.data as FirewallData).sudoPassword).toBe(true);
    const d = buildDiagnosis({
      target: { host: '127.0.0.1', port: 8080 },
      evidence: [connect('timeout'), listeners([{ port: 8080 }]), ev],
      durationMs: 1,
      timeoutMs: 1000,
    });
    expect(d.nextSteps.map((n) => n.message?.id)).toContain('diagnosis.next.firewallSudoPassword');
    // Denied without sudo (no password asked): the general advice, not the password one.
    const deniedEv = await firewallOn(
      stub({
        'iptables-save -c': denied,
        'ip6tables-save -c': denied,
        'nft -j list ruleset': denied,
      }),
    );
    expect((deniedEv.data as FirewallData).sudoPassword).toBeUndefined();
  });
  it('reads captured outputs: verdict, deciding rule, ufw front end; unmoved counters leave the static verdict', async () => {
    const server = stub({
      'iptables-save -c': { stdout: fixture('debian-ufw-iptables-save.txt') },
      'ip6tables-save -c': { stdout: fixture('debian-ufw-ip6tables-save.txt') },
      'nft -j list ruleset': { stdout: fixture('debian-ufw-nft-json.txt') },
      'ufw status verbose': { stdout: fixture('debian-ufw-status-verbose.txt') },
      'ufw status numbered': { stdout: fixture('debian-ufw-status-numbered.txt') },
      'cat /etc/ufw/user.rules': { stdout: fixture('debian-ufw-user-rules.txt') },
      'ip -j addr show': { stdout: '[{"ifname":"eth0","addr_info":[{"local":"127.0.0.1"}]}]' },
    });
    // Counters exist (iptables), but the stub's counters never move: the proof disagrees.
    // The probe SYNs go to 127.0.0.1:1 only (the stub pretends eth0 carries it).
    const ev = await firewallProbe(
      {
        probe: 'firewall',
        vantage: 'server',
        target: { host: '127.0.0.1', port: 1 },
        address: '127.0.0.1',
        timeoutMs: 100,
      },
      { client: server, server },
    );
    const v = (ev.data as FirewallData).verdict;
    // Dropped by ufw's default policy. The stub's counters never move: nothing counted the
    // probe SYNs, so they did not reach these rules and the static verdict stands alone.
    expect(v).toMatchObject({
      verdict: 'drop',
      rule: {
        chain: 'INPUT',
        position: 0,
        frontEnd: { source: 'ufw', text: 'Default: deny (incoming)' },
      },
    });
    expect(v?.counterProof).toMatchObject({ agrees: false, delta: 0, probes: 3 });
    expect(v?.notes).toContain(
      'the probe SYNs did not reach the server rules (no counter moved): static verdict only',
    );
    expect(ev.status).toBe('fail');
    expect(ev.summary.split('\n')[0]).toMatch(
      /^firewall verdict for 127\.0\.0\.1:1 from 127\.0\.0\.1 \(the server itself\): DROP .*did not reach these rules/,
    );
    expect(ev.summary).toContain('ufw: active, default deny (incoming), 9 rule(s)');
  });
  it('in a diagnosis, a verdict decided by fully evaluated rules gets no counter proof', async () => {
    const server = stub({
      'iptables-save -c': { stdout: fixture('debian-ufw-iptables-save.txt') },
      'ip6tables-save -c': { stdout: fixture('debian-ufw-ip6tables-save.txt') },
      'nft -j list ruleset': { stdout: fixture('debian-ufw-nft-json.txt') },
      'ufw status verbose': { stdout: fixture('debian-ufw-status-verbose.txt') },
      'ufw status numbered': { stdout: fixture('debian-ufw-status-numbered.txt') },
      'cat /etc/ufw/user.rules': { stdout: fixture('debian-ufw-user-rules.txt') },
      'ip -j addr show': { stdout: '[{"ifname":"eth0","addr_info":[{"local":"127.0.0.1"}]}]' },
    });
    const request = {
      probe: 'firewall',
      vantage: 'server',
      target: { host: '127.0.0.1', port: 1 },
      address: '127.0.0.1',
      timeoutMs: 100,
    } as const;
    const ev = await firewallProbe(request, {
      client: server,
      server,
      counterProof: 'when-needed',
    });
    expect((ev.data as FirewallData).verdict).toMatchObject({
      verdict: 'drop',
      counterProof: null,
    });
    expect(ev.summary.split('\n')[0]).toMatch(
      /: DROP .*static verdict \(every rule on the path evaluated\)/,
    );
    // The same with the interface unknown: ufw's `-i lo -j ACCEPT` may match, so the counters
    // must speak (here they never move, so the verdict stays unknown).
    const blind = stub({
      'iptables-save -c': { stdout: fixture('debian-ufw-iptables-save.txt') },
      'ip6tables-save -c': { stdout: fixture('debian-ufw-ip6tables-save.txt') },
      'nft -j list ruleset': { stdout: fixture('debian-ufw-nft-json.txt') },
    });
    const ev2 = await firewallProbe(request, {
      client: blind,
      server: blind,
      counterProof: 'when-needed',
    });
    expect((ev2.data as FirewallData).verdict).toMatchObject({
      verdict: 'unknown',
      counterProof: { agrees: false, delta: 0, probes: 3 },
    });
  });
  it('is wired into the engine: `probe firewall` without a target summarises the backends', async () => {
    expect(PROBE_RUNNERS.firewall).toBe(firewallProbe);
    const server = stub({
      'iptables-save -c': { stdout: fixture('debian-fail2ban-iptables-save.txt') },
      'ip6tables-save -c': { stdout: '' },
      'nft -j list ruleset': { stdout: fixture('debian-fail2ban-nft-json.txt') },
    });
    const ev = await runProbe({ probe: 'firewall', vantage: 'server' }, { client: server, server });
    expect(ev).toMatchObject({ probe: 'firewall', vantage: 'server', status: 'pass', ok: true });
    expect((ev.data as FirewallData).verdict).toBeUndefined();
    expect(ev.summary.split('\n')).toEqual([
      'iptables: INPUT policy ACCEPT, 1 rule in INPUT; 3 rules in 1 table: filter (nf_tables)',
      'ip6tables: no ip6tables rules loaded',
      'nftables: only the iptables-nft tables (see iptables)',
      'ufw: ufw is not installed',
      'firewalld: firewalld is not installed',
      'fail2ban: fail2ban is not installed',
    ]);
    expect(ev.raw).toContain('$ iptables-save -c');
  });
  it('never throws: an executor that breaks gives inconclusive evidence', async () => {
    const broken: Executor = {
      kind: 'local',
      label: 'broken',
      run: () => Promise.reject(new Error('channel closed')),
      close: () => Promise.resolve(),
    };
    const ev = await firewallProbe(
      { probe: 'firewall', vantage: 'server', timeoutMs: 3000 },
      { client: broken, server: broken },
    );
    expect(ev).toMatchObject({
      status: 'inconclusive',
      ok: false,
      reason: 'the firewall analysis failed: channel closed',
    });
  });
});
