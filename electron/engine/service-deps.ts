import { neededManualCommands, parsePasted } from './manual';
import type { Executor } from './exec/executor';
import { createLocalExecutor } from './exec/local';
import { UserFileError } from './fs/user-file';
import {
  SessionOpenError,
  type Privilege,
  type ServiceDeps,
  type SessionOpenRequest,
} from './service';
import { APP_VERSION } from './app-version';
import { randomBytes } from 'node:crypto';
import { applyFix, scheduleRollback } from './fixes/apply';
import { openStore, type Store } from './store/store';
import { parseDestination, sshConfigHosts } from './exec/ssh-destination';

/**
 * What the contracts service runs on in the desktop app and in browser mode: this
 * machine's executor, SSH sessions, the real probes, and manual mode's parsers.
 */

/** Opens SSH access, mapping the executor's typed errors onto the contract's codes. */
export async function openSsh(
  req: SessionOpenRequest,
  files: { knownHosts?: string; sshConfig?: string } = {},
  privilege?: Privilege,
): Promise<{ executor: Executor; label: string }> {
  // Loaded on first use: SSH support (ssh2) costs nothing until a session is opened.
  const { openSshExecutor, SshError } = await import('./exec/ssh');
  try {
    const executor = await openSshExecutor({
      destination: req.destination,
      ...(req.identity !== undefined ? { identity: req.identity } : {}),
      ...(req.password !== undefined ? { password: req.password } : {}),
      ...(req.passphrase !== undefined ? { passphrase: req.passphrase } : {}),
      acceptNew: req.acceptNew ?? false,
      ...(privilege ? { sudoPassword: privilege.sudoPassword } : {}),
      ...files,
    });
    return { executor, label: executor.label };
  } catch (e) {
    if (e instanceof UserFileError) {
      const field = e.path === req.identity ? 'identity' : 'knownHosts';
      throw new SessionOpenError(
        'invalid-request',
        `${field}: ${e.message}`,
        undefined,
        undefined,
        field,
      );
    }
    if (e instanceof SshError) {
      const code =
        e.code === 'host-key-unknown' || e.code === 'host-key-changed' || e.code === 'auth-failed'
          ? e.code
          : 'connection-failed';
      throw new SessionOpenError(code, e.message, e.fingerprint, e.knownFingerprint);
    }
    throw e;
  }
}

/**
 * The engine as the desktop app and browser mode use it: this machine's executor (one
 * per service, so a sudo password given in one window stays there) and the real probes.
 */
export function defaultServiceDeps(mode: 'electron' | 'browser'): ServiceDeps {
  // One executor per service (a window or a browser tab), reading that service's held sudo
  // password: a password given in one tab is never used by another.
  const plain = createLocalExecutor();
  const perService = new WeakMap<Privilege, Executor>();
  const store = openStore();
  return {
    ...manualModeDeps(),
    ...fixDeps({ store }),
    history: store,
    sshConfigHosts: () => sshConfigHosts(),
    recentServers: recentServers(store),
    settings: {
      read: () => store.readSettings(),
      update: (patch) => store.updateSettings(patch),
    },
    localExecutor: (privilege) => {
      if (!privilege) return plain;
      let ex = perService.get(privilege);
      if (!ex) {
        ex = createLocalExecutor({ sudoPassword: privilege.sudoPassword });
        perService.set(privilege, ex);
      }
      return ex;
    },
    openSession: (req, _signal, privilege) => openSsh(req, {}, privilege),
    appInfo: { name: 'ConnDoctor', version: APP_VERSION, mode, platform: process.platform },
  };
}

/** Manual mode's part of the service: pasted outputs read by the probes' own parsers. */
export function manualModeDeps(): Pick<ServiceDeps, 'parsePasted' | 'commandsFor'> {
  return {
    parsePasted: (request, stdout) => parsePasted({ probe: request.probe, stdout, request }),
    commandsFor: async (request) => {
      const cmds = await neededManualCommands(request);
      return {
        commands: cmds.map((c) => c.argv),
        privileged: cmds.some((c) => c.privileged !== false),
      };
    },
  };
}

/** Default delay of the dead-man switch (DESIGN §3 `--rollback-after`). */
export const DEFAULT_ROLLBACK_AFTER_S = 60;

/**
 * Applying fixes: the applier, the dead-man switch for firewall and network changes over
 * SSH (`rollbackAfterS`, default 60), and the change log in the store (none: not logged).
 */
export function fixDeps(opts: {
  store?: Store | null;
  rollbackAfterS?: number;
}): Pick<
  ServiceDeps,
  'applyFix' | 'scheduleRollback' | 'recordChange' | 'recordUndo' | 'changeLog'
> {
  const afterS = opts.rollbackAfterS ?? DEFAULT_ROLLBACK_AFTER_S;
  const store = opts.store ?? null;
  return {
    applyFix,
    scheduleRollback: (fix, executor, signal) =>
      scheduleRollback(fix, executor, afterS, randomBytes(4).toString('hex'), signal),
    ...(store
      ? {
          recordChange: async (c) =>
            (
              await store.appendChange({
                target: c.target,
                server: c.server,
                sessionId: c.diagnosisId,
                plan: { ...c.fix.plan, id: c.fix.id },
                commands: c.fix.commands,
                privileged: c.fix.privileged,
                result: { verified: null, rolledBack: false },
                undo: c.fix.undo,
              })
            ).id,
          recordUndo: async (changeId, result) => {
            await store.appendUndo({ undoOf: changeId, result });
          },
          changeLog: () => store.readChangeLog(),
        }
      : {}),
  };
}

/** How many servers are remembered. */
const MAX_RECENT_SERVERS = 20;

/**
 * Servers connected to before, as profiles in the store (most recent first): the SSH
 * destination and the key file path — the profile schema drops anything else.
 */
export function recentServers(store: Store): NonNullable<ServiceDeps['recentServers']> {
  return {
    list: async () =>
      (await store.readProfiles())
        .filter((p) => p.ssh !== undefined)
        .map((p) => ({
          ssh: p.ssh!,
          ...(p.identity !== undefined ? { identity: p.identity } : {}),
        })),
    remember: async ({ ssh, identity }) => {
      let host: string;
      try {
        host = parseDestination(ssh).host;
      } catch {
        return;
      }
      const others = (await store.readProfiles()).filter((p) => p.ssh !== ssh);
      await store.saveProfiles(
        [
          { name: ssh, host, ssh, ...(identity !== undefined ? { identity } : {}) },
          ...others,
        ].slice(0, MAX_RECENT_SERVERS),
      );
    },
  };
}
