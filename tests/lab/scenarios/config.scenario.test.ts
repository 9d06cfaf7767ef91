import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
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
import type { Fix } from '../../../shared/fix-plan';
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
/** The CLI bundle `buildCli()` makes. */
const CLI = join(import.meta.dirname, '..', '..', '..', 'bin', 'conndoctor.js');

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

/** A program of the lab whose address ConnDoctor fixes by editing one of its files. */
interface Program {
  /** As the tests name it. */
  name: string;
  port: number;
  /** The private copy of the file the fix edits, on this machine. */
  local: () => string;
  /** The same file as the server sees it (the diff's `---` line). */
  remote: string;
  /** Why this program's tests are skipped (null: they run). */
  skip: string | null;
}

const NGINX: Program = {
  name: 'nginx',
  port: 8088,
  local: NGINX_SITE,
  remote: '/etc/nginx/sites-enabled/default',
  skip: null,
};
const REDIS: Program = {
  name: 'Redis',
  port: 6379,
  local: REDIS_CONF,
  remote: '/etc/redis/redis.conf',
  skip: null,
};
const SSHD: Program = {
  name: 'the extra sshd',
  port: SSHD_PORT,
  local: SSHD_CONF,
  remote: '/etc/ssh/sshd_config',
  skip: null,
};
const POSTGRES: Program = {
  name: 'PostgreSQL',
  port: 5432,
  local: PG_CONF,
  remote: `/etc/postgresql/${pgVersion ?? ''}/main/postgresql.conf`,
  skip: pgSkip,
};
const MARIADB: Program = {
  name: 'MariaDB',
  port: 3306,
  local: MARIADB_CONF,
  remote: '/etc/mysql/mariadb.conf.d/50-server.cnf',
  skip: mariadbSkip,
};
const APACHE: Program = {
  name: 'Apache',
  port: 8089,
  local: APACHE_PORTS,
  remote: '/etc/apache2/ports.conf',
  skip: apacheSkip,
};

/** What one fix → verify → undo run checks beyond what every program shares. */
interface FixCase {
  /** The plan expected (default config.edit). */
  kind?: 'config.edit' | 'unit.drop-in';
  /**
   * The file the plan writes, on this machine (default: the program's file): its bytes
   * before the fix, or its absence, must be back after undo.
   */
  written?: string;
  /** What the diff must show (a substring, or a pattern). */
  diff: readonly (string | RegExp)[];
  /** The program's own check among the plan's commands (null: none asserted). */
  check: readonly string[] | null;
  /** The plan's last command (the restart). */
  last: readonly string[];
  /** What the plan's risk must say. */
  risk?: RegExp;
  /** A real answer the server gives once fixed (sent first, then the pattern it matches). */
  answers?: { send: Buffer | null; match: RegExp };
  /** Further checks of the proposal. */
  proposal?: (fix: Fix, d0: Diagnosis) => void;
  /** Further checks once fixed and verified, before undo. */
  fixed?: () => void | Promise<void>;
}

/** A file's bytes, or null when it does not exist. */
const bytesOf = (path: string): Buffer | null => (existsSync(path) ? readFileSync(path) : null);

/**
 * The shared run for one program bound to loopback: not reachable; `diagnose --json` finds
 * bound-to-other-address with the expected plan and its diff shown; `--fix --yes` applies
 * that same plan, verified, and a real connection (and answer) works; `undo` puts the file
 * back byte for byte (or removes it) and the fault is back.
 */
async function fixVerifyUndo(p: Program, c: FixCase): Promise<void> {
  const written = c.written ?? p.local();
  const before = bytesOf(written);
  expect(await connects(p.port)).toBe(false);

  const seen = await cli([
    'diagnose',
    data(p.port),
    '--json',
    '--timeout',
    '1000',
    ...sshArgs(ssh()),
  ]);
  const d0 = seen.diagnosis;
  expect(seen.code, seen.stderr).toBe(1);
  expect(d0?.cause, seen.stderr + brief(d0)).toBe('bound-to-other-address');
  const fix0 = d0?.fix;
  expect(
    fix0?.kind,
    brief(d0) + JSON.stringify(d0?.evidence.find((e) => e.probe === 'config')),
  ).toBe(c.kind ?? 'config.edit');
  if (!fix0) throw new Error('no fix proposed');
  if ((c.kind ?? 'config.edit') === 'config.edit') expect(fix0.diff).toContain(`--- ${p.remote}`);
  for (const part of c.diff) {
    if (typeof part === 'string') expect(fix0.diff).toContain(part);
    else expect(fix0.diff).toMatch(part);
  }
  if (c.check) expect(fix0.commands).toContainEqual(c.check);
  expect(fix0.commands.at(-1)).toEqual(c.last);
  if (c.risk) expect(fix0.risk).toMatch(c.risk);
  if (fix0.plan.kind === 'config.edit') {
    // The plan edits the file the server reads, as it was read.
    expect(fix0.plan.path).toBe(p.remote);
    expect(fix0.plan.sha256).toBe(
      createHash('sha256')
        .update(before ?? '')
        .digest('hex'),
    );
  }
  c.proposal?.(fix0, d0);
  // Nothing was written by diagnosing.
  expect(bytesOf(written)).toEqual(before);

  const r = await fixOverSsh(data(p.port), ssh(), [], 1000);
  const d = r.diagnosis;
  expect(d?.cause, r.stderr + brief(d)).toBe('bound-to-other-address');
  // The plan applied is the one shown.
  expect(d?.fix?.kind, r.stderr + brief(d)).toBe(fix0.kind);
  expect(d?.fix?.diff).toBe(fix0.diff);
  expect(d?.fix?.risk).toBe(fix0.risk);
  expect(d?.verified, r.stderr + brief(d) + JSON.stringify(d?.warnings)).toBe(true);
  expect(r.code).toBe(0);
  expect(await connects(p.port)).toBe(true);
  if (c.answers) expect(await answer(p.port, c.answers.send)).toMatch(c.answers.match);
  await c.fixed?.();

  const u = await undo(d!.changeId!);
  expect(u.code, u.stderr).toBe(0);
  expect(u.undone).toBe(true);
  if (before === null) expect(existsSync(written)).toBe(false);
  else expect(readFileSync(written).equals(before)).toBe(true);
  expect(u.diagnosis?.cause, brief(u.diagnosis ?? null)).toBe('bound-to-other-address');
  expect(await connects(p.port)).toBe(false);
}

/** Quotes one word for `sh -c`. */
const shWord = (w: string) => `'${w.replaceAll("'", `'\\''`)}'`;

/**
 * `diagnose TARGET --fix` without `--yes`, on a terminal (`script` gives the CLI a pty): when
 * it asks "Apply this fix? [y/N]", `meanwhile` runs, then `y` is typed. Resolves with the
 * exit status and everything the terminal showed.
 */
function fixAskingOnTerminal(
  target: string,
  meanwhile: () => void,
): Promise<{ code: number | null; shown: string }> {
  const argv = [
    process.execPath,
    CLI,
    'diagnose',
    target,
    '--timeout',
    '1000',
    '--lang',
    'en',
    ...sshArgs(ssh()),
    '--fix',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', argv.map(shWord).join(' '), '/dev/null'], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let shown = '';
    let asked = false;
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no end within 30 s; the terminal showed:\n${shown}`));
    }, 30_000);
    const onData = (b: Buffer) => {
      shown += b.toString('utf8');
      if (!asked && shown.includes('Apply this fix? [y/N]')) {
        asked = true;
        try {
          meanwhile();
        } catch (e) {
          child.kill();
          reject(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        child.stdin.write('y\n');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, shown });
    });
  });
}

/**
 * The file is edited by someone else while the CLI asks for consent: the apply refuses
 * (the SHA-256 differs from the one the diff was made from), exit 1, the terminal says the
 * file changed, nothing is written and the program is still bound to loopback.
 */
async function refusedWhenEditedMeanwhile(p: Program): Promise<void> {
  const original = readFileSync(p.local());
  // Every one of these formats takes `#` comments.
  const edited = Buffer.concat([original, Buffer.from('# edited by someone else\n')]);
  expect(await connects(p.port)).toBe(false);
  try {
    const r = await fixAskingOnTerminal(data(p.port), () => writeFileSync(p.local(), edited));
    expect(r.shown, r.shown).toContain(`--- ${p.remote}`);
    expect(r.shown).toMatch(/changed since it was read/);
    expect(r.shown).toMatch(/nothing was written/);
    expect(r.code, r.shown).toBe(1);
    expect(readFileSync(p.local()).equals(edited)).toBe(true);
    expect(await connects(p.port)).toBe(false);
  } finally {
    writeFileSync(p.local(), original);
  }
}

/**
 * A configuration the program rejects (its own check fails) while it still runs on its good
 * one: still bound-to-other-address, no fix proposed; the config evidence fails with the
 * program's own error line, the file and line it names, and the next step points there.
 */
async function rejectedConfig(
  p: Program,
  c: {
    /** The broken text, made from the good one. */
    broken: (good: string) => string;
    /** The program's own words for it (part of its error line). */
    says: string;
    /** The file and line it names. */
    at: { file: string; line: number };
    /** The program's own check of its configuration. */
    check: readonly string[];
  },
): Promise<void> {
  const good = readFileSync(p.local(), 'utf8');
  const broken = c.broken(good);
  expect(broken).not.toBe(good);
  writeFileSync(p.local(), broken);
  try {
    const r = await cli([
      'diagnose',
      data(p.port),
      '--json',
      '--timeout',
      '1000',
      ...sshArgs(ssh()),
    ]);
    const d = r.diagnosis;
    expect(d?.cause, r.stderr + brief(d)).toBe('bound-to-other-address');
    expect(d?.fix, brief(d)).toBeNull();
    expect(r.code).toBe(1);
    const cfg = d?.evidence.find((e) => e.probe === 'config');
    expect(cfg?.status, JSON.stringify(cfg)).toBe('fail');
    expect(cfg?.summary).toContain(c.says);
    const found = cfg?.data as { error?: string; errorAt?: { file: string; line: number } | null };
    expect(found.error).toContain(c.says);
    expect(found.errorAt).toEqual(c.at);
    // The first next step: fix that line first, with the program's own check.
    const first = d?.nextSteps[0];
    expect(first?.why, JSON.stringify(d?.nextSteps)).toContain(c.says);
    expect(first?.why).toContain(`fix ${c.at.file}:${c.at.line} first`);
    expect(first?.command).toEqual(c.check);
    // Still running on its good configuration: nothing was restarted.
    expect(await connects(p.port)).toBe(false);
  } finally {
    writeFileSync(p.local(), good);
  }
}

/** The 1-based number of the first line of `text` equal to `line`. */
function lineNo(text: string, line: string): number {
  const i = text.split('\n').indexOf(line);
  if (i < 0) throw new Error(`no line ${JSON.stringify(line)}`);
  return i + 1;
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
    const original = readFileSync(NGINX_SITE(), 'utf8');
    await fixVerifyUndo(NGINX, {
      diff: ['\n-\tlisten 127.0.0.1:8088 default_server;\n+\tlisten 8088 default_server;\n'],
      check: ['/usr/sbin/nginx', '-t'],
      last: ['systemctl', 'restart', 'nginx.service'],
      answers: { send: Buffer.from('GET / HTTP/1.0\r\n\r\n'), match: /^HTTP\/1\.1 200 / },
      fixed: () => {
        const after = readFileSync(NGINX_SITE(), 'utf8');
        expect(after).toContain('\tlisten 8088 default_server;');
        // Only that line changed: comments and layout stay.
        const a = original.split('\n');
        const b = after.split('\n');
        expect(b.length).toBe(a.length);
        expect(a.filter((l, i) => l !== b[i])).toEqual(['\tlisten 127.0.0.1:8088 default_server;']);
      },
    });
  }, 90_000);

  it('Redis as Debian ships it (bind 127.0.0.1 -::1): bind * -::*, protected mode stated, undo restores it', async () => {
    await fixVerifyUndo(REDIS, {
      diff: ['\n-bind 127.0.0.1 -::1\n+bind * -::*\n'],
      check: null,
      last: ['systemctl', 'restart', 'redis-server.service'],
      risk: /protected mode/i,
      // A real Redis answers: protected mode speaks up (no password yet), as the risk says.
      answers: { send: Buffer.from('PING\r\n'), match: /^(\+PONG|-DENIED)/ },
    });
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
    // override.conf sorts after conndoctor-listen.conf: the drop-in is named to come last.
    const path = '/etc/systemd/system/redis-server.service.d/zz-conndoctor-listen.conf';
    try {
      sd.systemctl(['daemon-reload']);
      await restartAndWait('redis-server.service', 6379);
      await fixVerifyUndo(REDIS, {
        kind: 'unit.drop-in',
        written: ours,
        diff: [
          `--- /dev/null\n+++ ${path}\n@@ -0,0 +1,5 @@\n`,
          '\n+ExecStart=\n+ExecStart=/usr/bin/redis-server /etc/redis/redis.conf --supervised systemd --daemonize no --bind * -::*\n',
        ],
        check: ['systemctl', 'daemon-reload'],
        last: ['systemctl', 'restart', 'redis-server.service'],
        risk: /protected mode/i,
        // A real Redis answers: protected mode speaks up (no password yet), as the risk says.
        answers: { send: Buffer.from('PING\r\n'), match: /^(\+PONG|-DENIED)/ },
        proposal: (fix, d0) => {
          expect(fix.plan.kind === 'unit.drop-in' && fix.plan.path).toBe(path);
          expect(fix.undo[0]).toEqual(['rm', '-f', '--', path]);
          const evidence = d0.evidence.find((e) => e.probe === 'config');
          expect(evidence?.summary).toContain(
            '/etc/systemd/system/redis-server.service.d/override.conf:3: ExecStart=/usr/bin/redis-server',
          );
        },
        fixed: () => {
          expect(readFileSync(ours, 'utf8')).toContain('--bind * -::*\n');
          expect(readFileSync(REDIS_CONF()).equals(conf)).toBe(true);
        },
      });
      expect(existsSync(override)).toBe(true);
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
    const good = readFileSync(NGINX_SITE(), 'utf8');
    try {
      actor.send({ type: 'diagnose.start', target, access: 'direct', timeoutMs: 1000 });
      const snap = await waitFor(actor, (s) => s.matches('done'), { timeout: 20_000 });
      const d = snap.context.diagnosis!;
      expect(d.fix?.kind, brief(d)).toBe('config.edit');
      const edited = `${good}# edited by someone else\n`;
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
      writeFileSync(NGINX_SITE(), good);
    }
  }, 60_000);

  for (const p of [NGINX, REDIS, SSHD, POSTGRES, MARIADB, APACHE]) {
    it.skipIf(p.skip !== null)(
      `${p.name}: its file edited while the CLI asks for consent on the terminal is refused: exit 1, "changed since it was read", nothing written`,
      () => refusedWhenEditedMeanwhile(p),
      60_000,
    );
  }

  it('a configuration nginx rejects is reported with its own error line (file:line), no fix', async () => {
    const good = readFileSync(NGINX_SITE(), 'utf8');
    await rejectedConfig(NGINX, {
      broken: (text) =>
        text.replace(
          '\tlisten 127.0.0.1:8088 default_server;',
          '\tlisten 127.0.0.1:8088 default_server bogus_param;',
        ),
      says: 'invalid parameter "bogus_param" in /etc/nginx/sites-enabled/default:',
      at: {
        file: '/etc/nginx/sites-enabled/default',
        line: lineNo(good, '\tlisten 127.0.0.1:8088 default_server;'),
      },
      check: ['/usr/sbin/nginx', '-t'],
    });
  }, 60_000);

  it.skipIf(apacheSkip !== null)(
    'a configuration Apache rejects (apache2ctl -t) is reported with its own error line (file:line), no fix',
    async () => {
      const good = readFileSync(APACHE_PORTS(), 'utf8');
      await rejectedConfig(APACHE, {
        broken: (text) =>
          text.replace('Listen 127.0.0.1:8089\n', 'Listen 127.0.0.1:8089\nBogusDirective on\n'),
        says: "Invalid command 'BogusDirective'",
        at: {
          file: '/etc/apache2/ports.conf',
          line: lineNo(good, 'Listen 127.0.0.1:8089') + 1,
        },
        check: ['/usr/sbin/apache2ctl', '-t'],
      });
    },
    60_000,
  );

  it('a configuration the extra sshd rejects (sshd -t) is reported with its own error line (file:line), no fix', async () => {
    const good = readFileSync(SSHD_CONF(), 'utf8');
    await rejectedConfig(SSHD, {
      broken: (text) =>
        text.replace('\nListenAddress 127.0.0.1\n', '\nListenAddress 127.0.0.1\nBogusOption yes\n'),
      says: 'Bad configuration option: BogusOption',
      at: { file: '/etc/ssh/sshd_config', line: lineNo(good, 'ListenAddress 127.0.0.1') + 1 },
      check: ['/usr/sbin/sshd', '-t', '-f', '/etc/ssh/sshd_config'],
    });
  }, 60_000);

  it('an extra sshd on 127.0.0.1:2222 (Debian sshd_config): a ListenAddress is only added, under the dead-man switch; undo restores it', async () => {
    const original = readFileSync(SSHD_CONF(), 'utf8');
    await fixVerifyUndo(SSHD, {
      diff: [`\n ListenAddress 127.0.0.1\n+ListenAddress ${lab.dataAddr!}:${SSHD_PORT}\n`],
      check: ['/usr/sbin/sshd', '-t', '-f', '/etc/ssh/sshd_config'],
      last: ['systemctl', 'restart', SSHD_UNIT],
      risk: /dead-man switch/,
      // A real SSH server answers on the data address now.
      answers: { send: null, match: /^SSH-2\.0-OpenSSH/ },
      proposal: (fix) => {
        // Only added: no line removed.
        expect(fix.diff).not.toMatch(/\n-[^-]/);
      },
      fixed: () => {
        const a = original.split('\n');
        const b = readFileSync(SSHD_CONF(), 'utf8').split('\n');
        expect(b.filter((l) => !a.includes(l))).toEqual([
          `ListenAddress ${lab.dataAddr!}:${SSHD_PORT}`,
        ]);
        expect(b.length).toBe(a.length + 1);
        // The change ran under the dead-man switch: a rollback timer was scheduled, then stopped.
        const journal = sd.exec(['journalctl', '--no-pager', '-o', 'cat']).stdout;
        expect(journal).toMatch(/ConnDoctor rollback of an unverified change/);
        expect(sd.systemctl(['is-active', SSHD_UNIT]).stdout.trim()).toBe('active');
      },
    });
  }, 90_000);

  it.skipIf(pgSkip !== null)(
    "PostgreSQL as pg_createcluster makes it (listen_addresses at 'localhost'): '*' checked by postgres -C, pg_hba.conf stated, undo restores it",
    async () => {
      await fixVerifyUndo(POSTGRES, {
        diff: [/\n-#listen_addresses = 'localhost'(.*)\n\+listen_addresses = '\*'\1\n/],
        check: [
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
          `config_file=${POSTGRES.remote}`,
        ],
        last: ['systemctl', 'restart', `postgresql@${pgVersion!}-main.service`],
        risk: /pg_hba\.conf/,
        // The postmaster itself answers on the data address (SSLRequest: S or N; no login).
        answers: { send: PG_SSL_REQUEST, match: /^[SN]$/ },
        // What postgres -C must read back for the edit to count.
        proposal: (fix) => {
          expect(fix.plan.kind === 'config.edit' && fix.plan.expect).toBe('*');
        },
      });
    },
    90_000,
  );

  it.skipIf(mariadbSkip !== null)(
    "MariaDB as Debian ships it (bind-address = 127.0.0.1 in 50-server.cnf, found through my.cnf's !includedir): 0.0.0.0 read back by my_print_defaults, undo restores it",
    async () => {
      await fixVerifyUndo(MARIADB, {
        diff: ['\n-bind-address            = 127.0.0.1\n+bind-address            = 0.0.0.0\n'],
        check: ['my_print_defaults', '--mysqld'],
        last: ['systemctl', 'restart', 'mariadb.service'],
        risk: /not a login/,
        // What my_print_defaults must read back last for the edit to count.
        proposal: (fix) => {
          expect(fix.plan.kind === 'config.edit' && fix.plan.expect).toBe('--bind-address=0.0.0.0');
        },
      });
    },
    90_000,
  );

  /**
   * MariaDB bound to loopback by an admin's drop-in (`name`, `text`) instead of 50-server.cnf:
   * the fix is ConnDoctor's own drop-in, sorted last; 50-server.cnf stays as it is; undo
   * removes ours and the admin's is still there.
   */
  async function mariadbDropIn(name: string, text: string, expected: string, c: Partial<FixCase>) {
    const dir = join(priv, 'etc-systemd-system', 'mariadb.service.d');
    const theirs = join(dir, name);
    const ours = join(dir, 'zz-conndoctor-listen.conf');
    const path = '/etc/systemd/system/mariadb.service.d/zz-conndoctor-listen.conf';
    mkdirSync(dir, { recursive: true });
    writeFileSync(theirs, text);
    const cnf = readFileSync(MARIADB_CONF());
    try {
      sd.systemctl(['daemon-reload']);
      await restartAndWait('mariadb.service', 3306);
      await fixVerifyUndo(MARIADB, {
        kind: 'unit.drop-in',
        written: ours,
        diff: [`--- /dev/null\n+++ ${path}\n`, expected],
        check: ['systemctl', 'daemon-reload'],
        last: ['systemctl', 'restart', 'mariadb.service'],
        risk: /accounts are per host/,
        ...c,
        proposal: (fix, d0) => {
          expect(fix.plan.kind === 'unit.drop-in' && fix.plan.path).toBe(path);
          c.proposal?.(fix, d0);
        },
        fixed: async () => {
          expect(readFileSync(MARIADB_CONF()).equals(cnf)).toBe(true);
          await c.fixed?.();
        },
      });
      expect(existsSync(theirs)).toBe(true);
    } finally {
      for (const f of [ours, theirs]) if (existsSync(f)) must(['rm', '-f', f]);
      sd.systemctl(['daemon-reload']);
      await restartAndWait('mariadb.service', 3306);
    }
  }

  it.skipIf(mariadbSkip !== null)(
    "MariaDB given --bind-address=127.0.0.1 on its command line (systemctl edit override, Debian's $MYSQLD_OPTS kept): a drop-in is the plan, 50-server.cnf untouched, undo removes it",
    async () => {
      const words = '$MYSQLD_OPTS $_WSREP_NEW_CLUSTER $_WSREP_START_POSITION';
      await mariadbDropIn(
        'override.conf',
        `[Service]\nExecStart=\nExecStart=/usr/sbin/mariadbd --bind-address=127.0.0.1 ${words}\n`,
        `\n+ExecStart=\n+ExecStart=/usr/sbin/mariadbd --bind-address=0.0.0.0 ${words}\n`,
        {},
      );
    },
    120_000,
  );

  it.skipIf(mariadbSkip !== null)(
    "MariaDB given --bind-address=127.0.0.1 through MYSQLD_OPTS (the way Debian's mariadb.service documents): a drop-in sets the variable again on every address, undo removes it",
    async () => {
      await mariadbDropIn(
        'opts.conf',
        '[Service]\nEnvironment="MYSQLD_OPTS=--bind-address=127.0.0.1 --skip-name-resolve"\n',
        '\n+[Service]\n+Environment="MYSQLD_OPTS=--bind-address=0.0.0.0 --skip-name-resolve"\n',
        {
          proposal: (fix, d0) => {
            expect(fix.plan.kind === 'unit.drop-in' && fix.plan.environment).toEqual({
              name: 'MYSQLD_OPTS',
              value: '--bind-address=0.0.0.0 --skip-name-resolve',
            });
            expect(d0.evidence.find((e) => e.probe === 'config')?.summary).toContain(
              '/etc/systemd/system/mariadb.service.d/opts.conf:2: Environment="MYSQLD_OPTS=',
            );
          },
          fixed: () => {
            expect(sd.exec(['ps', '-C', 'mariadbd', '-o', 'args=']).stdout).toContain(
              '--bind-address=0.0.0.0 --skip-name-resolve',
            );
          },
        },
      );
    },
    120_000,
  );

  it.skipIf(apacheSkip !== null)(
    "Apache on 127.0.0.1:8089 (Debian's ports.conf): Listen 8089 checked by apache2ctl -t, a real HTTP answer, undo restores it",
    async () => {
      await fixVerifyUndo(APACHE, {
        diff: ['\n-Listen 127.0.0.1:8089\n+Listen 8089\n'],
        check: ['/usr/sbin/apache2ctl', '-t'],
        last: ['systemctl', 'restart', 'apache2.service'],
        answers: { send: Buffer.from('GET / HTTP/1.0\r\n\r\n'), match: /^HTTP\/1\.1 200 / },
      });
    },
    90_000,
  );
});
