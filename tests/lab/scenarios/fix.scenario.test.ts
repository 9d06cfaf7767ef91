import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, waitFor as machineDone } from 'xstate';
import type { Diagnosis } from '../../../shared/evidence';
import { apiActors } from '../../../shared/flowchart/api-actors';
import { diagnoseMachine } from '../../../shared/flowchart/diagnose.machine';
import { parseHostPort } from '../../../shared/target';
import { inProcessApi } from '../../../electron/engine/in-process-api';
import { defaultServiceDeps, fixDeps, openSsh } from '../../../electron/engine/service-deps';
import { labAvailable, sleep } from '../harness';
import { createLabUsers, type LabUsers } from '../ssh/lab-users';
import { brief, cli, fixOverSsh, sshArgs } from './drive';
import { sshScenarioLab, withUfw } from './ssh-lab';

/**
 * Fixing for real (subnet 10.235.0.0/16): `diagnose --fix --yes` over SSH applies the
 * proposed plan on a real server, verifies by connecting again, logs the change, and
 * `undo` restores the fault; a fix that does not make the connection work is rolled back;
 * the dead-man switch rolls a firewall change back on its own when the SSH session is cut.
 */
const avail = labAvailable();
if (!avail.ok) console.warn(`skipping fix scenario lab tests: ${avail.reason}`);

const s = sshScenarioLab({ name: 'scen-fix', router: true });
let lab: ReturnType<typeof s.lab>;

function resetFirewall(): void {
  lab.execOk(['iptables', '-P', 'INPUT', 'ACCEPT']);
  lab.execOk(['iptables', '-F']);
  lab.execOk(['nft', 'flush', 'ruleset']);
}

/** True when a real TCP connection to HOST:PORT is accepted within 1.5 s. */
function connects(hostPort: string): Promise<boolean> {
  const t = parseHostPort(hostPort);
  if (!t.ok) throw new Error(t.error);
  return new Promise((resolve) => {
    const sock = tcpConnect({ host: t.value.host, port: t.value.port, timeout: 1500 });
    const end = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.once('connect', () => end(true));
    sock.once('error', () => end(false));
    sock.once('timeout', () => end(false));
  });
}

const inputRules = () => lab.execOk(['iptables', '-S', 'INPUT']);

describe.skipIf(!avail.ok)('fix scenarios: apply, verify, undo, roll back', () => {
  beforeAll(async () => {
    await s.up();
    lab = s.lab();
    await s.listen('0.0.0.0', 8080);
  }, 30_000);
  afterAll(async () => {
    resetFirewall();
    await s.down();
  });

  it('iptables REJECT: --fix --yes deletes the rule, a real connection works, undo puts it back', async () => {
    resetFirewall();
    lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8080', '-j', 'REJECT']);
    expect(await connects(s.data(8080))).toBe(false);
    const r = await fixOverSsh(s.data(8080), s.env.ssh(), [], 1000);
    const d = r.diagnosis;
    expect(d?.cause, r.stderr + brief(d)).toBe('firewall-reject');
    expect(d?.fix?.id, brief(d)).toBe('firewall.delete-rule');
    expect(d?.verified, r.stderr + brief(d)).toBe(true);
    expect(d?.nextSteps).toEqual([]);
    expect(d?.changeId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(r.code).toBe(0);
    expect(await connects(s.data(8080))).toBe(true);
    expect(inputRules()).not.toMatch(/REJECT/);

    const changes = await cli(['changes', '--json']);
    expect(JSON.parse(changes.stdout)).toMatchObject([
      { id: d?.changeId, plan: 'firewall.delete-rule', undone: false },
    ]);

    const u = await cli([
      'undo',
      d!.changeId!,
      ...sshArgs(s.env.ssh()),
      '--yes',
      '--json',
      '--timeout',
      '1000',
    ]);
    expect(u.code, u.stderr).toBe(0);
    const undone = JSON.parse(u.stdout) as {
      changeId: string;
      undone: boolean;
      diagnosis: Diagnosis;
    };
    expect(undone).toMatchObject({ changeId: d?.changeId, undone: true });
    expect(undone.diagnosis.cause, brief(undone.diagnosis)).toBe('firewall-reject');
    expect(inputRules()).toMatch(/--dport 8080 .*-j REJECT/);
    expect(await connects(s.data(8080))).toBe(false);
    // Undone once: a second undo of the same change is refused (exit 1).
    const again = await cli(['undo', d!.changeId!, ...sshArgs(s.env.ssh()), '--yes', '--json']);
    expect(again.code).toBe(1);
  }, 60_000);

  it('--fix=PLAN applies the chosen alternative; an id not proposed exits 2 with stdout empty', async () => {
    resetFirewall();
    lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8080', '-j', 'DROP']);
    const bad = await fixOverSsh(s.data(8080), s.env.ssh(), ['--fix=ufw.allow'], 800);
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('firewall.insert-accept');
    expect(inputRules()).toMatch(/-j DROP/);

    const r = await fixOverSsh(s.data(8080), s.env.ssh(), ['--fix=firewall.insert-accept'], 800);
    const d = r.diagnosis;
    expect(d?.cause, r.stderr + brief(d)).toBe('firewall-drop');
    expect(d?.fix?.id, brief(d)).toBe('firewall.insert-accept');
    expect(d?.verified, r.stderr + brief(d)).toBe(true);
    expect(await connects(s.data(8080))).toBe(true);
    // The accept sits before the DROP, which is still there.
    expect(inputRules()).toMatch(/--dport 8080 -j ACCEPT[\s\S]*--dport 8080 -j DROP/);
    resetFirewall();
  }, 60_000);

  it('a fix that does not make the connection work is rolled back: verified false, exit 1', async () => {
    resetFirewall();
    // Nothing listens on 8081: removing the DROP rule leaves a refusal.
    lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8081', '-j', 'DROP']);
    const r = await fixOverSsh(s.data(8081), s.env.ssh(), [], 800);
    const d = r.diagnosis;
    expect(d?.cause, r.stderr + brief(d)).toBe('firewall-drop');
    expect(d?.verified, brief(d)).toBe(false);
    expect(r.code).toBe(1);
    expect(inputRules()).toMatch(/--dport 8081 .*-j DROP/);
    const changes = JSON.parse((await cli(['changes', '--json'])).stdout) as {
      id: string;
      undone: boolean;
    }[];
    expect(changes.find((c) => c.id === d?.changeId)?.undone).toBe(true);
    resetFirewall();
  }, 60_000);

  it('no --yes and no terminal: nothing is applied, verified null, exit 1', async () => {
    resetFirewall();
    lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8080', '-j', 'REJECT']);
    const r = await cli([
      'diagnose',
      s.data(8080),
      '--json',
      '--timeout',
      '800',
      ...sshArgs(s.env.ssh()),
      '--fix',
    ]);
    expect(r.diagnosis?.verified, brief(r.diagnosis)).toBeNull();
    expect(r.code).toBe(1);
    expect(inputRules()).toMatch(/-j REJECT/);
    resetFirewall();
  }, 60_000);

  it('nft reject: --fix --yes deletes the rule by handle, undo inserts it back at its place', async () => {
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
    lab.execOk(['nft', 'add', 'rule', 'inet', 'lab', 'input', 'tcp', 'dport', '9999', 'accept']);
    lab.execOk(['nft', 'add', 'rule', 'inet', 'lab', 'input', 'tcp', 'dport', '8080', 'reject']);
    const chain = () => lab.execOk(['nft', 'list', 'chain', 'inet', 'lab', 'input']);
    const r = await fixOverSsh(s.data(8080), s.env.ssh(), [], 800);
    const d = r.diagnosis;
    expect(d?.cause, r.stderr + brief(d)).toBe('firewall-reject');
    expect(d?.fix?.commands[0]?.slice(0, 7), brief(d)).toEqual([
      'nft',
      'delete',
      'rule',
      'inet',
      'lab',
      'input',
      'handle',
    ]);
    expect(d?.verified, r.stderr + brief(d)).toBe(true);
    expect(chain()).not.toMatch(/dport 8080 reject/);
    expect(await connects(s.data(8080))).toBe(true);
    const u = await cli(['undo', ...sshArgs(s.env.ssh()), '--yes', '--json', '--timeout', '800']);
    expect(u.code, u.stderr).toBe(0);
    // Back in second place, after the accept of 9999.
    expect(chain()).toMatch(/dport 9999 accept[\s\S]*dport 8080 reject/);
    resetFirewall();
  }, 60_000);

  describe('ufw (in the server namespace; /etc/ufw restored)', () => {
    withUfw(s.lab, [['reject', '8080/tcp']], resetFirewall);

    it('ufw reject behind default deny: --fix --yes replaces the rule by an allow (never enables or disables ufw), undo puts the reject back', async () => {
      const r = await fixOverSsh(s.data(8080), s.env.ssh(), [], 800);
      const d = r.diagnosis;
      expect(d?.cause, r.stderr + brief(d)).toBe('firewall-reject');
      // Deleting the REJECT alone would leave ufw's default deny, and ufw skips an allow with
      // the same match: the rule is replaced by an allow.
      expect(d?.fix?.commands, brief(d)).toEqual([
        ['ufw', 'delete', 'reject', '8080/tcp'],
        ['ufw', 'allow', '8080/tcp'],
      ]);
      expect(d?.verified, r.stderr + brief(d)).toBe(true);
      expect(await connects(s.data(8080))).toBe(true);
      expect(lab.execOk(['ufw', 'status'])).toMatch(/Status: active/);
      const u = await cli(['undo', ...sshArgs(s.env.ssh()), '--yes', '--json', '--timeout', '800']);
      expect(u.code, u.stderr).toBe(0);
      expect(lab.execOk(['ufw', 'status'])).not.toMatch(/8080\/tcp\s+ALLOW/);
      expect(lab.execOk(['ufw', 'status'])).toMatch(/8080\/tcp\s+REJECT/);
      expect(await connects(s.data(8080))).toBe(false);
    }, 60_000);
  });

  describe('a user whose sudo asks for a password', () => {
    let users: LabUsers | null = null;
    beforeAll(() => {
      users = createLabUsers(lab.dir);
      // sshd reads authorized_keys as the logging-in user: let the lab user reach it.
      chmodSync(lab.dir, 0o711);
      chmodSync(join(lab.dir, 'sshd-22'), 0o711);
      chmodSync(join(lab.dir, 'sshd-22', 'authorized_keys'), 0o644);
    });
    afterAll(() => users?.remove());

    it('--sudo-password-stdin: the fix runs through sudo, and the password is in no process listing, output or file', async () => {
      resetFirewall();
      lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8080', '-j', 'REJECT']);
      const u = users!.withPass;
      const a = s.env.ssh();
      const ssh = { ...a, destination: `${u.name}@${lab.mgmtAddr!}` };
      // Sample every process's command line while the fix runs.
      let sampling = true;
      const seen: string[] = [];
      const sampler = (async () => {
        while (sampling) {
          seen.push(lab.execOk(['ps', '-eo', 'args']));
          await sleep(40);
        }
      })();
      const r = await fixOverSsh(
        s.data(8080),
        ssh,
        ['--sudo-password-stdin'],
        1000,
        `${u.password}\n`,
      );
      sampling = false;
      await sampler;
      const d = r.diagnosis;
      expect(d?.cause, r.stderr + brief(d)).toBe('firewall-reject');
      expect(d?.verified, r.stderr + brief(d)).toBe(true);
      expect(inputRules()).not.toMatch(/REJECT/);
      expect(seen.length).toBeGreaterThan(3);
      for (const ps of seen) expect(ps).not.toContain(u.password);
      expect(r.stdout + r.stderr).not.toContain(u.password);
      const dataDir = process.env.CONNDOCTOR_DATA_DIR!;
      const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) =>
        f.isFile(),
      );
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        expect(readFileSync(join(f.parentPath, f.name), 'utf8')).not.toContain(u.password);
      }
      resetFirewall();
    }, 60_000);

    it('through the contracts, as the app does: sudo asks, a wrong password is refused, the right one applies and verifies, then it is forgotten', async () => {
      resetFirewall();
      lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8080', '-j', 'REJECT']);
      const u = users!.withPass;
      const a = s.env.ssh();
      let sampling = false;
      const { api, close } = inProcessApi({
        ...defaultServiceDeps('browser'),
        ...fixDeps({ store: null, rollbackAfterS: 60 }),
        openSession: (req, _signal, privilege) =>
          openSsh(req, { knownHosts: a.knownHosts }, privilege),
      });
      try {
        // Diagnosed as root (reading the firewall needs it), then fixed over the session of
        // a user whose sudo asks for a password: the plan comes from the diagnosis's own
        // evidence, whichever session applies it.
        const open = async (destination: string) => {
          const r = await api.sessionOpen({ destination, identity: a.identity });
          if (!r.ok) throw new Error(r.error.message);
          return r.value.sessionId;
        };
        const rootSession = await open(a.destination);
        const userSession = await open(`${u.name}@${lab.mgmtAddr!}`);
        let sessionId = rootSession;
        const parsed = parseHostPort(s.data(8080));
        if (!parsed.ok) throw new Error(parsed.error);
        const target = parsed.value;
        const asked: (string | null)[] = [];
        const answers = ['not-the-password', u.password];
        const actors = apiActors(api, {
          sessionId: () => sessionId,
          serverHost: () => target.host,
          askSudoPassword: ({ refused }) => {
            asked.push(refused);
            return Promise.resolve(answers.shift() ?? null);
          },
        });
        sampling = true;
        const seen: string[] = [];
        const sampler = (async () => {
          while (sampling) {
            seen.push(lab.execOk(['ps', '-eo', 'args']));
            await sleep(40);
          }
        })();
        const actor = createActor(diagnoseMachine.provide({ actors })).start();
        actor.send({ type: 'diagnose.start', target, access: 'direct', timeoutMs: 1000 });
        const first = await machineDone(actor, (x) => x.matches('done'), { timeout: 20_000 });
        const planId = first.context.diagnosis?.fix?.id;
        expect(planId, brief(first.context.diagnosis ?? null)).toBe('firewall.delete-rule');
        sessionId = userSession;
        actor.send({ type: 'fix.apply', planId: planId! });
        const snap = await machineDone(
          actor,
          (x) => x.matches('done') && x.context.diagnosis?.verified !== null,
          { timeout: 30_000 },
        );
        actor.stop();
        sampling = false;
        await sampler;
        const d = snap.context.diagnosis!;
        // Asked once, refused with sudo's word, asked again; the second password worked.
        expect(asked).toHaveLength(2);
        expect(asked[0]).toBeNull();
        expect(asked[1]).toMatch(/did not accept the password/);
        expect(d.verified, brief(d)).toBe(true);
        expect(inputRules()).not.toMatch(/REJECT/);
        for (const ps of seen) expect(ps).not.toContain(u.password);
        // The fix ended (verified): the engine no longer holds the password.
        const undo = () =>
          api.fixApply({
            runId: `sudo-undo-${Date.now()}`,
            diagnosisId: d.sessionId,
            planId: planId!,
            target,
            direction: 'undo',
            sessionId,
          });
        expect(await undo()).toMatchObject({
          ok: true,
          value: { applied: false, needsPassword: true },
        });
        expect(await api.privilegePassword({ sessionId, password: u.password })).toMatchObject({
          ok: true,
          value: { accepted: true },
        });
        expect(await undo()).toMatchObject({ ok: true, value: { applied: true } });
        expect(inputRules()).toMatch(/--dport 8080 .*-j REJECT/);
      } finally {
        sampling = false;
        await close();
        resetFirewall();
      }
    }, 90_000);
  });

  it('dead-man switch: the SSH session is cut right after a firewall change, the server rolls it back', async () => {
    resetFirewall();
    lab.execOk(['iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '8080', '-j', 'REJECT']);
    const a = s.env.ssh();
    const { api, close } = inProcessApi({
      ...defaultServiceDeps('browser'),
      ...fixDeps({ store: null, rollbackAfterS: 10 }),
      openSession: (req) => openSsh(req, { knownHosts: a.knownHosts }),
    });
    const opened = await api.sessionOpen({ destination: a.destination, identity: a.identity });
    if (!opened.ok) throw new Error(opened.error.message);
    const sessionId = opened.value.sessionId;
    const parsed = parseHostPort(s.data(8080));
    if (!parsed.ok) throw new Error(parsed.error);
    const target = parsed.value;
    const actors = apiActors(api, { sessionId: () => sessionId, serverHost: () => target.host });
    const actor = createActor(diagnoseMachine.provide({ actors })).start();
    actor.send({ type: 'diagnose.start', target, access: 'direct', timeoutMs: 800 });
    const snap = await machineDone(actor, (x) => x.matches('done'), { timeout: 20_000 });
    actor.stop();
    const d = snap.context.diagnosis!;
    expect(d.fix?.id, brief(d)).toBe('firewall.delete-rule');
    // Applied through the contract; the session is cut before any confirmation.
    const applied = await api.fixApply({
      runId: 'deadman-run-0001',
      diagnosisId: d.sessionId,
      planId: 'firewall.delete-rule',
      target,
      direction: 'apply',
      sessionId,
    });
    expect(applied).toMatchObject({ ok: true, value: { applied: true } });
    expect(inputRules()).not.toMatch(/REJECT/);
    const cutAt = Date.now();
    await close();
    let restored = false;
    while (Date.now() - cutAt < 15_000 && !restored) {
      await sleep(500);
      restored = /--dport 8080 .*-j REJECT/.test(inputRules());
    }
    expect(restored).toBe(true);
    expect(Date.now() - cutAt).toBeLessThan(13_000);
    resetFirewall();
  }, 60_000);
});
