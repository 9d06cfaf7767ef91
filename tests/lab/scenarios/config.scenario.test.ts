import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import type { Diagnosis } from '../../../shared/evidence';
import { apiActors } from '../../../shared/flowchart/api-actors';
import { diagnoseMachine } from '../../../shared/flowchart/diagnose.machine';
import type { InProcessApi } from '../../../electron/engine/in-process-api';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  labAvailable,
  must,
  startSystemd,
  systemdSshd,
  waitFor as waitUntil,
  type KeyPair,
  type Lab,
  type LabSystemd,
} from '../harness';
import { brief, buildCli, cli, fixOverSsh, labService, sshArgs, type SshAccess } from './drive';

/**
 * Real Debian services bound to loopback, fixed by an approved config diff (issue 10):
 * Debian's nginx and redis-server, their shipped configurations (nginx's default site moved
 * to `listen 127.0.0.1:8088`, Redis as shipped: `bind 127.0.0.1 -::1`), run by their own
 * unit files under real systemd in the server namespace, on private copies of /etc/nginx,
 * /etc/redis and their state bind-mounted in the lab's mount namespace (the machine's
 * files are never touched). Subnet 10.236.0.0/16.
 */
const avail = labAvailable();
const programs = ['/usr/sbin/nginx', '/usr/bin/redis-server'].filter((p) => !existsSync(p));
const skip = !avail.ok
  ? `skipping config scenario lab tests: ${avail.reason}`
  : programs.length > 0
    ? `skipping config scenario lab tests: ${programs.join(', ')} not installed (apt-get install nginx redis-server)`
    : null;
if (skip) console.warn(skip);

let lab: Lab;
let sd: LabSystemd;
let key: KeyPair;
let knownHosts: string;
let service: InProcessApi;
let priv: string;

const ssh = (): SshAccess => ({
  destination: `root@${lab.mgmtAddr!}`,
  identity: key.privateKeyPath,
  knownHosts,
});
const data = (port: number) => `${lab.dataAddr!}:${port}`;
const NGINX_SITE = () => join(priv, 'etc-nginx', 'sites-available', 'default');
const REDIS_CONF = () => join(priv, 'etc-redis', 'redis.conf');

/** True when a real TCP connection from here is accepted within 1.5 s. */
function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = tcpConnect({ host: lab.dataAddr!, port, timeout: 1500 });
    const end = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.once('connect', () => end(true));
    sock.once('error', () => end(false));
    sock.once('timeout', () => end(false));
  });
}

/** Copies a directory of the machine with owners and modes (`cp -a`). */
function copyDir(from: string, to: string): void {
  if (existsSync(from)) must(['cp', '-a', from, to]);
  else mkdirSync(to, { recursive: true });
}

async function restartAndWait(unit: string, port: number): Promise<void> {
  sd.systemctl(['restart', unit]);
  await waitUntil(
    `${unit} to listen on ${port}`,
    () => (sd.exec(['ss', '-Hltn', `sport = :${port}`]).stdout.trim() !== '' ? true : null),
    5000,
  );
}

async function undo(changeId: string) {
  const u = await cli([
    'undo',
    changeId,
    ...sshArgs(ssh()),
    '--yes',
    '--json',
    '--timeout',
    '1000',
  ]);
  return {
    code: u.code,
    stderr: u.stderr,
    ...(JSON.parse(u.stdout || '{}') as { undone?: boolean; diagnosis?: Diagnosis }),
  };
}

describe.skipIf(skip !== null)('config scenarios: real services bound to loopback', () => {
  beforeAll(async () => {
    cleanupStale();
    buildCli();
    lab = createLab({ name: 'scen-cfg', net: 236 });
    priv = join(lab.dir, 'private');
    mkdirSync(priv);
    copyDir('/etc/nginx', join(priv, 'etc-nginx'));
    copyDir('/etc/redis', join(priv, 'etc-redis'));
    copyDir('/var/lib/nginx', join(priv, 'var-lib-nginx'));
    copyDir('/var/log/nginx', join(priv, 'var-log-nginx'));
    copyDir('/var/lib/redis', join(priv, 'var-lib-redis'));
    copyDir('/var/log/redis', join(priv, 'var-log-redis'));
    mkdirSync(join(priv, 'var-backups'));
    const site = readFileSync(NGINX_SITE(), 'utf8');
    writeFileSync(
      NGINX_SITE(),
      site
        .replace('\tlisten 80 default_server;', '\tlisten 127.0.0.1:8088 default_server;')
        .replace('\tlisten [::]:80 default_server;', '\tlisten [::1]:8088 default_server;'),
    );
    key = generateKeyPair(lab.dir, 'id_scen');
    const sshd = systemdSshd(lab, { authorizedKeys: [key.publicKey] });
    sd = await startSystemd(lab, {
      units: sshd.units,
      files: sshd.files,
      binds: {
        '/etc/nginx': join(priv, 'etc-nginx'),
        '/etc/redis': join(priv, 'etc-redis'),
        '/var/lib/nginx': join(priv, 'var-lib-nginx'),
        '/var/log/nginx': join(priv, 'var-log-nginx'),
        '/var/lib/redis': join(priv, 'var-lib-redis'),
        '/var/log/redis': join(priv, 'var-log-redis'),
        '/var/backups': join(priv, 'var-backups'),
      },
      tmpfs: ['/var/tmp', '/dev/shm'],
    });
    await restartAndWait('nginx.service', 8088);
    await restartAndWait('redis-server.service', 6379);
    knownHosts = sshd.writeKnownHosts([lab.mgmtAddr!]);
    service = labService(knownHosts, lab.dir);
  }, 60_000);
  afterAll(async () => {
    try {
      await service?.close();
    } finally {
      await lab?.destroy();
    }
  });

  it('nginx on 127.0.0.1:8088: the diff of its listen line is shown, --fix --yes makes it reachable, undo restores the file byte for byte', async () => {
    const original = readFileSync(NGINX_SITE());
    expect(await connects(8088)).toBe(false);
    const seen = await cli([
      'diagnose',
      data(8088),
      '--json',
      '--timeout',
      '1000',
      ...sshArgs(ssh()),
    ]);
    const d0 = seen.diagnosis;
    expect(d0?.cause, seen.stderr + brief(d0)).toBe('bound-to-other-address');
    expect(d0?.fix?.kind, brief(d0)).toBe('config.edit');
    expect(d0?.fix?.diff).toContain('--- /etc/nginx/sites-enabled/default');
    expect(d0?.fix?.diff).toContain(
      '\n-\tlisten 127.0.0.1:8088 default_server;\n+\tlisten 8088 default_server;\n',
    );
    expect(d0?.fix?.commands).toContainEqual(['/usr/sbin/nginx', '-t']);
    expect(d0?.fix?.commands.at(-1)).toEqual(['systemctl', 'restart', 'nginx.service']);

    const r = await fixOverSsh(data(8088), ssh(), [], 1000);
    const d = r.diagnosis;
    expect(d?.verified, r.stderr + brief(d) + JSON.stringify(d?.warnings)).toBe(true);
    expect(r.code).toBe(0);
    expect(await connects(8088)).toBe(true);
    const after = readFileSync(NGINX_SITE(), 'utf8');
    expect(after).toContain('\tlisten 8088 default_server;');
    // Only that line changed: comments and layout stay.
    const a = original.toString('utf8').split('\n');
    const b = after.split('\n');
    expect(b.length).toBe(a.length);
    expect(a.filter((l, i) => l !== b[i])).toEqual(['\tlisten 127.0.0.1:8088 default_server;']);

    const u = await undo(d!.changeId!);
    expect(u.code, u.stderr).toBe(0);
    expect(u.undone).toBe(true);
    expect(u.diagnosis?.cause, brief(u.diagnosis ?? null)).toBe('bound-to-other-address');
    expect(readFileSync(NGINX_SITE()).equals(original)).toBe(true);
    expect(await connects(8088)).toBe(false);
  }, 90_000);

  it('Redis as Debian ships it (bind 127.0.0.1 -::1): bind * -::*, protected mode stated, undo restores it', async () => {
    const original = readFileSync(REDIS_CONF());
    expect(await connects(6379)).toBe(false);
    const r = await fixOverSsh(data(6379), ssh(), [], 1000);
    const d = r.diagnosis;
    expect(d?.cause, r.stderr + brief(d)).toBe('bound-to-other-address');
    expect(d?.fix?.kind).toBe('config.edit');
    expect(d?.fix?.diff).toContain('\n-bind 127.0.0.1 -::1\n+bind * -::*\n');
    expect(d?.fix?.risk).toMatch(/protected mode/i);
    expect(d?.verified, r.stderr + JSON.stringify(d?.warnings)).toBe(true);
    expect(await connects(6379)).toBe(true);
    const u = await undo(d!.changeId!);
    expect(u.code, u.stderr).toBe(0);
    expect(readFileSync(REDIS_CONF()).equals(original)).toBe(true);
    expect(u.diagnosis?.cause).toBe('bound-to-other-address');
    expect(await connects(6379)).toBe(false);
  }, 90_000);

  it('a file edited between the proposal and the apply is refused: nothing written', async () => {
    const { api } = service;
    const opened = await api.sessionOpen({
      destination: ssh().destination,
      identity: key.privateKeyPath,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const sessionId = opened.value.sessionId;
    const target = { host: lab.dataAddr!, port: 8088 };
    const actor = createActor(
      diagnoseMachine.provide({
        actors: apiActors(api, { sessionId: () => sessionId, serverHost: () => target.host }),
      }),
    ).start();
    try {
      actor.send({ type: 'diagnose.start', target, access: 'direct', timeoutMs: 1000 });
      const snap = await waitFor(actor, (s) => s.matches('done'), { timeout: 20_000 });
      const d = snap.context.diagnosis!;
      expect(d.fix?.kind, brief(d)).toBe('config.edit');
      const edited = `${readFileSync(NGINX_SITE(), 'utf8')}# edited by someone else\n`;
      writeFileSync(NGINX_SITE(), edited);
      const res = await api.fixApply({
        runId: 'cfg-refused-1',
        diagnosisId: d.sessionId,
        planId: 'config.edit',
        target,
        direction: 'apply',
        sessionId,
      });
      expect(res.ok && res.value.applied).toBe(false);
      expect(res.ok && res.value.message).toMatch(/changed since it was read/);
      expect(readFileSync(NGINX_SITE(), 'utf8')).toBe(edited);
      expect(await connects(8088)).toBe(false);
    } finally {
      actor.stop();
      await api.sessionClose({ sessionId });
    }
  }, 60_000);

  it('a configuration nginx rejects is reported with its own error line (file:line), no fix', async () => {
    const good = readFileSync(NGINX_SITE(), 'utf8');
    writeFileSync(
      NGINX_SITE(),
      good.replace(
        '\tlisten 127.0.0.1:8088 default_server;',
        '\tlisten 127.0.0.1:8088 default_server bogus_param;',
      ),
    );
    try {
      const r = await cli([
        'diagnose',
        data(8088),
        '--json',
        '--timeout',
        '1000',
        ...sshArgs(ssh()),
      ]);
      const d = r.diagnosis;
      expect(d?.cause, r.stderr + brief(d)).toBe('bound-to-other-address');
      expect(d?.fix, brief(d)).toBeNull();
      const cfg = d?.evidence.find((e) => e.probe === 'config');
      expect(cfg?.status).toBe('fail');
      expect(cfg?.summary).toContain(
        'invalid parameter "bogus_param" in /etc/nginx/sites-enabled/default:',
      );
      expect(JSON.stringify(d?.nextSteps)).toContain('bogus_param');
    } finally {
      writeFileSync(NGINX_SITE(), good);
    }
  }, 60_000);
});
