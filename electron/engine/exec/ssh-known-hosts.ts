import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFile, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readUserText, USER_FILE_CAPS, UserFileError } from '../fs/user-file';

/**
 * known_hosts with OpenSSH semantics (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): host pattern
 * lists with `*`, `?` and `!`, `[host]:port` for ports other than 22, hashed
 * `|1|salt|hmac` entries, `@revoked` keys refused, `@cert-authority` lines ignored (this
 * client does not do host certificates).
 */

/** One usable line of a known_hosts file. */
export interface KnownHostEntry {
  /** 1-based line number, for messages. */
  line: number;
  marker: 'revoked' | 'cert-authority' | null;
  /** The host field as written: a comma list of patterns, or one `|1|salt|hash`. */
  hosts: string;
  keyType: string;
  /** The key blob (base64 as in the file, decoded). */
  key: Buffer;
}

/** What known_hosts says about a host key. */
export type HostKeyCheck =
  | { status: 'known'; line: number }
  | { status: 'unknown' }
  | {
      status: 'changed';
      line: number;
      /** The known key of the offered type if any, else the first known key. */
      knownFingerprint: string;
      /** Every key known for the host, `type SHA256:…`, for the message. */
      knownKeys: string[];
    }
  | { status: 'revoked'; line: number };

/** Parses known_hosts text; malformed lines are skipped, never fatal. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) return;
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0].startsWith('@')) {
      if (fields[0] === '@revoked') marker = 'revoked';
      else if (fields[0] === '@cert-authority') marker = 'cert-authority';
      else return;
      fields.shift();
    }
    const [hosts, keyType, b64] = fields;
    if (!hosts || !keyType || !b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return;
    const key = Buffer.from(b64, 'base64');
    if (key.length === 0) return;
    out.push({ line: i + 1, marker, hosts, keyType, key });
  });
  return out;
}

/** The name known_hosts stores for a host: `host`, or `[host]:port` when port is not 22. */
export function knownHostName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

/** OpenSSH fingerprint of a key blob: `SHA256:` + unpadded base64 of its SHA-256. */
export function fingerprintSha256(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The algorithm name inside an SSH public key blob (its first string), or '' if malformed. */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return '';
  const len = key.readUInt32BE(0);
  if (len > 64 || key.length < 4 + len) return '';
  return key.subarray(4, 4 + len).toString('latin1');
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** True when the entry's host field names `name` (already in `knownHostName` form). */
export function entryMatches(hosts: string, name: string): boolean {
  if (hosts.startsWith('|1|')) {
    const [, , salt, hash] = hosts.split('|');
    if (!salt || !hash) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return mac === hash;
  }
  let matched = false;
  for (const p of hosts.split(',')) {
    if (p === '') continue;
    if (p.startsWith('!')) {
      // A matching negation wins over any positive match (OpenSSH match_hostname).
      if (globToRegExp(p.slice(1)).test(name)) return false;
    } else if (globToRegExp(p).test(name)) {
      matched = true;
    }
  }
  return matched;
}

/** Decides whether `key`, offered by host:port, is known, unknown, changed or revoked. */
export function checkHostKey(
  entries: readonly KnownHostEntry[],
  host: string,
  port: number,
  key: Buffer,
): HostKeyCheck {
  const name = knownHostName(host, port);
  const type = keyTypeOf(key);
  const forHost = entries.filter((e) => entryMatches(e.hosts, name));
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.key.equals(key));
  if (revoked) return { status: 'revoked', line: revoked.line };
  const plain = forHost.filter((e) => e.marker === null);
  const same = plain.find((e) => e.key.equals(key));
  if (same) return { status: 'known', line: same.line };
  const [first] = plain;
  if (first === undefined) return { status: 'unknown' };
  // OpenSSH: a host with any known key that presents a key matching none of them has
  // CHANGED its key, whatever the type (a MITM simply offers another algorithm).
  const shown = plain.find((e) => keyTypeOf(e.key) === type) ?? first;
  return {
    status: 'changed',
    line: shown.line,
    knownFingerprint: fingerprintSha256(shown.key),
    knownKeys: [...new Set(plain.map((e) => `${keyTypeOf(e.key)} ${fingerprintSha256(e.key)}`))],
  };
}

/** Key types known_hosts already holds for host:port (to prefer them in key exchange). */
export function knownKeyTypes(
  entries: readonly KnownHostEntry[],
  host: string,
  port: number,
): string[] {
  const name = knownHostName(host, port);
  return [
    ...new Set(
      entries
        .filter((e) => e.marker === null && entryMatches(e.hosts, name))
        .map((e) => keyTypeOf(e.key)),
    ),
  ].filter((t) => t !== '');
}

/**
 * Reads and parses a known_hosts file; a missing file is an empty list. Anything but a
 * regular file under the cap is a {@link UserFileError}.
 */
export async function loadKnownHosts(file: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await readUserText(file, USER_FILE_CAPS.knownHosts));
  } catch (e) {
    if (e instanceof UserFileError && e.problem === 'missing') return [];
    throw e;
  }
}

/** The hashed form OpenSSH writes with HashKnownHosts: `|1|base64(salt)|base64(HMAC-SHA1)`. */
export function hashHostName(name: string, salt: Buffer = randomBytes(20)): string {
  const mac = createHmac('sha1', salt).update(name).digest('base64');
  return `|1|${salt.toString('base64')}|${mac}`;
}

/**
 * Appends `name keytype base64` for host:port (the name hashed when `hash`), creating the
 * folder (0700) and file (0600).
 */
export async function appendKnownHost(
  file: string,
  host: string,
  port: number,
  key: Buffer,
  opts: { hash?: boolean } = {},
): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  try {
    const st = await stat(file);
    if (st.size > 0) {
      const text = await readUserText(file, USER_FILE_CAPS.knownHosts);
      if (!text.endsWith('\n')) prefix = '\n';
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const name = knownHostName(host, port);
  const line = `${opts.hash ? hashHostName(name) : name} ${keyTypeOf(key)} ${key.toString('base64')}\n`;
  await appendFile(file, prefix + line, { mode: 0o600 });
}
