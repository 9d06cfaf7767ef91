import { Command, CommanderError } from 'commander';
import { msg } from '../../shared/i18n/message';
import { CliError, cliError, errorLine, usageError } from './cli-error';
import type { DiagnoseCliOptions } from './diagnose.command';
import { cliLang, envLang, langArg, trFor, type Tr } from './lang';
import type { ProbeCliOptions } from './probe.command';
import type { UiCliOptions } from './ui.command';
import { sshOpt, type AccessOptions } from './options';

/**
 * The `conndoctor` command (DESIGN §3). Commander parses; every command returns its exit
 * status; usage errors and failures of the diagnosis itself end as one line on stderr
 * with stdout left empty, in the CLI's language (`--lang`, else the environment). Each
 * command's module is imported when that command runs (its own bundle chunk): `probe
 * sweep` never loads the flowchart machine, `diagnose` never loads ws.
 */

function withLang(c: Command, h: (key: string) => string): Command {
  return c.option('--lang <en|ko>', h('lang'));
}

function withAccessOptions(c: Command, h: (key: string) => string): Command {
  return withLang(c, h)
    .option('--ssh <[user@]host[:port]>', h('ssh'))
    .option('--identity <file>', h('identity'))
    .option('--known-hosts <file>', h('knownHosts'))
    .option('--accept-new', h('acceptNew'))
    .option('--timeout <ms>', h('timeout'))
    .option('--json', h('json'));
}

/** Builds the program; `setExit` receives each command's exit status. */
export function buildProgram(
  setExit: (code: number) => void,
  version: () => string,
  tr: Tr = trFor('en'),
): Command {
  const h = (key: string): string => tr.t(msg(`cli.help.${key}`));
  const TITLES: Record<string, string> = {
    'Usage:': h('titleUsage'),
    'Arguments:': h('titleArguments'),
    'Options:': h('titleOptions'),
    'Commands:': h('titleCommands'),
  };
  const program = new Command('conndoctor')
    .description(h('program'))
    .version(version(), '-V, --version', h('version'))
    .helpOption('-h, --help', h('help'))
    .helpCommand('help [command]', h('help'))
    // Inherited by the commands below: commander's headings in the CLI's language too.
    .configureHelp({ styleTitle: (title) => TITLES[title] ?? title })
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .showSuggestionAfterError(false);

  withAccessOptions(
    program
      .command('diagnose')
      .description(h('diagnose'))
      .helpOption('-h, --help', h('help'))
      .argument('<HOST:PORT>', h('hostPort')),
    h,
  )
    .option('--service <name>', h('service'))
    .option('--fix', h('fix'))
    .option('--yes', h('yes'))
    .option('--manual', h('manual'))
    .option('--outputs <dir>', h('outputs'))
    .option('--print-commands', h('printCommands'))
    .option('--report <file>', h('report'))
    .option('--no-history', h('noHistory'))
    .action(async (hostPort: string, o: DiagnoseCliOptions) =>
      setExit(await (await import('./diagnose.command')).diagnoseCommand(hostPort, o)),
    );

  withAccessOptions(
    program
      .command('probe')
      .description(h('probe'))
      .helpOption('-h, --help', h('help'))
      .argument(
        '<NAME>',
        'connect | dns | listeners | service | interfaces | route | firewall | capture | sweep',
      )
      .argument('[HOST:PORT]', h('probeTarget')),
    h,
  )
    .option('--ports <spec>', h('ports'))
    .option('--service <name>', h('probeService'))
    .action(async (name: string, arg: string | undefined, o: ProbeCliOptions) =>
      setExit(await (await import('./probe.command')).probeCommand(name, arg, o)),
    );

  withAccessOptions(
    program
      .command('undo')
      .description(h('undo'))
      .helpOption('-h, --help', h('help'))
      .argument('[ID]', h('undoId')),
    h,
  )
    .option('--yes', h('undoYes'))
    .action(async (_id: string | undefined, o: AccessOptions) => {
      await sshOpt(o.ssh, 'conndoctor undo');
      throw usageError('undoUnsupported', {}, 'conndoctor undo');
    });

  withLang(
    program
      .command('ui')
      .description(h('ui'))
      .helpOption('-h, --help', h('help'))
      .option('--port <n>', h('uiPort'))
      .option('--no-open', h('noOpen')),
    h,
  ).action(async (o: UiCliOptions) => setExit(await (await import('./ui.command')).uiCommand(o)));

  return program;
}

function commandOf(argv: readonly string[]): string {
  const sub = argv.find((a) => !a.startsWith('-'));
  return sub && ['diagnose', 'probe', 'undo', 'ui'].includes(sub)
    ? `conndoctor ${sub}`
    : 'conndoctor';
}

/** Commander's usage errors that have their own entry (the quoted name is the param). */
const COMMANDER_ERRORS: Record<string, string> = {
  'commander.unknownOption': 'unknownOption',
  'commander.unknownCommand': 'unknownCommand',
  'commander.missingArgument': 'missingArgument',
  'commander.optionMissingArgument': 'optionMissingArgument',
  'commander.excessArguments': 'excessArguments',
};

/** A commander error as a usage error of the catalogue (English: commander's own words). */
function commanderError(e: CommanderError, command: string): CliError {
  const detail = e.message.replace(/^error:\s*/i, '');
  const key = COMMANDER_ERRORS[e.code];
  const name = /'([^']*)'/.exec(detail)?.[1];
  return key && name !== undefined
    ? usageError(key, { detail, name }, command)
    : usageError('usage', { detail }, command);
}

/** Runs the CLI on `argv` (without node and script) and resolves to the exit status. */
export async function runCli(argv: readonly string[], version: () => string): Promise<number> {
  // The language first: commander's errors and --help are already in it.
  const given = langArg(argv);
  const lang = cliLang(given);
  if (lang === undefined) {
    const line = errorLine(
      usageError('lang', { value: given ?? '' }, commandOf(argv)),
      trFor(envLang()),
    );
    process.stderr.write(line + '\n');
    return 2;
  }
  const tr = trFor(lang);
  let code = 0;
  if (argv.length === 0) {
    process.stderr.write(errorLine(usageError('missingCommand'), tr) + '\n');
    return 2;
  }
  try {
    await buildProgram((c) => (code = c), version, tr).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      process.stderr.write(errorLine(commanderError(e, commandOf(argv)), tr) + '\n');
      return 2;
    }
    if (e instanceof CliError) {
      process.stderr.write(errorLine(e, tr) + '\n');
      return e.exitCode;
    }
    const detail = e instanceof Error ? e.message : String(e);
    process.stderr.write(errorLine(cliError(3, 'failed', { detail }), tr) + '\n');
    return 3;
  }
}
