import { createInterface } from 'node:readline';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { Diagnosis, Evidence } from '../../shared/evidence';
import type { ProbeRequest } from '../../shared/probe-request';
import { diagnoseMachine, type ParsePastedInput } from '../../shared/flowchart/diagnose.machine';
import {
  PASTEABLE_PROBES,
  requestFor,
  type PasteableProbe,
  type RequestParams,
} from '../../shared/flowchart/requests';
import type { DnsData } from '../../shared/probe-data';
import { createLocalExecutor } from '../engine/exec/local';
import { formatTarget, isIPv4, isIPv6, type Target } from '../../shared/target';
import { runProbe } from '../engine/engine';
import { cliError, noticeLine, usageError } from './cli-error';
import { msg } from '../../shared/i18n/message';
import type { Tr } from './lang';
import {
  commandLine,
  manualCommands,
  neededManualCommands,
  nextManualCommand,
} from '../engine/manual';
import { outputFileName, parsePasted, readOutputsDir, readPasted } from './manual';
import { langOpt, serviceOpt, sshOpt, targetArg, timeoutOpt, type AccessOptions } from './options';
import { painter, renderDiagnosis } from './render';
import { appVersion, reportFormatOpt, writeReportFile } from './report-file';
import { openAccess, type Access } from './server-access';

/** Options of `conndoctor diagnose` as commander hands them over. */
export interface DiagnoseCliOptions extends AccessOptions {
  fix?: boolean;
  yes?: boolean;
  manual?: boolean;
  outputs?: string;
  printCommands?: boolean;
  /** `--report FILE`: also write the session as a report (.md, .html or .json). */
  report?: string;
  /** commander's negation of `--no-history`. */
  history?: boolean;
}

const USAGE = 'conndoctor diagnose';

function checkCombination(o: DiagnoseCliOptions): void {
  if (o.fix || o.yes) throw usageError('fixUnsupported', {}, USAGE);
  const manualModes = [o.manual, o.outputs !== undefined].filter(Boolean).length;
  if (manualModes > 1) throw usageError('manualBoth', {}, USAGE);
  if (o.ssh && (manualModes > 0 || o.printCommands)) throw usageError('manualWithSsh', {}, USAGE);
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
    const first = (dns.data as DnsData | null)?.addresses?.[0]?.address;
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
async function printCommands(params: RequestParams, tr: Tr): Promise<string> {
  const lines: string[] = [];
  for (const probe of PASTEABLE_PROBES) {
    const cmds = await neededManualCommands(requestFor(probe, 'server', params));
    if (cmds.length === 0)
      lines.push(`${outputFileName(probe)}\t${tr.t(msg('cli.manual.notAvailable'))}`);
    for (const c of cmds) lines.push(`${outputFileName(probe)}\t${commandLine(c.argv)}`);
  }
  return lines.join('\n') + '\n';
}

/** Collects pasted outputs: from `--outputs DIR`, or typed/pasted on the terminal. */
async function collectOutputs(
  o: DiagnoseCliOptions,
  params: RequestParams,
  tr: Tr,
): Promise<Partial<Record<PasteableProbe, string>>> {
  if (o.outputs !== undefined) {
    try {
      return await readOutputsDir(o.outputs);
    } catch (e) {
      throw usageError(
        'outputsUnreadable',
        { dir: o.outputs, detail: e instanceof Error ? e.message : String(e) },
        USAGE,
      );
    }
  }
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
        const line = commandLine(cmd.argv);
        const prompt = cmd.privileged === true ? 'cli.manual.promptRoot' : 'cli.manual.prompt';
        process.stderr.write(`\n${tr.t(msg(prompt))}\n  $ ${line}\n`);
        const text = await readPasted(lines);
        if (text === null) break ask;
        if (text.trim() === '') skipped.add(line);
        else answers.set(line, text);
      }
      const asks = new Set((await manualCommands(req)).map((c) => commandLine(c.argv)));
      for (const [line, text] of answers) if (asks.has(line)) used.push(`$ ${line}\n${text}`);
      if (used.length > 0) out[probe] = used.join('\n');
    }
  } finally {
    rl.close();
  }
  return out;
}

/** Runs the flowchart machine headless with actors that call the engine directly. */
export async function runDiagnosis(
  target: Target,
  access: Access,
  opts: { timeoutMs: number; service?: string; pasted?: Partial<Record<PasteableProbe, string>> },
  signal: AbortSignal,
): Promise<Diagnosis> {
  const machine = diagnoseMachine.provide({
    actors: {
      runProbe: fromPromise<Evidence, ProbeRequest>(({ input, signal: s }) =>
        runProbe(input, {
          client: access.client,
          server: access.server,
          signal: s,
          counterProof: 'when-needed',
        }),
      ),
      parsePasted: fromPromise<Evidence, ParsePastedInput>(({ input }) =>
        Promise.resolve(parsePasted(input)),
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
    if (snap.matches('cancelled') || !snap.context.diagnosis) throw cliError(3, 'cancelled');
    return snap.context.diagnosis;
  } finally {
    signal.removeEventListener('abort', onAbort);
    actor.stop();
  }
}

/** `conndoctor diagnose HOST:PORT [options]`: returns the exit status. */
export async function diagnoseCommand(hostPort: string, o: DiagnoseCliOptions): Promise<number> {
  const tr = langOpt(o.lang, USAGE);
  const target = targetArg(hostPort, USAGE);
  const timeoutMs = timeoutOpt(o.timeout, USAGE);
  const service = serviceOpt(o.service, USAGE);
  await sshOpt(o.ssh, USAGE);
  checkCombination(o);
  const reportFormat = reportFormatOpt(o.report, USAGE);
  if (o.printCommands) {
    process.stdout.write(await printCommands(await manualParams(target, timeoutMs, service), tr));
    return 0;
  }
  const manual = o.manual === true || o.outputs !== undefined;
  const pasted = manual
    ? await collectOutputs(o, await manualParams(target, timeoutMs, service), tr)
    : undefined;
  const access = await openAccess(target.host, { ...o, manual }, timeoutMs);
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    const d = await runDiagnosis(target, access, { timeoutMs, service, pasted }, ac.signal);
    if (o.json) process.stdout.write(JSON.stringify(d, null, 2) + '\n');
    else process.stdout.write(renderDiagnosis(d, painter(process.stdout), access.serverSide, tr));
    if (o.report !== undefined && reportFormat !== null) {
      try {
        await writeReportFile(d, o.report, reportFormat, {
          lang: tr.lang,
          generatedAt: new Date().toISOString(),
          appVersion: appVersion(),
        });
      } catch (e) {
        // The diagnosis stands; say on stderr that its report could not be written.
        const detail = e instanceof Error ? e.message : String(e);
        process.stderr.write(
          noticeLine(msg('cli.reportFailed', { file: o.report, detail }), tr) + '\n',
        );
      }
    }
    return d.cause === 'ok' ? 0 : 1;
  } catch (e) {
    if (ac.signal.aborted) throw cliError(3, 'interrupted', { target: formatTarget(target) });
    throw e;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await access.close();
  }
}
