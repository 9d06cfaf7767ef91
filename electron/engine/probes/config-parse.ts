/**
 * Pure parsers of the `config` probe (no I/O): `ps` of the listening process, its cgroup
 * (its systemd unit), `nginx -T` (the files nginx really read) and `nginx -t` errors,
 * `systemctl show -p ExecStart` (the file Redis was started with), `sha256sum`.
 */

/** `ps -ww -o comm= -o args= -p PID`: the process name and its command line. */
export function parsePs(stdout: string): { comm: string; args: string[] } | null {
  const line = stdout.split('\n').find((l) => l.trim() !== '');
  if (!line) return null;
  const words = line.trim().split(/\s+/);
  const [comm, ...args] = words;
  return comm ? { comm, args } : null;
}

/** The systemd unit of a process, from `/proc/PID/cgroup` (`0::/system.slice/x.service`). */
export function unitFromCgroup(stdout: string): string | null {
  for (const line of stdout.split('\n')) {
    const path = line.split(':').slice(2).join(':').trim();
    const m = /\/([A-Za-z0-9@._\\-]+\.service)(?:\/[^/]*)?$/.exec(path);
    if (m?.[1]) return m[1];
  }
  return null;
}

/**
 * nginx's master rewrites its command line (`nginx: master process /usr/sbin/nginx -c
 * /etc/x.conf -g …`): the binary and its `-c` / `-p` options, for running the same nginx
 * on the same configuration.
 */
export function nginxInvocation(args: readonly string[]): { bin: string; options: string[] } {
  const i = args.indexOf('process');
  const rest = i >= 0 ? args.slice(i + 1) : args;
  const bin = rest[0]?.startsWith('/') ? rest[0] : 'nginx';
  const options: string[] = [];
  for (let k = 1; k < rest.length; k++) {
    const flag = rest[k];
    const value = rest[k + 1];
    if ((flag === '-c' || flag === '-p') && value !== undefined && value.startsWith('/')) {
      options.push(flag, value);
      k++;
    }
  }
  return { bin, options };
}

/** One file of an `nginx -T` dump. */
export interface DumpedFile {
  path: string;
  lines: string[];
}

const MARKER = '# configuration file ';

/**
 * Splits `nginx -T` output into the files nginx read, in its order. nginx prints each
 * file after `# configuration file PATH:` and then an empty line.
 */
export function parseNginxDump(stdout: string): DumpedFile[] {
  const files: DumpedFile[] = [];
  let cur: DumpedFile | null = null;
  for (const line of stdout.split('\n')) {
    if (line.startsWith(MARKER) && line.endsWith(':')) {
      cur = { path: line.slice(MARKER.length, -1), lines: [] };
      files.push(cur);
    } else if (cur) {
      cur.lines.push(line);
    }
  }
  for (const f of files) if (f.lines.at(-1) === '') f.lines.pop();
  return files;
}

/** A program's own complaint about its configuration, and the file:line it names. */
export interface ConfigError {
  line: string;
  at: { file: string; line: number } | null;
}

/** The non-empty lines of a program's output, trimmed. */
function outputLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/**
 * nginx's own complaint about its configuration (`nginx: [emerg] invalid parameter
 * "bogus" in /etc/nginx/sites-enabled/default:22`): the line and the file:line it names.
 */
export function parseNginxError(stderr: string): ConfigError | null {
  const lines = stderr.split('\n').map((l) => l.trim());
  const bad = lines.find((l) => /\[(emerg|alert|crit|error)\]/.test(l));
  if (!bad) return null;
  const m = / in (\/\S+):(\d+)\s*$/.exec(bad);
  const at = m?.[1] && m[2] ? { file: m[1], line: Number(m[2]) } : null;
  // Drop the time and pid prefix (`2026/12/04 05:45:44 [emerg] 24580#24580: `).
  const text = bad.replace(/^(?:nginx: )?(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d )?/, '');
  return { line: text.replace(/^(\[\w+\]) \d+#\d+: /, '$1 '), at };
}

/**
 * The configuration file in a unit's `ExecStart` (`systemctl show -p ExecStart`):
 * `ExecStart={ path=/usr/bin/redis-server ; argv[]=/usr/bin/redis-server
 * /etc/redis/redis.conf --supervised systemd … ; … }` → the first argument after the
 * program that is an absolute path.
 */
export function configFromExecStart(stdout: string): string | null {
  const m = /argv\[\]=([^;]*)/.exec(stdout);
  if (!m?.[1]) return null;
  const words = m[1].trim().split(/\s+/).slice(1);
  for (const w of words) {
    if (w.startsWith('-')) break;
    if (w.startsWith('/')) return w;
  }
  return null;
}

/** `sha256sum FILE` → the hash, or null. */
export function parseSha256sum(stdout: string): string | null {
  const m = /^\\?([0-9a-f]{64})\s/.exec(stdout);
  return m?.[1] ?? null;
}

/** Where sshd's own configuration is when no `-f` names another. */
export const SSHD_DEFAULT_CONFIG = '/etc/ssh/sshd_config';

/**
 * The sshd listener rewrites its command line (`sshd: /usr/sbin/sshd -D -f /etc/x
 * [listener] 0 of 10-100 startups`): its binary and the configuration file it read (`-f`,
 * else sshd's default).
 */
export function sshdInvocation(args: readonly string[]): { bin: string; file: string } {
  const rest = args[0]?.endsWith(':') ? args.slice(1) : args;
  const bin = rest[0]?.startsWith('/') && rest[0].endsWith('sshd') ? rest[0] : '/usr/sbin/sshd';
  let file = SSHD_DEFAULT_CONFIG;
  for (let k = 1; k < rest.length; k++) {
    const w = rest[k] ?? '';
    if (w.startsWith('[')) break;
    if (w === '-f' && rest[k + 1]?.startsWith('/')) file = rest[k + 1] ?? file;
    else if (w.startsWith('-f/')) file = w.slice(2);
  }
  return { bin, file };
}

/** One address sshd listens on, as `sshd -T` prints it. */
export interface SshdListen {
  /** The address without brackets (`0.0.0.0`, `::`, `127.0.0.1`). */
  host: string;
  port: number;
}

/** The `listenaddress HOST:PORT` lines of `sshd -T` (its effective configuration). */
export function parseSshdListen(stdout: string): SshdListen[] {
  const out: SshdListen[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^listenaddress\s+(?:\[([^\]]+)\]|([^\s:]+)):(\d{1,5})(?:\s|$)/.exec(line.trim());
    const host = m?.[1] ?? m?.[2];
    if (!m || host === undefined) continue;
    out.push({ host, port: Number(m[3]) });
  }
  return out;
}

/**
 * sshd's own complaint about its configuration (`sshd -t` / `sshd -T` on stderr:
 * `/etc/ssh/sshd_config line 3: Bad configuration option: Bogus`), or null.
 */
export function parseSshdError(stderr: string): ConfigError | null {
  const lines = outputLines(stderr);
  const bad = lines.find((l) => / line \d+: /.test(l)) ?? lines.at(-1);
  if (!bad) return null;
  const m = /^(\/\S+?):? line (\d+): /.exec(bad);
  return { line: bad, at: m?.[1] && m[2] ? { file: m[1], line: Number(m[2]) } : null };
}

/**
 * The postmaster's command line (`/usr/lib/postgresql/15/bin/postgres -D
 * /var/lib/postgresql/15/main -c config_file=/etc/postgresql/15/main/postgresql.conf`):
 * its binary, the configuration file it read (`config_file`, else the data directory's
 * postgresql.conf) and the options that make `postgres -C` read the same files.
 */
export function pgInvocation(
  args: readonly string[],
): { bin: string; file: string; options: string[] } | null {
  const bin = args[0];
  if (!bin?.startsWith('/')) return null;
  let dataDir: string | null = null;
  let file: string | null = null;
  for (let k = 1; k < args.length; k++) {
    const w = args[k] ?? '';
    const next = args[k + 1];
    let setting: string | null = null;
    if ((w === '-D' || w === '--pgdata') && next?.startsWith('/')) {
      dataDir = next;
      k++;
    } else if (w.startsWith('--pgdata=')) {
      dataDir = w.slice('--pgdata='.length);
    } else if (w === '-c' && next !== undefined) {
      setting = next;
      k++;
    } else if (w.startsWith('--')) {
      setting = w.slice(2);
    }
    const m = setting !== null ? /^config[_-]file=(\/.+)$/.exec(setting) : null;
    if (m?.[1]) file = m[1];
  }
  if (file === null && dataDir !== null) file = `${dataDir.replace(/\/+$/, '')}/postgresql.conf`;
  if (file === null) return null;
  const options = [...(dataDir !== null ? ['-D', dataDir] : []), '-c', `config_file=${file}`];
  return { bin, file, options };
}

/** The files `apache2ctl -t -D DUMP_INCLUDES` says Apache read, in order. */
export function parseApacheIncludes(stdout: string): string[] {
  const out: string[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^\s*\((?:\*|\d+)\)\s+(\/\S.*?)\s*$/.exec(line);
    if (m?.[1]) out.push(m[1]);
  }
  return out;
}

/** `grep -Hn` output: `path:line:text`. */
export function parseGrepHits(stdout: string): { path: string; line: number; text: string }[] {
  const out: { path: string; line: number; text: string }[] = [];
  for (const l of stdout.split('\n')) {
    const m = /^(\/[^:]*):(\d+):(.*)$/.exec(l);
    if (m?.[1] && m[2] && m[3] !== undefined)
      out.push({ path: m[1], line: Number(m[2]), text: m[3] });
  }
  return out;
}

/**
 * Apache's own complaint about its configuration (`AH00526: Syntax error on line 5 of
 * /etc/apache2/ports.conf:` and the reason on the next line), or null.
 */
export function parseApacheError(stderr: string): ConfigError | null {
  const lines = outputLines(stderr);
  const i = lines.findIndex((l) => /Syntax error on line \d+ of \//.test(l));
  if (i < 0) return null;
  const head = lines[i] ?? '';
  const m = /Syntax error on line (\d+) of (\/\S+?):?$/.exec(head);
  const text = `${head.replace(/^AH\d+: /, '')} ${lines[i + 1] ?? ''}`.trim();
  return { line: text, at: m?.[1] && m[2] ? { file: m[2], line: Number(m[1]) } : null };
}

/** The option files mariadbd reads first: its `--defaults-file`, else Debian's my.cnf. */
export function mysqlDefaultsFile(args: readonly string[]): {
  file: string;
  explicit: boolean;
} {
  for (const a of args) {
    const m = /^--defaults-file=(\/\S+)$/.exec(a);
    if (m?.[1]) return { file: m[1], explicit: true };
  }
  return { file: '/etc/mysql/my.cnf', explicit: false };
}

/**
 * A unit's one command line from `systemctl show -p ExecStart` (`ExecStart={ path=… ;
 * argv[]=/usr/bin/redis-server /etc/redis/redis.conf --bind 127.0.0.1 ; ignore_errors=no
 * ; … }`): its words as systemd joined them. Null when there is none or more than one
 * (a oneshot unit's several ExecStart lines).
 */
export function parseExecStart(stdout: string): string[] | null {
  const text = stdout.trim();
  if ((text.match(/\{ path=/g) ?? []).length !== 1) return null;
  const m = /argv\[\]=([^;]*) ;/.exec(text);
  const words =
    m?.[1]
      ?.trim()
      .split(/\s+/)
      .filter((w) => w !== '') ?? [];
  return words.length > 0 ? words : null;
}

/**
 * `systemctl show -p FragmentPath -p DropInPaths`: the unit file and its drop-ins, in the
 * order systemd reads them.
 */
export function parseUnitPaths(stdout: string): { fragment: string | null; dropIns: string[] } {
  let fragment: string | null = null;
  let dropIns: string[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^(FragmentPath|DropInPaths)=(.*)$/.exec(line.trim());
    if (!m?.[2]) continue;
    if (m[1] === 'FragmentPath') fragment = m[2].startsWith('/') ? m[2] : null;
    else dropIns = m[2].split(/\s+/).filter((p) => p.startsWith('/'));
  }
  return { fragment, dropIns };
}

/** The last non-empty `ExecStart=` line of a unit file (1-based), or null. */
export function lastExecStartLine(lines: readonly string[]): number | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^\s*ExecStart\s*=\s*\S/.test(lines[i] ?? '')) return i + 1;
  }
  return null;
}

/** The last `Environment=` line of a unit file that sets `name` (1-based), or null. */
export function lastEnvironmentLine(lines: readonly string[], name: string): number | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^\s*Environment\s*=(.*)$/.exec(lines[i] ?? '');
    if (m?.[1] !== undefined && new RegExp(`(^|[\\s"])${name}=`).test(m[1])) return i + 1;
  }
  return null;
}
