import {
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
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
/** Debian's PostgreSQL server (the newest installed major version), if any. */
const pgVersion =
  (existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [])
    .filter((v) => /^\d+$/.test(v) && existsSync(`/usr/lib/postgresql/${v}/bin/postgres`))
    .sort((a, b) => Number(b) - Number(a))[0] ?? null;
const pgSkip =
  pgVersion === null || !existsSync('/usr/bin/pg_createcluster')
    ? "skipping the PostgreSQL config scenario: Debian's postgresql is not installed (apt-get install postgresql)"
    : null;
if (!skip && pgSkip) console.warn(pgSkip);
const mariadbSkip = !existsSync('/usr/sbin/mariadbd')
  ? 'skipping the MariaDB config scenario: mariadb-server is not installed (apt-get install mariadb-server)'
  : null;
const apacheSkip = !existsSync('/usr/sbin/apache2')
  ? 'skipping the Apache config scenario: apache2 is not installed (apt-get install apache2)'
  : null;
for (const why of [mariadbSkip, apacheSkip]) if (!skip && why) console.warn(why);

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
const MARIADB_CONF = () => join(priv, 'etc-mysql', 'mariadb.conf.d', '50-server.cnf');
const APACHE_PORTS = () => join(priv, 'etc-apache2', 'ports.conf');
const SSHD_CONF = () => join(priv, 'etc-ssh', 'sshd_config');
/** The Redis unit's drop-in directory (the lab's private /etc/systemd/system). */
const REDIS_DROPINS = () => join(priv, 'etc-systemd-system', 'redis-server.service.d');
const PG_CONF = () => join(priv, 'etc-postgresql', pgVersion ?? '', 'main', 'postgresql.conf');
/** The extra sshd ConnDoctor fixes (never the lab's session sshd on port 22). */
const SSHD_PORT = 2222;
const SSHD_UNIT = 'ssh-extra.service';

/**
 * The first bytes a server sends or answers within 1.5 s: `hello` is written once
 * connected (null: nothing). Empty when the connection fails.
 */
function answer(port: number, hello: Buffer | null): Promise<string> {
  return new Promise((resolve) => {
    const sock = tcpConnect({ host: lab.dataAddr!, port, timeout: 1500 });
    const end = (s: string) => {
      sock.destroy();
      resolve(s);
    };
    sock.once('connect', () => {
      if (hello) sock.write(hello);
    });
    sock.once('data', (b: Buffer) => end(b.toString('latin1')));
    sock.once('error', () => end(''));
    sock.once('timeout', () => end(''));
  });
}

/** PostgreSQL's SSLRequest: a real postmaster answers `S` or `N` (no login involved). */
const PG_SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/**
 * A private /etc/ssh for the extra sshd: Debian's shipped sshd_config (from openssh-server)
 * moved to port 2222 and bound to loopback as an admin would (`Port 2222`,
 * `ListenAddress 127.0.0.1`), its sshd_config.d and moduli, and fresh host keys (the
 * machine's own keys are never copied).
 */
function privateSsh(dir: string): void {
  mkdirSync(dir);
  must(['cp', '-a', '/etc/ssh/sshd_config.d', '/etc/ssh/moduli', dir]);
  const shipped = existsSync('/usr/share/openssh/sshd_config')
    ? '/usr/share/openssh/sshd_config'
    : '/etc/ssh/sshd_config';
  const text = readFileSync(shipped, 'utf8');
  const edited = text
    .replace(/^#Port 22$/m, `Port ${SSHD_PORT}`)
    .replace(/^#ListenAddress 0\.0\.0\.0$/m, 'ListenAddress 127.0.0.1');
  if (!edited.includes('\nListenAddress 127.0.0.1\n'))
    throw new Error(`${shipped}: no #ListenAddress`);
  writeFileSync(join(dir, 'sshd_config'), edited);
  for (const t of ['ed25519', 'ecdsa']) {
    must(['ssh-keygen', '-q', '-t', t, '-N', '', '-f', join(dir, `ssh_host_${t}_key`)]);
  }
}

/** The extra sshd's unit, as Debian's ssh.service runs sshd, on its own `-f` file. */
const SSHD_EXTRA_UNIT = [
  '[Unit]',
  'Description=Extra OpenSSH server (the one ConnDoctor fixes)',
  '[Service]',
  'ExecStartPre=/usr/sbin/sshd -t -f /etc/ssh/sshd_config',
  'ExecStart=/usr/sbin/sshd -D -f /etc/ssh/sshd_config',
  'KillMode=process',
  'Type=notify',
  'RuntimeDirectory=sshd',
  'RuntimeDirectoryMode=0755',
  // The session sshd shares /run/sshd: a restart of this one must not remove it.
  'RuntimeDirectoryPreserve=yes',
  '',
].join('\n');

/**
 * A PostgreSQL cluster made by Debian's pg_createcluster inside a throwaway mount namespace
 * whose /etc/postgresql, /var/lib/postgresql and /var/log/postgresql are the lab's private
 * directories (LAB.md): Debian's postgresql.conf, `listen_addresses` left at its default.
 */
function privatePostgres(): void {
  const pgUid = Number(must(['id', '-u', 'postgres']).trim());
  const pgGid = Number(must(['id', '-g', 'postgres']).trim());
  for (const d of ['etc-postgresql', 'var-lib-postgresql', 'var-log-postgresql']) {
    mkdirSync(join(priv, d));
    chownSync(join(priv, d), pgUid, pgGid);
  }
  must([
    'unshare',
    '--mount',
    '--propagation',
    'private',
    'sh',
    '-c',
    [
      `mount --bind ${join(priv, 'etc-postgresql')} /etc/postgresql`,
      `mount --bind ${join(priv, 'var-lib-postgresql')} /var/lib/postgresql`,
      `mount --bind ${join(priv, 'var-log-postgresql')} /var/log/postgresql`,
      `pg_createcluster ${pgVersion!} main -- --no-sync >/dev/null`,
    ].join(' && '),
  ]);
}

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
    // Drop-ins the Redis command-line scenario writes go to a private copy, never the machine's.
    copyDir('/etc/systemd/system', join(priv, 'etc-systemd-system'));
    const site = readFileSync(NGINX_SITE(), 'utf8');
    writeFileSync(
      NGINX_SITE(),
      site
        .replace('\tlisten 80 default_server;', '\tlisten 127.0.0.1:8088 default_server;')
        .replace('\tlisten [::]:80 default_server;', '\tlisten [::1]:8088 default_server;'),
    );
    privateSsh(join(priv, 'etc-ssh'));
    const extraBinds: Record<string, string> = {};
    if (!mariadbSkip) {
      // Debian's shipped configuration: bind-address = 127.0.0.1 in 50-server.cnf.
      for (const [from, to] of [
        ['/etc/mysql', 'etc-mysql'],
        ['/var/lib/mysql', 'var-lib-mysql'],
        ['/var/log/mysql', 'var-log-mysql'],
      ] as const) {
        // Only over what exists: a bind mount needs its mount point on the machine.
        if (!existsSync(from)) continue;
        copyDir(from, join(priv, to));
        extraBinds[from] = join(priv, to);
      }
    }
    if (!apacheSkip) {
      for (const [from, to] of [
        ['/etc/apache2', 'etc-apache2'],
        ['/var/log/apache2', 'var-log-apache2'],
      ] as const) {
        copyDir(from, join(priv, to));
        extraBinds[from] = join(priv, to);
      }
      // Debian's ports.conf and default site, moved to 127.0.0.1:8089 as an admin would.
      const ports = readFileSync(APACHE_PORTS(), 'utf8');
      writeFileSync(APACHE_PORTS(), ports.replace(/^Listen 80$/m, 'Listen 127.0.0.1:8089'));
      const site = join(priv, 'etc-apache2', 'sites-available', '000-default.conf');
      writeFileSync(
        site,
        readFileSync(site, 'utf8').replace('<VirtualHost *:80>', '<VirtualHost *:8089>'),
      );
    }
    if (!pgSkip) privatePostgres();
    key = generateKeyPair(lab.dir, 'id_scen');
    const sshd = systemdSshd(lab, { authorizedKeys: [key.publicKey] });
    sd = await startSystemd(lab, {
      units: { ...sshd.units, [SSHD_UNIT]: SSHD_EXTRA_UNIT },
      files: sshd.files,
      binds: {
        '/etc/ssh': join(priv, 'etc-ssh'),
        ...extraBinds,
        ...(pgSkip
          ? {}
          : {
              '/etc/postgresql': join(priv, 'etc-postgresql'),
              '/var/lib/postgresql': join(priv, 'var-lib-postgresql'),
              '/var/log/postgresql': join(priv, 'var-log-postgresql'),
            }),
        '/etc/nginx': join(priv, 'etc-nginx'),
        '/etc/redis': join(priv, 'etc-redis'),
        '/var/lib/nginx': join(priv, 'var-lib-nginx'),
        '/var/log/nginx': join(priv, 'var-log-nginx'),
        '/var/lib/redis': join(priv, 'var-lib-redis'),
        '/var/log/redis': join(priv, 'var-log-redis'),
        '/var/backups': join(priv, 'var-backups'),
        '/etc/systemd/system': join(priv, 'etc-systemd-system'),
      },
      tmpfs: ['/var/tmp', '/dev/shm'],
    });
    await restartAndWait('nginx.service', 8088);
    await restartAndWait('redis-server.service', 6379);
    await restartAndWait(SSHD_UNIT, SSHD_PORT);
    if (!pgSkip) await restartAndWait(`postgresql@${pgVersion!}-main.service`, 5432);
    if (!mariadbSkip) {
      // Debian creates /run/mysqld with tmpfiles.d, masked in the lab.
      sd.exec(['install', '-d', '-o', 'mysql', '-g', 'root', '-m', '0755', '/run/mysqld']);
      await restartAndWait('mariadb.service', 3306);
    }
    if (!apacheSkip) await restartAndWait('apache2.service', 8089);
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

  it("Redis with --bind 127.0.0.1 on its unit's command line (systemctl edit override): a drop-in is the plan, undo removes it", async () => {
    // As an admin would with `systemctl edit redis-server`: the command line wins over redis.conf.
    const override = join(REDIS_DROPINS(), 'override.conf');
    mkdirSync(REDIS_DROPINS(), { recursive: true });
    writeFileSync(
      override,
      '[Service]\nExecStart=\nExecStart=/usr/bin/redis-server /etc/redis/redis.conf --supervised systemd --daemonize no --bind 127.0.0.1\n',
    );
    const ours = join(REDIS_DROPINS(), 'zz-conndoctor-listen.conf');
    const conf = readFileSync(REDIS_CONF());
    try {
      sd.systemctl(['daemon-reload']);
      await restartAndWait('redis-server.service', 6379);
      expect(await connects(6379)).toBe(false);
      const seen = await cli([
        'diagnose',
        data(6379),
        '--json',
        '--timeout',
        '1000',
        ...sshArgs(ssh()),
      ]);
      const d0 = seen.diagnosis;
      expect(d0?.cause, seen.stderr + brief(d0)).toBe('bound-to-other-address');
      expect(d0?.fix?.kind, brief(d0)).toBe('unit.drop-in');
      // override.conf sorts after conndoctor-listen.conf: the drop-in is named to come last.
      const path = '/etc/systemd/system/redis-server.service.d/zz-conndoctor-listen.conf';
      expect(d0?.fix?.diff).toContain(`--- /dev/null\n+++ ${path}\n@@ -0,0 +1,5 @@\n`);
      expect(d0?.fix?.diff).toContain(
        '\n+ExecStart=\n+ExecStart=/usr/bin/redis-server /etc/redis/redis.conf --supervised systemd --daemonize no --bind * -::*\n',
      );
      expect(d0?.fix?.risk).toMatch(/protected mode/i);
      expect(d0?.fix?.commands).toContainEqual(['systemctl', 'daemon-reload']);
      expect(d0?.fix?.undo[0]).toEqual(['rm', '-f', '--', path]);
      const evidence = d0?.evidence.find((e) => e.probe === 'config');
      expect(evidence?.summary).toContain(
        '/etc/systemd/system/redis-server.service.d/override.conf:3: ExecStart=/usr/bin/redis-server',
      );

      const r = await fixOverSsh(data(6379), ssh(), [], 1000);
      const d = r.diagnosis;
      expect(d?.fix?.kind, r.stderr + brief(d)).toBe('unit.drop-in');
      expect(d?.verified, r.stderr + brief(d) + JSON.stringify(d?.warnings)).toBe(true);
      expect(r.code).toBe(0);
      expect(await connects(6379)).toBe(true);
      // A real Redis answers: protected mode speaks up (no password yet), as the risk says.
      expect(await answer(6379, Buffer.from('PING\r\n'))).toMatch(/^(\+PONG|-DENIED)/);
      expect(readFileSync(ours, 'utf8')).toContain('--bind * -::*\n');
      expect(readFileSync(REDIS_CONF()).equals(conf)).toBe(true);

      const u = await undo(d!.changeId!);
      expect(u.code, u.stderr).toBe(0);
      expect(u.undone).toBe(true);
      expect(existsSync(ours)).toBe(false);
      expect(existsSync(override)).toBe(true);
      expect(u.diagnosis?.cause, brief(u.diagnosis ?? null)).toBe('bound-to-other-address');
      expect(await connects(6379)).toBe(false);
    } finally {
      for (const f of [ours, override]) if (existsSync(f)) must(['rm', '-f', f]);
      sd.systemctl(['daemon-reload']);
      await restartAndWait('redis-server.service', 6379);
    }
  }, 120_000);

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

  it('an extra sshd on 127.0.0.1:2222 (Debian sshd_config): a ListenAddress is only added, under the dead-man switch; undo restores it', async () => {
    const original = readFileSync(SSHD_CONF());
    expect(await connects(SSHD_PORT)).toBe(false);
    const seen = await cli([
      'diagnose',
      data(SSHD_PORT),
      '--json',
      '--timeout',
      '1000',
      ...sshArgs(ssh()),
    ]);
    const d0 = seen.diagnosis;
    expect(d0?.cause, seen.stderr + brief(d0)).toBe('bound-to-other-address');
    expect(d0?.fix?.kind, brief(d0)).toBe('config.edit');
    expect(d0?.fix?.diff).toContain('--- /etc/ssh/sshd_config');
    expect(d0?.fix?.diff).toContain(
      `\n ListenAddress 127.0.0.1\n+ListenAddress ${lab.dataAddr!}:${SSHD_PORT}\n`,
    );
    expect(d0?.fix?.diff).not.toMatch(/\n-[^-]/);
    expect(d0?.fix?.commands).toContainEqual([
      '/usr/sbin/sshd',
      '-t',
      '-f',
      '/etc/ssh/sshd_config',
    ]);
    expect(d0?.fix?.commands.at(-1)).toEqual(['systemctl', 'restart', SSHD_UNIT]);
    expect(d0?.fix?.risk).toMatch(/dead-man switch/);

    const r = await fixOverSsh(data(SSHD_PORT), ssh(), [], 1000);
    const d = r.diagnosis;
    expect(d?.verified, r.stderr + brief(d) + JSON.stringify(d?.warnings)).toBe(true);
    expect(r.code).toBe(0);
    // A real SSH server answers on the data address now.
    expect(await answer(SSHD_PORT, null)).toMatch(/^SSH-2\.0-OpenSSH/);
    const after = readFileSync(SSHD_CONF(), 'utf8');
    const a = original.toString('utf8').split('\n');
    const b = after.split('\n');
    expect(b.filter((l) => !a.includes(l))).toEqual([
      `ListenAddress ${lab.dataAddr!}:${SSHD_PORT}`,
    ]);
    expect(b.length).toBe(a.length + 1);
    // The change ran under the dead-man switch: a rollback timer was scheduled, then stopped.
    const journal = sd.exec(['journalctl', '--no-pager', '-o', 'cat']).stdout;
    expect(journal).toMatch(/ConnDoctor rollback of an unverified change/);
    expect(sd.systemctl(['is-active', SSHD_UNIT]).stdout.trim()).toBe('active');

    const u = await undo(d!.changeId!);
    expect(u.code, u.stderr).toBe(0);
    expect(u.undone).toBe(true);
    expect(readFileSync(SSHD_CONF()).equals(original)).toBe(true);
    expect(u.diagnosis?.cause, brief(u.diagnosis ?? null)).toBe('bound-to-other-address');
    expect(await connects(SSHD_PORT)).toBe(false);
  }, 90_000);

  it.skipIf(pgSkip !== null)(
    "PostgreSQL as pg_createcluster makes it (listen_addresses at 'localhost'): '*' checked by postgres -C, pg_hba.conf stated, undo restores it",
    async () => {
      const original = readFileSync(PG_CONF());
      expect(await connects(5432)).toBe(false);
      const r = await fixOverSsh(data(5432), ssh(), [], 1000);
      const d = r.diagnosis;
      expect(d?.cause, r.stderr + brief(d)).toBe('bound-to-other-address');
      expect(d?.fix?.kind, brief(d)).toBe('config.edit');
      const file = `/etc/postgresql/${pgVersion!}/main/postgresql.conf`;
      expect(d?.fix?.diff).toContain(`--- ${file}`);
      expect(d?.fix?.diff).toMatch(
        /\n-#listen_addresses = 'localhost'(.*)\n\+listen_addresses = '\*'\1\n/,
      );
      expect(d?.fix?.commands).toContainEqual([
        'runuser',
        '-u',
        'postgres',
        '--',
        `/usr/lib/postgresql/${pgVersion!}/bin/postgres`,
        '-C',
        'listen_addresses',
        '-D',
        `/var/lib/postgresql/${pgVersion!}/main`,
        '-c',
        `config_file=${file}`,
      ]);
      expect(d?.fix?.commands.at(-1)).toEqual([
        'systemctl',
        'restart',
        `postgresql@${pgVersion!}-main.service`,
      ]);
      expect(d?.fix?.risk).toMatch(/pg_hba\.conf/);
      expect(d?.verified, r.stderr + JSON.stringify(d?.warnings)).toBe(true);
      expect(r.code).toBe(0);
      // The postmaster itself answers on the data address (SSLRequest: S or N; no login).
      expect(await answer(5432, PG_SSL_REQUEST)).toMatch(/^[SN]$/);
      const u = await undo(d!.changeId!);
      expect(u.code, u.stderr).toBe(0);
      expect(readFileSync(PG_CONF()).equals(original)).toBe(true);
      expect(u.diagnosis?.cause).toBe('bound-to-other-address');
      expect(await connects(5432)).toBe(false);
    },
    90_000,
  );

  it.skipIf(mariadbSkip !== null)(
    "MariaDB as Debian ships it (bind-address = 127.0.0.1 in 50-server.cnf, found through my.cnf's !includedir): 0.0.0.0 read back by my_print_defaults, undo restores it",
    async () => {
      const original = readFileSync(MARIADB_CONF());
      expect(await connects(3306)).toBe(false);
      const r = await fixOverSsh(data(3306), ssh(), [], 1000);
      const d = r.diagnosis;
      expect(d?.cause, r.stderr + brief(d)).toBe('bound-to-other-address');
      expect(
        d?.fix?.kind,
        brief(d) + JSON.stringify(d?.evidence.find((e) => e.probe === 'config')),
      ).toBe('config.edit');
      expect(d?.fix?.diff).toContain('--- /etc/mysql/mariadb.conf.d/50-server.cnf');
      expect(d?.fix?.diff).toContain(
        '\n-bind-address            = 127.0.0.1\n+bind-address            = 0.0.0.0\n',
      );
      expect(d?.fix?.commands).toContainEqual(['my_print_defaults', '--mysqld']);
      expect(d?.fix?.commands.at(-1)).toEqual(['systemctl', 'restart', 'mariadb.service']);
      expect(d?.fix?.risk).toMatch(/not a login/);
      expect(d?.verified, r.stderr + JSON.stringify(d?.warnings)).toBe(true);
      expect(r.code).toBe(0);
      expect(await connects(3306)).toBe(true);
      const u = await undo(d!.changeId!);
      expect(u.code, u.stderr).toBe(0);
      expect(readFileSync(MARIADB_CONF()).equals(original)).toBe(true);
      expect(u.diagnosis?.cause).toBe('bound-to-other-address');
      expect(await connects(3306)).toBe(false);
    },
    90_000,
  );

  it.skipIf(apacheSkip !== null)(
    "Apache on 127.0.0.1:8089 (Debian's ports.conf): Listen 8089 checked by apache2ctl -t, a real HTTP answer, undo restores it",
    async () => {
      const original = readFileSync(APACHE_PORTS());
      expect(await connects(8089)).toBe(false);
      const r = await fixOverSsh(data(8089), ssh(), [], 1000);
      const d = r.diagnosis;
      expect(d?.cause, r.stderr + brief(d)).toBe('bound-to-other-address');
      expect(
        d?.fix?.kind,
        brief(d) + JSON.stringify(d?.evidence.find((e) => e.probe === 'config')),
      ).toBe('config.edit');
      expect(d?.fix?.diff).toContain('--- /etc/apache2/ports.conf');
      expect(d?.fix?.diff).toContain('\n-Listen 127.0.0.1:8089\n+Listen 8089\n');
      expect(d?.fix?.commands).toContainEqual(['/usr/sbin/apache2ctl', '-t']);
      expect(d?.fix?.commands.at(-1)).toEqual(['systemctl', 'restart', 'apache2.service']);
      expect(d?.verified, r.stderr + JSON.stringify(d?.warnings)).toBe(true);
      expect(r.code).toBe(0);
      expect(await answer(8089, Buffer.from('GET / HTTP/1.0\r\n\r\n'))).toMatch(/^HTTP\/1\.1 200 /);
      const u = await undo(d!.changeId!);
      expect(u.code, u.stderr).toBe(0);
      expect(readFileSync(APACHE_PORTS()).equals(original)).toBe(true);
      expect(u.diagnosis?.cause).toBe('bound-to-other-address');
      expect(await connects(8089)).toBe(false);
    },
    90_000,
  );
});
