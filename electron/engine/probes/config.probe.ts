import { createHash } from 'node:crypto';
import type { Evidence } from '../../../shared/evidence';
import type { ConfigData } from '../../../shared/probe-data';
import { inconclusiveEvidence } from '../../../shared/inconclusive-evidence';
import { windowAround, splitLines } from '../../../shared/config-diff';
import {
  apacheListenBinds,
  lastRedisBind,
  lastRedisPort,
  nginxListenOnPort,
  pgPortLine,
  mysqlBindLocation,
  mysqlIncludes,
  type MysqlOption,
  nginxListenBinds,
  pgListenLine,
  sshdIncludes,
  sshdListenLines,
} from '../../../shared/config-directives';
import { isIPv6 } from '../../../shared/target';
import {
  environmentValue,
  mysqlArgvBind,
  mysqlArgvEverywhere,
  mysqlOptsEverywhere,
  parseShowEnvironment,
  redisArgvEverywhere,
} from '../../../shared/unit-dropin';
import {
  configFromExecStart,
  lastEnvironmentLine,
  lastExecStartLine,
  parseExecStart,
  parseUnitPaths,
  nginxInvocation,
  parseNginxDump,
  parseNginxError,
  mysqlDefaultsFile,
  parseApacheError,
  type ConfigError,
  parseApacheIncludes,
  parseGrepHits,
  parsePs,
  parseSha256sum,
  parseSshdError,
  parseSshdListen,
  pgInvocation,
  sshdInvocation,
  unitFromCgroup,
} from './config-parse';
import type { ExecResult } from '../exec/executor';
import { readListeners } from './listeners.probe';
import type { ProbeRunner } from './registry';
import { execFailureMessage, execFailureReason, sanitizeOutput } from './run-command-probe';
import { msg, type Message } from '../../../shared/i18n/message';
import { english } from '../../../shared/i18n/translate';

/** How far from the directive other lines that set the same are changed with it. */
const NEARBY = 6;

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
  // Moving the service (wrong-port): the directive of the port it listens on instead.
  const move = req.listenPort !== undefined && req.listenPort !== req.target?.port;
  const port = move ? req.listenPort : req.target?.port;
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

  /**
   * The address is on the unit's command line, or in a variable it passes there: the unit
   * file (or drop-in) whose `ExecStart=` (or `Environment=`) line systemd uses, that line,
   * and the drop-ins the fix must sort after.
   */
  const unitSettingEvidence = async (
    data: ConfigData,
    unit: string,
    setting: { argv: string[] } | { name: string; value: string },
  ): Promise<Evidence> => {
    const show = await exec(
      ['systemctl', 'show', '-p', 'FragmentPath', '-p', 'DropInPaths', unit],
      false,
    );
    const paths = parseUnitPaths(sanitizeOutput(show.stdout));
    let find: (lines: readonly string[]) => number | null;
    let shown: string;
    if ('argv' in setting) {
      data.execStart = { argv: setting.argv, dropIns: paths.dropIns };
      find = lastExecStartLine;
      shown = `ExecStart=${setting.argv.join(' ')}`;
    } else {
      data.environment = { ...setting, dropIns: paths.dropIns };
      find = (lines) => lastEnvironmentLine(lines, setting.name);
      shown = `Environment=${setting.name}=${setting.value}`;
    }
    const files = [...(paths.fragment ? [paths.fragment] : []), ...paths.dropIns].reverse();
    for (const f of files) {
      const r = await exec(['cat', '--', f]);
      if (r.exitCode !== 0 || r.truncated) continue;
      const lines = splitLines(sanitizeOutput(r.stdout)).lines;
      const line = find(lines);
      const text = line !== null ? lines[line - 1] : undefined;
      if (line === null || text === undefined) continue;
      data.file = f;
      data.directive = { line, text };
      data.window = windowAround(lines, line);
      return done(
        'pass',
        msg('evidence.config.directive', { file: f, line, text: text.trim() }),
        data,
      );
    }
    return done(
      'pass',
      msg('evidence.config.directive', { file: unit, line: 0, text: shown }),
      data,
    );
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

  if (move) data.listenPort = port;

  /**
   * The program's own dump of its configuration (`nginx -T`, `sshd -T`, `apache2ctl -t`):
   * the evidence when it could not run or rejects the configuration (with its own line and
   * the file:line it names), else null; `check` becomes the plan's check once it ran.
   */
  const ownCheckFailed = (
    r: ExecResult,
    check: string[],
    command: string,
    program: string,
    parse: (stderr: string) => ConfigError | null,
  ): Evidence | null => {
    const why = execFailureMessage(r);
    if (why && r.error?.code !== 'failed') return done('inconclusive', why, data);
    data.check = check;
    if (r.exitCode === 0) return null;
    const err = parse(sanitizeOutput(r.stderr));
    if (!err) {
      return done(
        'inconclusive',
        msg('evidence.config.dumpFailed', { command, status: r.exitCode ?? '?' }),
        data,
      );
    }
    data.error = err.line;
    data.errorAt = err.at;
    return done(
      'fail',
      msg('evidence.config.rejected', { program, error: err.line }),
      data,
      r.stderr,
    );
  };
  const unsupported = (program: string) =>
    done('inconclusive', msg('evidence.config.moveUnsupported', { program }), data);

  let file: string;
  let line: number | null = null;
  let dumpLine: string | null = null;
  if (proc.comm === 'nginx') {
    data.program = 'nginx';
    const { bin, options } = nginxInvocation(proc.args);
    const dump = await exec([bin, '-T', ...options]);
    const refused = ownCheckFailed(
      dump,
      [bin, '-t', ...options],
      'nginx -T',
      'nginx',
      parseNginxError,
    );
    if (refused) return refused;
    const found = parseNginxDump(sanitizeOutput(dump.stdout))
      .flatMap((f) => f.lines.map((text, i) => ({ path: f.path, line: i + 1, text })))
      .find((l) => (move ? nginxListenOnPort(l.text, port) : nginxListenBinds(l.text, port, v6)));
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
    const argv = parseExecStart(sanitizeOutput(show.stdout));
    if (move && argv?.some((a) => a === '--port' || a.startsWith('--port='))) {
      return done(
        'inconclusive',
        msg('evidence.config.moveOnCommandLine', {
          unit,
          program: 'redis-server',
          option: '--port',
        }),
        data,
      );
    }
    if (!move && argv && redisArgvEverywhere(argv)) {
      // The address is a command-line argument: it wins over the file's `bind`.
      return unitSettingEvidence(data, unit, { argv });
    }
    const path = configFromExecStart(sanitizeOutput(show.stdout));
    if (!path)
      return done(
        'inconclusive',
        msg('evidence.config.noFile', { unit, program: 'redis-server' }),
        data,
      );
    file = path;
  } else if (proc.comm === 'sshd') {
    data.program = 'sshd';
    // Never moved: the sshd carrying a session must keep its port (DESIGN §2).
    if (move) return unsupported('sshd');
    const inv = sshdInvocation(proc.args);
    const t = await exec([inv.bin, '-T', '-f', inv.file]);
    const refused = ownCheckFailed(
      t,
      [inv.bin, '-t', '-f', inv.file],
      'sshd -T',
      'sshd',
      parseSshdError,
    );
    if (refused) return refused;
    const listen = parseSshdListen(sanitizeOutput(t.stdout));
    data.listen = listen;
    const onPort = listen.filter((l) => l.port === port);
    const any = v6 ? '::' : '0.0.0.0';
    if (onPort.length === 0 || onPort.some((l) => l.host === any)) {
      return done(
        'inconclusive',
        msg('evidence.config.noListen', { command: 'sshd -T', port }),
        data,
      );
    }
    const found = await sshdListenFile(inv.file, exec);
    if (!found) {
      return done(
        'inconclusive',
        msg('evidence.config.noDirectiveIncluded', { directive: 'ListenAddress', file: inv.file }),
        data,
      );
    }
    file = found;
  } else if (proc.comm === 'postgres') {
    data.program = 'postgresql';
    const inv = pgInvocation(proc.args);
    if (!inv) {
      return done('inconclusive', msg('evidence.config.noPgFile', { pid }), data);
    }
    const who = await exec(['ps', '-o', 'user=', '-p', String(pid)], false);
    const user = sanitizeOutput(who.stdout).trim() || 'postgres';
    // postgres refuses to run as root: its own check runs as the cluster's owner.
    const setting = move ? 'port' : 'listen_addresses';
    data.check = ['runuser', '-u', user, '--', inv.bin, '-C', setting, ...inv.options];
    file = inv.file;
  } else if (proc.comm === 'apache2') {
    data.program = 'apache';
    // Its <VirtualHost *:PORT> blocks would have to move with Listen: not done here.
    if (move) return unsupported('Apache');
    const ctl = '/usr/sbin/apache2ctl';
    const dump = await exec([ctl, '-t', '-D', 'DUMP_INCLUDES']);
    const refused = ownCheckFailed(dump, [ctl, '-t'], 'apache2ctl -t', 'Apache', parseApacheError);
    if (refused) return refused;
    const files = parseApacheIncludes(sanitizeOutput(dump.stdout)).slice(0, 500);
    if (files.length === 0)
      return done('inconclusive', msg('evidence.config.noFiles', { command: 'apache2ctl' }), data);
    const grep = await exec([
      'grep',
      '-Hn',
      '-i',
      '-E',
      '^[[:space:]]*Listen[[:space:]]',
      '--',
      ...files,
    ]);
    const hit = parseGrepHits(sanitizeOutput(grep.stdout)).find((h) =>
      apacheListenBinds(h.text, port, v6),
    );
    if (!hit) {
      return done(
        'inconclusive',
        msg('evidence.config.noListen', { command: 'apache2ctl -t -D DUMP_INCLUDES', port }),
        data,
      );
    }
    file = hit.path;
    line = hit.line;
    dumpLine = hit.text;
  } else if (proc.comm === 'mariadbd' || proc.comm === 'mysqld') {
    data.program = 'mariadb';
    // An address on the command line wins over every option file.
    const onCommandLine = move ? null : mysqlArgvBind(proc.args);
    if (onCommandLine !== null) {
      if (unit) {
        const show = await exec(
          ['systemctl', 'show', '-p', 'ExecStart', '-p', 'Environment', unit],
          false,
        );
        const out = sanitizeOutput(show.stdout);
        const argv = parseExecStart(
          out
            .split('\n')
            .filter((l) => !l.startsWith('Environment='))
            .join('\n'),
        );
        if (argv && mysqlArgvEverywhere(argv, v6)) return unitSettingEvidence(data, unit, { argv });
        // Debian's unit passes $MYSQLD_OPTS (its documented way): the variable that binds.
        const execLine = out.split('\n').find((l) => l.startsWith('ExecStart=')) ?? '';
        const env = parseShowEnvironment(out).findLast(
          (a) =>
            mysqlOptsEverywhere(a.value, v6) !== null &&
            environmentValue(out, a.name) === a.value &&
            new RegExp(`\\$\\{?${a.name}(?![A-Za-z0-9_])`).test(execLine),
        );
        if (env) return unitSettingEvidence(data, unit, env);
      }
      return done(
        'inconclusive',
        msg('evidence.config.onCommandLine', {
          program: 'mariadbd',
          option: `--bind-address=${onCommandLine}`,
          unit: unit ?? `pid ${pid}`,
        }),
        data,
      );
    }
    const root = mysqlDefaultsFile(proc.args);
    const hit = await mysqlBindFile(root.file, exec, move ? 'port' : 'bind-address');
    data.check = [
      'my_print_defaults',
      ...(root.explicit ? [`--defaults-file=${root.file}`] : []),
      '--mysqld',
    ];
    if (!hit) {
      return done(
        'inconclusive',
        msg('evidence.config.noDirectiveIncluded', {
          directive: move ? 'port' : 'bind-address',
          file: root.file,
        }),
        data,
      );
    }
    file = hit.path;
    line = hit.line;
    dumpLine = hit.text;
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
  if (data.program === 'redis') line = move ? lastRedisPort(lines) : lastRedisBind(lines);
  if (data.program === 'sshd') line = sshdListenLines(lines).at(-1) ?? null;
  if (data.program === 'postgresql') line = move ? pgPortLine(lines) : pgListenLine(lines);
  const text = line !== null ? lines[line - 1] : undefined;
  if (line === null || text === undefined || (dumpLine !== null && text !== dumpLine)) {
    return done(
      'inconclusive',
      move
        ? msg('evidence.config.noPortDirective', { file, port })
        : msg('evidence.config.noDirective', { file }),
      data,
    );
  }
  const at = line;
  data.directive = { line: at, text };
  let first = at;
  let last = at;
  if (move && data.program === 'nginx') {
    // The listen lines next to it on the same port (IPv4 and IPv6) move together.
    data.also = lines.flatMap((t, i) =>
      i + 1 !== at && Math.abs(i + 1 - at) <= NEARBY && nginxListenOnPort(t, port)
        ? [{ line: i + 1, text: t }]
        : [],
    );
    first = Math.min(at, ...data.also.map((a) => a.line));
    last = Math.max(at, ...data.also.map((a) => a.line));
  }
  data.window = windowAround(lines, first, last);
  return done('pass', msg('evidence.config.directive', { file, line, text: text.trim() }), data);
};

/** sshd's directory for relative `Include` paths. */
const SSHD_DIR = '/etc/ssh';

/**
 * The file whose `ListenAddress` lines decide where sshd listens: its main file, else the
 * first file it includes (`Include`, a glob in the last part of the path, in sorted order
 * as sshd reads them) that has one. Null when none has.
 */
async function sshdListenFile(
  main: string,
  exec: (argv: string[], privileged?: boolean | 'optional') => Promise<ExecResult>,
): Promise<string | null> {
  const read = async (path: string): Promise<string[] | null> => {
    const r = await exec(['cat', '--', path]);
    return r.exitCode === 0 && !r.truncated ? splitLines(r.stdout).lines : null;
  };
  const lines = await read(main);
  if (!lines) return null;
  if (sshdListenLines(lines).length > 0) return main;
  for (const inc of sshdIncludes(lines)) {
    const path = inc.startsWith('/') ? inc : `${SSHD_DIR}/${inc}`;
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash) || '/';
    const base = path.slice(slash + 1);
    let files = [path];
    if (/[*?[]/.test(base) && !/[*?[]/.test(dir)) {
      const found = await exec(['find', dir, '-maxdepth', '1', '-name', base, '-type', 'f']);
      files = found.stdout
        .split('\n')
        .filter((f) => f.startsWith('/'))
        .sort();
    } else if (/[*?[]/.test(path)) {
      continue;
    }
    for (const f of files) {
      const inc = await read(f);
      if (inc && sshdListenLines(inc).length > 0) return f;
    }
  }
  return null;
}

/**
 * Where mariadbd's `bind-address` is set: the option files from `root` on, following
 * `!include` and `!includedir` (a directory's `*.cnf`, sorted) as mariadbd reads them.
 */
async function mysqlBindFile(
  root: string,
  exec: (argv: string[], privileged?: boolean | 'optional') => Promise<ExecResult>,
  option: MysqlOption,
): Promise<{ path: string; line: number; text: string } | null> {
  const files = new Map<string, string[]>();
  const dirs = new Map<string, string[]>();
  const queue = [root];
  while (queue.length > 0 && files.size < 64) {
    const path = queue.shift()!;
    if (files.has(path)) continue;
    const r = await exec(['cat', '--', path]);
    if (r.exitCode !== 0 || r.truncated) continue;
    const lines = splitLines(r.stdout).lines;
    files.set(path, lines);
    for (const inc of mysqlIncludes(lines)) {
      if (inc.kind === 'file') {
        queue.push(inc.path);
        continue;
      }
      const dir = inc.path.replace(/\/+$/, '');
      if (dirs.has(dir)) continue;
      const found = await exec(['find', dir, '-maxdepth', '1', '-name', '*.cnf', '-type', 'f']);
      const list = found.stdout
        .split('\n')
        .filter((f) => f.startsWith('/'))
        .sort();
      dirs.set(dir, list);
      queue.push(...list);
    }
  }
  const at = mysqlBindLocation(root, files, dirs, option);
  const text = at ? files.get(at.path)?.[at.line - 1] : undefined;
  return at && text !== undefined ? { ...at, text } : null;
}
