import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../shared/evidence';
import type { ServiceData } from '../../../shared/probe-data';
import {
  cleanupStale,
  createLab,
  generateKeyPair,
  labAvailable,
  must,
  startSystemd,
  systemdSshd,
  tcpListenerArgv,
  waitFor as waitUntil,
  type KeyPair,
  type Lab,
  type LabSystemd,
} from '../harness';
import type { InProcessApi } from '../../../electron/engine/in-process-api';
import { parseHostPort } from '../../../shared/target';
import {
  brief,
  buildCli,
  cli,
  diagnoseManually,
  diagnoseOverSsh,
  diagnoseThroughService,
  fixOverSsh,
  labService,
  sshArgs,
  type Ask,
  type SshAccess,
} from './drive';

/**
 * Fix plans of the other service managers and of fail2ban, for real (subnet 10.242.0.0/16):
 * under real systemd as PID 1 in the server namespace, Debian's own supervisor.service and
 * fail2ban.service and a runsvdir run on private copies of /etc/supervisor, /etc/fail2ban and
 * a private /etc/service bind-mounted in the lab's mount namespace (the machine's files are
 * never touched; /run is the lab's own, so the default sockets are where a real Debian has
 * them). The CLI over SSH names the stopped supervisor program / runit service and the
 * fail2ban ban, `--fix --yes` starts / unbans it, a real connection works, `undo` brings the
 * fault back.
 */
const avail = labAvailable();
const programs = [
  '/usr/bin/supervisord',
  '/usr/bin/supervisorctl',
  '/usr/bin/runsvdir',
  '/usr/bin/sv',
  '/usr/bin/fail2ban-server',
  '/usr/bin/fail2ban-client',
].filter((p) => !existsSync(p));
const skip = !avail.ok
  ? `skipping service manager scenario lab tests: ${avail.reason}`
  : programs.length > 0
    ? `skipping service manager scenario lab tests: ${programs.join(', ')} not installed (apt-get install supervisor runit fail2ban)`
    : null;
if (skip) console.warn(skip);

/** The supervisor program, the runit service and the port fail2ban's jail guards. */
const SUP = { name: 'supweb', port: 8091 };
const RUNIT = { name: 'runweb', port: 8093 };
const JAIL = { name: 'labweb', port: 8095 };

let lab: Lab;
let sd: LabSystemd;
let key: KeyPair;
let knownHosts: string;
let priv: string;
let service: InProcessApi;

const ssh = (): SshAccess => ({
  destination: `root@${lab.mgmtAddr!}`,
  identity: key.privateKeyPath,
  knownHosts,
});
const data = (port: number) => `${lab.dataAddr!}:${port}`;
const serviceOf = (d: Diagnosis) =>
  d.evidence.find((e) => e.probe === 'service')?.data as ServiceData | undefined;

/** A word for /bin/sh, single-quoted. */
const shq = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** A /bin/sh script that execs the lab's minimal TCP listener (so its pid is the listener's). */
function listenerScript(port: number): string {
  return `#!/bin/sh\nexec ${tcpListenerArgv('0.0.0.0', port).map(shq).join(' ')}\n`;
}

/** True when a real TCP connection to HOST:PORT is accepted within 1.5 s. */
function connects(hostPort: string): Promise<boolean> {
  const at = hostPort.lastIndexOf(':');
  return new Promise((resolve) => {
    const sock = tcpConnect({
      host: hostPort.slice(0, at),
      port: Number(hostPort.slice(at + 1)),
      timeout: 1500,
    });
    const end = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.once('connect', () => end(true));
    sock.once('error', () => end(false));
    sock.once('timeout', () => end(false));
  });
}

const listens = (port: number) => sd.exec(['ss', '-Hltn', `sport = :${port}`]).stdout.trim() !== '';

async function waitListening(what: string, port: number, yes = true): Promise<void> {
  await waitUntil(
    `${what} to ${yes ? '' : 'stop to '}listen on ${port}`,
    () => (listens(port) === yes ? true : null),
    8000,
  );
}

/** Runs an argv inside the lab system and fails with its output when it fails. */
function inside(argv: string[]): string {
  const r = sd.exec(argv);
  if (r.code !== 0) throw new Error(`${argv.join(' ')} → ${r.code}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

/**
 * The same fault diagnosed the two other ways (DESIGN §3): manual mode on the server's real
 * outputs (run inside the lab system) and the renderer's actors on the contracts service.
 */
async function otherWays(ask: Ask, check: (d: Diagnosis) => void): Promise<void> {
  const m = await diagnoseManually(ask, (argv) => sd.exec(argv), lab.dir);
  expect(m.diagnosis, m.stderr).not.toBeNull();
  check(m.diagnosis!);
  const target = parseHostPort(ask.target);
  if (!target.ok) throw new Error(target.error);
  const s = ssh();
  check(
    await diagnoseThroughService(
      service,
      { target: target.value, ...(ask.service !== undefined ? { service: ask.service } : {}) },
      { destination: s.destination, identity: s.identity },
    ),
  );
}

/** Undoes the latest change over SSH; returns the diagnosis made afterwards. */
async function undoLatest(): Promise<Diagnosis> {
  const u = await cli(['undo', ...sshArgs(ssh()), '--yes', '--json', '--timeout', '1000']);
  expect(u.code, u.stderr).toBe(0);
  return (JSON.parse(u.stdout) as { diagnosis: Diagnosis }).diagnosis;
}

/** Private configuration for the three programs, under `priv`. */
function privateConfigs(): Record<string, string> {
  // supervisor: Debian's configuration as shipped (socket /var/run/supervisor.sock, log dir
  // /var/log/supervisor) plus one program.
  must(['cp', '-a', '/etc/supervisor', join(priv, 'etc-supervisor')]);
  writeFileSync(
    join(priv, 'etc-supervisor', 'conf.d', `${SUP.name}.conf`),
    [
      `[program:${SUP.name}]`,
      `command=/bin/sh /run/lab/${SUP.name}.sh`,
      'autostart=true',
      'startsecs=1',
      '',
    ].join('\n'),
  );
  mkdirSync(join(priv, 'var-log-supervisor'));

  // runit: a service directory as `sv` looks for it by default (/etc/service/NAME/run).
  const svc = join(priv, 'etc-service', RUNIT.name);
  mkdirSync(svc, { recursive: true });
  writeFileSync(join(svc, 'run'), listenerScript(RUNIT.port), { mode: 0o755 });

  // fail2ban: Debian's configuration without its sshd jail (it reads the journal through a
  // module that is not installed), logging to the lab's journal, an in-memory database,
  // and one jail whose ban action rejects the port in iptables (chain f2b-JAIL).
  const f2b = join(priv, 'etc-fail2ban');
  must(['cp', '-a', '/etc/fail2ban', f2b]);
  rmSync(join(f2b, 'jail.d'), { recursive: true, force: true });
  mkdirSync(join(f2b, 'jail.d'));
  mkdirSync(join(f2b, 'fail2ban.d'), { recursive: true });
  writeFileSync(
    join(f2b, 'fail2ban.d', 'lab.local'),
    '[DEFAULT]\nlogtarget = SYSOUT\ndbfile = :memory:\n',
  );
  writeFileSync(
    join(f2b, 'filter.d', 'lab-login.conf'),
    '[Definition]\nfailregex = ^login failed from <HOST>\\s*$\nignoreregex =\n',
  );
  writeFileSync(
    join(f2b, 'jail.d', 'lab.local'),
    [
      `[${JAIL.name}]`,
      'enabled = true',
      'filter = lab-login',
      'backend = polling',
      'logpath = /run/lab/lab-login.log',
      'banaction = iptables-multiport',
      `port = ${JAIL.port}`,
      'maxretry = 3',
      'bantime = 1h',
      '',
    ].join('\n'),
  );
  mkdirSync(join(priv, 'var-lib-fail2ban'));
  return {
    '/etc/supervisor': join(priv, 'etc-supervisor'),
    '/var/log/supervisor': join(priv, 'var-log-supervisor'),
    '/etc/service': join(priv, 'etc-service'),
    '/etc/fail2ban': f2b,
    '/var/lib/fail2ban': join(priv, 'var-lib-fail2ban'),
  };
}

describe.skipIf(skip !== null)('scenarios: supervisor, runit and fail2ban fixed for real', () => {
  beforeAll(async () => {
    cleanupStale();
    buildCli();
    lab = createLab({ name: 'scen-mgr', net: 242 });
    priv = join(lab.dir, 'private');
    mkdirSync(priv);
    const binds = privateConfigs();
    key = generateKeyPair(lab.dir, 'id_scen');
    const sshd = systemdSshd(lab, { authorizedKeys: [key.publicKey] });
    sd = await startSystemd(lab, {
      units: {
        ...sshd.units,
        'lab-runsvdir.service':
          '[Unit]\nDescription=Lab runit supervision tree\n[Service]\nExecStart=/usr/bin/runsvdir -P /etc/service\n',
        'lab-banned-web.service': `[Unit]\nDescription=Lab web behind fail2ban\n[Service]\nExecStart=/bin/sh /run/lab/banned-web.sh\n`,
      },
      files: {
        ...sshd.files,
        [`${SUP.name}.sh`]: listenerScript(SUP.port),
        'banned-web.sh': listenerScript(JAIL.port),
        'lab-login.log': { text: '', mode: 0o644 },
      },
      binds,
      tmpfs: ['/var/tmp', '/dev/shm'],
    });
    // Debian's own units, on the private configurations.
    for (const unit of ['supervisor.service', 'fail2ban.service']) {
      const r = sd.systemctl(['start', unit]);
      if (r.code !== 0) throw new Error(`systemctl start ${unit}: ${r.stdout}${r.stderr}`);
    }
    await waitListening('supervisor program', SUP.port);
    await waitListening('runit service', RUNIT.port);
    await waitListening('the web behind fail2ban', JAIL.port);
    await waitUntil(
      `fail2ban's jail ${JAIL.name}`,
      () => (sd.exec(['fail2ban-client', 'status', JAIL.name]).code === 0 ? true : null),
      10_000,
      200,
    );
    knownHosts = sshd.writeKnownHosts([lab.mgmtAddr!]);
    service = labService(knownHosts, lab.dir);
  }, 90_000);
  afterAll(async () => {
    try {
      await service?.close();
    } finally {
      await lab?.destroy();
    }
  });

  it(`supervisor: a stopped program is named, --fix --yes starts it (supervisorctl start), undo stops it again`, async () => {
    inside(['supervisorctl', 'stop', SUP.name]);
    await waitListening(SUP.name, SUP.port, false);
    expect(await connects(data(SUP.port))).toBe(false);

    const ask = { target: data(SUP.port), service: SUP.name };
    const check = (d: Diagnosis) => {
      expect(d.cause, brief(d)).toBe('service-not-running');
      expect(serviceOf(d), brief(d)).toMatchObject({
        manager: 'supervisor',
        name: SUP.name,
        state: 'inactive',
      });
      expect(d.fix, brief(d)).toMatchObject({
        id: 'service.start',
        commands: [['supervisorctl', 'start', SUP.name]],
      });
    };
    const r = await diagnoseOverSsh(ask, ssh());
    expect(r.diagnosis, r.stderr).not.toBeNull();
    check(r.diagnosis!);
    expect(r.code).toBe(1);
    await otherWays(ask, check);

    const f = await fixOverSsh(data(SUP.port), ssh(), ['--service', SUP.name], 1000);
    const fd = f.diagnosis;
    expect(fd?.fix?.id, f.stderr + brief(fd)).toBe('service.start');
    expect(fd?.verified, f.stderr + brief(fd)).toBe(true);
    expect(f.code, f.stderr).toBe(0);
    expect(inside(['supervisorctl', 'status', SUP.name])).toMatch(/\bRUNNING\b/);
    expect(await connects(data(SUP.port))).toBe(true);

    const again = await undoLatest();
    expect(again.cause, brief(again)).toBe('service-not-running');
    expect(sd.exec(['supervisorctl', 'status', SUP.name]).stdout).toMatch(/\bSTOPPED\b/);
    expect(await connects(data(SUP.port))).toBe(false);
  }, 90_000);

  it(`runit: a service that is down is named, --fix --yes brings it up (sv up), undo takes it down again`, async () => {
    inside(['sv', 'down', RUNIT.name]);
    await waitListening(RUNIT.name, RUNIT.port, false);
    expect(await connects(data(RUNIT.port))).toBe(false);

    const ask = { target: data(RUNIT.port), service: RUNIT.name };
    const check = (d: Diagnosis) => {
      expect(d.cause, brief(d)).toBe('service-not-running');
      expect(serviceOf(d), brief(d)).toMatchObject({
        manager: 'runit',
        name: RUNIT.name,
        state: 'inactive',
      });
      expect(d.fix, brief(d)).toMatchObject({
        id: 'service.start',
        commands: [['sv', 'up', RUNIT.name]],
      });
    };
    const r = await diagnoseOverSsh(ask, ssh());
    expect(r.diagnosis, r.stderr).not.toBeNull();
    check(r.diagnosis!);
    expect(r.code).toBe(1);
    await otherWays(ask, check);

    const f = await fixOverSsh(data(RUNIT.port), ssh(), ['--service', RUNIT.name], 1000);
    const fd = f.diagnosis;
    expect(fd?.fix?.id, f.stderr + brief(fd)).toBe('service.start');
    expect(fd?.verified, f.stderr + brief(fd)).toBe(true);
    expect(f.code, f.stderr).toBe(0);
    expect(inside(['sv', 'status', RUNIT.name])).toMatch(/^run: /);
    expect(await connects(data(RUNIT.port))).toBe(true);

    const again = await undoLatest();
    expect(again.cause, brief(again)).toBe('service-not-running');
    expect(sd.exec(['sv', 'status', RUNIT.name]).stdout).toMatch(/^down: /);
    expect(await connects(data(RUNIT.port))).toBe(false);
  }, 90_000);

  it(`fail2ban: the client's banned address is named as the jail's ban, --fix --yes unbans it, the jail keeps running, undo bans again`, async () => {
    const client = lab.hostDataAddr!;
    expect(await connects(data(JAIL.port))).toBe(true);
    inside(['fail2ban-client', 'set', JAIL.name, 'banip', client]);
    await waitUntil(
      'the ban rule',
      () => (sd.exec(['iptables', '-S', `f2b-${JAIL.name}`]).stdout.includes(client) ? true : null),
      5000,
    );
    expect(await connects(data(JAIL.port))).toBe(false);

    const ask = { target: data(JAIL.port) };
    const check = (d: Diagnosis) => {
      expect(d.cause, brief(d)).toBe('firewall-reject');
      expect(d.rule, brief(d)).toMatchObject({ chain: `f2b-${JAIL.name}` });
      expect(d.rule?.frontEnd, brief(d)).toMatchObject({ source: 'fail2ban' });
      expect(d.rule?.frontEnd?.text).toContain(`jail ${JAIL.name}: ${client} is banned`);
      expect(d.fix, brief(d)).toMatchObject({
        id: 'fail2ban.unban',
        commands: [['fail2ban-client', 'set', JAIL.name, 'unbanip', client]],
      });
    };
    const r = await diagnoseOverSsh(ask, ssh());
    expect(r.diagnosis, r.stderr).not.toBeNull();
    check(r.diagnosis!);
    expect(r.code).toBe(1);
    await otherWays(ask, check);

    const f = await fixOverSsh(data(JAIL.port), ssh(), [], 1000);
    const fd = f.diagnosis;
    expect(fd?.fix?.id, f.stderr + brief(fd)).toBe('fail2ban.unban');
    expect(fd?.verified, f.stderr + brief(fd)).toBe(true);
    expect(f.code, f.stderr).toBe(0);
    expect(await connects(data(JAIL.port))).toBe(true);
    // The jail still runs (only the ban is gone) and its chain still guards the port.
    const status = inside(['fail2ban-client', 'status', JAIL.name]);
    expect(status).toMatch(/Currently banned:\s*0/);
    expect(status).not.toContain(client);
    expect(inside(['fail2ban-client', 'status'])).toMatch(
      new RegExp(`Jail list:.*\\b${JAIL.name}\\b`),
    );
    expect(inside(['iptables', '-S', 'INPUT'])).toContain(`-j f2b-${JAIL.name}`);

    const again = await undoLatest();
    expect(again.cause, brief(again)).toBe('firewall-reject');
    expect(again.rule?.frontEnd?.source, brief(again)).toBe('fail2ban');
    expect(inside(['fail2ban-client', 'status', JAIL.name])).toContain(client);
    expect(await connects(data(JAIL.port))).toBe(false);
    inside(['fail2ban-client', 'set', JAIL.name, 'unbanip', client]);
  }, 90_000);
});
