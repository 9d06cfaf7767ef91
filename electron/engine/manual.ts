import { msg, type Message } from '../../shared/i18n/message';
import type { Evidence } from '../../shared/evidence';
import type { ProbeRequest } from '../../shared/probe-request';
import type { ParsePastedInput } from '../../shared/flowchart/diagnose.machine';
import { runProbe } from './engine';
import type { ExecRequest, ExecResult, Executor, Privilege } from './exec/executor';
import type { ProbeContext } from './probes/registry';
import { sanitizeOutput } from './probes/run-command-probe';
import { argvToText } from '../../shared/argv-text';
import { inconclusiveEvidence } from '../../shared/inconclusive-evidence';

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

/**
 * The probe context of manual mode: the pasted outputs stand in for the server only. The
 * client is a separate executor that runs nothing, so no probe takes the client to be the
 * server itself (the firewall would then evaluate the SYN as arriving on lo).
 */
function manualContext(server: Executor): ProbeContext {
  const client: Executor = {
    kind: 'local',
    label: 'the client (manual)',
    run: (req) => Promise.resolve(notInstalled(req)),
    close: () => Promise.resolve(),
  };
  return { client, server };
}

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
 * Answers each command that has pasted output, once: a paste is one moment, so a probe that
 * reads again to compare (packet counters) must not see it twice. Every other command is
 * "not installed" (nothing else was seen, so nothing else is claimed).
 */
export function createReplayExecutor(answers: ReadonlyMap<string, string>): Executor {
  const used = new Set<string>();
  return {
    kind: 'local',
    label: 'pasted output',
    run: (req) => {
      const line = argvToText(req.argv);
      const stdout = answers.get(line);
      if (stdout === undefined || used.has(line)) return Promise.resolve(notInstalled(req));
      used.add(line);
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
 * Every command a probe asks for when nothing answers, in order, each once. A probe that
 * reads several sources (the firewall: iptables, nft, ufw…) lists them all.
 */
export async function manualCommands(req: ProbeRequest): Promise<ManualCommand[]> {
  const rec = createRecordingExecutor();
  await runProbe(req, manualContext(rec.executor));
  const seen = new Set<string>();
  return rec.commands.filter((c) => {
    const line = argvToText(c.argv);
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}

/**
 * The next command to ask the user for, given the outputs pasted (or skipped) so far: the
 * probe runs on what it has and the first command it still asks for is returned. A probe
 * whose first choice was answered (ss) does not ask for its fallback (netstat). Null when
 * it needs nothing more.
 */
export async function nextManualCommand(
  req: ProbeRequest,
  answers: ReadonlyMap<string, string>,
  skipped: ReadonlySet<string>,
): Promise<ManualCommand | null> {
  const replay = createReplayExecutor(answers);
  let next: ManualCommand | null = null;
  const executor: Executor = {
    ...replay,
    run: (r) => {
      const line = argvToText(r.argv);
      if (next === null && !answers.has(line) && !skipped.has(line))
        next = { argv: [...r.argv], privileged: r.privileged ?? false };
      return replay.run(r);
    },
  };
  await runProbe(req, manualContext(executor));
  return next;
}

/**
 * The commands a probe needs when each one is answered: the list to show the user. A
 * fallback (netstat after ss) is left out, since the first choice will be answered.
 */
export async function neededManualCommands(req: ProbeRequest): Promise<ManualCommand[]> {
  const answers = new Map<string, string>();
  const out: ManualCommand[] = [];
  for (let i = 0; i < 32; i++) {
    const cmd = await nextManualCommand(req, answers, new Set());
    if (!cmd) break;
    out.push(cmd);
    answers.set(argvToText(cmd.argv), '');
  }
  return out;
}

/** The first command a probe asks for (what a one-command paste answers), or null. */
export async function manualCommand(req: ProbeRequest): Promise<ManualCommand | null> {
  return (await manualCommands(req))[0] ?? null;
}

const PROMPT_CHARS = '$#>';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r';

/** Runs of blanks squeezed to one space, ends trimmed: linear, no regex. */
function squeeze(line: string): string {
  let out = '';
  let blank = false;
  for (const c of line) {
    if (isBlank(c)) blank = out !== '';
    else {
      if (blank) out += ' ';
      out += c;
      blank = false;
    }
  }
  return out;
}

/**
 * True when `line` (squeezed) is `command`, optionally behind a shell prompt ending in
 * `$`, `#` or `>` and `sudo [-opts]`. Hand-written and linear: the regex it replaces
 * (`^(?:.*[$#>]\s*)?(?:sudo\s+(?:-\S+\s+)*)?…`) backtracked quadratically on a long
 * pasted line.
 */
export function isCommandHeader(line: string, command: string): boolean {
  if (!line.endsWith(command)) return false;
  let end = line.length - command.length;
  if (end === 0) return true;
  const promptAt = (e: number) => e === 0 || PROMPT_CHARS.includes(line[e - 1] ?? '');
  if (PROMPT_CHARS.includes(line[end - 1] ?? '')) return true;
  if (line[end - 1] !== ' ') return false;
  end -= 1;
  if (promptAt(end)) return true;
  // `sudo` and its options, right to left, by index (no copies of the line).
  let w = end;
  for (;;) {
    const s = line.lastIndexOf(' ', w - 1) + 1;
    const word = line.slice(s, w);
    if (word === 'sudo') {
      const before = s === 0 ? 0 : s - 1;
      return s === 0 || (line[s - 1] === ' ' && promptAt(before)) || promptAt(s);
    }
    if (!word.startsWith('-') || word.length < 2 || s === 0) return false;
    w = s - 1;
  }
}

/**
 * Splits a pasted terminal transcript into the outputs of the probe's commands. A header
 * is a line that is one of those commands, optionally behind a shell prompt (`$ `, `# `,
 * `user@host:~$ `) and `sudo`. Only the probe's own commands count as headers, so comment
 * lines of the output itself (`# Generated by iptables-save`) are never taken for one.
 * Null when the text has no header: then it is the output of the first command alone.
 */
export function splitTranscript(
  text: string,
  commands: readonly ManualCommand[],
): Map<string, string> | null {
  const headers = commands.map((c) => argvToText(c.argv));
  const out = new Map<string, string>();
  let current: string | null = null;
  let buf: string[] = [];
  const flush = () => {
    if (current === null) return;
    let n = buf.length;
    while (n > 0 && buf[n - 1] === '') n--;
    out.set(current, buf.slice(0, n).join('\n') + '\n');
  };
  for (const raw of text.split('\n')) {
    const line = squeeze(raw);
    const hit = headers.find((h) => isCommandHeader(line, h));
    if (hit !== undefined) {
      flush();
      current = hit;
      buf = [];
    } else if (current !== null) buf.push(raw);
  }
  flush();
  return out.size > 0 ? out : null;
}

function unreadable(input: ParsePastedInput, why: Message): Evidence {
  return inconclusiveEvidence(input.probe, 'server', [], why, {
    raw: sanitizeOutput(input.stdout).slice(0, 64 * 1024),
  });
}

/**
 * Parses pasted output into evidence with the probe's own runner: a transcript answers each
 * command it names; plain output answers the probe's first command.
 */
export async function parsePasted(input: ParsePastedInput): Promise<Evidence> {
  const commands = await manualCommands(input.request);
  const first = commands[0];
  if (!first) return unreadable(input, msg('evidence.paste.unreadable', { probe: input.probe }));
  const text = sanitizeOutput(input.stdout);
  const answers = splitTranscript(text, commands) ?? new Map([[argvToText(first.argv), text]]);
  const replay = createReplayExecutor(answers);
  const e = await runProbe(input.request, manualContext(replay));
  return { ...e, vantage: 'server', command: e.command.length > 0 ? e.command : first.argv };
}
