import type { Executor } from '../engine/exec/executor';
import { createLocalExecutor } from '../engine/exec/local';
import { UserFileError } from '../engine/fs/user-file';
import { isLocalTarget } from '../engine/local-host';
import type { ServerAccess } from '../../shared/flowchart/diagnose.machine';
import { msg } from '../../shared/i18n/message';
import { CliError, usageError } from './cli-error';
import type { AccessOptions } from './options';

/** The executors a run uses and how the server side is reached. */
export interface Access {
  client: Executor;
  server: Executor | null;
  access: ServerAccess;
  /** Human label of the server side: "root@10.0.0.2", "this machine", or null. */
  serverLabel: string | null;
  close(): Promise<void>;
}

/**
 * Opens the server executor over SSH. Errors of the session itself (refused, auth, host
 * key unknown or changed…) become exit 3 with the executor's one-line message.
 */
export async function openSsh(
  opts: AccessOptions,
  timeoutMs: number,
  sudoPassword?: string,
): Promise<Executor> {
  if (!opts.ssh) throw usageError(msg('cli.error.sshNeeded'));
  const { openSshExecutor, SshError } = await import('../engine/exec/ssh');
  try {
    return await openSshExecutor({
      destination: opts.ssh,
      ...(opts.identity ? { identity: opts.identity } : {}),
      ...(opts.knownHosts ? { knownHosts: opts.knownHosts } : {}),
      acceptNew: opts.acceptNew === true,
      timeoutMs: Math.max(timeoutMs, 5000),
      ...(sudoPassword !== undefined ? { sudoPassword } : {}),
    });
  } catch (e) {
    if (e instanceof UserFileError) {
      const flag = e.path === opts.knownHosts ? '--known-hosts' : '--identity';
      const file = e.msg;
      throw new CliError(2, (t) => `${flag} ${t(file)}`);
    }
    const destination = opts.ssh;
    if (e instanceof SshError) {
      const err = e;
      // Fingerprints (SHA256:…) stay verbatim; the words around them are translated.
      throw new CliError(3, (t) => {
        const prints = [
          err.fingerprint && t(msg('cli.error.offered', { fingerprint: err.fingerprint })),
          err.knownFingerprint && t(msg('cli.error.known', { fingerprint: err.knownFingerprint })),
        ]
          .filter(Boolean)
          .join(', ');
        const detail = err.msg ? t(err.msg) : err.message;
        const withPrints =
          prints && !err.message.includes('SHA256:')
            ? t(msg('cli.error.sshPrints', { detail, prints }))
            : detail;
        return t(msg('cli.error.sshFailed', { destination, detail: withPrints }));
      });
    }
    throw new CliError(
      3,
      msg('cli.error.sshFailed', {
        destination,
        detail: e instanceof Error ? e.message : String(e),
      }),
    );
  }
}

/**
 * Decides where server-side probes run: over SSH with `--ssh`, on this machine when the
 * target is this machine, else nowhere (client-only, or manual mode when asked).
 */
export async function openAccess(
  host: string | null,
  opts: AccessOptions & { manual?: boolean },
  timeoutMs: number,
  sudoPassword?: string,
): Promise<Access> {
  const client = createLocalExecutor(
    sudoPassword !== undefined ? { sudoPassword: () => sudoPassword } : {},
  );
  if (opts.ssh) {
    const server = await openSsh(opts, timeoutMs, sudoPassword);
    return {
      client,
      server,
      access: 'direct',
      serverLabel: server.label,
      close: async () => {
        await server.close();
        await client.close();
      },
    };
  }
  const close = () => client.close();
  if (opts.manual) {
    return { client, server: null, access: 'manual', serverLabel: 'pasted outputs', close };
  }
  if (host !== null && (await isLocalTarget(host))) {
    return { client, server: client, access: 'direct', serverLabel: client.label, close };
  }
  return { client, server: null, access: 'none', serverLabel: null, close };
}
