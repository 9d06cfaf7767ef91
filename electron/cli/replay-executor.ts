import type { ExecRequest, ExecResult, Executor } from '../engine/exec/executor';

/**
 * Executors that stand in for the server in manual mode, so pasted output is read by the
 * probe's own runner and parsers — the same code path as over SSH:
 * - the recording executor answers every command "not installed" and notes the argv a
 *   probe asks for first (that is the command the user is asked to run);
 * - the replay executor answers that one argv with the pasted text, and every other
 *   command "not installed" (nothing else was seen, so nothing else is claimed).
 * Neither can open connections: a server-to-self connect needs a live session.
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

/** Records the commands a probe would run; runs nothing. */
export function createRecordingExecutor(): { executor: Executor; commands: string[][] } {
  const commands: string[][] = [];
  const executor: Executor = {
    kind: 'local',
    label: 'the server (manual)',
    run: (req) => {
      commands.push([...req.argv]);
      return Promise.resolve(notInstalled(req));
    },
    close: () => Promise.resolve(),
  };
  return { executor, commands };
}

/**
 * Answers `argv` with the pasted output, once: a paste is one moment, so a probe that reads
 * again to compare (packet counters) must not see it twice. Every other command is
 * "not installed".
 */
export function createReplayExecutor(argv: readonly string[], stdout: string): Executor {
  let used = false;
  return {
    kind: 'local',
    label: 'pasted output',
    run: (req) =>
      Promise.resolve(
        !used && sameArgv(req.argv, argv) && (used = true)
          ? {
              argv: req.argv,
              stdout,
              stderr: '',
              exitCode: 0,
              truncated: false,
              elevated: false,
              ms: 0,
            }
          : notInstalled(req),
      ),
    close: () => Promise.resolve(),
  };
}
