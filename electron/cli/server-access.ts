import type { Executor } from '../engine/exec/executor';
import { createLocalExecutor } from '../engine/exec/local';
import { UserFileError } from '../engine/fs/user-file';
import { isLocalTarget } from '../engine/local-host';
import type { ServerAccess } from '../../shared/flowchart/diagnose.machine';
import { cliError, usageError } from './cli-error';
import type { ServerSide } from './render';
import type { AccessOptions } from './options';

/** The executors a run uses and how the server side is reached. */
export interface Access {
  client: Executor;
  server: Executor | null;
  access: ServerAccess;
  /** Where the server side was checked, for the human report. */
  serverSide: ServerSide;
  close(): Promise<void>;
}

/**
 * Opens the server executor over SSH. Errors of the session itself (refused, auth, host
 * key unknown or changed…) become exit 3 with the executor's one-line message.
 */
export async function openSsh(opts: AccessOptions, timeoutMs: number): Promise<Executor> {
  if (!opts.ssh) throw usageError('sshNeeded');
  const { openSshExecutor, SshError } = await import('../engine/exec/ssh');
  try {
    return await openSshExecutor({
      destination: opts.ssh,
      ...(opts.identity ? { identity: opts.identity } : {}),
      ...(opts.knownHosts ? { knownHosts: opts.knownHosts } : {}),
      acceptNew: opts.acceptNew === true,
      timeoutMs: Math.max(timeoutMs, 5000),
    });
  } catch (e) {
    if (e instanceof UserFileError) {
      const flag = e.path === opts.knownHosts ? '--known-hosts' : '--identity';
      throw cliError(2, 'userFile', { flag, detail: e.message });
    }
    if (e instanceof SshError) {
      // Host key problems show the SHA256 fingerprints (DESIGN §3), unless the text has them.
      const offered = e.fingerprint ?? null;
      const known = e.knownFingerprint ?? null;
      if ((offered || known) && !e.message.includes('SHA256:')) {
        const key =
          offered && known ? 'sshFailedBoth' : offered ? 'sshFailedOffered' : 'sshFailedKnown';
        throw cliError(3, key, {
          destination: opts.ssh,
          detail: e.message,
          offered,
          known,
        });
      }
      throw cliError(3, 'sshFailed', { destination: opts.ssh, detail: e.message });
    }
    throw cliError(3, 'sshFailed', {
      destination: opts.ssh,
      detail: e instanceof Error ? e.message : String(e),
    });
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
): Promise<Access> {
  const client = createLocalExecutor();
  if (opts.ssh) {
    const server = await openSsh(opts, timeoutMs);
    return {
      client,
      server,
      access: 'direct',
      serverSide: { kind: 'ssh', label: server.label },
      close: async () => {
        await server.close();
        await client.close();
      },
    };
  }
  const close = () => client.close();
  if (opts.manual) {
    return { client, server: null, access: 'manual', serverSide: { kind: 'manual' }, close };
  }
  if (host !== null && (await isLocalTarget(host))) {
    return { client, server: client, access: 'direct', serverSide: { kind: 'local' }, close };
  }
  return { client, server: null, access: 'none', serverSide: { kind: 'none' }, close };
}
