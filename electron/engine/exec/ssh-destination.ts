import { readUserText, USER_FILE_CAPS, UserFileError } from '../fs/user-file';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parse as parseSshConfig } from 'ssh-config';
import { isIPv6, isValidHost } from '../../../shared/target';
import { embedMessage } from '../../../shared/i18n/message';
import { SshError, sshError } from './ssh-errors';

/**
 * Resolves an SSH destination the way `ssh` does: `[user@]host[:port]`, `[v6]:port`, or a
 * Host alias of ~/.ssh/config (HostName, User, Port, IdentityFile, ProxyJump — one hop).
 * Command-line parts win over the config file, as in OpenSSH.
 */

/** What a destination string says by itself. */
export interface DestinationParts {
  user?: string;
  host: string;
  port?: number;
}

/** A destination with everything needed to connect. */
export interface ResolvedDestination {
  /** The address or name to connect to (after HostName). */
  host: string;
  port: number;
  user: string;
  /** IdentityFile entries from the config, expanded, in order. */
  identityFiles: string[];
  /** ProxyJump destination (itself resolvable), or null. */
  proxyJump: string | null;
  /** HashKnownHosts yes: record new host keys hashed (OpenSSH's privacy option). */
  hashKnownHosts: boolean;
}

const USER_RE = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}\$?$/;

/** A port typed in the destination `{ dest }` or read from the config file `{ file }`. */
function parsePort(text: string, from: { dest: string } | { file: string }): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    const port = JSON.stringify(text);
    throw 'dest' in from
      ? sshError('config', 'error.ssh.destPort', { dest: JSON.stringify(from.dest), port })
      : sshError('config', 'error.ssh.configPort', { file: from.file, port });
  }
  return Number(text);
}

/** Splits `[user@]host[:port]` (`[v6]` or a bare IPv6 address allowed). Throws SshError('config'). */
export function parseDestination(dest: string): DestinationParts {
  const bad = (id: string) => sshError('config', id, { dest: JSON.stringify(dest) });
  let rest = dest.trim();
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!USER_RE.test(user)) throw bad('error.ssh.destUser');
  }
  let host = rest;
  let port: number | undefined;
  const bracket = /^\[([^\]]+)\](?::(.*))?$/.exec(rest);
  if (bracket) {
    host = bracket[1] ?? '';
    if (bracket[2] !== undefined) port = parsePort(bracket[2], { dest });
    if (!isIPv6(host)) throw bad('error.ssh.destIpv6');
  } else if (!isIPv6(rest)) {
    const colon = rest.lastIndexOf(':');
    if (colon >= 0) {
      host = rest.slice(0, colon);
      port = parsePort(rest.slice(colon + 1), { dest });
    }
  }
  if (!isValidHost(host)) throw bad('error.ssh.destHost');
  return { ...(user !== undefined ? { user } : {}), host, ...(port !== undefined ? { port } : {}) };
}

function expandTokens(value: string, t: { host: string; alias: string; user: string }): string {
  const home = homedir();
  const expanded = value.replace(/%([%dhnru])/g, (_m, c: string) => {
    switch (c) {
      case '%':
        return '%';
      case 'd':
        return home;
      case 'h':
        return t.host;
      case 'n':
        return t.alias;
      case 'r':
        return t.user;
      default:
        return userInfo().username;
    }
  });
  return expanded === '~'
    ? home
    : expanded.startsWith('~/')
      ? join(home, expanded.slice(2))
      : expanded;
}

async function readConfigText(file: string, explicit: boolean): Promise<string> {
  try {
    return await readUserText(file, USER_FILE_CAPS.sshConfig);
  } catch (e) {
    if (!explicit && e instanceof UserFileError && e.problem === 'missing') return '';
    if (e instanceof UserFileError) {
      throw sshError('config', 'error.ssh.configUnreadable', embedMessage(e.msg, 'fileId'));
    }
    throw new SshError('config', `cannot read SSH config ${(e as Error).message}`);
  }
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Resolves `dest` against the SSH config file (`sshConfig`, default ~/.ssh/config; a
 * missing default file is fine, a missing explicit one is a config error).
 */
export async function resolveDestination(
  dest: string,
  sshConfig?: string,
): Promise<ResolvedDestination> {
  const parts = parseDestination(dest);
  const file = sshConfig ?? join(homedir(), '.ssh', 'config');
  const text = await readConfigText(file, sshConfig !== undefined);
  let computed: Record<string, string | string[]> = {};
  try {
    // matchExec: false — never run `Match exec` commands from a config file.
    computed = parseSshConfig(text).compute(parts.host, { ignoreCase: true, matchExec: false });
  } catch (e) {
    throw sshError('config', 'error.ssh.configParse', { file, detail: (e as Error).message });
  }
  const alias = parts.host;
  const hostName = first(computed.hostname);
  const host = hostName ? expandTokens(hostName, { host: alias, alias, user: '' }) : alias;
  if (!isValidHost(host)) throw sshError('config', 'error.ssh.configHostName', { alias, file });
  const cfgPort = first(computed.port);
  const port = parts.port ?? (cfgPort ? parsePort(cfgPort, { file }) : 22);
  const user = parts.user ?? first(computed.user) ?? userInfo().username;
  if (!USER_RE.test(user)) throw sshError('config', 'error.ssh.configUser', { alias, file });
  const ids = computed.identityfile;
  const identityFiles = (Array.isArray(ids) ? ids : ids ? [ids] : []).map((f) =>
    expandTokens(f, { host, alias, user }),
  );
  const jump = first(computed.proxyjump);
  let proxyJump: string | null = null;
  if (jump && jump.toLowerCase() !== 'none') {
    if (jump.includes(',')) {
      throw sshError('config', 'error.ssh.proxyJumpHops', { alias, file });
    }
    proxyJump = jump.replace(/^ssh:\/\//, '');
  }
  const hashKnownHosts = first(computed.hashknownhosts)?.toLowerCase() === 'yes';
  return { host, port, user, identityFiles, proxyJump, hashKnownHosts };
}

/**
 * The Host aliases of the SSH config file (`sshConfig`, default ~/.ssh/config), in file
 * order, without patterns (`*`, `?`, `!`): what a user can type as a destination. A
 * missing or unreadable file gives none. Include files are not followed.
 */
export async function sshConfigHosts(sshConfig?: string): Promise<string[]> {
  const file = sshConfig ?? join(homedir(), '.ssh', 'config');
  let text = '';
  try {
    text = await readUserText(file, USER_FILE_CAPS.sshConfig);
  } catch {
    return [];
  }
  const hosts: string[] = [];
  let lines: ReturnType<typeof parseSshConfig>;
  try {
    lines = parseSshConfig(text);
  } catch {
    return [];
  }
  for (const line of lines) {
    if (!('param' in line) || line.param?.toLowerCase() !== 'host') continue;
    const values = Array.isArray(line.value) ? line.value.map((v) => v.val) : [String(line.value)];
    for (const v of values) {
      if (/[*?!]/.test(v) || !isValidHost(v) || hosts.includes(v)) continue;
      hosts.push(v);
      if (hosts.length >= 200) return hosts;
    }
  }
  return hosts;
}
