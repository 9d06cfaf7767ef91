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

/**
 * nginx's own complaint about its configuration (`nginx: [emerg] invalid parameter
 * "bogus" in /etc/nginx/sites-enabled/default:22`): the line and the file:line it names.
 */
export function parseNginxError(
  stderr: string,
): { line: string; at: { file: string; line: number } | null } | null {
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
