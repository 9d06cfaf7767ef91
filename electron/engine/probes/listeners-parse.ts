import type { Listener, ListenersData } from '../../../shared/probe-data';
import { inconclusiveParse, verdict, type Parsed, type RawOutput } from './define';
import { msg } from '../../../shared/i18n/message';

/**
 * Pure parsers of the listening-socket tables of `ss -Hltnp` (iproute2) and
 * `netstat -ltnp` (net-tools), and the verdict for one port.
 */

/** Splits `ADDR[%IFACE]:PORT` as ss prints it (`[::1]:22`, `*:80`, `0.0.0.0%eth0:8080`). */
function splitSsLocal(
  local: string,
): { address: string; iface?: string; port: number; bracketed: boolean } | null {
  const colon = local.lastIndexOf(':');
  if (colon <= 0) return null;
  const port = Number(local.slice(colon + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) return null;
  const host = local.slice(0, colon);
  const m = /^(?:\[([^\]]+)\]|([^%[\]]+))(?:%(\S+))?$/.exec(host);
  if (!m) return null;
  const address = m[1] ?? m[2] ?? '';
  return { address, port, bracketed: m[1] !== undefined, ...(m[3] ? { iface: m[3] } : {}) };
}

/** `users:(("sshd",pid=1,fd=3),("sshd",pid=2,fd=3))` → names and pids in order. */
function parseUsers(text: string): { name: string; pid: number }[] {
  const out: { name: string; pid: number }[] = [];
  const re = /\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=\d+\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ name: m[1] ?? '', pid: Number(m[2]) });
  }
  return out;
}

function familyOf(address: string, bracketed: boolean): 4 | 6 {
  // ss prints a dual-stack IPv6 socket (IPV6_V6ONLY off) as `*`.
  return bracketed || address === '*' || address.includes(':') ? 6 : 4;
}

/** Parses `ss -Hltnp` (a header line, as older ss prints without -H, is skipped). */
export function parseSsListeners(stdout: string): { listeners: Listener[]; unread: string[] } {
  const listeners: Listener[] = [];
  const unread: string[] = [];
  for (const raw of stdout.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('State') || line.startsWith('Netid')) continue;
    const cols = line.split(/\s+/);
    const [state, , , local] = cols;
    if (state !== 'LISTEN' || local === undefined) {
      unread.push(line);
      continue;
    }
    const parts = splitSsLocal(local);
    if (!parts) {
      unread.push(line);
      continue;
    }
    const usersAt = line.indexOf('users:(');
    const users = usersAt >= 0 ? parseUsers(line.slice(usersAt)) : [];
    const first = users[0];
    const pids = [...new Set(users.map((u) => u.pid))];
    listeners.push({
      address: parts.address,
      port: parts.port,
      family: familyOf(parts.address, parts.bracketed),
      process: first?.name ?? null,
      pid: first?.pid ?? null,
      ...(parts.iface ? { iface: parts.iface } : {}),
      ...(pids.length > 1 ? { pids } : {}),
      // ss prints a dual-stack wildcard as `*` and an IPv6-only one as `[::]`.
      ...(parts.address === '*' ? { v6only: false } : {}),
      ...(parts.address === '::' && parts.bracketed ? { v6only: true } : {}),
    });
  }
  return { listeners, unread };
}

/** Parses `netstat -ltnp` (net-tools). Program names may be truncated by netstat itself. */
export function parseNetstatListeners(stdout: string): {
  listeners: Listener[];
  unread: string[];
} {
  const listeners: Listener[] = [];
  const unread: string[] = [];
  for (const raw of stdout.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('Active ') || line.startsWith('Proto ')) continue;
    if (line.startsWith('(')) continue; // "(Not all processes could be identified…" notice
    const m = /^(tcp6?)\s+\d+\s+\d+\s+(\S+)\s+\S+\s+LISTEN\s*(.*)$/.exec(line);
    if (!m) {
      unread.push(line);
      continue;
    }
    const local = m[2] ?? '';
    const colon = local.lastIndexOf(':');
    const port = Number(local.slice(colon + 1));
    if (colon <= 0 || !Number.isInteger(port)) {
      unread.push(line);
      continue;
    }
    const address = local.slice(0, colon);
    const prog = /^(\d+)\/(.*)$/.exec((m[3] ?? '').trim());
    listeners.push({
      address,
      port,
      family: m[1] === 'tcp6' ? 6 : 4,
      process: prog ? (prog[2] ?? '').trim() || null : null,
      pid: prog ? Number(prog[1]) : null,
    });
  }
  return { listeners, unread };
}

/** Formats one listener for people: `127.0.0.1:8080 (python3, pid 42)`. */
export function describeListener(l: Listener): string {
  const host = l.address.includes(':') ? `[${l.address}]` : l.address;
  const where = `${host}${l.iface ? `%${l.iface}` : ''}:${l.port}`;
  const who = l.process ? ` (${l.process}${l.pid !== null ? `, pid ${l.pid}` : ''})` : '';
  return where + who;
}

/**
 * Turns a parsed table into the probe's verdict: with `port`, pass when something listens
 * on it (on any address); without, pass when the table could be read.
 */
export function listenersVerdict(
  listeners: Listener[],
  processesVisible: boolean,
  port: number | undefined,
): Parsed<ListenersData> {
  const data: ListenersData = { listeners, processesVisible };
  const hidden = processesVisible ? 'none' : 'hidden';
  if (port === undefined) {
    return verdict(
      'pass',
      data,
      msg('evidence.listeners.count', { count: listeners.length, hidden }),
    );
  }
  const onPort = listeners.filter((l) => l.port === port);
  if (onPort.length === 0) {
    const others = [...new Set(listeners.map((l) => l.port))].sort((a, b) => a - b);
    return verdict(
      'fail',
      data,
      others.length
        ? msg('evidence.listeners.nothingOthers', {
            port,
            others: `${others.slice(0, 12).join(', ')}${others.length > 12 ? ', …' : ''}`,
          })
        : msg('evidence.listeners.nothing', { port }),
    );
  }
  return verdict(
    'pass',
    data,
    msg('evidence.listeners.on', {
      port,
      listeners: onPort.map(describeListener).join(', '),
      hidden,
    }),
  );
}

/** Pure parser of `ss -Hltnp` output for the listeners probe. */
export function parseSsOutput(out: RawOutput, port?: number): Parsed<ListenersData> {
  if (out.exitCode !== 0) {
    const why = out.stderr.trim().split('\n')[0] ?? '';
    return inconclusiveParse(
      why
        ? msg('evidence.command.failedWhy', { command: 'ss', error: why })
        : msg('evidence.command.failed', { command: 'ss' }),
    );
  }
  const { listeners, unread } = parseSsListeners(out.stdout);
  if (listeners.length === 0 && unread.length > 0) {
    return inconclusiveParse(
      msg('evidence.command.unrecognised', { command: 'ss', line: unread[0] ?? '' }),
    );
  }
  // Without privilege ss shows owners only for the caller's own sockets.
  const processesVisible = listeners.every((l) => l.process !== null);
  return listenersVerdict(listeners, processesVisible, port);
}

/** Pure parser of `netstat -ltnp` output for the listeners probe. */
export function parseNetstatOutput(out: RawOutput, port?: number): Parsed<ListenersData> {
  if (out.exitCode !== 0) {
    const why = out.stderr.trim().split('\n')[0] ?? '';
    return inconclusiveParse(
      why
        ? msg('evidence.command.failedWhy', { command: 'netstat', error: why })
        : msg('evidence.command.failed', { command: 'netstat' }),
    );
  }
  const { listeners, unread } = parseNetstatListeners(out.stdout);
  if (listeners.length === 0 && unread.length > 0) {
    return inconclusiveParse(
      msg('evidence.command.unrecognised', { command: 'netstat', line: unread[0] ?? '' }),
    );
  }
  const notice = /Not all processes could be identified/.test(out.stdout + out.stderr);
  const processesVisible = !notice && listeners.every((l) => l.process !== null);
  return listenersVerdict(listeners, processesVisible, port);
}
