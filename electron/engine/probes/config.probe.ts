import { createHash } from 'node:crypto';
import type { Evidence } from '../../../shared/evidence';
import type { ConfigData } from '../../../shared/probe-data';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';
import { windowAround, splitLines } from '../../../shared/config-diff';
import { lastRedisBind, nginxListenBinds } from '../../../shared/config-directives';
import { isIPv6 } from '../../../shared/target';
import {
  configFromExecStart,
  nginxInvocation,
  parseNginxDump,
  parseNginxError,
  parsePs,
  parseSha256sum,
  unitFromCgroup,
} from './config-parse';
import { readListeners } from './listeners.probe';
import type { ProbeRunner } from './registry';
import { execFailureMessage, execFailureReason, sanitizeOutput } from './run-command-probe';
import { msg, type Message } from '../../../shared/i18n/message';
import { english } from '../../../shared/i18n/translate';

/** A configuration file larger than this is not read (no listen setting needs more). */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * `config` probe (Linux, server side): for the process that owns the listener on the
 * target port, finds the configuration file it really uses and the directive that decides
 * its address — nginx: `nginx -T` (the files it read, the `listen` line), with its own
 * `-c`; Redis: the file its unit's `ExecStart` names, its last `bind` line. Reads that file
 * (bounded) and its SHA-256, so a `config.edit` plan can show the diff and refuse to write
 * over a file that changed since. A configuration nginx itself rejects is reported with
 * nginx's own error line and the file:line it names.
 */
export const configProbe: ProbeRunner = async (req, ctx) => {
  const started = Date.now();
  const executor = ctx.server;
  const port = req.target?.port;
  if (!executor || port === undefined) {
    return inconclusiveEvidence(
      'config',
      'server',
      [],
      executor ? msg('evidence.needsTarget', { probe: 'config' }) : msg('evidence.noServerAccess'),
    );
  }
  const timeoutMs = Math.max(req.timeoutMs, 10_000);
  const commands: string[] = [];
  const exec = async (argv: string[], privileged: boolean | 'optional' = 'optional') => {
    commands.push(argv.join(' '));
    return executor.run({ argv, privileged, signal: ctx.signal, timeoutMs });
  };
  const done = (
    status: 'pass' | 'fail' | 'inconclusive',
    message: Message,
    data: ConfigData | null,
    raw?: string,
  ): Evidence => {
    const base = {
      probe: 'config' as const,
      vantage: 'server' as const,
      command: commands.slice(-1)[0]?.split(' ') ?? [],
      ms: Date.now() - started,
      ...(raw !== undefined ? { raw: sanitizeOutput(raw).slice(0, 64 * 1024) } : {}),
    };
    if (status === 'inconclusive') {
      return inconclusiveEvidence('config', 'server', base.command, message, {
        ms: base.ms,
        data,
        ...(base.raw !== undefined ? { raw: base.raw } : {}),
      });
    }
    return {
      ...base,
      ok: status === 'pass',
      status,
      summary: english(message),
      message,
      data,
    };
  };

  let pid = req.pid;
  if (pid === undefined) {
    const read = await readListeners(executor, { port, signal: ctx.signal, timeoutMs });
    const on = read.evidence.data?.listeners.filter((l) => l.port === port && l.pid !== null) ?? [];
    pid = on[0]?.pid ?? undefined;
    if (pid === undefined)
      return done('inconclusive', msg('evidence.config.noProcess', { port }), null);
  }
  const ps = await exec(['ps', '-ww', '-o', 'comm=', '-o', 'args=', '-p', String(pid)], false);
  const proc = parsePs(sanitizeOutput(ps.stdout));
  if (!proc) return done('inconclusive', msg('evidence.config.processGone', { pid }), null);
  const cg = await exec(['cat', `/proc/${pid}/cgroup`], false);
  const unit = unitFromCgroup(sanitizeOutput(cg.stdout));
  const v6 = req.address !== undefined && isIPv6(req.address);
  const data: ConfigData = {
    program: proc.comm,
    pid,
    unit,
    file: null,
    sha256: null,
    directive: null,
    window: null,
    check: null,
  };

  let file: string;
  let line: number | null = null;
  let dumpLine: string | null = null;
  if (proc.comm === 'nginx') {
    data.program = 'nginx';
    const { bin, options } = nginxInvocation(proc.args);
    const dump = await exec([bin, '-T', ...options]);
    const why = execFailureMessage(dump);
    if (why && dump.error?.code !== 'failed') return done('inconclusive', why, data);
    data.check = [bin, '-t', ...options];
    if (dump.exitCode !== 0) {
      const err = parseNginxError(sanitizeOutput(dump.stderr));
      if (!err) {
        return done(
          'inconclusive',
          msg('evidence.config.dumpFailed', {
            command: 'nginx -T',
            status: dump.exitCode ?? '?',
          }),
          data,
        );
      }
      data.error = err.line;
      data.errorAt = err.at;
      return done(
        'fail',
        msg('evidence.config.rejected', { program: 'nginx', error: err.line }),
        data,
        dump.stderr,
      );
    }
    const found = parseNginxDump(sanitizeOutput(dump.stdout))
      .flatMap((f) => f.lines.map((text, i) => ({ path: f.path, line: i + 1, text })))
      .find((l) => nginxListenBinds(l.text, port, v6));
    if (!found) {
      return done(
        'inconclusive',
        msg('evidence.config.noListen', { command: 'nginx -T', port }),
        data,
      );
    }
    file = found.path;
    line = found.line;
    dumpLine = found.text;
  } else if (proc.comm === 'redis-server') {
    data.program = 'redis';
    if (!unit)
      return done(
        'inconclusive',
        msg('evidence.config.noUnit', { program: 'redis-server', pid }),
        data,
      );
    const show = await exec(['systemctl', 'show', '-p', 'ExecStart', unit], false);
    const path = configFromExecStart(sanitizeOutput(show.stdout));
    if (!path)
      return done(
        'inconclusive',
        msg('evidence.config.noFile', { unit, program: 'redis-server' }),
        data,
      );
    file = path;
  } else {
    return done(
      'inconclusive',
      msg('evidence.config.unknownProgram', { program: proc.comm }),
      data,
    );
  }

  data.file = file;
  const sum = await exec(['sha256sum', '--', file]);
  const sha256 = parseSha256sum(sum.stdout);
  const cat = await exec(['cat', '--', file]);
  const readWhy = execFailureReason(cat) ?? (cat.exitCode !== 0 ? cat.stderr.trim() : null);
  if (!sha256 || readWhy) {
    return done(
      'inconclusive',
      readWhy
        ? msg('evidence.config.unreadable', { file, error: readWhy })
        : msg('evidence.config.noSha', { file }),
      data,
    );
  }
  if (cat.truncated || cat.stdout.length > MAX_CONFIG_BYTES) {
    return done('inconclusive', msg('evidence.config.tooLarge', { file }), data);
  }
  // Only a file that reads back byte for byte (plain UTF-8 text) is ever edited.
  if (createHash('sha256').update(cat.stdout, 'utf8').digest('hex') !== sha256) {
    return done('inconclusive', msg('evidence.config.notText', { file }), data);
  }
  data.sha256 = sha256;
  const { lines } = splitLines(cat.stdout);
  if (data.program === 'redis') line = lastRedisBind(lines);
  const text = line !== null ? lines[line - 1] : undefined;
  if (line === null || text === undefined || (dumpLine !== null && text !== dumpLine)) {
    return done('inconclusive', msg('evidence.config.noDirective', { file }), data);
  }
  data.directive = { line, text };
  data.window = windowAround(lines, line);
  return done('pass', msg('evidence.config.directive', { file, line, text: text.trim() }), data);
};
