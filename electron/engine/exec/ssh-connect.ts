import type { Duplex } from 'node:stream';
import { Client, type AnyAuthMethod, type ConnectConfig } from 'ssh2';
import { UserFileError } from '../fs/user-file';
import { SshError, classifyConnectError, sshError } from './ssh-errors';
import {
  appendKnownHost,
  checkHostKey,
  fingerprintSha256,
  keyTypeOf,
  knownKeyTypes,
  loadKnownHosts,
} from './ssh-known-hosts';

/**
 * Opens one authenticated ssh2 connection with OpenSSH host key semantics: a known key
 * passes, a changed or revoked key is refused always, an unknown key is asked about
 * (`onUnknownHostKey`) or refused unless `acceptNew`, and a trusted new key is recorded.
 */

/** What the user is asked about an unknown host key. */
export interface UnknownHostKeyInfo {
  host: string;
  port: number;
  keyType: string;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  fingerprint: string;
  knownHostsFile: string;
}

/** Everything needed to open one connection. */
export interface ConnectParams {
  host: string;
  port: number;
  username: string;
  /** Human name for messages, e.g. `root@10.0.0.2:2222`. */
  label: string;
  auth: AnyAuthMethod[];
  knownHosts: string;
  /** Record new keys hashed (HashKnownHosts). */
  hashKnownHosts?: boolean;
  acceptNew: boolean;
  onUnknownHostKey?: (info: UnknownHostKeyInfo) => Promise<boolean>;
  timeoutMs: number;
  /** Opens a stream to the server (ProxyJump); called once per attempt. */
  openSock?: () => Promise<Duplex>;
}

/** Preferred host key algorithms, with the types known_hosts already holds first. */
function hostKeyOrder(known: string[]): string[] {
  const all = [
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'rsa-sha2-512',
    'rsa-sha2-256',
    'ssh-rsa',
  ];
  const wanted = new Set(
    known.flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t])),
  );
  return [...all.filter((a) => wanted.has(a)), ...all.filter((a) => !wanted.has(a))];
}

/** An unknown key that `onUnknownHostKey` must decide on (outside the handshake). */
class PendingHostKey extends Error {
  constructor(
    readonly info: UnknownHostKeyInfo,
    readonly key: Buffer,
  ) {
    super('host key needs a decision');
  }
}

function unknownKeyError(p: ConnectParams, info: UnknownHostKeyInfo): SshError {
  return sshError(
    'host-key-unknown',
    'error.ssh.hostKeyUnknown',
    {
      label: p.label,
      keyType: info.keyType,
      fingerprint: info.fingerprint,
      knownHosts: p.knownHosts,
    },
    { fingerprint: info.fingerprint, keyType: info.keyType },
  );
}

/**
 * Connects and authenticates; rejects with an {@link SshError}. An unknown key is put to
 * `onUnknownHostKey` after that first handshake has ended (a person may take longer than
 * the handshake timeout); once trusted and recorded, a second handshake must show the
 * same key.
 */
export async function connectClient(p: ConnectParams): Promise<Client> {
  try {
    return await attempt(p);
  } catch (e) {
    if (!(e instanceof PendingHostKey)) throw e;
    if (!(await p.onUnknownHostKey?.(e.info))) throw unknownKeyError(p, e.info);
    await appendKnownHost(p.knownHosts, p.host, p.port, e.key, { hash: p.hashKnownHosts ?? false });
    return attempt(p);
  }
}

async function attempt(p: ConnectParams): Promise<Client> {
  let entries;
  try {
    entries = await loadKnownHosts(p.knownHosts);
  } catch (e) {
    if (e instanceof UserFileError) throw e;
    throw sshError('config', 'error.ssh.knownHostsUnreadable', {
      file: p.knownHosts,
      code: (e as NodeJS.ErrnoException).code ?? 'error',
    });
  }
  if (p.auth.length === 0) {
    throw sshError('auth-failed', 'error.ssh.noCredentials', { label: p.label });
  }
  let hostKeyError: SshError | PendingHostKey | null = null;

  const verify = async (key: Buffer): Promise<boolean> => {
    const fingerprint = fingerprintSha256(key);
    const keyType = keyTypeOf(key);
    const check = checkHostKey(entries, p.host, p.port, key);
    if (check.status === 'known') return true;
    if (check.status === 'changed' || check.status === 'revoked') {
      const where = { label: p.label, keyType, fingerprint, knownHosts: p.knownHosts };
      hostKeyError = sshError(
        'host-key-changed',
        check.status === 'revoked' ? 'error.ssh.hostKeyRevoked' : 'error.ssh.hostKeyChanged',
        check.status === 'revoked'
          ? { ...where, line: check.line }
          : { ...where, line: check.line, known: check.knownKeys.join(', ') },
        {
          fingerprint,
          keyType,
          ...(check.status === 'changed' ? { knownFingerprint: check.knownFingerprint } : {}),
        },
      );
      return false;
    }
    const info: UnknownHostKeyInfo = {
      host: p.host,
      port: p.port,
      keyType,
      fingerprint,
      knownHostsFile: p.knownHosts,
    };
    if (p.onUnknownHostKey) {
      hostKeyError = new PendingHostKey(info, key);
      return false;
    }
    if (!p.acceptNew) {
      hostKeyError = unknownKeyError(p, info);
      return false;
    }
    await appendKnownHost(p.knownHosts, p.host, p.port, key, { hash: p.hashKnownHosts ?? false });
    return true;
  };

  const client = new Client();
  const config: ConnectConfig = {
    host: p.host,
    port: p.port,
    username: p.username,
    readyTimeout: p.timeoutMs,
    keepaliveInterval: 15_000,
    keepaliveCountMax: 3,
    authHandler: p.auth,
    algorithms: { serverHostKey: hostKeyOrder(knownKeyTypes(entries, p.host, p.port)) as never },
    hostVerifier: (key: Buffer, done: (ok: boolean) => void) => {
      verify(key).then(done, (e: unknown) => {
        hostKeyError = sshError('config', 'error.ssh.hostKeyRecord', {
          detail: (e as Error).message,
        });
        done(false);
      });
    },
    ...(p.openSock ? { sock: await p.openSock() } : {}),
  };
  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    // ssh2 can emit more than one error (e.g. a timeout, then "connection lost"): the
    // listener stays for the client's lifetime so a late one is never an uncaught exception.
    client.on('error', (err: unknown) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(hostKeyError ?? classifyConnectError(err, p.label));
    });
    client.once('ready', () => {
      if (settled) return;
      settled = true;
      resolve(client);
    });
    client.connect(config);
  });
}
