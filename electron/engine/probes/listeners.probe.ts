import type { Evidence, Vantage } from '../../../shared/evidence';
import type { ListenersData } from '../../../shared/probe-data';
import type { Executor, ExecResult } from '../exec/executor';
import type { ProbeRequest } from '../../../shared/probe-request';
import { defineProbe, inconclusiveParse, type Parsed } from './define';
import { msg } from '../../../shared/i18n/message';
import { parseNetstatOutput, parseSsOutput } from './listeners-parse';
import type { ProbeRunner } from './registry';
import { execFailureMessage, hostParams, sanitizeOutput, toEvidence } from './run-command-probe';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';

/** The commands the listeners probe runs, in order of preference (manual mode shows the first). */
export const LISTENERS_COMMANDS: readonly (readonly string[])[] = [
  ['ss', '-Hltnp'],
  ['ss', '-ltnp'],
  ['netstat', '-ltnp'],
];

/** Output of the listeners commands, for other probes that join their pids with ports. */
export interface ListenersRead {
  evidence: Parsed<ListenersData>;
  argv: readonly string[];
  raw: string;
}

function parseFor(argv: readonly string[], r: ExecResult, port?: number): Parsed<ListenersData> {
  const out = {
    stdout: sanitizeOutput(r.stdout),
    stderr: sanitizeOutput(r.stderr),
    exitCode: r.exitCode,
  };
  return argv[0] === 'netstat' ? parseNetstatOutput(out, port) : parseSsOutput(out, port);
}

/**
 * Reads the listening TCP sockets on `executor`: `ss -Hltnp`; `ss -ltnp` where an old ss
 * lacks -H; `netstat -ltnp` where ss is missing. Elevates when it can (process owners
 * need root), and says so when it could not.
 */
export async function readListeners(
  executor: Executor,
  opts: { port?: number; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ListenersRead> {
  let last: ListenersRead | null = null;
  const missing = new Set<string>();
  for (const argv of LISTENERS_COMMANDS) {
    if (missing.has(argv[0] ?? '')) continue;
    const r = await executor.run({
      argv,
      privileged: 'optional',
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
    });
    const raw = sanitizeOutput(r.stdout + r.stderr);
    if (r.error?.code === 'not-installed') {
      missing.add(argv[0] ?? '');
      continue;
    }
    const failure = execFailureMessage(r);
    if (failure && r.error?.code !== 'failed') {
      return { evidence: inconclusiveParse(failure), argv, raw };
    }
    // An ss without -H answers with a usage error: try the next form.
    if (argv[1] === '-Hltnp' && r.exitCode !== 0 && /invalid option|usage/i.test(r.stderr)) {
      last = { evidence: parseFor(argv, r, opts.port), argv, raw };
      continue;
    }
    return { evidence: parseFor(argv, r, opts.port), argv, raw };
  }
  return (
    last ?? {
      evidence: inconclusiveParse(msg('evidence.listeners.noTool', hostParams(executor))),
      argv: LISTENERS_COMMANDS[0] ?? [],
      raw: '',
    }
  );
}

/**
 * `listeners` probe: which TCP sockets listen, on which address (IPv4, IPv6, dual-stack
 * `*`, `%iface`-scoped) and which process owns each. Linux (iproute2 ss, net-tools netstat
 * fallback); runs on the server (or locally for a local target). With a target port, passes
 * when something listens on that port. Without root the owners of other users' sockets are
 * hidden: `processesVisible` is false then, never "no process".
 */
export const listenersProbe: ProbeRunner = async (req, ctx) => {
  const started = Date.now();
  const vantage: Vantage = req.vantage;
  const executor = vantage === 'server' ? ctx.server : ctx.client;
  if (!executor) {
    return inconclusiveEvidence('listeners', vantage, [], msg('evidence.noServerAccess'));
  }
  const read = await readListeners(executor, {
    port: req.target?.port,
    signal: ctx.signal,
    timeoutMs: Math.max(req.timeoutMs, 5000),
  });
  const ev: Evidence = toEvidence(
    'listeners',
    vantage,
    read.argv,
    read.evidence,
    Date.now() - started,
    read.raw,
  );
  return ev;
};

/**
 * The listeners probe as a command probe (manual mode: the command to run by hand and the
 * parser of its pasted output, ss or netstat format, recognised from the text).
 */
export const listenersCommandProbe = defineProbe<ProbeRequest, ListenersData>({
  id: 'listeners',
  commands: () => [
    ['ss', '-Hltnp'],
    ['netstat', '-ltnp'],
  ],
  privileged: 'optional',
  parse: (out, req) =>
    /^(Proto|tcp6?)\s/m.test(out.stdout)
      ? parseNetstatOutput(out, req.target?.port)
      : parseSsOutput(out, req.target?.port),
});
