import { Command, CommanderError, Option } from 'commander';
import { msg } from '../../shared/i18n/message';
import { LANGS, translator, type Lang } from '../../shared/i18n/translate';
import { CliError, errorLine, usageError } from './cli-error';
import { commanderErrorText, helpLang, localizeHelp } from './commander-i18n';
import { envLang } from './report-file';
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

/** Help texts in one language. */
type HelpText = (id: string) => string;

function withAccessOptions(c: Command, h: HelpText): Command {
  return c
    .option('--ssh <[user@]host[:port]>', h('cli.help.ssh'))
    .option('--identity <file>', h('cli.help.identity'))
    .option('--known-hosts <file>', h('cli.help.knownHosts'))
    .option('--accept-new', h('cli.help.acceptNew'))
    .option('--timeout <ms>', h('cli.help.timeout'))
    .option('--json', h('cli.help.json'));
}

/**
 * The language of an action's errors: its valid `--lang`, else the environment (a bad
 * `--lang` value is reported in the environment's language).
 */
function optionLang(value: string | undefined): Lang {
  return value !== undefined && (LANGS as readonly string[]).includes(value)
    ? (value as Lang)
    : envLang();
}

/** `--fix=PLAN` → `--fix --fix-plan PLAN` (commander's optional values would eat HOST:PORT). */
function splitFixPlan(argv: readonly string[]): string[] {
  return argv.flatMap((a) =>
    a.startsWith('--fix=') ? ['--fix', '--fix-plan', a.slice('--fix='.length)] : [a],
  );
}

/**
 * Builds the program; `setExit` receives each command's exit status, `setLang` the
 * language of the errors of the command about to run. `lang` is the language of `--help`.
 */
export function buildProgram(
  setExit: (code: number) => void,
  version: () => string,
  lang: Lang = 'en',
  setLang: (lang: Lang) => void = () => undefined,
): Command {
  const t = translator(lang);
  const h: HelpText = (id) => t(msg(id));
  const program = localizeHelp(
    new Command('conndoctor')
      .description(h('cli.help.program'))
      .version(version(), '-V, --version', h('cli.help.version'))
      .exitOverride()
      .configureOutput({ outputError: () => undefined })
      .showSuggestionAfterError(false),
    lang,
  );

  withAccessOptions(
    program
      .command('diagnose')
      .description(h('cli.help.diagnose'))
      .argument('<HOST:PORT>', h('cli.help.hostPort')),
    h,
  )
    .option('--service <name>', h('cli.help.service'))
    .option('--fix', h('cli.help.fix'))
    .addOption(new Option('--fix-plan <id>').hideHelp())
    .option('--yes', h('cli.help.yes'))
    .option('--rollback-after <s>', h('cli.help.rollbackAfter'))
    .option('--sudo-password-stdin', h('cli.help.sudoPasswordStdin'))
    .option('--manual', h('cli.help.manual'))
    .option('--outputs <dir>', h('cli.help.outputs'))
    .option('--print-commands', h('cli.help.printCommands'))
    .option('--report <file>', h('cli.help.reportFile'))
    .option('--no-history', h('cli.help.noHistory'))
    .option('--lang <lang>', h('cli.help.lang'))
    .action(async (hostPort: string, o: DiagnoseCliOptions) => {
      setLang(optionLang(o.lang));
      setExit(await (await import('./diagnose.command')).diagnoseCommand(hostPort, o));
    });

  withAccessOptions(
    program
      .command('probe')
      .description(h('cli.help.probe'))
      .argument('<NAME>', h('cli.help.probeName'))
      .argument('[HOST:PORT]', h('cli.help.probeTarget')),
    h,
  )
    .option('--ports <spec>', h('cli.help.ports'))
    .option('--service <name>', h('cli.help.probeService'))
    .option('--source <addr>', h('cli.help.source'))
    .action(async (name: string, arg: string | undefined, o: ProbeCliOptions) =>
      setExit(await (await import('./probe.command')).probeCommand(name, arg, o)),
    );

  withAccessOptions(
    program.command('undo').description(h('cli.help.undo')).argument('[ID]', h('cli.help.undoId')),
    h,
  )
    .option('--yes', h('cli.help.yes'))
    .option('--lang <lang>', h('cli.help.langShort'))
    .action(async (id: string | undefined, o: UndoCliOptions) => {
      setLang(optionLang(o.lang));
      setExit(await (await import('./undo.command')).undoCommand(id, o));
    });

  program
    .command('history')
    .description(h('cli.help.history'))
    .option('--json', h('cli.help.json'))
    .action(async (o: ListCliOptions) =>
      setExit(await (await import('./history.command')).historyCommand(o)),
    );

  program
    .command('report')
    .description(h('cli.help.report'))
    .argument('<ID>', h('cli.help.reportId'))
    .option('--format <format>', h('cli.help.format'))
    .option('-o, --output <file>', h('cli.help.output'))
    .option('--redact', h('cli.help.redact'))
    .action(async (id: string, o: ReportCliOptions) =>
      setExit(await (await import('./report.command')).reportCommand(id, o)),
    );

  program
    .command('changes')
    .description(h('cli.help.changes'))
    .option('--json', h('cli.help.json'))
    .action(async (o: ListCliOptions) =>
      setExit(await (await import('./history.command')).changesCommand(o)),
    );

  program
    .command('ui')
    .description(h('cli.help.ui'))
    .option('--port <n>', h('cli.help.port'))
    .option('--no-open', h('cli.help.noOpen'))
    .option('--target <HOST:PORT>', h('cli.help.target'))
    .action(async (o: UiCliOptions) => setExit(await (await import('./ui.command')).uiCommand(o)));

  return program;
}

function commandOf(argv: readonly string[]): string {
  const sub = argv.find((a) => !a.startsWith('-'));
  return sub && ['diagnose', 'probe', 'undo', 'history', 'report', 'changes', 'ui'].includes(sub)
    ? `conndoctor ${sub}`
    : 'conndoctor';
}

/**
 * Runs the CLI on `argv` (without node and script) and resolves to the exit status. Error
 * lines are in the language of the command's valid `--lang`, else of the environment
 * (parse errors, raised before the options are known, and a bad `--lang` itself).
 */
export async function runCli(argv: readonly string[], version: () => string): Promise<number> {
  let code = 0;
  let lang: Lang = envLang();
  if (argv.length === 0) {
    const missing = msg('cli.error.missingCommand', {
      commands: 'diagnose, probe, undo, history, report, changes',
      last: 'ui',
    });
    process.stderr.write(errorLine(usageError(missing), lang) + '\n');
    return 2;
  }
  try {
    await buildProgram(
      (c) => (code = c),
      version,
      helpLang(argv),
      (l) => (lang = l),
    ).parseAsync(splitFixPlan(argv), { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.help' ||
        e.code === 'commander.version'
      )
        return 0;
      process.stderr.write(
        errorLine(usageError(commanderErrorText(e), commandOf(argv)), lang) + '\n',
      );
      return 2;
    }
    if (e instanceof CliError) {
      process.stderr.write(errorLine(e, lang) + '\n');
      return e.exitCode;
    }
    const text = e instanceof Error ? e.message : String(e);
    process.stderr.write(errorLine(new CliError(3, text), lang) + '\n');
    return 3;
  }
}
