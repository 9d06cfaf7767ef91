import { Command, CommanderError, Option } from 'commander';
import { CliError, errorLine, usageError } from './cli-error';
import type { DiagnoseCliOptions } from './diagnose.command';
import type { ListCliOptions } from './history.command';
import type { ProbeCliOptions } from './probe.command';
import type { ReportCliOptions } from './report.command';
import type { UiCliOptions } from './ui.command';
import type { UndoCliOptions } from './undo.command';

/**
 * The `conndoctor` command (DESIGN §3). Commander parses; every command returns its exit
 * status; usage errors and failures of the diagnosis itself end as one line on stderr
 * with stdout left empty. Each command's module is imported when that command runs (its own
 * bundle chunk): `probe sweep` never loads the flowchart machine, `diagnose` never loads ws.
 */

function withAccessOptions(c: Command): Command {
  return c
    .option(
      '--ssh <[user@]host[:port]>',
      'server-side checks over SSH ([v6] allowed; ~/.ssh/config aliases)',
    )
    .option('--identity <file>', 'private key (also: ssh-agent, ~/.ssh/config IdentityFile)')
    .option('--known-hosts <file>', 'host keys to trust (default ~/.ssh/known_hosts)')
    .option('--accept-new', 'trust and record an unknown host key (never a changed one)')
    .option('--timeout <ms>', 'connect timeout per attempt (default 3000)')
    .option('--json', 'print JSON on stdout, nothing else');
}

/** `--fix=PLAN` → `--fix --fix-plan PLAN` (commander's optional values would eat HOST:PORT). */
function splitFixPlan(argv: readonly string[]): string[] {
  return argv.flatMap((a) =>
    a.startsWith('--fix=') ? ['--fix', '--fix-plan', a.slice('--fix='.length)] : [a],
  );
}

/** Builds the program; `setExit` receives each command's exit status. */
export function buildProgram(setExit: (code: number) => void, version: () => string): Command {
  const program = new Command('conndoctor')
    .description(
      'Names the cause of "Connection refused", timeouts and unreachable hosts. TCP only: UDP is out of scope.',
    )
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .showSuggestionAfterError(false);

  withAccessOptions(
    program
      .command('diagnose')
      .description('diagnose why HOST:PORT does not accept TCP connections')
      .argument('<HOST:PORT>', 'name or IPv4 and port; IPv6 as [addr]:port'),
  )
    .option('--service <name>', 'the service expected on the port (unit, init script, process)')
    .option('--fix', 'apply the proposed fix (--fix=PLAN: that alternative), then verify')
    .addOption(new Option('--fix-plan <id>').hideHelp())
    .option('--yes', 'do not ask')
    .option(
      '--rollback-after <s>',
      'dead-man switch delay for firewall/network changes over SSH (10-600, default 60)',
    )
    .option('--sudo-password-stdin', 'read the sudo password from stdin (never from argv or env)')
    .option('--manual', 'no SSH: print each server-side command and read its pasted output')
    .option('--outputs <dir>', 'no SSH: read the server-side outputs from DIR/<probe>.txt')
    .option('--print-commands', 'list the server-side commands and their file names for --outputs')
    .option('--report <file>', 'also write the session as a report (.md, .html or .json)')
    .option('--no-history', 'do not record this session')
    .option(
      '--lang <lang>',
      'language of the human output: en or ko (default: from LC_ALL, LC_MESSAGES, LANG)',
    )
    .action(async (hostPort: string, o: DiagnoseCliOptions) =>
      setExit(await (await import('./diagnose.command')).diagnoseCommand(hostPort, o)),
    );

  withAccessOptions(
    program
      .command('probe')
      .description('run one probe and print its evidence')
      .argument(
        '<NAME>',
        'connect | dns | listeners | service | interfaces | route | firewall | capture | sweep | config',
      )
      .argument('[HOST:PORT]', 'the target (HOST alone for dns and sweep)'),
  )
    .option('--ports <spec>', 'ports for sweep: 1-1024 (default), 1-65535, 22,80,443')
    .option('--service <name>', 'the service to look at')
    .option(
      '--source <addr>',
      "firewall: the client address to evaluate the rules for (default: this client's route source)",
    )
    .action(async (name: string, arg: string | undefined, o: ProbeCliOptions) =>
      setExit(await (await import('./probe.command')).probeCommand(name, arg, o)),
    );

  withAccessOptions(
    program
      .command('undo')
      .description('revert one applied change from the change log (default: the latest)')
      .argument('[ID]', 'the change to revert'),
  )
    .option('--yes', 'do not ask')
    .option('--lang <lang>', 'language of the human output: en or ko')
    .action(async (id: string | undefined, o: UndoCliOptions) =>
      setExit(await (await import('./undo.command')).undoCommand(id, o)),
    );

  program
    .command('history')
    .description('past sessions, newest first')
    .option('--json', 'print JSON on stdout, nothing else')
    .action(async (o: ListCliOptions) =>
      setExit(await (await import('./history.command')).historyCommand(o)),
    );

  program
    .command('report')
    .description('one recorded session as a report (Markdown on stdout by default)')
    .argument('<ID>', 'the session id (see: conndoctor history)')
    .option('--format <format>', 'md | html | json (default md, or from the -o file name)')
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--redact', 'hide host names and addresses')
    .action(async (id: string, o: ReportCliOptions) =>
      setExit(await (await import('./report.command')).reportCommand(id, o)),
    );

  program
    .command('changes')
    .description('the change log, newest first')
    .option('--json', 'print JSON on stdout, nothing else')
    .action(async (o: ListCliOptions) =>
      setExit(await (await import('./history.command')).changesCommand(o)),
    );

  program
    .command('ui')
    .description('serve the UI on 127.0.0.1 and print its URL')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--no-open', 'do not open the system browser')
    .option(
      '--target <HOST:PORT>',
      'prefill the form with this target (nothing runs until Diagnose)',
    )
    .action(async (o: UiCliOptions) => setExit(await (await import('./ui.command')).uiCommand(o)));

  return program;
}

function commandOf(argv: readonly string[]): string {
  const sub = argv.find((a) => !a.startsWith('-'));
  return sub && ['diagnose', 'probe', 'undo', 'history', 'report', 'changes', 'ui'].includes(sub)
    ? `conndoctor ${sub}`
    : 'conndoctor';
}

/** Runs the CLI on `argv` (without node and script) and resolves to the exit status. */
export async function runCli(argv: readonly string[], version: () => string): Promise<number> {
  let code = 0;
  if (argv.length === 0) {
    process.stderr.write(
      errorLine(
        usageError('missing command: diagnose, probe, undo, history, report, changes or ui'),
      ) + '\n',
    );
    return 2;
  }
  try {
    await buildProgram((c) => (code = c), version).parseAsync(splitFixPlan(argv), {
      from: 'user',
    });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      const msg = e.message.replace(/^error:\s*/i, '');
      process.stderr.write(errorLine(usageError(msg, commandOf(argv))) + '\n');
      return 2;
    }
    if (e instanceof CliError) {
      process.stderr.write(errorLine(e) + '\n');
      return e.exitCode;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(errorLine(new CliError(3, msg)) + '\n');
    return 3;
  }
}
