import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from './lab';
import { must } from './proc';
import { startService, type LabProcess } from './service';

/** An ed25519 key pair generated for a lab. */
export interface KeyPair {
  privateKeyPath: string;
  publicKeyPath: string;
  /** The `ssh-ed25519 AAAA… comment` line. */
  publicKey: string;
}

/** Generates an unencrypted ed25519 key pair in `dir` under `name`. */
export function generateKeyPair(dir: string, name = 'id_ed25519'): KeyPair {
  const privateKeyPath = join(dir, name);
  must([
    'ssh-keygen',
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    `conndoctor-lab-${name}`,
    '-f',
    privateKeyPath,
  ]);
  const publicKeyPath = `${privateKeyPath}.pub`;
  return { privateKeyPath, publicKeyPath, publicKey: readFileSync(publicKeyPath, 'utf8').trim() };
}

/** Options of {@link startSshd}. */
export interface SshdOptions {
  /** Public key lines allowed to log in as root. */
  authorizedKeys: string[];
  /** Default 22 (each namespace has its own port space). */
  port?: number;
  /** Addresses to listen on; default all (0.0.0.0 and ::). */
  listen?: string[];
}

/** A real sshd running in the lab. */
export interface LabSshd {
  port: number;
  hostKeyPath: string;
  /** The host's public key line (`ssh-ed25519 AAAA…`). */
  hostPublicKey: string;
  /** A known_hosts line for `host` (bracketed with the port when it is not 22). */
  knownHostsLine: (host: string) => string;
  /** Writes a known_hosts file trusting this sshd under each of `hosts`; returns its path. */
  writeKnownHosts: (hosts: string[]) => string;
  proc: LabProcess;
  stop: () => Promise<void>;
}

/**
 * Starts a real OpenSSH server in the lab namespace with its own config, host key, pid
 * file and authorized_keys under the lab's temp dir (LAB.md "Building the server host").
 */
export async function startSshd(lab: Lab, opts: SshdOptions): Promise<LabSshd> {
  const port = opts.port ?? 22;
  const dir = join(lab.dir, `sshd-${port}`);
  mkdirSync(dir, { recursive: true });
  // sshd refuses to start without its privilege-separation directory.
  mkdirSync('/run/sshd', { recursive: true });
  const hostKeyPath = join(dir, 'ssh_host_ed25519_key');
  must([
    'ssh-keygen',
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    'conndoctor-lab-host',
    '-f',
    hostKeyPath,
  ]);
  const authorizedKeys = join(dir, 'authorized_keys');
  // sshd reads authorized_keys as the user logging in: let every (lab) user reach it.
  // Public keys only; the host key stays 0600 and the directories are not listable.
  writeFileSync(authorizedKeys, opts.authorizedKeys.join('\n') + '\n', { mode: 0o644 });
  chmodSync(lab.dir, 0o711);
  chmodSync(dir, 0o711);
  const listen = opts.listen ?? ['0.0.0.0', '::'];
  const config = [
    `Port ${port}`,
    ...listen.map((a) => `ListenAddress ${a.includes(':') ? `[${a}]` : a}`),
    `HostKey ${hostKeyPath}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${authorizedKeys}`,
    'UsePAM no',
    // bash run by sshd reads ~/.bashrc unless SHLVL says it is nested: the machine's own rc
    // files (pyenv's rehash lock, a slow prompt) must not stall lab sessions.
    'SetEnv SHLVL=1',
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PrintMotd no',
    'LogLevel ERROR',
    'Subsystem sftp internal-sftp',
    '',
  ].join('\n');
  const configPath = join(dir, 'sshd_config');
  writeFileSync(configPath, config);
  const proc = await startService(lab, ['/usr/sbin/sshd', '-D', '-e', '-f', configPath], {
    waitPort: port,
  });
  const hostPublicKey = readFileSync(`${hostKeyPath}.pub`, 'utf8')
    .trim()
    .split(' ')
    .slice(0, 2)
    .join(' ');
  const knownHostsLine = (host: string) =>
    `${port === 22 ? host : `[${host}]:${port}`} ${hostPublicKey}`;
  return {
    port,
    hostKeyPath,
    hostPublicKey,
    knownHostsLine,
    writeKnownHosts: (hosts) => {
      const p = join(dir, 'known_hosts');
      writeFileSync(p, hosts.map(knownHostsLine).join('\n') + '\n');
      return p;
    },
    proc,
    stop: proc.stop,
  };
}

/** Units and files that run a real sshd as a service of a lab systemd (see startSystemd). */
export interface SystemdSshd {
  units: Record<string, string>;
  files: Record<string, { text: string; mode: number }>;
  port: number;
  hostPublicKey: string;
  /** A known_hosts line for `host` (bracketed with the port when it is not 22). */
  knownHostsLine: (host: string) => string;
  /** Writes a known_hosts file trusting this sshd under each of `hosts`; returns its path. */
  writeKnownHosts: (hosts: string[]) => string;
}

/**
 * An sshd that runs inside a lab's systemd (unit `lab-sshd.service`), so SSH sessions land
 * in the same pid and mount namespaces as the units under test — systemctl and journalctl
 * over SSH then talk to that systemd.
 */
export function systemdSshd(lab: Lab, opts: SshdOptions): SystemdSshd {
  const port = opts.port ?? 22;
  const dir = join(lab.dir, `systemd-sshd-${port}`);
  mkdirSync(dir, { recursive: true });
  const keyPath = join(dir, 'ssh_host_ed25519_key');
  must(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'conndoctor-lab-host', '-f', keyPath]);
  const hostPublicKey = readFileSync(`${keyPath}.pub`, 'utf8')
    .trim()
    .split(' ')
    .slice(0, 2)
    .join(' ');
  const listen = opts.listen ?? ['0.0.0.0', '::'];
  const config = [
    `Port ${port}`,
    ...listen.map((a) => `ListenAddress ${a.includes(':') ? `[${a}]` : a}`),
    'HostKey /run/lab/ssh_host_ed25519_key',
    'PidFile /run/sshd-lab.pid',
    'AuthorizedKeysFile /run/lab/authorized_keys',
    'UsePAM no',
    // bash run by sshd reads ~/.bashrc unless SHLVL says it is nested: the machine's own rc
    // files (pyenv's rehash lock, a slow prompt) must not stall lab sessions.
    'SetEnv SHLVL=1',
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PrintMotd no',
    'LogLevel ERROR',
    '',
  ].join('\n');
  const knownHostsLine = (host: string) =>
    `${port === 22 ? host : `[${host}]:${port}`} ${hostPublicKey}`;
  return {
    port,
    hostPublicKey,
    knownHostsLine,
    writeKnownHosts: (hosts) => {
      const p = join(dir, 'known_hosts');
      writeFileSync(p, hosts.map(knownHostsLine).join('\n') + '\n');
      return p;
    },
    units: {
      'lab-sshd.service': [
        '[Unit]',
        'Description=Lab OpenSSH server',
        '[Service]',
        'RuntimeDirectory=sshd',
        'ExecStart=/usr/sbin/sshd -D -e -f /run/lab/sshd_config',
        '',
      ].join('\n'),
    },
    files: {
      sshd_config: { text: config, mode: 0o644 },
      ssh_host_ed25519_key: { text: readFileSync(keyPath, 'utf8'), mode: 0o600 },
      authorized_keys: { text: opts.authorizedKeys.join('\n') + '\n', mode: 0o600 },
    },
  };
}
