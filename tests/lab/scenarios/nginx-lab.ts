import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createLab,
  generateKeyPair,
  must,
  startSystemd,
  systemdSshd,
  waitFor,
  type KeyPair,
  type Lab,
  type LabSystemd,
} from '../harness';
import type { SshAccess } from './drive';

/** A lab server running Debian's nginx under real systemd, on private copies of its files. */
export interface NginxLab {
  lab: Lab;
  sd: LabSystemd;
  key: KeyPair;
  /** How to reach the lab's session sshd (root, its key, a known_hosts that trusts it). */
  ssh: SshAccess;
  /** The private copy of /etc/nginx/sites-available/default, as this machine sees it. */
  site: string;
}

/** True when Debian's nginx is installed (the lab runs its binary and unit). */
export const nginxInstalled = (): boolean => existsSync('/usr/sbin/nginx');

function copyDir(from: string, to: string): void {
  if (existsSync(from)) must(['cp', '-a', from, to]);
  else mkdirSync(to, { recursive: true });
}

/**
 * Debian's nginx with its shipped default site, rewritten by `edit` (e.g. moved to another
 * port), run by its own unit under real systemd in the server namespace with sshd; the
 * private copies of /etc/nginx, its state and /var/backups are bind-mounted in the lab's
 * mount namespace, so the machine's files are never touched. Waits until nginx listens on
 * `port`.
 */
export async function startNginxLab(opts: {
  name: string;
  net: number;
  edit: (site: string) => string;
  port: number;
}): Promise<NginxLab> {
  const lab = createLab({ name: opts.name, net: opts.net });
  try {
    const priv = join(lab.dir, 'private');
    mkdirSync(priv);
    copyDir('/etc/nginx', join(priv, 'etc-nginx'));
    copyDir('/var/lib/nginx', join(priv, 'var-lib-nginx'));
    copyDir('/var/log/nginx', join(priv, 'var-log-nginx'));
    mkdirSync(join(priv, 'var-backups'));
    const site = join(priv, 'etc-nginx', 'sites-available', 'default');
    const text = readFileSync(site, 'utf8');
    const edited = opts.edit(text);
    if (edited === text) throw new Error(`${site}: the edit changed nothing`);
    writeFileSync(site, edited);
    const key = generateKeyPair(lab.dir, `id_${opts.name}`);
    const sshd = systemdSshd(lab, { authorizedKeys: [key.publicKey] });
    const sd = await startSystemd(lab, {
      units: sshd.units,
      files: sshd.files,
      binds: {
        '/etc/nginx': join(priv, 'etc-nginx'),
        '/var/lib/nginx': join(priv, 'var-lib-nginx'),
        '/var/log/nginx': join(priv, 'var-log-nginx'),
        '/var/backups': join(priv, 'var-backups'),
      },
      tmpfs: ['/var/tmp', '/dev/shm'],
    });
    sd.systemctl(['restart', 'nginx.service']);
    await waitFor(
      `nginx to listen on ${opts.port}`,
      () => (sd.exec(['ss', '-Hltn', `sport = :${opts.port}`]).stdout.trim() !== '' ? true : null),
      5000,
    );
    const knownHosts = sshd.writeKnownHosts([lab.mgmtAddr!]);
    return {
      lab,
      sd,
      key,
      site,
      ssh: { destination: `root@${lab.mgmtAddr!}`, identity: key.privateKeyPath, knownHosts },
    };
  } catch (e) {
    await lab.destroy();
    throw e;
  }
}

/** Debian's default site moved from port 80 to `port` (its IPv4 and IPv6 listen lines). */
export function siteOnPort(port: number): (site: string) => string {
  return (site) =>
    site
      .replace('\tlisten 80 default_server;', `\tlisten ${port} default_server;`)
      .replace('\tlisten [::]:80 default_server;', `\tlisten [::]:${port} default_server;`);
}
