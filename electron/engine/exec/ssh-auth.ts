import { homedir } from 'node:os';
import { join } from 'node:path';
import { utils, type AnyAuthMethod, type ParsedKey } from 'ssh2';
import { readUserFile, USER_FILE_CAPS } from '../fs/user-file';
import { sshError } from './ssh-errors';

/**
 * Which credentials to offer, in order: the key given explicitly, the ssh-agent
 * (`SSH_AUTH_SOCK`), the config's IdentityFile keys (or OpenSSH's default key files when the
 * config names none), then the password (also answering keyboard-interactive prompts).
 */

/** Credential sources for one host. */
export interface AuthSources {
  username: string;
  /** Explicit private key file: must be readable and usable. */
  identity?: string;
  /** Passphrase for encrypted keys (explicit or from the config). */
  passphrase?: string;
  /** IdentityFile entries from the config; missing files are skipped like OpenSSH does. */
  identityFiles: readonly string[];
  password?: string;
  /** ssh-agent socket; default `SSH_AUTH_SOCK`. */
  agent?: string;
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

async function loadKey(
  file: string,
  passphrase: string | undefined,
  explicit: boolean,
): Promise<ParsedKey | null> {
  let data: Buffer;
  try {
    data = await readUserFile(file, USER_FILE_CAPS.key);
  } catch (e) {
    // A named key that is not a small regular file is bad input (UserFileError).
    if (!explicit) return null;
    throw e;
  }
  // Some key files hold several keys; the first one is the identity.
  const parsed = utils.parseKey(data, passphrase) as ParsedKey | Error | ParsedKey[];
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key instanceof Error || key === undefined) {
    if (!explicit) return null;
    // ssh2's own words (English) stay as the detail.
    const detail = key instanceof Error ? key.message : 'unreadable key';
    if (/encrypted|passphrase/i.test(detail)) {
      throw sshError(
        'auth-failed',
        passphrase === undefined ? 'error.ssh.keyNoPassphrase' : 'error.ssh.keyWrongPassphrase',
        { file },
      );
    }
    throw sshError('config', 'error.ssh.keyUnusable', { file, detail });
  }
  return key;
}

/** Builds the ordered list of auth methods for ssh2's `authHandler`. */
export async function buildAuthMethods(src: AuthSources): Promise<AnyAuthMethod[]> {
  const { username } = src;
  const methods: AnyAuthMethod[] = [];
  if (src.identity !== undefined) {
    const key = await loadKey(src.identity, src.passphrase, true);
    if (key) methods.push({ type: 'publickey', username, key });
  }
  const agent = src.agent ?? process.env.SSH_AUTH_SOCK;
  if (agent) methods.push({ type: 'agent', username, agent });
  const files =
    src.identityFiles.length > 0
      ? src.identityFiles
      : DEFAULT_KEYS.map((k) => join(homedir(), '.ssh', k));
  for (const f of files) {
    if (f === src.identity) continue;
    const key = await loadKey(f, src.passphrase, false);
    if (key) methods.push({ type: 'publickey', username, key });
  }
  const password = src.password;
  if (password !== undefined) {
    methods.push({ type: 'password', username, password });
    methods.push({
      type: 'keyboard-interactive',
      username,
      prompt: (_name, _instructions, _lang, prompts, finish) => {
        finish(prompts.map((p) => (!p.echo && /password/i.test(p.prompt) ? password : '')));
      },
    });
  }
  return methods;
}
