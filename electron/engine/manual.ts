import type { Evidence } from '../../shared/evidence';
import type { ProbeRequest } from '../../shared/probe-request';
import type { ParsePastedInput } from '../../shared/flowchart/diagnose.machine';
import { runProbe } from './engine';
import type { ExecRequest, ExecResult, Executor, Privilege } from './exec/executor';
import { sanitizeOutput } from './probes/run-command-probe';

/**
 * Manual mode (DESIGN §2): without server access the user runs each server-side command by
 * hand and pastes its output, which is read by the probe's own runner and parsers — the
 * same code path as over SSH. Two executors stand in for the server:
 * - the recording executor answers every command "not installed" and notes the argv a
 *   probe asks for first (that is the command the user is asked to run);
 * - the replay executor answers that one argv with the pasted text, once, and every other
 *   command "not installed" (nothing else was seen, so nothing else is claimed).
 * Neither opens connections: a server-to-self connect needs a live session.
 * Used by the CLI (`--manual`, `--outputs`, `--print-commands`) and the UI's paste boxes.
 */

function notInstalled(req: ExecRequest): ExecResult {
  const program = req.argv[0] ?? '';
  return {
    argv: req.argv,
    stdout: '',
    stderr: '',
    exitCode: null,
    error: { code: 'not-installed', message: `${program}: not part of the pasted output` },
    truncated: false,
    elevated: false,
    ms: 0,
  };
}

const sameArgv = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** A command a probe asked for, and whether it wants root (always, or to see more). */
export interface ManualCommand {
  argv: string[];
  privileged: Privilege;
}

/** Records the commands a probe would run; runs nothing. */
export function createRecordingExecutor(): { executor: Executor; commands: ManualCommand[] } {
  const commands: ManualCommand[] = [];
  const executor: Executor = {
    kind: 'local',
    label: 'the server (manual)',
    run: (req) => {
      commands.push({ argv: [...req.argv], privileged: req.privileged ?? false });
      return Promise.resolve(notInstalled(req));
    },
    close: () => Promise.resolve(),
  };
  return { executor, commands };
}

/**
 * Answers `argv` with the pasted output, once: a paste is one moment, so a probe that reads
 * again to compare (packet counters) must not see it twice.
 */
export function createReplayExecutor(argv: readonly string[], stdout: string): Executor {
  let used = false;
  return {
    kind: 'local',
    label: 'pasted output',
    run: (req) => {
      if (used || !sameArgv(req.argv, argv)) return Promise.resolve(notInstalled(req));
      used = true;
      return Promise.resolve({
        argv: req.argv,
        stdout,
        stderr: '',
        exitCode: 0,
        truncated: false,
        elevated: false,
        ms: 0,
      });
    },
    close: () => Promise.resolve(),
  };
}

/**
 * The command to run on the server for one probe: the first command the probe itself asks
 * for. Null when this build has no such probe.
 */
export async function manualCommand(req: ProbeRequest): Promise<ManualCommand | null> {
  const rec = createRecordingExecutor();
  await runProbe(req, { client: rec.executor, server: rec.executor });
  return rec.commands[0] ?? null;
}

function unreadable(input: ParsePastedInput, why: string): Evidence {
  return {
    probe: input.probe,
    vantage: 'server',
    command: [],
    ok: false,
    status: 'inconclusive',
    summary: why,
    reason: why,
    data: null,
    ms: 0,
    raw: sanitizeOutput(input.stdout).slice(0, 64 * 1024),
  };
}

/** Parses one pasted output into evidence with the probe's own runner. */
export async function parsePasted(input: ParsePastedInput): Promise<Evidence> {
  const cmd = await manualCommand(input.request);
  if (!cmd)
    return unreadable(input, `pasted output of ${input.probe} cannot be read by this build`);
  const replay = createReplayExecutor(cmd.argv, sanitizeOutput(input.stdout));
  const e = await runProbe(input.request, { client: replay, server: replay });
  return { ...e, vantage: 'server', command: cmd.argv };
}
