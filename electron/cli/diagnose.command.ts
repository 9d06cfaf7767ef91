import { createInterface } from 'node:readline';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { Diagnosis, Fix } from '../../shared/evidence';
import { PlanIdSchema } from '../../shared/fix-plan';
import { diagnoseMachine } from '../../shared/flowchart/diagnose.machine';
import { apiActors } from '../../shared/flowchart/api-actors';
import type { Executor } from '../engine/exec/executor';
import { inProcessApi } from '../engine/in-process-api';
import { DEFAULT_ROLLBACK_AFTER_S, fixDeps, manualModeDeps } from '../engine/service-deps';
import type { Store } from '../engine/store/store';
import {
  PASTEABLE_PROBES,
  requestFor,
  type PasteableProbe,
  type RequestParams,
} from '../../shared/flowchart/requests';
import { probeData } from '../../shared/probe-data';
import { createLocalExecutor } from '../engine/exec/local';
import { formatTarget, isIPv4, isIPv6, type Target } from '../../shared/target';
import { runProbe } from '../engine/engine';
import { CliError, noteLine, usageError, type Render } from './cli-error';
import { UserFileError } from '../engine/fs/user-file';
import { manualCommands, neededManualCommands, nextManualCommand } from '../engine/manual';
import { outputFileName, readOutputsDir, readPasted } from './manual';
import { serviceOpt, sshOpt, targetArg, timeoutOpt, type AccessOptions } from './options';
import { fixLines, painter, renderDiagnosis } from './render';
import { reportFormatOpt, writeReportFile } from './report-file';
import { cliLang } from './lang';
import { msg } from '../../shared/i18n/message';
import { translator, type Lang } from '../../shared/i18n/translate';
import { APP_VERSION } from '../engine/app-version';
import { openAccess, openSsh, type Access } from './server-access';
import { argvToText } from '../../shared/argv-text';
import { cliStore, recordDiagnosis } from './cli-store';
import { safeText } from '../../shared/text';

/** Options of `conndoctor diagnose` as commander hands them over. */
export interface DiagnoseCliOptions extends AccessOptions {
  fix?: boolean;
  /** `--fix=PLAN` (split off by the program). */
  fixPlan?: string;
  yes?: boolean;
  rollbackAfter?: string;
  sudoPasswordStdin?: boolean;
  manual?: boolean;
  outputs?: string;
  printCommands?: boolean;
  /** `--report FILE`: also write the session as a report (.md, .html or .json). */
  report?: string;
  /** commander's negation of `--no-history`. */
  history?: boolean;
  /** `--lang` (when the CLI has it); else the environment decides. */
  lang?: string;
}

const USAGE = 'conndoctor diagnose';

function checkCombination(o: DiagnoseCliOptions): void {
  const manualModes = [o.manual, o.outputs !== undefined].filter(Boolean).length;
  if (o.fixPlan !== undefined && !PlanIdSchema.safeParse(o.fixPlan).success) {
    throw usageError(msg('cli.error.fixPlanBad', { plan: o.fixPlan }), USAGE);
  }
  if (o.sudoPasswordStdin && o.manual) {
    throw usageError(msg('cli.error.sudoAndManual'), USAGE);
  }
  if (manualModes > 1) throw usageError(msg('cli.error.manualAndOutputs'), USAGE);
  if (o.ssh && (manualModes > 0 || o.printCommands)) {
    throw usageError(msg('cli.error.manualAndSsh'), USAGE);
  }
}

/**
 * Request parameters for manual mode. For a name target the commands about the reached
 * address need that address: resolved here as the client resolves it.
 */
async function manualParams(
  target: Target,
  timeoutMs: number,
  service: string | undefined,
): Promise<RequestParams> {
  const params: RequestParams = { target, timeoutMs, service };
  if (isIPv4(target.host) || isIPv6(target.host)) return params;
  const local = createLocalExecutor();
  try {
    const dns = await runProbe(
      { probe: 'dns', vantage: 'client', host: target.host, timeoutMs },
      { client: local, server: null },
    );
    const first = probeData('dns', dns.data)?.addresses[0]?.address;
    return first ? { ...params, address: first } : params;
  } finally {
    await local.close();
  }
}

/**
 * The commands of manual mode, one per line: `<file>\t<argv joined by spaces>`. A probe
 * that reads several sources (the firewall) has a line per command under the same file:
 * put them in that file as a transcript, each output under its `$ command` line.
 */
async function printCommands(params: RequestParams): Promise<string> {
  const lines: string[] = [];
  for (const probe of PASTEABLE_PROBES) {
    const cmds = await neededManualCommands(requestFor(probe, 'server', params));
    if (cmds.length === 0) lines.push(`${outputFileName(probe)}\t(not available in this build)`);
    for (const c of cmds) lines.push(`${outputFileName(probe)}\t${argvToText(c.argv)}`);
  }
  return lines.join('\n') + '\n';
}

/** Collects pasted outputs: from `--outputs DIR`, or typed/pasted on the terminal. */
async function collectOutputs(
  o: DiagnoseCliOptions,
  params: RequestParams,
  lang: Lang,
): Promise<Partial<Record<PasteableProbe, string>>> {
  if (o.outputs !== undefined) {
    try {
      return await readOutputsDir(o.outputs);
    } catch (e) {
      const dir = o.outputs;
      // Our own reasons in the user's language; the system's (ENOENT…) as it words them.
      const detail = (t: Render): string =>
        e instanceof UserFileError
          ? t(e.msg)
          : e instanceof CliError
            ? e.rendered(lang)
            : e instanceof Error
              ? e.message
              : String(e);
      throw usageError(
        (t) => t(msg('cli.error.outputsUnreadable', { dir, detail: detail(t) })),
        USAGE,
      );
    }
  }
  const t = translator(lang);
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const out: Partial<Record<PasteableProbe, string>> = {};
  // Ask command by command, as the probe itself asks: a fallback (netstat) only when its
  // first choice (ss) was skipped. Two probes may ask for the same command (service finds
  // the port's owner with ss): ask once. Several commands of one probe (the firewall)
  // become one transcript, each output under its `$ command` line.
  const answers = new Map<string, string>();
  const skipped = new Set<string>();
  try {
    ask: for (const probe of PASTEABLE_PROBES) {
      const req = requestFor(probe, 'server', params);
      const used: string[] = [];
      for (let i = 0; i < 32; i++) {
        const cmd = await nextManualCommand(req, answers, skipped);
        if (!cmd) break;
        const line = argvToText(cmd.argv);
        const ask = t(msg(cmd.privileged === true ? 'cli.manual.pasteRoot' : 'cli.manual.paste'));
        process.stderr.write(`\n${ask}\n  $ ${line}\n`);
        const text = await readPasted(lines);
        if (text === null) break ask;
        if (text.trim() === '') skipped.add(line);
        else answers.set(line, text);
      }
      const asks = new Set((await manualCommands(req)).map((c) => argvToText(c.argv)));
      for (const [line, text] of answers) if (asks.has(line)) used.push(`$ ${line}\n${text}`);
      if (used.length > 0) out[probe] = used.join('\n');
    }
  } finally {
    rl.close();
  }
  return out;
}

/** The server-access options as they would be typed again (for the apply hint). */
function accessArgs(o: AccessOptions): string {
  return [
    o.ssh ? ` --ssh ${o.ssh}` : '',
    o.identity ? ` --identity ${o.identity}` : '',
    o.knownHosts ? ` --known-hosts ${o.knownHosts}` : '',
  ].join('');
}

/** The server side as the human output names it: the SSH destination, else in words. */
function serverShown(access: Access, lang: Lang): string | null {
  const t = translator(lang);
  if (access.access === 'manual') return t(msg('cli.result.serverPasted'));
  if (access.server !== null && access.server === access.client) {
    return t(msg('cli.result.serverLocal'));
  }
  return access.serverLabel;
}

/** What `--fix` asks of a run. */
export interface FixRequest {
  /** `--fix=PLAN`: that alternative instead of the proposed fix. */
  planId?: string;
  /** `--yes`: do not ask. */
  yes: boolean;
  rollbackAfterS: number;
  /** Where applied changes are logged (null: not logged). */
  store: Store | null;
  /** Opens a fresh SSH connection to the server (same access). */
  reconnect(): Promise<Executor>;
}

/**
 * Asks on the terminal whether to apply this exact fix (prompt on stderr). Without a
 * terminal and without `--yes` there is no one to ask: not applied.
 */
async function askConsent(fix: Fix, yes: boolean, lang: Lang): Promise<boolean> {
  if (yes) return true;
  const t = translator(lang);
  if (!process.stdin.isTTY) throw new Error(t(msg('cli.result.noTerminal')));
  // The exact commands (and the diff of a config edit), risk and undo, as in the result.
  process.stderr.write(['', ...fixLines(fix, painter(process.stderr), lang), ''].join('\n'));
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) =>
      rl.question(t(msg('cli.result.ask')), resolve),
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/**
 * `--manual --fix`: prints the fix's commands for the user to run on the server (on
 * stderr), waits for Enter on a terminal (not with `--yes`), then verifies by connecting
 * from here — up to four times, half a second apart. Nothing is applied by ConnDoctor, so
 * nothing is logged or rolled back.
 */
async function manualFix(
  d: Diagnosis,
  fix: FixRequest,
  access: Access,
  timeoutMs: number,
  lang: Lang,
): Promise<Diagnosis> {
  const chosen = [d.fix, ...d.alternatives].find((f) => f?.id === (fix.planId ?? d.fix?.id));
  if (!chosen) return d;
  const t = translator(lang);
  const description = safeText(chosen.message ? t(chosen.message) : chosen.description, 2000);
  process.stderr.write(
    [
      '',
      t(msg(chosen.privileged ? 'cli.manual.fixRoot' : 'cli.manual.fix', { description })),
      ...chosen.commands.map((c) => `  $ ${chosen.privileged ? 'sudo ' : ''}${argvToText(c)}`),
      '',
    ].join('\n'),
  );
  if (!fix.yes && process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      await new Promise<string>((r) => rl.question(t(msg('cli.manual.ran')), r));
    } finally {
      rl.close();
    }
  }
  let ok = false;
  for (let i = 0; i < 4 && !ok; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 500));
    const e = await runProbe(
      {
        probe: 'connect',
        vantage: 'client',
        target: { host: d.target.host, port: d.target.port },
        timeoutMs,
      },
      { client: access.client, server: null },
    );
    ok = e.ok;
  }
  return {
    ...d,
    fix: chosen,
    alternatives: [d.fix, ...d.alternatives].filter(
      (f): f is Fix => f !== null && f.id !== chosen.id,
    ),
    verified: ok,
    ...(ok ? { nextSteps: [] } : {}),
  };
}

/** Reads the sudo password: stdin up to its first line end (never argv or env). */
async function readSudoPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '') throw usageError(msg('cli.error.noPassword'), USAGE);
  return line;
}

/** `--rollback-after S`: 10-600 seconds, default 60. */
function rollbackAfterOpt(text: string | undefined): number {
  if (text === undefined) return DEFAULT_ROLLBACK_AFTER_S;
  if (!/^\d{1,4}$/.test(text.trim())) {
    throw usageError(msg('cli.error.rollbackInvalid', { value: text }), USAGE);
  }
  const n = Number(text.trim());
  if (n < 10 || n > 600) throw usageError(msg('cli.error.rollbackRange', { value: n }), USAGE);
  return n;
}

/** An executor the service may use but not close (the CLI's access owns it). */
export function borrowed(e: Executor): Executor {
  return {
    kind: e.kind,
    label: e.label,
    run: (req) => e.run(req),
    ...(e.connect ? { connect: e.connect.bind(e) } : {}),
    close: () => Promise.resolve(),
  };
}

/**
 * Runs the flowchart machine headless on the contracts API in this process, with the
 * same actors as the renderer (`apiActors`): the CLI's SSH connection becomes the
 * service's session, pasted outputs go through `probe.parse`.
 */
export async function runDiagnosis(
  target: Target,
  access: Access,
  opts: {
    timeoutMs: number;
    service?: string;
    pasted?: Partial<Record<PasteableProbe, string>>;
    fix?: FixRequest;
    /** The language of the consent prompt (default English). */
    lang?: Lang;
  },
  signal: AbortSignal,
): Promise<Diagnosis> {
  const server = access.server;
  const local = server !== null && server === access.client;
  const fix = opts.fix;
  let opened = 0;
  const inProcess = inProcessApi({
    ...manualModeDeps(),
    ...(fix ? fixDeps({ store: fix.store, rollbackAfterS: fix.rollbackAfterS }) : {}),
    localExecutor: () => borrowed(access.client),
    ...(server && !local
      ? {
          // The CLI's own SSH connection first; later a fresh one (the dead-man switch is
          // stopped only through a new connection after the change).
          openSession: async () =>
            opened++ === 0 || !fix
              ? { executor: borrowed(server), label: access.serverLabel ?? '' }
              : { executor: await fix.reconnect(), label: access.serverLabel ?? '' },
        }
      : {}),
    isLocalHost: () => Promise.resolve(local),
    appInfo: {
      name: 'ConnDoctor',
      version: APP_VERSION,
      mode: 'browser',
      platform: process.platform,
    },
  });
  const { api } = inProcess;
  let sessionId: string | null = null;
  if (server && !local) {
    const opened = await api.sessionOpen({ destination: access.serverLabel ?? 'server' });
    if (!opened.ok) throw new CliError(3, opened.error.message);
    sessionId = opened.value.sessionId;
  }
  const machine = diagnoseMachine.provide({
    actors: {
      ...apiActors(api, { sessionId: () => sessionId, serverHost: () => target.host }),
      askConsent: fromPromise<boolean, Fix>(({ input }) =>
        askConsent(input, fix?.yes === true, opts.lang ?? 'en'),
      ),
    },
  });
  const actor = createActor(machine).start();
  const onAbort = () => actor.send({ type: 'cancel' });
  signal.addEventListener('abort', onAbort);
  try {
    actor.send({
      type: 'diagnose.start',
      target,
      timeoutMs: opts.timeoutMs,
      service: opts.service,
      access: access.access,
      auto: true,
      fix: fix !== undefined,
      ...(fix?.planId !== undefined ? { planId: fix.planId } : {}),
    });
    if (access.access === 'manual') {
      for (const [probe, stdout] of Object.entries(opts.pasted ?? {})) {
        actor.send({ type: 'manual.paste', probe: probe as PasteableProbe, stdout });
      }
      actor.send({ type: 'manual.done' });
    }
    const snap = await waitFor(actor, (s) => s.matches('done') || s.matches('cancelled'), {
      timeout: opts.timeoutMs * 4 + 60_000,
    });
    if (snap.matches('cancelled') || !snap.context.diagnosis)
      throw new CliError(3, msg('cli.error.cancelled'));
    return snap.context.diagnosis;
  } finally {
    signal.removeEventListener('abort', onAbort);
    actor.stop();
    await inProcess.close();
  }
}

/** `conndoctor diagnose HOST:PORT [options]`: returns the exit status. */
export async function diagnoseCommand(hostPort: string, o: DiagnoseCliOptions): Promise<number> {
  const target = targetArg(hostPort, USAGE);
  const timeoutMs = timeoutOpt(o.timeout, USAGE);
  const service = serviceOpt(o.service, USAGE);
  await sshOpt(o.ssh, USAGE);
  checkCombination(o);
  const reportFormat = reportFormatOpt(o.report, USAGE);
  const lang = cliLang(o.lang, USAGE);
  if (o.printCommands) {
    process.stdout.write(await printCommands(await manualParams(target, timeoutMs, service)));
    return 0;
  }
  const manual = o.manual === true || o.outputs !== undefined;
  const pasted = manual
    ? await collectOutputs(o, await manualParams(target, timeoutMs, service), lang)
    : undefined;
  const rollbackAfterS = rollbackAfterOpt(o.rollbackAfter);
  const sudoPassword = o.sudoPasswordStdin ? await readSudoPassword() : undefined;
  const access = await openAccess(target.host, { ...o, manual }, timeoutMs, sudoPassword);
  const reconnects: Executor[] = [];
  const fix: FixRequest | undefined =
    o.fix || o.fixPlan !== undefined
      ? {
          ...(o.fixPlan !== undefined ? { planId: o.fixPlan } : {}),
          yes: o.yes === true,
          rollbackAfterS,
          store: cliStore(lang),
          reconnect: async () => {
            const e = await openSsh(o, timeoutMs, sudoPassword);
            reconnects.push(e);
            return e;
          },
        }
      : undefined;
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    let d = await runDiagnosis(
      target,
      access,
      // Manual mode: no access to apply anything; the fix is printed and verified below.
      { timeoutMs, service, pasted, lang, ...(fix && !manual ? { fix } : {}) },
      ac.signal,
    );
    if (fix && manual) d = await manualFix(d, fix, access, timeoutMs, lang);
    if (
      fix?.planId !== undefined &&
      ![d.fix, ...d.alternatives].some((f) => f?.id === fix.planId)
    ) {
      const proposed = [d.fix, ...d.alternatives].flatMap((f) => (f ? [f.id] : []));
      throw usageError(
        proposed.length > 0
          ? msg('cli.error.fixNotProposed', { plan: fix.planId, proposed: proposed.join(', ') })
          : msg('cli.error.fixNoneProposed', { plan: fix.planId }),
        USAGE,
      );
    }
    if (o.json) process.stdout.write(JSON.stringify(d, null, 2) + '\n');
    else {
      process.stdout.write(
        renderDiagnosis(d, painter(process.stdout), serverShown(access, lang), lang, accessArgs(o)),
      );
    }
    // Every diagnosis is recorded unless --no-history; a failed write only warns.
    if (o.history !== false) await recordDiagnosis(d, o.ssh ?? null, lang);
    if (o.report !== undefined && reportFormat !== null) {
      try {
        await writeReportFile(d, o.report, reportFormat, {
          lang,
          generatedAt: new Date().toISOString(),
          appVersion: APP_VERSION,
        });
      } catch (e) {
        // The diagnosis stands; say on stderr that its report could not be written.
        const detail = e instanceof Error ? e.message : String(e);
        process.stderr.write(
          noteLine(msg('cli.error.reportWriteFailed', { file: o.report, detail }), lang),
        );
      }
    }
    return d.cause === 'ok' || d.verified === true ? 0 : 1;
  } catch (e) {
    if (ac.signal.aborted)
      throw new CliError(3, msg('cli.error.interrupted', { target: formatTarget(target) }));
    throw e;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await Promise.allSettled(reconnects.map((e) => e.close()));
    await access.close();
  }
}
