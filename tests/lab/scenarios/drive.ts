import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createActor, waitFor } from 'xstate';
import type { Diagnosis } from '../../../shared/evidence';
import { diagnoseMachine } from '../../../shared/flowchart/diagnose.machine';
import { apiActors } from '../../../shared/flowchart/api-actors';
import type { Target } from '../../../shared/target';
import { inProcessApi, type InProcessApi } from '../../../electron/engine/in-process-api';
import { defaultServiceDeps, openSsh } from '../../../electron/engine/service-deps';
import { must, run, type CmdResult } from '../harness';

/**
 * The three ways a scenario is diagnosed (the same cause is expected from each): the real
 * CLI over SSH, the CLI in manual mode reading real server outputs from a folder, and the
 * shared machine driven through the contracts service exactly as the renderer's actors
 * drive it (session.open, then probe.run per request).
 */

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'bin', 'conndoctor.js');

/** Builds the CLI bundle the scenarios run (once per test file). */
export function buildCli(): void {
  must(['node', join(ROOT, 'scripts', 'build-cli.mjs')]);
}

/** Result of one CLI run. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The parsed `--json` diagnosis (null when stdout is not JSON). */
  diagnosis: Diagnosis | null;
}

/** Runs `node bin/conndoctor.js ARGS` as a child process. */
export function cli(args: readonly string[], timeoutMs = 30_000, input?: string): Promise<CliRun> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        let diagnosis: Diagnosis | null = null;
        try {
          diagnosis = JSON.parse(stdout) as Diagnosis;
        } catch {
          diagnosis = null;
        }
        done({ code, stdout, stderr, diagnosis });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** How the scenarios reach the lab server over SSH. */
export interface SshAccess {
  /** `root@MGMTADDR`. */
  destination: string;
  identity: string;
  knownHosts: string;
}

/** What a scenario diagnoses. */
export interface Ask {
  target: string;
  service?: string;
  timeoutMs?: number;
}

function common(ask: Ask): string[] {
  return [
    'diagnose',
    ask.target,
    '--json',
    '--timeout',
    String(ask.timeoutMs ?? 1000),
    ...(ask.service !== undefined ? ['--service', ask.service] : []),
  ];
}

/** The CLI's server-access options for the lab's SSH server. */
export function sshArgs(ssh: SshAccess): string[] {
  return ['--ssh', ssh.destination, '--identity', ssh.identity, '--known-hosts', ssh.knownHosts];
}

/** `diagnose TARGET --json --fix --yes` over SSH (plus `extra`), as a user fixes a fault. */
export function fixOverSsh(
  target: string,
  ssh: SshAccess,
  extra: readonly string[] = [],
  timeoutMs = 800,
  input?: string,
): Promise<CliRun> {
  return cli(
    [
      'diagnose',
      target,
      '--json',
      '--timeout',
      String(timeoutMs),
      ...sshArgs(ssh),
      '--fix',
      '--yes',
      ...extra,
    ],
    30_000,
    input,
  );
}

/** (a) The real CLI with server access over SSH. */
export function diagnoseOverSsh(ask: Ask, ssh: SshAccess): Promise<CliRun> {
  return cli([...common(ask), ...sshArgs(ssh)]);
}

/** (a') The real CLI without server access (client-side checks only). */
export function diagnoseClientOnly(ask: Ask): Promise<CliRun> {
  return cli(common(ask));
}

/**
 * (b) Manual mode: asks the CLI which commands to run (`--print-commands`: `FILE<TAB>command`
 * lines), runs each on the server with `execOnServer` and writes DIR/FILE as the user would:
 * the plain output when the file has one command, else a transcript with each output under
 * its `$ command` line (commands that could not run are left out, as a user would). Then
 * diagnoses from them with `--outputs DIR`.
 */
export async function diagnoseManually(
  ask: Ask,
  execOnServer: (argv: string[]) => CmdResult,
  tmp: string,
): Promise<CliRun & { files: Record<string, string> }> {
  const listed = await cli([...common(ask).filter((a) => a !== '--json'), '--print-commands']);
  if (listed.code !== 0) throw new Error(`--print-commands failed: ${listed.stderr}`);
  const byFile = new Map<string, string[]>();
  for (const line of listed.stdout.split('\n').filter((l) => l.trim() !== '')) {
    const [file, cmd] = line.split('\t');
    if (file === undefined || cmd === undefined || cmd.startsWith('(')) continue;
    byFile.set(file, [...(byFile.get(file) ?? []), cmd]);
  }
  const dir = mkdtempSync(join(tmp, 'outputs-'));
  const files: Record<string, string> = {};
  for (const [file, cmds] of byFile) {
    const runs = cmds.map((cmd) => ({ cmd, out: execOnServer(cmd.split(' ')) }));
    const text =
      runs.length === 1
        ? (runs[0]?.out.stdout ?? '')
        : runs
            .filter((r) => r.out.code === 0 || r.out.stdout.trim() !== '')
            .map((r) => `$ ${r.cmd}\n${r.out.stdout}`)
            .join('\n');
    files[file] = text;
    writeFileSync(join(dir, file), text);
  }
  const r = await cli([...common(ask), '--outputs', dir]);
  return { ...r, files };
}

/** The contracts API in process, like the one browser mode gives each tab, trusting the lab's host key. */
export function labService(knownHosts: string, tmp: string): InProcessApi {
  const sshConfig = join(tmp, 'empty-ssh-config');
  writeFileSync(sshConfig, '');
  return inProcessApi({
    ...defaultServiceDeps('browser'),
    openSession: (req) => openSsh(req, { knownHosts, sshConfig }),
  });
}

/**
 * (c) The renderer's path: opens the session with `session.open` (when `ssh` is given),
 * then runs the shared machine with the renderer's own actors (`apiActors`) on the
 * contracts API, and closes the session.
 */
export async function diagnoseThroughService(
  lab: InProcessApi,
  ask: { target: Target; service?: string; timeoutMs?: number },
  ssh: { destination: string; identity: string } | null,
): Promise<Diagnosis> {
  const { api } = lab;
  let sessionId: string | null = null;
  if (ssh) {
    const opened = await api.sessionOpen(ssh);
    if (!opened.ok) throw new Error(`session.open: ${opened.error.message}`);
    sessionId = opened.value.sessionId;
  }
  const machine = diagnoseMachine.provide({
    actors: apiActors(api, { sessionId: () => sessionId, serverHost: () => ask.target.host }),
  });
  const actor = createActor(machine).start();
  try {
    actor.send({
      type: 'diagnose.start',
      target: ask.target,
      access: ssh ? 'direct' : 'none',
      timeoutMs: ask.timeoutMs ?? 1000,
      ...(ask.service !== undefined ? { service: ask.service } : {}),
    });
    const snap = await waitFor(actor, (s) => s.matches('done') || s.matches('cancelled'), {
      timeout: 20_000,
    });
    if (!snap.context.diagnosis) throw new Error('the machine ended without a diagnosis');
    return snap.context.diagnosis;
  } finally {
    actor.stop();
    if (sessionId !== null) await api.sessionClose({ sessionId });
  }
}

/** Runs an argv in a namespace (`ip netns exec`), for manual mode's outputs. */
export function inNamespace(ns: string): (argv: string[]) => CmdResult {
  return (argv) => run(['ip', 'netns', 'exec', ns, ...argv]);
}

/** A short text of a diagnosis for assertion messages. */
export function brief(d: Diagnosis | null): string {
  if (!d) return 'no diagnosis';
  return JSON.stringify({
    cause: d.cause,
    outcome: d.outcome,
    summary: d.summary,
    rule: d.rule,
    alsoFound: d.alsoFound,
    capture: d.evidence.find((e) => e.probe === 'capture')?.data ?? null,
    firewall: d.evidence.find((e) => e.probe === 'firewall')?.summary ?? null,
  });
}
