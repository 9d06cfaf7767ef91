import { readFileSync } from 'node:fs';
import type { Evidence } from '../../shared/evidence';
import type { ProbeRequest, ProbeRequestParsed } from '../../shared/probe-request';
import { parsePasted } from '../cli/manual';
import { runProbe as engineRunProbe } from './engine';
import type { Executor } from './exec/executor';
import { createLocalExecutor } from './exec/local';
import type { ProbeContext } from './probes/registry';
import { SessionOpenError, type ServiceDeps, type SessionOpenRequest } from './service';

/**
 * What the contracts service runs on in the desktop app and in browser mode: this
 * machine's executor, SSH sessions, the real probes, and manual mode's parsers.
 */

/**
 * The app's version from package.json: two levels up from the source file and from each
 * bundle (out/main, out/cli) alike.
 */
function appVersion(): string {
  try {
    const raw = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    const v = (JSON.parse(raw) as { version?: unknown }).version;
    return typeof v === 'string' ? v : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Opens SSH access, mapping the executor's typed errors onto the contract's codes. */
export async function openSsh(
  req: SessionOpenRequest,
  files: { knownHosts?: string; sshConfig?: string } = {},
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
      ...files,
    });
    return { executor, label: executor.label };
  } catch (e) {
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
 * Manual mode: the command a server-side probe would run first, found by running the probe
 * against an executor that only records (nothing executes), and whether it wants root.
 */
export async function manualCommands(
  request: ProbeRequestParsed,
  run: (req: ProbeRequest, ctx: ProbeContext) => Promise<Evidence> = engineRunProbe,
): Promise<{ commands: string[][]; privileged: boolean }> {
  const seen: { argv: string[]; privileged: boolean }[] = [];
  const recorder: Executor = {
    kind: 'local',
    label: 'the server (manual)',
    run: (req) => {
      seen.push({ argv: [...req.argv], privileged: (req.privileged ?? false) !== false });
      return Promise.resolve({
        argv: req.argv,
        stdout: '',
        stderr: '',
        exitCode: null,
        error: { code: 'not-installed', message: 'manual mode: not run' },
        truncated: false,
        elevated: false,
        ms: 0,
      });
    },
    close: () => Promise.resolve(),
  };
  await run(request, { client: recorder, server: recorder });
  const first = seen[0];
  return first
    ? { commands: [first.argv], privileged: first.privileged }
    : { commands: [], privileged: false };
}

/**
 * The engine as the desktop app and browser mode use it: this machine's executor (one
 * per service, so a sudo password given in one window stays there) and the real probes.
 */
export function defaultServiceDeps(mode: 'electron' | 'browser'): ServiceDeps {
  const local = createLocalExecutor();
  const run = engineRunProbe;
  return {
    localExecutor: () => local,
    openSession: (req) => openSsh(req),
    parsePasted: (request, stdout) => parsePasted({ probe: request.probe, stdout, request }),
    commandsFor: (request) => manualCommands(request, run),
    appInfo: { name: 'ConnDoctor', version: appVersion(), mode, platform: process.platform },
  };
}
